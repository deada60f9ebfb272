// ConditionExpression on PutItem and DeleteItem, and the request-level rules
// on ExpressionAttributeNames/Values, through the C++ API.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "lmddb/lmddb.hpp"
#include "tests/api/cpp/test_util.h"

namespace lmddb {
namespace {

using namespace lmddb::testing_util;  // NOLINT

constexpr char kFailed[] = "The conditional request failed";

class ConditionalWriteTest : public TableTest {
 protected:
  StatusOr<PutItemResult> PutIf(Item item, std::string condition, ExpressionAttributeValues values = {},
                                ExpressionAttributeNames names = {},
                                std::optional<ReturnValuesOnConditionCheckFailure> on_failure = {}) {
    PutItemRequest r;
    r.table_name = "Tab";
    r.item = std::move(item);
    r.condition_expression = std::move(condition);
    if (!values.empty()) r.expression_attribute_values = std::move(values);
    if (!names.empty()) r.expression_attribute_names = std::move(names);
    r.return_values_on_condition_check_failure = on_failure;
    return db_->PutItem(r);
  }
  StatusOr<DeleteItemResult> DeleteIf(Item key, std::string condition,
                                      ExpressionAttributeValues values = {},
                                      std::optional<ReturnValuesOnConditionCheckFailure> on_failure = {}) {
    DeleteItemRequest r;
    r.table_name = "Tab";
    r.key = std::move(key);
    r.condition_expression = std::move(condition);
    if (!values.empty()) r.expression_attribute_values = std::move(values);
    r.return_values_on_condition_check_failure = on_failure;
    return db_->DeleteItem(r);
  }
};

TEST_F(ConditionalWriteTest, PutIfNotExistsCreatesOnceThenFails) {
  Item first = {{"pk", S("a")}, {"v", N(1)}};
  LMDDB_ASSERT_OK(PutIf(first, "attribute_not_exists(pk)").status());
  EXPECT_TRUE(IsError(PutIf({{"pk", S("a")}, {"v", N(2)}}, "attribute_not_exists(pk)").status(),
                      ErrorType::kConditionalCheckFailed, kFailed));
  EXPECT_EQ(Get({{"pk", S("a")}}), first);
}

TEST_F(ConditionalWriteTest, ConditionReadsTheStoredItem) {
  LMDDB_ASSERT_OK(Put({{"pk", S("a")}, {"version", N(3)}, {"tags", AttributeValue::SS({"x", "y"})}}));
  Item next = {{"pk", S("a")}, {"version", N(4)}};
  EXPECT_EQ(PutIf(next, "version = :old", {{":old", N(2)}}).status().type(),
            ErrorType::kConditionalCheckFailed);
  LMDDB_ASSERT_OK(PutIf(next, "version = :old AND contains(tags, :t)", {{":old", N(3)}, {":t", S("y")}})
                      .status());
  EXPECT_EQ(Get({{"pk", S("a")}}), next);
}

TEST_F(ConditionalWriteTest, MissingItemIsAnEmptyItem) {
  // attribute_exists fails and attribute_not_exists holds on a missing item;
  // a comparison with a missing attribute is false, its negation true.
  EXPECT_EQ(PutIf({{"pk", S("a")}}, "attribute_exists(pk)").status().type(),
            ErrorType::kConditionalCheckFailed);
  EXPECT_EQ(PutIf({{"pk", S("a")}}, "v = :v", {{":v", N(1)}}).status().type(),
            ErrorType::kConditionalCheckFailed);
  EXPECT_EQ(Get({{"pk", S("a")}}), std::nullopt);
  LMDDB_ASSERT_OK(PutIf({{"pk", S("a")}}, "NOT v = :v", {{":v", N(1)}}).status());
  EXPECT_NE(Get({{"pk", S("a")}}), std::nullopt);
}

TEST_F(ConditionalWriteTest, PlaceholderNamesResolveReservedWords) {
  LMDDB_ASSERT_OK(Put({{"pk", S("a")}, {"status", S("open")}}));
  EXPECT_TRUE(IsError(PutIf({{"pk", S("a")}}, "status = :s", {{":s", S("open")}}).status(),
                      ErrorType::kValidation,
                      "Invalid ConditionExpression: Attribute name is a reserved keyword; "
                      "reserved keyword: status"));
  LMDDB_ASSERT_OK(PutIf({{"pk", S("a")}, {"status", S("closed")}}, "#s = :s", {{":s", S("open")}},
                        {{"#s", "status"}})
                      .status());
  EXPECT_EQ(Get({{"pk", S("a")}})->at("status"), S("closed"));
}

TEST_F(ConditionalWriteTest, FailureReturnsOldItemOnlyWhenAsked) {
  Item stored = {{"pk", S("a")}, {"v", N(1)}};
  LMDDB_ASSERT_OK(Put(stored));
  Status plain = PutIf({{"pk", S("a")}}, "v = :v", {{":v", N(2)}}).status();
  EXPECT_EQ(plain.type(), ErrorType::kConditionalCheckFailed);
  EXPECT_EQ(plain.item(), nullptr);
  Status none = PutIf({{"pk", S("a")}}, "v = :v", {{":v", N(2)}}, {},
                      ReturnValuesOnConditionCheckFailure::kNone)
                    .status();
  EXPECT_EQ(none.item(), nullptr);
  Status all_old = PutIf({{"pk", S("a")}}, "v = :v", {{":v", N(2)}}, {},
                         ReturnValuesOnConditionCheckFailure::kAllOld)
                       .status();
  EXPECT_TRUE(IsError(all_old, ErrorType::kConditionalCheckFailed, kFailed));
  ASSERT_NE(all_old.item(), nullptr);
  EXPECT_EQ(*all_old.item(), stored);
  Status copy = all_old;  // the item travels with copies of the status
  ASSERT_NE(copy.item(), nullptr);
  EXPECT_EQ(*copy.item(), stored);
  // A failed condition on a missing item has no item to return.
  Status missing = PutIf({{"pk", S("b")}}, "attribute_exists(pk)", {}, {},
                         ReturnValuesOnConditionCheckFailure::kAllOld)
                       .status();
  EXPECT_EQ(missing.type(), ErrorType::kConditionalCheckFailed);
  EXPECT_EQ(missing.item(), nullptr);
}

TEST_F(ConditionalWriteTest, DeleteIfConditionHolds) {
  Item stored = {{"pk", S("a")}, {"state", S("done")}};
  LMDDB_ASSERT_OK(Put(stored));
  Status failed = DeleteIf({{"pk", S("a")}}, "#st = :s", {{":s", S("open")}}).status();
  // #st is not defined: the request is invalid before any item is read.
  EXPECT_TRUE(IsError(failed, ErrorType::kValidation,
                      "Invalid ConditionExpression: An expression attribute name used in the "
                      "document path is not defined; attribute name: #st"));
  failed = DeleteIf({{"pk", S("a")}}, "begins_with(#0, :s)", {{":s", S("op")}}).status();
  EXPECT_EQ(failed.type(), ErrorType::kValidation);
  DeleteItemRequest r;
  r.table_name = "Tab";
  r.key = {{"pk", S("a")}};
  r.condition_expression = "#st = :s";
  r.expression_attribute_names = ExpressionAttributeNames{{"#st", "state"}};
  r.expression_attribute_values = ExpressionAttributeValues{{":s", S("open")}};
  r.return_values_on_condition_check_failure = ReturnValuesOnConditionCheckFailure::kAllOld;
  Status s = db_->DeleteItem(r).status();
  EXPECT_TRUE(IsError(s, ErrorType::kConditionalCheckFailed, kFailed));
  ASSERT_NE(s.item(), nullptr);
  EXPECT_EQ(*s.item(), stored);
  EXPECT_EQ(Get({{"pk", S("a")}}), stored);

  r.expression_attribute_values = ExpressionAttributeValues{{":s", S("done")}};
  r.return_values = ReturnValue::kAllOld;
  auto deleted = db_->DeleteItem(r);
  ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
  EXPECT_EQ(deleted->attributes, stored);
  EXPECT_EQ(Get({{"pk", S("a")}}), std::nullopt);
}

TEST_F(ConditionalWriteTest, DeleteOfMissingItemChecksTheConditionToo) {
  EXPECT_EQ(DeleteIf({{"pk", S("none")}}, "attribute_exists(pk)").status().type(),
            ErrorType::kConditionalCheckFailed);
  LMDDB_EXPECT_OK(DeleteIf({{"pk", S("none")}}, "attribute_not_exists(pk)").status());
}

TEST_F(ConditionalWriteTest, ExpressionAttributesNeedAnExpression) {
  PutItemRequest r;
  r.table_name = "Tab";
  r.item = {{"pk", S("a")}};
  r.expression_attribute_names = ExpressionAttributeNames{{"#a", "a"}};
  EXPECT_TRUE(IsError(db_->PutItem(r).status(), ErrorType::kValidation,
                      "ExpressionAttributeNames can only be specified when using expressions"));
  r.expression_attribute_names.reset();
  r.expression_attribute_values = ExpressionAttributeValues{{":a", N(1)}};
  EXPECT_TRUE(IsError(db_->PutItem(r).status(), ErrorType::kValidation,
                      "ExpressionAttributeValues can only be specified when using expressions: "
                      "ConditionExpression is null"));
  EXPECT_EQ(Get({{"pk", S("a")}}), std::nullopt);
}

TEST_F(ConditionalWriteTest, ExpressionAttributesMustNotBeEmptyOrMalformed) {
  PutItemRequest r;
  r.table_name = "Tab";
  r.item = {{"pk", S("a")}};
  r.condition_expression = "attribute_not_exists(pk)";
  r.expression_attribute_names = ExpressionAttributeNames{};
  EXPECT_TRUE(IsError(db_->PutItem(r).status(), ErrorType::kValidation,
                      "ExpressionAttributeNames must not be empty"));
  r.expression_attribute_names.reset();
  r.expression_attribute_values = ExpressionAttributeValues{};
  EXPECT_TRUE(IsError(db_->PutItem(r).status(), ErrorType::kValidation,
                      "ExpressionAttributeValues must not be empty"));
  r.expression_attribute_values = ExpressionAttributeValues{{"v", N(1)}};
  EXPECT_TRUE(IsError(db_->PutItem(r).status(), ErrorType::kValidation,
                      "ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\""));
  r.expression_attribute_values.reset();
  r.expression_attribute_names = ExpressionAttributeNames{{"n", "a"}};
  EXPECT_TRUE(IsError(db_->PutItem(r).status(), ErrorType::kValidation,
                      "ExpressionAttributeNames contains invalid key: Syntax error; key: \"n\""));
  r.expression_attribute_names.reset();
  r.condition_expression = "v = :v";
  r.expression_attribute_values = ExpressionAttributeValues{{":v", AttributeValue::SS({})}};
  EXPECT_TRUE(IsError(db_->PutItem(r).status(), ErrorType::kValidation,
                      "ExpressionAttributeValues contains invalid value: One or more parameter values "
                      "were invalid: An string set  may not be empty for key :v"));
  EXPECT_EQ(Get({{"pk", S("a")}}), std::nullopt);
}

TEST_F(ConditionalWriteTest, UnusedExpressionAttributesAreRefused) {
  EXPECT_TRUE(IsError(PutIf({{"pk", S("a")}}, "attribute_not_exists(pk)", {{":unused", N(1)}}).status(),
                      ErrorType::kValidation,
                      "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}"));
  EXPECT_TRUE(IsError(PutIf({{"pk", S("a")}}, "attribute_not_exists(pk)", {}, {{"#n", "x"}}).status(),
                      ErrorType::kValidation,
                      "Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}"));
  EXPECT_EQ(Get({{"pk", S("a")}}), std::nullopt);
}

TEST_F(ConditionalWriteTest, SyntaxErrorWritesNothing) {
  Status s = PutIf({{"pk", S("a")}}, "attribute_not_exists(pk", {}).status();
  EXPECT_EQ(s.type(), ErrorType::kValidation);
  EXPECT_EQ(s.message().rfind("Invalid ConditionExpression: Syntax error; token: ", 0), 0u) << s.message();
  EXPECT_EQ(Get({{"pk", S("a")}}), std::nullopt);
}

TEST_F(ConditionalWriteTest, ExpressionErrorsComeBeforeMissingTable) {
  PutItemRequest r;
  r.table_name = "NoSuchTable";
  r.item = {{"pk", S("a")}};
  r.condition_expression = "";
  EXPECT_TRUE(IsError(db_->PutItem(r).status(), ErrorType::kValidation,
                      "Invalid ConditionExpression: The expression can not be empty;"));
  r.condition_expression = "attribute_not_exists(pk)";
  EXPECT_EQ(db_->PutItem(r).status().type(), ErrorType::kResourceNotFound);
}

// The condition and the write are one atomic step: of many writers racing
// to move version k to k + 1, exactly one wins each step.
TEST_F(ConditionalWriteTest, OptimisticLockingHasOneWinnerPerVersion) {
  LMDDB_ASSERT_OK(Put({{"pk", S("lock")}, {"version", N(0)}}));
  constexpr int kThreads = 4;
  constexpr int kAttemptsPerThread = 200;
  std::atomic<int> wins{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kAttemptsPerThread; ++i) {
        GetItemRequest get;
        get.table_name = "Tab";
        get.key = {{"pk", S("lock")}};
        auto current = db_->GetItem(get);
        if (!current.ok() || !current->item) continue;
        const Number seen = current->item->at("version").n();
        auto next = Number::Add(seen, Number::FromInt64(1));
        if (!next.ok()) continue;
        Status s = PutIf({{"pk", S("lock")}, {"version", AttributeValue::N(*next)}}, "version = :seen",
                         {{":seen", AttributeValue::N(seen)}})
                       .status();
        if (s.ok()) {
          wins.fetch_add(1);
        } else {
          EXPECT_EQ(s.type(), ErrorType::kConditionalCheckFailed) << s.ToString();
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  auto final_item = Get({{"pk", S("lock")}});
  ASSERT_TRUE(final_item.has_value());
  EXPECT_EQ(final_item->at("version"), N(wins.load()));
  // Each failed attempt of a thread was overtaken by a distinct win of
  // another thread (it re-reads after every failure), so failures per
  // thread <= wins, and wins >= attempts / (threads + 1).
  EXPECT_GE(wins.load(), kThreads * kAttemptsPerThread / (kThreads + 1));
}

}  // namespace
}  // namespace lmddb
