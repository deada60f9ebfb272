// The JSON translators of the operations lmddb serves: each parses a
// request body into the C++ request shape (lmddb/operations.hpp), runs it
// on the Database and writes DynamoDB's response body, or the error body.
//
// Thread safety: as Database (any number of threads at once).
#ifndef LMDDB_API_JSON_OPERATIONS_H_
#define LMDDB_API_JSON_OPERATIONS_H_

#include <string_view>

#include "api/json/handler.h"
#include "api/json/json_reader.h"
#include "lmddb/lmddb.hpp"
#include "simdjson.h"

namespace lmddb::json {

// Parses `body` with `parse` into a fresh Request; the JSON document does
// not outlive the call.
template <typename Request>
StatusOr<Request> ParseRequest(std::string_view body,
                               Status (*parse)(simdjson::dom::object, Request*)) {
  simdjson::padded_string padded;
  simdjson::dom::object o;
  if (Status s = ParseRequestBody(body, &padded, &o); !s.ok()) return s;
  Request request;
  if (Status s = parse(o, &request); !s.ok()) return s;
  return request;
}

// One translator: parse the body, run it (`run(request)` gives a
// StatusOr<Result>), write the response (`encode(request, result)`); any
// failure becomes DynamoDB's error body.
template <typename Request, typename Run, typename Encode>
Response Translate(std::string_view body, Status (*parse)(simdjson::dom::object, Request*),
                   Run run, Encode encode) {
  StatusOr<Request> request = ParseRequest(body, parse);
  if (!request.ok()) return ErrorResponse(request.status());
  auto result = run(*request);
  if (!result.ok()) return ErrorResponse(result.status());
  return encode(*request, *result);
}

Response CreateTableJson(Database& db, std::string_view body);
Response DescribeTableJson(Database& db, std::string_view body);
Response ListTablesJson(Database& db, std::string_view body);
Response DeleteTableJson(Database& db, std::string_view body);

Response PutItemJson(Database& db, std::string_view body);
Response GetItemJson(Database& db, std::string_view body);
Response DeleteItemJson(Database& db, std::string_view body);
Response UpdateItemJson(Database& db, std::string_view body);

Response QueryJson(Database& db, std::string_view body);
Response ScanJson(Database& db, std::string_view body);

Response BatchGetItemJson(Database& db, std::string_view body);
Response BatchWriteItemJson(Database& db, std::string_view body);

Response TransactWriteItemsJson(Database& db, std::string_view body);
Response TransactGetItemsJson(Database& db, std::string_view body);

}  // namespace lmddb::json

#endif  // LMDDB_API_JSON_OPERATIONS_H_
