// Shared by the C API's implementation files (lmddb/lmddb.h): how the opaque
// C handles map onto the C++ API, error reporting, and the guard that keeps
// C++ exceptions from crossing into C.
//
// lmddb_value and lmddb_item are never defined: a lmddb_value* is a
// reinterpret_cast of an lmddb::AttributeValue*, a lmddb_item* one of an
// lmddb::Item*. That makes values inside items and lists addressable as
// borrowed handles without copying or wrapping them.
//
// Thread safety: nothing here has shared state except the static
// out-of-memory error, which is immutable.
#ifndef LMDDB_API_C_C_INTERNAL_H_
#define LMDDB_API_C_C_INTERNAL_H_

#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>

#include "lmddb/lmddb.h"
#include "lmddb/lmddb.hpp"

struct lmddb_error {
  int code = LMDDB_MISUSE;
  std::string message;
  std::unique_ptr<lmddb::Item> item;  // ConditionalCheckFailed with ALL_OLD
};

struct lmddb_db {
  std::unique_ptr<lmddb::Database> db;
};

namespace lmddb::c_api {

inline AttributeValue* FromC(lmddb_value* v) { return reinterpret_cast<AttributeValue*>(v); }
inline const AttributeValue* FromC(const lmddb_value* v) {
  return reinterpret_cast<const AttributeValue*>(v);
}
inline lmddb_value* ToC(AttributeValue* v) { return reinterpret_cast<lmddb_value*>(v); }
inline const lmddb_value* ToC(const AttributeValue* v) {
  return reinterpret_cast<const lmddb_value*>(v);
}
inline Item* FromC(lmddb_item* i) { return reinterpret_cast<Item*>(i); }
inline const Item* FromC(const lmddb_item* i) { return reinterpret_cast<const Item*>(i); }
inline lmddb_item* ToC(Item* i) { return reinterpret_cast<lmddb_item*>(i); }
inline const lmddb_item* ToC(const Item* i) { return reinterpret_cast<const lmddb_item*>(i); }

// Takes ownership of a consumed handle argument.
inline std::unique_ptr<AttributeValue> Adopt(lmddb_value* v) {
  return std::unique_ptr<AttributeValue>(FromC(v));
}

// Stores an error with `code` and `message` in *err (when err is not null),
// freeing what *err held. Returns `code`. Never throws.
int SetError(lmddb_error** err, int code, std::string_view message) noexcept;
// The same for a non-OK Status, keeping its ConditionalCheckFailed item.
int SetError(lmddb_error** err, const Status& status) noexcept;
// LMDDB_MISUSE with "<function>: <what>".
int Misuse(lmddb_error** err, const char* function, std::string_view what) noexcept;

// Runs `fn` (returning an int result code), turning any exception into
// LMDDB_INTERNAL_SERVER_ERROR in *err.
template <typename Fn>
int Guard(lmddb_error** err, Fn&& fn) noexcept {
  try {
    return fn();
  } catch (const std::bad_alloc&) {
    return SetError(err, LMDDB_INTERNAL_SERVER_ERROR, "Out of memory");
  } catch (const std::exception& e) {
    return SetError(err, LMDDB_INTERNAL_SERVER_ERROR, std::string("Internal error: ") + e.what());
  } catch (...) {
    return SetError(err, LMDDB_INTERNAL_SERVER_ERROR, "Internal error");
  }
}

// Same for calls that return a pointer: null when `fn` throws.
template <typename Fn>
auto GuardPtr(Fn&& fn) noexcept -> decltype(fn()) {
  try {
    return fn();
  } catch (...) {
    return nullptr;
  }
}

// A new heap copy of `item` as a C handle.
inline lmddb_item* NewItem(Item item) { return ToC(new Item(std::move(item))); }

// Hands an optional result item to a caller's out-param (which may be null).
inline void GiveItem(std::optional<Item>* item, lmddb_item** out) {
  if (out == nullptr) return;
  *out = item->has_value() ? NewItem(std::move(**item)) : nullptr;
}

}  // namespace lmddb::c_api

#endif  // LMDDB_API_C_C_INTERNAL_H_
