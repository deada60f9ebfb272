// Operand-type rules and messages (operand_types.h).
#include "engine/expr/operand_types.h"

#include "engine/common/strings.h"
#include "engine/expr/update_sets.h"

namespace lmddb::expr {
namespace {

using Type = AttributeValue::Type;

// The upper-case names DynamoDB uses for ADD and DELETE operands.
std::string_view LongTypeName(Type type) {
  switch (type) {
    case Type::kS: return "STRING";
    case Type::kN: return "NUMBER";
    case Type::kB: return "BINARY";
    case Type::kBool: return "BOOLEAN";
    case Type::kNull: return "NULL";
    case Type::kL: return "LIST";
    case Type::kM: return "MAP";
    case Type::kSS: return "STRING_SET";
    case Type::kNS: return "NUMBER_SET";
    case Type::kBS: return "BINARY_SET";
  }
  return "NULL";
}

}  // namespace

bool IsAddOrDeleteOperand(bool add, Type type) {
  return IsSetType(type) || (add && type == Type::kN);
}

std::string AddOrDeleteOperandMessage(bool add, Type type) {
  const std::string_view action = add ? "ADD" : "DELETE";
  return StrCat("Incorrect operand type for operator or function; operator: ", action,
                ", operand type: ", LongTypeName(type), ", typeSet: ALLOWED_FOR_", action,
                "_OPERAND");
}

std::string OperandTypeMessage(std::string_view function, std::string_view type) {
  return StrCat("Incorrect operand type for operator or function; operator or function: ",
                function, ", operand type: ", type);
}

}  // namespace lmddb::expr
