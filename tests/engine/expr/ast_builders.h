// Hand-built syntax trees (engine/expr/ast.h) for the tests of the
// evaluator, projections, document paths and updates: paths written
// "a.b[2].c", operands, conditions, and a store that keeps the values
// operands point at alive.
#ifndef LMDDB_TESTS_ENGINE_EXPR_AST_BUILDERS_H_
#define LMDDB_TESTS_ENGINE_EXPR_AST_BUILDERS_H_

#include <algorithm>
#include <cstdint>
#include <deque>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/expr/ast.h"
#include "lmddb/attribute_value.hpp"

namespace lmddb::expr_test {

// ---------------------------------------------------------------------------
// Document paths.

inline expr::PathElement Name(std::string name) {
  expr::PathElement e;
  e.name = std::move(name);
  return e;
}

inline expr::PathElement Index(uint32_t index) {
  expr::PathElement e;
  e.kind = expr::PathElement::Kind::kIndex;
  e.index = index;
  return e;
}

// "a.b[2].c" as a path (names without dots or brackets).
inline expr::DocumentPath Path(std::string_view text) {
  expr::DocumentPath path;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '.') {
      ++i;
    } else if (text[i] == '[') {
      const size_t close = text.find(']', i);
      path.elements.push_back(
          Index(static_cast<uint32_t>(std::stoul(std::string(text.substr(i + 1, close - i - 1))))));
      i = close + 1;
    } else {
      const size_t end = std::min(text.find_first_of(".[", i), text.size());
      path.elements.push_back(Name(std::string(text.substr(i, end - i))));
      i = end;
    }
  }
  return path;
}

inline std::vector<expr::DocumentPath> Paths(std::initializer_list<std::string_view> texts) {
  std::vector<expr::DocumentPath> paths;
  for (std::string_view t : texts) paths.push_back(Path(t));
  return paths;
}

// ---------------------------------------------------------------------------
// Operands.

// The attribute at `path`.
inline expr::Operand At(std::string_view path) {
  expr::Operand op;
  op.kind = expr::Operand::Kind::kPath;
  op.path = Path(path);
  return op;
}

// size(path).
inline expr::Operand SizeOf(std::string_view path) {
  expr::Operand op = At(path);
  op.kind = expr::Operand::Kind::kSize;
  return op;
}

inline expr::Operand IfNotExists(std::string_view path, expr::Operand fallback) {
  expr::Operand op = At(path);
  op.kind = expr::Operand::Kind::kIfNotExists;
  op.right = std::make_unique<expr::Operand>(std::move(fallback));
  return op;
}

// list_append, + or -.
inline expr::Operand Binary(expr::Operand::Kind kind, expr::Operand left, expr::Operand right) {
  expr::Operand op;
  op.kind = kind;
  op.left = std::make_unique<expr::Operand>(std::move(left));
  op.right = std::make_unique<expr::Operand>(std::move(right));
  return op;
}
inline expr::Operand ListAppend(expr::Operand a, expr::Operand b) {
  return Binary(expr::Operand::Kind::kListAppend, std::move(a), std::move(b));
}
inline expr::Operand Plus(expr::Operand a, expr::Operand b) {
  return Binary(expr::Operand::Kind::kPlus, std::move(a), std::move(b));
}
inline expr::Operand Minus(expr::Operand a, expr::Operand b) {
  return Binary(expr::Operand::Kind::kMinus, std::move(a), std::move(b));
}

// Values for value operands, at stable addresses for as long as the store
// lives, as a request's ExpressionAttributeValues outlive its trees.
class ValueStore {
 public:
  ValueStore() = default;
  ValueStore(const ValueStore&) = delete;  // operands point into values_
  ValueStore& operator=(const ValueStore&) = delete;

  const AttributeValue* Keep(AttributeValue v) {
    values_.push_back(std::move(v));
    return &values_.back();
  }
  // A value operand (an ExpressionAttributeValues placeholder).
  expr::Operand V(AttributeValue v) {
    expr::Operand op;
    op.kind = expr::Operand::Kind::kValue;
    op.value = Keep(std::move(v));
    return op;
  }

 private:
  std::deque<AttributeValue> values_;
};

// ---------------------------------------------------------------------------
// Conditions.

inline expr::Condition Cmp(expr::Operand a, expr::Comparator op, expr::Operand b) {
  expr::Condition c;
  c.kind = expr::Condition::Kind::kCompare;
  c.comparator = op;
  c.operands.push_back(std::move(a));
  c.operands.push_back(std::move(b));
  return c;
}

// A function, or any condition over operands.
inline expr::Condition Fn(expr::Condition::Kind kind, expr::Operand a) {
  expr::Condition c;
  c.kind = kind;
  c.operands.push_back(std::move(a));
  return c;
}
inline expr::Condition Fn(expr::Condition::Kind kind, expr::Operand a, expr::Operand b) {
  expr::Condition c = Fn(kind, std::move(a));
  c.operands.push_back(std::move(b));
  return c;
}

inline expr::Condition Between(expr::Operand v, expr::Operand lo, expr::Operand hi) {
  expr::Condition c = Fn(expr::Condition::Kind::kBetween, std::move(v), std::move(lo));
  c.operands.push_back(std::move(hi));
  return c;
}

template <typename... Rest>
expr::Condition In(expr::Operand v, Rest... candidates) {
  expr::Condition c = Fn(expr::Condition::Kind::kIn, std::move(v));
  (c.operands.push_back(std::move(candidates)), ...);
  return c;
}

// AND or OR.
inline expr::Condition Logic(expr::Condition::Kind kind, expr::Condition left,
                             expr::Condition right) {
  expr::Condition c;
  c.kind = kind;
  c.left = std::make_unique<expr::Condition>(std::move(left));
  c.right = std::make_unique<expr::Condition>(std::move(right));
  return c;
}

inline expr::Condition Not(expr::Condition inner) {
  expr::Condition c;
  c.kind = expr::Condition::Kind::kNot;
  c.left = std::make_unique<expr::Condition>(std::move(inner));
  return c;
}

}  // namespace lmddb::expr_test

#endif  // LMDDB_TESTS_ENGINE_EXPR_AST_BUILDERS_H_
