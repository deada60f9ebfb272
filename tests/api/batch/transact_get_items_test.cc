#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "api/batch/batch_test_util.h"

namespace lmddb::testing_util {
namespace {

using TransactGetItemsTest = BatchTest;

TEST_F(TransactGetItemsTest, ResponsesInRequestOrderAcrossTables) {
  Put("Hash", {{"pk", S("a")}, {"v", N(1)}, {"w", N(2)}});
  Put("Range", {{"pk", S("a")}, {"sk", N(1)}, {"x", S("r")}});
  TransactGetItemsRequest request;
  request.transact_items = {GetOf("Range", RangeKey("a", 1)), GetOf("Hash", HashKey("missing")),
                            GetOf("Hash", HashKey("a"))};
  request.transact_items[2].get.projection_expression = "#w";
  request.transact_items[2].get.expression_attribute_names = ExpressionAttributeNames{{"#w", "w"}};
  auto r = db_->TransactGetItems(request);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->responses.size(), 3u);
  EXPECT_EQ(r->responses[0].item, (Item{{"pk", S("a")}, {"sk", N(1)}, {"x", S("r")}}));
  EXPECT_EQ(r->responses[1].item, std::nullopt);
  EXPECT_EQ(r->responses[2].item, (Item{{"w", N(2)}}));
  EXPECT_FALSE(r->consumed_capacity.has_value());
}

TEST_F(TransactGetItemsTest, HundredAcceptedAndHundredOneRefused) {
  TransactGetItemsRequest request;
  for (int i = 0; i < 100; ++i) request.transact_items.push_back(GetOf("Range", RangeKey("p", i)));
  auto r = db_->TransactGetItems(request);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->responses.size(), 100u);
  request.transact_items.push_back(GetOf("Range", RangeKey("p", 100)));
  Status s = db_->TransactGetItems(request).status();
  EXPECT_EQ(s.type(), ErrorType::kValidation);
  EXPECT_EQ(s.message().rfind("1 validation error detected: Value '[{Get: {Key: ", 0), 0u)
      << s.message();
  EXPECT_NE(s.message().find("' at 'transactItems' failed to satisfy constraint: Member must "
                             "have length less than or equal to 100"),
            std::string::npos)
      << s.message();
}

TEST_F(TransactGetItemsTest, ShapeErrors) {
  TransactGetItemsRequest request;
  EXPECT_TRUE(IsError(db_->TransactGetItems(request).status(), ErrorType::kValidation,
                      "1 validation error detected: Value '[]' at 'transactItems' failed to "
                      "satisfy constraint: Member must have length greater than or equal to 1"));
  request.transact_items = {GetOf("Hash", HashKey("a")), GetOf("x", HashKey("a"))};
  EXPECT_TRUE(IsError(db_->TransactGetItems(request).status(), ErrorType::kValidation,
                      "1 validation error detected: Value 'x' at "
                      "'transactItems.2.member.get.tableName' failed to satisfy constraint: "
                      "Member must have length greater than or equal to 3"));
}

TEST_F(TransactGetItemsTest, GetsAreCheckedAsGetItemChecksThem) {
  TransactGetItemsRequest request;
  request.transact_items = {GetOf("Hash", HashKey("a")), GetOf("Nope", HashKey("a"))};
  EXPECT_TRUE(IsError(db_->TransactGetItems(request).status(), ErrorType::kResourceNotFound,
                      "Requested resource not found"));
  request.transact_items = {GetOf("Range", HashKey("a"))};
  EXPECT_TRUE(IsError(db_->TransactGetItems(request).status(), ErrorType::kValidation,
                      "The provided key element does not match the schema"));
  request.transact_items = {GetOf("Hash", HashKey("a"))};
  request.transact_items[0].get.projection_expression = "name";
  EXPECT_TRUE(IsError(db_->TransactGetItems(request).status(), ErrorType::kValidation,
                      "Invalid ProjectionExpression: Attribute name is a reserved keyword; "
                      "reserved keyword: name"));
  request.transact_items[0].get.projection_expression = "v";
  request.transact_items[0].get.expression_attribute_names = ExpressionAttributeNames{{"#u", "u"}};
  EXPECT_TRUE(IsError(db_->TransactGetItems(request).status(), ErrorType::kValidation,
                      "Value provided in ExpressionAttributeNames unused in expressions: keys: "
                      "{#u}"));
}

TEST_F(TransactGetItemsTest, TwoGetsOfOneItemAreRefused) {
  TransactGetItemsRequest request;
  request.transact_items = {GetOf("Range", RangeKey("a", 1)), GetOf("Hash", HashKey("a")),
                            GetOf("Range", Item{{"pk", S("a")}, {"sk", N("1.0")}})};
  EXPECT_TRUE(IsError(db_->TransactGetItems(request).status(), ErrorType::kValidation,
                      "Transaction request cannot include multiple operations on one item"));
  request.transact_items.pop_back();
  EXPECT_TRUE(db_->TransactGetItems(request).ok());
}

TEST_F(TransactGetItemsTest, ConsumedCapacityIsDoubled) {
  Put("Hash", {{"pk", S("big")}, {"v", S(std::string(5000, 'x'))}});
  Put("Hash", {{"pk", S("small")}});
  TransactGetItemsRequest request;
  request.transact_items = {GetOf("Hash", HashKey("big")), GetOf("Range", RangeKey("none", 1)),
                            GetOf("Hash", HashKey("small")), GetOf("Hash", HashKey("none"))};
  request.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  auto r = db_->TransactGetItems(request);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->consumed_capacity.has_value());
  ASSERT_EQ(r->consumed_capacity->size(), 2u);
  // big: 2 units, small 1, missing 1: 4, doubled.
  EXPECT_EQ((*r->consumed_capacity)[0].table_name, "Hash");
  EXPECT_EQ((*r->consumed_capacity)[0].capacity_units, 8.0);
  EXPECT_EQ((*r->consumed_capacity)[0].read_capacity_units, 8.0);
  EXPECT_EQ((*r->consumed_capacity)[1].table_name, "Range");
  EXPECT_EQ((*r->consumed_capacity)[1].capacity_units, 2.0);
  request.return_consumed_capacity = ReturnConsumedCapacity::kIndexes;
  r = db_->TransactGetItems(request);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE((*r->consumed_capacity)[0].table.has_value());
  EXPECT_EQ((*r->consumed_capacity)[0].table->capacity_units, 8.0);
  EXPECT_EQ((*r->consumed_capacity)[0].table->read_capacity_units, 8.0);
}

TEST_F(TransactGetItemsTest, ItemsOverFourMegabytesAreRefused) {
  const std::string filler(390 * 1024, 'f');
  TransactGetItemsRequest request;
  for (int i = 0; i < 11; ++i) {
    Put("Hash", {{"pk", S("k" + std::to_string(i))}, {"data", S(filler)}});
    request.transact_items.push_back(GetOf("Hash", HashKey("k" + std::to_string(i))));
  }
  // 10 items (~3.9 MB) are within the limit; 11 (~4.3 MB) are not.
  std::vector<TransactGetItem> ten(request.transact_items.begin(),
                                   request.transact_items.begin() + 10);
  TransactGetItemsRequest within;
  within.transact_items = ten;
  auto r = db_->TransactGetItems(within);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->responses.size(), 10u);
  EXPECT_TRUE(IsError(db_->TransactGetItems(request).status(), ErrorType::kValidation,
                      "Transaction request cannot be larger than 4 MB"));
}

// A writer moves units between two items (in one BatchWriteItem, which
// commits both puts together); every TransactGetItems must see a total of
// 100, never a state between the two puts.
TEST_F(TransactGetItemsTest, ReadsOneSnapshot) {
  Put("Hash", {{"pk", S("x")}, {"n", N(100)}});
  Put("Range", {{"pk", S("y")}, {"sk", N(0)}, {"n", N(0)}});
  std::atomic<bool> stop{false};
  std::atomic<int> writes{0};
  std::thread writer([&] {
    for (int i = 1; !stop.load(); ++i) {
      const int64_t moved = i % 101;
      BatchWriteItemRequest request;
      request.request_items["Hash"] = {PutOf({{"pk", S("x")}, {"n", N(100 - moved)}})};
      request.request_items["Range"] = {PutOf({{"pk", S("y")}, {"sk", N(0)}, {"n", N(moved)}})};
      auto r = db_->BatchWriteItem(request);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      writes.fetch_add(1);
    }
  });
  TransactGetItemsRequest request;
  request.transact_items = {GetOf("Hash", HashKey("x")), GetOf("Range", RangeKey("y", 0))};
  for (int i = 0; i < 2000 || writes.load() < 50; ++i) {
    auto r = db_->TransactGetItems(request);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_TRUE(r->responses[0].item && r->responses[1].item);
    const Number& a = r->responses[0].item->at("n").n();
    const Number& b = r->responses[1].item->at("n").n();
    ASSERT_EQ(std::stoll(a.ToString()) + std::stoll(b.ToString()), 100) << "iteration " << i;
    if (i > 1000000) break;
  }
  stop.store(true);
  writer.join();
}

}  // namespace
}  // namespace lmddb::testing_util
