// TransactWriteItems and TransactGetItems over the JSON protocol: round
// trips, the TransactionCanceledException body with its CancellationReasons,
// ClientRequestToken repeats, ConsumedCapacity lists, and the wire-level
// errors for wrong member types and missing members.
#include <string>

#include "api/json/json_test_util.h"

namespace lmddb::json {
namespace {

class TransactTest : public JsonTest {
 protected:
  void SetUp() override {
    JsonTest::SetUp();
    CreateTable("Tb1");
    CreateTable("Tb2", "N");
  }

  static std::string Canceled(std::string_view reasons, std::string_view codes) {
    return std::string(R"({"__type":"com.amazonaws.dynamodb.v20120810#)"
                       R"(TransactionCanceledException","CancellationReasons":)") +
           std::string(reasons) +
           R"(,"Message":"Transaction cancelled, please refer cancellation reasons for )"
           R"(specific reasons [)" +
           std::string(codes) + R"(]"})";
  }
};

TEST_F(TransactTest, WriteThenGetRoundTrip) {
  ASSERT_EQ(Call("PutItem", R"({"TableName":"Tb1","Item":{"pk":{"S":"old"},"v":{"N":"1"}}})")
                .http_status,
            200);
  ASSERT_EQ(Call("PutItem", R"({"TableName":"Tb1","Item":{"pk":{"S":"gone"}}})").http_status,
            200);
  Response w = Call("TransactWriteItems", R"json({"TransactItems":[
      {"Put":{"TableName":"Tb1","Item":{"pk":{"S":"new"},"s":{"S":"x"}},
              "ConditionExpression":"attribute_not_exists(pk)"}},
      {"Update":{"TableName":"Tb1","Key":{"pk":{"S":"old"}},"UpdateExpression":"SET v = v + :one",
                 "ExpressionAttributeValues":{":one":{"N":"1"}}}},
      {"Delete":{"TableName":"Tb1","Key":{"pk":{"S":"gone"}}}},
      {"ConditionCheck":{"TableName":"Tb2","Key":{"pk":{"N":"5"}},
                         "ConditionExpression":"attribute_not_exists(#p)",
                         "ExpressionAttributeNames":{"#p":"pk"}}}]})json");
  ASSERT_EQ(w.http_status, 200) << w.body;
  EXPECT_EQ(w.body, "{}");

  Response g = Call("TransactGetItems", R"({"TransactItems":[
      {"Get":{"TableName":"Tb1","Key":{"pk":{"S":"old"}}}},
      {"Get":{"TableName":"Tb1","Key":{"pk":{"S":"gone"}}}},
      {"Get":{"TableName":"Tb1","Key":{"pk":{"S":"new"}},"ProjectionExpression":"#s",
              "ExpressionAttributeNames":{"#s":"s"}}}]})");
  ASSERT_EQ(g.http_status, 200) << g.body;
  EXPECT_EQ(g.body, R"({"Responses":[{"Item":{"pk":{"S":"old"},"v":{"N":"2"}}},{},)"
                    R"({"Item":{"s":{"S":"x"}}}]})");
}

TEST_F(TransactTest, CanceledTransactionListsReasonsWithItem) {
  ASSERT_EQ(Call("PutItem", R"({"TableName":"Tb1","Item":{"pk":{"S":"a"},"v":{"N":"1"}}})")
                .http_status,
            200);
  Response r = Call("TransactWriteItems", R"json({"TransactItems":[
      {"Put":{"TableName":"Tb1","Item":{"pk":{"S":"b"}}}},
      {"ConditionCheck":{"TableName":"Tb1","Key":{"pk":{"S":"a"}},
                         "ConditionExpression":"v = :two",
                         "ExpressionAttributeValues":{":two":{"N":"2"}},
                         "ReturnValuesOnConditionCheckFailure":"ALL_OLD"}},
      {"Delete":{"TableName":"Tb1","Key":{"pk":{"S":"c"}},
                 "ConditionExpression":"attribute_exists(pk)"}}]})json");
  EXPECT_EQ(r.http_status, 400);
  EXPECT_EQ(r.body, Canceled(R"([{"Code":"None"},{"Code":"ConditionalCheckFailed",)"
                             R"("Item":{"pk":{"S":"a"},"v":{"N":"1"}},)"
                             R"("Message":"The conditional request failed"},)"
                             R"({"Code":"ConditionalCheckFailed",)"
                             R"("Message":"The conditional request failed"}])",
                             "None, ConditionalCheckFailed, ConditionalCheckFailed"));
  // Nothing was written.
  EXPECT_EQ(Call("GetItem", R"({"TableName":"Tb1","Key":{"pk":{"S":"b"}}})").body, "{}");

  // A key that does not match its table's schema cancels with a
  // ValidationError reason.
  Response v = Call("TransactWriteItems", R"({"TransactItems":[
      {"Put":{"TableName":"Tb1","Item":{"pk":{"S":"b"}}}},
      {"Put":{"TableName":"Tb2","Item":{"pk":{"S":"not a number"}}}}]})");
  EXPECT_EQ(v.http_status, 400);
  EXPECT_EQ(v.body.find(R"({"__type":"com.amazonaws.dynamodb.v20120810#)"
                        R"(TransactionCanceledException","CancellationReasons":[{"Code":"None"},)"
                        R"({"Code":"ValidationError","Message":")"),
            0u)
      << v.body;
  EXPECT_NE(v.body.find(R"(reasons [None, ValidationError]"})"), std::string::npos) << v.body;
}

TEST_F(TransactTest, ClientRequestTokenRepeatIsIdempotent) {
  const std::string body = R"({"ClientRequestToken":"token-1","TransactItems":[
      {"Update":{"TableName":"Tb1","Key":{"pk":{"S":"c"}},"UpdateExpression":"ADD n :one",
                 "ExpressionAttributeValues":{":one":{"N":"1"}}}}]})";
  Response first = Call("TransactWriteItems", body);
  ASSERT_EQ(first.http_status, 200) << first.body;
  EXPECT_EQ(first.body, "{}");
  Response again = Call("TransactWriteItems", body);
  ASSERT_EQ(again.http_status, 200) << again.body;
  EXPECT_EQ(again.body, "{}");
  // Applied once.
  EXPECT_EQ(Call("GetItem", R"({"TableName":"Tb1","Key":{"pk":{"S":"c"}}})").body,
            R"({"Item":{"n":{"N":"1"},"pk":{"S":"c"}}})");

  // The same token with another request.
  Response other = Call("TransactWriteItems", R"({"ClientRequestToken":"token-1",
      "TransactItems":[{"Delete":{"TableName":"Tb1","Key":{"pk":{"S":"c"}}}}]})");
  EXPECT_EQ(other.body,
            R"({"__type":"com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException",)"
            R"("message":"The request uses the same client token as a previous, but )"
            R"(non-identical request."})");

  EXPECT_EQ(Call("TransactWriteItems", R"({"ClientRequestToken":"","TransactItems":[
                 {"Delete":{"TableName":"Tb1","Key":{"pk":{"S":"c"}}}}]})")
                .body,
            Validation("1 validation error detected: Value '' at 'clientRequestToken' failed to "
                       "satisfy constraint: Member must have length greater than or equal to 1"));
}

TEST_F(TransactTest, ConsumedCapacityIsAListPerTable) {
  Response w = Call("TransactWriteItems", R"({"ReturnConsumedCapacity":"TOTAL","TransactItems":[
      {"Put":{"TableName":"Tb1","Item":{"pk":{"S":"a"}}}},
      {"Put":{"TableName":"Tb1","Item":{"pk":{"S":"b"}}}},
      {"Put":{"TableName":"Tb2","Item":{"pk":{"N":"1"}}}}]})");
  ASSERT_EQ(w.http_status, 200) << w.body;
  EXPECT_EQ(w.body,
            R"({"ConsumedCapacity":[{"CapacityUnits":4.0,"WriteCapacityUnits":4.0,)"
            R"("TableName":"Tb1"},{"CapacityUnits":2.0,"WriteCapacityUnits":2.0,)"
            R"("TableName":"Tb2"}]})");

  Response g = Call("TransactGetItems", R"({"ReturnConsumedCapacity":"INDEXES","TransactItems":[
      {"Get":{"TableName":"Tb2","Key":{"pk":{"N":"1"}}}},
      {"Get":{"TableName":"Tb1","Key":{"pk":{"S":"a"}}}}]})");
  ASSERT_EQ(g.http_status, 200) << g.body;
  EXPECT_EQ(g.body,
            R"({"ConsumedCapacity":[{"CapacityUnits":2.0,"ReadCapacityUnits":2.0,)"
            R"("Table":{"CapacityUnits":2.0,"ReadCapacityUnits":2.0},"TableName":"Tb2"},)"
            R"({"CapacityUnits":2.0,"ReadCapacityUnits":2.0,"Table":{"CapacityUnits":2.0,)"
            R"("ReadCapacityUnits":2.0},"TableName":"Tb1"}],)"
            R"("Responses":[{"Item":{"pk":{"N":"1"}}},{"Item":{"pk":{"S":"a"}}}]})");
}

TEST_F(TransactTest, MissingMembers) {
  EXPECT_EQ(Call("TransactWriteItems", "{}").body,
            Validation("1 validation error detected: Value null at 'transactItems' failed to "
                       "satisfy constraint: Member must not be null"));
  EXPECT_EQ(Call("TransactGetItems", R"({"TransactItems":null})").body,
            Validation("1 validation error detected: Value null at 'transactItems' failed to "
                       "satisfy constraint: Member must not be null"));
  EXPECT_EQ(Call("TransactWriteItems",
                 R"({"ReturnConsumedCapacity":"hi","ReturnItemCollectionMetrics":"hi"})")
                .body,
            Validation("3 validation errors detected: Value 'hi' at 'returnConsumedCapacity' "
                       "failed to satisfy constraint: Member must satisfy enum value set: "
                       "[INDEXES, TOTAL, NONE]; Value 'hi' at 'returnItemCollectionMetrics' "
                       "failed to satisfy constraint: Member must satisfy enum value set: "
                       "[SIZE, NONE]; Value null at 'transactItems' failed to satisfy "
                       "constraint: Member must not be null"));
  EXPECT_EQ(Call("TransactWriteItems", R"({"TransactItems":[{"Put":{"TableName":"Tb1"}}]})").body,
            Validation("1 validation error detected: Value null at "
                       "'transactItems.1.member.put.item' failed to satisfy constraint: Member "
                       "must not be null"));
  EXPECT_EQ(Call("TransactWriteItems", R"({"TransactItems":[
                 {"Put":{"TableName":"Tb1","Item":{"pk":{"S":"a"}}}},{"Delete":{}}]})")
                .body,
            Validation("2 validation errors detected: Value null at "
                       "'transactItems.2.member.delete.key' failed to satisfy constraint: Member "
                       "must not be null; Value null at 'transactItems.2.member.delete.tableName' "
                       "failed to satisfy constraint: Member must not be null"));
  EXPECT_EQ(Call("TransactWriteItems", R"({"TransactItems":[
                 {"Update":{"TableName":"Tb1","Key":{"pk":{"S":"a"}},
                            "ReturnValuesOnConditionCheckFailure":"SOME"}}]})")
                .body,
            Validation("2 validation errors detected: Value 'SOME' at "
                       "'transactItems.1.member.update.returnValuesOnConditionCheckFailure' "
                       "failed to satisfy constraint: Member must satisfy enum value set: "
                       "[ALL_OLD, NONE]; Value null at "
                       "'transactItems.1.member.update.updateExpression' failed to satisfy "
                       "constraint: Member must not be null"));
  EXPECT_EQ(Call("TransactWriteItems", R"({"TransactItems":[
                 {"ConditionCheck":{"TableName":"Tb1","Key":{"pk":{"S":"a"}}}}]})")
                .body,
            Validation("1 validation error detected: Value null at "
                       "'transactItems.1.member.conditionCheck.conditionExpression' failed to "
                       "satisfy constraint: Member must not be null"));
  EXPECT_EQ(Call("TransactGetItems", R"({"TransactItems":[{},{"Get":{"Key":{"pk":{"S":"a"}}}}]})")
                .body,
            Validation("2 validation errors detected: Value null at 'transactItems.1.member.get' "
                       "failed to satisfy constraint: Member must not be null; Value null at "
                       "'transactItems.2.member.get.tableName' failed to satisfy constraint: "
                       "Member must not be null"));
}

TEST_F(TransactTest, ShapeErrorsFromTheEngineAsBodies) {
  EXPECT_EQ(Call("TransactWriteItems", R"({"TransactItems":[]})").body,
            Validation("1 validation error detected: Value '[]' at 'transactItems' failed to "
                       "satisfy constraint: Member must have length greater than or equal to 1"));
  EXPECT_EQ(Call("TransactGetItems", R"({"TransactItems":[]})").body,
            Validation("1 validation error detected: Value '[]' at 'transactItems' failed to "
                       "satisfy constraint: Member must have length greater than or equal to 1"));
  std::string puts;
  std::string gets;
  for (int i = 0; i < 101; ++i) {
    puts += (i ? "," : "") + std::string(R"({"Put":{"TableName":"Tb1","Item":{"pk":{"S":"k)") +
            std::to_string(i) + R"("}}}})";
    gets += (i ? "," : "") + std::string(R"({"Get":{"TableName":"Tb1","Key":{"pk":{"S":"k)") +
            std::to_string(i) + R"("}}}})";
  }
  Response w = Call("TransactWriteItems", R"({"TransactItems":[)" + puts + "]}");
  EXPECT_EQ(w.http_status, 400);
  EXPECT_NE(w.body.find("' at 'transactItems' failed to satisfy constraint: Member must have "
                        "length less than or equal to 100\"}"),
            std::string::npos)
      << w.body.substr(0, 200);
  Response g = Call("TransactGetItems", R"({"TransactItems":[)" + gets + "]}");
  EXPECT_NE(g.body.find("' at 'transactItems' failed to satisfy constraint: Member must have "
                        "length less than or equal to 100\"}"),
            std::string::npos)
      << g.body.substr(0, 200);

  EXPECT_EQ(Call("TransactWriteItems", R"({"TransactItems":[{}]})").body,
            Validation("Invalid Request: TransactWriteRequest should contain Delete or Put or "
                       "Update request"));
  EXPECT_EQ(Call("TransactWriteItems", R"({"TransactItems":[
                 {"Put":{"TableName":"Tb1","Item":{"pk":{"S":"a"}}},
                  "Delete":{"TableName":"Tb1","Key":{"pk":{"S":"a"}}}}]})")
                .body,
            Validation("TransactItems can only contain one of Check, Put, Update or Delete"));
  EXPECT_EQ(Call("TransactGetItems", R"({"TransactItems":[
                 {"Get":{"TableName":"Nope","Key":{"pk":{"S":"a"}}}}]})")
                .body,
            R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",)"
            R"("message":"Requested resource not found"})");
}

TEST_F(TransactTest, WrongMemberTypesAreSerializationErrors) {
  EXPECT_EQ(Call("TransactWriteItems", R"({"TransactItems":{}})").body,
            Serialization("Start of structure or map found where not expected"));
  EXPECT_EQ(Call("TransactGetItems", R"({"TransactItems":"x"})").body,
            Serialization("Unexpected field type"));
  EXPECT_EQ(Call("TransactWriteItems", R"({"TransactItems":[23]})").body,
            Serialization("Unexpected value type in payload"));
  EXPECT_EQ(Call("TransactWriteItems", R"({"TransactItems":[[]]})").body,
            Serialization("Unrecognized collection type class "
                          "com.amazonaws.dynamodb.v20120810.TransactWriteItem"));
  EXPECT_EQ(Call("TransactGetItems", R"({"TransactItems":[[]]})").body,
            Serialization("Unrecognized collection type class "
                          "com.amazonaws.dynamodb.v20120810.TransactGetItem"));
  EXPECT_EQ(Call("TransactWriteItems", R"({"TransactItems":[{"Put":"x"}]})").body,
            Serialization("Unexpected field type"));
  EXPECT_EQ(Call("TransactWriteItems", R"({"TransactItems":[{"Update":[]}]})").body,
            Serialization("Unrecognized collection type class "
                          "com.amazonaws.dynamodb.v20120810.Update"));
  EXPECT_EQ(Call("TransactWriteItems", R"({"TransactItems":[{"ConditionCheck":[]}]})").body,
            Serialization("Unrecognized collection type class "
                          "com.amazonaws.dynamodb.v20120810.ConditionCheck"));
  EXPECT_EQ(Call("TransactGetItems", R"({"TransactItems":[{"Get":[]}]})").body,
            Serialization("Unrecognized collection type class "
                          "com.amazonaws.dynamodb.v20120810.Get"));
  EXPECT_EQ(Call("TransactWriteItems", R"({"TransactItems":[{"Delete":{"Key":[]}}]})").body,
            Serialization("Unrecognized collection type java.util.Map<java.lang.String, "
                          "com.amazonaws.dynamodb.v20120810.AttributeValue>"));
  EXPECT_EQ(Call("TransactWriteItems", R"({"TransactItems":[{"Update":{"UpdateExpression":7}}]})")
                .body,
            Serialization("NUMBER_VALUE cannot be converted to String"));
  EXPECT_EQ(Call("TransactWriteItems", R"({"ClientRequestToken":true,"TransactItems":[]})").body,
            Serialization("TRUE_VALUE cannot be converted to String"));
  EXPECT_EQ(Call("TransactGetItems", R"({"TransactItems":[{"Get":{"TableName":"Tb1",
                 "Key":{"pk":{"S":"a"}},"ExpressionAttributeNames":[]}}]})")
                .body,
            Serialization("Unrecognized collection type java.util.Map<java.lang.String, "
                          "java.lang.String>"));
}

}  // namespace
}  // namespace lmddb::json
