// TransactWriteItems: all four action kinds over two tables, cancellation
// reasons, all-or-nothing, limits and validation, ConsumedCapacity.
#include <string>
#include <vector>

#include "api/transact/transact_test_util.h"

namespace lmddb {
namespace {

using testing_util::CheckAction;
using testing_util::DeleteAction;
using testing_util::IsError;
using testing_util::N;
using testing_util::PutAction;
using testing_util::S;
using testing_util::TransactTest;
using testing_util::UpdateAction;

constexpr char kCancelled[] =
    "Transaction cancelled, please refer cancellation reasons for specific reasons ";

TEST_F(TransactTest, AllFourActionKindsAcrossTwoTables) {
  ASSERT_TRUE(Put({{"pk", S("updated")}, {"n", N(1)}}).ok());
  ASSERT_TRUE(Put({{"pk", S("deleted")}}).ok());
  ASSERT_TRUE(Put({{"pk", S("checked")}, {"state", S("open")}}).ok());
  auto result = Transact({
      PutAction("Pairs", {{"pk", S("a")}, {"sk", N(1)}, {"v", S("new")}}, "attribute_not_exists(pk)"),
      UpdateAction("Tab", {{"pk", S("updated")}}, "SET n = n + :one", Item{{":one", N(1)}}),
      DeleteAction("Tab", {{"pk", S("deleted")}}, "attribute_exists(pk)"),
      CheckAction("Tab", {{"pk", S("checked")}}, "#s = :open", Item{{":open", S("open")}}),
  });
  // The check names "#s" without ExpressionAttributeNames: a request error.
  EXPECT_TRUE(IsError(result.status(), ErrorType::kValidation,
                      "Invalid ConditionExpression: An expression attribute name used in the "
                      "document path is not defined; attribute name: #s"));
  EXPECT_FALSE(GetFrom("Pairs", {{"pk", S("a")}, {"sk", N(1)}}));

  std::vector<TransactWriteItem> actions = {
      PutAction("Pairs", {{"pk", S("a")}, {"sk", N(1)}, {"v", S("new")}}, "attribute_not_exists(pk)"),
      UpdateAction("Tab", {{"pk", S("updated")}}, "SET n = n + :one", Item{{":one", N(1)}}),
      DeleteAction("Tab", {{"pk", S("deleted")}}, "attribute_exists(pk)"),
      CheckAction("Tab", {{"pk", S("checked")}}, "#s = :open", Item{{":open", S("open")}}),
  };
  actions[3].condition_check->expression_attribute_names = ExpressionAttributeNames{{"#s", "state"}};
  result = Transact(actions);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_FALSE(result->consumed_capacity);
  EXPECT_EQ(GetFrom("Pairs", {{"pk", S("a")}, {"sk", N(1)}}),
            (Item{{"pk", S("a")}, {"sk", N(1)}, {"v", S("new")}}));
  EXPECT_EQ(Get({{"pk", S("updated")}}), (Item{{"pk", S("updated")}, {"n", N(2)}}));
  EXPECT_FALSE(Get({{"pk", S("deleted")}}));
  EXPECT_EQ(Get({{"pk", S("checked")}}), (Item{{"pk", S("checked")}, {"state", S("open")}}));
}

TEST_F(TransactTest, EveryFailingConditionIsReportedInRequestOrderAndNothingIsWritten) {
  ASSERT_TRUE(Put({{"pk", S("exists")}, {"n", N(5)}}).ok());
  ASSERT_TRUE(Put({{"pk", S("victim")}, {"n", N(1)}}).ok());
  auto result = Transact({
      PutAction("Tab", {{"pk", S("fresh")}}),
      CheckAction("Tab", {{"pk", S("missing")}}, "attribute_exists(pk)"),
      DeleteAction("Tab", {{"pk", S("victim")}}),
      PutAction("Tab", {{"pk", S("exists")}, {"n", N(6)}}, "attribute_not_exists(pk)"),
      UpdateAction("Pairs", {{"pk", S("p")}, {"sk", N(1)}}, "SET v = :v", Item{{":v", S("x")}}),
  });
  ASSERT_TRUE(IsError(result.status(), ErrorType::kTransactionCanceled,
                      std::string(kCancelled) +
                          "[None, ConditionalCheckFailed, None, ConditionalCheckFailed, None]"));
  const std::vector<CancellationReason>* reasons = result.status().cancellation_reasons();
  ASSERT_NE(reasons, nullptr);
  ASSERT_EQ(reasons->size(), 5u);
  for (size_t i : {0u, 2u, 4u}) {
    EXPECT_EQ((*reasons)[i].code, "None");
    EXPECT_FALSE((*reasons)[i].message);
    EXPECT_FALSE((*reasons)[i].item);
  }
  for (size_t i : {1u, 3u}) {
    EXPECT_EQ((*reasons)[i].code, "ConditionalCheckFailed");
    EXPECT_EQ((*reasons)[i].message, "The conditional request failed");
    EXPECT_FALSE((*reasons)[i].item);  // not asked for
  }
  EXPECT_FALSE(Get({{"pk", S("fresh")}}));
  EXPECT_FALSE(Get({{"pk", S("missing")}}));
  EXPECT_EQ(Get({{"pk", S("victim")}}), (Item{{"pk", S("victim")}, {"n", N(1)}}));
  EXPECT_EQ(Get({{"pk", S("exists")}}), (Item{{"pk", S("exists")}, {"n", N(5)}}));
  EXPECT_FALSE(GetFrom("Pairs", {{"pk", S("p")}, {"sk", N(1)}}));
}

TEST_F(TransactTest, AllOldItemOnlyWhereAskedAndOnlyForExistingItems) {
  const Item stored{{"pk", S("a")}, {"n", N(5)}};
  ASSERT_TRUE(Put(stored).ok());
  ASSERT_TRUE(Put({{"pk", S("b")}, {"n", N(7)}}).ok());
  std::vector<TransactWriteItem> actions = {
      UpdateAction("Tab", {{"pk", S("a")}}, "SET n = :v", Item{{":v", N(6)}, {":w", N(9)}},
                   "n = :w"),
      CheckAction("Tab", {{"pk", S("b")}}, "attribute_not_exists(pk)"),
      CheckAction("Tab", {{"pk", S("none")}}, "attribute_exists(pk)"),
  };
  actions[0].update->return_values_on_condition_check_failure =
      ReturnValuesOnConditionCheckFailure::kAllOld;
  actions[1].condition_check->return_values_on_condition_check_failure =
      ReturnValuesOnConditionCheckFailure::kNone;
  actions[2].condition_check->return_values_on_condition_check_failure =
      ReturnValuesOnConditionCheckFailure::kAllOld;
  auto result = Transact(actions);
  ASSERT_EQ(result.status().type(), ErrorType::kTransactionCanceled);
  const std::vector<CancellationReason>& reasons = *result.status().cancellation_reasons();
  ASSERT_EQ(reasons.size(), 3u);
  EXPECT_EQ(reasons[0].item, stored);
  EXPECT_FALSE(reasons[1].item);
  EXPECT_FALSE(reasons[2].item);  // nothing stored under the key
  EXPECT_EQ(Codes(result.status()),
            (std::vector<std::string>{"ConditionalCheckFailed", "ConditionalCheckFailed",
                                      "ConditionalCheckFailed"}));
  EXPECT_EQ(Get({{"pk", S("a")}}), stored);
}

TEST_F(TransactTest, ErrorsFoundWhileApplyingAreValidationErrorReasons) {
  ASSERT_TRUE(Put({{"pk", S("text")}, {"n", S("not a number")}}).ok());
  auto result = Transact({
      PutAction("Tab", {{"pk", S("new")}}),
      UpdateAction("Tab", {{"pk", S("text")}}, "SET n = n + :one", Item{{":one", N(1)}}),
      CheckAction("Tab", {{"pk", S("gone")}}, "attribute_exists(pk)"),
  });
  ASSERT_TRUE(IsError(result.status(), ErrorType::kTransactionCanceled,
                      std::string(kCancelled) + "[None, ValidationError, ConditionalCheckFailed]"));
  const std::vector<CancellationReason>& reasons = *result.status().cancellation_reasons();
  EXPECT_EQ(reasons[1].message, "An operand in the update expression has an incorrect data type");
  EXPECT_FALSE(Get({{"pk", S("new")}}));

  // An update that grows the item past 400 KB.
  ASSERT_TRUE(Put({{"pk", S("big")}, {"d", S(std::string(300000, 'x'))}}).ok());
  result = Transact({UpdateAction("Tab", {{"pk", S("big")}}, "SET e = :v",
                                  Item{{":v", S(std::string(200000, 'y'))}})});
  ASSERT_TRUE(IsError(result.status(), ErrorType::kTransactionCanceled,
                      std::string(kCancelled) + "[ValidationError]"));
  EXPECT_EQ((*result.status().cancellation_reasons())[0].message,
            "Item size to update has exceeded the maximum allowed size");
}

TEST_F(TransactTest, KeySchemaMismatchCancelsWithTheFirstMismatchOnly) {
  auto result = Transact({
      PutAction("Tab", {{"pk", N(7)}}),
      PutAction("Tab", {{"pk", N(8)}}),
      PutAction("Tab", {{"pk", S("c")}}, "attribute_exists(pk)"),
  });
  ASSERT_TRUE(IsError(result.status(), ErrorType::kTransactionCanceled,
                      std::string(kCancelled) + "[ValidationError, None, None]"));
  EXPECT_EQ((*result.status().cancellation_reasons())[0].message,
            "One or more parameter values were invalid: Type mismatch for key pk expected: S "
            "actual: N");

  result = Transact({DeleteAction("Tab", {{"pk", N(5)}})});
  ASSERT_TRUE(IsError(result.status(), ErrorType::kTransactionCanceled,
                      std::string(kCancelled) + "[ValidationError]"));
  EXPECT_EQ((*result.status().cancellation_reasons())[0].message,
            "The provided key element does not match the schema");
}

TEST_F(TransactTest, RequestLevelErrors) {
  EXPECT_TRUE(IsError(Transact({}).status(), ErrorType::kValidation,
                      "1 validation error detected: Value '[]' at 'transactItems' failed to "
                      "satisfy constraint: Member must have length greater than or equal to 1"));
  EXPECT_TRUE(IsError(Transact({PutAction("Nope", {{"pk", S("a")}})}).status(),
                      ErrorType::kResourceNotFound, "Requested resource not found"));
  EXPECT_TRUE(IsError(Transact({PutAction("Tab", {{"pk", S("")}})}).status(),
                      ErrorType::kValidation,
                      "One or more parameter values are not valid. The AttributeValue for a key "
                      "attribute cannot contain an empty string value. Key: pk"));
  EXPECT_TRUE(IsError(Transact({PutAction("Tab", {{"pk", S("a")}}, "hello!")}).status(),
                      ErrorType::kValidation,
                      "Invalid ConditionExpression: Syntax error; token: \"!\", near: \"hello!\""));
  TransactWriteItem empty;
  EXPECT_TRUE(IsError(Transact({empty}).status(), ErrorType::kValidation,
                      "Invalid Request: TransactWriteRequest should contain Delete or Put or "
                      "Update request"));
  TransactWriteItem two = PutAction("Tab", {{"pk", S("a")}});
  two.delete_ = TransactDelete{"Tab", {{"pk", S("a")}}, {}, {}, {}, {}};
  EXPECT_TRUE(IsError(Transact({two}).status(), ErrorType::kValidation,
                      "TransactItems can only contain one of Check, Put, Update or Delete"));
  EXPECT_TRUE(IsError(Transact({PutAction("ab", {{"pk", S("a")}})}).status(),
                      ErrorType::kValidation,
                      "1 validation error detected: Value 'ab' at "
                      "'transactItems.1.member.put.tableName' failed to satisfy constraint: "
                      "Member must have length greater than or equal to 3"));
  EXPECT_FALSE(Get({{"pk", S("a")}}));
}

TEST_F(TransactTest, OneActionPerItem) {
  const std::string message = "Transaction request cannot include multiple operations on one item";
  EXPECT_TRUE(IsError(
      Transact({PutAction("Tab", {{"pk", S("a")}}), PutAction("Tab", {{"pk", S("a")}, {"x", N(1)}})})
          .status(),
      ErrorType::kValidation, message));
  EXPECT_TRUE(IsError(Transact({PutAction("Tab", {{"pk", S("a")}}),
                                CheckAction("Tab", {{"pk", S("b")}}, "attribute_not_exists(pk)"),
                                CheckAction("Tab", {{"pk", S("b")}}, "attribute_not_exists(pk)")})
                          .status(),
                      ErrorType::kValidation, message));
  // The same key in two tables, and two sort keys of one partition, are
  // different items.
  auto result = Transact({PutAction("Tab", {{"pk", S("a")}}),
                          PutAction("Pairs", {{"pk", S("a")}, {"sk", N(1)}}),
                          PutAction("Pairs", {{"pk", S("a")}, {"sk", N(2)}})});
  EXPECT_TRUE(result.ok()) << result.status().ToString();
}

TEST_F(TransactTest, HundredActionsPassAndHundredAndOneDoNot) {
  std::vector<TransactWriteItem> actions;
  for (int i = 0; i < 100; ++i) actions.push_back(PutAction("Tab", {{"pk", S(std::to_string(i))}}));
  auto result = Transact(actions);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(Get({{"pk", S(std::to_string(i))}}));

  actions.push_back(PutAction("Tab", {{"pk", S("extra")}}));
  result = Transact(actions);
  ASSERT_EQ(result.status().type(), ErrorType::kValidation);
  const std::string& message = result.status().message();
  EXPECT_EQ(message.rfind("1 validation error detected: Value '[{put: {TableName: Tab,},}, ", 0),
            0u)
      << message;
  const std::string suffix =
      "]' at 'transactItems' failed to satisfy constraint: Member must have length less than or "
      "equal to 100";
  ASSERT_GE(message.size(), suffix.size());
  EXPECT_EQ(message.substr(message.size() - suffix.size()), suffix);
  EXPECT_FALSE(Get({{"pk", S("extra")}}));
}

TEST_F(TransactTest, AggregateSizeLimitOfFourMegabytes) {
  // Eleven items of 390,000 bytes: 4,290,000 bytes, over 4 MB (4,194,304).
  std::vector<TransactWriteItem> actions;
  for (int i = 0; i < 11; ++i) {
    actions.push_back(
        PutAction("Tab", {{"pk", S(std::to_string(i))}, {"d", S(std::string(390000, 'x'))}}));
  }
  EXPECT_TRUE(IsError(Transact(actions).status(), ErrorType::kValidation,
                      "Transaction payload size cannot exceed 4 MB"));
  EXPECT_FALSE(Get({{"pk", S("0")}}));
  actions.pop_back();  // 3,900,000 bytes
  auto result = Transact(actions);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
}

TEST_F(TransactTest, ConsumedCapacityIsDoubledPerTable) {
  ASSERT_TRUE(Put({{"pk", S("big")}, {"d", S(std::string(2000, 'x'))}}).ok());  // 2006 bytes
  auto result = Transact(
      {
          PutAction("Tab", {{"pk", S("k")}, {"d", S(std::string(1021, 'x'))}}),  // 1025: 2 units
          PutAction("Pairs", {{"pk", S("p")}, {"sk", N(1)}}),                     // 1 unit
          CheckAction("Tab", {{"pk", S("big")}}, "attribute_exists(pk)"),         // 2 units
          DeleteAction("Pairs", {{"pk", S("gone")}, {"sk", N(1)}}),               // 1 unit
      },
      std::nullopt, ReturnConsumedCapacity::kTotal);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_TRUE(result->consumed_capacity);
  const std::vector<ConsumedCapacity>& c = *result->consumed_capacity;
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].table_name, "Tab");
  EXPECT_EQ(c[0].capacity_units, 8);
  EXPECT_EQ(c[0].write_capacity_units, 8);
  EXPECT_FALSE(c[0].table);
  EXPECT_EQ(c[1].table_name, "Pairs");
  EXPECT_EQ(c[1].capacity_units, 4);

  result = Transact({PutAction("Tab", {{"pk", S("k")}})}, std::nullopt,
                    ReturnConsumedCapacity::kIndexes);
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->consumed_capacity->size(), 1u);
  const ConsumedCapacity& indexes = (*result->consumed_capacity)[0];
  EXPECT_EQ(indexes.capacity_units, 4);  // the old item was 1025 bytes
  ASSERT_TRUE(indexes.table);
  EXPECT_EQ(indexes.table->capacity_units, 4);
  EXPECT_EQ(indexes.table->write_capacity_units, 4);
}

}  // namespace
}  // namespace lmddb
