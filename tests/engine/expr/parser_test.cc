// Conditions that parse, and the trees they give.
#include "engine/expr/parser.h"

#include "parse_test_util.h"

namespace lmddb::expr_test {
namespace {

class ExprParserTest : public ParseFixture {
 protected:
  void SetUp() override {
    values[":x"] = N("1");
    values[":y"] = N("2");
    values[":z"] = N("3");
    values[":s"] = S("abc");
    values[":t"] = S("S");
    values[":b"] = B("\x01");
  }
};

TEST_F(ExprParserTest, EveryComparator) {
  EXPECT_EQ(Cond("a = :x"), "=(a,:x)");
  EXPECT_EQ(Cond("a <> :x"), "<>(a,:x)");
  EXPECT_EQ(Cond("a < :x"), "<(a,:x)");
  EXPECT_EQ(Cond("a <= :x"), "<=(a,:x)");
  EXPECT_EQ(Cond("a > :x"), ">(a,:x)");
  EXPECT_EQ(Cond("a >= :x"), ">=(a,:x)");
  EXPECT_EQ(Cond(":x = a"), "=(:x,a)");
  EXPECT_EQ(Cond("a = b"), "=(a,b)");
  EXPECT_EQ(Cond(":x<:y"), "<(:x,:y)");
}

TEST_F(ExprParserTest, AndBindsTighterThanOr) {
  EXPECT_EQ(Cond("a = :x OR b = :y AND c = :z"), "OR(=(a,:x),AND(=(b,:y),=(c,:z)))");
  EXPECT_EQ(Cond("a = :x AND b = :y OR c = :z"), "OR(AND(=(a,:x),=(b,:y)),=(c,:z))");
  EXPECT_EQ(Cond("a = :x AND b = :y OR c = :z AND d = :x"),
            "OR(AND(=(a,:x),=(b,:y)),AND(=(c,:z),=(d,:x)))");
}

TEST_F(ExprParserTest, AndAndOrAssociateToTheRight) {
  // As DynamoDB's grammar builds them.
  EXPECT_EQ(Cond("a = :x AND b = :y AND c = :z"), "AND(=(a,:x),AND(=(b,:y),=(c,:z)))");
  EXPECT_EQ(Cond("a = :x OR b = :y OR c = :z"), "OR(=(a,:x),OR(=(b,:y),=(c,:z)))");
}

TEST_F(ExprParserTest, NotAppliesToTheFollowingCondition) {
  EXPECT_EQ(Cond("NOT a = :x AND b = :y"), "AND(NOT(=(a,:x)),=(b,:y))");
  EXPECT_EQ(Cond("NOT a = :x OR b = :y"), "OR(NOT(=(a,:x)),=(b,:y))");
  EXPECT_EQ(Cond("NOT (a = :x OR b = :y)"), "NOT(OR(=(a,:x),=(b,:y)))");
  EXPECT_EQ(Cond("NOT NOT a = :x"), "NOT(NOT(=(a,:x)))");
  EXPECT_EQ(Cond("a = :x AND NOT b = :y"), "AND(=(a,:x),NOT(=(b,:y)))");
  EXPECT_EQ(Cond("NOT attribute_exists(a)"), "NOT(attribute_exists(a))");
}

TEST_F(ExprParserTest, ParenthesesGroup) {
  EXPECT_EQ(Cond("(a = :x OR b = :y) AND c = :z"), "AND(OR(=(a,:x),=(b,:y)),=(c,:z))");
  EXPECT_EQ(Cond("(a = :x)"), "=(a,:x)");
  EXPECT_EQ(Cond("((a = :x) AND (b = :y))"), "AND(=(a,:x),=(b,:y))");
  EXPECT_EQ(Cond("(NOT (a = :x))"), "NOT(=(a,:x))");
  // Parentheses around an operand.
  EXPECT_EQ(Cond("(a) = :x"), "=(a,:x)");
  EXPECT_EQ(Cond("a = (:x)"), "=(a,:x)");
  EXPECT_EQ(Cond("((a) = (:x))"), "=(a,:x)");
  EXPECT_EQ(Cond("(size(a)) > :x"), ">(size(a),:x)");
  EXPECT_EQ(Cond("(attribute_exists(a))"), "attribute_exists(a)");
  EXPECT_EQ(Cond("a IN ((:x), :y)"), "IN(a,:x,:y)");
  EXPECT_EQ(Cond("begins_with((a), (:s))"), "begins_with(a,:s)");
}

TEST_F(ExprParserTest, BetweenAndIn) {
  EXPECT_EQ(Cond("a BETWEEN :x AND :y"), "BETWEEN(a,:x,:y)");
  EXPECT_EQ(Cond("a BETWEEN :x AND :y AND b = :z"), "AND(BETWEEN(a,:x,:y),=(b,:z))");
  EXPECT_EQ(Cond("a between b and c"), "BETWEEN(a,b,c)");
  EXPECT_EQ(Cond("a IN (:x)"), "IN(a,:x)");
  EXPECT_EQ(Cond("a IN (:x, :y, b)"), "IN(a,:x,:y,b)");
  EXPECT_EQ(Cond("a in(:x,:y)"), "IN(a,:x,:y)");
  EXPECT_EQ(Cond("size(a) BETWEEN :x AND :y"), "BETWEEN(size(a),:x,:y)");
}

TEST_F(ExprParserTest, EveryFunction) {
  EXPECT_EQ(Cond("attribute_exists(a)"), "attribute_exists(a)");
  EXPECT_EQ(Cond("attribute_not_exists(a.b)"), "attribute_not_exists(a.b)");
  EXPECT_EQ(Cond("attribute_type(a, :t)"), "attribute_type(a,:t)");
  EXPECT_EQ(Cond("begins_with(a, :s)"), "begins_with(a,:s)");
  EXPECT_EQ(Cond("begins_with(a, :b)"), "begins_with(a,:b)");
  EXPECT_EQ(Cond("contains(a, :x)"), "contains(a,:x)");
  EXPECT_EQ(Cond("contains(a, b)"), "contains(a,b)");
  EXPECT_EQ(Cond("size(a) > :x"), ">(size(a),:x)");
  EXPECT_EQ(Cond(":x < size(a[1])"), "<(:x,size(a[1]))");
  EXPECT_EQ(Cond("size(a) = size(b)"), "=(size(a),size(b))");
  EXPECT_EQ(Cond("size(:s) = :x"), "=(size(:s),:x)");
  EXPECT_EQ(Cond("contains(size(a), :x)"), "contains(size(a),:x)");
  EXPECT_EQ(Cond("a IN (size(b), :x)"), "IN(a,size(b),:x)");
}

TEST_F(ExprParserTest, KeywordsInAnyCase) {
  EXPECT_EQ(Cond("a = :x and b = :y oR not c = :z"),
            "OR(AND(=(a,:x),=(b,:y)),NOT(=(c,:z)))");
  EXPECT_EQ(Cond("a BeTwEeN :x aNd :y"), "BETWEEN(a,:x,:y)");
}

TEST_F(ExprParserTest, WhitespaceAnywhereBetweenTokens) {
  EXPECT_EQ(Cond("\ta\n.\r b [ 1 ]\t=\n:x "), "=(a.b[1],:x)");
  EXPECT_EQ(Cond("size (a)>:x"), ">(size(a),:x)");
}

TEST_F(ExprParserTest, DocumentPaths) {
  EXPECT_EQ(Cond("a.b[1].c[0][2147483647] = :x"), "=(a.b[1].c[0][2147483647],:x)");
  EXPECT_EQ(Cond("A1_b = :x"), "=(A1_b,:x)");
}

TEST_F(ExprParserTest, NamePlaceholdersResolveToOneName) {
  names["#n"] = "a.b";
  names["#m"] = "Status";
  names["#i"] = "[3]";
  values = {{":x", N("1")}};
  auto ctx = Context();
  auto c = ctx.ParseCondition("#n.#m[2].#i = :x", expr::ExpressionKind::kCondition);
  ASSERT_TRUE(c.ok()) << c.status().message();
  const auto& path = c->operands[0].path.elements;
  ASSERT_EQ(path.size(), 4u);
  EXPECT_EQ(path[0].name, "a.b");  // one attribute whose name has a dot
  EXPECT_EQ(path[1].name, "Status");
  EXPECT_EQ(path[2].kind, expr::PathElement::Kind::kIndex);
  EXPECT_EQ(path[2].index, 2u);
  EXPECT_EQ(path[3].kind, expr::PathElement::Kind::kName);
  EXPECT_EQ(path[3].name, "[3]");
  EXPECT_TRUE(ctx.CheckAllUsed().ok());
}

TEST_F(ExprParserTest, ValuePlaceholdersPointAtTheirEntry) {
  auto ctx = Context();
  auto c = ctx.ParseCondition("a BETWEEN :x AND :z", expr::ExpressionKind::kFilter);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->operands[1].kind, expr::Operand::Kind::kValue);
  EXPECT_EQ(c->operands[1].value, &values.at(":x"));
  EXPECT_EQ(c->operands[2].value, &values.at(":z"));
}

TEST_F(ExprParserTest, ReservedWordsAreFineBehindPlaceholders) {
  names["#s"] = "status";
  EXPECT_EQ(Cond("#s = :x"), "=(status,:x)");
  // SIZE and CONVERT are listed as reserved but DynamoDB accepts them.
  EXPECT_EQ(Cond("size = :x AND convert = :y"), "AND(=(size,:x),=(convert,:y))");
  EXPECT_EQ(Cond("a.size = :x"), "=(a.size,:x)");
}

TEST_F(ExprParserTest, SameContextParsesSeveralExpressions) {
  names["#a"] = "a";
  auto ctx = Context();
  ASSERT_TRUE(ctx.ParseCondition("#a = :x", expr::ExpressionKind::kCondition).ok());
  ASSERT_TRUE(ctx.ParseCondition("b IN (:y, :z)", expr::ExpressionKind::kFilter).ok());
  ASSERT_TRUE(ctx.ParseCondition("begins_with(c, :s) OR contains(d, :b)",
                                 expr::ExpressionKind::kCondition)
                  .ok());
  ASSERT_TRUE(ctx.ParseProjection("a").ok());
  EXPECT_EQ(ctx.CheckAllUsed().message(),
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {:t}");
}

TEST_F(ExprParserTest, CheckAllUsedWithNoPlaceholders) {
  expr::ExpressionContext ctx(nullptr, nullptr);
  ASSERT_TRUE(ctx.ParseCondition("a = b", expr::ExpressionKind::kCondition).ok());
  EXPECT_TRUE(ctx.CheckAllUsed().ok());
}

}  // namespace
}  // namespace lmddb::expr_test
