// Query and Scan over JSON (operations.h).
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

Status ParseQuery(object o, QueryRequest* r) {
  ConstraintErrors errors;
  LMDDB_RETURN_IF_ERROR(ReadReadRequest(o, r, &errors));
  LMDDB_ASSIGN_OR_RETURN(r->key_condition_expression,
                         OptionalString(o, "KeyConditionExpression"));
  LMDDB_ASSIGN_OR_RETURN(r->scan_index_forward, OptionalBool(o, "ScanIndexForward"));
  return errors.ToStatus();
}

Status ParseScan(object o, ScanRequest* r) {
  ConstraintErrors errors;
  LMDDB_RETURN_IF_ERROR(ReadReadRequest(o, r, &errors));
  LMDDB_ASSIGN_OR_RETURN(r->segment, OptionalInteger(o, "Segment", "Integer"));
  LMDDB_ASSIGN_OR_RETURN(r->total_segments, OptionalInteger(o, "TotalSegments", "Integer"));
  return errors.ToStatus();
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
      body, ParseQuery, [&](const QueryRequest& r) { return db.Query(r); },
      [](const QueryRequest& r, const QueryResult& result) {
        return PageResponse(result, r.select == Select::kCount);
      });
}

Response ScanJson(Database& db, std::string_view body) {
  return Translate(
      body, ParseScan, [&](const ScanRequest& r) { return db.Scan(r); },
      [](const ScanRequest& r, const ScanResult& result) {
        return PageResponse(result, r.select == Select::kCount);
      });
}

}  // namespace lmddb::json
