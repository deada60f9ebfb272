// Tests for ApplyUpdate (engine/expr/update.h) on UpdateExpressions parsed
// from text (ExpressionContext::ParseUpdate): REMOVE, ADD, DELETE and the
// interplay of list indexes across clauses. Expected results and messages
// are DynamoDB's, as recorded by tests run against it (alternator's
// test_update_expression.py, dynalite's updateItem tests).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/expr/parser.h"
#include "engine/expr/update.h"
#include "expr_test_util.h"
#include "gtest/gtest.h"

namespace lmddb::expr {
namespace {

using namespace expr_test;  // NOLINT

constexpr char kInvalidPath[] =
    "The document path provided in the update expression is invalid for update";
constexpr char kBadType[] = "An operand in the update expression has an incorrect data type";
constexpr char kOverflow[] =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";

using Attrs = std::initializer_list<std::pair<const std::string, AttributeValue>>;

// Parses an UpdateExpression against ExpressionAttributeValues and applies
// it to a copy of an item.
class Updater {
 public:
  explicit Updater(Attrs values = {}) : values_(values) {}

  Status Apply(std::string_view text, Item* item) const {
    ExpressionContext context(nullptr, &values_);
    StatusOr<UpdateExpression> update = context.ParseUpdate(text);
    if (!update.ok()) return update.status();
    return ApplyUpdate(*update, item);
  }

  void ExpectResult(std::string_view text, const Item& item, const Item& expected) const {
    Item copy = item;
    const Status status = Apply(text, &copy);
    ASSERT_TRUE(status.ok()) << text << ": " << status.ToString();
    EXPECT_TRUE(copy == expected) << text << "\ngot  " << Show(copy) << "\nwant " << Show(expected);
  }

  // The update fails with a ValidationException carrying `message`, and the
  // item is left as it was.
  void ExpectError(std::string_view text, const Item& item, std::string_view message) const {
    Item copy = item;
    const Status status = Apply(text, &copy);
    ASSERT_FALSE(status.ok()) << text << ": got " << Show(copy);
    EXPECT_EQ(status.type(), ErrorType::kValidation) << status.ToString();
    EXPECT_EQ(status.message(), message) << text;
    EXPECT_TRUE(copy == item) << text << ": changed to " << Show(copy);
  }

 private:
  Item values_;
};

// ---------------------------------------------------------------------------
// REMOVE.

TEST(UpdateParsedRemove, RemovesAttributes) {
  Updater().ExpectResult("REMOVE a", It({{"a", S("hello")}, {"b", S("hi")}}), It({{"b", S("hi")}}));
}

TEST(UpdateParsedRemove, AbsentTargetsAreIgnored) {
  // alternator test_nested_attribute_remove_missing_leaf.
  const Item item = It({{"a", M({{"x", N("3")}})}, {"b", L({S("hi")})}});
  Updater().ExpectResult("REMOVE a.y, b[7], c", item, item);
  Updater().ExpectResult("REMOVE c", Item(), Item());
}

TEST(UpdateParsedRemove, MissingOrMistypedParentIsInvalid) {
  // dynalite: REMOVE through a parent that is absent, a scalar, or the other
  // container type fails on an existing item.
  const Item item = It({{"b", S("str")}, {"c", M({{"1", S("a")}})}, {"d", L({S("a"), S("b")})}});
  for (const char* text : {"REMOVE b.a", "REMOVE b[1]", "REMOVE y.a", "REMOVE y[1]", "REMOVE c[1]",
                           "REMOVE d.x", "REMOVE d[5].x"}) {
    Updater().ExpectError(text, item, kInvalidPath);
  }
}

TEST(UpdateParsedRemove, NestedMembersAndElements) {
  // alternator test_update_expression_nested_remove.
  const AttributeValue y = L({N("3"), N("5"), N("7")});
  const Item item = It(
      {{"a", M({{"b", N("3")}, {"c", L({S("hi"), M({{"x", M({{"y", y}})}, {"q", N("2")}})})}})}});
  const AttributeValue y_after = L({N("3"), N("7")});
  Updater().ExpectResult(
      "REMOVE a.c[1].x.y[1], a.c[1].q", item,
      It({{"a", M({{"b", N("3")}, {"c", L({S("hi"), M({{"x", M({{"y", y_after}})}})})}})}}));
}

TEST(UpdateParsedRemove, LeavesEmptyMapsAndLists) {
  Updater().ExpectResult("REMOVE a.b", It({{"a", M({{"b", N("1")}})}}), It({{"a", M({})}}));
  Updater().ExpectResult("REMOVE a[0]", It({{"a", L({N("1")})}}), It({{"a", L({})}}));
}

TEST(UpdateParsedRemove, ListElementsShiftAndIndexesReferToTheOldList) {
  const Item item = It({{"a", L({N("0"), N("1"), N("2"), N("3"), N("4")})}});
  Updater().ExpectResult("REMOVE a[0]", item, It({{"a", L({N("1"), N("2"), N("3"), N("4")})}}));
  Updater().ExpectResult("REMOVE a[4]", item, It({{"a", L({N("0"), N("1"), N("2"), N("3")})}}));
  Updater().ExpectResult("REMOVE a[1], a[2], a[4], a[9]", item, It({{"a", L({N("0"), N("3")})}}));
  Updater().ExpectResult("REMOVE a[3], a[0]", item, It({{"a", L({N("1"), N("2"), N("4")})}}));
}

TEST(UpdateParsedRemove, ElementsOfNestedListsInsideRemovedNeighbours) {
  // a[0] goes and a[1][0] goes: the inner list is edited before its parent
  // shifts it.
  Updater().ExpectResult(
      "REMOVE a[0], a[1][0], a[2].m",
      It({{"a", L({N("1"), L({N("10"), N("20")}), M({{"m", N("1")}, {"k", N("2")}})})}}),
      It({{"a", L({L({N("20")}), M({{"k", N("2")}})})}}));
}

TEST(UpdateParsedRemove, ValuesAreReadBeforeTheRemoval) {
  // alternator test_update_expression_multi_with_copy.
  Updater().ExpectResult("REMOVE a SET b = a", It({{"a", S("hello")}}), It({{"b", S("hello")}}));
  Updater().ExpectResult("SET c = b REMOVE b", It({{"b", S("hello")}}), It({{"c", S("hello")}}));
}

// ---------------------------------------------------------------------------
// SET and REMOVE on one list.

TEST(UpdateParsedListIndexes, RemoveAndSetReferToTheOldPositions) {
  // alternator test_update_expression_nested_remove_list_item_original_number.
  const Updater u({{":val", N("17")}});
  const Item item = It({{"a", L({N("2"), N("3"), N("4"), N("5"), N("6"), N("7")})}});
  const Item expected = It({{"a", L({N("2"), N("4"), N("17"), N("6"), N("7")})}});
  u.ExpectResult("REMOVE a[1] SET a[3] = :val", item, expected);
  u.ExpectResult("SET a[3] = :val REMOVE a[1]", item, expected);
}

TEST(UpdateParsedListIndexes, AppendAndRemoveTogether) {
  const Updater u({{":v", S("v")}});
  const Item item = It({{"a", L({S("a"), S("b"), S("c")})}});
  // a[3] is past the old end: appended; a[0] is the old first element.
  u.ExpectResult("REMOVE a[0] SET a[3] = :v", item, It({{"a", L({S("b"), S("c"), S("v")})}}));
  // With a longer list a[3] is an old element, replaced in place.
  u.ExpectResult("REMOVE a[0] SET a[3] = :v", It({{"a", L({S("a"), S("b"), S("c"), S("d")})}}),
                 It({{"a", L({S("b"), S("c"), S("v")})}}));
  // REMOVE a[3] names no old element, even though an append lands there.
  u.ExpectResult("SET a[10] = :v REMOVE a[3]", item,
                 It({{"a", L({S("a"), S("b"), S("c"), S("v")})}}));
}

TEST(UpdateParsedListIndexes, WritesThroughAnElementUseItsOldPosition) {
  Updater({{":one", N("1")}})
      .ExpectResult("REMOVE a[0] SET a[2].x = :one", It({{"a", L({N("0"), M({}), M({})})}}),
                    It({{"a", L({M({}), M({{"x", N("1")}})})}}));
}

TEST(UpdateParsedListIndexes, AppendsFromSetAndAddShareOneOrder) {
  // dynalite "should update nested attributes" (recorded against DynamoDB).
  const Item item = It({{"a", S("key")},
                        {"b", M({{"a", N("1")}, {"b", N("2")}, {"c", N("3")}})},
                        {"c", L({N("1"), N("3")})}});
  Updater({{":a", N("2")}, {":b", SS({"a"})}})
      .ExpectResult(
          "set b.c=((c[1])+(b.a)),b.a = a,c[1] = a, c[4] = b.a - b.b, c[2] = b.c "
          "add c[8] :b, c[6] :a",
          item,
          It({{"a", S("key")},
              {"b", M({{"a", S("key")}, {"b", N("2")}, {"c", N("4")}})},
              {"c", L({N("1"), S("key"), N("3"), N("-1"), N("2"), SS({"a"})})}}));
}

// ---------------------------------------------------------------------------
// ADD.

TEST(UpdateParsedAdd, AddsNumbers) {
  const Updater u({{":four", N("4")}, {":neg", N("-10.5")}, {":tenth", N("0.2")}});
  u.ExpectResult("ADD a :four", It({{"a", N("3")}, {"b", S("hi")}}),
                 It({{"a", N("7")}, {"b", S("hi")}}));
  u.ExpectResult("ADD a :neg", It({{"a", N("3")}}), It({{"a", N("-7.5")}}));
  u.ExpectResult("ADD a :tenth", It({{"a", N("0.1")}}), It({{"a", N("0.3")}}));
}

TEST(UpdateParsedAdd, MissingNumberCountsAsZero) {
  const Updater u({{":v", N("7")}});
  u.ExpectResult("ADD b :v", It({{"a", S("hello")}}), It({{"a", S("hello")}, {"b", N("7")}}));
  u.ExpectResult("ADD b :v", Item(), It({{"b", N("7")}}));
}

TEST(UpdateParsedAdd, NumberOverflow) {
  Updater({{":v", N("9E+125")}}).ExpectError("ADD a :v", It({{"a", N("9E+125")}}), kOverflow);
}

TEST(UpdateParsedAdd, UnitesSets) {
  Updater({{":v", SS({"coati", "beaver", "badger"})}})
      .ExpectResult("ADD a :v", It({{"a", SS({"beaver", "lynx", "coati"})}, {"b", S("hi")}}),
                    It({{"a", SS({"beaver", "lynx", "coati", "badger"})}, {"b", S("hi")}}));
  Updater({{":v", NS({"2", "3", "4"})}})
      .ExpectResult("ADD a :v", It({{"a", NS({"1", "2"})}}), It({{"a", NS({"1", "2", "3", "4"})}}));
  const std::string b1("\x01", 1), b2("\x02", 1), b12("\x01\x02", 2);
  Updater({{":v", BS({b2, b1})}})
      .ExpectResult("ADD a :v", It({{"a", BS({b12, b2})}}), It({{"a", BS({b12, b2, b1})}}));
}

TEST(UpdateParsedAdd, UnionKeepsOldOrderAndNumbersByValue) {
  Item item = It({{"a", SS({"a", "b"})}});
  ASSERT_TRUE(Updater({{":v", SS({"c", "b", "d"})}}).Apply("ADD a :v", &item).ok());
  EXPECT_EQ(item["a"].ss(), (std::vector<std::string>{"a", "b", "c", "d"}));
  // 1.0 is 1 and 2E0 is 2.
  Item numbers = It({{"a", NS({"1", "2"})}});
  ASSERT_TRUE(Updater({{":v", NS({"1.0", "2E0", "3"})}}).Apply("ADD a :v", &numbers).ok());
  ASSERT_EQ(numbers["a"].ns().size(), 3u);
  EXPECT_EQ(numbers["a"].ns()[2].ToString(), "3");
}

TEST(UpdateParsedAdd, CreatesASet) {
  const Updater u({{":v", SS({"dog"})}});
  u.ExpectResult("ADD b :v", It({{"a", S("hello")}}), It({{"a", S("hello")}, {"b", SS({"dog"})}}));
  u.ExpectResult("ADD b :v", Item(), It({{"b", SS({"dog"})}}));
}

TEST(UpdateParsedAdd, TypeMismatchWithTheStoredValue) {
  // dynalite: ADD b :ns with b a map, ADD d :n with d a number set;
  // alternator: ADD a set to a list.
  const Item item = It({{"b", M({{"a", SS({"1"})}})},
                        {"c", N("1")},
                        {"d", NS({"1"})},
                        {"l", L({N("1"), N("2")})},
                        {"s", S("hi")},
                        {"ss", SS({"x"})}});
  const Updater u({{":n", N("1")}, {":ns", NS({"1"})}, {":ss", SS({"1"})}, {":bs", BS({"x"})}});
  for (const char* text : {"ADD b :ns", "ADD d :n", "ADD l :ns", "ADD s :n", "ADD ss :ns",
                           "ADD ss :bs", "ADD c :ss", "ADD b.a :ns"}) {
    u.ExpectError(text, item, kBadType);
  }
}

TEST(UpdateParsedAdd, NestedTargets) {
  const Updater u({{":one", N("1")}, {":five", N("5")}, {":x", SS({"x"})}, {":two", NS({"2"})}});
  u.ExpectResult("ADD a.n :one, a.s :x", It({{"a", M({{"n", N("1")}})}}),
                 It({{"a", M({{"n", N("2")}, {"s", SS({"x"})}})}}));
  u.ExpectResult("ADD l[0] :five, l[1] :two, l[9] :one", It({{"l", L({N("1"), NS({"1"})})}}),
                 It({{"l", L({N("6"), NS({"1", "2"}), N("1")})}}));
  for (const char* text :
       {"ADD z.n :one", "ADD z[0] :one", "ADD a[0] :one", "ADD l.x :one", "ADD a.n.x :one"}) {
    u.ExpectError(text, It({{"a", M({{"n", N("1")}})}, {"l", L({})}}), kInvalidPath);
  }
}

// ---------------------------------------------------------------------------
// DELETE.

TEST(UpdateParsedDelete, RemovesMembers) {
  // alternator test_update_expression_delete_sets.
  const Item item = It({{"a", SS({"dog", "cat", "mouse"})}, {"b", S("hi")}});
  const Updater u({{":some", SS({"cat", "mouse"})}, {":other", SS({"pig"})}});
  u.ExpectResult("DELETE a :some", item, It({{"a", SS({"dog"})}, {"b", S("hi")}}));
  u.ExpectResult("DELETE a :other", item, item);
}

TEST(UpdateParsedDelete, EmptiedSetIsRemoved) {
  Updater({{":v", SS({"dog", "pig"})}})
      .ExpectResult("DELETE a :v", It({{"a", SS({"dog"})}, {"b", S("hi")}}), It({{"b", S("hi")}}));
  Updater({{":v", NS({"2", "3"})}})
      .ExpectResult("DELETE m.n :v", It({{"m", M({{"n", NS({"3", "2"})}})}}), It({{"m", M({})}}));
}

TEST(UpdateParsedDelete, MissingAttributeIsANoOp) {
  const Updater u({{":v", SS({"dog"})}});
  u.ExpectResult("DELETE a :v", It({{"b", S("hi")}}), It({{"b", S("hi")}}));
  u.ExpectResult("DELETE a :v", Item(), Item());
  u.ExpectResult("DELETE m.x :v", It({{"m", M({})}}), It({{"m", M({})}}));
  u.ExpectResult("DELETE l[4] :v", It({{"l", L({})}}), It({{"l", L({})}}));
}

TEST(UpdateParsedDelete, NumbersAndBinariesByValue) {
  Updater({{":v", NS({"1.0", "4"})}})
      .ExpectResult("DELETE a :v", It({{"a", NS({"1", "2", "3"})}}), It({{"a", NS({"2", "3"})}}));
  const std::string zero("\x00", 1), zero_zero("\x00\x00", 2);
  Updater({{":v", BS({zero})}})
      .ExpectResult("DELETE a :v", It({{"a", BS({zero, zero_zero})}}),
                    It({{"a", BS({zero_zero})}}));
}

TEST(UpdateParsedDelete, EmptiedSetInAListIsRemovedFromIt) {
  Updater({{":x", SS({"x"})}, {":y", SS({"y"})}})
      .ExpectResult("DELETE l[1] :x, l[2] :y",
                    It({{"l", L({N("0"), SS({"x"}), SS({"y", "z"}), N("3")})}}),
                    It({{"l", L({N("0"), SS({"z"}), N("3")})}}));
}

TEST(UpdateParsedDelete, TypeMismatchWithTheStoredValue) {
  // dynalite "should return ValidationException if using expression to
  // delete/add incorrect types".
  const Item item = It({{"b", M({{"a", SS({"1"})}})}, {"c", N("1")}, {"d", NS({"1"})}});
  const Updater u({{":ss", SS({"1"})}, {":ns", NS({"1"})}, {":bs", BS({"a"})}});
  for (const char* text :
       {"DELETE d :ss", "DELETE b :ns", "DELETE b.a :ns", "DELETE b.a :bs", "DELETE c :ns"}) {
    u.ExpectError(text, item, kBadType);
  }
}

TEST(UpdateParsedDelete, PathThroughMissingParentIsInvalid) {
  const Updater u({{":a", SS({"a"})}});
  for (const char* text : {"DELETE y.a :a", "DELETE y[1] :a", "DELETE b.a :a", "DELETE c[1] :a"}) {
    u.ExpectError(text, It({{"b", S("x")}, {"c", M({{"1", S("a")}})}}), kInvalidPath);
  }
}

// ---------------------------------------------------------------------------
// All clauses together.

TEST(UpdateParsedClauses, AllClausesOnAMissingItem) {
  // dynalite "should just add valid ADD actions if nothing exists": the
  // item holds only its key.
  const Updater u({{":c", SS({"a", "b"})},
                   {":d", N("5")},
                   {":e", SS({"a", "b"})},
                   {":f", L({S("a"), N("1")})}});
  const Item expected =
      It({{"k", S("key")}, {"d", N("5")}, {"e", SS({"a", "b"})}, {"f", L({S("a"), N("1")})}});
  u.ExpectResult("REMOVE b DELETE c :c ADD d :d, e :e SET f = :f", It({{"k", S("key")}}), expected);
  u.ExpectResult("ADD e :e,d :d DELETE c :c REMOVE b SET f = :f", It({{"k", S("key")}}), expected);
}

TEST(UpdateParsedClauses, KeyAttributesCanBeRead) {
  // dynalite "should update values from other attributes": on a missing
  // item, if_not_exists(b, a) copies the key a.
  Updater().ExpectResult("set b = if_not_exists(b, a)", It({{"a", S("k")}}),
                         It({{"a", S("k")}, {"b", S("k")}}));
}

TEST(UpdateParsedClauses, FirstFailingActionLeavesTheItemUnchanged) {
  const Item item = It({{"a", L({N("1"), N("2")})}, {"s", S("x")}});
  const Updater u({{":one", N("1")}, {":x", SS({"x"})}});
  u.ExpectError("SET b = :one, a[5] = :one REMOVE a[0] ADD s :one", item, kBadType);
  u.ExpectError("SET b = :one REMOVE a[0] DELETE z.q :x", item, kInvalidPath);
}

}  // namespace
}  // namespace lmddb::expr
