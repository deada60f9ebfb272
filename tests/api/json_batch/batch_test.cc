// BatchGetItem and BatchWriteItem over the JSON protocol: round trips,
// response shapes (empty UnprocessedKeys / UnprocessedItems, the
// ConsumedCapacity list), limits as error bodies, and the wire-level
// errors for wrong member types and missing members.
#include <string>

#include "api/json/json_test_util.h"

namespace lmddb::json {
namespace {

class BatchTest : public JsonTest {
 protected:
  void SetUp() override {
    JsonTest::SetUp();
    CreateTable("Tb1");
    CreateTable("Tb2", "N");
  }
};

// What DynamoDB's deserializer says for a scalar in a generic collection.
constexpr char kParameterizedCast[] =
    "class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to class "
    "java.lang.Class (sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and "
    "java.lang.Class are in module java.base of loader 'bootstrap')";

TEST_F(BatchTest, WriteThenGetRoundTrip) {
  Response w = Call("BatchWriteItem", R"({"RequestItems":{
      "Tb1":[{"PutRequest":{"Item":{"pk":{"S":"a"},"v":{"N":"1"}}}},
             {"PutRequest":{"Item":{"pk":{"S":"b"},"l":{"L":[{"BOOL":true},{"NULL":true}]}}}}],
      "Tb2":[{"PutRequest":{"Item":{"pk":{"N":"7"},"s":{"SS":["x","y"]}}}}]}})");
  ASSERT_EQ(w.http_status, 200) << w.body;
  EXPECT_EQ(w.body, R"({"UnprocessedItems":{}})");

  Response g = Call("BatchGetItem", R"({"RequestItems":{
      "Tb1":{"Keys":[{"pk":{"S":"a"}},{"pk":{"S":"missing"}}],"ConsistentRead":true},
      "Tb2":{"Keys":[{"pk":{"N":"7"}}]}}})");
  ASSERT_EQ(g.http_status, 200) << g.body;
  EXPECT_EQ(g.body,
            R"({"Responses":{"Tb1":[{"pk":{"S":"a"},"v":{"N":"1"}}],)"
            R"("Tb2":[{"pk":{"N":"7"},"s":{"SS":["x","y"]}}]},"UnprocessedKeys":{}})");

  // A delete in a batch, then a table whose keys are all missing: the table
  // is still listed, with no items.
  Response d = Call("BatchWriteItem",
                    R"({"RequestItems":{"Tb1":[{"DeleteRequest":{"Key":{"pk":{"S":"a"}}}}]}})");
  ASSERT_EQ(d.http_status, 200) << d.body;
  EXPECT_EQ(d.body, R"({"UnprocessedItems":{}})");
  Response g2 = Call("BatchGetItem", R"({"RequestItems":{"Tb1":{"Keys":[{"pk":{"S":"a"}}]}}})");
  EXPECT_EQ(g2.body, R"({"Responses":{"Tb1":[]},"UnprocessedKeys":{}})");
}

TEST_F(BatchTest, GetWithProjectionAndNames) {
  ASSERT_EQ(Call("PutItem", R"({"TableName":"Tb1","Item":{"pk":{"S":"a"},"x":{"N":"1"},
      "y":{"S":"two"},"z":{"M":{"q":{"S":"r"}}}}})").http_status, 200);
  Response g = Call("BatchGetItem", R"({"RequestItems":{"Tb1":{"Keys":[{"pk":{"S":"a"}}],
      "ProjectionExpression":"#y, z.q","ExpressionAttributeNames":{"#y":"y"}}}})");
  ASSERT_EQ(g.http_status, 200) << g.body;
  EXPECT_EQ(g.body, R"({"Responses":{"Tb1":[{"y":{"S":"two"},"z":{"M":{"q":{"S":"r"}}}}]},)"
                    R"("UnprocessedKeys":{}})");
}

TEST_F(BatchTest, GetWithLegacyAttributesToGet) {
  ASSERT_EQ(Call("PutItem", R"({"TableName":"Tb1","Item":{"pk":{"S":"a"},"x":{"N":"1"},
      "y.z":{"S":"dotted"},"w":{"S":"no"}}})").http_status, 200);
  // Names are top-level attributes, dots and all.
  Response g = Call("BatchGetItem", R"({"RequestItems":{"Tb1":{"Keys":[{"pk":{"S":"a"}}],
      "AttributesToGet":["x","y.z"]}}})");
  ASSERT_EQ(g.http_status, 200) << g.body;
  EXPECT_EQ(g.body, R"({"Responses":{"Tb1":[{"x":{"N":"1"},"y.z":{"S":"dotted"}}]},)"
                    R"("UnprocessedKeys":{}})");
  EXPECT_EQ(Call("BatchGetItem", R"({"RequestItems":{"Tb1":{"Keys":[{"pk":{"S":"a"}}],
      "AttributesToGet":["x"],"ProjectionExpression":"x"}}})").body,
            Validation("Can not use both expression and non-expression parameters in the same "
                       "request: Non-expression parameters: {AttributesToGet} Expression "
                       "parameters: {ProjectionExpression}"));
}

TEST_F(BatchTest, ConsumedCapacityIsAListPerTable) {
  Response w = Call("BatchWriteItem", R"({"ReturnConsumedCapacity":"TOTAL","RequestItems":{
      "Tb1":[{"PutRequest":{"Item":{"pk":{"S":"a"}}}},{"PutRequest":{"Item":{"pk":{"S":"b"}}}}],
      "Tb2":[{"DeleteRequest":{"Key":{"pk":{"N":"1"}}}}]}})");
  ASSERT_EQ(w.http_status, 200) << w.body;
  EXPECT_EQ(w.body, R"({"ConsumedCapacity":[{"CapacityUnits":2.0,"TableName":"Tb1"},)"
                    R"({"CapacityUnits":1.0,"TableName":"Tb2"}],"UnprocessedItems":{}})");

  Response g = Call("BatchGetItem", R"({"ReturnConsumedCapacity":"INDEXES","RequestItems":{
      "Tb1":{"Keys":[{"pk":{"S":"a"}},{"pk":{"S":"b"}}],"ConsistentRead":true}}})");
  ASSERT_EQ(g.http_status, 200) << g.body;
  EXPECT_EQ(g.body, R"({"ConsumedCapacity":[{"CapacityUnits":2.0,"Table":{"CapacityUnits":2.0},)"
                    R"("TableName":"Tb1"}],"Responses":{"Tb1":[{"pk":{"S":"a"}},)"
                    R"({"pk":{"S":"b"}}]},"UnprocessedKeys":{}})");

  // NONE reports nothing.
  Response none = Call("BatchGetItem", R"({"ReturnConsumedCapacity":"NONE","RequestItems":{
      "Tb1":{"Keys":[{"pk":{"S":"zz"}}]}}})");
  EXPECT_EQ(none.body, R"({"Responses":{"Tb1":[]},"UnprocessedKeys":{}})");
}

TEST_F(BatchTest, MissingRequestItems) {
  EXPECT_EQ(Call("BatchGetItem", "{}").body,
            Validation("1 validation error detected: Value null at 'requestItems' failed to "
                       "satisfy constraint: Member must not be null"));
  EXPECT_EQ(Call("BatchWriteItem", R"({"RequestItems":null})").body,
            Validation("1 validation error detected: Value null at 'requestItems' failed to "
                       "satisfy constraint: Member must not be null"));
  EXPECT_EQ(Call("BatchWriteItem",
                 R"({"ReturnConsumedCapacity":"hi","ReturnItemCollectionMetrics":"hi"})")
                .body,
            Validation("3 validation errors detected: Value 'hi' at 'returnConsumedCapacity' "
                       "failed to satisfy constraint: Member must satisfy enum value set: "
                       "[INDEXES, TOTAL, NONE]; Value 'hi' at 'returnItemCollectionMetrics' "
                       "failed to satisfy constraint: Member must satisfy enum value set: "
                       "[SIZE, NONE]; Value null at 'requestItems' failed to satisfy "
                       "constraint: Member must not be null"));
  EXPECT_EQ(Call("BatchGetItem", R"({"ReturnConsumedCapacity":"hi"})").body,
            Validation("2 validation errors detected: Value 'hi' at 'returnConsumedCapacity' "
                       "failed to satisfy constraint: Member must satisfy enum value set: "
                       "[INDEXES, TOTAL, NONE]; Value null at 'requestItems' failed to satisfy "
                       "constraint: Member must not be null"));
}

TEST_F(BatchTest, MissingNestedMembers) {
  EXPECT_EQ(Call("BatchGetItem", R"({"RequestItems":{"Tb1":{}}})").body,
            Validation("1 validation error detected: Value null at 'requestItems.Tb1.member.keys' "
                       "failed to satisfy constraint: Member must not be null"));
  EXPECT_EQ(Call("BatchWriteItem",
                 R"({"RequestItems":{"Tb1":[{"PutRequest":{},"DeleteRequest":{}}]}})")
                .body,
            Validation("2 validation errors detected: Value null at "
                       "'requestItems.Tb1.member.1.member.deleteRequest.key' failed to satisfy "
                       "constraint: Member must not be null; Value null at "
                       "'requestItems.Tb1.member.1.member.putRequest.item' failed to satisfy "
                       "constraint: Member must not be null"));
  EXPECT_EQ(Call("BatchWriteItem", R"({"RequestItems":{"Tb1":[
                 {"PutRequest":{"Item":{"pk":{"S":"a"}}}},{"DeleteRequest":{}}]}})")
                .body,
            Validation("1 validation error detected: Value null at "
                       "'requestItems.Tb1.member.2.member.deleteRequest.key' failed to satisfy "
                       "constraint: Member must not be null"));
}

TEST_F(BatchTest, ShapeErrorsFromTheEngineAsBodies) {
  EXPECT_EQ(Call("BatchGetItem", R"({"RequestItems":{}})").body,
            Validation("1 validation error detected: Value '{}' at 'requestItems' failed to "
                       "satisfy constraint: Member must have length greater than or equal to 1"));
  EXPECT_EQ(Call("BatchWriteItem", R"({"RequestItems":{}})").body,
            Validation("1 validation error detected: Value '{}' at 'requestItems' failed to "
                       "satisfy constraint: Member must have length greater than or equal to 1"));
  EXPECT_EQ(Call("BatchGetItem", R"({"RequestItems":{"Tb1":{"Keys":[]}}})").body,
            Validation("1 validation error detected: Value '[]' at "
                       "'requestItems.Tb1.member.keys' failed to satisfy constraint: Member must "
                       "have length greater than or equal to 1"));
  EXPECT_EQ(Call("BatchWriteItem", R"({"RequestItems":{"Tb1":[{}]}})").body,
            Validation("Supplied AttributeValue has more than one datatypes set, must contain "
                       "exactly one of the supported datatypes"));
  Response missing = Call(
      "BatchWriteItem", R"({"RequestItems":{"Nope":[{"PutRequest":{"Item":{"pk":{"S":"a"}}}}]}})");
  EXPECT_EQ(missing.body,
            R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",)"
            R"("message":"Requested resource not found"})");
  EXPECT_EQ(Call("BatchGetItem", R"({"RequestItems":{"Tb1":{"Keys":[
                 {"pk":{"S":"a"}},{"pk":{"S":"a"}}]}}})").body,
            Validation("Provided list of item keys contains duplicates"));
}

TEST_F(BatchTest, LimitsAsErrorBodies) {
  // 101 keys in one table: the list-length constraint.
  std::string keys;
  for (int i = 0; i < 101; ++i) {
    keys += (i ? "," : "") + std::string(R"({"pk":{"S":"k)") + std::to_string(i) + R"("}})";
  }
  Response g = Call("BatchGetItem", R"({"RequestItems":{"Tb1":{"Keys":[)" + keys + "]}}}");
  EXPECT_EQ(g.http_status, 400);
  EXPECT_EQ(g.body.rfind(R"({"__type":"com.amazon.coral.validate#ValidationException",)"
                         R"("message":"1 validation error detected: Value '[{pk={S: k0,}}, )",
                         0),
            0u)
      << g.body;
  EXPECT_NE(g.body.find("' at 'requestItems.Tb1.member.keys' failed to satisfy constraint: "
                        "Member must have length less than or equal to 100\"}"),
            std::string::npos)
      << g.body;

  // 100 + 1 keys over two tables: the total.
  std::string hundred;
  for (int i = 0; i < 100; ++i) {
    hundred += (i ? "," : "") + std::string(R"({"pk":{"S":"k)") + std::to_string(i) + R"("}})";
  }
  EXPECT_EQ(Call("BatchGetItem", R"({"RequestItems":{"Tb1":{"Keys":[)" + hundred +
                                     R"(]},"Tb2":{"Keys":[{"pk":{"N":"1"}}]}}})")
                .body,
            Validation("Too many items requested for the BatchGetItem call"));

  // 26 writes in one table, and 25 + 1 over two.
  std::string writes;
  for (int i = 0; i < 26; ++i) {
    writes += (i ? "," : "") + std::string(R"({"PutRequest":{"Item":{"pk":{"S":"k)") +
              std::to_string(i) + R"("}}}})";
  }
  Response w = Call("BatchWriteItem", R"({"RequestItems":{"Tb1":[)" + writes + "]}}");
  EXPECT_NE(w.body.find("' at 'requestItems' failed to satisfy constraint: Map value must "
                        "satisfy constraint: [Member must have length less than or equal to 25, "
                        "Member must have length greater than or equal to 1]\"}"),
            std::string::npos)
      << w.body;
  std::string twenty_five = writes.substr(0, writes.rfind(",{\"PutRequest\""));
  EXPECT_EQ(Call("BatchWriteItem", R"({"RequestItems":{"Tb1":[)" + twenty_five +
                                       R"(],"Tb2":[{"DeleteRequest":{"Key":{"pk":{"N":"1"}}}}]}})")
                .body,
            Validation("Too many items requested for the BatchWriteItem call"));
}

TEST_F(BatchTest, WrongMemberTypesAreSerializationErrors) {
  // BatchGetItem: RequestItems is Map<KeysAndAttributes>.
  EXPECT_EQ(Call("BatchGetItem", R"({"RequestItems":[]})").body,
            Serialization("Unrecognized collection type java.util.Map<java.lang.String, "
                          "com.amazonaws.dynamodb.v20120810.KeysAndAttributes>"));
  EXPECT_EQ(Call("BatchGetItem", R"({"RequestItems":"x"})").body,
            Serialization("Unexpected field type"));
  EXPECT_EQ(Call("BatchGetItem", R"({"RequestItems":{"Tb1":[]}})").body,
            Serialization("Unrecognized collection type class "
                          "com.amazonaws.dynamodb.v20120810.KeysAndAttributes"));
  EXPECT_EQ(Call("BatchGetItem", R"({"RequestItems":{"Tb1":true}})").body,
            Serialization("Unexpected value type in payload"));
  EXPECT_EQ(Call("BatchGetItem", R"({"RequestItems":{"Tb1":{"Keys":{}}}})").body,
            Serialization("Start of structure or map found where not expected"));
  EXPECT_EQ(Call("BatchGetItem", R"({"RequestItems":{"Tb1":{"Keys":23}}})").body,
            Serialization("Unexpected field type"));
  EXPECT_EQ(Call("BatchGetItem", R"({"RequestItems":{"Tb1":{"Keys":["23"]}}})").body,
            Serialization(kParameterizedCast));
  EXPECT_EQ(Call("BatchGetItem", R"({"RequestItems":{"Tb1":{"Keys":[[]]}}})").body,
            Serialization("Unrecognized collection type java.util.Map<java.lang.String, "
                          "com.amazonaws.dynamodb.v20120810.AttributeValue>"));
  EXPECT_EQ(Call("BatchGetItem", R"({"RequestItems":{"Tb1":{"Keys":[{"pk":{"S":1}}]}}})").body,
            Serialization("NUMBER_VALUE cannot be converted to String"));
  EXPECT_EQ(Call("BatchGetItem",
                 R"({"RequestItems":{"Tb1":{"Keys":[{"pk":{"S":"a"}}],"ConsistentRead":"no"}}})")
                .body,
            Serialization("Unexpected token received from parser"));
  EXPECT_EQ(Call("BatchGetItem", R"({"RequestItems":{"Tb1":{"Keys":[{"pk":{"S":"a"}}],
                 "ProjectionExpression":34.5}}})")
                .body,
            Serialization("DECIMAL_VALUE cannot be converted to String"));
  EXPECT_EQ(Call("BatchGetItem", R"({"RequestItems":{"Tb1":{"Keys":[{"pk":{"S":"a"}}],
                 "ExpressionAttributeNames":{"#a":false}}}})")
                .body,
            Serialization("FALSE_VALUE cannot be converted to String"));
  EXPECT_EQ(Call("BatchGetItem", R"({"ReturnConsumedCapacity":[],"RequestItems":{}})").body,
            Serialization("Unrecognized collection type class java.lang.String"));

  // BatchWriteItem: RequestItems is Map<List<WriteRequest>>.
  EXPECT_EQ(Call("BatchWriteItem", R"({"RequestItems":[]})").body,
            Serialization("Unrecognized collection type java.util.Map<java.lang.String, "
                          "java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>>"));
  EXPECT_EQ(Call("BatchWriteItem", R"({"RequestItems":{"Tb1":"23"}})").body,
            Serialization(kParameterizedCast));
  EXPECT_EQ(Call("BatchWriteItem", R"({"RequestItems":{"Tb1":{}}})").body,
            Serialization("Start of structure or map found where not expected"));
  EXPECT_EQ(Call("BatchWriteItem", R"({"RequestItems":{"Tb1":[23]}})").body,
            Serialization("Unexpected value type in payload"));
  EXPECT_EQ(Call("BatchWriteItem", R"({"RequestItems":{"Tb1":[[]]}})").body,
            Serialization("Unrecognized collection type class "
                          "com.amazonaws.dynamodb.v20120810.WriteRequest"));
  EXPECT_EQ(Call("BatchWriteItem", R"({"RequestItems":{"Tb1":[{"PutRequest":true}]}})").body,
            Serialization("Unexpected field type"));
  EXPECT_EQ(Call("BatchWriteItem", R"({"RequestItems":{"Tb1":[{"DeleteRequest":[]}]}})").body,
            Serialization("Unrecognized collection type class "
                          "com.amazonaws.dynamodb.v20120810.DeleteRequest"));
  EXPECT_EQ(Call("BatchWriteItem", R"({"RequestItems":{"Tb1":[{"PutRequest":{"Item":[]}}]}})")
                .body,
            Serialization("Unrecognized collection type java.util.Map<java.lang.String, "
                          "com.amazonaws.dynamodb.v20120810.AttributeValue>"));
  EXPECT_EQ(Call("BatchWriteItem", R"({"RequestItems":{"Tb1":[{"PutRequest":{"Item":
                 {"pk":{"B":"abc"}}}}]}})")
                .body,
            Serialization("Base64 encoded length is expected a multiple of 4 bytes but found: 3"));
  EXPECT_EQ(Call("BatchWriteItem", R"({"ReturnItemCollectionMetrics":1,"RequestItems":{}})").body,
            Serialization("NUMBER_VALUE cannot be converted to String"));
}

TEST_F(BatchTest, ValueErrorsInsideRequests) {
  EXPECT_EQ(Call("BatchWriteItem",
                 R"({"RequestItems":{"Tb1":[{"PutRequest":{"Item":{"pk":{}}}}]}})")
                .body,
            Validation("Supplied AttributeValue is empty, must contain exactly one of the "
                       "supported datatypes"));
  EXPECT_EQ(Call("BatchGetItem", R"({"RequestItems":{"Tb1":{"Keys":[{"pk":{"N":"b"}}]}}})").body,
            Validation("The parameter cannot be converted to a numeric value: b"));
}

}  // namespace
}  // namespace lmddb::json
