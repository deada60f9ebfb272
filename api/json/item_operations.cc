// PutItem, GetItem, DeleteItem and UpdateItem over JSON (operations.h).
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "api/json/attribute_value_json.h"
#include "api/json/capacity_json.h"
#include "api/json/json_reader.h"
#include "api/json/json_writer.h"
#include "api/json/legacy_conditions.h"
#include "api/json/legacy_placeholders.h"
#include "api/json/legacy_projection.h"
#include "api/json/legacy_updates.h"
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

// Expected, ConditionalOperator and (UpdateItem only, when `updates` is
// set) AttributeUpdates: read, checked and translated into the request's
// ConditionExpression and UpdateExpression. Constraint failures go into
// `errors` and stop the translation.
template <typename Request>
Status ReadLegacyWrite(object o, Request* r, const std::optional<std::string>* update_expression,
                       std::optional<LegacyUpdates>* updates, ConstraintErrors* errors) {
  // Requests without legacy members (nearly all) pay one pass over the keys.
  if (!HasAnyMember(o, {"Expected", "ConditionalOperator", "AttributeUpdates"})) {
    return Status::Ok();
  }
  LMDDB_ASSIGN_OR_RETURN(std::optional<LegacyConditions> expected, ReadExpected(o, errors));
  LMDDB_ASSIGN_OR_RETURN(std::optional<bool> use_or, ReadConditionalOperator(o, errors));
  const bool has_operator = Member(o, "ConditionalOperator").has_value();
  if (updates != nullptr) {
    LMDDB_ASSIGN_OR_RETURN(*updates, ReadAttributeUpdates(o, errors));
  }
  const bool has_updates = updates != nullptr && updates->has_value();
  if (!errors->empty() || !TableNameIsValid(r->table_name)) return Status::Ok();
  if (!expected && !has_operator && !has_updates) return Status::Ok();
  if (update_expression != nullptr) {
    LMDDB_RETURN_IF_ERROR(CheckNoMixing(
        {{"AttributeUpdates", has_updates},
         {"Expected", expected.has_value()},
         {"ConditionalOperator", has_operator}},
        {{"UpdateExpression", update_expression->has_value()},
         {"ConditionExpression", r->condition_expression.has_value()}}));
  } else {
    LMDDB_RETURN_IF_ERROR(
        CheckNoMixing({{"Expected", expected.has_value()}, {"ConditionalOperator", has_operator}},
                      {{"ConditionExpression", r->condition_expression.has_value()}}));
  }
  LMDDB_RETURN_IF_ERROR(CheckConditionalOperator(
      has_operator, expected ? std::optional<size_t>(expected->size()) : std::nullopt));
  const bool has_names = r->expression_attribute_names.has_value();
  const bool has_values = r->expression_attribute_values.has_value();
  if (update_expression != nullptr) {
    LMDDB_RETURN_IF_ERROR(CheckNoExpressionMaps(has_names, has_values,
                                                {"UpdateExpression", "ConditionExpression"}));
    if (has_updates) LMDDB_RETURN_IF_ERROR(ValidateAttributeUpdates(**updates));
  } else {
    LMDDB_RETURN_IF_ERROR(CheckNoExpressionMaps(has_names, has_values, {"ConditionExpression"}));
  }
  if (expected) LMDDB_RETURN_IF_ERROR(ValidateExpected(*expected));

  LegacyPlaceholders placeholders(r->expression_attribute_names, r->expression_attribute_values);
  if (expected && !expected->empty()) {
    r->condition_expression = TranslateConditions(*expected, use_or.value_or(false), &placeholders);
  }
  std::optional<std::string> update_text;
  if (has_updates) update_text = TranslateAttributeUpdates(**updates, &placeholders);
  std::move(placeholders).MergeInto(&r->expression_attribute_names, &r->expression_attribute_values);
  if (update_text) {
    if constexpr (std::is_same_v<Request, UpdateItemRequest>) {
      r->update_expression = std::move(update_text);
    }
  }
  return Status::Ok();
}

Status ParsePutItem(object o, PutItemRequest* r) {
  ConstraintErrors errors;
  LMDDB_ASSIGN_OR_RETURN(r->item, RequiredItem(o, "Item", "item", &errors));
  LMDDB_ASSIGN_OR_RETURN(r->table_name, RequiredString(o, "TableName", "tableName", &errors));
  LMDDB_RETURN_IF_ERROR(ReadConditionalWrite(o, r, &errors));
  LMDDB_RETURN_IF_ERROR(ReadLegacyWrite(o, r, nullptr, nullptr, &errors));
  return errors.ToStatus();
}

Status ParseDeleteItem(object o, DeleteItemRequest* r) {
  ConstraintErrors errors;
  LMDDB_ASSIGN_OR_RETURN(r->key, RequiredItem(o, "Key", "key", &errors));
  LMDDB_ASSIGN_OR_RETURN(r->table_name, RequiredString(o, "TableName", "tableName", &errors));
  LMDDB_RETURN_IF_ERROR(ReadConditionalWrite(o, r, &errors));
  LMDDB_RETURN_IF_ERROR(ReadLegacyWrite(o, r, nullptr, nullptr, &errors));
  return errors.ToStatus();
}

// An UpdateItem and whether it came with AttributeUpdates, whose type
// errors DynamoDB words differently.
struct UpdateItemCall {
  UpdateItemRequest request;
  bool legacy_updates = false;
};

Status ParseUpdateItem(object o, UpdateItemCall* call) {
  UpdateItemRequest* r = &call->request;
  ConstraintErrors errors;
  LMDDB_ASSIGN_OR_RETURN(r->key, RequiredItem(o, "Key", "key", &errors));
  LMDDB_ASSIGN_OR_RETURN(r->table_name, RequiredString(o, "TableName", "tableName", &errors));
  LMDDB_ASSIGN_OR_RETURN(r->update_expression, OptionalString(o, "UpdateExpression"));
  LMDDB_RETURN_IF_ERROR(ReadConditionalWrite(o, r, &errors));
  std::optional<LegacyUpdates> updates;
  // Only read before the translation may replace it.
  LMDDB_RETURN_IF_ERROR(ReadLegacyWrite(o, r, &r->update_expression, &updates, &errors));
  // With an UpdateExpression as well, the mixing check has failed the call.
  call->legacy_updates = updates.has_value();
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
  LMDDB_ASSIGN_OR_RETURN(std::optional<std::vector<std::string>> attributes,
                         ReadAttributesToGet(o, "attributesToGet", &errors));
  if (attributes && errors.empty() && TableNameIsValid(r->table_name)) {
    LMDDB_RETURN_IF_ERROR(CheckNoMixing({{"AttributesToGet", true}},
                                        {{"ProjectionExpression",
                                          r->projection_expression.has_value()}}));
    LMDDB_RETURN_IF_ERROR(
        CheckNoExpressionMaps(r->expression_attribute_names.has_value(), false, {}));
    LMDDB_RETURN_IF_ERROR(CheckAttributesToGet(*attributes));
    LegacyPlaceholders placeholders(r->expression_attribute_names, std::nullopt);
    r->projection_expression = TranslateAttributesToGet(*attributes, &placeholders);
    std::optional<ExpressionAttributeValues> no_values;
    std::move(placeholders).MergeInto(&r->expression_attribute_names, &no_values);
  }
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
      body, ParseUpdateItem,
      [&](const UpdateItemCall& call) -> StatusOr<UpdateItemResult> {
        StatusOr<UpdateItemResult> result = db.UpdateItem(call.request);
        if (!result.ok() && call.legacy_updates) return LegacyUpdateError(result.status());
        return result;
      },
      [](const UpdateItemCall&, const UpdateItemResult& result) {
        return ItemResponse("Attributes", result.attributes, result.consumed_capacity);
      });
}

}  // namespace lmddb::json
