// Turning a validated parse tree (parse_tree.h) into the shared syntax tree
// of ast.h, and a KeyConditionExpression into its KeyCondition shape.
//
// Only validated trees come here: they hold at most 300 operators, so the
// recursion over them is at most 301 deep.
//
// A KeyConditionExpression must be one condition, or two joined by AND,
// each comparing one top-level attribute with :values (=, <, <=, >, >=,
// BETWEEN, begins_with). Otherwise, with DynamoDB's messages (no
// "Invalid KeyConditionExpression:" prefix):
//   Invalid operator used in KeyConditionExpression: OR      (also NOT, IN, <>, functions)
//   KeyConditionExpressions cannot contain nested operations
//   KeyConditionExpressions cannot have conditions on nested attributes
//   KeyConditionExpressions must only contain one condition per key
//   Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition
//   Invalid condition in KeyConditionExpression: No key attribute specified
//   Invalid condition in KeyConditionExpression: BETWEEN operator must have the key
//       attribute as its first operand                       (also begins_with)
//   Conditions can be of length 1 or 2 only
// ":v < sk" is read as "sk > :v". Matching the parts to the key schema
// (and its errors) is Query's part.
//
// Thread safety: pure functions.
#ifndef LMDDB_ENGINE_EXPR_PARSE_BUILD_H_
#define LMDDB_ENGINE_EXPR_PARSE_BUILD_H_

#include "engine/expr/ast.h"
#include "engine/expr/parse_tree.h"
#include "lmddb/status.hpp"

namespace lmddb::expr::internal {

Condition BuildCondition(const Source& source, const Tree& tree);
Projection BuildProjection(const Tree& tree);
UpdateExpression BuildUpdate(const Source& source, const Tree& tree);
StatusOr<KeyCondition> BuildKeyCondition(const Source& source, const Tree& tree);

}  // namespace lmddb::expr::internal

#endif  // LMDDB_ENGINE_EXPR_PARSE_BUILD_H_
