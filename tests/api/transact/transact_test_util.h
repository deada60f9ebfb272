// Helpers for the TransactWriteItems tests: two tables, action builders.
#ifndef LMDDB_TESTS_API_TRANSACT_TRANSACT_TEST_UTIL_H_
#define LMDDB_TESTS_API_TRANSACT_TRANSACT_TEST_UTIL_H_

#include <optional>
#include <string>
#include <vector>

#include "api/cpp/test_util.h"
#include "gtest/gtest.h"

namespace lmddb::testing_util {

inline TransactWriteItem PutAction(const std::string& table, Item item,
                                   std::optional<std::string> condition = std::nullopt) {
  TransactWriteItem a;
  a.put = TransactPut{table, std::move(item), std::move(condition), {}, {}, {}};
  return a;
}

inline TransactWriteItem DeleteAction(const std::string& table, Item key,
                                      std::optional<std::string> condition = std::nullopt) {
  TransactWriteItem a;
  a.delete_ = TransactDelete{table, std::move(key), std::move(condition), {}, {}, {}};
  return a;
}

inline TransactWriteItem UpdateAction(const std::string& table, Item key, std::string update,
                                      std::optional<ExpressionAttributeValues> values = {},
                                      std::optional<std::string> condition = std::nullopt) {
  TransactWriteItem a;
  a.update = TransactUpdate{table, std::move(key), std::move(update), std::move(condition),
                            {}, std::move(values), {}};
  return a;
}

inline TransactWriteItem CheckAction(const std::string& table, Item key, std::string condition,
                                     std::optional<ExpressionAttributeValues> values = {}) {
  TransactWriteItem a;
  a.condition_check = ConditionCheck{table, std::move(key), std::move(condition), {},
                                     std::move(values), {}};
  return a;
}

// "Tab" (pk S) from TableTest plus "Pairs" (pk S, sk N).
class TransactTest : public TableTest {
 protected:
  void SetUp() override {
    TableTest::SetUp();
    auto created = db_->CreateTable(
        TableRequest("Pairs", AttributeValue::Type::kS, AttributeValue::Type::kN));
    ASSERT_TRUE(created.ok()) << created.status().ToString();
  }
  StatusOr<TransactWriteItemsResult> Transact(std::vector<TransactWriteItem> actions,
                                              std::optional<std::string> token = std::nullopt,
                                              std::optional<ReturnConsumedCapacity> rcc = {}) {
    TransactWriteItemsRequest r;
    r.transact_items = std::move(actions);
    r.client_request_token = std::move(token);
    r.return_consumed_capacity = rcc;
    return db_->TransactWriteItems(r);
  }
  std::optional<Item> GetFrom(const std::string& table, Item key) {
    GetItemRequest r;
    r.table_name = table;
    r.key = std::move(key);
    auto result = db_->GetItem(r);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return result.ok() ? result->item : std::nullopt;
  }
  std::vector<std::string> Codes(const Status& s) {
    std::vector<std::string> codes;
    if (s.cancellation_reasons() == nullptr) return codes;
    for (const CancellationReason& r : *s.cancellation_reasons()) codes.push_back(r.code);
    return codes;
  }
};

}  // namespace lmddb::testing_util

#endif  // LMDDB_TESTS_API_TRANSACT_TRANSACT_TEST_UTIL_H_
