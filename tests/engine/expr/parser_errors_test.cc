// DynamoDB's parse-time errors for conditions, with their exact texts.
#include "engine/expr/parser.h"

#include <string>

#include "parse_test_util.h"

namespace lmddb::expr_test {
namespace {

class ExprParserErrorTest : public ParseFixture {
 protected:
  void SetUp() override {
    values[":x"] = N("1");
    values[":y"] = N("2");
    values[":s"] = S("abc");
    values[":z"] = S("z");
    values[":a"] = S("a");
    values[":bool"] = Bool(true);
    values[":null"] = Null();
    values[":l"] = L({N("1")});
    values[":m"] = M({{"k", N("1")}});
    values[":ss"] = SS({"a"});
    values[":bad"] = S("STRING");
    values[":hi"] = B("z");
    values[":lo"] = B("a");
  }
};

TEST_F(ExprParserErrorTest, SyntaxErrorNamesTheTokenAndItsNeighbours) {
  EXPECT_EQ(CondError("a b"), Syntax("b", "a b"));
  EXPECT_EQ(CondError("a = :x b"), Syntax("b", ":x b"));
  EXPECT_EQ(CondError("a = :x = :y"), Syntax("=", ":x = :y"));
  EXPECT_EQ(CondError("a = :x)"), Syntax(")", ":x)"));
  EXPECT_EQ(CondError("a BETWEEN :x :y"), Syntax(":y", ":x :y"));
  EXPECT_EQ(CondError("a BETWEEN :x OR :y"), Syntax("OR", ":x OR :y"));
  EXPECT_EQ(CondError("a IN :x"), Syntax(":x", "IN :x"));
  EXPECT_EQ(CondError("a IN ()"), Syntax(")", "()"));
  EXPECT_EQ(CondError("a IN (:x,)"), Syntax(")", ",)"));
  EXPECT_EQ(CondError("attribute_type()"), Syntax(")", "()"));
  EXPECT_EQ(CondError("a.b(c) = :x"), Syntax("(", "b(c"));
  EXPECT_EQ(CondError("a AND b = :x"), Syntax("AND", "a AND b"));
  EXPECT_EQ(CondError("(a) AND b = :x"), Syntax("AND", ") AND b"));
  EXPECT_EQ(CondError("(a = :x) = :y"), Syntax("=", ") = :y"));
  EXPECT_EQ(CondError("a = :x AND :y"), Syntax("<EOF>", ":y"));
  EXPECT_EQ(CondError("#1 = 5"), Syntax("5", "= 5"));
  EXPECT_EQ(CondError("a < :x !"), Syntax("!", ":x !"));
  EXPECT_EQ(CondError("a = \"x\""), Syntax("\"", "= \"x"));
  EXPECT_EQ(CondError("a = \xc3\xa9"), Syntax("\xc3\xa9", "= \xc3\xa9"));
}

TEST_F(ExprParserErrorTest, SyntaxErrorAtTheEnd) {
  EXPECT_EQ(CondError("a = :x AND"), Syntax("<EOF>", "AND"));
  EXPECT_EQ(CondError("a ="), Syntax("<EOF>", "="));
  EXPECT_EQ(CondError("a = "), Syntax("<EOF>", "= "));  // trailing space is kept
  EXPECT_EQ(CondError("NOT a"), Syntax("<EOF>", "a"));
  EXPECT_EQ(CondError("(a = :x"), Syntax("<EOF>", ":x"));
  EXPECT_EQ(CondError("NOT"), Syntax("<EOF>", "NOT"));
  EXPECT_EQ(CondError("   "), Syntax("<EOF>", "   "));
  EXPECT_EQ(CondError("a"), Syntax("<EOF>", "a"));
  EXPECT_EQ(CondError("a = :x AND (b = :y"), Syntax("<EOF>", ":y"));
}

TEST_F(ExprParserErrorTest, SyntaxErrorsInPaths) {
  EXPECT_EQ(CondError("a[-1] = :x"), Syntax("-", "[-1"));
  EXPECT_EQ(CondError("a[1.5] = :x"), Syntax(".", "1.5"));
  EXPECT_EQ(CondError("a[x] = :x"), Syntax("x", "[x]"));
  EXPECT_EQ(CondError("a[01] = :x"), Syntax("1", "01]"));
  EXPECT_EQ(CondError("a[] = :x"), Syntax("]", "[] ="));
  EXPECT_EQ(CondError("a..b = :x"), Syntax(".", "..b"));
  EXPECT_EQ(CondError("a. = :x"), Syntax("=", ". = :x"));
  EXPECT_EQ(CondError("a.1 = :x"), Syntax("1", ".1 ="));
  EXPECT_EQ(CondError("a.and = :x"), Syntax("and", ".and ="));
  EXPECT_EQ(CondError("(a.b).c = :x"), Syntax(".", ").c"));
}

TEST_F(ExprParserErrorTest, CharactersNoTokenStartsWith) {
  EXPECT_EQ(CondError("!!!"), Syntax("!", "!!"));
  EXPECT_EQ(CondError("_a = :x"), Syntax("_", "_a"));
  EXPECT_EQ(CondError("  _a = :x"), Syntax("_", "  _a"));  // leading space is kept
  EXPECT_EQ(CondError("# = :x"), Syntax("#", "# ="));
  EXPECT_EQ(CondError("a = :"), Syntax(":", "= :"));
  EXPECT_EQ(CondError("a != :x"), Syntax("!", "a !="));
  EXPECT_EQ(CondError("a == :x"), Syntax("=", "== :x"));
}

TEST_F(ExprParserErrorTest, KeywordsAreNotNames) {
  EXPECT_EQ(CondError("and = :x"), Syntax("and", "and ="));
  EXPECT_EQ(CondError("set = :x"), Syntax("set", "set ="));
  EXPECT_EQ(CondError("a = :x AND remove = :y"), Syntax("remove", "AND remove ="));
}

TEST_F(ExprParserErrorTest, FilterAndKeyConditionNameTheirParameter) {
  EXPECT_EQ(CondError("a b", expr::ExpressionKind::kFilter),
            "Invalid FilterExpression: Syntax error; token: \"b\", near: \"a b\"");
  EXPECT_EQ(KeyError("pk = "),
            "Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"= \"");
  EXPECT_EQ(CondError("", expr::ExpressionKind::kFilter),
            "Invalid FilterExpression: The expression can not be empty;");
}

TEST_F(ExprParserErrorTest, EmptyExpression) {
  EXPECT_EQ(CondError(""), Invalid("The expression can not be empty;"));
  EXPECT_EQ(KeyError(""), "Invalid KeyConditionExpression: The expression can not be empty;");
}

TEST_F(ExprParserErrorTest, RedundantParentheses) {
  const std::string redundant = Invalid("The expression has redundant parentheses;");
  EXPECT_EQ(CondError("((a = :x))"), redundant);
  EXPECT_EQ(CondError("((a)) = :x"), redundant);
  EXPECT_EQ(CondError("a = ((:x))"), redundant);
  EXPECT_EQ(CondError("((a = :x)) AND b = :y"), redundant);
  EXPECT_EQ(CondError("b = :y OR ((a = :x))"), redundant);
  EXPECT_EQ(CondError("NOT ((a = :x))"), redundant);
  EXPECT_EQ(CondError("a IN (((:x)), :y)"), redundant);
  EXPECT_EQ(CondError("begins_with(((a)), :s)"), redundant);
  EXPECT_EQ(CondError("(((a = :x) AND b = :y))"), redundant);
  EXPECT_EQ(CondError("((attribute_exists(a)))"), redundant);
  EXPECT_EQ(CondError("a BETWEEN ((:x)) AND :y"), redundant);
}

TEST_F(ExprParserErrorTest, RedundantParenthesesComeBeforeLaterChecks) {
  const std::string redundant = Invalid("The expression has redundant parentheses;");
  EXPECT_EQ(CondError("((abort = :x))"), redundant);           // before reserved words
  EXPECT_EQ(CondError("((a = :x)) AND f(b)"), redundant);       // before function names
  EXPECT_EQ(CondError("((a = :undefined))"), redundant);       // before placeholders
  // Once the parser has committed to what holds them, a later syntax
  // error is not reached.
  EXPECT_EQ(CondError("((a)) = :x !"), redundant);
  EXPECT_EQ(CondError("((a)) ="), redundant);
  EXPECT_EQ(CondError("((a = :x)) !"), redundant);
  EXPECT_EQ(CondError("a = ((:x)) !"), redundant);
  EXPECT_EQ(CondError("begins_with(((a)), :s) !"), redundant);
  EXPECT_EQ(CondError("((f(x))) !"), redundant);
}

TEST_F(ExprParserErrorTest, SyntaxErrorFirstWhileTheParserLooksAhead) {
  // "((a))" could still be the operand of a comparison; the token that
  // should decide is wrong.
  EXPECT_EQ(CondError("((a)) !"), Syntax("!", ") !"));
  EXPECT_EQ(CondError("((a)) AND b = :x"), Syntax("AND", ") AND b"));
  EXPECT_EQ(CondError("a = ((:x) !"), Syntax("!", ") !"));
  EXPECT_EQ(CondError("begins_with(((a)) !"), Syntax("!", ") !"));
}

TEST_F(ExprParserErrorTest, ParenthesesThatAreNotRedundant) {
  EXPECT_EQ(Cond("(a = :x) AND (b = :y)"), "AND(=(a,:x),=(b,:y))");
  EXPECT_EQ(Cond("((a = :x) AND (b = :y))"), "AND(=(a,:x),=(b,:y))");
  EXPECT_EQ(Cond("((a) = :x)"), "=(a,:x)");
  EXPECT_EQ(Cond("(NOT (a = :x))"), "NOT(=(a,:x))");
}

TEST_F(ExprParserErrorTest, ReservedWords) {
  EXPECT_EQ(CondError("Status = :x"),
            Invalid("Attribute name is a reserved keyword; reserved keyword: Status"));
  EXPECT_EQ(CondError("a.COMMENT = :x"),
            Invalid("Attribute name is a reserved keyword; reserved keyword: COMMENT"));
  EXPECT_EQ(CondError("attribute_exists(b.comment)"),
            Invalid("Attribute name is a reserved keyword; reserved keyword: comment"));
  EXPECT_EQ(CondError("a IN (:x, Value)"),
            Invalid("Attribute name is a reserved keyword; reserved keyword: Value"));
  // Found while walking the tree, before any placeholder is looked up.
  EXPECT_EQ(CondError("#missing = :x AND abort = :y"),
            Invalid("Attribute name is a reserved keyword; reserved keyword: abort"));
  // The first in written order.
  EXPECT_EQ(CondError("name = :x AND year = :y"),
            Invalid("Attribute name is a reserved keyword; reserved keyword: name"));
}

TEST_F(ExprParserErrorTest, UndefinedPlaceholders) {
  EXPECT_EQ(CondError("a = :nope"),
            Invalid("An expression attribute value used in expression is not defined; attribute "
                    "value: :nope"));
  EXPECT_EQ(CondError("#nope = :x"),
            Invalid("An expression attribute name used in the document path is not defined; "
                    "attribute name: #nope"));
  names["#a"] = "a";
  EXPECT_EQ(CondError("#a.#nope = :x"),
            Invalid("An expression attribute name used in the document path is not defined; "
                    "attribute name: #nope"));
  // Operands are checked left to right.
  EXPECT_EQ(CondError(":nope = #nope"),
            Invalid("An expression attribute value used in expression is not defined; attribute "
                    "value: :nope"));
  values.clear();
  EXPECT_EQ(CondError("a = :x"),
            Invalid("An expression attribute value used in expression is not defined; attribute "
                    "value: :x"));
}

TEST_F(ExprParserErrorTest, ValuePlaceholderInsideAPath) {
  EXPECT_EQ(CondError("a.:x = :y"),
            Invalid("The document path cannot contain attribute value parameters; attribute "
                    "value: :x"));
}

TEST_F(ExprParserErrorTest, UnknownFunctions) {
  EXPECT_EQ(CondError("f(a) = :x"), Invalid("Invalid function name; function: f"));
  EXPECT_EQ(CondError("Attribute_Exists(a)"),
            Invalid("Invalid function name; function: Attribute_Exists"));
  EXPECT_EQ(CondError("a = :x OR SIZE(a) > :y"), Invalid("Invalid function name; function: SIZE"));
  EXPECT_EQ(CondError("contains_key(a, :x)"),
            Invalid("Invalid function name; function: contains_key"));
  // Before reserved words that come later.
  EXPECT_EQ(CondError("g(status)"), Invalid("Invalid function name; function: g"));
}

TEST_F(ExprParserErrorTest, FunctionsInTheWrongPlace) {
  const auto misused = [&](std::string_view f) {
    return Invalid(StrCat(
        "The function is not allowed to be used this way in an expression; function: ", f));
  };
  EXPECT_EQ(CondError("if_not_exists(a, :x) = :y"),
            Invalid("The function is not allowed in a condition expression; function: "
                    "if_not_exists"));
  EXPECT_EQ(CondError("list_append(a, :l)"),
            Invalid("The function is not allowed in a condition expression; function: "
                    "list_append"));
  EXPECT_EQ(CondError("size(a)"), misused("size"));
  EXPECT_EQ(CondError("NOT size(a)"), misused("size"));
  EXPECT_EQ(CondError("a = :x AND size(a)"), misused("size"));
  EXPECT_EQ(CondError("(size(a))"), misused("size"));
  EXPECT_EQ(CondError("attribute_exists(a) = :x"), misused("attribute_exists"));
  EXPECT_EQ(CondError("a = contains(b, :x)"), misused("contains"));
  EXPECT_EQ(CondError("size(contains(a, :x)) = :y"), misused("contains"));
  EXPECT_EQ(CondError("a IN (begins_with(b, :s))"), misused("begins_with"));
}

TEST_F(ExprParserErrorTest, NumberOfOperands) {
  EXPECT_EQ(CondError("contains(a)"), OperandCount("contains", 1));
  EXPECT_EQ(CondError("begins_with(a, :s, :s)"), OperandCount("begins_with", 3));
  EXPECT_EQ(CondError("size(a, b) > :x"), OperandCount("size", 2));
  EXPECT_EQ(CondError("attribute_exists(a, b)"), OperandCount("attribute_exists", 2));
  EXPECT_EQ(CondError("attribute_not_exists(a, b, c)"), OperandCount("attribute_not_exists", 3));
  EXPECT_EQ(CondError("attribute_type(a)"), OperandCount("attribute_type", 1));
}

TEST_F(ExprParserErrorTest, OperandTypesKnownBeforeReadingTheItem) {
  EXPECT_EQ(CondError("a < :bool"), OperandType("<", "BOOL"));
  EXPECT_EQ(CondError(":l >= a"), OperandType(">=", "L"));
  EXPECT_EQ(CondError("a <= :m"), OperandType("<=", "M"));
  EXPECT_EQ(CondError("a > :ss"), OperandType(">", "SS"));
  EXPECT_EQ(CondError("a BETWEEN :null AND :x"), OperandType("BETWEEN", "NULL"));
  EXPECT_EQ(CondError("begins_with(a, :x)"), OperandType("begins_with", "N"));
  EXPECT_EQ(CondError("begins_with(:l, a)"), OperandType("begins_with", "L"));
  EXPECT_EQ(CondError("begins_with(size(a), :s)"), OperandType("begins_with", "N"));
  EXPECT_EQ(CondError("size(:x) > :y"), OperandType("size", "N"));
  EXPECT_EQ(CondError("size(:bool) > :y"), OperandType("size", "BOOL"));
  EXPECT_EQ(CondError("attribute_type(a, :x)"), OperandType("attribute_type", "N"));
  EXPECT_EQ(CondError("attribute_type(a, size(b))"), OperandType("attribute_type", "N"));
  EXPECT_EQ(CondError("attribute_type(a, b)"),
            OperandType("attribute_type",
                        "{S,SS,N,NS,B,BS,BOOL,NULL,L,M,HD,DOUBLE,FLOAT,HDS,FS,DOUBLESET,DICT,"
                        "DECIMAL,INT,DECIMALSET,INTSET}"));
  // Equality and IN take any type; paths are only known later.
  EXPECT_EQ(Cond("a = :m AND b <> :l AND c IN (:bool, :null) AND d < e"),
            "AND(=(a,:m),AND(<>(b,:l),AND(IN(c,:bool,:null),<(d,e))))");
}

TEST_F(ExprParserErrorTest, AttributeTypeNames) {
  EXPECT_EQ(CondError("attribute_type(a, :bad)"),
            Invalid("Invalid attribute type name found; type: STRING, valid types: "
                    "{N,BS,L,B,NULL,M,S,SS,NS,BOOL}"));
  for (std::string_view t : {"S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M"}) {
    values[":t"] = S(std::string(t));
    EXPECT_EQ(Cond("attribute_type(a, :t)"), "attribute_type(a,:t)") << t;
  }
  values[":t"] = S("s");
  EXPECT_EQ(CondError("attribute_type(a, :t)"),
            Invalid("Invalid attribute type name found; type: s, valid types: "
                    "{N,BS,L,B,NULL,M,S,SS,NS,BOOL}"));
}

TEST_F(ExprParserErrorTest, OperatorsNeedingAPath) {
  EXPECT_EQ(CondError("attribute_exists(:x)"),
            Invalid("Operator or function requires a document path; operator or function: "
                    "attribute_exists"));
  EXPECT_EQ(CondError("attribute_not_exists(size(a))"),
            Invalid("Operator or function requires a document path; operator or function: "
                    "attribute_not_exists"));
}

TEST_F(ExprParserErrorTest, FirstOperandMustBeDistinct) {
  const auto same = [&](std::string_view op, std::string_view path) {
    return Invalid(StrCat("The first operand must be distinct from the remaining operands for "
                          "this operator or function; operator: ",
                          op, ", first operand: ", path));
  };
  EXPECT_EQ(CondError("contains(a, a)"), same("contains", "[a]"));
  EXPECT_EQ(CondError("begins_with(a.b, a.b)"), same("begins_with", "[a, b]"));
  EXPECT_EQ(CondError("a = a"), same("=", "[a]"));
  EXPECT_EQ(CondError("a[1].b <> a[1].b"), same("<>", "[a, [1], b]"));
  EXPECT_EQ(CondError("a BETWEEN :x AND a"), same("BETWEEN", "[a]"));
  EXPECT_EQ(CondError("a IN (:x, :y, a)"), same("IN", "[a]"));
  EXPECT_EQ(CondError("attribute_type(a, a)"), same("attribute_type", "[a]"));
  names["#a"] = "a";
  EXPECT_EQ(CondError("#a = a"), same("=", "[a]"));  // compared after resolving
  // Different paths are fine, even when they print alike.
  names["#i"] = "[1]";
  EXPECT_EQ(Cond("a[1] = a.#i AND a.b = a.c AND a = :x"),
            "AND(=(a[1],a.[1]),AND(=(a.b,a.c),=(a,:x)))");
}

TEST_F(ExprParserErrorTest, BetweenBoundsKnownBeforeReadingTheItem) {
  EXPECT_EQ(CondError("a BETWEEN :x AND :s"),
            Invalid("The BETWEEN operator requires same data type for lower and upper bounds; "
                    "lower bound operand: AttributeValue: {N:1}, upper bound operand: "
                    "AttributeValue: {S:abc}"));
  EXPECT_EQ(CondError("a BETWEEN :y AND :x"),
            Invalid("The BETWEEN operator requires upper bound to be greater than or equal to "
                    "lower bound; lower bound operand: AttributeValue: {N:2}, upper bound "
                    "operand: AttributeValue: {N:1}"));
  EXPECT_EQ(CondError("a BETWEEN :z AND :a"),
            Invalid("The BETWEEN operator requires upper bound to be greater than or equal to "
                    "lower bound; lower bound operand: AttributeValue: {S:z}, upper bound "
                    "operand: AttributeValue: {S:a}"));
  EXPECT_EQ(CondError("a BETWEEN :hi AND :lo"),
            Invalid("The BETWEEN operator requires upper bound to be greater than or equal to "
                    "lower bound; lower bound operand: AttributeValue: {B:eg==}, upper bound "
                    "operand: AttributeValue: {B:YQ==}"));
  EXPECT_EQ(Cond("a BETWEEN :x AND :x"), "BETWEEN(a,:x,:x)");
  EXPECT_EQ(Cond("a BETWEEN :y AND b"), "BETWEEN(a,:y,b)");  // b is read later
}

TEST_F(ExprParserErrorTest, ChecksComeInDynamoDbsOrder) {
  // The walk in written order (names, functions) comes before
  // placeholders and types.
  EXPECT_EQ(CondError("a = :nope AND f(b)"), Invalid("Invalid function name; function: f"));
  EXPECT_EQ(CondError("contains(a) AND year = :x"),
            Invalid("Attribute name is a reserved keyword; reserved keyword: year"));
  // Then bottom-up: an operator after its operands.
  EXPECT_EQ(CondError("contains(a, :nope, b)"),
            Invalid("An expression attribute value used in expression is not defined; attribute "
                    "value: :nope"));
  EXPECT_EQ(CondError("begins_with(:x, :x) OR a = :nope"),
            Invalid("Incorrect operand type for operator or function; operator or function: "
                    "begins_with, operand type: N"));
}

TEST_F(ExprParserErrorTest, UnusedNamesAndValuesInDynamoDbsOrder) {
  // DynamoDB lists the keys of a java.util.HashSet: #z comes before #a.
  names = {{"#a", "a"}, {"#z", "z"}, {"#used", "u"}};
  values = {{":a", N("1")}, {":c", N("2")}, {":used", N("3")}};
  auto ctx = Context();
  ASSERT_TRUE(ctx.ParseCondition("#used = :used", expr::ExpressionKind::kCondition).ok());
  EXPECT_EQ(ctx.CheckAllUsed().message(),
            "Value provided in ExpressionAttributeNames unused in expressions: keys: {#z, #a}");
  names = {{"#used", "u"}};
  auto ctx2 = Context();
  ASSERT_TRUE(ctx2.ParseCondition("#used = :used", expr::ExpressionKind::kCondition).ok());
  EXPECT_EQ(ctx2.CheckAllUsed().message(),
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {:a, :c}");
  EXPECT_EQ(ctx2.CheckAllUsed().type(), ErrorType::kValidation);
}

TEST_F(ExprParserErrorTest, ErrorsAreValidationExceptions) {
  auto ctx = Context();
  auto c = ctx.ParseCondition("a b", expr::ExpressionKind::kCondition);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().type(), ErrorType::kValidation);
}

}  // namespace
}  // namespace lmddb::expr_test
