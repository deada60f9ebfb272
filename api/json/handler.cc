// Handle(): the routing table from operation names to their JSON
// translators, and DynamoDB's error bodies (handler.h).
#include "api/json/handler.h"

#include <vector>

#include "absl/container/flat_hash_map.h"
#include "api/json/attribute_value_json.h"
#include "api/json/json_writer.h"
#include "api/json/operations.h"

namespace lmddb::json {
namespace {

using Translator = Response (*)(Database&, std::string_view body);

struct Operation {
  Translator translate;
  bool reads_only;  // never writes, so never waits for a commit
};

// Operation name -> translator. One table for every operation served.
const absl::flat_hash_map<std::string_view, Operation>& Operations() {
  static const auto* table = new absl::flat_hash_map<std::string_view, Operation>{
      {"CreateTable", {CreateTableJson, false}},
      {"DescribeTable", {DescribeTableJson, true}},
      {"ListTables", {ListTablesJson, true}},
      {"DeleteTable", {DeleteTableJson, false}},
      {"PutItem", {PutItemJson, false}},
      {"GetItem", {GetItemJson, true}},
      {"DeleteItem", {DeleteItemJson, false}},
      {"UpdateItem", {UpdateItemJson, false}},
      {"Query", {QueryJson, true}},
      {"Scan", {ScanJson, true}},
      {"BatchGetItem", {BatchGetItemJson, true}},
      {"BatchWriteItem", {BatchWriteItemJson, false}},
      {"TransactWriteItems", {TransactWriteItemsJson, false}},
      {"TransactGetItems", {TransactGetItemsJson, true}},
  };
  return *table;
}

// The operation `target` names, or null.
const Operation* Find(std::string_view target) {
  if (target.substr(0, kTargetPrefix.size()) != kTargetPrefix) return nullptr;
  const auto it = Operations().find(target.substr(kTargetPrefix.size()));
  return it == Operations().end() ? nullptr : &it->second;
}

const char* Namespace(ErrorType type) {
  switch (type) {
    case ErrorType::kValidation: return "com.amazon.coral.validate#";
    case ErrorType::kSerialization:
    case ErrorType::kUnknownOperation:
    case ErrorType::kAccessDenied:
    case ErrorType::kUnrecognizedClient:
    case ErrorType::kMissingAuthenticationToken:
    case ErrorType::kInvalidSignature:
    case ErrorType::kIncompleteSignature: return "com.amazon.coral.service#";
    default: return "com.amazonaws.dynamodb.v20120810#";
  }
}

// {"Code": ..., "Item": ...?, "Message": ...?}, one per action in request
// order, as DynamoDB lists them.
void WriteCancellationReasons(const std::vector<CancellationReason>& reasons, JsonWriter* w) {
  w->BeginArray();
  for (const CancellationReason& reason : reasons) {
    w->BeginObject();
    w->Key("Code");
    w->String(reason.code);
    if (reason.item) {
      w->Key("Item");
      WriteItem(*reason.item, w);
    }
    if (reason.message) {
      w->Key("Message");
      w->String(*reason.message);
    }
    w->EndObject();
  }
  w->EndArray();
}

}  // namespace

Response ErrorResponse(const Status& status) {
  Response response;
  response.http_status = status.type() == ErrorType::kInternalServerError ? 500 : 400;
  JsonWriter w(&response.body);
  w.BeginObject();
  w.Key("__type");
  w.String(std::string(Namespace(status.type())) + ErrorTypeName(status.type()));
  // A cancelled transaction lists why each action failed (or "None"), and
  // names its text "Message", as DynamoDB's TransactionCanceledException
  // body does.
  if (status.type() == ErrorType::kTransactionCanceled) {
    if (status.cancellation_reasons() != nullptr) {
      w.Key("CancellationReasons");
      WriteCancellationReasons(*status.cancellation_reasons(), &w);
    }
    w.Key("Message");
    w.String(status.message());
    w.EndObject();
    return response;
  }
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
    if (const Operation* operation = Find(target)) return operation->translate(db, body);
    return ErrorResponse(Status(ErrorType::kUnknownOperation, ""));
  } catch (...) {
    // Out of memory and the like: DynamoDB's own text for a 500.
    return ErrorResponse(Status::Internal("Internal server error"));
  }
}

bool ReadsOnly(std::string_view target) {
  const Operation* operation = Find(target);
  return operation != nullptr && operation->reads_only;
}

}  // namespace lmddb::json
