// Document path resolution (engine/expr/document_path.h), in stored and in
// decoded items; both must agree.
#include "engine/expr/document_path.h"

#include <string>
#include <string_view>

#include "ast_builders.h"
#include "expr_test_util.h"
#include "gtest/gtest.h"

namespace lmddb::expr {
namespace {

using namespace expr_test;  // NOLINT

Item Sample() {
  return {{"a", M({{"b", N("1")},
                   {"l", L({S("x"), M({{"k", S("deep")}}), L({N("7"), N("8")})})},
                   {"n", Null()}})},
          {"s", S("top")},
          {"ss", SS({"p", "q"})},
          {"a.b", S("dotted")}};
}

class DocumentPathTest : public ::testing::Test {
 protected:
  DocumentPathTest() : item_(Sample()), encoded_(item_) {}

  // Resolves in both forms; checks they agree and returns the decoded one.
  const AttributeValue* Resolve(const DocumentPath& path) {
    StatusOr<std::optional<value::ValueView>> stored = ResolvePath(path, encoded_.view());
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    const AttributeValue* decoded = ResolvePath(path, item_);
    EXPECT_EQ(stored.ok() && stored->has_value(), decoded != nullptr) << PathToString(path);
    if (stored.ok() && stored->has_value() && decoded != nullptr) {
      StatusOr<AttributeValue> v = value::DecodeValue(**stored);
      EXPECT_TRUE(v.ok());
      if (v.ok()) {
        EXPECT_TRUE(*v == *decoded) << PathToString(path);
      }
    }
    return decoded;
  }
  const AttributeValue* Resolve(std::string_view text) { return Resolve(Path(text)); }
  bool Is(std::string_view text, const AttributeValue& expected) {
    const AttributeValue* v = Resolve(text);
    return v != nullptr && *v == expected;
  }

  Item item_;
  EncodedItem encoded_;
};

TEST_F(DocumentPathTest, ResolvesNamesAndIndexes) {
  EXPECT_TRUE(Is("s", S("top")));
  EXPECT_TRUE(Is("a.b", N("1")));
  EXPECT_TRUE(Is("a.l[0]", S("x")));
  EXPECT_TRUE(Is("a.l[1].k", S("deep")));
  EXPECT_TRUE(Is("a.l[2][1]", N("8")));  // a list in a list
  EXPECT_TRUE(Is("a.n", Null()));
  EXPECT_TRUE(Is("a", Sample().at("a")));
}

TEST_F(DocumentPathTest, ListIndexBounds) {
  EXPECT_NE(Resolve("a.l[0]"), nullptr);
  EXPECT_NE(Resolve("a.l[2]"), nullptr);  // the last element
  EXPECT_EQ(Resolve("a.l[3]"), nullptr);  // one past the end
  EXPECT_EQ(Resolve("a.l[2][2]"), nullptr);
  EXPECT_EQ(Resolve("a.l[4294967295]"), nullptr);
}

TEST_F(DocumentPathTest, StepsThroughTheWrongTypeResolveToNothing) {
  EXPECT_EQ(Resolve("missing"), nullptr);
  EXPECT_EQ(Resolve("missing.b"), nullptr);
  EXPECT_EQ(Resolve("a.zz"), nullptr);
  EXPECT_EQ(Resolve("a[0]"), nullptr);    // index on a map
  EXPECT_EQ(Resolve("a.l.k"), nullptr);   // name on a list
  EXPECT_EQ(Resolve("a.b.c"), nullptr);   // name on a number
  EXPECT_EQ(Resolve("a.b[0]"), nullptr);  // index on a number
  EXPECT_EQ(Resolve("s[0]"), nullptr);    // a string is not a list
  EXPECT_EQ(Resolve("ss[0]"), nullptr);   // nor is a set
  EXPECT_EQ(Resolve("a.n.x"), nullptr);   // nor NULL a map
  EXPECT_EQ(Resolve("a.l[1].k.x"), nullptr);
}

TEST_F(DocumentPathTest, NamesAreSingleSteps) {
  // A name with a dot is one attribute ("#n" standing for "a.b"), not a.b.
  DocumentPath dotted;
  dotted.elements.push_back(Name("a.b"));
  const AttributeValue* v = Resolve(dotted);
  ASSERT_NE(v, nullptr);
  EXPECT_TRUE(*v == S("dotted"));
}

TEST_F(DocumentPathTest, DegeneratePathsResolveToNothing) {
  EXPECT_EQ(Resolve(DocumentPath()), nullptr);
  DocumentPath index_first;
  index_first.elements.push_back(Index(0));
  EXPECT_EQ(Resolve(index_first), nullptr);
}

TEST_F(DocumentPathTest, EmptyItem) {
  StatusOr<std::optional<value::ValueView>> r = ResolvePath(Path("a"), value::ItemView());
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->has_value());
  EXPECT_EQ(ResolvePath(Path("a"), Item()), nullptr);
}

TEST_F(DocumentPathTest, ResolveStepOnSingleValues) {
  const AttributeValue list = L({N("1"), N("2")});
  ASSERT_NE(ResolveStep(list, Index(1)), nullptr);
  EXPECT_TRUE(*ResolveStep(list, Index(1)) == N("2"));
  EXPECT_EQ(ResolveStep(list, Index(2)), nullptr);
  EXPECT_EQ(ResolveStep(list, Name("x")), nullptr);
  const AttributeValue map = M({{"x", S("y")}});
  ASSERT_NE(ResolveStep(map, Name("x")), nullptr);
  EXPECT_EQ(ResolveStep(map, Index(0)), nullptr);
  EXPECT_EQ(ResolveStep(S("x"), Name("x")), nullptr);
}

TEST_F(DocumentPathTest, MutableResolutionReachesTheItem) {
  Item item = Sample();
  AttributeValue* v = ResolvePath(Path("a.l[1].k"), &item);
  ASSERT_NE(v, nullptr);
  *v = S("changed");
  EXPECT_TRUE(item.at("a").m().at("l").l()[1].m().at("k") == S("changed"));
  AttributeValue* list = ResolvePath(Path("a.l"), &item);
  ASSERT_NE(list, nullptr);
  AttributeValue* first = ResolveStep(list, Index(0));
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first, &list->l()[0]);
  EXPECT_EQ(ResolvePath(Path("a.l[9]"), &item), nullptr);
}

TEST_F(DocumentPathTest, CorruptNestedBytesAreInternalErrors) {
  // "m" is an M whose body claims one entry but holds only a name length.
  std::string bytes("\x01\x01\x01m\x07\x02\x01\x05", 8);
  StatusOr<value::ItemView> view = value::ItemView::Open(bytes);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  StatusOr<std::optional<value::ValueView>> top = ResolvePath(Path("m"), *view);
  ASSERT_TRUE(top.ok());
  EXPECT_TRUE(top->has_value());
  StatusOr<std::optional<value::ValueView>> inner = ResolvePath(Path("m.k"), *view);
  ASSERT_FALSE(inner.ok());
  EXPECT_EQ(inner.status().type(), ErrorType::kInternalServerError);
  // A step that does not enter the corrupt value is fine.
  StatusOr<std::optional<value::ValueView>> index = ResolvePath(Path("m[0]"), *view);
  ASSERT_TRUE(index.ok());
  EXPECT_FALSE(index->has_value());
}

}  // namespace
}  // namespace lmddb::expr
