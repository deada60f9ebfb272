// Query and Scan over JSON: pages, Select COUNT, key conditions and
// member errors.
#include <string>

#include "api/json/json_test_util.h"

namespace lmddb::json {
namespace {

class QueryScanTest : public JsonTest {
 protected:
  void SetUp() override {
    JsonTest::SetUp();
    Response r = Call("CreateTable", R"({"TableName":"Tab","BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
                                {"AttributeName":"sk","AttributeType":"N"}],
        "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
                     {"AttributeName":"sk","KeyType":"RANGE"}]})");
    ASSERT_EQ(r.http_status, 200) << r.body;
    for (int sk = 1; sk <= 3; ++sk) {
      Response put = Call("PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"a"},"sk":{"N":")" +
                                         std::to_string(sk) + R"("}}})");
      ASSERT_EQ(put.body, "{}");
    }
  }
};

TEST_F(QueryScanTest, QueryPages) {
  const std::string q = R"({"TableName":"Tab","KeyConditionExpression":"pk = :p",
                            "ExpressionAttributeValues":{":p":{"S":"a"}})";
  EXPECT_EQ(Call("Query", q + "}").body,
            R"({"Count":3,"Items":[{"pk":{"S":"a"},"sk":{"N":"1"}},{"pk":{"S":"a"},"sk":{"N":"2"}},)"
            R"({"pk":{"S":"a"},"sk":{"N":"3"}}],"ScannedCount":3})");
  EXPECT_EQ(Call("Query", q + R"(,"Limit":1,"ScanIndexForward":false})").body,
            R"({"Count":1,"Items":[{"pk":{"S":"a"},"sk":{"N":"3"}}],)"
            R"("LastEvaluatedKey":{"pk":{"S":"a"},"sk":{"N":"3"}},"ScannedCount":1})");
  EXPECT_EQ(Call("Query", q + R"(,"Limit":1,"ExclusiveStartKey":{"pk":{"S":"a"},"sk":{"N":"2"}}})")
                .body,
            R"({"Count":1,"Items":[{"pk":{"S":"a"},"sk":{"N":"3"}}],)"
            R"("LastEvaluatedKey":{"pk":{"S":"a"},"sk":{"N":"3"}},"ScannedCount":1})");
  EXPECT_EQ(Call("Query", q + R"(,"Select":"COUNT"})").body, R"({"Count":3,"ScannedCount":3})");
}

TEST_F(QueryScanTest, ScanWithFilterAndCapacity) {
  EXPECT_EQ(Call("Scan", R"({"TableName":"Tab","FilterExpression":"sk > :n",
                            "ExpressionAttributeValues":{":n":{"N":"1"}},
                            "ProjectionExpression":"sk","ReturnConsumedCapacity":"TOTAL"})")
                .body,
            R"({"ConsumedCapacity":{"CapacityUnits":0.5,"TableName":"Tab"},"Count":2,)"
            R"("Items":[{"sk":{"N":"2"}},{"sk":{"N":"3"}}],"ScannedCount":3})");
}

TEST_F(QueryScanTest, MemberErrors) {
  EXPECT_EQ(Call("Scan", "{}").body,
            Validation("1 validation error detected: Value null at 'tableName' failed to satisfy "
                       "constraint: Member must not be null"));
  EXPECT_EQ(Call("Scan", R"({"TableName":"Tab","Select":"SOME"})").body,
            Validation("1 validation error detected: Value 'SOME' at 'select' failed to satisfy "
                       "constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, "
                       "COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]"));
  EXPECT_EQ(Call("Scan", R"({"TableName":"Tab","Segment":"1"})").body,
            Serialization("STRING_VALUE cannot be converted to Integer"));
  EXPECT_EQ(Call("Query", R"({"TableName":"Tab","ScanIndexForward":"no"})").body,
            Serialization("Unexpected token received from parser"));
  EXPECT_EQ(Call("Query", R"({"TableName":"Tab","ExclusiveStartKey":[]})").body,
            Serialization("Unrecognized collection type java.util.Map<java.lang.String, "
                          "com.amazonaws.dynamodb.v20120810.AttributeValue>"));
}

}  // namespace
}  // namespace lmddb::json
