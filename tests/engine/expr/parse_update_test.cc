// UpdateExpression: clauses, SET values, and DynamoDB's update errors.
#include "engine/expr/parser.h"

#include <string>

#include "parse_test_util.h"

namespace lmddb::expr_test {
namespace {

class ExprUpdateTest : public ParseFixture {
 protected:
  ExprUpdateTest() : ParseFixture("UpdateExpression") {}
  void SetUp() override {
    values[":v"] = N("1");
    values[":w"] = N("2");
    values[":s"] = S("abc");
    values[":b"] = B("\x01");
    values[":bool"] = Bool(false);
    values[":null"] = Null();
    values[":l"] = L({S("x")});
    values[":m"] = M({});
    values[":ss"] = SS({"a"});
    values[":ns"] = NS({"1"});
    values[":bs"] = BS({"\x02"});
  }
};

TEST_F(ExprUpdateTest, EveryClauseInAnyOrder) {
  EXPECT_EQ(Update("SET a = :v"), "SET a=:v");
  EXPECT_EQ(Update("REMOVE a, b.c[2]"), "REMOVE a, b.c[2]");
  EXPECT_EQ(Update("ADD n :v, s :ss"), "ADD n :v, s :ss");
  EXPECT_EQ(Update("DELETE s :ss, t :ns, u :bs"), "DELETE s :ss, t :ns, u :bs");
  EXPECT_EQ(Update("REMOVE c ADD n :v SET a = :v, b = :w DELETE s :ss"),
            "SET a=:v, b=:w REMOVE c ADD n :v DELETE s :ss");
  EXPECT_EQ(Update("delete s :ss add n :v remove c set a = :v"),
            "SET a=:v REMOVE c ADD n :v DELETE s :ss");
}

TEST_F(ExprUpdateTest, SetValues) {
  EXPECT_EQ(Update("SET a = b"), "SET a=b");
  EXPECT_EQ(Update("SET a = b + :v"), "SET a=(b+:v)");
  EXPECT_EQ(Update("SET a = :v - b"), "SET a=(:v-b)");
  EXPECT_EQ(Update("SET a = if_not_exists(a, :v)"), "SET a=if_not_exists(a,:v)");
  EXPECT_EQ(Update("SET a = if_not_exists(b.c, d)"), "SET a=if_not_exists(b.c,d)");
  EXPECT_EQ(Update("SET a = list_append(a, :l)"), "SET a=list_append(a,:l)");
  EXPECT_EQ(Update("SET a = list_append(:l, a)"), "SET a=list_append(:l,a)");
  EXPECT_EQ(Update("SET a = if_not_exists(a, :v) + :w"), "SET a=(if_not_exists(a,:v)+:w)");
  EXPECT_EQ(Update("SET a = :w - if_not_exists(a, :v)"), "SET a=(:w-if_not_exists(a,:v))");
  EXPECT_EQ(Update("SET a = list_append(if_not_exists(a, :l), :l)"),
            "SET a=list_append(if_not_exists(a,:l),:l)");
  EXPECT_EQ(Update("SET a = if_not_exists(a, if_not_exists(b, :v))"),
            "SET a=if_not_exists(a,if_not_exists(b,:v))");
  EXPECT_EQ(Update("SET a[3] = :v, b.c = :w"), "SET a[3]=:v, b.c=:w");
}

TEST_F(ExprUpdateTest, SetValuesInParentheses) {
  EXPECT_EQ(Update("SET a = (b + :v)"), "SET a=(b+:v)");
  EXPECT_EQ(Update("SET a = (b) + (:v)"), "SET a=(b+:v)");
  EXPECT_EQ(Update("SET a = (b)"), "SET a=b");
  EXPECT_EQ(Update("SET a = ((b) - :v)"), "SET a=(b-:v)");
  EXPECT_EQ(Update("SET a = (list_append(a, :l))"), "SET a=list_append(a,:l)");
  EXPECT_EQ(Update("SET a = list_append((a), (:l))"), "SET a=list_append(a,:l)");
}

TEST_F(ExprUpdateTest, PlaceholdersAndPaths) {
  names["#a"] = "a.b";
  names["#i"] = "item";
  EXPECT_EQ(Update("SET #a.#i[2] = :v REMOVE #i"), "SET a.b.item[2]=:v REMOVE item");
  auto ctx = Context();
  auto u = ctx.ParseUpdate("SET #a = :s ADD #i :v");
  ASSERT_TRUE(u.ok());
  ASSERT_EQ(u->set[0].path.elements.size(), 1u);
  EXPECT_EQ(u->set[0].path.elements[0].name, "a.b");
  EXPECT_EQ(u->set[0].value.value, &values.at(":s"));
  EXPECT_EQ(u->add[0].value, &values.at(":v"));
}

TEST_F(ExprUpdateTest, SyntaxErrors) {
  EXPECT_EQ(UpdateError("whatever"), Syntax("whatever", "whatever"));
  EXPECT_EQ(UpdateError("INVALID SYNTAX HERE"), Syntax("INVALID", "INVALID SYNTAX"));
  EXPECT_EQ(UpdateError("SET"), Syntax("<EOF>", "SET"));
  EXPECT_EQ(UpdateError("set a"), Syntax("<EOF>", "a"));
  EXPECT_EQ(UpdateError("set a=set"), Syntax("set", "=set"));
  EXPECT_EQ(UpdateError("remove a = b"), Syntax("=", "a = b"));
  EXPECT_EQ(UpdateError("add a = b"), Syntax("=", "a = b"));
  EXPECT_EQ(UpdateError("delete a b"), Syntax("b", "a b"));
  EXPECT_EQ(UpdateError("add abort b"), Syntax("b", "abort b"));
  EXPECT_EQ(UpdateError("delete a if_not_exists(b)"), Syntax("if_not_exists", "a if_not_exists("));
  EXPECT_EQ(UpdateError("set :a = b"), Syntax(":a", "set :a ="));
  EXPECT_EQ(UpdateError("remove :a"), Syntax(":a", "remove :a"));
  EXPECT_EQ(UpdateError("set a = b / c"), Syntax("/", "b / c"));
  EXPECT_EQ(UpdateError("set a = b * c"), Syntax("*", "b * c"));
  EXPECT_EQ(UpdateError("set a = b + c + d"), Syntax("+", "c + d"));
  EXPECT_EQ(UpdateError("set a = (b + c) + d"), Syntax("+", ") + d"));
  EXPECT_EQ(UpdateError("set a = (b.c).d + e"), Syntax(".", ").d"));
  EXPECT_EQ(UpdateError("set (a = (b + c))"), Syntax("(", "set (a"));
  EXPECT_EQ(UpdateError("SET if_not_exist(a, b) = a"), Syntax("(", "if_not_exist(a"));
  EXPECT_EQ(UpdateError("SET a = if_not_exist(a, 100)"), Syntax("100", ", 100)"));
  EXPECT_EQ(UpdateError("set a[1] = \"eight\""), Syntax("\"", "= \"eight"));
  EXPECT_EQ(UpdateError("SET _123 = :v"), Syntax("_", "SET _123"));
  EXPECT_EQ(UpdateError("SET a = :v,"), Syntax("<EOF>", ","));
  EXPECT_EQ(UpdateError("SET a = :v REMOVE"), Syntax("<EOF>", "REMOVE"));
  EXPECT_EQ(UpdateError("ADD  SET #createdAt = :v"), Syntax("SET", "ADD  SET #createdAt"));
  EXPECT_EQ(UpdateError("SET a = :v AND b = :w"), Syntax("AND", ":v AND b"));
  EXPECT_EQ(UpdateError("SET a = :v b = :w"), Syntax("b", ":v b ="));
  EXPECT_EQ(UpdateError("SET a = -:v"), Syntax("-", "= -:v"));
  EXPECT_EQ(UpdateError("SET a = (b + c"), Syntax("<EOF>", "c"));
  EXPECT_EQ(UpdateError("SET a = ()"), Syntax(")", "()"));
}

TEST_F(ExprUpdateTest, AddAndDeleteTakeOnlyValuePlaceholders) {
  EXPECT_EQ(UpdateError("ADD a b"), Syntax("b", "a b"));
  EXPECT_EQ(UpdateError("ADD a (:v)"), Syntax("(", "a (:v"));
  EXPECT_EQ(UpdateError("DELETE a :v + :w"), Syntax("+", ":v + :w"));
  EXPECT_EQ(UpdateError("ADD a"), Syntax("<EOF>", "a"));
}

TEST_F(ExprUpdateTest, EachSectionOnce) {
  EXPECT_EQ(UpdateError("SET a = :v SET b = :w"),
            Invalid("The \"SET\" section can only be used once in an update expression;"));
  EXPECT_EQ(UpdateError("remove #d set a = b remove e"),
            Invalid("The \"REMOVE\" section can only be used once in an update expression;"));
  EXPECT_EQ(UpdateError("add #d :e set a = b add e :f"),
            Invalid("The \"ADD\" section can only be used once in an update expression;"));
  EXPECT_EQ(UpdateError("delete #d :e set a = b delete #e :f"),
            Invalid("The \"DELETE\" section can only be used once in an update expression;"));
  // Found when the second section ends: a reserved word or an unknown
  // function inside it comes first; undefined placeholders come later.
  EXPECT_EQ(UpdateError(" set #c = :c set abOrt = true "),
            Invalid("Attribute name is a reserved keyword; reserved keyword: abOrt"));
  EXPECT_EQ(UpdateError("set #c = if_not_exist(:c) set c = d"),
            Invalid("Invalid function name; function: if_not_exist"));
  EXPECT_EQ(UpdateError("set a = #c set c = :d"),
            Invalid("The \"SET\" section can only be used once in an update expression;"));
}

TEST_F(ExprUpdateTest, FunctionsInUpdates) {
  EXPECT_EQ(UpdateError("SET a = size(b)"),
            Invalid("The function is not allowed in an update expression; function: size"));
  EXPECT_EQ(UpdateError("SET a = contains(b, :s)"),
            Invalid("The function is not allowed in an update expression; function: contains"));
  EXPECT_EQ(UpdateError("SET a = attribute_exists(b)"),
            Invalid("The function is not allowed in an update expression; function: "
                    "attribute_exists"));
  EXPECT_EQ(UpdateError("SET a = foo(b)"), Invalid("Invalid function name; function: foo"));
  EXPECT_EQ(UpdateError("SET a = list_append(list_append(a, :l), :l)"),
            Invalid("The function is not allowed to be used this way in an expression; "
                    "function: list_append"));
  EXPECT_EQ(UpdateError("SET a = list_append(a, :l) + :v"),
            Invalid("The function is not allowed to be used this way in an expression; "
                    "function: list_append"));
  EXPECT_EQ(UpdateError("SET a = if_not_exists(list_append(a, :l), :l)"),
            Invalid("The function is not allowed to be used this way in an expression; "
                    "function: list_append"));
}

TEST_F(ExprUpdateTest, FunctionOperands) {
  EXPECT_EQ(UpdateError("set a = if_not_exists(c)"), OperandCount("if_not_exists", 1));
  EXPECT_EQ(UpdateError("set a = list_append(c)"), OperandCount("list_append", 1));
  EXPECT_EQ(UpdateError("set a = list_append(c, d, e)"), OperandCount("list_append", 3));
  EXPECT_EQ(UpdateError("set a = if_not_exists(:v, c)"),
            Invalid("Operator or function requires a document path; operator or function: "
                    "if_not_exists"));
  EXPECT_EQ(UpdateError("set a = if_not_exists(if_not_exists(a, b), c)"),
            Invalid("Operator or function requires a document path; operator or function: "
                    "if_not_exists"));
  EXPECT_EQ(UpdateError("set x = if_not_exists(a, a)"),
            Invalid("The first operand must be distinct from the remaining operands for this "
                    "operator or function; operator: if_not_exists, first operand: [a]"));
  // list_append, + and - may repeat an operand.
  EXPECT_EQ(Update("SET a = list_append(a, a), b = b + b"), "SET a=list_append(a,a), b=(b+b)");
}

TEST_F(ExprUpdateTest, OperandTypesOfValues) {
  EXPECT_EQ(UpdateError("set a = list_append(:s, a)"), OperandType("list_append", "S"));
  EXPECT_EQ(UpdateError("set a = list_append(a, :v)"), OperandType("list_append", "N"));
  EXPECT_EQ(UpdateError("set a = list_append(:m, a)"), OperandType("list_append", "M"));
  EXPECT_EQ(UpdateError("set a = list_append(:ss, a)"), OperandType("list_append", "SS"));
  EXPECT_EQ(UpdateError("set a = a + :s"), OperandType("+", "S"));
  EXPECT_EQ(UpdateError("set a = :s + :b"), OperandType("+", "S"));
  EXPECT_EQ(UpdateError("set a = :b + a"), OperandType("+", "B"));
  EXPECT_EQ(UpdateError("set a = a + :bool"), OperandType("+", "BOOL"));
  EXPECT_EQ(UpdateError("set a = a + :null"), OperandType("+", "NULL"));
  EXPECT_EQ(UpdateError("set a = a + :ns"), OperandType("+", "NS"));
  EXPECT_EQ(UpdateError("set a = a - :l"), OperandType("-", "L"));
  EXPECT_EQ(UpdateError("set a = a - list_append(a, :l)"),
            Invalid("The function is not allowed to be used this way in an expression; "
                    "function: list_append"));
  // if_not_exists may give any type, so it passes.
  EXPECT_EQ(Update("set a = if_not_exists(a, :s) + :v"), "SET a=(if_not_exists(a,:s)+:v)");
}

TEST_F(ExprUpdateTest, AddAndDeleteOperandTypes) {
  const auto add = [&](std::string_view t) {
    return Invalid(StrCat("Incorrect operand type for operator or function; operator: ADD, "
                          "operand type: ",
                          t, ", typeSet: ALLOWED_FOR_ADD_OPERAND"));
  };
  const auto del = [&](std::string_view t) {
    return Invalid(StrCat("Incorrect operand type for operator or function; operator: DELETE, "
                          "operand type: ",
                          t, ", typeSet: ALLOWED_FOR_DELETE_OPERAND"));
  };
  EXPECT_EQ(UpdateError("add a.b :s"), add("STRING"));
  EXPECT_EQ(UpdateError("add a.b :null"), add("NULL"));
  EXPECT_EQ(UpdateError("add a.b :bool"), add("BOOLEAN"));
  EXPECT_EQ(UpdateError("add a.b :b"), add("BINARY"));
  EXPECT_EQ(UpdateError("add a.b :m"), add("MAP"));
  EXPECT_EQ(UpdateError("add a.b :l"), add("LIST"));
  EXPECT_EQ(UpdateError("delete a.b :s"), del("STRING"));
  EXPECT_EQ(UpdateError("delete a.b :v"), del("NUMBER"));
  EXPECT_EQ(UpdateError("delete a.b :l"), del("LIST"));
  EXPECT_EQ(Update("ADD a :v, b :ss, c :ns, d :bs"), "ADD a :v, b :ss, c :ns, d :bs");
  EXPECT_EQ(UpdateError("ADD a :nope"),
            Invalid("An expression attribute value used in expression is not defined; attribute "
                    "value: :nope"));
}

TEST_F(ExprUpdateTest, OverlappingPaths) {
  EXPECT_EQ(UpdateError("SET a = :v, a.b = :w"), Overlap("[a]", "[a, b]"));
  EXPECT_EQ(UpdateError("SET a.b = :v, a = :w"), Overlap("[a, b]", "[a]"));
  EXPECT_EQ(UpdateError("SET a = :v REMOVE a"), Overlap("[a]", "[a]"));
  EXPECT_EQ(UpdateError("REMOVE a[1], a[1].b"), Overlap("[a, [1]]", "[a, [1], b]"));
  names = {{"#c", "c"}, {"#d", "[3]"}};
  EXPECT_EQ(UpdateError("set d[1] = a, d.b = a, c[1].a = a, #c = if_not_exists(a)"),
            Overlap("[c, [1], a]", "[c]"));
  EXPECT_EQ(UpdateError("set #c[3].#d = a, #c[3] = a"), Overlap("[c, [3], [3]]", "[c, [3]]"));
}

TEST_F(ExprUpdateTest, ConflictingPaths) {
  EXPECT_EQ(UpdateError("SET a.b = :v, a[0] = :w"), Conflict("[a, b]", "[a, [0]]"));
  EXPECT_EQ(UpdateError("SET a[0] = :v, a.b = :w"), Conflict("[a, [0]]", "[a, b]"));
  names = {{"#c", "c"}, {"#d", "[3]"}};
  EXPECT_EQ(UpdateError("set #c[3].#d = a, #c.#d[3] = :v"),
            Conflict("[c, [3], [3]]", "[c, [3], [3]]"));
  EXPECT_EQ(UpdateError("remove a.#c set a[1] = #d"), Conflict("[a, c]", "[a, [1]]"));
}

TEST_F(ExprUpdateTest, PathTwoIsTheFirstChildInJavaHashOrder) {
  // DynamoDB walks a Java HashMap to name "path two"; "b" comes before "a".
  EXPECT_EQ(UpdateError("SET a = :v, b = :v, a = :w"), Overlap("[a]", "[b]"));
}

TEST_F(ExprUpdateTest, ActionsAreCheckedLastFirst) {
  EXPECT_EQ(UpdateError("SET a = :nope1, b = :nope2"),
            Invalid("An expression attribute value used in expression is not defined; attribute "
                    "value: :nope2"));
  EXPECT_EQ(UpdateError("SET #x = :v, #y = :v"),
            Invalid("An expression attribute name used in the document path is not defined; "
                    "attribute name: #y"));
  // Every path is checked (names, overlaps) before any value.
  EXPECT_EQ(UpdateError("SET a = :nope, #x = :v"),
            Invalid("An expression attribute name used in the document path is not defined; "
                    "attribute name: #x"));
  EXPECT_EQ(UpdateError("SET a = :nope, a = :v"), Overlap("[a]", "[a]"));
  // A name used only in a value is checked with the value.
  EXPECT_EQ(UpdateError("SET a = #x, b = :nope"),
            Invalid("An expression attribute value used in expression is not defined; attribute "
                    "value: :nope"));
}

TEST_F(ExprUpdateTest, ReservedWordsAndUndefinedNames) {
  EXPECT_EQ(UpdateError("SET status = :v"),
            Invalid("Attribute name is a reserved keyword; reserved keyword: status"));
  EXPECT_EQ(UpdateError(" remove Absolute "),
            Invalid("Attribute name is a reserved keyword; reserved keyword: Absolute"));
  EXPECT_EQ(UpdateError("SET a = if_not_exists(b, name)"),
            Invalid("Attribute name is a reserved keyword; reserved keyword: name"));
  EXPECT_EQ(UpdateError("SET #c = if_not_exists(:c)"),
            Invalid("An expression attribute name used in the document path is not defined; "
                    "attribute name: #c"));
  names["#a"] = "a";
  EXPECT_EQ(UpdateError("SET #a = if_not_exists(:c)"),
            Invalid("An expression attribute value used in expression is not defined; attribute "
                    "value: :c"));
}

TEST_F(ExprUpdateTest, RedundantParentheses) {
  const std::string redundant = Invalid("The expression has redundant parentheses;");
  EXPECT_EQ(UpdateError("SET a = ((b))"), redundant);
  EXPECT_EQ(UpdateError("SET a = ((b + :v))"), redundant);
  EXPECT_EQ(UpdateError("SET a = b + ((:v))"), redundant);
  EXPECT_EQ(UpdateError("SET a = ((b)) + :v"), redundant);
  EXPECT_EQ(UpdateError("SET a = list_append(((a)), :l)"), redundant);
  EXPECT_EQ(UpdateError("SET a = ((b)) !"), redundant);
  EXPECT_EQ(UpdateError("SET a = list_append(((a)), :l) !"), redundant);
  EXPECT_EQ(UpdateError("SET a = list_append(((a)) !"), Syntax("!", ") !"));
}

TEST_F(ExprUpdateTest, EmptyAndOversized) {
  EXPECT_EQ(UpdateError(""), Invalid("The expression can not be empty;"));
  const std::string spaces(4087, ' ');
  // 4096 characters are fine; 4097 are not, and DynamoDB does not say how
  // many for an update.
  ASSERT_EQ(StrCat("SET", spaces, "a = :v").size(), 4096u);
  EXPECT_EQ(Update(StrCat("SET", spaces, "a = :v")), "SET a=:v");
  EXPECT_EQ(UpdateError(StrCat("SET ", spaces, "a = :v")),
            Invalid("Expression size has exceeded the maximum allowed size;"));
}

}  // namespace
}  // namespace lmddb::expr_test
