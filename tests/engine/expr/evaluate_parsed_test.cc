// Condition evaluation (engine/expr/evaluate.h) of parsed expressions: the
// cases of Alternator's test_condition_expression.py, which ran against
// DynamoDB, written as the requests wrote them.
#include <string>
#include <string_view>

#include "engine/expr/evaluate.h"
#include "engine/expr/parser.h"
#include "expr_test_util.h"
#include "gtest/gtest.h"

namespace lmddb::expr {
namespace {

using namespace expr_test;  // NOLINT

class ParsedConditionTest : public ::testing::Test {
 protected:
  // Parses `text` with values_ and names_ as the request's placeholders and
  // evaluates it against `item` stored; fails the test on any error.
  bool Check(std::string_view text, const Item& item,
             ExpressionKind kind = ExpressionKind::kCondition) {
    ExpressionContext context(names_.empty() ? nullptr : &names_,
                              values_.empty() ? nullptr : &values_);
    StatusOr<Condition> condition = context.ParseCondition(text, kind);
    EXPECT_TRUE(condition.ok()) << text << ": " << condition.status().ToString();
    if (!condition.ok()) return false;
    EncodedItem encoded(item);
    StatusOr<bool> result = Evaluate(*condition, encoded.view());
    EXPECT_TRUE(result.ok()) << text << ": " << result.status().ToString();
    return result.ok() && *result;
  }

  // One value of each type, as the Alternator tests use them.
  static std::vector<AttributeValue> Values() {
    return {N("1"),
            S("hello"),
            Bool(true),
            B("xyz"),
            Null(),
            L({S("hello"), N("42")}),
            M({{"hello", S("world")}}),
            SS({"hello", "world"}),
            NS({"1", "2", "3"}),
            BS({"xyz", "hi"})};
  }

  Item values_;
  AttributeNames names_;
};

TEST_F(ParsedConditionTest, EqualityOfEveryType) {
  for (const AttributeValue& v : Values()) {
    SCOPED_TRACE(TypeName(v.type()));
    values_ = {{":val", v}};
    const Item item = {{"a", v}, {"b", v}};
    EXPECT_TRUE(Check("a = :val", item));
    EXPECT_TRUE(Check(":val = a", item));
    EXPECT_FALSE(Check("a <> :val", item));
    EXPECT_TRUE(Check("a IN (:val)", item));
    values_.clear();
    EXPECT_TRUE(Check("a = b", item));
    EXPECT_TRUE(Check("a IN (b)", item));
  }
}

TEST_F(ParsedConditionTest, EqualityAcrossTypesFails) {
  const std::vector<AttributeValue> values = Values();
  for (size_t i = 0; i < values.size(); ++i) {
    for (size_t j = 0; j < values.size(); ++j) {
      values_ = {{":val2", values[j]}};
      EXPECT_EQ(Check("a = :val2", {{"a", values[i]}}), i == j)
          << TypeName(values[i].type()) << " = " << TypeName(values[j].type());
    }
  }
}

TEST_F(ParsedConditionTest, UnsetAttributes) {
  values_ = {{":oldval", N("2")}};
  const Item item = {{"a", N("1")}};
  EXPECT_FALSE(Check("q = :oldval", item));
  EXPECT_TRUE(Check("z <> :oldval", item));
  values_.clear();
  for (const Item& it : {Item(), item}) {
    EXPECT_FALSE(Check("q = z", it));
    EXPECT_TRUE(Check("q <> z", it));
    for (std::string_view op : {"<", "<=", ">", ">="}) {
      EXPECT_FALSE(Check("q " + std::string(op) + " z", it)) << op;
    }
    EXPECT_FALSE(Check("q between z and x", it));
  }
}

TEST_F(ParsedConditionTest, NotEqual) {
  const Item item = {{"a", N("1")}, {"b", N("2")}, {"c", N("1")}};
  values_ = {{":oldval", N("3")}};
  EXPECT_TRUE(Check("a <> :oldval", item));
  values_ = {{":oldval", S("1")}};
  EXPECT_TRUE(Check("a <> :oldval", item));  // different types are "not equal"
  values_.clear();
  EXPECT_TRUE(Check("a <> b", item));
  EXPECT_FALSE(Check("a <> c", item));
}

TEST_F(ParsedConditionTest, Ordering) {
  const Item item = {{"a", N("1")}, {"b", S("cat")}, {"c", B("cat")}, {"x", L({N("1")})}};
  values_ = {{":two", N("2")},   {":one", N("1")},    {":dog", S("dog")},
             {":cat", S("cat")}, {":bdog", B("dog")}, {":s17", S("17")}};
  EXPECT_TRUE(Check("a < :two", item));
  EXPECT_FALSE(Check("a < :one", item));
  EXPECT_TRUE(Check("a <= :one", item));
  EXPECT_TRUE(Check("b < :dog", item));
  EXPECT_FALSE(Check("b > :cat", item));
  EXPECT_TRUE(Check("b >= :cat", item));
  EXPECT_TRUE(Check("c < :bdog", item));
  EXPECT_FALSE(Check("a < :s17", item));
  EXPECT_FALSE(Check("q < :s17", item));
  EXPECT_FALSE(Check(":s17 < q", item));
  // An item attribute of an unordered type: false, not an error.
  EXPECT_FALSE(Check("x < :one", item));
  EXPECT_FALSE(Check(":one < x", item));
}

TEST_F(ParsedConditionTest, BinaryOrdersAsUnsignedBytes) {
  const Item low = {{"b", B("\x7f")}};
  const Item high = {{"b", B("\x80")}};
  values_ = {{":v126", B("\x7e")}, {":v127", B("\x7f")}, {":v128", B("\x80")}};
  EXPECT_TRUE(Check("b < :v128", low));
  EXPECT_TRUE(Check("b <= :v128", low));
  EXPECT_TRUE(Check("b between :v126 and :v128", low));
  EXPECT_TRUE(Check("b > :v127", high));
  EXPECT_TRUE(Check("b >= :v127", high));
}

TEST_F(ParsedConditionTest, Between) {
  const Item item = {{"a", N("1")}, {"b", S("cat")}, {"c", B("cat")},     {"x", N("0")},
                     {"y", N("2")}, {"two", N("2")}, {"lx", L({N("1")})}, {"ly", L({N("2")})}};
  values_ = {{":lo", N("0")}, {":hi", N("2")}};
  EXPECT_TRUE(Check("a BETWEEN :lo AND :hi", item));
  values_ = {{":lo", S("aardvark")}, {":hi", S("dog")}};
  EXPECT_TRUE(Check("b BETWEEN :lo AND :hi", item));
  values_ = {{":lo", S("cat")}, {":hi", S("cat")}};
  EXPECT_TRUE(Check("b BETWEEN :lo AND :hi", item));
  values_ = {{":lo", B("cat")}, {":hi", B("cat")}};
  EXPECT_TRUE(Check("c BETWEEN :lo AND :hi", item));
  values_ = {{":lo", N("2")}, {":hi", N("7")}};
  EXPECT_FALSE(Check("a BETWEEN :lo AND :hi", item));
  values_ = {{":lo", S("0")}, {":hi", S("2")}};
  EXPECT_FALSE(Check("a BETWEEN :lo AND :hi", item));
  EXPECT_FALSE(Check("q BETWEEN :lo AND :hi", item));
  values_.clear();
  EXPECT_TRUE(Check("a BETWEEN x AND y", item));
  EXPECT_TRUE(Check("a between x and y", item));
  EXPECT_FALSE(Check("a BETWEEN lx and ly", item));
  // Bounds from the item in the wrong order, or of different types: false.
  values_ = {{":v", N("1")}};
  EXPECT_FALSE(Check("a BETWEEN two AND :v", item));
  values_ = {{":v", N("3")}};
  EXPECT_FALSE(Check("a BETWEEN :v AND two", item));
  values_ = {{":v", S("dog")}};
  EXPECT_FALSE(Check("a BETWEEN two AND :v", item));
}

TEST_F(ParsedConditionTest, InWithManyValues) {
  std::string list;
  for (int i = 0; i < 99; ++i) {
    values_[":val" + std::to_string(i)] = N(std::to_string(i));
    list += (i ? "," : "") + std::string(":val") + std::to_string(i);
  }
  EXPECT_TRUE(Check("a IN (" + list + ")", {{"a", N("74")}}));
  EXPECT_FALSE(Check("a IN (" + list + ")", {{"a", N("174")}}));
  EXPECT_FALSE(Check("q IN (" + list + ")", {{"a", N("74")}}));
  values_ = {{":x", S("dog")}, {":y", N("174")}};
  EXPECT_TRUE(Check("a IN (:x, :y)", {{"a", N("174")}}));
}

TEST_F(ParsedConditionTest, AttributeExistenceAndType) {
  const Item item = {
      {"a", N("1")}, {"and", N("1")}, {"b", M({{"x", N("1")}, {"y", L({N("-1")})}})}};
  EXPECT_TRUE(Check("attribute_exists (a)", item));
  EXPECT_FALSE(Check("attribute_exists (z)", item));
  EXPECT_TRUE(Check("attribute_not_exists (z)", item));
  EXPECT_FALSE(Check("attribute_not_exists (a)", item));
  EXPECT_TRUE(Check("attribute_exists (b.x)", item));
  EXPECT_TRUE(Check("attribute_exists (b.y[0])", item));
  EXPECT_FALSE(Check("attribute_exists (b.y[1])", item));
  names_ = {{"#name", "and"}};
  EXPECT_TRUE(Check("attribute_exists (#name)", item));
  names_.clear();

  const char* const types[] = {"S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M"};
  const AttributeValue typed[] = {S("hello"),
                                  SS({"hello", "world"}),
                                  N("2"),
                                  NS({"1", "2"}),
                                  B("dog"),
                                  BS({"dog", "cat"}),
                                  Bool(true),
                                  Null(),
                                  L({N("1"), S("dog")}),
                                  M({{"a", N("3")}, {"b", N("4")}})};
  Item typed_item;
  for (size_t i = 0; i < std::size(typed); ++i) typed_item["a" + std::to_string(i)] = typed[i];
  for (size_t i = 0; i < std::size(typed); ++i) {
    const std::string expr = "attribute_type (a" + std::to_string(i) + ", :type)";
    values_ = {{":type", S(types[i])}};
    EXPECT_TRUE(Check(expr, typed_item)) << expr << " " << types[i];
    values_ = {{":type", S(types[(i + 1) % std::size(types)])}};
    EXPECT_FALSE(Check(expr, typed_item)) << expr;
  }
  values_ = {{":val", N("0")}, {":type", S("N")}};
  EXPECT_TRUE(Check("attribute_type (:val, :type)", item));
}

TEST_F(ParsedConditionTest, BeginsWith) {
  const Item item = {{"a", S("hello")}, {"b", B("hi there")}, {"c", S("he")}};
  values_ = {{":arg", S("hell")}};
  EXPECT_TRUE(Check("begins_with(a, :arg)", item));
  values_ = {{":arg", B("hi")}};
  EXPECT_TRUE(Check("begins_with(b, :arg)", item));
  values_ = {{":arg", S("dog")}};
  EXPECT_FALSE(Check("begins_with(a, :arg)", item));
  EXPECT_FALSE(Check("begins_with(z, :arg)", item));
  values_.clear();
  EXPECT_FALSE(Check("begins_with(z, a)", item));
  EXPECT_TRUE(Check("begins_with(a, c)", item));
  values_ = {{":str", S("hellohi")}};
  EXPECT_TRUE(Check("begins_with(:str, a)", item));
}

TEST_F(ParsedConditionTest, Contains) {
  const Item item = {{"a", S("hello")},
                     {"b", NS({"2", "4", "7"})},
                     {"c", L({N("2"), N("4"), N("7")})},
                     {"d", B("hi there")},
                     {"e", L({S("hi"), NS({"1", "2"}), L({N("3"), N("4")})})}};
  values_ = {{":arg", S("ell")}};
  EXPECT_TRUE(Check("contains(a, :arg)", item));
  values_ = {{":arg", N("4")}};
  EXPECT_TRUE(Check("contains(b, :arg)", item));
  EXPECT_TRUE(Check("contains(c, :arg)", item));
  values_ = {{":arg", B("here")}};
  EXPECT_TRUE(Check("contains(d, :arg)", item));
  values_ = {{":arg", B("dog")}};
  EXPECT_FALSE(Check("contains(d, :arg)", item));
  values_ = {{":arg", NS({"1", "2"})}};
  EXPECT_FALSE(Check("contains(d, :arg)", item));
  EXPECT_TRUE(Check("contains(e, :arg)", item));
  values_ = {{":arg", L({N("3"), N("4")})}};
  EXPECT_TRUE(Check("contains(e, :arg)", item));
}

TEST_F(ParsedConditionTest, Size) {
  const Item item = {{"a", S("hello")},
                     {"b", NS({"2", "4", "7"})},
                     {"c", L({N("2"), S("dog"), N("7")})},
                     {"d", B("hi there")},
                     {"e", M({{"x", N("2")}, {"y", M({{"m", N("3")}, {"n", N("4")}})}})},
                     {"f", N("5")},
                     {"g", Bool(true)},
                     {"h", Null()}};
  const std::pair<const char*, const char*> sizes[] = {
      {"a", "5"}, {"b", "3"}, {"c", "3"}, {"d", "8"}, {"e", "2"}};
  for (const auto& [path, size] : sizes) {
    values_ = {{":arg", N(size)}};
    EXPECT_TRUE(Check(std::string("size(") + path + ")=:arg", item)) << path;
  }
  values_ = {{":arg", N("1")}};
  EXPECT_FALSE(Check("size(f)=:arg", item));
  EXPECT_FALSE(Check("size(g)=:arg", item));
  EXPECT_FALSE(Check("size(h)=:arg", item));
  values_ = {{":arg", S("dog")}};
  EXPECT_FALSE(Check("size(a)=:arg", item));
  values_.clear();
  EXPECT_TRUE(Check("size(a)=f", item));
  values_ = {{":arg", N("4")}};
  EXPECT_TRUE(Check("size(a)<>:arg", item));
  values_ = {{":arg", N("7")}};
  EXPECT_TRUE(Check("size(a)<:arg", item));
  EXPECT_TRUE(Check("size(a)<=:arg", item));
  values_ = {{":arg", N("2")}};
  EXPECT_TRUE(Check("size(a)>:arg", item));
  EXPECT_TRUE(Check("size(a)>=:arg", item));
  // size() of a value from the request works as well.
  values_ = {{":s", S("dog")}, {":three", N("3")}, {":l", L({N("1")})}};
  EXPECT_TRUE(Check("size(:s) = :three", item));
  EXPECT_TRUE(Check("size(:l) < :three", item));
}

TEST_F(ParsedConditionTest, NestedAttributesAndReferences) {
  const Item item = {{"b", M({{"x", N("1")}, {"y", L({N("-1"), N("2"), N("0")})}})},
                     {"and", M({{"or", N("2")}})}};
  EXPECT_TRUE(Check("b.x < b.y[1]", item));
  EXPECT_FALSE(Check("b.x < b.y[0]", item));
  EXPECT_FALSE(Check("b.z < b.y[100]", item));
  names_ = {{"#name1", "and"}, {"#name2", "or"}};
  values_ = {{":two", N("2")}};
  EXPECT_TRUE(Check("#name1.#name2 = :two", item));
}

TEST_F(ParsedConditionTest, BooleanLogicAndPrecedence) {
  const Item item = {{"a", N("1")}, {"b", N("2")}, {"c", N("3")}};
  EXPECT_TRUE(Check("a < b AND b < c", item));
  EXPECT_TRUE(Check("a < b aNd b < c", item));
  EXPECT_FALSE(Check("a < b AND c < b", item));
  EXPECT_TRUE(Check("a < b OR b < c", item));
  EXPECT_TRUE(Check("b < a OR b < c", item));
  EXPECT_FALSE(Check("b < a OR c < b", item));
  EXPECT_TRUE(Check("NOT b < a", item));
  EXPECT_FALSE(Check("NOT a < b", item));
  EXPECT_TRUE(Check("NOT NOT NOT NOT a < b", item));
  EXPECT_TRUE(Check("(a < b OR b < a) AND (b < c AND (a < b OR b < c))", item));
  EXPECT_TRUE(Check("a < b OR c < b AND b < c", item));
  EXPECT_FALSE(Check("NOT a < b AND c < b", item));
  EXPECT_TRUE(Check("b BETWEEN a AND c AND a < b", item));
}

TEST_F(ParsedConditionTest, KeyIdioms) {
  // Create-if-absent: "p <> :p" and attribute_not_exists(p) hold only
  // while no item has the key.
  values_ = {{":p", S("key")}};
  EXPECT_TRUE(Check("p <> :p", Item()));
  EXPECT_FALSE(Check("p <> :p", {{"p", S("key")}}));
  values_.clear();
  EXPECT_TRUE(Check("attribute_not_exists(p)", Item()));
  EXPECT_FALSE(Check("attribute_not_exists(p)", {{"p", S("key")}}));
}

TEST_F(ParsedConditionTest, FilterExpressionsEvaluateAlike) {
  values_ = {{":v", N("3")}};
  EXPECT_TRUE(Check("i = :v", {{"i", N("3")}}, ExpressionKind::kFilter));
  EXPECT_TRUE(Check("r <> :v", {{"i", N("3")}}, ExpressionKind::kFilter));
  EXPECT_FALSE(Check("size(i) < :v", {{"i", N("3")}}, ExpressionKind::kFilter));
  EXPECT_FALSE(Check("size(i) >= :v", {{"i", N("3")}}, ExpressionKind::kFilter));
}

}  // namespace
}  // namespace lmddb::expr
