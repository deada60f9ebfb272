// Query and Scan over JSON (operations.h).
#include <optional>
#include <type_traits>
#include <string>
#include <utility>
#include <vector>

#include "api/json/attribute_value_json.h"
#include "api/json/capacity_json.h"
#include "api/json/json_reader.h"
#include "api/json/json_writer.h"
#include "api/json/legacy_conditions.h"
#include "api/json/legacy_placeholders.h"
#include "api/json/legacy_projection.h"
#include "api/json/operations.h"
#include "api/json/request_members.h"
#include "engine/common/status_macros.h"

namespace lmddb::json {
namespace {

using simdjson::dom::object;

StatusOr<std::optional<Select>> OptionalSelect(object o, ConstraintErrors* errors) {
  LMDDB_ASSIGN_OR_RETURN(std::optional<std::string> text, OptionalString(o, "Select"));
  if (!text) return std::optional<Select>();
  if (*text == "ALL_ATTRIBUTES") return std::optional<Select>(Select::kAllAttributes);
  if (*text == "ALL_PROJECTED_ATTRIBUTES") {
    return std::optional<Select>(Select::kAllProjectedAttributes);
  }
  if (*text == "SPECIFIC_ATTRIBUTES") return std::optional<Select>(Select::kSpecificAttributes);
  if (*text == "COUNT") return std::optional<Select>(Select::kCount);
  errors->Add(*text, "select",
              "Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, "
              "ALL_PROJECTED_ATTRIBUTES]");
  return std::optional<Select>();
}

// The members Query and Scan share.
template <typename Request>
Status ReadReadRequest(object o, Request* r, ConstraintErrors* errors) {
  LMDDB_ASSIGN_OR_RETURN(r->table_name, RequiredString(o, "TableName", "tableName", errors));
  LMDDB_ASSIGN_OR_RETURN(r->index_name, OptionalString(o, "IndexName"));
  LMDDB_ASSIGN_OR_RETURN(r->filter_expression, OptionalString(o, "FilterExpression"));
  LMDDB_ASSIGN_OR_RETURN(r->projection_expression, OptionalString(o, "ProjectionExpression"));
  LMDDB_ASSIGN_OR_RETURN(r->expression_attribute_names, OptionalNames(o));
  LMDDB_ASSIGN_OR_RETURN(r->expression_attribute_values,
                         OptionalItem(o, "ExpressionAttributeValues"));
  LMDDB_ASSIGN_OR_RETURN(r->select, OptionalSelect(o, errors));
  LMDDB_ASSIGN_OR_RETURN(r->limit, OptionalInteger(o, "Limit", "Integer"));
  LMDDB_ASSIGN_OR_RETURN(r->consistent_read, OptionalBool(o, "ConsistentRead"));
  LMDDB_ASSIGN_OR_RETURN(r->exclusive_start_key, OptionalItem(o, "ExclusiveStartKey"));
  LMDDB_ASSIGN_OR_RETURN(r->return_consumed_capacity, OptionalReturnConsumedCapacity(o, errors));
  return Status::Ok();
}

// A Query or Scan and which of its expressions came from legacy members,
// whose errors DynamoDB words with the legacy member's name.
template <typename Request>
struct ReadCall {
  Request request;
  bool legacy_projection = false;  // from AttributesToGet
  bool legacy_filter = false;      // from QueryFilter / ScanFilter
};

// The legacy members of a Query (`key_conditions` set) or Scan, read,
// checked and translated into the request's expressions. Constraint
// failures go into `errors` and stop the translation.
template <typename Request>
Status ReadLegacyRead(object o, std::string_view filter_member, ReadCall<Request>* call,
                      std::optional<LegacyConditions>* key_conditions, ConstraintErrors* errors) {
  Request* r = &call->request;
  const bool is_query = key_conditions != nullptr;
  // Requests without legacy members (nearly all) pay one pass over the keys.
  if (!HasAnyMember(o, {"AttributesToGet", filter_member, "ConditionalOperator", "KeyConditions"})) {
    return Status::Ok();
  }
  LMDDB_ASSIGN_OR_RETURN(std::optional<std::vector<std::string>> attributes,
                         ReadAttributesToGet(o, "attributesToGet", errors));
  LMDDB_ASSIGN_OR_RETURN(std::optional<LegacyConditions> filter,
                         ReadConditionMap(o, filter_member, errors));
  LMDDB_ASSIGN_OR_RETURN(std::optional<bool> use_or, ReadConditionalOperator(o, errors));
  const bool has_operator = Member(o, "ConditionalOperator").has_value();
  if (is_query) {
    LMDDB_ASSIGN_OR_RETURN(*key_conditions, ReadConditionMap(o, "KeyConditions", errors));
  }
  const bool has_keys = is_query && key_conditions->has_value();
  if (!errors->empty() || !TableNameIsValid(r->table_name)) return Status::Ok();
  if (!attributes && !filter && !has_operator && !has_keys) return Status::Ok();

  bool user_key_expression = false;
  if constexpr (std::is_same_v<Request, QueryRequest>) {
    user_key_expression = r->key_condition_expression.has_value();
  }
  const bool user_filter = r->filter_expression.has_value();
  const bool user_projection = r->projection_expression.has_value();
  if (is_query) {
    // KeyConditions goes with FilterExpression and ProjectionExpression;
    // only KeyConditionExpression excludes it.
    LMDDB_RETURN_IF_ERROR(CheckNoMixing(
        {{"AttributesToGet", attributes.has_value()},
         {"QueryFilter", filter.has_value()},
         {"ConditionalOperator", has_operator},
         {"KeyConditions", has_keys && user_key_expression}},
        {{"ProjectionExpression", user_projection},
         {"FilterExpression", user_filter},
         {"KeyConditionExpression", user_key_expression}}));
  } else {
    LMDDB_RETURN_IF_ERROR(CheckNoMixing({{"AttributesToGet", attributes.has_value()},
                                         {"ScanFilter", filter.has_value()},
                                         {"ConditionalOperator", has_operator}},
                                        {{"ProjectionExpression", user_projection},
                                         {"FilterExpression", user_filter}}));
  }
  LMDDB_RETURN_IF_ERROR(CheckConditionalOperator(
      has_operator, filter ? std::optional<size_t>(filter->size()) : std::nullopt));
  if (!user_filter && !user_projection && !user_key_expression) {
    const bool has_names = r->expression_attribute_names.has_value();
    const bool has_values = r->expression_attribute_values.has_value();
    if (is_query) {
      LMDDB_RETURN_IF_ERROR(CheckNoExpressionMaps(
          has_names, has_values,
          {"FilterExpression", "KeyConditionExpression", "ProjectionExpression"}));
    } else {
      LMDDB_RETURN_IF_ERROR(CheckNoExpressionMaps(has_names, has_values,
                                                  {"FilterExpression", "ProjectionExpression"}));
    }
  }
  if (filter) LMDDB_RETURN_IF_ERROR(ValidateFilter(*filter));
  if (attributes) LMDDB_RETURN_IF_ERROR(CheckAttributesToGet(*attributes));
  if (has_keys) LMDDB_RETURN_IF_ERROR(ValidateKeyConditions(**key_conditions));

  LegacyPlaceholders placeholders(r->expression_attribute_names, r->expression_attribute_values);
  if (filter && !filter->empty()) {
    r->filter_expression = TranslateConditions(*filter, use_or.value_or(false), &placeholders);
    call->legacy_filter = true;
  }
  if (attributes) {
    r->projection_expression = TranslateAttributesToGet(*attributes, &placeholders);
    call->legacy_projection = true;
  }
  if constexpr (std::is_same_v<Request, QueryRequest>) {
    if (has_keys) {
      r->key_condition_expression = TranslateConditions(**key_conditions, false, &placeholders);
    }
  }
  std::move(placeholders).MergeInto(&r->expression_attribute_names, &r->expression_attribute_values);
  return Status::Ok();
}

using QueryCall = ReadCall<QueryRequest>;
using ScanCall = ReadCall<ScanRequest>;

Status ParseQuery(object o, QueryCall* call) {
  QueryRequest* r = &call->request;
  ConstraintErrors errors;
  LMDDB_RETURN_IF_ERROR(ReadReadRequest(o, r, &errors));
  LMDDB_ASSIGN_OR_RETURN(r->key_condition_expression,
                         OptionalString(o, "KeyConditionExpression"));
  LMDDB_ASSIGN_OR_RETURN(r->scan_index_forward, OptionalBool(o, "ScanIndexForward"));
  std::optional<LegacyConditions> key_conditions;
  LMDDB_RETURN_IF_ERROR(ReadLegacyRead(o, "QueryFilter", call, &key_conditions, &errors));
  return errors.ToStatus();
}

Status ParseScan(object o, ScanCall* call) {
  ScanRequest* r = &call->request;
  ConstraintErrors errors;
  LMDDB_RETURN_IF_ERROR(ReadReadRequest(o, r, &errors));
  LMDDB_ASSIGN_OR_RETURN(r->segment, OptionalInteger(o, "Segment", "Integer"));
  LMDDB_ASSIGN_OR_RETURN(r->total_segments, OptionalInteger(o, "TotalSegments", "Integer"));
  LMDDB_RETURN_IF_ERROR(ReadLegacyRead<ScanRequest>(o, "ScanFilter", call, nullptr, &errors));
  return errors.ToStatus();
}

// The engine's errors in the words of the legacy members a call used.
template <typename Request>
Status LegacyReadError(const ReadCall<Request>& call, Status s) {
  if (call.legacy_projection) {
    s = RenameInError(std::move(s), "Cannot specify the ProjectionExpression",
                      "Cannot specify the AttributesToGet");
  }
  if (call.legacy_filter) {
    s = RenameInError(std::move(s), "Filter Expression can only contain non-primary key attributes",
                      "QueryFilter can only contain non-primary key attributes");
  }
  return s;
}

// Items are left out with Select COUNT, as DynamoDB does.
Response PageResponse(const QueryResult& result, bool count_only) {
  Response response;
  JsonWriter w(&response.body);
  w.BeginObject();
  if (result.consumed_capacity) {
    w.Key("ConsumedCapacity");
    WriteConsumedCapacity(*result.consumed_capacity, &w);
  }
  w.Key("Count");
  w.Int(result.count);
  if (!count_only) {
    w.Key("Items");
    w.BeginArray();
    for (const Item& item : result.items) WriteItem(item, &w);
    w.EndArray();
  }
  if (result.last_evaluated_key) {
    w.Key("LastEvaluatedKey");
    WriteItem(*result.last_evaluated_key, &w);
  }
  w.Key("ScannedCount");
  w.Int(result.scanned_count);
  w.EndObject();
  return response;
}

}  // namespace

Response QueryJson(Database& db, std::string_view body) {
  return Translate(
      body, ParseQuery,
      [&](const QueryCall& call) -> StatusOr<QueryResult> {
        StatusOr<QueryResult> result = db.Query(call.request);
        if (!result.ok()) return LegacyReadError(call, result.status());
        return result;
      },
      [](const QueryCall& call, const QueryResult& result) {
        return PageResponse(result, call.request.select == Select::kCount);
      });
}

Response ScanJson(Database& db, std::string_view body) {
  return Translate(
      body, ParseScan,
      [&](const ScanCall& call) -> StatusOr<ScanResult> {
        StatusOr<ScanResult> result = db.Scan(call.request);
        if (!result.ok()) return LegacyReadError(call, result.status());
        return result;
      },
      [](const ScanCall& call, const ScanResult& result) {
        return PageResponse(result, call.request.select == Select::kCount);
      });
}

}  // namespace lmddb::json
