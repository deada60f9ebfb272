// The JSON translators of the operations lmddb serves: each parses a
// request body into the C++ request shape (lmddb/operations.hpp), runs it
// on the Database and writes DynamoDB's response body, or the error body.
//
// Thread safety: as Database (any number of threads at once).
#ifndef LMDDB_API_JSON_OPERATIONS_H_
#define LMDDB_API_JSON_OPERATIONS_H_

#include <string_view>

#include "api/json/handler.h"
#include "lmddb/lmddb.hpp"

namespace lmddb::json {

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

}  // namespace lmddb::json

#endif  // LMDDB_API_JSON_OPERATIONS_H_
