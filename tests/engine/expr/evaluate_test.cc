// Condition evaluation (engine/expr/evaluate.h) on hand-built syntax trees,
// against items in their stored encoding. Expected results follow
// DynamoDB's behaviour as recorded by tests that ran against it
// (Alternator's test_condition_expression.py, test_filter_expression.py).
#include "engine/expr/evaluate.h"

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ast_builders.h"
#include "expr_test_util.h"
#include "gtest/gtest.h"

namespace lmddb::expr {
namespace {

using namespace expr_test;  // NOLINT
using Kind = Condition::Kind;

constexpr Comparator kEq = Comparator::kEq;
constexpr Comparator kNe = Comparator::kNe;
constexpr Comparator kLt = Comparator::kLt;
constexpr Comparator kLe = Comparator::kLe;
constexpr Comparator kGt = Comparator::kGt;
constexpr Comparator kGe = Comparator::kGe;
constexpr Comparator kAllComparators[] = {kEq, kNe, kLt, kLe, kGt, kGe};

// One value of each of the ten types.
std::vector<AttributeValue> OneOfEachType() {
  return {S("hello"),      N("42"),           B(std::string("\x01\xff", 2)), Bool(true),
          Null(),          L({S("x"), N("1")}), M({{"k", S("v")}}),        SS({"a", "b"}),
          NS({"1", "2"}),  BS({"x", "y"})};
}

class EvaluateTest : public ::testing::Test {
 protected:
  // An ExpressionAttributeValues operand; the value lives as long as the
  // test (operands point at it, as at a request's values).
  Operand V(AttributeValue v) { return values_.V(std::move(v)); }

  // Evaluates against `item` stored; fails the test on an error.
  bool Eval(const Condition& c, const Item& item) {
    EncodedItem encoded(item);
    StatusOr<bool> result = Evaluate(c, encoded.view());
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return result.ok() && *result;
  }

  ValueStore values_;
};

TEST_F(EvaluateTest, EqualityHoldsOnlyForTheSameTypeAndValue) {
  const std::vector<AttributeValue> values = OneOfEachType();
  for (size_t i = 0; i < values.size(); ++i) {
    const Item item = {{"a", values[i]}, {"b", values[i]}};
    for (size_t j = 0; j < values.size(); ++j) {
      SCOPED_TRACE(testing::Message() << "stored " << TypeName(values[i].type()) << ", operand "
                                      << TypeName(values[j].type()));
      const bool same = i == j;
      EXPECT_EQ(Eval(Cmp(At("a"), kEq, V(values[j])), item), same);
      EXPECT_EQ(Eval(Cmp(V(values[j]), kEq, At("a")), item), same);
      EXPECT_EQ(Eval(Cmp(At("a"), kNe, V(values[j])), item), !same);
      // A path on both sides, and a value on both sides.
      EXPECT_EQ(Eval(Cmp(V(values[i]), kEq, V(values[j])), item), same);
    }
    EXPECT_TRUE(Eval(Cmp(At("a"), kEq, At("b")), item));
    EXPECT_FALSE(Eval(Cmp(At("a"), kNe, At("b")), item));
  }
}

TEST_F(EvaluateTest, EqualityOfSameTypeDifferentValues) {
  const Item item = {{"s", S("cat")},           {"n", N("1")},        {"b", B("ab")},
                     {"t", Bool(true)},         {"l", L({N("1"), N("2")})},
                     {"m", M({{"x", N("1")}})}, {"ss", SS({"a"})},    {"ns", NS({"1"})},
                     {"bs", BS({"a"})}};
  EXPECT_FALSE(Eval(Cmp(At("s"), kEq, V(S("dog"))), item));
  EXPECT_FALSE(Eval(Cmp(At("n"), kEq, V(N("2"))), item));
  EXPECT_FALSE(Eval(Cmp(At("b"), kEq, V(B("abc"))), item));
  EXPECT_FALSE(Eval(Cmp(At("t"), kEq, V(Bool(false))), item));
  EXPECT_TRUE(Eval(Cmp(At("t"), kNe, V(Bool(false))), item));
  // List order matters; map keys and values must all match.
  EXPECT_FALSE(Eval(Cmp(At("l"), kEq, V(L({N("2"), N("1")}))), item));
  EXPECT_FALSE(Eval(Cmp(At("l"), kEq, V(L({N("1")}))), item));
  EXPECT_FALSE(Eval(Cmp(At("m"), kEq, V(M({{"x", N("2")}}))), item));
  EXPECT_FALSE(Eval(Cmp(At("m"), kEq, V(M({{"y", N("1")}}))), item));
  EXPECT_FALSE(Eval(Cmp(At("m"), kEq, V(M({{"x", N("1")}, {"y", N("1")}}))), item));
  EXPECT_FALSE(Eval(Cmp(At("ss"), kEq, V(SS({"a", "b"}))), item));
  EXPECT_FALSE(Eval(Cmp(At("ns"), kEq, V(NS({"2"}))), item));
  EXPECT_FALSE(Eval(Cmp(At("bs"), kEq, V(BS({"b"}))), item));
  EXPECT_TRUE(Eval(Cmp(At("bs"), kNe, V(BS({"b"}))), item));
}

TEST_F(EvaluateTest, OrderingExistsOnlyBetweenEqualValuesOfSNB) {
  // Same value on both sides: <= and >= hold for S, N, B only; < and >
  // never. Every other pair of types is unordered: all four are false.
  const std::vector<AttributeValue> values = OneOfEachType();
  for (size_t i = 0; i < values.size(); ++i) {
    const Item item = {{"a", values[i]}};
    const AttributeValue::Type t = values[i].type();
    const bool ordered = t == AttributeValue::Type::kS || t == AttributeValue::Type::kN ||
                         t == AttributeValue::Type::kB;
    for (size_t j = 0; j < values.size(); ++j) {
      SCOPED_TRACE(testing::Message() << TypeName(t) << " vs " << TypeName(values[j].type()));
      const bool equal_ordered = ordered && i == j;
      EXPECT_FALSE(Eval(Cmp(At("a"), kLt, V(values[j])), item));
      EXPECT_FALSE(Eval(Cmp(At("a"), kGt, V(values[j])), item));
      EXPECT_EQ(Eval(Cmp(At("a"), kLe, V(values[j])), item), equal_ordered);
      EXPECT_EQ(Eval(Cmp(At("a"), kGe, V(values[j])), item), equal_ordered);
    }
  }
}

TEST_F(EvaluateTest, OrderingWithinStringsNumbersAndBinary) {
  const Item item = {{"s", S("cat")}, {"n", N("1")}, {"b", B("cat")}};
  EXPECT_TRUE(Eval(Cmp(At("s"), kLt, V(S("dog"))), item));
  EXPECT_FALSE(Eval(Cmp(At("s"), kLt, V(S("cat"))), item));
  EXPECT_FALSE(Eval(Cmp(At("s"), kLt, V(S("aardvark"))), item));
  EXPECT_TRUE(Eval(Cmp(At("s"), kLt, V(S("cats"))), item));  // a prefix sorts first
  EXPECT_TRUE(Eval(Cmp(At("s"), kGt, V(S("ca"))), item));
  EXPECT_TRUE(Eval(Cmp(At("n"), kLt, V(N("2"))), item));
  EXPECT_TRUE(Eval(Cmp(At("n"), kGe, V(N("0"))), item));
  EXPECT_FALSE(Eval(Cmp(At("n"), kGt, V(N("1"))), item));
  EXPECT_TRUE(Eval(Cmp(At("b"), kLe, V(B("dog"))), item));
  EXPECT_FALSE(Eval(Cmp(At("b"), kGt, V(B("dog"))), item));
  // The value may be on the left.
  EXPECT_TRUE(Eval(Cmp(V(N("0")), kLt, At("n")), item));
  EXPECT_FALSE(Eval(Cmp(V(N("0")), kGt, At("n")), item));
  // Different types are unordered, whatever the text looks like.
  EXPECT_FALSE(Eval(Cmp(At("n"), kLt, V(S("17"))), item));
  EXPECT_FALSE(Eval(Cmp(At("n"), kGe, V(S("0"))), item));
  EXPECT_FALSE(Eval(Cmp(At("s"), kLe, V(B("cat"))), item));
}

TEST_F(EvaluateTest, NumbersCompareNumerically) {
  const Item item = {{"hundred", N("100")}, {"neg", N("-5")}, {"big", N("1e125")},
                     {"tiny", N("1e-130")}, {"long", N("12345678901234567890123456789012345678")}};
  EXPECT_TRUE(Eval(Cmp(At("hundred"), kEq, V(N("1e2"))), item));
  EXPECT_TRUE(Eval(Cmp(At("hundred"), kEq, V(N("100.000"))), item));
  EXPECT_TRUE(Eval(Cmp(At("hundred"), kEq, V(N("0.1E3"))), item));
  EXPECT_FALSE(Eval(Cmp(At("hundred"), kNe, V(N("1e2"))), item));
  EXPECT_TRUE(Eval(Cmp(At("hundred"), kGt, V(N("99.999999999999999999999999999999999999"))), item));
  EXPECT_TRUE(Eval(Cmp(At("hundred"), kGt, V(N("9"))), item));  // not text order
  EXPECT_TRUE(Eval(Cmp(At("neg"), kLt, V(N("-1"))), item));
  EXPECT_TRUE(Eval(Cmp(At("neg"), kGt, V(N("-10"))), item));
  EXPECT_TRUE(Eval(Cmp(At("neg"), kLt, V(N("0"))), item));
  EXPECT_TRUE(Eval(Cmp(At("big"), kGt, V(N("9.99e124"))), item));
  EXPECT_TRUE(Eval(Cmp(At("big"), kEq, V(N("10e124"))), item));
  EXPECT_TRUE(Eval(Cmp(At("tiny"), kGt, V(N("0"))), item));
  EXPECT_TRUE(Eval(Cmp(At("tiny"), kLt, V(N("1e-129"))), item));
  EXPECT_TRUE(Eval(Cmp(At("long"), kLt, V(N("12345678901234567890123456789012345679"))), item));
  EXPECT_TRUE(Eval(Cmp(At("long"), kGt, V(N("1.2345678901234567890123456789012345677e37"))), item));
}

TEST_F(EvaluateTest, BytesAndStringsCompareAsUnsignedBytes) {
  const Item item = {{"hi", B("\xff")}, {"b7f", B("\x7f")}, {"accent", S("\xc3\xa9")}};
  EXPECT_TRUE(Eval(Cmp(At("hi"), kGt, V(B("\x01"))), item));
  EXPECT_TRUE(Eval(Cmp(At("b7f"), kLt, V(B("\x80"))), item));
  EXPECT_TRUE(Eval(Cmp(At("b7f"), kLe, V(B("\x80"))), item));
  EXPECT_TRUE(Eval(Between(At("b7f"), V(B("\x7e")), V(B("\x80"))), item));
  // UTF-8 bytes: "é" (C3 A9) sorts after "z" (7A).
  EXPECT_TRUE(Eval(Cmp(At("accent"), kGt, V(S("z"))), item));
}

TEST_F(EvaluateTest, MissingAttributesAreUnequalToEverything) {
  const Item item = {{"a", N("1")}};
  for (Comparator op : kAllComparators) {
    const bool expected = op == kNe;
    EXPECT_EQ(Eval(Cmp(At("q"), op, V(N("1"))), item), expected);
    EXPECT_EQ(Eval(Cmp(V(N("1")), op, At("q")), item), expected);
    // Two missing attributes are not equal to each other either.
    EXPECT_EQ(Eval(Cmp(At("q"), op, At("z")), item), expected);
    EXPECT_EQ(Eval(Cmp(At("q"), op, At("z")), Item()), expected);
  }
  EXPECT_FALSE(Eval(Between(At("q"), At("z"), At("x")), item));
}

TEST_F(EvaluateTest, MissingItemIsEmpty) {
  // ItemView(): what a condition sees when no item has the key.
  auto eval = [](const Condition& c) {
    StatusOr<bool> r = Evaluate(c, value::ItemView());
    EXPECT_TRUE(r.ok());
    return r.ok() && *r;
  };
  EXPECT_TRUE(eval(Fn(Kind::kAttributeNotExists, At("p"))));
  EXPECT_FALSE(eval(Fn(Kind::kAttributeExists, At("p"))));
  EXPECT_TRUE(eval(Cmp(At("p"), kNe, V(S("x")))));
  EXPECT_FALSE(eval(Cmp(At("p"), kEq, V(S("x")))));
  EXPECT_FALSE(eval(Fn(Kind::kContains, At("p"), V(S("x")))));
  EXPECT_TRUE(eval(Cmp(V(S("x")), kEq, V(S("x")))));
}

TEST_F(EvaluateTest, SetsCompareAsSets) {
  const Item item = {{"ss", SS({"dog", "chinchilla", "cat"})},
                     {"ns", NS({"1", "2.5", "-3"})},
                     {"bs", BS({"\x01", "\xff"})},
                     {"ns_copy", NS({"-3e0", "25e-1", "1.0"})}};
  EXPECT_TRUE(Eval(Cmp(At("ss"), kEq, V(SS({"cat", "dog", "chinchilla"}))), item));
  EXPECT_FALSE(Eval(Cmp(At("ss"), kEq, V(SS({"cat", "dog"}))), item));
  EXPECT_FALSE(Eval(Cmp(At("ss"), kEq, V(SS({"cat", "dog", "mouse"}))), item));
  // NS members compare numerically: 1 = 1.0, 2.5 = 25e-1.
  EXPECT_TRUE(Eval(Cmp(At("ns"), kEq, V(NS({"2.50", "-3", "1.0"}))), item));
  EXPECT_TRUE(Eval(Cmp(At("ns"), kEq, At("ns_copy")), item));
  EXPECT_FALSE(Eval(Cmp(At("ns"), kNe, At("ns_copy")), item));
  EXPECT_TRUE(Eval(Cmp(At("bs"), kEq, V(BS({"\xff", "\x01"}))), item));
  // A set never equals a set of another type, nor a list of its members.
  EXPECT_FALSE(Eval(Cmp(At("ss"), kEq, V(BS({"cat", "dog", "chinchilla"}))), item));
  EXPECT_FALSE(Eval(Cmp(At("ns"), kEq, V(L({N("1"), N("2.5"), N("-3")}))), item));
}

TEST_F(EvaluateTest, NestedDocumentsCompareDeeply) {
  const Item item = {{"doc", M({{"l", L({N("1"), M({{"tags", SS({"a", "b"})}, {"n", N("10")}})})},
                                {"s", S("x")}})}};
  EXPECT_TRUE(
      Eval(Cmp(At("doc"), kEq,
               V(M({{"s", S("x")},
                    {"l", L({N("1.0"), M({{"n", N("1e1")}, {"tags", SS({"b", "a"})}})})}}))),
           item));
  EXPECT_FALSE(Eval(
      Cmp(At("doc"), kEq,
          V(M({{"s", S("x")}, {"l", L({N("1"), M({{"n", N("10")}, {"tags", SS({"a", "c"})}})})}}))),
      item));
  // Maps in lists in maps, addressed directly.
  EXPECT_TRUE(Eval(Cmp(At("doc.l[1].n"), kEq, V(N("10"))), item));
  EXPECT_TRUE(Eval(Cmp(At("doc.l[1].tags"), kEq, V(SS({"b", "a"}))), item));
  EXPECT_TRUE(Eval(Cmp(At("doc.l[0]"), kLt, At("doc.l[1].n")), item));
  EXPECT_TRUE(
      Eval(Cmp(At("doc.l[1]"), kEq, V(M({{"tags", SS({"a", "b"})}, {"n", N("10")}}))), item));
  EXPECT_FALSE(Eval(Cmp(At("doc.l[2].n"), kEq, V(N("10"))), item));
}

TEST_F(EvaluateTest, BetweenIsInclusive) {
  const Item item = {{"n", N("5")}, {"s", S("cat")}, {"b", B("cat")},
                     {"lo", N("0")}, {"hi", N("10")}, {"l", L({N("1")})}};
  EXPECT_TRUE(Eval(Between(At("n"), V(N("1")), V(N("10"))), item));
  EXPECT_TRUE(Eval(Between(At("n"), V(N("5")), V(N("10"))), item));
  EXPECT_TRUE(Eval(Between(At("n"), V(N("1")), V(N("5"))), item));
  EXPECT_TRUE(Eval(Between(At("n"), V(N("5")), V(N("5.0"))), item));  // equal bounds
  EXPECT_FALSE(Eval(Between(At("n"), V(N("6")), V(N("10"))), item));
  EXPECT_FALSE(Eval(Between(At("n"), V(N("1")), V(N("4.99"))), item));
  EXPECT_TRUE(Eval(Between(At("n"), At("lo"), At("hi")), item));  // all from the item
  EXPECT_TRUE(Eval(Between(At("s"), V(S("aardvark")), V(S("dog"))), item));
  EXPECT_TRUE(Eval(Between(At("s"), V(S("cat")), V(S("cat"))), item));
  EXPECT_FALSE(Eval(Between(At("s"), V(S("dog")), V(S("zebra"))), item));
  EXPECT_TRUE(Eval(Between(At("b"), V(B("aardvark")), V(B("dog"))), item));
  // Bounds in the wrong order select nothing (when they come from the
  // item; constant bounds are checked by the parser).
  EXPECT_FALSE(Eval(Between(At("n"), At("hi"), At("lo")), item));
  // Mixed types: false, never an error.
  EXPECT_FALSE(Eval(Between(At("n"), V(S("0")), V(S("9"))), item));
  EXPECT_FALSE(Eval(Between(At("n"), V(N("0")), V(S("9"))), item));
  EXPECT_FALSE(Eval(Between(At("n"), V(S("0")), V(N("9"))), item));
  EXPECT_FALSE(Eval(Between(At("s"), V(B("a")), V(B("z"))), item));
  EXPECT_FALSE(Eval(Between(At("l"), At("l"), At("l")), item));  // lists are unordered
  EXPECT_FALSE(Eval(Between(At("n"), At("missing"), V(N("9"))), item));
  EXPECT_FALSE(Eval(Between(At("n"), V(N("0")), At("missing")), item));
}

TEST_F(EvaluateTest, InMatchesAnyCandidate) {
  const Item item = {{"a", N("74")}, {"s", SS({"x", "y"})}, {"j", N("74")}};
  EXPECT_TRUE(Eval(In(At("a"), V(N("1")), V(N("74")), V(N("3"))), item));
  EXPECT_TRUE(Eval(In(At("a"), V(N("7.4e1"))), item));
  EXPECT_FALSE(Eval(In(At("a"), V(N("1")), V(N("174"))), item));
  // Candidates of several types are fine; only an equal one matches.
  EXPECT_TRUE(Eval(In(At("a"), V(S("dog")), V(N("74"))), item));
  EXPECT_FALSE(Eval(In(At("a"), V(S("74")), V(B("74"))), item));
  // Candidates may be item attributes, missing ones are skipped.
  EXPECT_TRUE(Eval(In(At("a"), At("missing"), At("j")), item));
  EXPECT_FALSE(Eval(In(At("a"), At("missing")), item));
  EXPECT_TRUE(Eval(In(At("s"), V(SS({"y", "x"}))), item));
  EXPECT_FALSE(Eval(In(At("missing"), V(N("74")), At("missing2")), item));
  EXPECT_TRUE(Eval(In(SizeOf("s"), V(N("1")), V(N("2"))), item));
}

TEST_F(EvaluateTest, AndOrNot) {
  const Item item = {{"a", N("1")}, {"b", N("2")}, {"c", N("3")}};
  auto lt = [&](const char* x, const char* y) { return Cmp(At(x), kLt, At(y)); };
  EXPECT_TRUE(Eval(Logic(Kind::kAnd, lt("a", "b"), lt("b", "c")), item));
  EXPECT_FALSE(Eval(Logic(Kind::kAnd, lt("a", "b"), lt("c", "b")), item));
  EXPECT_FALSE(Eval(Logic(Kind::kAnd, lt("b", "a"), lt("b", "c")), item));
  EXPECT_TRUE(Eval(Logic(Kind::kOr, lt("b", "a"), lt("b", "c")), item));
  EXPECT_TRUE(Eval(Logic(Kind::kOr, lt("a", "b"), lt("c", "b")), item));
  EXPECT_FALSE(Eval(Logic(Kind::kOr, lt("b", "a"), lt("c", "b")), item));
  EXPECT_TRUE(Eval(Not(lt("b", "a")), item));
  EXPECT_FALSE(Eval(Not(lt("a", "b")), item));
  EXPECT_TRUE(Eval(Not(Not(Not(Not(lt("a", "b"))))), item));
  // NOT of a comparison with a missing attribute is true.
  EXPECT_TRUE(Eval(Not(Cmp(At("q"), kEq, V(N("1")))), item));
  // (a < b OR b < a) AND (b < c AND (a < b OR b < c))
  EXPECT_TRUE(
      Eval(Logic(Kind::kAnd, Logic(Kind::kOr, lt("a", "b"), lt("b", "a")),
                 Logic(Kind::kAnd, lt("b", "c"), Logic(Kind::kOr, lt("a", "b"), lt("b", "c")))),
           item));
}

TEST_F(EvaluateTest, LongChainsOfNotAndOrAnd) {
  const Item item = {{"a", N("1")}};
  Condition nots = Cmp(At("a"), kEq, V(N("1")));
  for (int i = 0; i < 1001; ++i) nots = Not(std::move(nots));
  EXPECT_FALSE(Eval(nots, item));  // an odd number of NOTs
  // a = 1 AND (a = 1 AND (... AND a = 2)), associated to the right as the
  // parser builds it.
  Condition ands = Cmp(At("a"), kEq, V(N("2")));
  for (int i = 0; i < 1000; ++i)
    ands = Logic(Kind::kAnd, Cmp(At("a"), kEq, V(N("1"))), std::move(ands));
  EXPECT_FALSE(Eval(ands, item));
  Condition ors = Cmp(At("a"), kEq, V(N("1")));
  for (int i = 0; i < 1000; ++i)
    ors = Logic(Kind::kOr, Cmp(At("a"), kEq, V(N("2"))), std::move(ors));
  EXPECT_TRUE(Eval(ors, item));
  EXPECT_FALSE(Eval(Not(std::move(ors)), item));
}

TEST_F(EvaluateTest, AttributeExistsOnNestedPathsAndListIndexes) {
  const Item item = {{"a", M({{"b", N("1")}, {"l", L({S("x"), S("y"), S("z")})}, {"n", Null()}})},
                     {"top", L({M({{"k", S("v")}})})}};
  const auto exists = [&](const char* path) {
    const bool yes = Eval(Fn(Kind::kAttributeExists, At(path)), item);
    EXPECT_NE(yes, Eval(Fn(Kind::kAttributeNotExists, At(path)), item)) << path;
    return yes;
  };
  EXPECT_TRUE(exists("a"));
  EXPECT_TRUE(exists("a.b"));
  EXPECT_TRUE(exists("a.n"));  // a NULL value exists
  EXPECT_TRUE(exists("a.l[0]"));
  EXPECT_TRUE(exists("a.l[2]"));
  EXPECT_FALSE(exists("a.l[3]"));
  EXPECT_FALSE(exists("a.l[4294967295]"));
  EXPECT_TRUE(exists("top[0].k"));
  EXPECT_FALSE(exists("top[0].q"));
  EXPECT_FALSE(exists("top[1].k"));
  EXPECT_FALSE(exists("a.c"));
  EXPECT_FALSE(exists("a.b.c"));   // name step on a number
  EXPECT_FALSE(exists("a.b[0]"));  // index step on a number
  EXPECT_FALSE(exists("a[0]"));    // index step on a map
  EXPECT_FALSE(exists("a.l.x"));   // name step on a list
  EXPECT_FALSE(exists("zzz.b"));
}

TEST_F(EvaluateTest, AttributeTypeNamesEachType) {
  const std::vector<AttributeValue> values = OneOfEachType();
  Item item;
  for (size_t i = 0; i < values.size(); ++i) item.emplace("a" + std::to_string(i), values[i]);
  const char* const names[] = {"S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS"};
  for (size_t i = 0; i < values.size(); ++i) {
    for (size_t j = 0; j < std::size(names); ++j) {
      EXPECT_EQ(Eval(Fn(Kind::kAttributeType, At("a" + std::to_string(i)), V(S(names[j]))), item),
                i == j)
          << TypeName(values[i].type()) << " is " << names[j];
    }
  }
  EXPECT_FALSE(Eval(Fn(Kind::kAttributeType, At("missing"), V(S("NULL"))), item));
  // Names are exact: no lower case, no unknown names.
  EXPECT_FALSE(Eval(Fn(Kind::kAttributeType, At("a0"), V(S("s"))), item));
  EXPECT_FALSE(Eval(Fn(Kind::kAttributeType, At("a0"), V(S("STRING"))), item));
  // The first operand may be a value, too.
  EXPECT_TRUE(Eval(Fn(Kind::kAttributeType, V(N("0")), V(S("N"))), item));
}

TEST_F(EvaluateTest, BeginsWithOnStringsAndBinary) {
  const Item item = {{"s", S("hello")}, {"b", B("hi there")}, {"n", N("123")},
                     {"ss", SS({"hello"})}, {"p", S("he")}};
  EXPECT_TRUE(Eval(Fn(Kind::kBeginsWith, At("s"), V(S("hell"))), item));
  EXPECT_TRUE(Eval(Fn(Kind::kBeginsWith, At("s"), V(S("hello"))), item));
  EXPECT_FALSE(Eval(Fn(Kind::kBeginsWith, At("s"), V(S("hello!"))), item));
  EXPECT_FALSE(Eval(Fn(Kind::kBeginsWith, At("s"), V(S("dog"))), item));
  EXPECT_FALSE(Eval(Fn(Kind::kBeginsWith, At("s"), V(S("ello"))), item));
  EXPECT_TRUE(Eval(Fn(Kind::kBeginsWith, At("b"), V(B("hi"))), item));
  // Type mismatches and unsupported types are false.
  EXPECT_FALSE(Eval(Fn(Kind::kBeginsWith, At("s"), V(B("he"))), item));
  EXPECT_FALSE(Eval(Fn(Kind::kBeginsWith, At("b"), V(S("hi"))), item));
  EXPECT_FALSE(Eval(Fn(Kind::kBeginsWith, At("n"), V(S("12"))), item));
  EXPECT_FALSE(Eval(Fn(Kind::kBeginsWith, At("ss"), V(S("he"))), item));
  EXPECT_FALSE(Eval(Fn(Kind::kBeginsWith, At("missing"), V(S("he"))), item));
  // Either side may be an attribute or a value.
  EXPECT_TRUE(Eval(Fn(Kind::kBeginsWith, At("s"), At("p")), item));
  EXPECT_TRUE(Eval(Fn(Kind::kBeginsWith, V(S("hellohi")), At("s")), item));
  EXPECT_FALSE(Eval(Fn(Kind::kBeginsWith, At("s"), At("missing")), item));
}

TEST_F(EvaluateTest, ContainsSubstringsMembersAndElements) {
  const Item item = {
      {"s", S("hello")},
      {"b", B("hi there")},
      {"ss", SS({"dog", "cat"})},
      {"ns", NS({"2", "4", "7"})},
      {"bs", BS({"\x01", "\xff"})},
      {"l", L({S("hi"), N("4"), NS({"1", "2"}), L({N("3"), N("4")}), Bool(true), Null()})},
      {"m", M({{"k", S("v")}})},
      {"n", N("42")},
      {"t", Bool(true)}};
  auto contains = [&](const char* path, AttributeValue operand) {
    return Eval(Fn(Kind::kContains, At(path), V(std::move(operand))), item);
  };
  EXPECT_TRUE(contains("s", S("ell")));
  EXPECT_TRUE(contains("s", S("hello")));
  EXPECT_FALSE(contains("s", S("hello!")));
  EXPECT_FALSE(contains("s", B("ell")));
  EXPECT_TRUE(contains("b", B("here")));
  EXPECT_FALSE(contains("b", B("dog")));
  EXPECT_FALSE(contains("b", S("here")));
  EXPECT_TRUE(contains("ss", S("cat")));
  EXPECT_FALSE(contains("ss", S("ca")));  // members, not substrings
  EXPECT_FALSE(contains("ss", N("1")));
  EXPECT_FALSE(contains("ss", SS({"cat"})));  // not a subset test
  EXPECT_FALSE(contains("ss", SS({"dog", "cat"})));
  EXPECT_TRUE(contains("ns", N("4")));
  EXPECT_TRUE(contains("ns", N("4.0")));
  EXPECT_TRUE(contains("ns", N("0.7e1")));
  EXPECT_FALSE(contains("ns", N("5")));
  EXPECT_FALSE(contains("ns", S("4")));
  EXPECT_TRUE(contains("bs", B("\xff")));
  EXPECT_FALSE(contains("bs", S("\xff")));
  // List elements of any type, with DynamoDB equality.
  EXPECT_TRUE(contains("l", S("hi")));
  EXPECT_FALSE(contains("l", S("h")));
  EXPECT_TRUE(contains("l", N("4.00")));
  EXPECT_TRUE(contains("l", NS({"2", "1"})));
  EXPECT_TRUE(contains("l", L({N("3"), N("4")})));
  EXPECT_FALSE(contains("l", L({N("4"), N("3")})));
  EXPECT_TRUE(contains("l", Bool(true)));
  EXPECT_FALSE(contains("l", Bool(false)));
  EXPECT_TRUE(contains("l", Null()));
  // Maps, numbers and booleans contain nothing.
  EXPECT_FALSE(contains("m", S("k")));
  EXPECT_FALSE(contains("m", S("v")));
  EXPECT_FALSE(contains("n", N("42")));
  EXPECT_FALSE(contains("n", N("4")));
  EXPECT_FALSE(contains("t", Bool(true)));
  EXPECT_FALSE(contains("missing", S("x")));
  EXPECT_FALSE(Eval(Fn(Kind::kContains, At("s"), At("missing")), item));
  // Both operands may come from the item.
  EXPECT_TRUE(Eval(Fn(Kind::kContains, At("l"), At("l[3]")), item));
  // Sets have no indexes: ns[1] does not resolve.
  EXPECT_FALSE(Eval(Fn(Kind::kContains, At("l"), At("ns[1]")), item));
}

TEST_F(EvaluateTest, SizeOfEachType) {
  const Item item = {{"s", S("hello")},
                     {"utf8", S("\xc3\xa9t\xc3\xa9")},  // "été": 3 characters, 5 bytes
                     {"empty", S("")},
                     {"b", B("hi there")},
                     {"ns", NS({"2", "4", "7"})},
                     {"ss", SS({"a", "b"})},
                     {"bs", BS({"x"})},
                     {"l", L({N("2"), S("dog"), N("7")})},
                     {"el", L({})},
                     {"m", M({{"x", N("2")}, {"y", M({{"m", N("3")}, {"n", N("4")}})}})},
                     {"em", M({})},
                     {"doc", M({{"inner", L({N("1"), N("2")})}})}};
  auto size_is = [&](const char* path, const char* n) {
    return Eval(Cmp(SizeOf(path), kEq, V(N(n))), item);
  };
  EXPECT_TRUE(size_is("s", "5"));
  EXPECT_TRUE(size_is("utf8", "5"));
  EXPECT_TRUE(size_is("empty", "0"));
  EXPECT_TRUE(size_is("b", "8"));
  EXPECT_TRUE(size_is("ns", "3"));
  EXPECT_TRUE(size_is("ss", "2"));
  EXPECT_TRUE(size_is("bs", "1"));
  EXPECT_TRUE(size_is("l", "3"));
  EXPECT_TRUE(size_is("el", "0"));
  EXPECT_TRUE(size_is("m", "2"));  // top-level keys only
  EXPECT_TRUE(size_is("em", "0"));
  EXPECT_TRUE(size_is("doc.inner", "2"));
  EXPECT_TRUE(size_is("l[1]", "3"));
  EXPECT_FALSE(size_is("s", "4"));
  // size() compares as a number, with every comparator.
  EXPECT_TRUE(Eval(Cmp(SizeOf("s"), kNe, V(N("4"))), item));
  EXPECT_TRUE(Eval(Cmp(SizeOf("s"), kLt, V(N("7"))), item));
  EXPECT_TRUE(Eval(Cmp(SizeOf("s"), kLe, V(N("5"))), item));
  EXPECT_TRUE(Eval(Cmp(SizeOf("s"), kGt, V(N("2"))), item));
  EXPECT_TRUE(Eval(Cmp(SizeOf("s"), kGe, V(N("5.0"))), item));
  EXPECT_TRUE(Eval(Between(SizeOf("s"), V(N("1")), V(N("5"))), item));
  EXPECT_TRUE(Eval(Cmp(V(N("2")), kLt, SizeOf("l")), item));
  EXPECT_TRUE(Eval(Cmp(SizeOf("ns"), kEq, SizeOf("l")), item));
  // Compared with a non-number: false, not an error.
  EXPECT_FALSE(Eval(Cmp(SizeOf("s"), kEq, V(S("5"))), item));
  EXPECT_FALSE(Eval(Cmp(SizeOf("s"), kLt, V(S("dog"))), item));
}

TEST_F(EvaluateTest, SizeOfTypesWithoutSizeBehavesLikeAMissingValue) {
  // N, BOOL and NULL have no size: size() = anything and every ordering is
  // false (DynamoDB: "it's not >= 3 nor < 3"); like a missing attribute,
  // it is "not equal" to everything.
  const Item item = {{"n", N("5")}, {"t", Bool(true)}, {"z", Null()}};
  for (const char* path : {"n", "t", "z", "missing", "n.x"}) {
    SCOPED_TRACE(path);
    for (Comparator op : kAllComparators) {
      EXPECT_EQ(Eval(Cmp(SizeOf(path), op, V(N("1"))), item), op == kNe);
    }
    EXPECT_FALSE(Eval(Between(SizeOf(path), V(N("0")), V(N("100"))), item));
    EXPECT_FALSE(Eval(In(SizeOf(path), V(N("1"))), item));
    EXPECT_FALSE(Eval(Fn(Kind::kAttributeExists, SizeOf(path)), item));
  }
}

TEST_F(EvaluateTest, ValueOperandsAloneEvaluateToo) {
  // Conditions on constants only (e.g. `:a = :b`) need no item at all.
  EXPECT_TRUE(Eval(Cmp(V(S("x")), kEq, V(S("x"))), Item()));
  EXPECT_TRUE(Eval(Cmp(V(NS({"1", "2"})), kEq, V(NS({"2.0", "1"}))), Item()));
  EXPECT_TRUE(Eval(Fn(Kind::kContains, V(L({S("a")})), V(S("a"))), Item()));
  EXPECT_TRUE(Eval(Fn(Kind::kContains, V(SS({"a"})), V(S("a"))), Item()));
  EXPECT_TRUE(Eval(Fn(Kind::kContains, V(NS({"1"})), V(N("1.0"))), Item()));
  EXPECT_TRUE(Eval(Fn(Kind::kContains, V(BS({"a"})), V(B("a"))), Item()));
  EXPECT_TRUE(Eval(Between(V(N("2")), V(N("1")), V(N("3"))), Item()));
  // size(:value): the parser puts the operand in `left`.
  auto size_of = [&](AttributeValue v) {
    Operand o;
    o.kind = Operand::Kind::kSize;
    o.left = std::make_unique<Operand>(V(std::move(v)));
    return o;
  };
  EXPECT_TRUE(Eval(Cmp(size_of(S("four")), kEq, V(N("4"))), Item()));
  EXPECT_TRUE(Eval(Cmp(size_of(L({N("1"), N("2")})), kEq, V(N("2"))), Item()));
  EXPECT_FALSE(Eval(Cmp(size_of(N("4")), kEq, V(N("1"))), Item()));
}

// A stored item with a readable attribute "a" = S "x" and an attribute "z"
// whose value bytes are corrupt, and "m", an M whose body is corrupt.
// ItemView::Open checks only the framing of each top-level entry, so the
// corruption shows only when "z" or the inside of "m" is read.
std::string ItemWithCorruptValues() {
  std::string bytes;
  bytes += '\x01';                       // format version
  bytes += '\x03';                       // 3 attributes
  bytes += std::string("\x01" "a", 2);   // name "a"
  bytes += '\x01';                       // S
  bytes += std::string("\x01" "x", 2);   // "x"
  bytes += std::string("\x01" "m", 2);   // name "m"
  bytes += '\x07';                       // M
  bytes += std::string("\x02\x01\x05", 3);  // 2 body bytes: count 1, a name of 5 bytes missing
  bytes += std::string("\x01" "z", 2);   // name "z"
  bytes += '\x02';                       // N
  bytes += std::string("\x03\xff\xff\xff", 4);  // 3 bytes: an unterminated varint header
  return bytes;
}

TEST_F(EvaluateTest, UntouchedAttributesAreNeverDecoded) {
  const std::string bytes = ItemWithCorruptValues();
  StatusOr<value::ItemView> view = value::ItemView::Open(bytes);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  ASSERT_FALSE(value::DecodeItem(bytes).ok());
  auto eval = [&](const Condition& c) { return Evaluate(c, *view); };

  StatusOr<bool> r = eval(Cmp(At("a"), kEq, V(S("x"))));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(*r);
  // Existence and type need no decoding; a type mismatch settles = early.
  r = eval(Fn(Kind::kAttributeExists, At("z")));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(*r);
  r = eval(Fn(Kind::kAttributeType, At("z"), V(S("N"))));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(*r);
  r = eval(Cmp(At("z"), kEq, V(S("1"))));
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(*r);
  r = eval(Cmp(SizeOf("m"), kEq, V(N("1"))));  // the count alone
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(*r);
  // Short-circuit: the right side is never read.
  r = eval(Logic(Kind::kOr, Cmp(At("a"), kEq, V(S("x"))), Cmp(At("z"), kEq, V(N("1")))));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(*r);
  r = eval(Logic(Kind::kAnd, Cmp(At("a"), kEq, V(S("y"))), Cmp(At("z"), kEq, V(N("1")))));
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(*r);
}

TEST_F(EvaluateTest, CorruptValuesThatAreReadAreInternalErrors) {
  const std::string bytes = ItemWithCorruptValues();
  StatusOr<value::ItemView> view = value::ItemView::Open(bytes);
  ASSERT_TRUE(view.ok());
  std::vector<Condition> conditions;
  conditions.push_back(Cmp(At("z"), kEq, V(N("1"))));
  conditions.push_back(Cmp(At("z"), kLt, V(N("1"))));
  conditions.push_back(Fn(Kind::kContains, V(NS({"1"})), At("z")));
  conditions.push_back(Fn(Kind::kAttributeExists, At("m.k")));
  conditions.push_back(Cmp(At("m"), kEq, V(M({}))));
  conditions.push_back(
      Logic(Kind::kOr, Cmp(At("z"), kEq, V(N("1"))), Cmp(At("a"), kEq, V(S("x")))));
  for (const Condition& c : conditions) {
    StatusOr<bool> r = Evaluate(c, *view);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().type(), ErrorType::kInternalServerError);
    EXPECT_NE(r.status().message().find("Corrupt item encoding"), std::string::npos)
        << r.status().ToString();
  }
}

TEST_F(EvaluateTest, MalformedTreesAreInternalErrors) {
  Condition no_operands;
  no_operands.kind = Kind::kCompare;
  Condition lonely_and;
  lonely_and.kind = Kind::kAnd;
  lonely_and.left = std::make_unique<Condition>(Cmp(V(N("1")), kEq, V(N("1"))));
  Condition empty_not;
  empty_not.kind = Kind::kNot;
  for (const Condition* c : {&no_operands, &lonely_and, &empty_not}) {
    StatusOr<bool> r = Evaluate(*c, value::ItemView());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().type(), ErrorType::kInternalServerError);
  }
}

}  // namespace
}  // namespace lmddb::expr
