// Request and response translation of the table and item operations, and
// the protocol-level errors (bad JSON, wrong types, missing members,
// unknown targets).
#include <string>

#include "api/json/json_test_util.h"

namespace lmddb::json {
namespace {

class OperationsTest : public JsonTest {};

TEST_F(OperationsTest, UnknownTargetAnswersUnknownOperation) {
  const std::string unknown = R"({"__type":"com.amazon.coral.service#UnknownOperationException"})";
  EXPECT_EQ(Handle(*db_, "DynamoDB_20120810.NoSuchThing", "{}").body, unknown);
  EXPECT_EQ(Handle(*db_, "Other.CreateTable", "{}").body, unknown);
  EXPECT_EQ(Handle(*db_, "", "").http_status, 400);
}

TEST_F(OperationsTest, InvalidJsonIsSerializationError) {
  const std::string bare = R"({"__type":"com.amazon.coral.service#SerializationException"})";
  for (const char* body : {"", "{", "nope", "{\"TableName\":}", "1", "\"x\"", "null",
                           "{\"a\":1} trailing", "\xff\xfe"}) {
    for (const char* op : {"CreateTable", "DescribeTable", "ListTables", "DeleteTable", "PutItem",
                           "GetItem", "DeleteItem", "UpdateItem"}) {
      Response r = Call(op, body);
      EXPECT_EQ(r.http_status, 400) << op << " " << body;
      EXPECT_EQ(r.body, bare) << op << " " << body;
    }
  }
  EXPECT_EQ(Call("ListTables", "[]").body,
            Serialization("Start of list found where not expected"));
}

TEST_F(OperationsTest, CreateDescribeListDelete) {
  Response r = Call("CreateTable", R"({"TableName":"Tb1","Unknown":{"x":1},
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
                              {"AttributeName":"sk","AttributeType":"N"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
      "ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":7}})");
  ASSERT_EQ(r.http_status, 200) << r.body;
  const std::string description =
      R"({"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},)"
      R"({"AttributeName":"sk","AttributeType":"N"}],"CreationDateTime":T,)"
      R"("DeletionProtectionEnabled":false,"ItemCount":0,"KeySchema":[)"
      R"({"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],)"
      R"("ProvisionedThroughput":{"NumberOfDecreasesToday":0,"ReadCapacityUnits":5,)"
      R"("WriteCapacityUnits":7},"TableArn":"arn:aws:dynamodb:us-east-1:000000000000:table/Tb1",)"
      R"("TableId":"ID","TableName":"Tb1","TableSizeBytes":0,"TableStatus":")";
  EXPECT_EQ(Stable(r.body), R"({"TableDescription":)" + description + R"(CREATING"}})");

  Response d = Call("DescribeTable", R"({"TableName":"Tb1"})");
  ASSERT_EQ(d.http_status, 200) << d.body;
  EXPECT_EQ(Stable(d.body), R"({"Table":)" + description + R"(ACTIVE"}})");
  // CreationDateTime is epoch seconds, a JSON number.
  EXPECT_NE(d.body.find(R"("CreationDateTime":1)"), std::string::npos) << d.body;

  CreateTable("Tb2");
  Response d2 = Call("DescribeTable", R"({"TableName":"Tb2"})");
  EXPECT_NE(Stable(d2.body).find(R"("BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST",)"
                                 R"("LastUpdateToPayPerRequestDateTime":T},)"),
            std::string::npos)
      << d2.body;
  EXPECT_NE(d2.body.find(R"("ProvisionedThroughput":{"NumberOfDecreasesToday":0,)"
                         R"("ReadCapacityUnits":0,"WriteCapacityUnits":0})"),
            std::string::npos)
      << d2.body;

  EXPECT_EQ(Call("ListTables", "{}").body, R"({"TableNames":["Tb1","Tb2"]})");
  EXPECT_EQ(Call("ListTables", R"({"Limit":1})").body,
            R"({"LastEvaluatedTableName":"Tb1","TableNames":["Tb1"]})");
  EXPECT_EQ(Call("ListTables", R"({"ExclusiveStartTableName":"Tb1"})").body,
            R"({"TableNames":["Tb2"]})");

  Response del = Call("DeleteTable", R"({"TableName":"Tb1"})");
  EXPECT_EQ(del.http_status, 200) << del.body;
  EXPECT_EQ(del.body.substr(0, 20), R"({"TableDescription":)");
  EXPECT_EQ(Call("ListTables", "{}").body, R"({"TableNames":["Tb2"]})");
  Response missing = Call("DescribeTable", R"({"TableName":"Tb1"})");
  EXPECT_EQ(missing.body,
            Error("com.amazonaws.dynamodb.v20120810", "ResourceNotFoundException",
                  "Requested resource not found: Table: Tb1 not found"));
}

TEST_F(OperationsTest, MissingRequiredMembersAreConstraintErrors) {
  EXPECT_EQ(Call("DescribeTable", "{}").body,
            Validation("1 validation error detected: Value null at 'tableName' failed to satisfy "
                       "constraint: Member must not be null"));
  EXPECT_EQ(Call("DeleteTable", R"({"TableName":null})").body,
            Validation("1 validation error detected: Value null at 'tableName' failed to satisfy "
                       "constraint: Member must not be null"));
  EXPECT_EQ(Call("GetItem", R"({"TableName":"T"})").body,
            Validation("1 validation error detected: Value null at 'key' failed to satisfy "
                       "constraint: Member must not be null"));
  EXPECT_EQ(Call("PutItem", "{}").body,
            Validation("2 validation errors detected: Value null at 'item' failed to satisfy "
                       "constraint: Member must not be null; Value null at 'tableName' failed to "
                       "satisfy constraint: Member must not be null"));
  EXPECT_EQ(Call("CreateTable", R"({"TableName":"abc"})").body,
            Validation("2 validation errors detected: Value null at 'attributeDefinitions' failed "
                       "to satisfy constraint: Member must not be null; Value null at 'keySchema' "
                       "failed to satisfy constraint: Member must not be null"));
}

TEST_F(OperationsTest, EnumMembersOutsideTheirSetAreConstraintErrors) {
  CreateTable("Tab");
  EXPECT_EQ(Call("PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"a"}},"ReturnValues":"X"})")
                .body,
            Validation("1 validation error detected: Value 'X' at 'returnValues' failed to satisfy "
                       "constraint: Member must satisfy enum value set: [UPDATED_NEW, UPDATED_OLD, "
                       "ALL_NEW, ALL_OLD, NONE]"));
  EXPECT_EQ(
      Call("GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},"ReturnConsumedCapacity":"Y"})")
          .body,
      Validation("1 validation error detected: Value 'Y' at 'returnConsumedCapacity' failed to "
                 "satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]"));
  EXPECT_EQ(Call("CreateTable", R"({"TableName":"abc","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"Q"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"BOTH"}]})")
                .body,
            Validation("2 validation errors detected: Value 'Q' at "
                       "'attributeDefinitions.1.member.attributeType' failed to satisfy "
                       "constraint: Member must satisfy enum value set: [B, N, S]; Value 'BOTH' at "
                       "'keySchema.1.member.keyType' failed to satisfy constraint: Member must "
                       "satisfy enum value set: [HASH, RANGE]"));
}

TEST_F(OperationsTest, WrongMemberTypesAreSerializationErrors) {
  CreateTable("Tab");
  EXPECT_EQ(Call("DescribeTable", R"({"TableName":5})").body,
            Serialization("NUMBER_VALUE cannot be converted to String"));
  EXPECT_EQ(Call("ListTables", R"({"Limit":"5"})").body,
            Serialization("STRING_VALUE cannot be converted to Integer"));
  EXPECT_EQ(Call("ListTables", R"({"Limit":true})").body,
            Serialization("TRUE_VALUE cannot be converted to Integer"));
  EXPECT_EQ(Call("GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},"ConsistentRead":1})")
                .body,
            Serialization("NUMBER_VALUE cannot be converted to Boolean"));
  EXPECT_EQ(Call("GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},
                               "ExpressionAttributeNames":{"#a":5}})")
                .body,
            Serialization("NUMBER_VALUE cannot be converted to String"));
  EXPECT_EQ(Call("GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},
                               "ExpressionAttributeNames":[]})")
                .body,
            Serialization("Unrecognized collection type java.util.Map<java.lang.String, "
                          "java.lang.String>"));
  EXPECT_EQ(Call("CreateTable", R"({"TableName":"abc","ProvisionedThroughput":[]})").body,
            Serialization("Unrecognized collection type class "
                          "com.amazonaws.dynamodb.v20120810.ProvisionedThroughput"));
  EXPECT_EQ(Call("CreateTable", R"({"TableName":"abc","KeySchema":[1]})").body,
            Serialization("Unexpected value type in payload"));
  EXPECT_EQ(Call("CreateTable", R"({"TableName":"abc","AttributeDefinitions":{}})").body,
            Serialization("Start of structure or map found where not expected"));
}

TEST_F(OperationsTest, ItemOperationsRoundTrip) {
  CreateTable("Tab");
  EXPECT_EQ(Call("PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"a"},"n":{"N":"1"}}})").body,
            "{}");
  EXPECT_EQ(Call("GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"a"}}})").body,
            R"({"Item":{"n":{"N":"1"},"pk":{"S":"a"}}})");
  EXPECT_EQ(Call("GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"zz"}}})").body, "{}");
  EXPECT_EQ(Call("GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},
                               "ProjectionExpression":"#n","ExpressionAttributeNames":{"#n":"n"}})")
                .body,
            R"({"Item":{"n":{"N":"1"}}})");
  EXPECT_EQ(Call("PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"a"},"n":{"N":"2"}},
                               "ReturnValues":"ALL_OLD"})")
                .body,
            R"({"Attributes":{"n":{"N":"1"},"pk":{"S":"a"}}})");
  EXPECT_EQ(Call("UpdateItem", R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},
                                  "UpdateExpression":"SET n = n + :d",
                                  "ExpressionAttributeValues":{":d":{"N":"10"}},
                                  "ReturnValues":"UPDATED_NEW"})")
                .body,
            R"({"Attributes":{"n":{"N":"12"}}})");
  EXPECT_EQ(Call("UpdateItem", R"({"TableName":"Tab","Key":{"pk":{"S":"b"}},
                                  "UpdateExpression":"SET x = :v",
                                  "ExpressionAttributeValues":{":v":{"S":"y"}}})")
                .body,
            "{}");
  EXPECT_EQ(Call("DeleteItem", R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},
                                  "ReturnValues":"ALL_OLD"})")
                .body,
            R"({"Attributes":{"n":{"N":"12"},"pk":{"S":"a"}}})");
  EXPECT_EQ(Call("DeleteItem", R"({"TableName":"Tab","Key":{"pk":{"S":"a"}}})").body, "{}");
  EXPECT_EQ(Call("GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"b"}}})").body,
            R"({"Item":{"pk":{"S":"b"},"x":{"S":"y"}}})");
}

TEST_F(OperationsTest, ConsumedCapacityWhenAsked) {
  CreateTable("Tab");
  EXPECT_EQ(Call("PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"a"}},
                               "ReturnConsumedCapacity":"TOTAL"})")
                .body,
            R"({"ConsumedCapacity":{"CapacityUnits":1.0,"TableName":"Tab"}})");
  EXPECT_EQ(Call("GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},
                               "ReturnConsumedCapacity":"TOTAL"})")
                .body,
            R"({"Item":{"pk":{"S":"a"}},"ConsumedCapacity":{"CapacityUnits":0.5,"TableName":"Tab"}})");
  EXPECT_EQ(Call("GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},"ConsistentRead":true,
                               "ReturnConsumedCapacity":"INDEXES"})")
                .body,
            R"({"Item":{"pk":{"S":"a"}},"ConsumedCapacity":{"CapacityUnits":1.0,)"
            R"("Table":{"CapacityUnits":1.0},"TableName":"Tab"}})");
  EXPECT_EQ(Call("GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},
                               "ReturnConsumedCapacity":"NONE"})")
                .body,
            R"({"Item":{"pk":{"S":"a"}}})");
}

TEST_F(OperationsTest, ConditionalCheckFailureCarriesItemWhenAsked) {
  CreateTable("Tab");
  ASSERT_EQ(Call("PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"a"},"v":{"N":"1"}}})").body,
            "{}");
  const std::string failed = Error("com.amazonaws.dynamodb.v20120810",
                                   "ConditionalCheckFailedException",
                                   "The conditional request failed");
  EXPECT_EQ(Call("PutItem", R"j({"TableName":"Tab","Item":{"pk":{"S":"a"}},
                               "ConditionExpression":"attribute_not_exists(pk)"})j")
                .body,
            failed);
  Response r = Call("DeleteItem", R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},
                                     "ConditionExpression":"v = :x",
                                     "ExpressionAttributeValues":{":x":{"N":"2"}},
                                     "ReturnValuesOnConditionCheckFailure":"ALL_OLD"})");
  EXPECT_EQ(r.http_status, 400);
  EXPECT_EQ(r.body, failed.substr(0, failed.size() - 1) +
                        R"(,"Item":{"pk":{"S":"a"},"v":{"N":"1"}}})");
}

TEST_F(OperationsTest, EngineErrorsPassThrough) {
  CreateTable("Tab");
  EXPECT_EQ(Call("GetItem", R"({"TableName":"Nope","Key":{"pk":{"S":"a"}}})").body,
            Error("com.amazonaws.dynamodb.v20120810", "ResourceNotFoundException",
                  "Requested resource not found"));
  EXPECT_EQ(Call("GetItem", R"({"TableName":"Tab","Key":{"pk":{"N":"1"}}})").body,
            Validation("The provided key element does not match the schema"));
}

// Truncations and byte flips of valid requests: every answer is a
// well-formed response, never a crash.
TEST_F(OperationsTest, MalformedInputNeverCrashes) {
  CreateTable("Tab");
  const std::string bodies[] = {
      R"({"TableName":"Tab","Item":{"pk":{"S":"a"},"m":{"M":{"l":{"L":[{"B":"YQ=="},{"NS":["1"]}]}}}}})",
      R"({"TableName":"Tab","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET a = :v","ExpressionAttributeValues":{":v":{"SS":["x"]}}})",
  };
  const char* ops[] = {"PutItem", "UpdateItem", "GetItem", "DeleteItem", "CreateTable"};
  int answered = 0;
  for (const std::string& body : bodies) {
    for (size_t cut = 0; cut <= body.size(); ++cut) {
      for (const char* op : ops) {
        Response r = Call(op, body.substr(0, cut));
        EXPECT_TRUE(r.http_status == 200 || r.http_status == 400) << r.body;
        ++answered;
      }
    }
    for (size_t i = 0; i < body.size(); ++i) {
      for (char c : {'{', '}', '[', ']', '"', ':', ',', '\\', 'x', '\0'}) {
        std::string mutated = body;
        mutated[i] = c;
        Response r = Call("PutItem", mutated);
        EXPECT_FALSE(r.body.empty());
        ++answered;
      }
    }
  }
  EXPECT_GT(answered, 1000);
}

TEST(ReadsOnlyTest, NamesTheOperationsThatNeverWrite) {
  for (const char* op : {"GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems",
                         "DescribeTable", "ListTables"}) {
    EXPECT_TRUE(ReadsOnly(std::string(kTargetPrefix) + op)) << op;
  }
  for (const char* op : {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
                         "TransactWriteItems", "CreateTable", "DeleteTable", "Nope"}) {
    EXPECT_FALSE(ReadsOnly(std::string(kTargetPrefix) + op)) << op;
  }
  EXPECT_FALSE(ReadsOnly("GetItem"));
  EXPECT_FALSE(ReadsOnly("DynamoDBStreams_20120810.GetRecords"));
}

}  // namespace
}  // namespace lmddb::json
