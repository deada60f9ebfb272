// Values and items of the C API (lmddb/lmddb.h): building, copying and
// reading lmddb::AttributeValue and lmddb::Item through opaque handles.
#include <cstring>
#include <limits>

#include "api/c/c_internal.h"

namespace lmddb::c_api {
namespace {

using Type = AttributeValue::Type;

lmddb_value* NewValue(AttributeValue v) { return ToC(new AttributeValue(std::move(v))); }

bool Is(const lmddb_value* v, Type type) { return v != nullptr && FromC(v)->is(type); }

// Writes `text` NUL-terminated into buf; LMDDB_MISUSE when it does not fit.
int CopyOut(const std::string& text, char* buf, size_t buf_size, size_t* len) {
  if (len != nullptr) *len = text.size();
  if (buf == nullptr || buf_size <= text.size()) return LMDDB_MISUSE;
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  return LMDDB_OK;
}

// REQUIRES: text is not null or len is 0.
StatusOr<Number> ParseNumber(const char* text, size_t len) {
  return Number::Parse(std::string_view(text == nullptr ? "" : text, len));
}

// The next map entry after *name (or the first one), as the *_next
// functions document.
const lmddb_value* MapNext(const Item* map, const char** name, size_t* name_len) {
  if (map == nullptr || name == nullptr) return nullptr;
  auto it = *name == nullptr
                ? map->begin()
                : map->upper_bound(std::string_view(*name, name_len != nullptr ? *name_len
                                                                               : std::strlen(*name)));
  if (it == map->end()) return nullptr;
  *name = it->first.c_str();
  if (name_len != nullptr) *name_len = it->first.size();
  return ToC(&it->second);
}

// Int64 value of an integral Number, or nullopt.
std::optional<int64_t> ToInt64(const Number& n) {
  if (n.is_zero()) return 0;
  if (n.exponent() < 0 || n.adjusted_exponent() > 18) return std::nullopt;
  Number::Coefficient magnitude = n.coefficient();
  for (int i = 0; i < n.exponent(); ++i) magnitude *= 10;  // at most 19 digits: no overflow
  const Number::Coefficient max = static_cast<Number::Coefficient>(std::numeric_limits<int64_t>::max());
  if (!n.negative()) {
    if (magnitude > max) return std::nullopt;
    return static_cast<int64_t>(magnitude);
  }
  if (magnitude > max + 1) return std::nullopt;
  if (magnitude == max + 1) return std::numeric_limits<int64_t>::min();
  return -static_cast<int64_t>(magnitude);
}

}  // namespace
}  // namespace lmddb::c_api

using lmddb::AttributeValue;
using lmddb::Item;
using lmddb::Number;
using namespace lmddb::c_api;  // NOLINT: this file implements the C API

extern "C" {

// ---- Constructors ----

const char* lmddb_type_name(lmddb_type type) {
  if (type < LMDDB_TYPE_S || type > LMDDB_TYPE_BS) return "";
  return lmddb::TypeName(static_cast<Type>(type));
}

lmddb_value* lmddb_value_new_s(const char* data, size_t len) {
  if (data == nullptr && len != 0) return nullptr;
  return GuardPtr([&] { return NewValue(AttributeValue::S(std::string(data == nullptr ? "" : data, len))); });
}

lmddb_value* lmddb_value_new_b(const void* data, size_t len) {
  if (data == nullptr && len != 0) return nullptr;
  return GuardPtr([&] {
    return NewValue(AttributeValue::B(len == 0 ? std::string() : std::string(static_cast<const char*>(data), len)));
  });
}

lmddb_value* lmddb_value_new_bool(int b) {
  return GuardPtr([&] { return NewValue(AttributeValue::Bool(b != 0)); });
}
lmddb_value* lmddb_value_new_null(void) {
  return GuardPtr([&] { return NewValue(AttributeValue::Null()); });
}

lmddb_value* lmddb_value_new_n(const char* text, size_t len, lmddb_error** err) {
  lmddb_value* out = nullptr;
  if (text == nullptr && len != 0) {
    Misuse(err, "lmddb_value_new_n", "text is NULL with a nonzero length");
    return nullptr;
  }
  Guard(err, [&]() -> int {
    auto n = ParseNumber(text, len);
    if (!n.ok()) return SetError(err, n.status());
    out = NewValue(AttributeValue::N(*n));
    return LMDDB_OK;
  });
  return out;
}

lmddb_value* lmddb_value_new_n_int64(int64_t n) {
  return GuardPtr([&] { return NewValue(AttributeValue::N(Number::FromInt64(n))); });
}

lmddb_value* lmddb_value_new_l(void) { return GuardPtr([] { return NewValue(AttributeValue::L({})); }); }
lmddb_value* lmddb_value_new_m(void) { return GuardPtr([] { return NewValue(AttributeValue::M({})); }); }
lmddb_value* lmddb_value_new_ss(void) { return GuardPtr([] { return NewValue(AttributeValue::SS({})); }); }
lmddb_value* lmddb_value_new_ns(void) { return GuardPtr([] { return NewValue(AttributeValue::NS({})); }); }
lmddb_value* lmddb_value_new_bs(void) { return GuardPtr([] { return NewValue(AttributeValue::BS({})); }); }

lmddb_value* lmddb_value_clone(const lmddb_value* v) {
  if (v == nullptr) return nullptr;
  return GuardPtr([&] { return NewValue(*FromC(v)); });
}

void lmddb_value_free(lmddb_value* v) { delete FromC(v); }

// ---- Building containers ----

int lmddb_value_list_append(lmddb_value* list, lmddb_value* element) {
  if (element == list) return LMDDB_MISUSE;  // consuming it would free the target
  auto owned = Adopt(element);
  if (!Is(list, Type::kL) || owned == nullptr) return LMDDB_MISUSE;
  return Guard(nullptr, [&]() -> int {
    FromC(list)->l().push_back(std::move(*owned));
    return LMDDB_OK;
  });
}

int lmddb_value_map_set(lmddb_value* map, const char* name, lmddb_value* element) {
  if (element == map) return LMDDB_MISUSE;  // consuming it would free the target
  auto owned = Adopt(element);
  if (!Is(map, Type::kM) || name == nullptr || owned == nullptr) return LMDDB_MISUSE;
  return Guard(nullptr, [&]() -> int {
    FromC(map)->m().insert_or_assign(std::string(name), std::move(*owned));
    return LMDDB_OK;
  });
}

int lmddb_value_set_add_s(lmddb_value* ss, const char* data, size_t len) {
  if (!Is(ss, Type::kSS) || (data == nullptr && len != 0)) return LMDDB_MISUSE;
  return Guard(nullptr, [&]() -> int {
    FromC(ss)->ss().emplace_back(data == nullptr ? "" : data, len);
    return LMDDB_OK;
  });
}

int lmddb_value_set_add_b(lmddb_value* bs, const void* data, size_t len) {
  if (!Is(bs, Type::kBS) || (data == nullptr && len != 0)) return LMDDB_MISUSE;
  return Guard(nullptr, [&]() -> int {
    FromC(bs)->bs()
        .push_back(len == 0 ? std::string() : std::string(static_cast<const char*>(data), len));
    return LMDDB_OK;
  });
}

int lmddb_value_set_add_n(lmddb_value* ns, const char* text, size_t len, lmddb_error** err) {
  if (!Is(ns, Type::kNS)) return Misuse(err, "lmddb_value_set_add_n", "the value is not an NS");
  if (text == nullptr && len != 0) {
    return Misuse(err, "lmddb_value_set_add_n", "text is NULL with a nonzero length");
  }
  return Guard(err, [&]() -> int {
    auto n = ParseNumber(text, len);
    if (!n.ok()) return SetError(err, n.status());
    FromC(ns)->ns().push_back(*n);
    return LMDDB_OK;
  });
}

// ---- Reading ----

lmddb_type lmddb_value_type(const lmddb_value* v) {
  return v == nullptr ? LMDDB_TYPE_INVALID : static_cast<lmddb_type>(FromC(v)->type());
}

const char* lmddb_value_s(const lmddb_value* v, size_t* len) {
  if (!Is(v, Type::kS)) return nullptr;
  if (len != nullptr) *len = FromC(v)->s().size();
  return FromC(v)->s().c_str();
}

const void* lmddb_value_b(const lmddb_value* v, size_t* len) {
  if (!Is(v, Type::kB)) return nullptr;
  if (len != nullptr) *len = FromC(v)->b().size();
  return FromC(v)->b().c_str();
}

int lmddb_value_bool(const lmddb_value* v, int* out) {
  if (!Is(v, Type::kBool) || out == nullptr) return LMDDB_MISUSE;
  *out = FromC(v)->boolean() ? 1 : 0;
  return LMDDB_OK;
}

int lmddb_value_n(const lmddb_value* v, char* buf, size_t buf_size, size_t* len) {
  if (!Is(v, Type::kN)) return LMDDB_MISUSE;
  return Guard(nullptr, [&]() -> int { return CopyOut(FromC(v)->n().ToString(), buf, buf_size, len); });
}

int lmddb_value_n_int64(const lmddb_value* v, int64_t* out) {
  if (!Is(v, Type::kN) || out == nullptr) return LMDDB_MISUSE;
  const auto n = ToInt64(FromC(v)->n());
  if (!n) return LMDDB_VALIDATION;
  *out = *n;
  return LMDDB_OK;
}

size_t lmddb_value_count(const lmddb_value* v) {
  if (v == nullptr) return 0;
  const AttributeValue& value = *FromC(v);
  switch (value.type()) {
    case Type::kL: return value.l().size();
    case Type::kM: return value.m().size();
    case Type::kSS: return value.ss().size();
    case Type::kNS: return value.ns().size();
    case Type::kBS: return value.bs().size();
    default: return 0;
  }
}

const lmddb_value* lmddb_value_list_at(const lmddb_value* list, size_t i) {
  if (!Is(list, Type::kL) || i >= FromC(list)->l().size()) return nullptr;
  return ToC(&FromC(list)->l()[i]);
}

const char* lmddb_value_set_s_at(const lmddb_value* ss, size_t i, size_t* len) {
  if (!Is(ss, Type::kSS) || i >= FromC(ss)->ss().size()) return nullptr;
  const std::string& s = FromC(ss)->ss()[i];
  if (len != nullptr) *len = s.size();
  return s.c_str();
}

const void* lmddb_value_set_b_at(const lmddb_value* bs, size_t i, size_t* len) {
  if (!Is(bs, Type::kBS) || i >= FromC(bs)->bs().size()) return nullptr;
  const std::string& b = FromC(bs)->bs()[i];
  if (len != nullptr) *len = b.size();
  return b.c_str();
}

int lmddb_value_set_n_at(const lmddb_value* ns, size_t i, char* buf, size_t buf_size, size_t* len) {
  if (!Is(ns, Type::kNS) || i >= FromC(ns)->ns().size()) return LMDDB_MISUSE;
  return Guard(nullptr, [&]() -> int { return CopyOut(FromC(ns)->ns()[i].ToString(), buf, buf_size, len); });
}

const lmddb_value* lmddb_value_map_get(const lmddb_value* map, const char* name) {
  if (!Is(map, Type::kM) || name == nullptr) return nullptr;
  const auto& m = FromC(map)->m();
  const auto it = m.find(std::string_view(name));
  return it == m.end() ? nullptr : ToC(&it->second);
}

const lmddb_value* lmddb_value_map_next(const lmddb_value* map, const char** name, size_t* name_len) {
  if (!Is(map, Type::kM)) return nullptr;
  return MapNext(&FromC(map)->m(), name, name_len);
}

// ---- Items ----

lmddb_item* lmddb_item_new(void) { return GuardPtr([] { return NewItem(Item()); }); }

lmddb_item* lmddb_item_clone(const lmddb_item* item) {
  if (item == nullptr) return nullptr;
  return GuardPtr([&] { return NewItem(*FromC(item)); });
}

void lmddb_item_free(lmddb_item* item) { delete FromC(item); }

int lmddb_item_set(lmddb_item* item, const char* name, lmddb_value* value) {
  auto owned = Adopt(value);
  if (item == nullptr || name == nullptr || owned == nullptr) return LMDDB_MISUSE;
  return Guard(nullptr, [&]() -> int {
    FromC(item)->insert_or_assign(std::string(name), std::move(*owned));
    return LMDDB_OK;
  });
}

int lmddb_item_set_s(lmddb_item* item, const char* name, const char* s) {
  if (s == nullptr) return LMDDB_MISUSE;
  lmddb_value* v = lmddb_value_new_s(s, std::strlen(s));
  if (v == nullptr) return LMDDB_INTERNAL_SERVER_ERROR;
  return lmddb_item_set(item, name, v);
}

int lmddb_item_set_n(lmddb_item* item, const char* name, const char* number_text, lmddb_error** err) {
  if (item == nullptr || name == nullptr || number_text == nullptr) {
    return Misuse(err, "lmddb_item_set_n", "item, name and number_text must not be NULL");
  }
  return Guard(err, [&]() -> int {
    auto n = ParseNumber(number_text, std::strlen(number_text));
    if (!n.ok()) return SetError(err, n.status());
    FromC(item)->insert_or_assign(std::string(name), AttributeValue::N(*n));
    return LMDDB_OK;
  });
}

int lmddb_item_remove(lmddb_item* item, const char* name) {
  if (item == nullptr || name == nullptr) return LMDDB_MISUSE;
  const auto it = FromC(item)->find(std::string_view(name));
  if (it != FromC(item)->end()) FromC(item)->erase(it);
  return LMDDB_OK;
}

const lmddb_value* lmddb_item_get(const lmddb_item* item, const char* name) {
  if (item == nullptr || name == nullptr) return nullptr;
  const auto it = FromC(item)->find(std::string_view(name));
  return it == FromC(item)->end() ? nullptr : ToC(&it->second);
}

size_t lmddb_item_count(const lmddb_item* item) { return item == nullptr ? 0 : FromC(item)->size(); }

const lmddb_value* lmddb_item_next(const lmddb_item* item, const char** name, size_t* name_len) {
  return MapNext(item == nullptr ? nullptr : FromC(item), name, name_len);
}

}  // extern "C"
