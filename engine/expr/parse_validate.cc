// The validation pass (parse_validate.h).
#include "engine/expr/parse_validate.h"

#include <cstring>

#include "absl/strings/escaping.h"
#include "engine/common/status_macros.h"
#include "engine/common/strings.h"
#include "engine/expr/operand_types.h"
#include "engine/expr/parse_paths.h"
#include "engine/expr/parse_walk.h"

namespace lmddb::expr::internal {
namespace {

using Type = AttributeValue::Type;

// Sets of attribute types, one bit per type.
constexpr uint16_t Bit(Type type) {
  return static_cast<uint16_t>(1u << (static_cast<int>(type) - 1));
}
constexpr uint16_t kAll = 0x3FF;
constexpr uint16_t kBool = Bit(Type::kBool);
constexpr uint16_t kNumber = Bit(Type::kN);
constexpr uint16_t kList = Bit(Type::kL);
constexpr uint16_t kStringBinary = Bit(Type::kS) | Bit(Type::kB);
constexpr uint16_t kOrdered = kStringBinary | kNumber;
constexpr uint16_t kIterable =
    kStringBinary | Bit(Type::kSS) | Bit(Type::kNS) | Bit(Type::kBS) | kList | Bit(Type::kM);

// What DynamoDB prints as the possible types of a document path, whose
// type is unknown until the item is read.
constexpr std::string_view kAnyPathType =
    "{S,SS,N,NS,B,BS,BOOL,NULL,L,M,HD,DOUBLE,FLOAT,HDS,FS,DOUBLESET,DICT,DECIMAL,INT,DECIMALSET,"
    "INTSET}";
constexpr std::string_view kAttributeTypeNames = "{N,BS,L,B,NULL,M,S,SS,NS,BOOL}";

std::string_view TypeSetName(uint16_t types) {
  for (int t = 1; t <= 10; ++t) {
    if (types == Bit(static_cast<Type>(t))) return TypeName(static_cast<Type>(t));
  }
  return kAnyPathType;
}

std::string_view ComparatorName(TokenKind op) {
  switch (op) {
    case TokenKind::kEq: return "=";
    case TokenKind::kNe: return "<>";
    case TokenKind::kLt: return "<";
    case TokenKind::kLe: return "<=";
    case TokenKind::kGt: return ">";
    default: return ">=";
  }
}

int CompareBytes(const std::string& a, const std::string& b) {
  const size_t n = a.size() < b.size() ? a.size() : b.size();
  const int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
  if (c != 0) return c;
  return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

// REQUIRES: a and b have the same type, S, N or B.
int CompareScalars(const AttributeValue& a, const AttributeValue& b) {
  switch (a.type()) {
    case Type::kN: {
      const auto order = a.n() <=> b.n();
      return order < 0 ? -1 : order > 0 ? 1 : 0;
    }
    case Type::kB: return CompareBytes(a.b(), b.b());
    default: return CompareBytes(a.s(), b.s());
  }
}

// "AttributeValue: {N:5}", as BETWEEN's messages show a bound.
std::string BoundText(const AttributeValue& v) {
  switch (v.type()) {
    case Type::kN: return StrCat("AttributeValue: {N:", v.n().ToString(), "}");
    case Type::kB: return StrCat("AttributeValue: {B:", absl::Base64Escape(v.b()), "}");
    default: return StrCat("AttributeValue: {", TypeName(v.type()), ":", v.s(), "}");
  }
}

bool IsTypeName(std::string_view s) {
  for (std::string_view name : {"S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M"}) {
    if (s == name) return true;
  }
  return false;
}

}  // namespace

struct Validator::OpInfo {
  std::string_view name;
  uint32_t required = 0;
  bool more = false;  // `required` or more operands
  uint16_t operand_types = kAll;
  bool distinct = false;  // the first operand, a path, may not repeat
  uint16_t returns = kBool;
  Function function = Function::kUnknown;
};

Validator::Validator(const Source& source, Tree* tree, const Placeholders& placeholders)
    : source_(source), tree_(tree), placeholders_(placeholders) {}

// Each OpInfo{...}: name, operands, whether more may follow, operand types,
// whether the first must be distinct, result types.
Validator::OpInfo Validator::InfoOf(const Node& node) const {
  OpInfo info;
  switch (node.kind) {
    case NodeKind::kCompare: {
      const bool equality = node.op == TokenKind::kEq || node.op == TokenKind::kNe;
      info = OpInfo{ComparatorName(node.op), 2, false, equality ? kAll : kOrdered, true};
      break;
    }
    case NodeKind::kBetween:
      info = OpInfo{"BETWEEN", 3, false, kOrdered, true};
      break;
    case NodeKind::kIn:
      info = OpInfo{"IN", 1, true, kAll, true};
      break;
    case NodeKind::kAnd:
    case NodeKind::kOr:
      info = OpInfo{node.kind == NodeKind::kAnd ? "AND" : "OR", 2, false, kBool, false};
      break;
    case NodeKind::kNot:
      info = OpInfo{"NOT", 1, false, kBool, false};
      break;
    case NodeKind::kPlus:
    case NodeKind::kMinus:
      info = OpInfo{node.kind == NodeKind::kPlus ? "+" : "-", 2, false, kNumber, false, kNumber};
      break;
    case NodeKind::kFunction: {
      const std::string_view name = source_.Text(node.token);
      const Function function = FunctionOf(name);
      switch (function) {
        case Function::kAttributeExists:
        case Function::kAttributeNotExists:
          info = OpInfo{name, 1, false, kAll, true};
          break;
        case Function::kAttributeType:
        case Function::kContains:
          info = OpInfo{name, 2, false, kAll, true};
          break;
        case Function::kBeginsWith:
          info = OpInfo{name, 2, false, kStringBinary, true};
          break;
        case Function::kSize:
          info = OpInfo{name, 1, false, kIterable, true, kNumber};
          break;
        case Function::kIfNotExists:
          info = OpInfo{name, 2, false, kAll, true, kAll};
          break;
        case Function::kListAppend:
          info = OpInfo{name, 2, false, kList, false, kList};
          break;
        case Function::kUnknown:
          info = OpInfo{name, 0, false, kAll, true};
          break;
      }
      info.function = function;
      break;
    }
    case NodeKind::kPath:
    case NodeKind::kValue:
      break;
  }
  return info;
}

Status Validator::Path(uint32_t n) {
  const Node node = tree_->nodes[n];
  if (node.count > kMaxPathDepth) {
    return source_.Invalid(
        StrCat("The document path has too many nesting levels; nesting levels: ", node.count));
  }
  for (uint32_t i = 0; i < node.count; ++i) {
    PathElement& e = tree_->elems[node.first + i];
    if (e.kind == PathElement::Kind::kValueRef) {
      return source_.Invalid(
          StrCat("The document path cannot contain attribute value parameters; attribute value: ",
                 source_.Text(e.token)));
    }
    if (e.kind != PathElement::Kind::kNameRef) continue;
    const std::string_view key = source_.Text(e.token);
    const AttributeNames* names = placeholders_.names;
    auto it = names == nullptr ? AttributeNames::const_iterator() : names->find(key);
    if (names == nullptr || it == names->end()) {
      return source_.Invalid(StrCat(
          "An expression attribute name used in the document path is not defined; attribute name: ",
          key));
    }
    placeholders_.used_names->push_back(it->first);
    e.name = it->second;
  }
  return Status::Ok();
}

Status Validator::Value(uint32_t n) {
  Node& node = tree_->nodes[n];
  const std::string_view key = source_.Text(node.token);
  const Item* values = placeholders_.values;
  auto it = values == nullptr ? Item::const_iterator() : values->find(key);
  if (values == nullptr || it == values->end()) {
    return source_.Invalid(StrCat(
        "An expression attribute value used in expression is not defined; attribute value: ", key));
  }
  placeholders_.used_values->push_back(it->first);
  node.value = &it->second;
  return Status::Ok();
}

bool Validator::SamePath(uint32_t a, uint32_t b) const {
  const Node& x = tree_->nodes[a];
  const Node& y = tree_->nodes[b];
  if (x.count != y.count) return false;
  for (uint32_t i = 0; i < x.count; ++i) {
    const PathElement& p = tree_->elems[x.first + i];
    const PathElement& q = tree_->elems[y.first + i];
    const bool p_index = p.kind == PathElement::Kind::kIndex;
    if (p_index != (q.kind == PathElement::Kind::kIndex)) return false;
    if (p_index ? p.index != q.index : p.name != q.name) return false;
  }
  return true;
}

Status Validator::Operator(uint32_t n) {
  const Node node = tree_->nodes[n];
  const OpInfo info = InfoOf(node);
  if (info.more ? node.count < info.required : node.count != info.required) {
    return source_.Invalid(StrCat(
        "Incorrect number of operands for operator or function; operator or function: ", info.name,
        ", number of operands: ", node.count));
  }
  auto type_error = [&](std::string_view type) {
    return source_.Invalid(OperandTypeMessage(info.name, type));
  };
  for (uint32_t i = 0; i < node.count; ++i) {
    const Node& child = tree_->nodes[tree_->Child(node, i)];
    if (child.kind == NodeKind::kPath) continue;  // its type is unknown until the item is read
    if (child.kind == NodeKind::kValue) {
      if ((Bit(child.value->type()) & info.operand_types) == 0) {
        return type_error(TypeName(child.value->type()));
      }
      continue;
    }
    const uint16_t returns = InfoOf(child).returns;
    if ((returns & info.operand_types) == 0) return type_error(TypeSetName(returns));
  }
  const uint32_t first = node.count > 0 ? tree_->Child(node, 0) : 0;
  if (info.distinct && node.count > 1 && tree_->nodes[first].kind == NodeKind::kPath) {
    for (uint32_t i = 1; i < node.count; ++i) {
      const uint32_t other = tree_->Child(node, i);
      if (tree_->nodes[other].kind == NodeKind::kPath && SamePath(first, other)) {
        return source_.Invalid(StrCat(
            "The first operand must be distinct from the remaining operands for this operator or "
            "function; operator: ",
            info.name, ", first operand: ", PathText(*tree_, tree_->nodes[first])));
      }
    }
  }
  auto needs_path = [&]() -> Status {
    if (tree_->nodes[first].kind == NodeKind::kPath) return Status::Ok();
    return source_.Invalid(StrCat(
        "Operator or function requires a document path; operator or function: ", info.name));
  };
  if (node.kind == NodeKind::kBetween) {
    const Node& low = tree_->nodes[tree_->Child(node, 1)];
    const Node& high = tree_->nodes[tree_->Child(node, 2)];
    if (low.kind == NodeKind::kValue && high.kind == NodeKind::kValue) {
      const AttributeValue& lo = *low.value;
      const AttributeValue& hi = *high.value;
      const char* problem = nullptr;
      if (lo.type() != hi.type()) {
        problem = "The BETWEEN operator requires same data type for lower and upper bounds; ";
      } else if (CompareScalars(lo, hi) > 0) {
        problem =
            "The BETWEEN operator requires upper bound to be greater than or equal to lower "
            "bound; ";
      }
      if (problem != nullptr) {
        return source_.Invalid(StrCat(problem, "lower bound operand: ", BoundText(lo),
                                      ", upper bound operand: ", BoundText(hi)));
      }
    }
  } else if (node.kind == NodeKind::kIn) {
    if (node.count - 1 > kMaxInOperands) {
      return source_.Invalid(StrCat(
          "The IN operator is provided with too many operands; number of operands: ",
          node.count - 1));
    }
  } else if (node.kind == NodeKind::kFunction) {
    switch (info.function) {
      case Function::kAttributeExists:
      case Function::kAttributeNotExists:
      case Function::kIfNotExists:
        LMDDB_RETURN_IF_ERROR(needs_path());
        break;
      case Function::kAttributeType: {
        const Node& type = tree_->nodes[tree_->Child(node, 1)];
        if (type.kind == NodeKind::kPath) return type_error(kAnyPathType);
        if (type.kind != NodeKind::kValue) return type_error(TypeSetName(InfoOf(type).returns));
        if (type.value->type() != Type::kS) return type_error(TypeName(type.value->type()));
        if (!IsTypeName(type.value->s())) {
          return source_.Invalid(StrCat("Invalid attribute type name found; type: ",
                                        type.value->s(), ", valid types: ", kAttributeTypeNames));
        }
        break;
      }
      default:
        break;
    }
  }
  if (++operators_ > kMaxOperators) {
    return source_.Invalid(
        StrCat("The expression contains too many operators; operator count: ", operators_));
  }
  return Status::Ok();
}

// Bottom-up over the expression at `root`, with an explicit stack.
Status Validator::Expression(uint32_t root) {
  struct Entry {
    uint32_t node;
    uint32_t next;  // the next child to visit
  };
  thread_local std::vector<Entry> stack;
  stack.clear();
  stack.push_back(Entry{root, 0});
  while (!stack.empty()) {
    const size_t top = stack.size() - 1;
    const uint32_t n = stack[top].node;
    const Node& node = tree_->nodes[n];
    if (node.kind == NodeKind::kPath || node.kind == NodeKind::kValue) {
      stack.pop_back();
      LMDDB_RETURN_IF_ERROR(node.kind == NodeKind::kPath ? Path(n) : Value(n));
      continue;
    }
    if (stack[top].next < node.count) {
      const uint32_t child = tree_->Child(node, stack[top].next++);
      stack.push_back(Entry{child, 0});
      continue;
    }
    stack.pop_back();
    LMDDB_RETURN_IF_ERROR(Operator(n));
  }
  return Status::Ok();
}

Status Validator::AddOrDeleteOperand(Clause clause, uint32_t n) {
  const Type type = tree_->nodes[n].value->type();
  const bool add = clause == Clause::kAdd;
  if (IsAddOrDeleteOperand(add, type)) return Status::Ok();
  return source_.Invalid(AddOrDeleteOperandMessage(add, type));
}

Status Validator::ValidateCondition() { return Expression(tree_->root); }

Status Validator::ValidateProjection() {
  PathTree paths;
  for (size_t i = tree_->paths.size(); i-- > 0;) {
    const uint32_t path = tree_->paths[i];
    LMDDB_RETURN_IF_ERROR(Path(path));
    LMDDB_RETURN_IF_ERROR(paths.Insert(source_, *tree_, tree_->nodes[path]));
  }
  return Status::Ok();
}

Status Validator::ValidateUpdate() {
  // DynamoDB collects the actions last first: the paths go into one tree,
  // then each action's value is checked.
  PathTree paths;
  for (size_t i = tree_->actions.size(); i-- > 0;) {
    const uint32_t path = tree_->actions[i].path;
    LMDDB_RETURN_IF_ERROR(Path(path));
    LMDDB_RETURN_IF_ERROR(paths.Insert(source_, *tree_, tree_->nodes[path]));
  }
  for (size_t i = tree_->actions.size(); i-- > 0;) {
    const Action action = tree_->actions[i];
    if (action.value < 0) continue;
    const auto value = static_cast<uint32_t>(action.value);
    if (action.clause == Clause::kSet) {
      LMDDB_RETURN_IF_ERROR(Expression(value));
    } else {
      LMDDB_RETURN_IF_ERROR(Value(value));
      LMDDB_RETURN_IF_ERROR(AddOrDeleteOperand(action.clause, value));
    }
  }
  return Status::Ok();
}

}  // namespace lmddb::expr::internal
