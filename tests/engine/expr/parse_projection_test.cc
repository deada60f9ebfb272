// ProjectionExpression: paths, and DynamoDB's projection errors.
#include "engine/expr/parser.h"

#include <string>

#include "parse_test_util.h"

namespace lmddb::expr_test {
namespace {

class ExprProjectionTest : public ParseFixture {
 protected:
  ExprProjectionTest() : ParseFixture("ProjectionExpression") {}
};

TEST_F(ExprProjectionTest, PathsInWrittenOrder) {
  EXPECT_EQ(Projection("a"), "a");
  EXPECT_EQ(Projection("c, a.b, a.c, d[1], d[2], e[0].f"), "c, a.b, a.c, d[1], d[2], e[0].f");
  EXPECT_EQ(Projection(" b ,\ta\n"), "b, a");
  names["#k"] = "key.with.dots";
  names["#s"] = "Status";
  EXPECT_EQ(Projection("#s, x.#k[3]"), "Status, x.key.with.dots[3]");
}

TEST_F(ExprProjectionTest, SyntaxErrors) {
  EXPECT_EQ(ProjectionError("!!!"), Syntax("!", "!!"));
  EXPECT_EQ(ProjectionError("a b"), Syntax("b", "a b"));
  EXPECT_EQ(ProjectionError("a,"), Syntax("<EOF>", ","));
  EXPECT_EQ(ProjectionError("a,,b"), Syntax(",", ",,b"));
  EXPECT_EQ(ProjectionError("a..b"), Syntax(".", "..b"));
  EXPECT_EQ(ProjectionError("a[b]"), Syntax("b", "[b]"));
  EXPECT_EQ(ProjectionError(":a"), Syntax(":a", ":a"));
  EXPECT_EQ(ProjectionError("abort,"), Syntax("<EOF>", ","));  // before the reserved word
  EXPECT_EQ(ProjectionError("whatever(stuff)"), Syntax("(", "whatever(stuff"));
  EXPECT_EQ(ProjectionError("(a)"), Syntax("(", "(a"));
  EXPECT_EQ(ProjectionError("(a.b).c"), Syntax("(", "(a"));
  EXPECT_EQ(ProjectionError("a-b"), Syntax("-", "a-b"));
  EXPECT_EQ(ProjectionError("a = :v"), Syntax("=", "a = :v"));
  EXPECT_EQ(ProjectionError("set"), Syntax("set", "set"));
}

TEST_F(ExprProjectionTest, EmptyAndOversized) {
  EXPECT_EQ(ProjectionError(""), Invalid("The expression can not be empty;"));
  EXPECT_EQ(Projection(std::string(4096, 'x')), std::string(4096, 'x'));
  EXPECT_EQ(ProjectionError(std::string(4097, 'x')),
            Invalid("Expression size has exceeded the maximum allowed size;"));
}

TEST_F(ExprProjectionTest, ReservedWordsAndNames) {
  EXPECT_EQ(ProjectionError("a.abORt"),
            Invalid("Attribute name is a reserved keyword; reserved keyword: abORt"));
  // Reserved words are found before placeholders are looked up.
  EXPECT_EQ(ProjectionError("#a,ABSoLUTE"),
            Invalid("Attribute name is a reserved keyword; reserved keyword: ABSoLUTE"));
  EXPECT_EQ(ProjectionError("a,b,a,#a"),
            Invalid("An expression attribute name used in the document path is not defined; "
                    "attribute name: #a"));
  EXPECT_EQ(ProjectionError("a.:v"),
            Invalid("The document path cannot contain attribute value parameters; attribute "
                    "value: :v"));
}

TEST_F(ExprProjectionTest, OverlappingPaths) {
  names["#a"] = "a";
  EXPECT_EQ(ProjectionError("a, a"), Overlap("[a]", "[a]"));
  EXPECT_EQ(ProjectionError("a, a.b"), Overlap("[a]", "[a, b]"));
  EXPECT_EQ(ProjectionError("a.b, a"), Overlap("[a, b]", "[a]"));
  EXPECT_EQ(ProjectionError("b[1], b.a, #a.b, a"), Overlap("[a, b]", "[a]"));
  EXPECT_EQ(ProjectionError("a, #a[1]"), Overlap("[a]", "[a, [1]]"));
  EXPECT_EQ(ProjectionError("a.b.c, a.b"), Overlap("[a, b, c]", "[a, b]"));
  // "path two" follows the first child in Java's HashMap order, so DynamoDB
  // can name a path that does not overlap at all.
  EXPECT_EQ(ProjectionError("a,b,a"), Overlap("[a]", "[b]"));
}

TEST_F(ExprProjectionTest, ConflictingPaths) {
  names["#a"] = "a";
  names["#b"] = "[3]";
  EXPECT_EQ(ProjectionError("a.b, #a[1], #b"), Conflict("[a, b]", "[a, [1]]"));
  EXPECT_EQ(ProjectionError("a.b[1], #a[1], #b"), Conflict("[a, b, [1]]", "[a, [1]]"));
  EXPECT_EQ(ProjectionError("a[3].b, #a.#b.b"), Conflict("[a, [3], b]", "[a, [3], b]"));
}

TEST_F(ExprProjectionTest, UnusedNames) {
  names = {{"#a", "a"}, {"#b", "b"}};
  auto ctx = Context();
  ASSERT_TRUE(ctx.ParseProjection("a,b").ok());
  EXPECT_EQ(ctx.CheckAllUsed().message(),
            "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}");
}

}  // namespace
}  // namespace lmddb::expr_test
