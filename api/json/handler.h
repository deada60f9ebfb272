// The DynamoDB JSON protocol (version 2012-08-10) over an lmddb Database:
// one request body in, one response out. The HTTP server (api/http) and the
// C API's JSON entry point both go through Handle().
//
// Targets are "DynamoDB_20120810.<Operation>". An operation lmddb does not
// serve answers UnknownOperationException, as DynamoDB does for a target it
// does not know. Errors are {"__type": "<namespace>#<Exception>",
// "message": "<text>"} with DynamoDB's namespaces and HTTP status codes
// (400 for client errors, 500 for InternalServerError); a
// TransactionCanceledException spells it "Message" and adds
// "CancellationReasons", as DynamoDB's body does.
//
// Thread safety: Handle() may be called from any number of threads at once
// (Database is thread-safe).
#ifndef LMDDB_API_JSON_HANDLER_H_
#define LMDDB_API_JSON_HANDLER_H_

#include <string>
#include <string_view>

#include "lmddb/lmddb.hpp"

namespace lmddb::json {

inline constexpr std::string_view kTargetPrefix = "DynamoDB_20120810.";
inline constexpr std::string_view kStreamsTargetPrefix = "DynamoDBStreams_20120810.";
inline constexpr std::string_view kContentType = "application/x-amz-json-1.0";

struct Response {
  int http_status = 200;
  std::string body;
};

// Runs the request named by `target` (the X-Amz-Target header) with the
// JSON `body`. Never throws.
Response Handle(Database& db, std::string_view target, std::string_view body);

// The error body and status DynamoDB gives for `status` (not OK).
Response ErrorResponse(const Status& status);

// Whether `target` names an operation that only reads (GetItem, Query,
// Scan, BatchGetItem, TransactGetItems, DescribeTable, ListTables): it never
// waits for a commit.
bool ReadsOnly(std::string_view target);

}  // namespace lmddb::json

#endif  // LMDDB_API_JSON_HANDLER_H_
