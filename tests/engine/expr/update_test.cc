// Tests for ApplyUpdate and UpdatedPaths (engine/expr/update.h) on
// hand-built syntax trees: SET and its operands, trees the parser would
// refuse, and UpdatedPaths. REMOVE, ADD, DELETE and list index interplay
// are tested on parsed text in update_parse_test.cc. Expected results and
// messages are DynamoDB's, as recorded by tests run against it
// (alternator's test_update_expression.py and test_returnvalues.py,
// dynalite's updateItem tests).
#include "engine/expr/update.h"

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

constexpr char kInvalidPath[] =
    "The document path provided in the update expression is invalid for update";
constexpr char kMissing[] =
    "The provided expression refers to an attribute that does not exist in the item";
constexpr char kBadType[] = "An operand in the update expression has an incorrect data type";
constexpr char kOverflow[] =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";
constexpr char kUnderflow[] =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";
constexpr char kTooManyDigits[] = "Attempting to store more than 38 significant digits in a Number";

// An UpdateExpression and the ExpressionAttributeValues it points into.
class Update {
 public:
  // A value operand; the builder keeps the value alive.
  Operand V(AttributeValue v) { return values_.V(std::move(v)); }
  Update& Set(std::string_view path, Operand value) {
    expr_.set.push_back({Path(path), std::move(value)});
    return *this;
  }
  Update& Set(std::string_view path, AttributeValue value) {
    return Set(path, V(std::move(value)));
  }
  Update& Remove(std::string_view path) {
    expr_.remove.push_back({Path(path)});
    return *this;
  }
  Update& Add(std::string_view path, AttributeValue value) {
    expr_.add.push_back({Path(path), values_.Keep(std::move(value))});
    return *this;
  }
  Update& Delete(std::string_view path, AttributeValue value) {
    expr_.del.push_back({Path(path), values_.Keep(std::move(value))});
    return *this;
  }
  UpdateExpression& expr() { return expr_; }
  const UpdateExpression& expr() const { return expr_; }

 private:
  ValueStore values_;
  UpdateExpression expr_;
};

// ---------------------------------------------------------------------------
// Running updates.

// Applies `update` to a copy of `item` and checks the result.
void ExpectResult(const Update& update, const Item& item, const Item& expected) {
  Item copy = item;
  const Status status = ApplyUpdate(update.expr(), &copy);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_TRUE(copy == expected) << "got " << Show(copy) << "\nwant " << Show(expected);
}

// Checks that `update` fails on `item` with a ValidationException carrying
// `message`, and leaves the item as it was.
void ExpectError(const Update& update, const Item& item, std::string_view message) {
  Item copy = item;
  const Status status = ApplyUpdate(update.expr(), &copy);
  ASSERT_FALSE(status.ok()) << "got " << Show(copy);
  EXPECT_EQ(status.type(), ErrorType::kValidation) << status.ToString();
  EXPECT_EQ(status.message(), message);
  EXPECT_TRUE(copy == item) << "changed to " << Show(copy);
}

// ---------------------------------------------------------------------------
// SET with plain values and paths.

TEST(UpdateSet, SetsTopLevelAttributes) {
  Update u;
  u.Set("b", N("4")).Set("c", S("x"));
  ExpectResult(u, It({{"a", S("hi")}}), It({{"a", S("hi")}, {"b", N("4")}, {"c", S("x")}}));
  ExpectResult(u, Item(), It({{"b", N("4")}, {"c", S("x")}}));
}

TEST(UpdateSet, OverwritesWithAnyType) {
  Update u;
  u.Set("a", L({N("1"), M({{"x", Null()}})}));
  ExpectResult(u, It({{"a", S("hi")}}), It({{"a", L({N("1"), M({{"x", Null()}})})}}));
}

TEST(UpdateSet, StoresEmptyListMapStringAndBinary) {
  Update u;
  u.Set("d", L({})).Set("e", M({})).Set("f", S("")).Set("g", B(""));
  ExpectResult(u, Item(), It({{"d", L({})}, {"e", M({})}, {"f", S("")}, {"g", B("")}}));
}

TEST(UpdateSet, CopiesAnAttribute) {
  Update u;
  u.Set("b", At("a"));
  ExpectResult(u, It({{"a", S("hello")}}), It({{"a", S("hello")}, {"b", S("hello")}}));
}

TEST(UpdateSet, SettingAnAttributeToItselfChangesNothing) {
  Update u;
  u.Set("a", At("a"));
  ExpectResult(u, It({{"a", S("hello")}}), It({{"a", S("hello")}}));
}

TEST(UpdateSet, CopyOfMissingAttributeFails) {
  Update u;
  u.Set("c", At("z"));
  ExpectError(u, It({{"a", S("hello")}}), kMissing);
  ExpectError(u, Item(), kMissing);
  Update self;
  self.Set("z", At("z"));
  ExpectError(self, It({{"a", S("hello")}}), kMissing);
}

TEST(UpdateSet, OperandsReadTheItemBeforeTheUpdate) {
  // "SET x = :v, y = x" fails when x did not exist before.
  Update u;
  u.Set("x", N("4")).Set("y", At("x"));
  ExpectError(u, It({{"a", S("hello")}}), kMissing);
  // And a swap works.
  Update swap;
  swap.Set("a", At("b")).Set("b", At("a"));
  ExpectResult(swap, It({{"a", N("1")}, {"b", N("2")}}), It({{"a", N("2")}, {"b", N("1")}}));
}

TEST(UpdateSet, CopiesNestedValues) {
  const Item item =
      It({{"a", M({{"b", N("3")},
                   {"c", L({S("hi"), M({{"x", M({{"y", L({N("3"), N("5"), N("7")})}})}})})}})}});
  Update u;
  u.Set("z", At("a.c[1].x.y[1]"));
  Item expected = item;
  expected["z"] = N("5");
  ExpectResult(u, item, expected);
  // A path through the wrong type, or past a list's end, is missing.
  for (const char* path : {"a.b.c", "a.c[2]", "a.c.x", "a[0]", "a.c[1].x.y[3]"}) {
    Update bad;
    bad.Set("z", At(path));
    ExpectError(bad, item, kMissing);
  }
}

TEST(UpdateSet, NestedMapMembers) {
  const Item item = It({{"a", M({{"b", N("3")}, {"c", N("4")}})}, {"d", N("5")}});
  Update replace;
  replace.Set("a.c", N("7"));
  ExpectResult(replace, item, It({{"a", M({{"b", N("3")}, {"c", N("7")}})}, {"d", N("5")}}));
  Update add;
  add.Set("a.e", S("new"));
  ExpectResult(add, item,
               It({{"a", M({{"b", N("3")}, {"c", N("4")}, {"e", S("new")}})}, {"d", N("5")}}));
  Update retype;
  retype.Set("a", M({{"c", M({{"one", N("1")}})}}));
  retype.Set("d", N("9"));
  ExpectResult(retype, item, It({{"a", M({{"c", M({{"one", N("1")}})}})}, {"d", N("9")}}));
}

TEST(UpdateSet, SeveralNestedWritesInOneUpdate) {
  // alternator test_update_expression_multi_nested.
  const Item item = It({{"a", M({{"x", N("3")}, {"y", N("4")}, {"c", M({{"y", N("3")}})}})},
                        {"b", M({{"x", N("1")}, {"y", N("2")}})}});
  Update u;
  u.Set("a.b", N("10")).Set("a.c.d", S("dog")).Set("b.x", N("17")).Remove("a.x").Remove("b.y");
  ExpectResult(
      u, item,
      It({{"a", M({{"y", N("4")}, {"b", N("10")}, {"c", M({{"y", N("3")}, {"d", S("dog")}})}})},
          {"b", M({{"x", N("17")}})}}));
}

TEST(UpdateSet, NestedPathNeedsAnExistingMap) {
  const Item item = It({{"a", S("hello")}, {"b", L({S("hi")})}, {"c", M({{"1", S("a")}})}});
  for (const char* path : {"a.c", "b.c", "z.c", "z.c.d", "c.1.x", "c.x.y"}) {
    Update u;
    u.Set(path, N("7"));
    ExpectError(u, item, kInvalidPath);
  }
  Update missing_item;
  missing_item.Set("c.c", N("7"));
  ExpectError(missing_item, Item(), kInvalidPath);
}

TEST(UpdateSet, DeepPathThroughMapsAndLists) {
  const Item item =
      It({{"a", M({{"b", N("3")},
                   {"c", L({S("hi"), M({{"x", M({{"y", L({N("3"), N("5"), N("7")})}})}})})}})}});
  Update u;
  u.Set("a.c[1].x.y[1]", N("9"));
  ExpectResult(
      u, item,
      It({{"a", M({{"b", N("3")},
                   {"c", L({S("hi"), M({{"x", M({{"y", L({N("3"), N("9"), N("7")})}})}})})}})}}));
}

// ---------------------------------------------------------------------------
// SET on list elements.

TEST(UpdateSetList, ReplacesFirstMiddleAndLastElements) {
  const Item item = It({{"a", L({S("one"), S("two"), S("three")})}});
  Update first;
  first.Set("a[0]", S("x"));
  ExpectResult(first, item, It({{"a", L({S("x"), S("two"), S("three")})}}));
  Update middle;
  middle.Set("a[1]", S("hello"));
  ExpectResult(middle, item, It({{"a", L({S("one"), S("hello"), S("three")})}}));
  Update last;
  last.Set("a[2]", N("3"));
  ExpectResult(last, item, It({{"a", L({S("one"), S("two"), N("3")})}}));
}

TEST(UpdateSetList, IndexPastTheEndAppends) {
  const Item item = It({{"a", L({S("one"), S("two"), S("three")})}});
  Update at_end;
  at_end.Set("a[3]", S("hello"));
  ExpectResult(at_end, item, It({{"a", L({S("one"), S("two"), S("three"), S("hello")})}}));
  Update far;
  far.Set("a[7]", S("hello"));
  ExpectResult(far, item, It({{"a", L({S("one"), S("two"), S("three"), S("hello")})}}));
  Update empty;
  empty.Set("a[5]", N("1"));
  ExpectResult(empty, It({{"a", L({})}}), It({{"a", L({N("1")})}}));
}

TEST(UpdateSetList, SeveralAppendsAreOrderedByIndex) {
  // alternator test_nested_attribute_update_array_out_of_bounds.
  Update u;
  u.Set("a[84]", S("a1")).Set("a[37]", S("a2")).Set("a[17]", S("a3")).Set("a[50]", S("a4"));
  ExpectResult(u, It({{"a", L({S("one"), S("two"), S("three"), S("hello")})}}),
               It({{"a", L({S("one"), S("two"), S("three"), S("hello"), S("a3"), S("a2"), S("a4"),
                            S("a1")})}}));
}

TEST(UpdateSetList, IndexNeedsAnExistingList) {
  const Item item = It({{"a", S("hello")}, {"m", M({{"0", N("1")}})}, {"s", SS({"x"})}});
  for (const char* path : {"a[0]", "b[0]", "m[0]", "s[0]", "a[0].x", "b[0][1]"}) {
    Update u;
    u.Set(path, N("7"));
    ExpectError(u, item, kInvalidPath);
  }
  Update missing_item;
  missing_item.Set("b[0]", N("7"));
  ExpectError(missing_item, Item(), kInvalidPath);
  // A name step on a list is just as invalid.
  Update name_on_list;
  name_on_list.Set("l.x", N("7"));
  ExpectError(name_on_list, It({{"l", L({N("1")})}}), kInvalidPath);
}

TEST(UpdateSetList, PathThroughAnElementPastTheEndIsInvalid) {
  Update u;
  u.Set("a[3].b", N("1"));
  ExpectError(u, It({{"a", L({M({}), M({})})}}), kInvalidPath);
}

// ---------------------------------------------------------------------------
// SET with + and -.

TEST(UpdateArithmetic, AddsAndSubtractsValues) {
  Update plus;
  plus.Set("b", Plus(plus.V(N("4")), plus.V(N("3"))));
  ExpectResult(plus, Item(), It({{"b", N("7")}}));
  Update minus;
  minus.Set("b", Minus(minus.V(N("5")), minus.V(N("2"))));
  ExpectResult(minus, Item(), It({{"b", N("3")}}));
}

TEST(UpdateArithmetic, ReadsAttributes) {
  // alternator test_update_expression_plus_rmw.
  Item item = It({{"a", N("2")}});
  Update a_plus;
  a_plus.Set("a", Plus(At("a"), a_plus.V(N("3"))));
  ExpectResult(a_plus, item, It({{"a", N("5")}}));
  Update plus_a;
  plus_a.Set("b", Plus(plus_a.V(N("1")), At("a")));
  ExpectResult(plus_a, item, It({{"a", N("2")}, {"b", N("3")}}));
  Update both;
  both.Set("a", Plus(At("b"), At("a")));
  ExpectResult(both, It({{"a", N("9")}, {"b", N("10")}}), It({{"a", N("19")}, {"b", N("10")}}));
  Update nested;
  nested.Set("nn", Minus(nested.V(N("7")), At("n.v")));
  ExpectResult(nested, It({{"n", M({{"v", N("2")}})}}),
               It({{"n", M({{"v", N("2")}})}, {"nn", N("5")}}));
}

TEST(UpdateArithmetic, IsExactDecimal) {
  Update u;
  u.Set("x", Plus(u.V(N("0.1")), u.V(N("0.2"))));
  Item item;
  ASSERT_TRUE(ApplyUpdate(u.expr(), &item).ok());
  EXPECT_EQ(item["x"].n().ToString(), "0.3");

  Update carry;
  carry.Set("x", Plus(carry.V(N("99999999999999999999999999999999999999")), carry.V(N("1"))));
  Item carried;
  ASSERT_TRUE(ApplyUpdate(carry.expr(), &carried).ok());
  EXPECT_EQ(carried["x"].n().ToString(), "100000000000000000000000000000000000000");

  Update tiny;
  tiny.Set("x", Minus(tiny.V(N("1")), tiny.V(N("0.00000000000000000000000000000000000001"))));
  Item small;
  ASSERT_TRUE(ApplyUpdate(tiny.expr(), &small).ok());
  EXPECT_EQ(small["x"].n().ToString(), "0.99999999999999999999999999999999999999");
}

TEST(UpdateArithmetic, NegativeResultsAndZero) {
  Update negative;
  negative.Set("x", Minus(At("a"), negative.V(N("5"))));
  ExpectResult(negative, It({{"a", N("3")}}), It({{"a", N("3")}, {"x", N("-2")}}));

  Update zero;
  zero.Set("x", Minus(At("a"), zero.V(N("1.50"))));
  Item item = It({{"a", N("1.5")}});
  ASSERT_TRUE(ApplyUpdate(zero.expr(), &item).ok());
  EXPECT_EQ(item["x"].n().ToString(), "0");
  EXPECT_FALSE(item["x"].n().negative());

  Update to_positive;
  to_positive.Set("x", Plus(to_positive.V(N("-2.5")), to_positive.V(N("3"))));
  ExpectResult(to_positive, Item(), It({{"x", N("0.5")}}));
}

TEST(UpdateArithmetic, OverflowUnderflowAndPrecisionErrors) {
  const std::string max = "9.9999999999999999999999999999999999999E+125";
  Update over;
  over.Set("x", Plus(At("a"), over.V(N(max))));
  ExpectError(over, It({{"a", N(max)}}), kOverflow);
  Update negative_over;
  negative_over.Set("x", Minus(negative_over.V(N("-" + max)), At("a")));
  ExpectError(negative_over, It({{"a", N("1E+125")}}), kOverflow);

  Update under;
  under.Set("x", Minus(under.V(N("2E-130")), under.V(N("1.9E-130"))));
  ExpectError(under, Item(), kUnderflow);

  Update digits;
  digits.Set("x", Plus(digits.V(N("1E+38")), digits.V(N("1"))));
  ExpectError(digits, Item(), kTooManyDigits);
}

TEST(UpdateArithmetic, NonNumberOperandsAreRejected) {
  const Item item = It({{"s", S("x")}, {"m", M({})}, {"ns", NS({"1"})}, {"n", N("1")}});
  Update left;
  left.Set("e", Plus(At("s"), left.V(N("1"))));
  ExpectError(left, item, kBadType);
  Update right;
  right.Set("e", Minus(right.V(N("1")), At("m")));
  ExpectError(right, item, kBadType);
  Update set;
  set.Set("e", Plus(At("n"), At("ns")));
  ExpectError(set, item, kBadType);
  Update missing;
  missing.Set("e", Plus(At("n"), At("zz")));
  ExpectError(missing, item, kMissing);
  // The left operand is checked before the right one is read.
  Update order;
  order.Set("e", Plus(At("s"), At("zz")));
  ExpectError(order, item, kBadType);
}

TEST(UpdateArithmetic, ValueOperandsOfTheWrongTypeFailBeforeReading) {
  Update u;
  u.Set("b", Plus(u.V(S("dog")), u.V(N("3"))));
  ExpectError(u, Item(),
              "Invalid UpdateExpression: Incorrect operand type for operator or function; "
              "operator or function: +, operand type: S");
  Update list;
  list.Set("b", Minus(At("zz"), list.V(L({S("a")}))));
  ExpectError(list, Item(),
              "Invalid UpdateExpression: Incorrect operand type for operator or function; "
              "operator or function: -, operand type: L");
}

TEST(UpdateArithmetic, CombinesWithIfNotExists) {
  // alternator test_update_expression_function_plus_nesting.
  Update u;
  u.Set("b", Plus(IfNotExists("b", u.V(N("2"))), u.V(N("3"))));
  ExpectResult(u, Item(), It({{"b", N("5")}}));
  ExpectResult(u, It({{"b", N("10")}}), It({{"b", N("13")}}));
}

// ---------------------------------------------------------------------------
// list_append and if_not_exists.

TEST(UpdateListAppend, ConcatenatesInArgumentOrder) {
  Update values;
  values.Set("a", ListAppend(values.V(L({N("4"), S("hello")})), values.V(L({S("hi"), N("7")}))));
  ExpectResult(values, Item(), It({{"a", L({N("4"), S("hello"), S("hi"), N("7")})}}));

  const Item item = It({{"a", L({S("hi"), N("2")})}});
  Update append;
  append.Set("a", ListAppend(At("a"), append.V(L({N("4"), S("hello")}))));
  ExpectResult(append, item, It({{"a", L({S("hi"), N("2"), N("4"), S("hello")})}}));
  Update prepend;
  prepend.Set("a", ListAppend(prepend.V(L({S("dog")})), At("a")));
  ExpectResult(prepend, item, It({{"a", L({S("dog"), S("hi"), N("2")})}}));
  Update both;
  both.Set("c", ListAppend(At("a"), At("a")));
  ExpectResult(both, item,
               It({{"a", L({S("hi"), N("2")})}, {"c", L({S("hi"), N("2"), S("hi"), N("2")})}}));
}

TEST(UpdateListAppend, EmptyAndNestedLists) {
  for (const AttributeValue& b :
       {L({}), L({N("1"), N("2"), N("3")}), L({S("x"), L({S("hi"), S("hello")})})}) {
    Update after;
    after.Set("a", ListAppend(At("b"), after.V(L({S("v")}))));
    AttributeValue::List joined = b.l();
    joined.push_back(S("v"));
    ExpectResult(after, It({{"b", b}}), It({{"b", b}, {"a", AttributeValue::L(joined)}}));
    Update before;
    before.Set("a", ListAppend(before.V(L({S("v")})), At("b")));
    joined = {S("v")};
    joined.insert(joined.end(), b.l().begin(), b.l().end());
    ExpectResult(before, It({{"b", b}}), It({{"b", b}, {"a", AttributeValue::L(joined)}}));
  }
}

TEST(UpdateListAppend, NeedsTwoLists) {
  for (const AttributeValue& b :
       {N("7"), S("hello"), B("hi"), NS({"1", "2"}), M({{"a", N("3")}})}) {
    Update left;
    left.Set("a", ListAppend(At("b"), left.V(L({S("v")}))));
    ExpectError(left, It({{"b", b}}), kBadType);
    Update right;
    right.Set("a", ListAppend(right.V(L({S("v")})), At("b")));
    ExpectError(right, It({{"b", b}}), kBadType);
  }
  Update missing;
  missing.Set("a", ListAppend(At("b"), At("c")));
  ExpectError(missing, Item(), kMissing);
  ExpectError(missing, It({{"b", L({})}}), kMissing);
  // dynalite: list_append(d, if_not_exists(f, :empty)) with d a number set.
  Update computed;
  computed.Set("e", ListAppend(At("d"), IfNotExists("f", computed.V(L({})))));
  ExpectError(computed, It({{"d", NS({"1"})}}), kBadType);
}

TEST(UpdateListAppend, ValueOfTheWrongTypeFailsBeforeReading) {
  Update u;
  u.Set("a", ListAppend(u.V(L({N("4")})), u.V(S("hi"))));
  ExpectError(u, Item(),
              "Invalid UpdateExpression: Incorrect operand type for operator or function; "
              "operator or function: list_append, operand type: S");
}

TEST(UpdateListAppend, WithIfNotExists) {
  Update u;
  u.Set("a", ListAppend(IfNotExists("a", u.V(L({S("a"), S("b")}))), u.V(L({S("cat")}))));
  ExpectResult(u, Item(), It({{"a", L({S("a"), S("b"), S("cat")})}}));
  ExpectResult(u, It({{"a", L({S("x")})}}), It({{"a", L({S("x"), S("cat")})}}));
}

TEST(UpdateIfNotExists, UsesTheAttributeWhenItExists) {
  // alternator test_update_expression_if_not_exists.
  Update set_a;
  set_a.Set("a", IfNotExists("a", set_a.V(N("2"))));
  ExpectResult(set_a, Item(), It({{"a", N("2")}}));
  ExpectResult(set_a, It({{"a", N("5")}}), It({{"a", N("5")}}));

  Update other;
  other.Set("b", IfNotExists("c", other.V(N("4"))));
  ExpectResult(other, It({{"a", N("2")}}), It({{"a", N("2")}, {"b", N("4")}}));
  Update copy;
  copy.Set("b", IfNotExists("a", copy.V(N("6"))));
  ExpectResult(copy, It({{"a", N("2")}, {"b", N("4")}}), It({{"a", N("2")}, {"b", N("2")}}));
}

TEST(UpdateIfNotExists, NestedPathsAndNesting) {
  Update nested;
  nested.Set("x", IfNotExists("a.b[1]", nested.V(S("default"))));
  ExpectResult(nested, It({{"a", M({{"b", L({N("0"), N("1")})}})}}),
               It({{"a", M({{"b", L({N("0"), N("1")})}})}, {"x", N("1")}}));
  ExpectResult(nested, It({{"a", M({{"b", L({N("0")})}})}}),
               It({{"a", M({{"b", L({N("0")})}})}, {"x", S("default")}}));
  // A path through the wrong type counts as missing, not as an error.
  ExpectResult(nested, It({{"a", S("str")}}), It({{"a", S("str")}, {"x", S("default")}}));

  Update chain;
  chain.Set("a", IfNotExists("b", IfNotExists("c", chain.V(N("3")))));
  ExpectResult(chain, Item(), It({{"a", N("3")}}));
  ExpectResult(chain, It({{"c", N("8")}}), It({{"a", N("8")}, {"c", N("8")}}));
  // The fallback is evaluated only when needed: a missing path there is
  // an error only then.
  Update lazy;
  lazy.Set("x", IfNotExists("a", At("zz")));
  ExpectResult(lazy, It({{"a", N("1")}}), It({{"a", N("1")}, {"x", N("1")}}));
  ExpectError(lazy, Item(), kMissing);
}

// ---------------------------------------------------------------------------
// REMOVE, ADD and DELETE. Most cases are in update_parse_test.cc, written as
// expression text; these need trees the parser would not build.

TEST(UpdateRemove, ManyRemovalsFromALongList) {
  AttributeValue::List elements;
  for (int i = 0; i < 20000; ++i) elements.push_back(AttributeValue::N(Number::FromInt64(i)));
  Update u;
  for (int i = 0; i < 20000; i += 2) u.Remove("a[" + std::to_string(i) + "]");
  Item item = It({{"a", AttributeValue::L(elements)}});
  ASSERT_TRUE(ApplyUpdate(u.expr(), &item).ok());
  const AttributeValue::List& left = item["a"].l();
  ASSERT_EQ(left.size(), 10000u);
  EXPECT_EQ(left.front(), AttributeValue::N(Number::FromInt64(1)));
  EXPECT_EQ(left.back(), AttributeValue::N(Number::FromInt64(19999)));
}

TEST(UpdateAdd, OperandDuplicatesDoNotReachTheSet) {
  Update u;
  u.Add("b", NS({"1", "1.00"})).Add("c", SS({"x", "y", "x"}));
  Item item = It({{"c", SS({"y"})}});
  ASSERT_TRUE(ApplyUpdate(u.expr(), &item).ok());
  EXPECT_EQ(item["b"].ns().size(), 1u);
  EXPECT_EQ(item["c"].ss(), (std::vector<std::string>{"y", "x"}));
}

TEST(UpdateAdd, OperandTypesOtherThanNumberOrSetFailBeforeReading) {
  const std::vector<std::pair<AttributeValue, const char*>> cases = {
      {S("hello"), "STRING"}, {B("x"), "BINARY"},    {Bool(true), "BOOLEAN"},
      {Null(), "NULL"},       {L({N("3")}), "LIST"}, {M({}), "MAP"}};
  for (const auto& [value, name] : cases) {
    Update u;
    u.Add("a", value);
    ExpectError(u, It({{"a", L({N("1")})}}),
                std::string("Invalid UpdateExpression: Incorrect operand type for operator or "
                            "function; operator: ADD, operand type: ") +
                    name + ", typeSet: ALLOWED_FOR_ADD_OPERAND");
  }
}

TEST(UpdateDelete, OperandMustBeASet) {
  const std::vector<std::pair<AttributeValue, const char*>> cases = {
      {S("hello"), "STRING"}, {N("1"), "NUMBER"}, {L({}), "LIST"}, {M({}), "MAP"}};
  for (const auto& [value, name] : cases) {
    Update u;
    u.Delete("a", value);
    ExpectError(u, It({{"a", SS({"dog"})}}),
                std::string("Invalid UpdateExpression: Incorrect operand type for operator or "
                            "function; operator: DELETE, operand type: ") +
                    name + ", typeSet: ALLOWED_FOR_DELETE_OPERAND");
  }
}

// ---------------------------------------------------------------------------
// Several clauses, and failures.

TEST(UpdateClauses, OperandErrorsComeBeforePathErrors) {
  Update u;
  u.Set("z.y", N("1")).Set("x", At("missing"));
  ExpectError(u, Item(), kMissing);
}

TEST(UpdateClauses, OverlappingPathsAreRefused) {
  Update same;
  same.Set("a", S("v")).Remove("a");
  ExpectError(same, It({{"a", S("x")}}),
              "Invalid UpdateExpression: Two document paths overlap with each other; must remove "
              "or rewrite one of these paths; path one: [a], path two: [a]");
  Update nested;
  nested.Set("a.b", N("1")).Set("x", N("2")).Set("a", N("3"));
  ExpectError(nested, Item(),
              "Invalid UpdateExpression: Two document paths overlap with each other; must remove "
              "or rewrite one of these paths; path one: [a, b], path two: [a]");
  Update index;
  index.Remove("a[1][1]").Add("a[1]", N("1"));
  ExpectError(index, Item(),
              "Invalid UpdateExpression: Two document paths overlap with each other; must remove "
              "or rewrite one of these paths; path one: [a, [1], [1]], path two: [a, [1]]");
}

TEST(UpdateClauses, OverlapIsFoundWhateverUnusedFieldsHold) {
  // An index step with a stray name, or with a kind outside the enum, still
  // names the same element as a[1].
  const Item item = It({{"a", L({M({}), M({})})}});
  for (const bool odd_kind : {false, true}) {
    Update u;
    u.Set("a[1]", N("1")).Set("a[1].b", N("2"));
    PathElement& step = u.expr().set[1].path.elements[1];
    step.name = "junk";
    if (odd_kind) step.kind = static_cast<PathElement::Kind>(7);
    Item copy = item;
    const Status status = ApplyUpdate(u.expr(), &copy);
    EXPECT_FALSE(status.ok());
    EXPECT_TRUE(copy == item);
  }
}

TEST(UpdateClauses, ConflictingPathsFailOnTheItem) {
  // The parser refuses a.b with a[1]; here one of them cannot be located.
  Update u;
  u.Set("a.b", N("1")).Set("a[1]", N("2"));
  ExpectError(u, It({{"a", M({})}}), kInvalidPath);
  ExpectError(u, It({{"a", L({})}}), kInvalidPath);
}

TEST(UpdateClauses, MalformedTreesFailCleanly) {
  Update empty_path;
  empty_path.expr().remove.push_back({DocumentPath()});
  ExpectError(empty_path, It({{"a", N("1")}}), kInvalidPath);

  Update index_first;
  index_first.Set("[0]", N("1"));
  ExpectError(index_first, It({{"a", N("1")}}), kInvalidPath);

  Update size;
  size.Set("b", SizeOf("a"));
  ExpectError(size, It({{"a", S("x")}}),
              "Invalid UpdateExpression: The function is not allowed in an update expression; "
              "function: size");

  Update null_value;
  Operand null_op;
  null_op.kind = Operand::Kind::kValue;
  null_value.Set("b", std::move(null_op));
  Item item;
  EXPECT_FALSE(ApplyUpdate(null_value.expr(), &item).ok());

  Update missing_arg;
  Operand plus;
  plus.kind = Operand::Kind::kPlus;
  plus.left = std::make_unique<Operand>(missing_arg.V(N("1")));
  missing_arg.Set("b", std::move(plus));
  EXPECT_FALSE(ApplyUpdate(missing_arg.expr(), &item).ok());

  // Nesting beyond any parsed tree is refused, not recursed into.
  for (const int depth : {300, 1000}) {
    Update deep;
    Operand op = deep.V(N("1"));
    for (int i = 0; i < depth; ++i) op = IfNotExists("a" + std::to_string(i), std::move(op));
    deep.Set("b", std::move(op));
    Item result;
    EXPECT_EQ(ApplyUpdate(deep.expr(), &result).ok(), depth == 300);
  }

  Update null_add;
  null_add.expr().add.push_back({Path("a"), nullptr});
  EXPECT_FALSE(ApplyUpdate(null_add.expr(), &item).ok());
  EXPECT_TRUE(item.empty());
}

// ---------------------------------------------------------------------------
// UpdatedPaths.

TEST(UpdatedPaths, ListsEveryTargetAsWritten) {
  Update u;
  u.Set("a.b", N("1")).Set("c[5]", N("2")).Remove("d").Remove("e[1]").Add("f", N("1"));
  u.Delete("g.h", SS({"x"}));
  const std::vector<DocumentPath> paths = UpdatedPaths(u.expr());
  ASSERT_EQ(paths.size(), 6u);
  EXPECT_EQ(paths[0], Path("a.b"));
  // A write past a list's end keeps the index written: DynamoDB's
  // UPDATED_NEW after `SET a.c[100] = :v` returns nothing, because the
  // projection of a.c[100] from the new item is empty.
  EXPECT_EQ(paths[1], Path("c[5]"));
  EXPECT_EQ(paths[2], Path("d"));
  EXPECT_EQ(paths[3], Path("e[1]"));
  EXPECT_EQ(paths[4], Path("f"));
  EXPECT_EQ(paths[5], Path("g.h"));
  EXPECT_TRUE(UpdatedPaths(UpdateExpression()).empty());
}

}  // namespace
}  // namespace lmddb::expr
