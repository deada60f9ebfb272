// KeyConditionExpression: the shapes Query accepts, and DynamoDB's errors
// for the others.
#include "engine/expr/parser.h"

#include <cctype>
#include <string>

#include "parse_test_util.h"

namespace lmddb::expr_test {
namespace {

using Op = expr::KeyCondition::Part::Op;

class ExprKeyConditionTest : public ParseFixture {
 protected:
  void SetUp() override {
    values[":p"] = S("p");
    values[":a"] = N("1");
    values[":b"] = N("2");
    values[":s"] = S("pre");
  }
  expr::KeyCondition Key(std::string_view text) {
    auto ctx = Context();
    auto k = ctx.ParseKeyCondition(text);
    EXPECT_TRUE(k.ok()) << text << ": " << k.status().message();
    return k.ok() ? std::move(*k) : expr::KeyCondition{};
  }
  // The error for a wrongly shaped key condition, with only the values the
  // text uses supplied (an unused value would be reported first).
  std::string ShapeError(std::string_view text) {
    Item used;
    for (const auto& [key, value] : values) {
      const size_t at = text.find(key);
      const size_t end = at + key.size();
      if (at != std::string_view::npos &&
          (end == text.size() || !(std::isalnum(static_cast<unsigned char>(text[end])) ||
                                   text[end] == '_'))) {
        used.emplace(key, value);
      }
    }
    values = std::move(used);
    std::string message = KeyError(text);
    SetUp();
    return message;
  }
};

TEST_F(ExprKeyConditionTest, PartitionKeyAlone) {
  const expr::KeyCondition k = Key("pk = :p");
  ASSERT_EQ(k.parts.size(), 1u);
  EXPECT_EQ(k.parts[0].attribute, "pk");
  EXPECT_EQ(k.parts[0].op, Op::kEq);
  EXPECT_EQ(k.parts[0].value, &values.at(":p"));
  EXPECT_EQ(k.parts[0].upper, nullptr);
  EXPECT_EQ(Key(":p = pk").parts.at(0).attribute, "pk");
  EXPECT_EQ(Key("(pk = :p)").parts.at(0).attribute, "pk");
}

TEST_F(ExprKeyConditionTest, EverySortKeyCondition) {
  struct Case {
    const char* text;
    Op op;
  };
  for (const Case& c : {Case{"pk = :p AND sk = :a", Op::kEq}, Case{"pk = :p AND sk < :a", Op::kLt},
                        Case{"pk = :p AND sk <= :a", Op::kLe}, Case{"pk = :p AND sk > :a", Op::kGt},
                        Case{"pk = :p AND sk >= :a", Op::kGe},
                        Case{"pk = :p AND begins_with(sk, :s)", Op::kBeginsWith}}) {
    const expr::KeyCondition k = Key(c.text);
    ASSERT_EQ(k.parts.size(), 2u) << c.text;
    EXPECT_EQ(k.parts[0].attribute, "pk") << c.text;
    EXPECT_EQ(k.parts[1].attribute, "sk") << c.text;
    EXPECT_EQ(k.parts[1].op, c.op) << c.text;
    EXPECT_EQ(k.parts[1].upper, nullptr);
  }
  const expr::KeyCondition between = Key("pk = :p AND sk BETWEEN :a AND :b");
  ASSERT_EQ(between.parts.size(), 2u);
  EXPECT_EQ(between.parts[1].op, Op::kBetween);
  EXPECT_EQ(between.parts[1].value, &values.at(":a"));
  EXPECT_EQ(between.parts[1].upper, &values.at(":b"));
}

TEST_F(ExprKeyConditionTest, PartsKeepTheWrittenOrder) {
  const expr::KeyCondition k = Key("sk > :a AND pk = :p");
  ASSERT_EQ(k.parts.size(), 2u);
  EXPECT_EQ(k.parts[0].attribute, "sk");
  EXPECT_EQ(k.parts[0].op, Op::kGt);
  EXPECT_EQ(k.parts[1].attribute, "pk");
  // ":a < sk" reads as "sk > :a".
  EXPECT_EQ(Key("pk = :p AND :a < sk").parts.at(1).op, Op::kGt);
  EXPECT_EQ(Key("pk = :p AND :a >= sk").parts.at(1).op, Op::kLe);
  // Shapes without a partition key equality parse; Query matches the parts
  // against the schema and reports what is missing.
  EXPECT_EQ(Key("sk > :a").parts.at(0).op, Op::kGt);
  const expr::KeyCondition two = Key("a > :a AND b < :b");
  ASSERT_EQ(two.parts.size(), 2u);
  EXPECT_EQ(two.parts[0].attribute, "a");
  EXPECT_EQ(two.parts[1].attribute, "b");
}

TEST_F(ExprKeyConditionTest, NamePlaceholders) {
  names["#pk"] = "Status";
  names["#sk"] = "sort.key";
  const expr::KeyCondition k = Key("#pk = :p AND #sk BETWEEN :a AND :b");
  ASSERT_EQ(k.parts.size(), 2u);
  EXPECT_EQ(k.parts[0].attribute, "Status");
  EXPECT_EQ(k.parts[1].attribute, "sort.key");
}

TEST_F(ExprKeyConditionTest, OperatorsAKeyConditionCannotUse) {
  EXPECT_EQ(ShapeError("pk = :p OR sk = :a"),
            "Invalid operator used in KeyConditionExpression: OR");
  EXPECT_EQ(ShapeError("NOT pk = :p"), "Invalid operator used in KeyConditionExpression: NOT");
  EXPECT_EQ(ShapeError("pk IN (:p)"), "Invalid operator used in KeyConditionExpression: IN");
  EXPECT_EQ(ShapeError("pk <> :p"), "Invalid operator used in KeyConditionExpression: <>");
  EXPECT_EQ(ShapeError("pk = :p AND attribute_exists(sk)"),
            "Invalid operator used in KeyConditionExpression: attribute_exists");
  EXPECT_EQ(ShapeError("pk = :p AND contains(sk, :a)"),
            "Invalid operator used in KeyConditionExpression: contains");
}

TEST_F(ExprKeyConditionTest, ConditionShapes) {
  EXPECT_EQ(ShapeError("pk = :p AND size(sk) > :a"),
            "KeyConditionExpressions cannot contain nested operations");
  EXPECT_EQ(ShapeError("pk.a = :p"),
            "KeyConditionExpressions cannot have conditions on nested attributes");
  EXPECT_EQ(ShapeError("pk[1] = :p"),
            "KeyConditionExpressions cannot have conditions on nested attributes");
  EXPECT_EQ(ShapeError("pk = :p AND pk = :a"),
            "KeyConditionExpressions must only contain one condition per key");
  EXPECT_EQ(ShapeError("pk = sk"),
            "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
            "condition");
  EXPECT_EQ(ShapeError(":p = :a"),
            "Invalid condition in KeyConditionExpression: No key attribute specified");
  EXPECT_EQ(ShapeError("pk = :p AND :a BETWEEN sk AND :b"),
            "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key "
            "attribute as its first operand");
  EXPECT_EQ(ShapeError("pk = :p AND begins_with(:s, sk)"),
            "Invalid condition in KeyConditionExpression: begins_with operator must have the key "
            "attribute as its first operand");
  EXPECT_EQ(ShapeError("a = :p AND b = :a AND c = :b"), "Conditions can be of length 1 or 2 only");
}

TEST_F(ExprKeyConditionTest, ConditionErrorsComeFirst) {
  EXPECT_EQ(KeyError("pk = :p OR"),
            "Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"OR\"");
  EXPECT_EQ(KeyError("pk = :nope OR sk = :a"),
            "Invalid KeyConditionExpression: An expression attribute value used in expression is "
            "not defined; attribute value: :nope");
  EXPECT_EQ(KeyError("pk = :p AND begins_with(sk, :a)"),
            "Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
            "operator or function: begins_with, operand type: N");
  EXPECT_EQ(KeyError("pk = :p AND sk BETWEEN :b AND :a"),
            "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be "
            "greater than or equal to lower bound; lower bound operand: AttributeValue: {N:2}, "
            "upper bound operand: AttributeValue: {N:1}");
  EXPECT_EQ(KeyError("Status = :p"),
            "Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved "
            "keyword: Status");
}

TEST_F(ExprKeyConditionTest, UnusedPlaceholdersBeforeTheShape) {
  // DynamoDB checks unused names and values before the key condition's
  // shape, so a wrong shape with an unused value reports the value.
  values[":unused"] = N("9");
  EXPECT_EQ(KeyError("pk = :p OR sk = :a"),
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused, "
            ":b, :s}");
  values = {{":p", S("p")}, {":a", N("1")}};
  EXPECT_EQ(KeyError("pk = :p OR sk = :a"), "Invalid operator used in KeyConditionExpression: OR");
}

}  // namespace
}  // namespace lmddb::expr_test
