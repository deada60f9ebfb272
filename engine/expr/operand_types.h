// The operand-type rules of UpdateExpression that DynamoDB checks before it
// reads the item, and its messages for operands of the wrong type. The
// parser's validation (parse_validate.h) applies them to what it parses;
// ApplyUpdate (update.h) applies them again to any tree it is given, so
// both speak with one text.
//
// Thread safety: pure functions.
#ifndef LMDDB_ENGINE_EXPR_OPERAND_TYPES_H_
#define LMDDB_ENGINE_EXPR_OPERAND_TYPES_H_

#include <string>
#include <string_view>

#include "lmddb/attribute_value.hpp"

namespace lmddb::expr {

// Whether ADD (`add`) or DELETE (`!add`) takes a value of `type`: ADD a
// number or a set, DELETE a set.
bool IsAddOrDeleteOperand(bool add, AttributeValue::Type type);

// The message for an ADD or DELETE value of a type it does not take, as it
// follows "Invalid UpdateExpression: ":
//   Incorrect operand type for operator or function; operator: ADD,
//   operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND
std::string AddOrDeleteOperandMessage(bool add, AttributeValue::Type type);

// The message for an operand of `function` (an operator or a function:
// "+", "begins_with", ...) whose type it does not take, as it follows
// "Invalid <Kind>: "; `type` is DynamoDB's name of the operand's type.
//   Incorrect operand type for operator or function; operator or function:
//   +, operand type: S
std::string OperandTypeMessage(std::string_view function, std::string_view type);

}  // namespace lmddb::expr

#endif  // LMDDB_ENGINE_EXPR_OPERAND_TYPES_H_
