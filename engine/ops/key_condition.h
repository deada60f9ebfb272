// Matching a parsed KeyConditionExpression (expr::KeyCondition) against a
// table's key schema, and testing stored sort keys against the result.
//
// DynamoDB's messages (ValidationException), in the order it checks:
//   Query key condition not supported
//       (a hash-only table given two conditions; the partition key
//       compared with anything but =)
//   Query condition missed key schema element: <partition key>
//   Query condition missed key schema element: <sort key>
//       (two conditions, the second not on the sort key)
//   One or more parameter values were invalid: Condition parameter type does not match schema type
//   Invalid KeyConditionExpression: Incorrect operand type for operator or function;
//       operator or function: begins_with, operand type: N
// and the key value checks of key_validation.h (empty values, sizes).
//
// Sort key tests compare order-preserving encodings (keycodec/value_codec.h)
// byte by byte, so no stored key is decoded to test it.
//
// Thread safety: immutable after construction.
#ifndef LMDDB_ENGINE_OPS_KEY_CONDITION_H_
#define LMDDB_ENGINE_OPS_KEY_CONDITION_H_

#include <optional>
#include <string>
#include <string_view>

#include "engine/catalog/table_schema.h"
#include "engine/expr/ast.h"
#include "lmddb/attribute_value.hpp"
#include "lmddb/status.hpp"

namespace lmddb::ops {

using SortKeyOp = expr::KeyCondition::Part::Op;

// A condition on the sort key, with its operands as key bytes.
struct SortKeyCondition {
  SortKeyOp op = SortKeyOp::kEq;
  const AttributeValue* value = nullptr;  // the bound, the prefix, or BETWEEN's lower bound
  const AttributeValue* upper = nullptr;  // kBetween only
  std::string value_bytes;                // encoding of *value
  std::string upper_bytes;                // encoding of *upper (kBetween)

  // Whether a sort key whose encoding is `sort_key_bytes` satisfies it.
  bool Matches(std::string_view sort_key_bytes) const;
};

// What a Query reads: one partition, optionally narrowed on the sort key.
struct QueryKeyRange {
  const AttributeValue* partition_key = nullptr;  // points into the request's values
  std::optional<SortKeyCondition> sort;
};

// Errors: the messages above. `key` must outlive the result.
StatusOr<QueryKeyRange> MatchKeyCondition(const catalog::TableSchema& schema,
                                          const expr::KeyCondition& key);

// The encoding of a key value (S and B raw, N order-preserving), whose
// byte order is DynamoDB's order. REQUIRES: v is S, N or B.
std::string KeyBytes(const AttributeValue& v);

}  // namespace lmddb::ops

#endif  // LMDDB_ENGINE_OPS_KEY_CONDITION_H_
