// ReturnConsumedCapacity on PutItem, UpdateItem, DeleteItem and GetItem:
// DynamoDB's unit sizes (1 KB written, 4 KB read) at their boundaries, the
// TOTAL and INDEXES shapes, and nothing for NONE.
#include <string>

#include "api/cpp/test_util.h"
#include "gtest/gtest.h"

namespace lmddb {
namespace {

using testing_util::S;
using testing_util::TableTest;

// An item of exactly `size` bytes by DynamoDB's rules: "pk" + "k" (3 bytes)
// and "d" plus a string of size - 4 bytes.
Item ItemOfSize(size_t size, const std::string& pk = "k") {
  return Item{{"pk", S(pk)}, {"d", S(std::string(size - 3 - pk.size(), 'x'))}};
}

class ConsumedCapacityTest : public TableTest {
 protected:
  double PutUnits(Item item) {
    PutItemRequest r;
    r.table_name = "Tab";
    r.item = std::move(item);
    r.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
    auto result = db_->PutItem(r);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    if (!result.ok() || !result->consumed_capacity) return -1;
    EXPECT_EQ(result->consumed_capacity->table_name, "Tab");
    return result->consumed_capacity->capacity_units;
  }
  double GetUnits(const std::string& pk, std::optional<bool> consistent) {
    GetItemRequest r;
    r.table_name = "Tab";
    r.key = {{"pk", S(pk)}};
    r.consistent_read = consistent;
    r.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
    auto result = db_->GetItem(r);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    if (!result.ok() || !result->consumed_capacity) return -1;
    return result->consumed_capacity->capacity_units;
  }
};

TEST_F(ConsumedCapacityTest, PutItemChargesOneUnitPerKilobyteOfTheLargerImage) {
  EXPECT_EQ(PutUnits(ItemOfSize(1024)), 1);
  EXPECT_EQ(PutUnits(ItemOfSize(1025)), 2);   // replaces a 1024-byte item
  EXPECT_EQ(PutUnits(ItemOfSize(10)), 2);     // the old image was 1025 bytes
  EXPECT_EQ(PutUnits(ItemOfSize(2048)), 2);
  EXPECT_EQ(PutUnits(ItemOfSize(2049)), 3);
}

TEST_F(ConsumedCapacityTest, DeleteItemChargesTheOldItemAndOneForAMissingItem) {
  ASSERT_TRUE(Put(ItemOfSize(1025)).ok());
  DeleteItemRequest r;
  r.table_name = "Tab";
  r.key = {{"pk", S("k")}};
  r.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  auto deleted = db_->DeleteItem(r);
  ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
  ASSERT_TRUE(deleted->consumed_capacity);
  EXPECT_EQ(deleted->consumed_capacity->capacity_units, 2);
  auto missing = db_->DeleteItem(r);
  ASSERT_TRUE(missing.ok());
  ASSERT_TRUE(missing->consumed_capacity);
  EXPECT_EQ(missing->consumed_capacity->capacity_units, 1);
}

TEST_F(ConsumedCapacityTest, UpdateItemChargesTheLargerOfOldAndNew) {
  UpdateItemRequest r;
  r.table_name = "Tab";
  r.key = {{"pk", S("k")}};
  r.update_expression = "SET d = :v";
  r.expression_attribute_values = Item{{":v", S(std::string(1021, 'x'))}};  // 3 + 1 + 1021
  r.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  auto grown = db_->UpdateItem(r);
  ASSERT_TRUE(grown.ok()) << grown.status().ToString();
  ASSERT_TRUE(grown->consumed_capacity);
  EXPECT_EQ(grown->consumed_capacity->capacity_units, 2);
  r.expression_attribute_values = Item{{":v", S("small")}};
  auto shrunk = db_->UpdateItem(r);
  ASSERT_TRUE(shrunk.ok());
  EXPECT_EQ(shrunk->consumed_capacity->capacity_units, 2);
  auto small = db_->UpdateItem(r);
  ASSERT_TRUE(small.ok());
  EXPECT_EQ(small->consumed_capacity->capacity_units, 1);
}

TEST_F(ConsumedCapacityTest, GetItemChargesFourKilobyteUnitsHalvedWhenEventuallyConsistent) {
  ASSERT_TRUE(Put(ItemOfSize(4096, "a")).ok());
  ASSERT_TRUE(Put(ItemOfSize(4097, "b")).ok());
  EXPECT_EQ(GetUnits("a", true), 1);
  EXPECT_EQ(GetUnits("a", std::nullopt), 0.5);
  EXPECT_EQ(GetUnits("b", true), 2);
  EXPECT_EQ(GetUnits("b", false), 1);
  EXPECT_EQ(GetUnits("missing", true), 1);
  EXPECT_EQ(GetUnits("missing", false), 0.5);
}

TEST_F(ConsumedCapacityTest, ProjectionDoesNotReduceTheCharge) {
  ASSERT_TRUE(Put(ItemOfSize(4097)).ok());
  GetItemRequest r;
  r.table_name = "Tab";
  r.key = {{"pk", S("k")}};
  r.projection_expression = "pk";
  r.consistent_read = true;
  r.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  auto result = db_->GetItem(r);
  ASSERT_TRUE(result.ok());
  ASSERT_TRUE(result->consumed_capacity);
  EXPECT_EQ(result->consumed_capacity->capacity_units, 2);
}

TEST_F(ConsumedCapacityTest, TotalAndIndexesShapesAndNoneAbsent) {
  PutItemRequest put;
  put.table_name = "Tab";
  put.item = ItemOfSize(100);
  auto none = db_->PutItem(put);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->consumed_capacity);
  put.return_consumed_capacity = ReturnConsumedCapacity::kNone;
  auto explicit_none = db_->PutItem(put);
  ASSERT_TRUE(explicit_none.ok());
  EXPECT_FALSE(explicit_none->consumed_capacity);

  put.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  auto total = db_->PutItem(put);
  ASSERT_TRUE(total.ok());
  ASSERT_TRUE(total->consumed_capacity);
  EXPECT_EQ(total->consumed_capacity->table_name, "Tab");
  EXPECT_EQ(total->consumed_capacity->capacity_units, 1);
  EXPECT_FALSE(total->consumed_capacity->table);
  EXPECT_FALSE(total->consumed_capacity->write_capacity_units);
  EXPECT_TRUE(total->consumed_capacity->global_secondary_indexes.empty());

  put.return_consumed_capacity = ReturnConsumedCapacity::kIndexes;
  auto indexes = db_->PutItem(put);
  ASSERT_TRUE(indexes.ok());
  ASSERT_TRUE(indexes->consumed_capacity);
  EXPECT_EQ(indexes->consumed_capacity->capacity_units, 1);
  ASSERT_TRUE(indexes->consumed_capacity->table);
  EXPECT_EQ(indexes->consumed_capacity->table->capacity_units, 1);

  GetItemRequest get;
  get.table_name = "Tab";
  get.key = {{"pk", S("k")}};
  auto get_none = db_->GetItem(get);
  ASSERT_TRUE(get_none.ok());
  EXPECT_FALSE(get_none->consumed_capacity);
  get.return_consumed_capacity = ReturnConsumedCapacity::kIndexes;
  auto get_indexes = db_->GetItem(get);
  ASSERT_TRUE(get_indexes.ok());
  ASSERT_TRUE(get_indexes->consumed_capacity);
  EXPECT_EQ(get_indexes->consumed_capacity->capacity_units, 0.5);
  ASSERT_TRUE(get_indexes->consumed_capacity->table);
  EXPECT_EQ(get_indexes->consumed_capacity->table->capacity_units, 0.5);
  EXPECT_FALSE(get_indexes->consumed_capacity->read_capacity_units);
}

// A failed condition is an error; DynamoDB's ConditionalCheckFailedException
// carries no ConsumedCapacity, and neither does the Status here.
TEST_F(ConsumedCapacityTest, FailedConditionReportsTheErrorOnly) {
  PutItemRequest put;
  put.table_name = "Tab";
  put.item = ItemOfSize(100);
  put.condition_expression = "attribute_exists(pk)";
  put.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  auto result = db_->PutItem(put);
  EXPECT_TRUE(testing_util::IsError(result.status(), ErrorType::kConditionalCheckFailed,
                                    "The conditional request failed"));
}

}  // namespace
}  // namespace lmddb
