// AttributeValue and Item on the DynamoDB JSON wire: {"S": "text"},
// {"N": "1.5"}, {"B": "<base64>"}, {"BOOL": true}, {"NULL": true},
// {"SS"|"NS"|"BS": [...]}, {"L": [...]}, {"M": {...}}.
//
// Decoding reports wrong JSON types as DynamoDB's SerializationException
// texts, an AttributeValue without exactly one type as its
// ValidationException, and stops descending past DynamoDB's nesting limit
// (so hostile nesting cannot exhaust the stack). Set contents (empty sets,
// duplicates) are left to the engine's checks.
//
// Thread safety: pure functions.
#ifndef LMDDB_API_JSON_ATTRIBUTE_VALUE_JSON_H_
#define LMDDB_API_JSON_ATTRIBUTE_VALUE_JSON_H_

#include "api/json/json_writer.h"
#include "lmddb/attribute_value.hpp"
#include "lmddb/status.hpp"
#include "simdjson.h"

namespace lmddb::json {

// One value in the position of a list element or map value.
StatusOr<AttributeValue> DecodeAttributeValue(simdjson::dom::element value);
// A map of attribute names to values (Item, Key, ExpressionAttributeValues).
StatusOr<Item> DecodeItem(simdjson::dom::element value);

void WriteAttributeValue(const AttributeValue& value, JsonWriter* w);
void WriteItem(const Item& item, JsonWriter* w);

}  // namespace lmddb::json

#endif  // LMDDB_API_JSON_ATTRIBUTE_VALUE_JSON_H_
