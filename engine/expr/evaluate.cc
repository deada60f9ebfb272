// Condition evaluation against a stored item (evaluate.h).
//
// Operands resolve to "no value" or to a ValueRef (compare.h): a path to
// the stored bytes it names, a :value to its ExpressionAttributeValues
// entry, size(path) or size(:value) to a computed number. Nothing else of
// the item is looked at, and stored values are decoded only where a
// comparison needs them.
//
// "No value" covers a missing attribute, a path through the wrong type or
// past a list's end, and size() of a type without a size (N, BOOL, NULL).
// Every comparison and function involving one is false, except `<>`, which
// is true (DynamoDB: an absent attribute is "not equal" to anything, even
// to another absent one), and attribute_not_exists. For size() of an
// unsized type DynamoDB is known to fail =, <, <=, >, >=; that `<>` is then
// true follows from treating it as absent, as dynalite and Alternator do.
#include "engine/expr/evaluate.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/common/status_macros.h"
#include "engine/expr/compare.h"
#include "engine/expr/document_path.h"

namespace lmddb::expr {
namespace {

using Type = AttributeValue::Type;
using MaybeValue = std::optional<ValueRef>;

Status Malformed(std::string_view what) {
  std::string message = "Malformed condition: ";
  message.append(what);
  return Status::Internal(std::move(message));
}

class Evaluator {
 public:
  explicit Evaluator(const value::ItemView& item) : item_(item) {}

  // Chains of NOT, and the right side of AND / OR (which the parser
  // associates to the right), are followed in a loop; only a parenthesized
  // left operand recurses, and the parser bounds that nesting (ast.h).
  StatusOr<bool> Eval(const Condition& root) const {
    const Condition* c = &root;
    bool negate = false;
    while (true) {
      switch (c->kind) {
        case Condition::Kind::kNot:
          if (c->left == nullptr) return Malformed("NOT without an operand");
          negate = !negate;
          c = c->left.get();
          continue;
        case Condition::Kind::kAnd:
        case Condition::Kind::kOr: {
          if (c->left == nullptr || c->right == nullptr) {
            return Malformed("AND/OR without operands");
          }
          LMDDB_ASSIGN_OR_RETURN(bool left, Eval(*c->left));
          // Short-circuit: the right side is not even resolved.
          if (left == (c->kind == Condition::Kind::kOr)) return left != negate;
          c = c->right.get();
          continue;
        }
        default: {
          LMDDB_ASSIGN_OR_RETURN(bool result, EvalPrimitive(*c));
          return result != negate;
        }
      }
    }
  }

 private:
  static Status Need(const Condition& c, size_t operands) {
    return c.operands.size() < operands ? Malformed("too few operands") : Status::Ok();
  }

  // A comparison or a function.
  StatusOr<bool> EvalPrimitive(const Condition& c) const {
    switch (c.kind) {
      case Condition::Kind::kCompare:
        LMDDB_RETURN_IF_ERROR(Need(c, 2));
        return EvalCompare(c.comparator, c.operands[0], c.operands[1]);
      case Condition::Kind::kBetween:
        LMDDB_RETURN_IF_ERROR(Need(c, 3));
        return EvalBetween(c.operands[0], c.operands[1], c.operands[2]);
      case Condition::Kind::kIn:
        LMDDB_RETURN_IF_ERROR(Need(c, 2));
        return EvalIn(c.operands);
      case Condition::Kind::kAttributeExists:
      case Condition::Kind::kAttributeNotExists: {
        LMDDB_RETURN_IF_ERROR(Need(c, 1));
        LMDDB_ASSIGN_OR_RETURN(MaybeValue v, Resolve(c.operands[0]));
        return v.has_value() == (c.kind == Condition::Kind::kAttributeExists);
      }
      case Condition::Kind::kAttributeType:
        LMDDB_RETURN_IF_ERROR(Need(c, 2));
        return EvalAttributeType(c.operands[0], c.operands[1]);
      case Condition::Kind::kBeginsWith:
      case Condition::Kind::kContains: {
        LMDDB_RETURN_IF_ERROR(Need(c, 2));
        LMDDB_ASSIGN_OR_RETURN(MaybeValue a, Resolve(c.operands[0]));
        if (!a.has_value()) return false;
        LMDDB_ASSIGN_OR_RETURN(MaybeValue b, Resolve(c.operands[1]));
        if (!b.has_value()) return false;
        if (c.kind == Condition::Kind::kBeginsWith) return BeginsWith(*a, *b);
        return Contains(*a, *b);
      }
      default:
        return Malformed("unknown condition kind");
    }
  }

  StatusOr<MaybeValue> Resolve(const Operand& operand) const {
    switch (operand.kind) {
      case Operand::Kind::kPath: {
        LMDDB_ASSIGN_OR_RETURN(std::optional<value::ValueView> v, ResolvePath(operand.path, item_));
        if (!v.has_value()) return MaybeValue();
        return MaybeValue(ValueRef::Stored(*v));
      }
      case Operand::Kind::kValue:
        if (operand.value == nullptr) return MaybeValue();
        return MaybeValue(ValueRef::Decoded(*operand.value));
      case Operand::Kind::kSize: {
        // size(path), or size(:value) with the operand in `left` (the
        // parser has checked a constant's type already).
        MaybeValue v;
        if (operand.left != nullptr) {
          LMDDB_ASSIGN_OR_RETURN(v, Resolve(*operand.left));
        } else {
          LMDDB_ASSIGN_OR_RETURN(std::optional<value::ValueView> stored,
                                 ResolvePath(operand.path, item_));
          if (stored.has_value()) v = ValueRef::Stored(*stored);
        }
        if (!v.has_value()) return MaybeValue();
        LMDDB_ASSIGN_OR_RETURN(std::optional<Number> size, Size(*v));
        if (!size.has_value()) return MaybeValue();
        return MaybeValue(ValueRef::Computed(*size));
      }
      default:
        // if_not_exists, list_append, + and - belong to SET; the parser
        // refuses them in conditions.
        return MaybeValue();
    }
  }

  StatusOr<bool> EvalCompare(Comparator op, const Operand& left, const Operand& right) const {
    LMDDB_ASSIGN_OR_RETURN(MaybeValue a, Resolve(left));
    LMDDB_ASSIGN_OR_RETURN(MaybeValue b, Resolve(right));
    if (op == Comparator::kEq || op == Comparator::kNe) {
      const bool want_equal = op == Comparator::kEq;
      if (!a.has_value() || !b.has_value()) return !want_equal;
      LMDDB_ASSIGN_OR_RETURN(bool equal, Equal(*a, *b));
      return equal == want_equal;
    }
    if (!a.has_value() || !b.has_value()) return false;
    LMDDB_ASSIGN_OR_RETURN(std::optional<int> order, Order(*a, *b));
    if (!order.has_value()) return false;
    switch (op) {
      case Comparator::kLt: return *order < 0;
      case Comparator::kLe: return *order <= 0;
      case Comparator::kGt: return *order > 0;
      case Comparator::kGe: return *order >= 0;
      default: return false;
    }
  }

  // Inclusive on both ends. Bounds of different types, or of a type other
  // than the value's, leave one comparison undefined: false.
  StatusOr<bool> EvalBetween(const Operand& value, const Operand& lower,
                             const Operand& upper) const {
    LMDDB_ASSIGN_OR_RETURN(MaybeValue v, Resolve(value));
    if (!v.has_value()) return false;
    LMDDB_ASSIGN_OR_RETURN(MaybeValue lo, Resolve(lower));
    if (!lo.has_value()) return false;
    LMDDB_ASSIGN_OR_RETURN(MaybeValue hi, Resolve(upper));
    if (!hi.has_value()) return false;
    LMDDB_ASSIGN_OR_RETURN(std::optional<int> above_lo, Order(*v, *lo));
    if (!above_lo.has_value() || *above_lo < 0) return false;
    LMDDB_ASSIGN_OR_RETURN(std::optional<int> below_hi, Order(*v, *hi));
    return below_hi.has_value() && *below_hi <= 0;
  }

  // operands[0] IN (operands[1], ...): equality with any of them; the
  // candidates may have different types.
  StatusOr<bool> EvalIn(const std::vector<Operand>& operands) const {
    LMDDB_ASSIGN_OR_RETURN(MaybeValue v, Resolve(operands[0]));
    if (!v.has_value()) return false;
    for (size_t i = 1; i < operands.size(); ++i) {
      LMDDB_ASSIGN_OR_RETURN(MaybeValue candidate, Resolve(operands[i]));
      if (!candidate.has_value()) continue;
      LMDDB_ASSIGN_OR_RETURN(bool equal, Equal(*v, *candidate));
      if (equal) return true;
    }
    return false;
  }

  // attribute_type(operand, :t). The parser checks that :t is an S naming
  // one of the ten types; anything else is simply false here.
  StatusOr<bool> EvalAttributeType(const Operand& operand, const Operand& type_name) const {
    LMDDB_ASSIGN_OR_RETURN(MaybeValue v, Resolve(operand));
    if (!v.has_value()) return false;
    LMDDB_ASSIGN_OR_RETURN(MaybeValue t, Resolve(type_name));
    if (!t.has_value() || t->type() != Type::kS) return false;
    return t->bytes() == TypeName(v->type());
  }

  const value::ItemView& item_;
};

}  // namespace

StatusOr<bool> Evaluate(const Condition& condition, const value::ItemView& item) {
  return Evaluator(item).Eval(condition);
}

}  // namespace lmddb::expr
