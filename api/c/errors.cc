// Result codes, error objects and version queries of the C API (lmddb/lmddb.h).
#include <cstdlib>

#include "api/c/c_internal.h"

namespace lmddb::c_api {
namespace {

// Handed out when not even an error object can be allocated; never freed.
lmddb_error& OutOfMemoryError() {
  static lmddb_error* const kError = [] {
    auto* e = new (std::nothrow) lmddb_error;
    if (e != nullptr) {
      e->code = LMDDB_INTERNAL_SERVER_ERROR;
      e->message = "Out of memory";
    }
    return e;
  }();
  // Only null when the very first allocation failed: fall back to a bare
  // object with an empty message.
  static lmddb_error kBare{LMDDB_INTERNAL_SERVER_ERROR, {}, nullptr};
  return kError != nullptr ? *kError : kBare;
}

bool IsStatic(const lmddb_error* e) {
  return e == &OutOfMemoryError();
}

bool IsErrorTypeCode(int code) { return code > LMDDB_OK && code <= LMDDB_INCOMPLETE_SIGNATURE; }

int Store(lmddb_error** err, int code, std::string_view message, const Item* item) noexcept {
  if (err == nullptr) return code;
  lmddb_error_free(*err);
  *err = nullptr;
  try {
    auto e = std::make_unique<lmddb_error>();
    e->code = code;
    e->message.assign(message.data(), message.size());
    if (item != nullptr) e->item = std::make_unique<Item>(*item);
    *err = e.release();
  } catch (...) {
    *err = &OutOfMemoryError();
  }
  return code;
}

}  // namespace

int SetError(lmddb_error** err, int code, std::string_view message) noexcept {
  return Store(err, code, message, nullptr);
}

int SetError(lmddb_error** err, const Status& status) noexcept {
  const int code = status.ok() ? LMDDB_INTERNAL_SERVER_ERROR : static_cast<int>(status.type());
  return Store(err, code, status.message(), status.item());
}

int Misuse(lmddb_error** err, const char* function, std::string_view what) noexcept {
  try {
    std::string message = std::string(function) + ": ";
    message.append(what.data(), what.size());
    return Store(err, LMDDB_MISUSE, message, nullptr);
  } catch (...) {
    return Store(err, LMDDB_MISUSE, "Misuse of the lmddb C API", nullptr);
  }
}

}  // namespace lmddb::c_api

extern "C" {

const char* lmddb_version(void) { return LMDDB_VERSION_STRING; }
int lmddb_version_number(void) { return LMDDB_VERSION_NUMBER; }

const char* lmddb_strerror(int code) {
  if (code == LMDDB_OK) return "OK";
  if (code == LMDDB_MISUSE) return "Misuse of the lmddb C API";
  if (lmddb::c_api::IsErrorTypeCode(code)) {
    return lmddb::ErrorTypeName(static_cast<lmddb::ErrorType>(code));
  }
  return "Unknown lmddb result code";
}

int lmddb_error_code(const lmddb_error* err) { return err != nullptr ? err->code : LMDDB_MISUSE; }

const char* lmddb_error_message(const lmddb_error* err) {
  return err != nullptr ? err->message.c_str() : "";
}

const char* lmddb_error_name(const lmddb_error* err) {
  return lmddb_strerror(err != nullptr ? err->code : LMDDB_MISUSE);
}

const lmddb_item* lmddb_error_item(const lmddb_error* err) {
  return err != nullptr && err->item != nullptr ? lmddb::c_api::ToC(err->item.get()) : nullptr;
}

void lmddb_error_free(lmddb_error* err) {
  if (err == nullptr || lmddb::c_api::IsStatic(err)) return;
  delete err;
}

void lmddb_free(void* ptr) { std::free(ptr); }

}  // extern "C"
