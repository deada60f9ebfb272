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

}  // namespace

Response PutItemJson(Database& db, std::string_view body) {
  return Translate(
      body, ParsePutItem, [&](const PutItemRequest& r) { return db.PutItem(r); },
      [](const PutItemRequest&, const PutItemResult& result) {
        return ItemResponse("Attributes", result.attributes, result.consumed_capacity);
      });
}

Response GetItemJson(Database& db, std::string_view body) {
  return Translate(
      body, ParseGetItem, [&](const GetItemRequest& r) { return db.GetItem(r); },
      [](const GetItemRequest&, const GetItemResult& result) {
        return ItemResponse("Item", result.item, result.consumed_capacity);
      });
}

Response DeleteItemJson(Database& db, std::string_view body) {
  return Translate(
      body, ParseDeleteItem, [&](const DeleteItemRequest& r) { return db.DeleteItem(r); },
      [](const DeleteItemRequest&, const DeleteItemResult& result) {
        return ItemResponse("Attributes", result.attributes, result.consumed_capacity);
      });
}

Response UpdateItemJson(Database& db, std::string_view body) {
  return Translate(
      body, ParseUpdateItem, [&](const UpdateItemRequest& r) { return db.UpdateItem(r); },
      [](const UpdateItemRequest&, const UpdateItemResult& result) {
        return ItemResponse("Attributes", result.attributes, result.consumed_capacity);
      });
}

}  // namespace lmddb::json
