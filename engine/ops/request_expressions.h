// Request-level checks and steps shared by the operations that take
// expressions: the rules on ExpressionAttributeNames/Values that DynamoDB
// applies before parsing, compiling an item write's expressions, and
// reading the item a write addresses with its condition check.
#ifndef LMDDB_ENGINE_OPS_REQUEST_EXPRESSIONS_H_
#define LMDDB_ENGINE_OPS_REQUEST_EXPRESSIONS_H_

#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include "engine/catalog/catalog.h"
#include "engine/expr/ast.h"
#include "engine/expr/parser.h"
#include "engine/storage/txn.h"
#include "engine/value/item_record.h"
#include "lmddb/operations.hpp"
#include "lmddb/status.hpp"

namespace lmddb::ops {

// One expression parameter of a request: its name ("ConditionExpression")
// and its value, absent when not sent.
using ExpressionParameter = std::pair<const char*, const std::optional<std::string>*>;

// DynamoDB's checks, in its order:
//   names/values sent without any expression:
//     "ExpressionAttributeNames can only be specified when using expressions"
//     "ExpressionAttributeValues can only be specified when using expressions: <P> is null[ and <Q> is null]"
//   "ExpressionAttributeNames must not be empty" / "ExpressionAttributeValues must not be empty"
//   a name key not starting with '#', a value key not starting with ':':
//     "ExpressionAttributeNames contains invalid key: Syntax error; key: \"<k>\""
//   an invalid value: "ExpressionAttributeValues contains invalid value: <why> for key <k>"
// `values` may be null for operations that have no ExpressionAttributeValues.
Status ValidateExpressionAttributes(std::initializer_list<ExpressionParameter> expressions,
                                    const std::optional<ExpressionAttributeNames>& names,
                                    const std::optional<ExpressionAttributeValues>* values);

// The pointer form ExpressionContext takes: null when not sent.
template <typename T>
const T* OptionalPtr(const std::optional<T>& value) {
  return value ? &*value : nullptr;
}

// The compiled expressions of an item write.
struct WriteExpressions {
  std::optional<expr::UpdateExpression> update;  // UpdateItem only
  std::optional<expr::Condition> condition;
};

// The request-level checks (ValidateExpressionAttributes), then the
// UpdateExpression (when `update_expression` is not null: the operation has
// one) and the ConditionExpression, then CheckAllUsed: DynamoDB's order.
StatusOr<WriteExpressions> CompileWriteExpressions(
    const std::optional<std::string>* update_expression,
    const std::optional<std::string>& condition_expression,
    const std::optional<ExpressionAttributeNames>& names,
    const std::optional<ExpressionAttributeValues>& values);

// The item a write addresses, as stored before the write.
struct WriteTarget {
  std::string lmdb_key;
  std::optional<value::ItemRecord> old;  // absent when no item has the key
};

// Reads the item with the key attributes of `key_source` (the new item or
// the Key parameter, already validated against the schema) and checks the
// write's condition against it (an absent item reads as an empty item).
// A failed condition is ConditionalCheckFailedException "The conditional
// request failed", carrying the stored item when `on_failure` is ALL_OLD and
// there is one. `for_write`: see ReadStoredItem.
StatusOr<WriteTarget> ReadWriteTarget(const storage::WriteTxn& txn, const catalog::Table& table,
                                      const Item& key_source, bool for_write,
                                      const std::optional<expr::Condition>& condition,
                                      std::optional<ReturnValuesOnConditionCheckFailure> on_failure);

}  // namespace lmddb::ops

#endif  // LMDDB_ENGINE_OPS_REQUEST_EXPRESSIONS_H_
