// ProjectionExpression application (engine/expr/projection.h). Result
// shapes follow DynamoDB, as recorded by Alternator's
// test_projection_expression.py (run against DynamoDB). Every case runs on
// both overloads: from the stored item and from the decoded item.
#include "engine/expr/projection.h"

#include <string>
#include <string_view>
#include <vector>

#include "ast_builders.h"
#include "engine/expr/parser.h"
#include "expr_test_util.h"
#include "gtest/gtest.h"

namespace lmddb::expr {
namespace {

using namespace expr_test;  // NOLINT

// The item of Alternator's test_projection_expression_path.
Item Nested() {
  return {
      {"a", M({{"b", L({N("2"), N("4"), M({{"x", S("hi")}, {"y", S("yo")}})})}, {"c", N("5")}})},
      {"b", S("hello")}};
}

void ExpectProjection(const Item& item, std::initializer_list<std::string_view> paths,
                      const Item& expected) {
  const std::vector<DocumentPath> parsed = Paths(paths);
  EncodedItem encoded(item);
  StatusOr<Item> stored = Project(parsed, encoded.view());
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_TRUE(*stored == expected) << "stored: " << Show(*stored) << "\nwant: " << Show(expected);
  const Item decoded = Project(parsed, item);
  EXPECT_TRUE(decoded == expected) << "decoded: " << Show(decoded) << "\nwant: " << Show(expected);
}

TEST(Projection, TopLevelAttributes) {
  const Item item = {{"p", S("k")}, {"a", S("hello")}, {"b", S("hi")}, {"n", N("1")}};
  ExpectProjection(item, {"a"}, {{"a", S("hello")}});
  ExpectProjection(item, {"a", "b"}, {{"a", S("hello")}, {"b", S("hi")}});
  ExpectProjection(item, {"b", "p", "n"}, {{"p", S("k")}, {"b", S("hi")}, {"n", N("1")}});
  ExpectProjection(item, {"nonexistent"}, {});
  ExpectProjection(item, {"a", "nonexistent"}, {{"a", S("hello")}});
}

TEST(Projection, EveryValueTypeIsCopiedWhole) {
  const Item item = {
      {"s", S("x")}, {"n", N("-1.5")},       {"b", B(std::string("\0\xff", 2))}, {"t", Bool(false)},
      {"z", Null()}, {"ns", NS({"1", "2"})}, {"l", L({M({{"k", L({})}})})}};
  ExpectProjection(item, {"s", "n", "b", "t", "z", "ns", "l"}, item);
}

TEST(Projection, NestedPathsKeepTheirEnclosingDocuments) {
  const Item item = Nested();
  ExpectProjection(item, {"a"}, {{"a", item.at("a")}});
  ExpectProjection(item, {"a.b"}, {{"a", M({{"b", item.at("a").m().at("b")}})}});
  ExpectProjection(item, {"a.b[0]"}, {{"a", M({{"b", L({N("2")})}})}});
  ExpectProjection(item, {"a.b[2]"}, {{"a", M({{"b", L({M({{"x", S("hi")}, {"y", S("yo")}})})}})}});
  ExpectProjection(item, {"a.b[2].y"}, {{"a", M({{"b", L({M({{"y", S("yo")}})})}})}});
}

TEST(Projection, PathsThatDoNotResolveContributeNothing) {
  const Item item = Nested();
  for (std::string_view path : {"x", "a.b[3]", "a.x", "a.x.y", "a.b[3].x",
                                // a map indexed as a list, a list as a map, a number as either
                                "a.b.x", "a[0]", "a.b[0].x", "a.b[0][0]", "b.x", "b[0]"}) {
    SCOPED_TRACE(path);
    ExpectProjection(item, {path}, {});
  }
}

TEST(Projection, PathsMergeIntoOneDocument) {
  const Item item = Nested();
  ExpectProjection(item, {"a.b[0]", "a.b[1]"}, {{"a", M({{"b", L({N("2"), N("4")})}})}});
  ExpectProjection(item, {"a.b[0]", "a.c"}, {{"a", M({{"b", L({N("2")})}, {"c", N("5")}})}});
  ExpectProjection(item, {"a.c", "b"}, {{"a", M({{"c", N("5")}})}, {"b", S("hello")}});
  ExpectProjection(item, {"a.x", "a.b[0]", "x", "a.b[3].x"}, {{"a", M({{"b", L({N("2")})}})}});
  // Two paths into the same list element merge into one element.
  ExpectProjection(item, {"a.b[2].x", "a.b[2].y"},
                   {{"a", M({{"b", L({M({{"x", S("hi")}, {"y", S("yo")}})})}})}});
  ExpectProjection(item, {"a.b[2].x", "a.b[0]"},
                   {{"a", M({{"b", L({N("2"), M({{"x", S("hi")}})})}})}});
}

TEST(Projection, ListElementsComeBackInIndexOrder) {
  const Item item = {{"a", L({S("x"), S("y"), S("z")})}};
  ExpectProjection(item, {"a[2]", "a[0]"}, {{"a", L({S("x"), S("z")})}});
  ExpectProjection(item, {"a[0]", "a[2]"}, {{"a", L({S("x"), S("z")})}});
  ExpectProjection(item, {"a[1]", "a[2]", "a[0]"}, item);
  // Out-of-range indexes drop out; the rest close up.
  ExpectProjection(item, {"a[5]", "a[1]"}, {{"a", L({S("y")})}});
  ExpectProjection(item, {"a[3]"}, {});
  ExpectProjection(item, {"a[4294967295]"}, {});
}

TEST(Projection, ListIndexesInsideMapsInsideLists) {
  const Item item = {
      {"doc", M({{"rows", L({M({{"cells", L({N("1"), N("2"), N("3")})}, {"id", S("r0")}}),
                             M({{"cells", L({N("4")})}, {"id", S("r1")}})})}})}};
  ExpectProjection(item, {"doc.rows[1].cells[0]", "doc.rows[0].cells[2]", "doc.rows[0].id"},
                   {{"doc", M({{"rows", L({M({{"cells", L({N("3")})}, {"id", S("r0")}}),
                                           M({{"cells", L({N("4")})}})})}})}});
  // An element whose selected parts are all missing is left out, so the
  // remaining ones close up.
  ExpectProjection(item, {"doc.rows[0].cells[5]", "doc.rows[1].id"},
                   {{"doc", M({{"rows", L({M({{"id", S("r1")}})})}})}});
}

TEST(Projection, NamesAreSingleSteps) {
  // A name containing a dot (from "#n") is a top-level attribute.
  const Item item = {{"a.b", S("hi")}, {"a", M({{"b", S("yo")}, {"c", S("jo")}})}};
  DocumentPath dotted;
  PathElement e;
  e.name = "a.b";
  dotted.elements.push_back(e);
  const std::vector<DocumentPath> paths = {dotted};
  EXPECT_TRUE(Project(paths, item) == (Item{{"a.b", S("hi")}}));
  ExpectProjection(item, {"a.b"}, {{"a", M({{"b", S("yo")}})}});
}

TEST(Projection, EmptyItemsAndEmptyPathLists) {
  ExpectProjection({}, {"a", "b.c", "d[0]"}, {});
  ExpectProjection(Nested(), {}, {});
  StatusOr<Item> r = Project(Paths({"a"}), value::ItemView());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

TEST(Projection, DegeneratePathsSelectNothing) {
  std::vector<DocumentPath> paths(2);  // an empty path, and one starting with an index
  PathElement index;
  index.kind = PathElement::Kind::kIndex;
  paths[1].elements.push_back(index);
  const Item item = Nested();
  EXPECT_TRUE(Project(paths, item).empty());
  EncodedItem encoded(item);
  StatusOr<Item> r = Project(paths, encoded.view());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

TEST(Projection, OverlappingPathsReturnTheWholeValue) {
  // The parser refuses overlapping paths; should two reach here anyway,
  // the enclosing value covers the other.
  const Item item = Nested();
  ExpectProjection(item, {"a", "a.b[0]"}, {{"a", item.at("a")}});
  ExpectProjection(item, {"a.b[0]", "a"}, {{"a", item.at("a")}});
  ExpectProjection(item, {"a.c", "a.c"}, {{"a", M({{"c", N("5")}})}});
}

TEST(Projection, OnlySelectedStoredValuesAreDecoded) {
  // "a" = S "x"; "z" is an N whose bytes are corrupt. Projecting "a" never
  // reads "z"; projecting "z" is an Internal error.
  const std::string bytes("\x01\x02\x01" "a" "\x01\x01" "x" "\x01" "z" "\x02\x03\xff\xff\xff", 14);
  StatusOr<value::ItemView> view = value::ItemView::Open(bytes);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  StatusOr<Item> good = Project(Paths({"a", "q", "z.k", "z[0]"}), *view);
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_TRUE(*good == (Item{{"a", S("x")}}));
  StatusOr<Item> bad = Project(Paths({"a", "z"}), *view);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().type(), ErrorType::kInternalServerError);
}

TEST(Projection, ManyPathsGiveTheSameResult) {
  // Short and long path lists take different routes through a stored item's
  // top level; they must agree.
  const Item item = Nested();
  std::vector<DocumentPath> all = Paths({"b", "a.c"});
  for (int i = 0; i < 30; ++i) all.push_back(Path("x" + std::to_string(i)));
  for (size_t count : {2, 3, 16, 17, 32}) {
    SCOPED_TRACE(count);
    const std::vector<DocumentPath> paths(all.begin(), all.begin() + count);
    const Item want = {{"a", M({{"c", N("5")}})}, {"b", S("hello")}};
    EncodedItem encoded(item);
    StatusOr<Item> stored = Project(paths, encoded.view());
    ASSERT_TRUE(stored.ok()) << stored.status().ToString();
    EXPECT_TRUE(*stored == want) << Show(*stored);
    EXPECT_TRUE(Project(paths, item) == want);
  }
}

TEST(Projection, DegeneratePathsBesideNames) {
  std::vector<DocumentPath> paths = Paths({"b", "a.c"});
  paths.emplace_back();  // empty
  DocumentPath indexed;
  indexed.elements.push_back(Index(0));
  paths.push_back(indexed);
  const Item item = Nested();
  const Item want = {{"a", M({{"c", N("5")}})}, {"b", S("hello")}};
  EXPECT_TRUE(Project(paths, item) == want);
  EncodedItem encoded(item);
  StatusOr<Item> r = Project(paths, encoded.view());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(*r == want) << Show(*r);
}

TEST(Projection, FirstOfRepeatedStoredNamesWins) {
  // A corrupt stored item naming "a" twice (S "x", then S "y"): projections
  // read the first, like ItemView::Find, whichever route they take.
  const std::string bytes("\x01\x02" "\x01" "a" "\x01\x01" "x" "\x01" "a" "\x01\x01" "y", 12);
  StatusOr<value::ItemView> view = value::ItemView::Open(bytes);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  std::vector<DocumentPath> many = Paths({"a"});
  for (int i = 0; i < 20; ++i) many.push_back(Path("x" + std::to_string(i)));
  for (const std::vector<DocumentPath>& paths : {Paths({"a"}), Paths({"a.b", "a"}), many}) {
    StatusOr<Item> r = Project(paths, *view);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_TRUE(*r == (Item{{"a", S("x")}})) << Show(*r);
  }
}

TEST(Projection, DeepPathsAreBounded) {
  // A path far deeper than any storable item selects nothing and does not
  // recurse without bound.
  AttributeValue v = S("leaf");
  for (int i = 0; i < 40; ++i) v = M({{"k", v}});
  const Item item = {{"a", v}};
  std::string deep = "a";
  for (int i = 0; i < 40; ++i) deep += ".k";
  ExpectProjection(item, {deep}, item);
  std::string too_deep = "a";
  for (int i = 0; i < 5000; ++i) too_deep += ".k";
  ExpectProjection(item, {too_deep}, {});
}

// ProjectionExpression text, parsed, applied to the stored `item`.
Item ProjectText(std::string_view text, const Item& item, const AttributeNames& names = {}) {
  ExpressionContext context(names.empty() ? nullptr : &names, nullptr);
  StatusOr<Projection> projection = context.ParseProjection(text);
  EXPECT_TRUE(projection.ok()) << text << ": " << projection.status().ToString();
  if (!projection.ok()) return {};
  EncodedItem encoded(item);
  StatusOr<Item> result = Project(projection->paths, encoded.view());
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_TRUE(Project(projection->paths, item) == (result.ok() ? *result : Item()));
  return result.ok() ? *result : Item();
}

TEST(Projection, ParsedExpressions) {
  const Item item = Nested();
  EXPECT_TRUE(ProjectText("a.b[0],a.b[1]", item) == (Item{{"a", M({{"b", L({N("2"), N("4")})}})}}));
  EXPECT_TRUE(ProjectText(" a.c ,   b  ", item) ==
              (Item{{"a", M({{"c", N("5")}})}, {"b", S("hello")}}));
  EXPECT_TRUE(ProjectText("a.x, a.b[0], x, a.b[3].x", item) ==
              (Item{{"a", M({{"b", L({N("2")})}})}}));
  EXPECT_TRUE(ProjectText("a.b[2].y", item) == (Item{{"a", M({{"b", L({M({{"y", S("yo")}})})}})}}));
  EXPECT_TRUE(ProjectText("a.b[2], a.b[0]", item) ==
              (Item{{"a", M({{"b", L({N("2"), M({{"x", S("hi")}, {"y", S("yo")}})})}})}}));
  EXPECT_TRUE(ProjectText("a.b.x", item).empty());
  EXPECT_TRUE(ProjectText("#n1.#n2", {{"a", M({{"b", N("1")}, {"c", N("2")}})}},
                          {{"#n1", "a"}, {"#n2", "b"}}) == (Item{{"a", M({{"b", N("1")}})}}));
  // "#name" standing for "a.b" names the top-level attribute "a.b".
  const Item dotted = {{"a.b", S("hi")}, {"a", M({{"b", S("yo")}, {"c", S("jo")}})}};
  EXPECT_TRUE(ProjectText("#name", dotted, {{"#name", "a.b"}}) == (Item{{"a.b", S("hi")}}));
  EXPECT_TRUE(ProjectText("a.b", dotted) == (Item{{"a", M({{"b", S("yo")}})}}));
}

}  // namespace
}  // namespace lmddb::expr
