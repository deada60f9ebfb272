// UpdateItem through the C++ API: upsert, ReturnValues, conditions, key
// attributes, limits, and atomicity under concurrent writers. The clause
// semantics themselves are tested in tests/engine/expr/update_test.cc.
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "lmddb/lmddb.hpp"
#include "tests/api/cpp/test_util.h"

namespace lmddb {
namespace {

using namespace lmddb::testing_util;  // NOLINT

class UpdateItemTest : public TableTest {
 protected:
  StatusOr<UpdateItemResult> Update(Item key, std::optional<std::string> update,
                                    ExpressionAttributeValues values = {},
                                    std::optional<ReturnValue> rv = {},
                                    std::optional<std::string> condition = {}) {
    UpdateItemRequest r;
    r.table_name = "Tab";
    r.key = std::move(key);
    r.update_expression = std::move(update);
    r.condition_expression = std::move(condition);
    if (!values.empty()) r.expression_attribute_values = std::move(values);
    r.return_values = rv;
    return db_->UpdateItem(r);
  }
  uint64_t TableSize() {
    auto d = db_->DescribeTable(DescribeTableRequest{"Tab"});
    EXPECT_TRUE(d.ok());
    return d.ok() ? d->table.table_size_bytes : 0;
  }
};

TEST_F(UpdateItemTest, CreatesTheItemWhenMissing) {
  auto r = Update({{"pk", S("a")}}, "SET v = :v, w = :w", {{":v", N(1)}, {":w", S("x")}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->attributes, std::nullopt);
  EXPECT_EQ(Get({{"pk", S("a")}}), (Item{{"pk", S("a")}, {"v", N(1)}, {"w", S("x")}}));
}

TEST_F(UpdateItemTest, WithoutUpdateExpressionCreatesJustTheKey) {
  LMDDB_ASSERT_OK(Update({{"pk", S("a")}}, std::nullopt).status());
  EXPECT_EQ(Get({{"pk", S("a")}}), (Item{{"pk", S("a")}}));
}

TEST_F(UpdateItemTest, UpdateThatOnlyRemovesDoesNotCreateTheItem) {
  LMDDB_ASSERT_OK(Update({{"pk", S("a")}}, "REMOVE a, b.c").status());
  LMDDB_ASSERT_OK(Update({{"pk", S("a")}}, "DELETE s :s", {{":s", AttributeValue::SS({"x"})}}).status());
  EXPECT_EQ(Get({{"pk", S("a")}}), std::nullopt);
  auto d = db_->DescribeTable(DescribeTableRequest{"Tab"});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->table.item_count, 0);
}

TEST_F(UpdateItemTest, UpdatesInPlaceAndKeepsOtherAttributes) {
  LMDDB_ASSERT_OK(Put({{"pk", S("a")}, {"n", N(5)}, {"keep", S("k")}, {"gone", S("g")}}));
  LMDDB_ASSERT_OK(Update({{"pk", S("a")}}, "SET n = n + :d REMOVE gone", {{":d", N("-7.5")}}).status());
  EXPECT_EQ(Get({{"pk", S("a")}}), (Item{{"pk", S("a")}, {"n", N("-2.5")}, {"keep", S("k")}}));
}

TEST_F(UpdateItemTest, ReturnValuesAllFiveKinds) {
  const Item old_item = {{"pk", S("a")}, {"a", N(1)}, {"b", S("b")}, {"m", AttributeValue::M({{"x", N(1)}, {"y", N(2)}})}};
  const std::string update = "SET a = a + :one, m.x = :ten";
  const ExpressionAttributeValues values = {{":one", N(1)}, {":ten", N(10)}};
  const Item new_item = {{"pk", S("a")}, {"a", N(2)}, {"b", S("b")}, {"m", AttributeValue::M({{"x", N(10)}, {"y", N(2)}})}};

  struct Case {
    ReturnValue rv;
    std::optional<Item> want;
  };
  const std::vector<Case> cases = {
      {ReturnValue::kNone, std::nullopt},
      {ReturnValue::kAllOld, old_item},
      {ReturnValue::kAllNew, new_item},
      // UPDATED_*: only the updated paths, nested maps keep their shape.
      {ReturnValue::kUpdatedOld, Item{{"a", N(1)}, {"m", AttributeValue::M({{"x", N(1)}})}}},
      {ReturnValue::kUpdatedNew, Item{{"a", N(2)}, {"m", AttributeValue::M({{"x", N(10)}})}}},
  };
  for (const Case& c : cases) {
    LMDDB_ASSERT_OK(Put(old_item));
    auto r = Update({{"pk", S("a")}}, update, values, c.rv);
    ASSERT_TRUE(r.ok()) << ReturnValueName(c.rv) << ": " << r.status().ToString();
    EXPECT_EQ(r->attributes, c.want) << ReturnValueName(c.rv);
    EXPECT_EQ(Get({{"pk", S("a")}}), new_item);
  }
}

TEST_F(UpdateItemTest, ReturnValuesOfACreatedItem) {
  auto r = Update({{"pk", S("a")}}, "SET v = :v", {{":v", N(1)}}, ReturnValue::kAllOld);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->attributes, std::nullopt);  // there was no old item
  r = Update({{"pk", S("b")}}, "SET v = :v", {{":v", N(1)}}, ReturnValue::kUpdatedOld);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->attributes, std::nullopt);
  r = Update({{"pk", S("c")}}, "SET v = :v", {{":v", N(1)}}, ReturnValue::kAllNew);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->attributes, (Item{{"pk", S("c")}, {"v", N(1)}}));
  // UPDATED_NEW after a REMOVE of the only touched attribute: nothing to return.
  r = Update({{"pk", S("c")}}, "REMOVE v", {}, ReturnValue::kUpdatedNew);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->attributes, std::nullopt);
}

TEST_F(UpdateItemTest, KeyAttributesCannotBeUpdated) {
  LMDDB_ASSERT_OK(Put({{"pk", S("a")}}));
  for (const char* update : {"SET pk = :v", "REMOVE pk", "ADD pk :n", "SET extra = :v, pk = :v"}) {
    ExpressionAttributeValues values;
    if (std::string(update).find(":v") != std::string::npos) values = {{":v", S("b")}};
    if (std::string(update).find(":n") != std::string::npos) values = {{":n", N(1)}};
    EXPECT_TRUE(IsError(Update({{"pk", S("a")}}, update, values).status(), ErrorType::kValidation,
                        "One or more parameter values were invalid: Cannot update attribute pk. "
                        "This attribute is part of the key"))
        << update;
  }
  EXPECT_EQ(Get({{"pk", S("a")}}), (Item{{"pk", S("a")}}));
}

TEST_F(UpdateItemTest, ConditionFailureChangesNothingAndCanReturnTheItem) {
  const Item stored = {{"pk", S("a")}, {"n", N(1)}};
  LMDDB_ASSERT_OK(Put(stored));
  UpdateItemRequest r;
  r.table_name = "Tab";
  r.key = {{"pk", S("a")}};
  r.update_expression = "SET n = n + :one";
  r.condition_expression = "n > :limit";
  r.expression_attribute_values = ExpressionAttributeValues{{":one", N(1)}, {":limit", N(5)}};
  r.return_values_on_condition_check_failure = ReturnValuesOnConditionCheckFailure::kAllOld;
  Status s = db_->UpdateItem(r).status();
  EXPECT_TRUE(IsError(s, ErrorType::kConditionalCheckFailed, "The conditional request failed"));
  ASSERT_NE(s.item(), nullptr);
  EXPECT_EQ(*s.item(), stored);
  EXPECT_EQ(Get({{"pk", S("a")}}), stored);
  // A condition on a missing item sees an empty item, and nothing is created.
  r.key = {{"pk", S("missing")}};
  s = db_->UpdateItem(r).status();
  EXPECT_EQ(s.type(), ErrorType::kConditionalCheckFailed);
  EXPECT_EQ(s.item(), nullptr);
  EXPECT_EQ(Get({{"pk", S("missing")}}), std::nullopt);
}

TEST_F(UpdateItemTest, RuntimeUpdateErrorsWriteNothing) {
  const Item stored = {{"pk", S("a")}, {"s", S("text")}};
  LMDDB_ASSERT_OK(Put(stored));
  EXPECT_TRUE(IsError(Update({{"pk", S("a")}}, "SET n = absent + :one", {{":one", N(1)}}).status(),
                      ErrorType::kValidation,
                      "The provided expression refers to an attribute that does not exist in the item"));
  EXPECT_TRUE(IsError(Update({{"pk", S("a")}}, "SET n = s + :one", {{":one", N(1)}}).status(),
                      ErrorType::kValidation,
                      "An operand in the update expression has an incorrect data type"));
  EXPECT_TRUE(IsError(Update({{"pk", S("a")}}, "SET nested.x = :one", {{":one", N(1)}}).status(),
                      ErrorType::kValidation,
                      "The document path provided in the update expression is invalid for update"));
  EXPECT_EQ(Get({{"pk", S("a")}}), stored);
}

TEST_F(UpdateItemTest, ResultOverItemSizeLimitIsRefused) {
  LMDDB_ASSERT_OK(Put({{"pk", S("a")}, {"big", S(std::string(300000, 'x'))}}));
  const uint64_t size_before = TableSize();
  EXPECT_TRUE(IsError(Update({{"pk", S("a")}}, "SET more = :v", {{":v", S(std::string(200000, 'y'))}}).status(),
                      ErrorType::kValidation, "Item size to update has exceeded the maximum allowed size"));
  EXPECT_EQ(TableSize(), size_before);
  EXPECT_EQ(Get({{"pk", S("a")}})->size(), 2u);
}

TEST_F(UpdateItemTest, ExpressionAttributeValuesWithoutExpressions) {
  UpdateItemRequest r;
  r.table_name = "Tab";
  r.key = {{"pk", S("a")}};
  r.expression_attribute_values = ExpressionAttributeValues{{":v", N(1)}};
  EXPECT_TRUE(IsError(db_->UpdateItem(r).status(), ErrorType::kValidation,
                      "ExpressionAttributeValues can only be specified when using expressions: "
                      "UpdateExpression is null and ConditionExpression is null"));
  EXPECT_EQ(Get({{"pk", S("a")}}), std::nullopt);
}

TEST_F(UpdateItemTest, ValuesUsedByEitherExpressionCountAsUsed) {
  LMDDB_ASSERT_OK(Update({{"pk", S("a")}}, "SET v = :v", {{":v", N(1)}, {":c", N(0)}}, {},
                         "attribute_not_exists(v) OR v > :c")
                      .status());
  EXPECT_TRUE(IsError(Update({{"pk", S("a")}}, "SET v = :v", {{":v", N(1)}, {":c", N(0)}}).status(),
                      ErrorType::kValidation,
                      "Value provided in ExpressionAttributeValues unused in expressions: keys: {:c}"));
}

TEST_F(UpdateItemTest, TableSizeFollowsUpdates) {
  LMDDB_ASSERT_OK(Update({{"pk", S("a")}}, "SET s = :s", {{":s", S("0123456789")}}).status());
  // pk (2 + 1) + s (1 + 10)
  EXPECT_EQ(TableSize(), 14u);
  LMDDB_ASSERT_OK(Update({{"pk", S("a")}}, "REMOVE s").status());
  EXPECT_EQ(TableSize(), 3u);
}

// Increments from concurrent writers are never lost: each UpdateItem reads
// and writes in one transaction.
TEST_F(UpdateItemTest, ConcurrentIncrementsAreAllApplied) {
  constexpr int kThreads = 4;
  constexpr int kIncrements = 250;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i) {
        Status s = Update({{"pk", S("counter")}}, "ADD hits :one", {{":one", N(1)}}).status();
        EXPECT_TRUE(s.ok()) << s.ToString();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(Get({{"pk", S("counter")}}), (Item{{"pk", S("counter")}, {"hits", N(kThreads * kIncrements)}}));
}

TEST_F(UpdateItemTest, TableHandleConvenience) {
  Table t = db_->table("Tab");
  LMDDB_ASSERT_OK(t.UpdateItem({{"pk", S("a")}}, "SET v = :v", {{":v", S("x")}}));
  LMDDB_ASSERT_OK(t.UpdateItem({{"pk", S("a")}}, "REMOVE v"));
  EXPECT_EQ(Get({{"pk", S("a")}}), (Item{{"pk", S("a")}}));
}

}  // namespace
}  // namespace lmddb
