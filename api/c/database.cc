// Opening and closing a database, and the JSON entry point of the C API
// (lmddb/lmddb.h): any DynamoDB operation through api/json's Handle().
#include <cstdlib>
#include <cstring>

#include "api/c/c_internal.h"
#include "api/json/attribute_value_json.h"
#include "api/json/handler.h"
#include "simdjson.h"

struct lmddb_options {
  lmddb::Options options;
};

namespace lmddb::c_api {
namespace {

// The exception type named by an error body's "__type"
// ("com.amazon.coral.validate#ValidationException").
int CodeFromTypeName(std::string_view type) {
  const size_t hash = type.rfind('#');
  if (hash != std::string_view::npos) type.remove_prefix(hash + 1);
  for (int code = LMDDB_VALIDATION; code <= LMDDB_INCOMPLETE_SIGNATURE; ++code) {
    if (type == ErrorTypeName(static_cast<ErrorType>(code))) return code;
  }
  return LMDDB_INTERNAL_SERVER_ERROR;
}

// Reads the code, message and (for a failed condition) the item out of an
// error body that api/json wrote, and stores them in *err. Returns the code.
int ErrorFromBody(const json::Response& response, lmddb_error** err) {
  simdjson::dom::parser parser;
  simdjson::dom::object body;
  if (parser.parse(response.body).get_object().get(body) != simdjson::SUCCESS) {
    return SetError(err, LMDDB_INTERNAL_SERVER_ERROR, "Unreadable error response");
  }
  std::string_view type;
  if (body["__type"].get_string().get(type) != simdjson::SUCCESS) {
    return SetError(err, LMDDB_INTERNAL_SERVER_ERROR, "Error response without __type");
  }
  std::string_view message;
  // TransactionCanceledException spells its text "Message".
  if (body["message"].get_string().get(message) != simdjson::SUCCESS) {
    if (body["Message"].get_string().get(message) != simdjson::SUCCESS) message = {};
  }
  Status status(static_cast<ErrorType>(CodeFromTypeName(type)), std::string(message));
  simdjson::dom::element item;
  if (body["Item"].get(item) == simdjson::SUCCESS) {
    auto decoded = json::DecodeItem(item);
    if (decoded.ok()) status = std::move(status).WithItem(std::move(decoded).value());
  }
  return SetError(err, status);
}

// Copies `text` into a malloc'ed NUL-terminated buffer (lmddb_free).
char* MallocCopy(const std::string& text) {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out == nullptr) throw std::bad_alloc();
  std::memcpy(out, text.data(), text.size());
  out[text.size()] = '\0';
  return out;
}

}  // namespace
}  // namespace lmddb::c_api

using namespace lmddb::c_api;  // NOLINT: this file implements the C API

extern "C" {

lmddb_options* lmddb_options_new(void) {
  return GuardPtr([] { return new lmddb_options; });
}

void lmddb_options_free(lmddb_options* opts) { delete opts; }

int lmddb_options_set_nosync(lmddb_options* opts, int nosync) {
  if (opts == nullptr) return LMDDB_MISUSE;
  opts->options.durability = nosync ? lmddb::Durability::kNoSync : lmddb::Durability::kSync;
  return LMDDB_OK;
}

int lmddb_options_set_map_size(lmddb_options* opts, size_t initial, size_t max) {
  if (opts == nullptr || initial == 0 || max < initial) return LMDDB_MISUSE;
  opts->options.initial_map_size = initial;
  opts->options.max_map_size = max;
  return LMDDB_OK;
}

int lmddb_options_set_region(lmddb_options* opts, const char* region) {
  if (opts == nullptr || region == nullptr) return LMDDB_MISUSE;
  return Guard(nullptr, [&]() -> int {
    opts->options.region = region;
    return LMDDB_OK;
  });
}

int lmddb_options_set_account_id(lmddb_options* opts, const char* account_id) {
  if (opts == nullptr || account_id == nullptr) return LMDDB_MISUSE;
  return Guard(nullptr, [&]() -> int {
    opts->options.account_id = account_id;
    return LMDDB_OK;
  });
}

int lmddb_open(const char* path, const lmddb_options* opts, lmddb_db** db, lmddb_error** err) {
  if (db != nullptr) *db = nullptr;
  if (path == nullptr || db == nullptr) return Misuse(err, "lmddb_open", "path and db must not be NULL");
  return Guard(err, [&]() -> int {
    auto opened = lmddb::Database::Open(path, opts != nullptr ? opts->options : lmddb::Options());
    if (!opened.ok()) return SetError(err, opened.status());
    *db = new lmddb_db{std::move(opened).value()};
    return LMDDB_OK;
  });
}

void lmddb_close(lmddb_db* db) {
  try {
    delete db;
  } catch (...) {
    // A destructor that throws would terminate anyway; nothing to report.
  }
}

int lmddb_json(lmddb_db* db, const char* operation, const char* request, size_t request_len,
               char** response, size_t* response_len, int* http_status, lmddb_error** err) {
  if (response != nullptr) *response = nullptr;
  if (response_len != nullptr) *response_len = 0;
  if (http_status != nullptr) *http_status = 0;
  if (db == nullptr || operation == nullptr || (request == nullptr && request_len != 0)) {
    return Misuse(err, "lmddb_json", "db and operation must not be NULL, nor request when request_len > 0");
  }
  return Guard(err, [&]() -> int {
    std::string_view op(operation);
    std::string target;
    // A bare operation name gets DynamoDB's target prefix; a full target
    // ("DynamoDB_20120810.PutItem") is passed through.
    if (op.find('.') == std::string_view::npos) target = std::string(lmddb::json::kTargetPrefix);
    target.append(op.data(), op.size());
    const lmddb::json::Response answer = lmddb::json::Handle(
        *db->db, target, std::string_view(request == nullptr ? "" : request, request_len));
    if (response != nullptr) *response = MallocCopy(answer.body);
    if (response_len != nullptr) *response_len = answer.body.size();
    if (http_status != nullptr) *http_status = answer.http_status;
    if (answer.http_status == 200) return LMDDB_OK;
    return ErrorFromBody(answer, err);
  });
}

}  // extern "C"

