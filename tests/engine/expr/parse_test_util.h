// Helpers for the parser tests: a request's placeholders, the error text of
// a failed parse, DynamoDB's messages to expect, and compact renderings of
// parsed trees, e.g.
//   OR(=(a,:x),AND(=(b,:y),=(c,:z)))     SET a=(b+:v) REMOVE c[1]
#ifndef LMDDB_TESTS_ENGINE_EXPR_PARSE_TEST_UTIL_H_
#define LMDDB_TESTS_ENGINE_EXPR_PARSE_TEST_UTIL_H_

#include <string>
#include <string_view>

#include "engine/common/strings.h"
#include "engine/expr/ast.h"
#include "engine/expr/parser.h"
#include "expr_test_util.h"
#include "gtest/gtest.h"

namespace lmddb::expr_test {

inline std::string ValueName(const Item& values, const AttributeValue* v) {
  for (const auto& [key, value] : values) {
    if (&value == v) return key;
  }
  return "?";
}

inline std::string ShowPath(const expr::DocumentPath& path) {
  std::string out;
  for (size_t i = 0; i < path.elements.size(); ++i) {
    const expr::PathElement& e = path.elements[i];
    if (e.kind == expr::PathElement::Kind::kIndex) {
      StrAppend(&out, "[", e.index, "]");
    } else {
      if (i > 0) out += ".";
      out += e.name;
    }
  }
  return out;
}

inline std::string ShowOperand(const expr::Operand& op, const Item& values) {
  using Kind = expr::Operand::Kind;
  switch (op.kind) {
    case Kind::kPath: return ShowPath(op.path);
    case Kind::kValue: return ValueName(values, op.value);
    case Kind::kSize:
      return StrCat("size(", op.left ? ShowOperand(*op.left, values) : ShowPath(op.path), ")");
    case Kind::kIfNotExists:
      return StrCat("if_not_exists(", ShowPath(op.path), ",", ShowOperand(*op.right, values), ")");
    case Kind::kListAppend:
      return StrCat("list_append(", ShowOperand(*op.left, values), ",",
                    ShowOperand(*op.right, values), ")");
    case Kind::kPlus:
      return StrCat("(", ShowOperand(*op.left, values), "+", ShowOperand(*op.right, values), ")");
    case Kind::kMinus:
      return StrCat("(", ShowOperand(*op.left, values), "-", ShowOperand(*op.right, values), ")");
  }
  return "?";
}

inline std::string ShowCondition(const expr::Condition& c, const Item& values) {
  using Kind = expr::Condition::Kind;
  auto operands = [&]() {
    std::string out;
    for (size_t i = 0; i < c.operands.size(); ++i) {
      if (i > 0) out += ",";
      out += ShowOperand(c.operands[i], values);
    }
    return out;
  };
  switch (c.kind) {
    case Kind::kCompare: {
      static const char* const kNames[] = {"=", "<>", "<", "<=", ">", ">="};
      return StrCat(kNames[static_cast<int>(c.comparator)], "(", operands(), ")");
    }
    case Kind::kBetween: return StrCat("BETWEEN(", operands(), ")");
    case Kind::kIn: return StrCat("IN(", operands(), ")");
    case Kind::kAnd:
      return StrCat("AND(", ShowCondition(*c.left, values), ",", ShowCondition(*c.right, values),
                    ")");
    case Kind::kOr:
      return StrCat("OR(", ShowCondition(*c.left, values), ",", ShowCondition(*c.right, values),
                    ")");
    case Kind::kNot: return StrCat("NOT(", ShowCondition(*c.left, values), ")");
    case Kind::kAttributeExists: return StrCat("attribute_exists(", operands(), ")");
    case Kind::kAttributeNotExists: return StrCat("attribute_not_exists(", operands(), ")");
    case Kind::kAttributeType: return StrCat("attribute_type(", operands(), ")");
    case Kind::kBeginsWith: return StrCat("begins_with(", operands(), ")");
    case Kind::kContains: return StrCat("contains(", operands(), ")");
  }
  return "?";
}

inline std::string ShowUpdate(const expr::UpdateExpression& u, const Item& values) {
  std::string out;
  auto clause = [&](const char* name, size_t n, auto item) {
    if (n == 0) return;
    if (!out.empty()) out += " ";
    out += name;
    for (size_t i = 0; i < n; ++i) StrAppend(&out, i == 0 ? " " : ", ", item(i));
  };
  clause("SET", u.set.size(), [&](size_t i) {
    return StrCat(ShowPath(u.set[i].path), "=", ShowOperand(u.set[i].value, values));
  });
  clause("REMOVE", u.remove.size(), [&](size_t i) { return ShowPath(u.remove[i].path); });
  clause("ADD", u.add.size(), [&](size_t i) {
    return StrCat(ShowPath(u.add[i].path), " ", ValueName(values, u.add[i].value));
  });
  clause("DELETE", u.del.size(), [&](size_t i) {
    return StrCat(ShowPath(u.del[i].path), " ", ValueName(values, u.del[i].value));
  });
  return out;
}

// A request's ExpressionAttributeNames and ExpressionAttributeValues; an
// empty map is passed as "not sent". `kind` names the request parameter
// the expected messages quote ("ConditionExpression", "UpdateExpression").
class ParseFixture : public ::testing::Test {
 protected:
  explicit ParseFixture(std::string_view kind = "ConditionExpression") : kind_(kind) {}

  expr::ExpressionContext Context() {
    return expr::ExpressionContext(names.empty() ? nullptr : &names,
                                   values.empty() ? nullptr : &values);
  }

  // The tree of a condition that must parse.
  std::string Cond(std::string_view text) {
    auto ctx = Context();
    auto c = ctx.ParseCondition(text, expr::ExpressionKind::kCondition);
    EXPECT_TRUE(c.ok()) << text << ": " << c.status().message();
    return c.ok() ? ShowCondition(*c, values) : "";
  }
  std::string Update(std::string_view text) {
    auto ctx = Context();
    auto u = ctx.ParseUpdate(text);
    EXPECT_TRUE(u.ok()) << text << ": " << u.status().message();
    return u.ok() ? ShowUpdate(*u, values) : "";
  }
  std::string Projection(std::string_view text) {
    auto ctx = Context();
    auto p = ctx.ParseProjection(text);
    EXPECT_TRUE(p.ok()) << text << ": " << p.status().message();
    std::string out;
    if (p.ok()) {
      for (size_t i = 0; i < p->paths.size(); ++i) {
        StrAppend(&out, i ? ", " : "", ShowPath(p->paths[i]));
      }
    }
    return out;
  }

  // The message of a parse that must fail (ValidationException).
  std::string CondError(std::string_view text,
                        expr::ExpressionKind kind = expr::ExpressionKind::kCondition) {
    auto ctx = Context();
    auto c = ctx.ParseCondition(text, kind);
    EXPECT_FALSE(c.ok()) << text;
    if (c.ok()) return "";
    EXPECT_EQ(c.status().type(), ErrorType::kValidation);
    return c.status().message();
  }
  std::string KeyError(std::string_view text) {
    auto ctx = Context();
    auto k = ctx.ParseKeyCondition(text);
    EXPECT_FALSE(k.ok()) << text;
    return k.ok() ? "" : k.status().message();
  }
  std::string UpdateError(std::string_view text) {
    auto ctx = Context();
    auto u = ctx.ParseUpdate(text);
    EXPECT_FALSE(u.ok()) << text;
    return u.ok() ? "" : u.status().message();
  }
  std::string ProjectionError(std::string_view text) {
    auto ctx = Context();
    auto p = ctx.ParseProjection(text);
    EXPECT_FALSE(p.ok()) << text;
    return p.ok() ? "" : p.status().message();
  }

  // DynamoDB's messages, as the fixture's kind (or `kind`) quotes them.
  std::string Invalid(std::string_view message) const { return Invalid(message, kind_); }
  static std::string Invalid(std::string_view message, std::string_view kind) {
    return StrCat("Invalid ", kind, ": ", message);
  }
  std::string Syntax(std::string_view token, std::string_view near) const {
    return Invalid(StrCat("Syntax error; token: \"", token, "\", near: \"", near, "\""));
  }
  std::string OperandType(std::string_view function, std::string_view type) const {
    return Invalid(StrCat("Incorrect operand type for operator or function; operator or "
                          "function: ",
                          function, ", operand type: ", type));
  }
  std::string OperandCount(std::string_view function, int count) const {
    return Invalid(StrCat("Incorrect number of operands for operator or function; operator or "
                          "function: ",
                          function, ", number of operands: ", count));
  }
  std::string Overlap(std::string_view one, std::string_view two) const {
    return PathClash("overlap", one, two);
  }
  std::string Conflict(std::string_view one, std::string_view two) const {
    return PathClash("conflict", one, two);
  }

  // Gives :v1 ... :vN number values.
  void AddValues(int n) {
    for (int i = 1; i <= n; ++i) values[StrCat(":v", i)] = N(std::to_string(i));
  }

  expr::AttributeNames names;
  Item values;

 private:
  // `how`: "overlap" or "conflict".
  std::string PathClash(std::string_view how, std::string_view one, std::string_view two) const {
    return Invalid(StrCat("Two document paths ", how,
                          " with each other; must remove or rewrite one of these paths; path one: ",
                          one, ", path two: ", two));
  }

  std::string_view kind_;
};

}  // namespace lmddb::expr_test

#endif  // LMDDB_TESTS_ENGINE_EXPR_PARSE_TEST_UTIL_H_
