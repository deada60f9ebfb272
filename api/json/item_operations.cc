// PutItem, GetItem, DeleteItem and UpdateItem over JSON (operations.h).
#include <string>
#include <utility>

#include "api/json/attribute_value_json.h"
#include "api/json/capacity_json.h"
#include "api/json/json_reader.h"
#include "api/json/json_writer.h"
#include "api/json/operations.h"
#include "api/json/request_members.h"
#include "engine/common/status_macros.h"

namespace lmddb::json {
namespace {

using simdjson::dom::object;

// {"<item_member>": item?, "ConsumedCapacity": ...?}
Response ItemResponse(std::string_view item_member, const std::optional<Item>& item,
                      const std::optional<ConsumedCapacity>& capacity) {
  Response response;
  JsonWriter w(&response.body);
  w.BeginObject();
  if (item) {
    w.Key(item_member);
    WriteItem(*item, &w);
  }
  if (capacity) {
    w.Key("ConsumedCapacity");
    WriteConsumedCapacity(*capacity, &w);
  }
  w.EndObject();
  return response;
}

// The members every conditional write shares.
template <typename Request>
Status ReadConditionalWrite(object o, Request* r, ConstraintErrors* errors) {
  LMDDB_ASSIGN_OR_RETURN(r->condition_expression, OptionalString(o, "ConditionExpression"));
  LMDDB_ASSIGN_OR_RETURN(r->expression_attribute_names, OptionalNames(o));
  LMDDB_ASSIGN_OR_RETURN(r->expression_attribute_values,
                         OptionalItem(o, "ExpressionAttributeValues"));
  LMDDB_ASSIGN_OR_RETURN(r->return_consumed_capacity, OptionalReturnConsumedCapacity(o, errors));
  LMDDB_ASSIGN_OR_RETURN(r->return_values, OptionalReturnValues(o, errors));
  LMDDB_ASSIGN_OR_RETURN(r->return_values_on_condition_check_failure,
                         OptionalReturnValuesOnFailure(o, errors));
  return Status::Ok();
}

Status ParsePutItem(object o, PutItemRequest* r) {
  ConstraintErrors errors;
  LMDDB_ASSIGN_OR_RETURN(r->item, RequiredItem(o, "Item", "item", &errors));
  LMDDB_ASSIGN_OR_RETURN(r->table_name, RequiredString(o, "TableName", "tableName", &errors));
  LMDDB_RETURN_IF_ERROR(ReadConditionalWrite(o, r, &errors));
  return errors.ToStatus();
}

Status ParseDeleteItem(object o, DeleteItemRequest* r) {
  ConstraintErrors errors;
  LMDDB_ASSIGN_OR_RETURN(r->key, RequiredItem(o, "Key", "key", &errors));
  LMDDB_ASSIGN_OR_RETURN(r->table_name, RequiredString(o, "TableName", "tableName", &errors));
  LMDDB_RETURN_IF_ERROR(ReadConditionalWrite(o, r, &errors));
  return errors.ToStatus();
}

Status ParseUpdateItem(object o, UpdateItemRequest* r) {
  ConstraintErrors errors;
  LMDDB_ASSIGN_OR_RETURN(r->key, RequiredItem(o, "Key", "key", &errors));
  LMDDB_ASSIGN_OR_RETURN(r->table_name, RequiredString(o, "TableName", "tableName", &errors));
  LMDDB_ASSIGN_OR_RETURN(r->update_expression, OptionalString(o, "UpdateExpression"));
  LMDDB_RETURN_IF_ERROR(ReadConditionalWrite(o, r, &errors));
  return errors.ToStatus();
}

Status ParseGetItem(object o, GetItemRequest* r) {
  ConstraintErrors errors;
  LMDDB_ASSIGN_OR_RETURN(r->key, RequiredItem(o, "Key", "key", &errors));
  LMDDB_ASSIGN_OR_RETURN(r->table_name, RequiredString(o, "TableName", "tableName", &errors));
  LMDDB_ASSIGN_OR_RETURN(r->consistent_read, OptionalBool(o, "ConsistentRead"));
  LMDDB_ASSIGN_OR_RETURN(r->projection_expression, OptionalString(o, "ProjectionExpression"));
  LMDDB_ASSIGN_OR_RETURN(r->expression_attribute_names, OptionalNames(o));
  LMDDB_ASSIGN_OR_RETURN(r->return_consumed_capacity, OptionalReturnConsumedCapacity(o, &errors));
  return errors.ToStatus();
}

// Parses `body` with `parse` into a fresh Request, or gives the error.
template <typename Request>
StatusOr<Request> ParseRequest(std::string_view body, Status (*parse)(object, Request*)) {
  simdjson::padded_string padded;
  simdjson::dom::parser parser;
  object o;
  LMDDB_RETURN_IF_ERROR(ParseRequestBody(body, &padded, &parser, &o));
  Request request;
  LMDDB_RETURN_IF_ERROR(parse(o, &request));
  return request;
}

}  // namespace

Response PutItemJson(Database& db, std::string_view body) {
  auto request = ParseRequest<PutItemRequest>(body, ParsePutItem);
  if (!request.ok()) return ErrorResponse(request.status());
  auto result = db.PutItem(*request);
  if (!result.ok()) return ErrorResponse(result.status());
  return ItemResponse("Attributes", result->attributes, result->consumed_capacity);
}

Response GetItemJson(Database& db, std::string_view body) {
  auto request = ParseRequest<GetItemRequest>(body, ParseGetItem);
  if (!request.ok()) return ErrorResponse(request.status());
  auto result = db.GetItem(*request);
  if (!result.ok()) return ErrorResponse(result.status());
  return ItemResponse("Item", result->item, result->consumed_capacity);
}

Response DeleteItemJson(Database& db, std::string_view body) {
  auto request = ParseRequest<DeleteItemRequest>(body, ParseDeleteItem);
  if (!request.ok()) return ErrorResponse(request.status());
  auto result = db.DeleteItem(*request);
  if (!result.ok()) return ErrorResponse(result.status());
  return ItemResponse("Attributes", result->attributes, result->consumed_capacity);
}

Response UpdateItemJson(Database& db, std::string_view body) {
  auto request = ParseRequest<UpdateItemRequest>(body, ParseUpdateItem);
  if (!request.ok()) return ErrorResponse(request.status());
  auto result = db.UpdateItem(*request);
  if (!result.ok()) return ErrorResponse(result.status());
  return ItemResponse("Attributes", result->attributes, result->consumed_capacity);
}

}  // namespace lmddb::json
