// Item encoding and decoding (item_codec.h); layout in docs/item_format.md.
#include "engine/value/item_codec.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/value/varint.h"

namespace lmddb::value {
namespace {

using Type = AttributeValue::Type;

// Coefficients are below 10^38 < 2^127: at most 16 little-endian bytes.
constexpr size_t kMaxCoefficientBytes = 16;
// Stored exponents are far inside this; anything outside is corruption and
// is rejected before it reaches Number::FromParts.
constexpr int64_t kMaxStoredExponent = 1000;

// ---------------------------------------------------------------- writing

void PutLengthPrefixed(std::string* out, std::string_view bytes) {
  PutVarint(out, bytes.size());
  out->append(bytes);
}

void PutType(std::string* out, Type type) { out->push_back(static_cast<char>(type)); }

// Number payload: varint(zigzag(exponent) << 1 | negative), then the
// coefficient's minimal little-endian bytes (none for zero).
uint64_t NumberHeader(const Number& n) {
  const int64_t e = n.exponent();
  const uint64_t zigzag = (static_cast<uint64_t>(e) << 1) ^ static_cast<uint64_t>(e >> 63);
  return (zigzag << 1) | (n.negative() ? 1 : 0);
}

size_t CoefficientBytes(Number::Coefficient c) {
  size_t n = 0;
  while (c != 0) {
    c >>= 8;
    ++n;
  }
  return n;
}

size_t NumberPayloadSize(const Number& n) {
  return VarintLength(NumberHeader(n)) + CoefficientBytes(n.coefficient());
}

void PutNumber(std::string* out, const Number& n) {
  PutVarint(out, NumberPayloadSize(n));
  PutVarint(out, NumberHeader(n));
  for (Number::Coefficient c = n.coefficient(); c != 0; c >>= 8) {
    out->push_back(static_cast<char>(static_cast<uint8_t>(c)));
  }
}

// Containers are written before their length is known: reserve one byte
// for the length (enough below 128 bytes, the common case) and widen it
// afterwards, which moves the body once, only for bodies of 128+ bytes.
size_t BeginLength(std::string* out) {
  out->push_back('\0');
  return out->size();
}

void EndLength(std::string* out, size_t body_start) {
  const size_t body_len = out->size() - body_start;
  if (body_len < 0x80) {
    (*out)[body_start - 1] = static_cast<char>(body_len);
    return;
  }
  char buf[kMaxVarintBytes];
  out->replace(body_start - 1, 1, buf, EncodeVarint(body_len, buf));
}

void PutValue(std::string* out, const AttributeValue& v);

void PutEntries(std::string* out, const Item& entries) {
  PutVarint(out, entries.size());
  for (const auto& [name, value] : entries) {
    PutLengthPrefixed(out, name);
    PutType(out, value.type());
    PutValue(out, value);
  }
}

// SS and BS bodies have a length that is cheap to compute up front.
void PutStringSet(std::string* out, const std::vector<std::string>& set) {
  size_t body = VarintLength(set.size());
  for (const std::string& s : set) body += VarintLength(s.size()) + s.size();
  PutVarint(out, body);
  PutVarint(out, set.size());
  for (const std::string& s : set) PutLengthPrefixed(out, s);
}

void PutValue(std::string* out, const AttributeValue& v) {
  switch (v.type()) {
    case Type::kS:
      PutLengthPrefixed(out, v.s());
      return;
    case Type::kB:
      PutLengthPrefixed(out, v.b());
      return;
    case Type::kN:
      PutNumber(out, v.n());
      return;
    case Type::kBool:
      out->push_back(v.boolean() ? '\1' : '\0');
      return;
    case Type::kNull:
      return;
    case Type::kL: {
      const size_t body = BeginLength(out);
      PutVarint(out, v.l().size());
      for (const AttributeValue& element : v.l()) {
        PutType(out, element.type());
        PutValue(out, element);
      }
      EndLength(out, body);
      return;
    }
    case Type::kM: {
      const size_t body = BeginLength(out);
      PutEntries(out, v.m());
      EndLength(out, body);
      return;
    }
    case Type::kSS:
      PutStringSet(out, v.ss());
      return;
    case Type::kBS:
      PutStringSet(out, v.bs());
      return;
    case Type::kNS: {
      size_t body = VarintLength(v.ns().size());
      for (const Number& n : v.ns()) {
        const size_t size = NumberPayloadSize(n);
        body += VarintLength(size) + size;
      }
      PutVarint(out, body);
      PutVarint(out, v.ns().size());
      for (const Number& n : v.ns()) PutNumber(out, n);
      return;
    }
  }
}

// ---------------------------------------------------------------- reading
//
// Readers consume from the front of a string_view and return false when the
// bytes run out or are malformed; they never read past the view's end.

bool GetBytes(std::string_view* in, uint64_t n, std::string_view* bytes) {
  if (n > in->size()) return false;
  *bytes = in->substr(0, n);
  in->remove_prefix(n);
  return true;
}

bool GetLengthPrefixed(std::string_view* in, std::string_view* bytes) {
  uint64_t n;
  return GetVarint(in, &n) && GetBytes(in, n, bytes);
}

bool GetType(std::string_view* in, Type* type) {
  if (in->empty()) return false;
  const uint8_t tag = static_cast<uint8_t>(in->front());
  if (tag < static_cast<uint8_t>(Type::kS) || tag > static_cast<uint8_t>(Type::kBS)) return false;
  *type = static_cast<Type>(tag);
  in->remove_prefix(1);
  return true;
}

// Reads the payload of a value of `type` (its framing only).
bool GetPayload(std::string_view* in, Type type, std::string_view* payload) {
  switch (type) {
    case Type::kBool:
      return GetBytes(in, 1, payload);
    case Type::kNull:
      *payload = in->substr(0, 0);
      return true;
    default:
      return GetLengthPrefixed(in, payload);
  }
}

bool GetValue(std::string_view* in, ValueView* value) {
  return GetType(in, &value->type) && GetPayload(in, value->type, &value->payload);
}

bool GetEntry(std::string_view* in, AttributeView* entry) {
  return GetLengthPrefixed(in, &entry->name) && GetValue(in, &entry->value);
}

// A container body's element count. Each element takes at least one byte,
// so a count above the remaining bytes is corrupt; checking it here also
// keeps a hostile count from driving a huge reserve().
bool GetCount(std::string_view* in, uint64_t* count) {
  return GetVarint(in, count) && *count <= in->size();
}

Status Corrupt(std::string_view what) {
  std::string message = "Corrupt item encoding: ";
  message.append(what);
  return Status::Internal(std::move(message));
}

StatusOr<Number> DecodeNumber(std::string_view payload) {
  uint64_t header;
  if (!GetVarint(&payload, &header)) return Corrupt("bad number header");
  const uint64_t zigzag = header >> 1;
  const int64_t exponent = static_cast<int64_t>(zigzag >> 1) ^ -static_cast<int64_t>(zigzag & 1);
  if (exponent > kMaxStoredExponent || exponent < -kMaxStoredExponent) {
    return Corrupt("number exponent out of range");
  }
  if (payload.size() > kMaxCoefficientBytes) return Corrupt("number coefficient too long");
  Number::Coefficient coefficient = 0;
  for (size_t i = payload.size(); i > 0; --i) {
    coefficient = (coefficient << 8) | static_cast<uint8_t>(payload[i - 1]);
  }
  const bool negative = (header & 1) != 0;
  StatusOr<Number> n = Number::FromParts(negative, coefficient, static_cast<int>(exponent));
  if (!n.ok()) return Corrupt(absl::StrCat("number not storable: ", n.status().message()));
  return n;
}

StatusOr<AttributeValue> Decode(ValueView value, int depth);

// Decodes `count` M entries (or top-level attributes) filling the whole of
// `in`.
Status DecodeEntries(std::string_view in, uint64_t count, int depth, Item* out) {
  for (uint64_t i = 0; i < count; ++i) {
    AttributeView entry;
    if (!GetEntry(&in, &entry)) return Corrupt("malformed attribute");
    StatusOr<AttributeValue> v = Decode(entry.value, depth);
    if (!v.ok()) return v.status();
    const size_t before = out->size();
    // Names are stored sorted, so the hint makes each insert O(1).
    out->emplace_hint(out->end(), entry.name, std::move(v).value());
    if (out->size() == before) return Corrupt("duplicate attribute name");
  }
  if (!in.empty()) return Corrupt("trailing bytes after attributes");
  return Status::Ok();
}

StatusOr<AttributeValue> DecodeStringSet(std::string_view body, Type type) {
  uint64_t count;
  if (!GetCount(&body, &count)) return Corrupt("bad set count");
  std::vector<std::string> members;
  members.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    std::string_view member;
    if (!GetLengthPrefixed(&body, &member)) return Corrupt("malformed set member");
    members.emplace_back(member);
  }
  if (!body.empty()) return Corrupt("trailing bytes after set");
  return type == Type::kSS ? AttributeValue::SS(std::move(members))
                           : AttributeValue::BS(std::move(members));
}

StatusOr<AttributeValue> DecodeNumberSet(std::string_view body) {
  uint64_t count;
  if (!GetCount(&body, &count)) return Corrupt("bad set count");
  std::vector<Number> members;
  members.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    std::string_view payload;
    if (!GetLengthPrefixed(&body, &payload)) return Corrupt("malformed set member");
    StatusOr<Number> n = DecodeNumber(payload);
    if (!n.ok()) return n.status();
    members.push_back(*n);
  }
  if (!body.empty()) return Corrupt("trailing bytes after set");
  return AttributeValue::NS(std::move(members));
}

// `depth` is the nesting level of `value` (a top-level attribute is 1).
StatusOr<AttributeValue> Decode(ValueView value, int depth) {
  if (depth > kMaxDecodeDepth) return Corrupt("nesting too deep");
  std::string_view body = value.payload;
  switch (value.type) {
    case Type::kS:
      return AttributeValue::S(std::string(body));
    case Type::kB:
      return AttributeValue::B(std::string(body));
    case Type::kN: {
      StatusOr<Number> n = DecodeNumber(body);
      if (!n.ok()) return n.status();
      return AttributeValue::N(*n);
    }
    case Type::kBool:
      if (body.size() != 1 || static_cast<uint8_t>(body[0]) > 1) return Corrupt("bad BOOL");
      return AttributeValue::Bool(body[0] == 1);
    case Type::kNull:
      if (!body.empty()) return Corrupt("bad NULL");
      return AttributeValue::Null();
    case Type::kL: {
      uint64_t count;
      if (!GetCount(&body, &count)) return Corrupt("bad list count");
      AttributeValue::List list;
      list.reserve(count);
      for (uint64_t i = 0; i < count; ++i) {
        ValueView element;
        if (!GetValue(&body, &element)) return Corrupt("malformed list element");
        StatusOr<AttributeValue> v = Decode(element, depth + 1);
        if (!v.ok()) return v.status();
        list.push_back(std::move(v).value());
      }
      if (!body.empty()) return Corrupt("trailing bytes after list");
      return AttributeValue::L(std::move(list));
    }
    case Type::kM: {
      uint64_t count;
      if (!GetCount(&body, &count)) return Corrupt("bad map count");
      AttributeValue::Map map;
      LMDDB_RETURN_IF_ERROR(DecodeEntries(body, count, depth + 1, &map));
      return AttributeValue::M(std::move(map));
    }
    case Type::kSS:
    case Type::kBS:
      return DecodeStringSet(body, value.type);
    case Type::kNS:
      return DecodeNumberSet(body);
  }
  return Corrupt("unknown type");
}

// Checks that `in` holds exactly `count` well-framed entries.
bool CheckEntries(std::string_view in, uint64_t count) {
  for (uint64_t i = 0; i < count; ++i) {
    AttributeView entry;
    if (!GetEntry(&in, &entry)) return false;
  }
  return in.empty();
}

bool CheckElements(std::string_view in, uint64_t count) {
  for (uint64_t i = 0; i < count; ++i) {
    ValueView element;
    if (!GetValue(&in, &element)) return false;
  }
  return in.empty();
}

// Splits a top-level encoding into its attribute count and entries.
bool OpenItemBytes(std::string_view bytes, uint64_t* count, std::string_view* entries) {
  if (bytes.empty() || static_cast<uint8_t>(bytes[0]) != kItemFormatVersion) return false;
  bytes.remove_prefix(1);
  if (!GetCount(&bytes, count)) return false;
  *entries = bytes;
  return true;
}

}  // namespace

void EncodeItem(const Item& item, std::string* out) {
  out->push_back(static_cast<char>(kItemFormatVersion));
  PutEntries(out, item);
}

StatusOr<Item> DecodeItem(std::string_view bytes) {
  if (bytes.empty()) return Corrupt("empty");
  if (static_cast<uint8_t>(bytes[0]) != kItemFormatVersion) {
    const int version = static_cast<uint8_t>(bytes[0]);
    return Corrupt(absl::StrCat("unknown format version ", version));
  }
  uint64_t count;
  std::string_view entries;
  if (!OpenItemBytes(bytes, &count, &entries)) return Corrupt("bad attribute count");
  Item item;
  LMDDB_RETURN_IF_ERROR(DecodeEntries(entries, count, 1, &item));
  return item;
}

StatusOr<AttributeValue> DecodeValue(ValueView value) { return Decode(value, 1); }

// ---------------------------------------------------------------- ItemView

StatusOr<ItemView> ItemView::Open(std::string_view encoded) {
  uint64_t count;
  std::string_view entries;
  if (!OpenItemBytes(encoded, &count, &entries)) {
    return encoded.empty() || static_cast<uint8_t>(encoded[0]) == kItemFormatVersion
               ? Corrupt("bad item header")
               : Corrupt("unknown format version");
  }
  if (!CheckEntries(entries, count)) return Corrupt("bad attribute framing");
  return ItemView(entries, count);
}

StatusOr<ItemView> ItemView::OpenMap(ValueView map) {
  if (map.type != Type::kM) return Corrupt("not a map");
  std::string_view body = map.payload;
  uint64_t count;
  if (!GetCount(&body, &count) || !CheckEntries(body, count)) return Corrupt("bad map framing");
  return ItemView(body, count);
}

ItemView::Iterator ItemView::begin() const { return Iterator(entries_); }
ItemView::Iterator ItemView::end() const { return Iterator(entries_.substr(entries_.size())); }

std::optional<ValueView> ItemView::Find(std::string_view name) const {
  for (const AttributeView& entry : *this) {
    if (entry.name == name) return entry.value;
  }
  return std::nullopt;
}

ItemView::Iterator::Iterator(std::string_view rest) : pos_(rest.data()), rest_(rest) {
  if (!rest_.empty()) GetEntry(&rest_, &current_);  // framing checked by Open
}

ItemView::Iterator& ItemView::Iterator::operator++() {
  pos_ = rest_.data();
  if (!rest_.empty()) GetEntry(&rest_, &current_);
  return *this;
}

// ---------------------------------------------------------------- ListView

StatusOr<ListView> ListView::Open(ValueView list) {
  if (list.type != Type::kL) return Corrupt("not a list");
  std::string_view body = list.payload;
  uint64_t count;
  if (!GetCount(&body, &count) || !CheckElements(body, count)) return Corrupt("bad list framing");
  return ListView(body, count);
}

ListView::Iterator ListView::begin() const { return Iterator(elements_); }
ListView::Iterator ListView::end() const { return Iterator(elements_.substr(elements_.size())); }

std::optional<ValueView> ListView::At(size_t index) const {
  if (index >= count_) return std::nullopt;
  Iterator it = begin();
  for (size_t i = 0; i < index; ++i) ++it;
  return *it;
}

ListView::Iterator::Iterator(std::string_view rest) : pos_(rest.data()), rest_(rest) {
  if (!rest_.empty()) GetValue(&rest_, &current_);  // framing checked by Open
}

ListView::Iterator& ListView::Iterator::operator++() {
  pos_ = rest_.data();
  if (!rest_.empty()) GetValue(&rest_, &current_);
  return *this;
}

}  // namespace lmddb::value
