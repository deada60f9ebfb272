// Request-level checks and steps shared by the operations that take
// expressions: the rules on ExpressionAttributeNames/Values that DynamoDB
// applies before parsing, and the condition check of a conditional write.
#ifndef LMDDB_ENGINE_OPS_REQUEST_EXPRESSIONS_H_
#define LMDDB_ENGINE_OPS_REQUEST_EXPRESSIONS_H_

#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include "engine/expr/ast.h"
#include "engine/expr/parser.h"
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

// Parses a ConditionExpression when the request has one.
StatusOr<std::optional<expr::Condition>> ParseConditionExpression(
    expr::ExpressionContext& context, const std::optional<std::string>& text);

// The ConditionExpression check of a write, against the item as stored
// (`old` absent: an empty item). Fails with ConditionalCheckFailedException
// "The conditional request failed", carrying the stored item when `on_failure`
// is ALL_OLD and there is one.
Status CheckWriteCondition(const expr::Condition& condition,
                           const std::optional<value::ItemRecord>& old,
                           std::optional<ReturnValuesOnConditionCheckFailure> on_failure);

}  // namespace lmddb::ops

#endif  // LMDDB_ENGINE_OPS_REQUEST_EXPRESSIONS_H_
