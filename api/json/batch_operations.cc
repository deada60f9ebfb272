// BatchGetItem and BatchWriteItem over JSON (operations.h).
//
// The parsers report what only the wire can tell: wrong JSON types
// (SerializationException, by the Java type of each member) and required
// members left out ("Value null at 'requestItems.<table>.member.keys'").
// The request's shape (empty maps and lists, table names, the 100 key and
// 25 request limits) and every semantic check are the engine's.
//
// AttributesToGet inside KeysAndAttributes is a legacy parameter and is
// not read here.
#include <string>
#include <utility>
#include <vector>

#include "api/json/attribute_value_json.h"
#include "api/json/capacity_json.h"
#include "api/json/json_reader.h"
#include "api/json/json_writer.h"
#include "api/json/legacy_projection.h"
#include "api/json/operations.h"
#include "api/json/request_members.h"
#include "engine/common/status_macros.h"
#include "engine/common/strings.h"

namespace lmddb::json {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

// ---- BatchGetItem -------------------------------------------------------------

Status ReadKeysAndAttributes(std::string_view table, element value, KeysAndAttributes* r,
                             ConstraintErrors* errors) {
  LMDDB_ASSIGN_OR_RETURN(object o, AsValueStruct(value, "KeysAndAttributes"));
  if (auto keys = Member(o, "Keys")) {
    LMDDB_ASSIGN_OR_RETURN(simdjson::dom::array list, AsList(*keys));
    for (element key : list) {
      // Null entries are dropped, as DynamoDB's list deserializer does.
      if (key.type() == element_type::NULL_VALUE) continue;
      LMDDB_ASSIGN_OR_RETURN(Item decoded, DecodeParameterizedItem(key));
      r->keys.push_back(std::move(decoded));
    }
  } else {
    errors->Add(std::nullopt, StrCat("requestItems.", table, ".member.keys"), kMustNotBeNull);
  }
  LMDDB_ASSIGN_OR_RETURN(r->consistent_read, OptionalBool(o, "ConsistentRead"));
  LMDDB_ASSIGN_OR_RETURN(r->projection_expression, OptionalString(o, "ProjectionExpression"));
  LMDDB_ASSIGN_OR_RETURN(r->expression_attribute_names, OptionalNames(o));
  // Legacy AttributesToGet becomes the equivalent ProjectionExpression.
  return ApplyLegacyKeysAndAttributes(
      o, StrCat("requestItems.", table, ".member.attributesToGet"), r, errors);
}

Status ParseBatchGetItem(object o, BatchGetItemRequest* r) {
  ConstraintErrors errors;
  LMDDB_ASSIGN_OR_RETURN(r->return_consumed_capacity, OptionalReturnConsumedCapacity(o, &errors));
  auto items = Member(o, "RequestItems");
  if (!items) {
    errors.Add(std::nullopt, "requestItems", kMustNotBeNull);
    return errors.ToStatus();
  }
  LMDDB_ASSIGN_OR_RETURN(object tables, AsMap(*items, StrCat(kModelPackage, "KeysAndAttributes")));
  for (simdjson::dom::key_value_pair entry : tables) {
    if (entry.value.type() == element_type::NULL_VALUE) continue;
    KeysAndAttributes keys;
    LMDDB_RETURN_IF_ERROR(ReadKeysAndAttributes(entry.key, entry.value, &keys, &errors));
    r->request_items.insert_or_assign(std::string(entry.key), std::move(keys));
  }
  return errors.ToStatus();
}

void WriteNames(const ExpressionAttributeNames& names, JsonWriter* w) {
  w->BeginObject();
  for (const auto& [placeholder, name] : names) {
    w->Key(placeholder);
    w->String(name);
  }
  w->EndObject();
}

// One UnprocessedKeys entry: the keys with their table's read settings, so
// that it can be sent again as it is.
void WriteKeysAndAttributes(const KeysAndAttributes& k, JsonWriter* w) {
  w->BeginObject();
  if (k.consistent_read) {
    w->Key("ConsistentRead");
    w->Bool(*k.consistent_read);
  }
  if (k.expression_attribute_names) {
    w->Key("ExpressionAttributeNames");
    WriteNames(*k.expression_attribute_names, w);
  }
  w->Key("Keys");
  w->BeginArray();
  for (const Item& key : k.keys) WriteItem(key, w);
  w->EndArray();
  if (k.projection_expression) {
    w->Key("ProjectionExpression");
    w->String(*k.projection_expression);
  }
  w->EndObject();
}

// {"ConsumedCapacity": [...]?, "Responses": {...}, "UnprocessedKeys": {...}}:
// UnprocessedKeys is present even when empty, as DynamoDB sends it.
Response BatchGetResponse(const BatchGetItemResult& result) {
  Response response;
  JsonWriter w(&response.body);
  w.BeginObject();
  if (result.consumed_capacity) {
    w.Key("ConsumedCapacity");
    WriteConsumedCapacityList(*result.consumed_capacity, &w);
  }
  w.Key("Responses");
  w.BeginObject();
  for (const auto& [table, items] : result.responses) {
    w.Key(table);
    w.BeginArray();
    for (const Item& item : items) WriteItem(item, &w);
    w.EndArray();
  }
  w.EndObject();
  w.Key("UnprocessedKeys");
  w.BeginObject();
  for (const auto& [table, keys] : result.unprocessed_keys) {
    w.Key(table);
    WriteKeysAndAttributes(keys, &w);
  }
  w.EndObject();
  w.EndObject();
  return response;
}

// ---- BatchWriteItem -----------------------------------------------------------

// One WriteRequest; `path` is "requestItems.<table>.member.<n>.member".
Status ReadWriteRequest(element value, const std::string& path, WriteRequest* r,
                        ConstraintErrors* errors) {
  LMDDB_ASSIGN_OR_RETURN(object o, AsValueStruct(value, "WriteRequest"));
  if (auto del = Member(o, "DeleteRequest")) {
    LMDDB_ASSIGN_OR_RETURN(object d, AsFieldStruct(*del, "DeleteRequest"));
    DeleteRequest request;
    LMDDB_ASSIGN_OR_RETURN(request.key,
                           RequiredItem(d, "Key", StrCat(path, ".deleteRequest.key"), errors));
    r->delete_request = std::move(request);
  }
  if (auto put = Member(o, "PutRequest")) {
    LMDDB_ASSIGN_OR_RETURN(object p, AsFieldStruct(*put, "PutRequest"));
    PutRequest request;
    LMDDB_ASSIGN_OR_RETURN(request.item,
                           RequiredItem(p, "Item", StrCat(path, ".putRequest.item"), errors));
    r->put_request = std::move(request);
  }
  return Status::Ok();
}

Status ParseBatchWriteItem(object o, BatchWriteItemRequest* r) {
  ConstraintErrors errors;
  LMDDB_ASSIGN_OR_RETURN(r->return_consumed_capacity, OptionalReturnConsumedCapacity(o, &errors));
  LMDDB_RETURN_IF_ERROR(CheckReturnItemCollectionMetrics(o, &errors));
  auto items = Member(o, "RequestItems");
  if (!items) {
    errors.Add(std::nullopt, "requestItems", kMustNotBeNull);
    return errors.ToStatus();
  }
  LMDDB_ASSIGN_OR_RETURN(
      object tables,
      AsMap(*items, StrCat("java.util.List<", kModelPackage, "WriteRequest>")));
  for (simdjson::dom::key_value_pair entry : tables) {
    if (entry.value.type() == element_type::NULL_VALUE) continue;
    LMDDB_ASSIGN_OR_RETURN(simdjson::dom::array list, AsParameterizedList(entry.value));
    std::vector<WriteRequest> writes;
    size_t position = 0;
    for (element value : list) {
      ++position;
      if (value.type() == element_type::NULL_VALUE) continue;
      LMDDB_RETURN_IF_ERROR(ReadWriteRequest(
          value, StrCat("requestItems.", entry.key, ".member.", position, ".member"),
          &writes.emplace_back(), &errors));
    }
    r->request_items.insert_or_assign(std::string(entry.key), std::move(writes));
  }
  return errors.ToStatus();
}

void WriteWriteRequest(const WriteRequest& request, JsonWriter* w) {
  w->BeginObject();
  if (request.delete_request) {
    w->Key("DeleteRequest");
    w->BeginObject();
    w->Key("Key");
    WriteItem(request.delete_request->key, w);
    w->EndObject();
  }
  if (request.put_request) {
    w->Key("PutRequest");
    w->BeginObject();
    w->Key("Item");
    WriteItem(request.put_request->item, w);
    w->EndObject();
  }
  w->EndObject();
}

// {"ConsumedCapacity": [...]?, "UnprocessedItems": {...}}: UnprocessedItems
// is present even when empty, as DynamoDB sends it.
Response BatchWriteResponse(const BatchWriteItemResult& result) {
  Response response;
  JsonWriter w(&response.body);
  w.BeginObject();
  if (result.consumed_capacity) {
    w.Key("ConsumedCapacity");
    WriteConsumedCapacityList(*result.consumed_capacity, &w);
  }
  w.Key("UnprocessedItems");
  w.BeginObject();
  for (const auto& [table, writes] : result.unprocessed_items) {
    w.Key(table);
    w.BeginArray();
    for (const WriteRequest& write : writes) WriteWriteRequest(write, &w);
    w.EndArray();
  }
  w.EndObject();
  w.EndObject();
  return response;
}

}  // namespace

Response BatchGetItemJson(Database& db, std::string_view body) {
  return Translate(
      body, ParseBatchGetItem, [&](const BatchGetItemRequest& r) { return db.BatchGetItem(r); },
      [](const BatchGetItemRequest&, const BatchGetItemResult& result) {
        return BatchGetResponse(result);
      });
}

Response BatchWriteItemJson(Database& db, std::string_view body) {
  return Translate(
      body, ParseBatchWriteItem,
      [&](const BatchWriteItemRequest& r) { return db.BatchWriteItem(r); },
      [](const BatchWriteItemRequest&, const BatchWriteItemResult& result) {
        return BatchWriteResponse(result);
      });
}

}  // namespace lmddb::json
