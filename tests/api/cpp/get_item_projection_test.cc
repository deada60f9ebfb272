// GetItem with a ProjectionExpression through the C++ API. The projection
// shapes themselves are tested in tests/engine/expr/projection_test.cc.
#include <string>

#include "gtest/gtest.h"
#include "lmddb/lmddb.hpp"
#include "tests/api/cpp/test_util.h"

namespace lmddb {
namespace {

using namespace lmddb::testing_util;  // NOLINT

class GetItemProjectionTest : public TableTest {
 protected:
  void SetUp() override {
    TableTest::SetUp();
    LMDDB_ASSERT_OK(Put(stored_));
  }
  StatusOr<GetItemResult> GetProjected(Item key, std::string projection,
                                       ExpressionAttributeNames names = {}) {
    GetItemRequest r;
    r.table_name = "Tab";
    r.key = std::move(key);
    r.projection_expression = std::move(projection);
    if (!names.empty()) r.expression_attribute_names = std::move(names);
    return db_->GetItem(r);
  }

  const Item stored_ = {
      {"pk", S("a")},
      {"name", S("n")},
      {"count", N(3)},
      {"doc", AttributeValue::M({{"x", N(1)}, {"y", AttributeValue::L({S("l0"), S("l1"), S("l2")})}})},
  };
};

TEST_F(GetItemProjectionTest, ReturnsOnlyTheSelectedAttributes) {
  auto r = GetProjected({{"pk", S("a")}}, "#n, doc.y[1], #c", {{"#n", "name"}, {"#c", "count"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->item, (Item{{"name", S("n")},
                           {"count", N(3)},
                           {"doc", AttributeValue::M({{"y", AttributeValue::L({S("l1")})}})}}));
}

TEST_F(GetItemProjectionTest, KeyIsReturnedOnlyWhenProjected) {
  auto r = GetProjected({{"pk", S("a")}}, "pk");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->item, (Item{{"pk", S("a")}}));
}

TEST_F(GetItemProjectionTest, NothingSelectedGivesAnEmptyItem) {
  auto r = GetProjected({{"pk", S("a")}}, "nothing, doc.z");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->item, Item());
  r = GetProjected({{"pk", S("missing")}}, "pk");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->item, std::nullopt);
}

TEST_F(GetItemProjectionTest, ReservedWordsNeedPlaceholders) {
  EXPECT_TRUE(IsError(GetProjected({{"pk", S("a")}}, "name").status(), ErrorType::kValidation,
                      "Invalid ProjectionExpression: Attribute name is a reserved keyword; "
                      "reserved keyword: name"));
}

TEST_F(GetItemProjectionTest, NamesRulesApply) {
  GetItemRequest r;
  r.table_name = "Tab";
  r.key = {{"pk", S("a")}};
  r.expression_attribute_names = ExpressionAttributeNames{{"#n", "name"}};
  EXPECT_TRUE(IsError(db_->GetItem(r).status(), ErrorType::kValidation,
                      "ExpressionAttributeNames can only be specified when using expressions"));
  EXPECT_TRUE(IsError(GetProjected({{"pk", S("a")}}, "pk", {{"#n", "name"}}).status(), ErrorType::kValidation,
                      "Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}"));
  EXPECT_TRUE(IsError(GetProjected({{"pk", S("a")}}, "#x").status(), ErrorType::kValidation,
                      "Invalid ProjectionExpression: An expression attribute name used in the document "
                      "path is not defined; attribute name: #x"));
}

}  // namespace
}  // namespace lmddb
