// Evaluating a ConditionExpression or FilterExpression against a stored
// item, with DynamoDB's semantics: a missing item is an empty item; a
// comparison between different types, or with a missing attribute, is false
// rather than an error; functions applied to a type they do not support are
// false.
//
// The item is read in its stored encoding (value/item_codec.h): only the
// attributes the condition names are located and decoded.
//
// Thread safety: pure functions.
#ifndef LMDDB_ENGINE_EXPR_EVALUATE_H_
#define LMDDB_ENGINE_EXPR_EVALUATE_H_

#include "engine/expr/ast.h"
#include "engine/value/item_codec.h"
#include "lmddb/status.hpp"

namespace lmddb::expr {

// Errors only for a corrupt stored item (Status::Internal), met while
// reading a value the condition uses, and for a tree the parser never
// produces (an operator missing operands; also Status::Internal).
StatusOr<bool> Evaluate(const Condition& condition, const value::ItemView& item);

}  // namespace lmddb::expr

#endif  // LMDDB_ENGINE_EXPR_EVALUATE_H_
