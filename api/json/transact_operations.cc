// TransactWriteItems and TransactGetItems over JSON (operations.h).
//
// As for the batches, the parsers report wrong JSON types and required
// members left out, by DynamoDB's member paths
// ("transactItems.<n>.member.put.item"); the engine checks the rest. A
// cancelled transaction's reasons are rendered by ErrorResponse.
#include <string>
#include <utility>

#include "api/json/attribute_value_json.h"
#include "api/json/capacity_json.h"
#include "api/json/json_reader.h"
#include "api/json/json_writer.h"
#include "api/json/operations.h"
#include "api/json/request_members.h"
#include "engine/common/status_macros.h"
#include "engine/common/strings.h"

namespace lmddb::json {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

// The members every write action shares, after its Item or Key. Constraint
// errors come in the order of the member names: ConditionExpression (required
// only for ConditionCheck), Item or Key, ReturnValuesOnConditionCheckFailure,
// TableName, UpdateExpression.
template <typename Action>
Status ReadTail(object o, const std::string& path, Action* a, ConstraintErrors* errors) {
  LMDDB_ASSIGN_OR_RETURN(a->expression_attribute_names, OptionalNames(o));
  LMDDB_ASSIGN_OR_RETURN(a->expression_attribute_values,
                         OptionalItem(o, "ExpressionAttributeValues"));
  LMDDB_ASSIGN_OR_RETURN(
      a->return_values_on_condition_check_failure,
      OptionalReturnValuesOnFailure(o, StrCat(path, ".returnValuesOnConditionCheckFailure"),
                                    errors));
  LMDDB_ASSIGN_OR_RETURN(a->table_name,
                         RequiredString(o, "TableName", StrCat(path, ".tableName"), errors));
  return Status::Ok();
}

Status ReadConditionCheck(object o, const std::string& path, ConditionCheck* a,
                          ConstraintErrors* errors) {
  LMDDB_ASSIGN_OR_RETURN(
      a->condition_expression,
      RequiredString(o, "ConditionExpression", StrCat(path, ".conditionExpression"), errors));
  LMDDB_ASSIGN_OR_RETURN(a->key, RequiredItem(o, "Key", StrCat(path, ".key"), errors));
  return ReadTail(o, path, a, errors);
}

Status ReadDelete(object o, const std::string& path, TransactDelete* a,
                  ConstraintErrors* errors) {
  LMDDB_ASSIGN_OR_RETURN(a->condition_expression, OptionalString(o, "ConditionExpression"));
  LMDDB_ASSIGN_OR_RETURN(a->key, RequiredItem(o, "Key", StrCat(path, ".key"), errors));
  return ReadTail(o, path, a, errors);
}

Status ReadPut(object o, const std::string& path, TransactPut* a, ConstraintErrors* errors) {
  LMDDB_ASSIGN_OR_RETURN(a->condition_expression, OptionalString(o, "ConditionExpression"));
  LMDDB_ASSIGN_OR_RETURN(a->item, RequiredItem(o, "Item", StrCat(path, ".item"), errors));
  return ReadTail(o, path, a, errors);
}

Status ReadUpdate(object o, const std::string& path, TransactUpdate* a,
                  ConstraintErrors* errors) {
  LMDDB_ASSIGN_OR_RETURN(a->condition_expression, OptionalString(o, "ConditionExpression"));
  LMDDB_ASSIGN_OR_RETURN(a->key, RequiredItem(o, "Key", StrCat(path, ".key"), errors));
  LMDDB_RETURN_IF_ERROR(ReadTail(o, path, a, errors));
  LMDDB_ASSIGN_OR_RETURN(
      a->update_expression,
      RequiredString(o, "UpdateExpression", StrCat(path, ".updateExpression"), errors));
  return Status::Ok();
}

// Reads the action member `name` (model shape `shape`, path segment
// `segment`) of one TransactWriteItem into `*slot` when present.
template <typename Action>
Status ReadAction(object item, std::string_view name, std::string_view shape,
                  std::string_view segment, const std::string& member_path,
                  Status (*read)(object, const std::string&, Action*, ConstraintErrors*),
                  std::optional<Action>* slot, ConstraintErrors* errors) {
  auto value = Member(item, name);
  if (!value) return Status::Ok();
  LMDDB_ASSIGN_OR_RETURN(object o, AsFieldStruct(*value, shape));
  Action action;
  LMDDB_RETURN_IF_ERROR(read(o, StrCat(member_path, ".", segment), &action, errors));
  *slot = std::move(action);
  return Status::Ok();
}

// The TransactItems list, or nullopt (with the null constraint error) when
// it is absent.
StatusOr<std::optional<simdjson::dom::array>> TransactItems(object o, ConstraintErrors* errors) {
  auto items = Member(o, "TransactItems");
  if (!items) {
    errors->Add(std::nullopt, "transactItems", kMustNotBeNull);
    return std::optional<simdjson::dom::array>();
  }
  LMDDB_ASSIGN_OR_RETURN(simdjson::dom::array list, AsList(*items));
  return std::optional<simdjson::dom::array>(list);
}

Status ParseTransactWriteItems(object o, TransactWriteItemsRequest* r) {
  ConstraintErrors errors;
  LMDDB_ASSIGN_OR_RETURN(r->client_request_token, OptionalString(o, "ClientRequestToken"));
  LMDDB_ASSIGN_OR_RETURN(r->return_consumed_capacity, OptionalReturnConsumedCapacity(o, &errors));
  LMDDB_RETURN_IF_ERROR(CheckReturnItemCollectionMetrics(o, &errors));
  LMDDB_ASSIGN_OR_RETURN(std::optional<simdjson::dom::array> list, TransactItems(o, &errors));
  if (!list) return errors.ToStatus();
  size_t position = 0;
  for (element value : *list) {
    ++position;
    // Null entries are dropped, as DynamoDB's list deserializer does.
    if (value.type() == element_type::NULL_VALUE) continue;
    LMDDB_ASSIGN_OR_RETURN(object item, AsValueStruct(value, "TransactWriteItem"));
    const std::string path = StrCat("transactItems.", position, ".member");
    TransactWriteItem& action = r->transact_items.emplace_back();
    LMDDB_RETURN_IF_ERROR(ReadAction(item, "ConditionCheck", "ConditionCheck", "conditionCheck",
                                     path, ReadConditionCheck, &action.condition_check, &errors));
    LMDDB_RETURN_IF_ERROR(
        ReadAction(item, "Delete", "Delete", "delete", path, ReadDelete, &action.delete_, &errors));
    LMDDB_RETURN_IF_ERROR(
        ReadAction(item, "Put", "Put", "put", path, ReadPut, &action.put, &errors));
    LMDDB_RETURN_IF_ERROR(
        ReadAction(item, "Update", "Update", "update", path, ReadUpdate, &action.update, &errors));
  }
  return errors.ToStatus();
}

Status ReadGet(object item, const std::string& path, TransactGet* get, ConstraintErrors* errors) {
  auto value = Member(item, "Get");
  if (!value) {
    errors->Add(std::nullopt, path, kMustNotBeNull);
    return Status::Ok();
  }
  LMDDB_ASSIGN_OR_RETURN(object o, AsFieldStruct(*value, "Get"));
  LMDDB_ASSIGN_OR_RETURN(get->expression_attribute_names, OptionalNames(o));
  LMDDB_ASSIGN_OR_RETURN(get->key, RequiredItem(o, "Key", StrCat(path, ".key"), errors));
  LMDDB_ASSIGN_OR_RETURN(get->projection_expression, OptionalString(o, "ProjectionExpression"));
  LMDDB_ASSIGN_OR_RETURN(get->table_name,
                         RequiredString(o, "TableName", StrCat(path, ".tableName"), errors));
  return Status::Ok();
}

Status ParseTransactGetItems(object o, TransactGetItemsRequest* r) {
  ConstraintErrors errors;
  LMDDB_ASSIGN_OR_RETURN(r->return_consumed_capacity, OptionalReturnConsumedCapacity(o, &errors));
  LMDDB_ASSIGN_OR_RETURN(std::optional<simdjson::dom::array> list, TransactItems(o, &errors));
  if (!list) return errors.ToStatus();
  size_t position = 0;
  for (element value : *list) {
    ++position;
    if (value.type() == element_type::NULL_VALUE) continue;
    LMDDB_ASSIGN_OR_RETURN(object item, AsValueStruct(value, "TransactGetItem"));
    LMDDB_RETURN_IF_ERROR(ReadGet(item, StrCat("transactItems.", position, ".member.get"),
                                  &r->transact_items.emplace_back().get, &errors));
  }
  return errors.ToStatus();
}

// {} or {"ConsumedCapacity": [...]}.
Response TransactWriteResponse(const TransactWriteItemsResult& result) {
  Response response;
  JsonWriter w(&response.body);
  w.BeginObject();
  if (result.consumed_capacity) {
    w.Key("ConsumedCapacity");
    WriteConsumedCapacityList(*result.consumed_capacity, &w);
  }
  w.EndObject();
  return response;
}

// {"ConsumedCapacity": [...]?, "Responses": [{"Item": {...}} or {}, ...]}.
Response TransactGetResponse(const TransactGetItemsResult& result) {
  Response response;
  JsonWriter w(&response.body);
  w.BeginObject();
  if (result.consumed_capacity) {
    w.Key("ConsumedCapacity");
    WriteConsumedCapacityList(*result.consumed_capacity, &w);
  }
  w.Key("Responses");
  w.BeginArray();
  for (const ItemResponse& r : result.responses) {
    w.BeginObject();
    if (r.item) {
      w.Key("Item");
      WriteItem(*r.item, &w);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return response;
}

}  // namespace

Response TransactWriteItemsJson(Database& db, std::string_view body) {
  return Translate(
      body, ParseTransactWriteItems,
      [&](const TransactWriteItemsRequest& r) { return db.TransactWriteItems(r); },
      [](const TransactWriteItemsRequest&, const TransactWriteItemsResult& result) {
        return TransactWriteResponse(result);
      });
}

Response TransactGetItemsJson(Database& db, std::string_view body) {
  return Translate(
      body, ParseTransactGetItems,
      [&](const TransactGetItemsRequest& r) { return db.TransactGetItems(r); },
      [](const TransactGetItemsRequest&, const TransactGetItemsResult& result) {
        return TransactGetResponse(result);
      });
}

}  // namespace lmddb::json
