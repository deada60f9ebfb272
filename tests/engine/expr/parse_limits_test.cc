// DynamoDB's limits on expressions, at exactly the limit and one over, and
// hostile input: deep nesting, long chains and token soup must end in
// DynamoDB's error for that input, never in a crash or a deep recursion.
#include "engine/expr/parser.h"

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include "parse_test_util.h"

namespace lmddb::expr_test {
namespace {

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

class ExprLimitsTest : public ParseFixture {
 protected:
  // a IN (:v1, ..., :vN)
  static std::string InList(int n) {
    std::string text = "a IN (";
    for (int i = 1; i <= n; ++i) StrAppend(&text, i > 1 ? ", " : "", ":v", i);
    return text + ")";
  }
  // a.b.c... with `levels` names.
  static std::string DeepPath(int levels) {
    std::string path = "a";
    for (int i = 1; i < levels; ++i) path += ".b";
    return path;
  }
  // "SET a1=b+:v,a2=b+:v,..." (one operator per action).
  static std::string SumActions(int n) {
    std::string text = "SET ";
    for (int i = 1; i <= n; ++i) StrAppend(&text, i > 1 ? "," : "", "a", i, "=b+:v");
    return text;
  }
};

TEST_F(ExprLimitsTest, InTakesAtMostOneHundredOperands) {
  AddValues(101);
  values.erase(":v101");
  EXPECT_EQ(Cond(InList(100)).substr(0, 14), "IN(a,:v1,:v2,:");
  AddValues(101);
  EXPECT_EQ(CondError(InList(101)),
            Invalid("The IN operator is provided with too many operands; number of operands: 101"));
}

TEST_F(ExprLimitsTest, AtMostThreeHundredOperatorsAndFunctions) {
  // k comparisons joined by OR are 2k - 1 operators.
  const std::string k150 = "a < b" + Repeat(" OR a < b", 149);
  const std::string k151 = "a < b" + Repeat(" OR a < b", 150);
  ASSERT_TRUE(!Cond(k150).empty());                     // 299
  ASSERT_TRUE(!Cond("NOT " + k150).empty());            // 300
  EXPECT_EQ(CondError(k151),                            // 301
            Invalid("The expression contains too many operators; operator count: 301"));
  // Functions count as operators too.
  const std::string f150 = "attribute_exists(a)" + Repeat(" OR attribute_exists(a)", 149);
  ASSERT_TRUE(!Cond("NOT " + f150).empty());            // 300
  EXPECT_EQ(CondError("NOT NOT " + f150),
            Invalid("The expression contains too many operators; operator count: 301"));
  // The count stops at the first operator past the limit.
  EXPECT_EQ(CondError(Repeat("not ", 1000) + "a<b"),
            Invalid("The expression contains too many operators; operator count: 301"));
}

TEST_F(ExprLimitsTest, OperatorLimitInUpdates) {
  values[":v"] = N("1");
  EXPECT_EQ(Update(SumActions(300)).substr(0, 17), "SET a1=(b+:v), a2");
  EXPECT_EQ(UpdateError(SumActions(301)),
            Invalid("The expression contains too many operators; operator count: 301",
                    "UpdateExpression"));
}

TEST_F(ExprLimitsTest, DocumentPathsNestAtMostThirtyTwoLevels) {
  values[":x"] = N("1");
  EXPECT_EQ(Cond(DeepPath(32) + " = :x"), StrCat("=(", DeepPath(32), ",:x)"));
  EXPECT_EQ(CondError(DeepPath(33) + " = :x"),
            Invalid("The document path has too many nesting levels; nesting levels: 33"));
  // Indexes are levels as well.
  EXPECT_EQ(Cond("a" + Repeat("[0]", 31) + " = :x"), StrCat("=(a", Repeat("[0]", 31), ",:x)"));
  EXPECT_EQ(CondError("a" + Repeat("[0]", 32) + " = :x"),
            Invalid("The document path has too many nesting levels; nesting levels: 33"));
  EXPECT_EQ(Projection(DeepPath(32)), DeepPath(32));
  EXPECT_EQ(ProjectionError(DeepPath(33)),
            Invalid("The document path has too many nesting levels; nesting levels: 33",
                    "ProjectionExpression"));
  EXPECT_EQ(Update("REMOVE " + DeepPath(32)), "REMOVE " + DeepPath(32));
  EXPECT_EQ(UpdateError("REMOVE " + DeepPath(33)),
            Invalid("The document path has too many nesting levels; nesting levels: 33",
                    "UpdateExpression"));
}

TEST_F(ExprLimitsTest, ListIndexRange) {
  values[":x"] = N("1");
  EXPECT_EQ(Cond("a[2147483647] = :x"), "=(a[2147483647],:x)");
  EXPECT_EQ(CondError("a[2147483648] = :x"),
            Invalid("List index is not within the allowable range; index: [2147483648]"));
  EXPECT_EQ(CondError("a[99999999999999999999999] = :x"),
            Invalid("List index is not within the allowable range; index: "
                    "[99999999999999999999999]"));
  // Negative, signed, leading-zero and fractional indexes are syntax errors.
  EXPECT_EQ(CondError("a[-1] = :x"), Syntax("-", "[-1"));
  EXPECT_EQ(CondError("a[+1] = :x"), Syntax("+", "[+1"));
  EXPECT_EQ(CondError("a[01] = :x"), Syntax("1", "01]"));
  EXPECT_EQ(CondError("a[1.5] = :x"), Syntax(".", "1.5"));
  EXPECT_EQ(CondError("a[x] = :x"), Syntax("x", "[x]"));
  EXPECT_EQ(CondError("a[] = :x"), Syntax("]", "[] ="));
}

TEST_F(ExprLimitsTest, ExpressionSizeForEveryKind) {
  values[":x"] = N("1");
  values[":v"] = N("1");
  values[":l"] = L({N("1")});
  for (const auto kind : {expr::ExpressionKind::kCondition, expr::ExpressionKind::kFilter}) {
    const std::string name = kind == expr::ExpressionKind::kCondition ? "ConditionExpression"
                                                                       : "FilterExpression";
    const std::string at_limit = "a = :x" + std::string(4090, ' ');
    ASSERT_EQ(at_limit.size(), expr::kMaxExpressionSize);
    auto ctx = Context();
    EXPECT_TRUE(ctx.ParseCondition(at_limit, kind).ok());
    EXPECT_EQ(CondError(at_limit + " ", kind),
              Invalid("Expression size has exceeded the maximum allowed size; expression size: 4097",
                      name));
  }
  const std::string pad(4090, ' ');
  EXPECT_EQ(KeyError("pk = :x AND sk = :v" + pad),
            Invalid("Expression size has exceeded the maximum allowed size; expression size: 4109",
                    "KeyConditionExpression"));
  // Projections and updates do not say how big they were.
  EXPECT_EQ(Projection("a" + std::string(4095, ' ')), "a");
  EXPECT_EQ(ProjectionError("a" + std::string(4096, ' ')),
            Invalid("Expression size has exceeded the maximum allowed size;", "ProjectionExpression"));
  EXPECT_EQ(Update("REMOVE a" + std::string(4088, ' ')), "REMOVE a");
  EXPECT_EQ(UpdateError("REMOVE a" + std::string(4089, ' ')),
            Invalid("Expression size has exceeded the maximum allowed size;", "UpdateExpression"));
}

TEST_F(ExprLimitsTest, SizeIsCountedInUtf16Units) {
  // "é" is two UTF-8 bytes but one UTF-16 unit; an emoji is four bytes and
  // two units. Both reach the parser, which stops at the first of them.
  const std::string e_acute = "\xC3\xA9";
  const std::string emoji = "\xF0\x9F\x98\x80";
  const std::string accents = "a = " + Repeat(e_acute, 4092);  // 4096 units, 8188 bytes
  EXPECT_EQ(CondError(accents), Syntax(e_acute, StrCat("= ", e_acute, e_acute)));
  EXPECT_EQ(CondError(accents + "b"),
            Invalid("Expression size has exceeded the maximum allowed size; expression size: 4097"));
  const std::string emojis = "a = " + Repeat(emoji, 2046);  // 4096 units
  EXPECT_EQ(CondError(emojis), Syntax(emoji, StrCat("= ", emoji, emoji)));
  EXPECT_EQ(CondError(emojis + "b"),
            Invalid("Expression size has exceeded the maximum allowed size; expression size: 4097"));
}

TEST_F(ExprLimitsTest, DeeplyNestedInputEndsInDynamoDbsError) {
  values[":x"] = N("1");
  values[":v"] = N("1");
  // Unclosed parentheses up to the size limit, and past it.
  EXPECT_EQ(CondError(std::string(4096, '(')), Syntax("<EOF>", "("));
  EXPECT_EQ(CondError(std::string(15000, '(')),
            Invalid("Expression size has exceeded the maximum allowed size; expression size: 15000"));
  // Balanced but redundant.
  EXPECT_EQ(CondError(std::string(2046, '(') + "a<b" + std::string(2046, ')')),
            Invalid("The expression has redundant parentheses;"));
  EXPECT_EQ(CondError(std::string(2046, '(') + "a<b"), Syntax("<EOF>", "b"));
  // Nested unknown functions and nested size().
  EXPECT_EQ(CondError(Repeat("f(", 1355)), Syntax("<EOF>", "("));
  EXPECT_EQ(CondError(Repeat("f(", 1355) + "a" + std::string(1355, ')')),
            Invalid("Invalid function name; function: f"));
  EXPECT_EQ(CondError(Repeat("size(", 680) + "a" + std::string(680, ')') + " = :x"),
            Invalid("Incorrect operand type for operator or function; operator or function: size, "
                    "operand type: N"));
  // Deep but valid: every level has its own operator.
  EXPECT_EQ(Cond(Repeat("NOT (", 298) + "a<b" + std::string(298, ')')).substr(0, 8), "NOT(NOT(");
  EXPECT_EQ(Cond(Repeat("a<b OR (", 149) + "a<b" + std::string(149, ')')).substr(0, 13),
            "OR(<(a,b),OR(");
  std::string chain = "SET a = ";
  for (int i = 0; i < 230; ++i) chain += "if_not_exists(b,";
  chain += ":v" + std::string(230, ')');
  EXPECT_EQ(Update(chain).substr(0, 28), "SET a=if_not_exists(b,if_not");
  // Projections and key conditions with deep parentheses.
  EXPECT_EQ(ProjectionError(std::string(4000, '(')),
            Invalid("Syntax error; token: \"(\", near: \"((\"", "ProjectionExpression"));
  EXPECT_EQ(KeyError(std::string(2000, '(') + "pk = :x" + std::string(2000, ')')),
            Invalid("The expression has redundant parentheses;", "KeyConditionExpression"));
}

// Random token soup must come back as a ValidationException (or parse),
// whatever the mix. Fixed seed, so failures reproduce.
TEST_F(ExprLimitsTest, TokenSoupNeverCrashes) {
  values[":v"] = N("1");
  values[":s"] = S("x");
  values[":l"] = L({N("1")});
  names["#n"] = "n";
  static const char* const kPieces[] = {
      "a",  "b.c",  "#n",  ":v",  ":s",  ":l",   "[0]",  "[9999999999]", ".", ",", "(",  ")",
      "(",  ")",    "=",   "<>",  "<",   "<=",   ">",    ">=",           "+", "-", "AND", "OR",
      "NOT", "IN",  "BETWEEN", "SET", "REMOVE", "ADD", "DELETE", "size", "attribute_exists",
      "contains", "begins_with", "if_not_exists", "list_append", "attribute_type", "x", "#",
      ":",  "[",   "]",   "!",   " ",   "\t",  "\xC3\xA9", "#zz", ":zz", "Status", "0",
  };
  std::mt19937 rng(20240611);
  std::uniform_int_distribution<size_t> piece(0, std::size(kPieces) - 1);
  std::uniform_int_distribution<int> length(1, 60);
  int parsed = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int n = length(rng);
    for (int i = 0; i < n; ++i) StrAppend(&text, kPieces[piece(rng)], " ");
    auto ctx = Context();
    auto check = [&](const Status& s) {
      if (s.ok()) {
        ++parsed;
      } else {
        EXPECT_EQ(s.type(), ErrorType::kValidation) << text;
        EXPECT_FALSE(s.message().empty()) << text;
      }
    };
    check(ctx.ParseCondition(text, expr::ExpressionKind::kFilter).status());
    check(ctx.ParseKeyCondition(text).status());
    check(ctx.ParseProjection(text).status());
    check(ctx.ParseUpdate(text).status());
  }
  EXPECT_GT(parsed, 0);
}

}  // namespace
}  // namespace lmddb::expr_test
