// Handle(): the routing table from operation names to their JSON
// translators, and DynamoDB's error bodies (handler.h).
#include "api/json/handler.h"

#include <exception>
#include <new>

#include "absl/container/flat_hash_map.h"
#include "api/json/attribute_value_json.h"
#include "api/json/json_writer.h"
#include "api/json/operations.h"

namespace lmddb::json {
namespace {

using Operation = Response (*)(Database&, std::string_view body);

// Operation name -> translator. One table for every operation served.
const absl::flat_hash_map<std::string_view, Operation>& Operations() {
  static const auto* table = new absl::flat_hash_map<std::string_view, Operation>{
      {"CreateTable", CreateTableJson},
      {"DescribeTable", DescribeTableJson},
      {"ListTables", ListTablesJson},
      {"DeleteTable", DeleteTableJson},
      {"PutItem", PutItemJson},
      {"GetItem", GetItemJson},
      {"DeleteItem", DeleteItemJson},
      {"UpdateItem", UpdateItemJson},
      {"Query", QueryJson},
      {"Scan", ScanJson},
  };
  return *table;
}

const char* Namespace(ErrorType type) {
  switch (type) {
    case ErrorType::kValidation: return "com.amazon.coral.validate#";
    case ErrorType::kSerialization:
    case ErrorType::kUnknownOperation:
    case ErrorType::kAccessDenied:
    case ErrorType::kUnrecognizedClient:
    case ErrorType::kMissingAuthenticationToken:
    case ErrorType::kInvalidSignature: return "com.amazon.coral.service#";
    default: return "com.amazonaws.dynamodb.v20120810#";
  }
}

}  // namespace

Response ErrorResponse(const Status& status) {
  Response response;
  response.http_status = status.type() == ErrorType::kInternalServerError ? 500 : 400;
  JsonWriter w(&response.body);
  w.BeginObject();
  w.Key("__type");
  w.String(std::string(Namespace(status.type())) + ErrorTypeName(status.type()));
  // UnknownOperationException carries no message, as DynamoDB sends it;
  // nor does a SerializationException for a body that is not JSON.
  if (status.type() != ErrorType::kUnknownOperation && !status.message().empty()) {
    w.Key("message");
    w.String(status.message());
  }
  // A failed condition returns the item it was checked against when the
  // request asked for it (ReturnValuesOnConditionCheckFailure ALL_OLD).
  if (status.item() != nullptr) {
    w.Key("Item");
    WriteItem(*status.item(), &w);
  }
  w.EndObject();
  return response;
}

Response Handle(Database& db, std::string_view target, std::string_view body) {
  try {
    if (target.substr(0, kTargetPrefix.size()) == kTargetPrefix) {
      const auto it = Operations().find(target.substr(kTargetPrefix.size()));
      if (it != Operations().end()) return it->second(db, body);
    }
    return ErrorResponse(Status(ErrorType::kUnknownOperation, ""));
  } catch (const std::bad_alloc&) {
    return ErrorResponse(Status::Internal("Out of memory"));
  } catch (...) {
    return ErrorResponse(Status::Internal("Internal error"));
  }
}

}  // namespace lmddb::json
