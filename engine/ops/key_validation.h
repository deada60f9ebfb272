// Checks an item or a key against a table's key schema, with DynamoDB's
// messages. Values themselves (sets, numbers, nesting) are validated
// earlier by value::ValidateAttributeValue.
#ifndef LMDDB_ENGINE_OPS_KEY_VALIDATION_H_
#define LMDDB_ENGINE_OPS_KEY_VALIDATION_H_

#include "engine/catalog/table_schema.h"
#include "lmddb/attribute_value.hpp"
#include "lmddb/status.hpp"

namespace lmddb::ops {

inline constexpr size_t kMaxPartitionKeyBytes = 2048;
inline constexpr size_t kMaxSortKeyBytes = 1024;

// The emptiness and size rules of one key attribute's value (S and B: not
// empty, at most 2048 bytes for a partition key and 1024 for a sort key),
// with DynamoDB's messages. REQUIRES: value has attr's type.
Status CheckKeyValue(const catalog::KeyAttribute& attr, const AttributeValue& value, bool is_hash);

// The values of a Key parameter themselves (sets, numbers, nesting), before
// they are matched against the schema.
Status ValidateKeyValues(const Item& key);

// The key attributes of an item (PutItem): each present, of the defined
// type, non-empty, within DynamoDB's key size limits.
Status ValidateItemKeyAttributes(const catalog::TableSchema& table, const Item& item);

// A Key parameter (GetItem, DeleteItem): exactly the key attributes, each
// of the defined type, non-empty and within the size limits.
Status ValidateKeyParameter(const catalog::TableSchema& table, const Item& key);

// The key attribute values of `item`. REQUIRES: one of the checks above passed.
struct KeyValues {
  const AttributeValue* hash = nullptr;
  const AttributeValue* range = nullptr;  // null for hash-only tables
};
KeyValues KeyValuesOf(const catalog::TableSchema& table, const Item& item);

}  // namespace lmddb::ops

#endif  // LMDDB_ENGINE_OPS_KEY_VALIDATION_H_
