// From the parse tree to ast.h (parse_build.h).
#include "engine/expr/parse_build.h"

#include <memory>
#include <string>
#include <vector>

#include "engine/common/strings.h"
#include "engine/expr/parse_walk.h"

namespace lmddb::expr::internal {
namespace {

expr::DocumentPath BuildPath(const Tree& tree, const Node& node) {
  expr::DocumentPath path;
  path.elements.reserve(node.count);
  for (uint32_t i = 0; i < node.count; ++i) {
    const PathElement& e = tree.elems[node.first + i];
    expr::PathElement out;
    if (e.kind == PathElement::Kind::kIndex) {
      out.kind = expr::PathElement::Kind::kIndex;
      out.index = e.index;
    } else {
      out.name = std::string(e.name);
    }
    path.elements.push_back(std::move(out));
  }
  return path;
}

Operand BuildOperand(const Source& source, const Tree& tree, uint32_t n) {
  const Node& node = tree.nodes[n];
  Operand op;
  auto child = [&](uint32_t i) {
    return std::make_unique<Operand>(BuildOperand(source, tree, tree.Child(node, i)));
  };
  switch (node.kind) {
    case NodeKind::kPath:
      op.kind = Operand::Kind::kPath;
      op.path = BuildPath(tree, node);
      break;
    case NodeKind::kValue:
      op.kind = Operand::Kind::kValue;
      op.value = node.value;
      break;
    case NodeKind::kPlus:
    case NodeKind::kMinus:
      op.kind = node.kind == NodeKind::kPlus ? Operand::Kind::kPlus : Operand::Kind::kMinus;
      op.left = child(0);
      op.right = child(1);
      break;
    case NodeKind::kFunction:
      switch (FunctionOf(source.Text(node.token))) {
        case Function::kSize: {
          op.kind = Operand::Kind::kSize;
          const Node& arg = tree.nodes[tree.Child(node, 0)];
          if (arg.kind == NodeKind::kPath) {
            op.path = BuildPath(tree, arg);
          } else {
            op.left = child(0);  // size(:value): the operand, with an empty path
          }
          break;
        }
        case Function::kIfNotExists:
          op.kind = Operand::Kind::kIfNotExists;
          op.path = BuildPath(tree, tree.nodes[tree.Child(node, 0)]);
          op.right = child(1);
          break;
        case Function::kListAppend:
          op.kind = Operand::Kind::kListAppend;
          op.left = child(0);
          op.right = child(1);
          break;
        default:
          break;  // validation admits no other function as an operand
      }
      break;
    default:
      break;  // conditions are never operands after validation
  }
  return op;
}

Comparator ComparatorOf(TokenKind op) {
  switch (op) {
    case TokenKind::kNe: return Comparator::kNe;
    case TokenKind::kLt: return Comparator::kLt;
    case TokenKind::kLe: return Comparator::kLe;
    case TokenKind::kGt: return Comparator::kGt;
    case TokenKind::kGe: return Comparator::kGe;
    default: return Comparator::kEq;
  }
}

Condition BuildConditionNode(const Source& source, const Tree& tree, uint32_t n) {
  const Node& node = tree.nodes[n];
  Condition c;
  auto operands = [&]() {
    c.operands.reserve(node.count);
    for (uint32_t i = 0; i < node.count; ++i) {
      c.operands.push_back(BuildOperand(source, tree, tree.Child(node, i)));
    }
  };
  auto sub = [&](uint32_t i) {
    return std::make_unique<Condition>(BuildConditionNode(source, tree, tree.Child(node, i)));
  };
  switch (node.kind) {
    case NodeKind::kCompare:
      c.kind = Condition::Kind::kCompare;
      c.comparator = ComparatorOf(node.op);
      operands();
      break;
    case NodeKind::kBetween:
      c.kind = Condition::Kind::kBetween;
      operands();
      break;
    case NodeKind::kIn:
      c.kind = Condition::Kind::kIn;
      operands();
      break;
    case NodeKind::kAnd:
    case NodeKind::kOr:
      c.kind = node.kind == NodeKind::kAnd ? Condition::Kind::kAnd : Condition::Kind::kOr;
      c.left = sub(0);
      c.right = sub(1);
      break;
    case NodeKind::kNot:
      c.kind = Condition::Kind::kNot;
      c.left = sub(0);
      break;
    case NodeKind::kFunction:
      switch (FunctionOf(source.Text(node.token))) {
        case Function::kAttributeExists: c.kind = Condition::Kind::kAttributeExists; break;
        case Function::kAttributeNotExists: c.kind = Condition::Kind::kAttributeNotExists; break;
        case Function::kAttributeType: c.kind = Condition::Kind::kAttributeType; break;
        case Function::kBeginsWith: c.kind = Condition::Kind::kBeginsWith; break;
        default: c.kind = Condition::Kind::kContains; break;
      }
      operands();
      break;
    default:
      break;  // validation admits no operand as a whole condition
  }
  return c;
}

// One extracted key condition.
struct KeyPart {
  enum class Op : uint8_t { kEq, kLt, kLe, kGt, kGe, kBetween, kBeginsWith };
  std::string_view attribute;
  Op op = Op::kEq;
  const AttributeValue* values[2] = {nullptr, nullptr};
  int value_count = 0;
};

KeyPart::Op Inverse(KeyPart::Op op) {
  switch (op) {
    case KeyPart::Op::kLt: return KeyPart::Op::kGt;
    case KeyPart::Op::kLe: return KeyPart::Op::kGe;
    case KeyPart::Op::kGt: return KeyPart::Op::kLt;
    case KeyPart::Op::kGe: return KeyPart::Op::kLe;
    default: return op;
  }
}

Status InvalidKeyCondition(std::string_view what) {
  return Status::Validation(StrCat("Invalid condition in KeyConditionExpression: ", what));
}

StatusOr<KeyPart> ExtractKeyPart(const Source& source, const Tree& tree, const Node& node) {
  KeyPart part;
  std::string_view op_name;
  bool supported = true;
  switch (node.kind) {
    case NodeKind::kCompare:
      switch (node.op) {
        case TokenKind::kEq: part.op = KeyPart::Op::kEq; break;
        case TokenKind::kLt: part.op = KeyPart::Op::kLt; break;
        case TokenKind::kLe: part.op = KeyPart::Op::kLe; break;
        case TokenKind::kGt: part.op = KeyPart::Op::kGt; break;
        case TokenKind::kGe: part.op = KeyPart::Op::kGe; break;
        default:
          op_name = "<>";
          supported = false;
          break;
      }
      break;
    case NodeKind::kBetween:
      part.op = KeyPart::Op::kBetween;
      op_name = "BETWEEN";
      break;
    case NodeKind::kFunction:
      op_name = source.Text(node.token);
      part.op = KeyPart::Op::kBeginsWith;
      supported = FunctionOf(op_name) == Function::kBeginsWith;
      break;
    case NodeKind::kOr: op_name = "OR"; supported = false; break;
    case NodeKind::kNot: op_name = "NOT"; supported = false; break;
    case NodeKind::kIn: op_name = "IN"; supported = false; break;
    default: op_name = "?"; supported = false; break;
  }
  if (!supported) {
    return Status::Validation(StrCat("Invalid operator used in KeyConditionExpression: ", op_name));
  }
  bool has_attribute = false;
  for (uint32_t i = 0; i < node.count; ++i) {
    const Node& child = tree.nodes[tree.Child(node, i)];
    if (child.kind == NodeKind::kPath) {
      if (has_attribute) {
        return InvalidKeyCondition("Multiple attribute names used in one condition");
      }
      if (child.count > 1) {
        return Status::Validation(
            "KeyConditionExpressions cannot have conditions on nested attributes");
      }
      part.attribute = tree.elems[child.first].name;
      has_attribute = true;
    } else if (child.kind == NodeKind::kValue) {
      if (!has_attribute) {
        if (part.op == KeyPart::Op::kBetween || part.op == KeyPart::Op::kBeginsWith) {
          return InvalidKeyCondition(
              StrCat(op_name, " operator must have the key attribute as its first operand"));
        }
        part.op = Inverse(part.op);
      }
      if (part.value_count < 2) part.values[part.value_count++] = child.value;
    } else {
      return Status::Validation("KeyConditionExpressions cannot contain nested operations");
    }
  }
  if (!has_attribute) return InvalidKeyCondition("No key attribute specified");
  return part;
}

KeyCondition::Part::Op PartOp(KeyPart::Op op) {
  using Op = KeyCondition::Part::Op;
  switch (op) {
    case KeyPart::Op::kLt: return Op::kLt;
    case KeyPart::Op::kLe: return Op::kLe;
    case KeyPart::Op::kGt: return Op::kGt;
    case KeyPart::Op::kGe: return Op::kGe;
    case KeyPart::Op::kBetween: return Op::kBetween;
    case KeyPart::Op::kBeginsWith: return Op::kBeginsWith;
    default: return Op::kEq;
  }
}

}  // namespace

Condition BuildCondition(const Source& source, const Tree& tree) {
  return BuildConditionNode(source, tree, tree.root);
}

Projection BuildProjection(const Tree& tree) {
  Projection projection;
  projection.paths.reserve(tree.paths.size());
  for (uint32_t path : tree.paths) projection.paths.push_back(BuildPath(tree, tree.nodes[path]));
  return projection;
}

UpdateExpression BuildUpdate(const Source& source, const Tree& tree) {
  UpdateExpression update;
  for (const Action& action : tree.actions) {
    expr::DocumentPath path = BuildPath(tree, tree.nodes[action.path]);
    const auto value = static_cast<uint32_t>(action.value);
    switch (action.clause) {
      case Clause::kSet:
        update.set.push_back({std::move(path), BuildOperand(source, tree, value)});
        break;
      case Clause::kRemove:
        update.remove.push_back({std::move(path)});
        break;
      case Clause::kAdd:
        update.add.push_back({std::move(path), tree.nodes[value].value});
        break;
      case Clause::kDelete:
        update.del.push_back({std::move(path), tree.nodes[value].value});
        break;
    }
  }
  return update;
}

StatusOr<KeyCondition> BuildKeyCondition(const Source& source, const Tree& tree) {
  std::vector<KeyPart> parts;
  std::vector<uint32_t> stack = {tree.root};
  while (!stack.empty()) {
    const uint32_t n = stack.back();
    stack.pop_back();
    const Node& node = tree.nodes[n];
    if (node.kind == NodeKind::kAnd) {
      stack.push_back(tree.Child(node, 1));
      stack.push_back(tree.Child(node, 0));
      continue;
    }
    auto part = ExtractKeyPart(source, tree, node);
    if (!part.ok()) return part.status();
    for (const KeyPart& other : parts) {
      if (other.attribute == part->attribute) {
        return Status::Validation(
            "KeyConditionExpressions must only contain one condition per key");
      }
    }
    parts.push_back(*part);
  }
  if (parts.size() > 2) return Status::Validation("Conditions can be of length 1 or 2 only");
  // Which part is the partition key, and whether the other is the sort
  // key, only Query can tell: it matches the parts against the schema.
  KeyCondition key;
  key.parts.reserve(parts.size());
  for (const KeyPart& part : parts) {
    KeyCondition::Part out;
    out.attribute = std::string(part.attribute);
    out.op = PartOp(part.op);
    out.value = part.values[0];
    if (part.op == KeyPart::Op::kBetween) out.upper = part.values[1];
    key.parts.push_back(std::move(out));
  }
  return key;
}

}  // namespace lmddb::expr::internal
