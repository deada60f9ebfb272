// KeyConditions, QueryFilter and AttributesToGet over JSON (Query and
// GetItem): key-condition rules, paging, mixing with expressions, and
// placeholders that never collide with the caller's.
#include <regex>
#include <string>

#include "api/json_legacy/legacy_test_util.h"

namespace lmddb::json {
namespace {

class LegacyQueryTest : public LegacyTest {
 protected:
  void SetUp() override {
    LegacyTest::SetUp();
    for (int sk = 1; sk <= 5; ++sk) {
      Put("Rng", R"({"pk":{"S":"a"},"sk":{"N":")" + std::to_string(sk) + R"("},"v":{"N":")" +
                   std::to_string(sk * 10) + R"("}})");
    }
    Put("Rng", R"({"pk":{"S":"b"},"sk":{"N":"1"}})");
  }

  static std::string HashIsA() {
    return R"("pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]})";
  }
  Response Query(const std::string& key_conditions, const std::string& extra = "") {
    return Call("Query",
                R"({"TableName":"Rng","KeyConditions":{)" + key_conditions + "}" + extra + "}");
  }
};

TEST_F(LegacyQueryTest, KeyConditionOperators) {
  EXPECT_EQ(CountOf(Query(HashIsA())), 5);
  auto range = [&](const std::string& op, const std::string& values) {
    return CountOf(Query(HashIsA() + R"(,"sk":{"ComparisonOperator":")" + op +
                         R"(","AttributeValueList":)" + values + "}"));
  };
  EXPECT_EQ(range("EQ", R"([{"N":"2"}])"), 1);
  EXPECT_EQ(range("LT", R"([{"N":"2"}])"), 1);
  EXPECT_EQ(range("LE", R"([{"N":"2"}])"), 2);
  EXPECT_EQ(range("GT", R"([{"N":"2"}])"), 3);
  EXPECT_EQ(range("GE", R"([{"N":"2"}])"), 4);
  EXPECT_EQ(range("BETWEEN", R"([{"N":"2"},{"N":"4"}])"), 3);
}

TEST_F(LegacyQueryTest, KeyConditionsPaging) {
  const std::string key = HashIsA() + R"(,"sk":{"ComparisonOperator":"GT","AttributeValueList":[{"N":"1"}]})";
  EXPECT_EQ(Query(key, R"(,"Limit":2,"AttributesToGet":["sk"])").body,
            R"({"Count":2,"Items":[{"sk":{"N":"2"}},{"sk":{"N":"3"}}],)"
            R"("LastEvaluatedKey":{"pk":{"S":"a"},"sk":{"N":"3"}},"ScannedCount":2})");
  EXPECT_EQ(Query(key, R"(,"Limit":2,"AttributesToGet":["sk"],)"
                       R"("ExclusiveStartKey":{"pk":{"S":"a"},"sk":{"N":"3"}})")
                .body,
            R"({"Count":2,"Items":[{"sk":{"N":"4"}},{"sk":{"N":"5"}}],)"
            R"("LastEvaluatedKey":{"pk":{"S":"a"},"sk":{"N":"5"}},"ScannedCount":2})");
  EXPECT_EQ(Query(key, R"(,"Limit":2,"ScanIndexForward":false,)"
                       R"("ExclusiveStartKey":{"pk":{"S":"a"},"sk":{"N":"3"}})")
                .body,
            R"({"Count":1,"Items":[{"pk":{"S":"a"},"sk":{"N":"2"},"v":{"N":"20"}}],)"
            R"("ScannedCount":1})");
}

TEST_F(LegacyQueryTest, KeyConditionErrors) {
  EXPECT_EQ(Query(R"("pk":{"ComparisonOperator":"NULL"})").body,
            Validation("Attempted conditional constraint is not an indexable operation"));
  EXPECT_EQ(Query(HashIsA() + R"(,"sk":{"ComparisonOperator":"IN","AttributeValueList":[{"N":"1"}]})")
                .body,
            Validation("Attempted conditional constraint is not an indexable operation"));
  EXPECT_EQ(Query(R"("pk":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"S":"a"}]})")
                .body,
            Validation("Query key condition not supported"));
  EXPECT_EQ(Query(R"("sk":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]})").body,
            Validation("Query condition missed key schema element: pk"));
  EXPECT_EQ(Query(HashIsA() + R"(,"sk":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]},)"
                              R"("v":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]})")
                .body,
            Validation("Conditions can be of length 1 or 2 only"));
  EXPECT_EQ(Call("Query", R"({"TableName":"Rng","KeyConditions":{}})").body,
            Validation("Conditions can be of length 1 or 2 only"));
  EXPECT_EQ(Query(R"("pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"},{"S":"b"}]})")
                .body,
            Validation("One or more parameter values were invalid: Invalid number of argument(s) "
                       "for the EQ ComparisonOperator"));
  EXPECT_EQ(Query(HashIsA() + R"(,"sk":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"N":"1"}]})")
                .body,
            Validation("One or more parameter values were invalid: ComparisonOperator BEGINS_WITH "
                       "is not valid for N AttributeValue type"));
  EXPECT_EQ(Call("CreateTable", R"({"TableName":"Hsh","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]})").http_status,
            200);
  EXPECT_EQ(Call("Query", R"({"TableName":"Hsh","KeyConditions":{"pk":{"ComparisonOperator":"LE",)"
                          R"("AttributeValueList":[{"S":"a"}]}}})")
                .body,
            Validation("Query key condition not supported"));
}

TEST_F(LegacyQueryTest, QueryFilterAndConditionalOperator) {
  const std::string filter =
      R"(,"QueryFilter":{"v":{"ComparisonOperator":"LT","AttributeValueList":[{"N":"20"}]},)"
      R"("w":{"ComparisonOperator":"NOT_NULL"}})";
  EXPECT_EQ(Query(HashIsA(), filter).body,
            R"({"Count":0,"Items":[],"ScannedCount":5})");
  EXPECT_EQ(Query(HashIsA(), filter + R"(,"ConditionalOperator":"OR")").body,
            R"({"Count":1,"Items":[{"pk":{"S":"a"},"sk":{"N":"1"},"v":{"N":"10"}}],"ScannedCount":5})");
  EXPECT_EQ(Query(HashIsA(), R"(,"ConditionalOperator":"OR")").body,
            Validation("ConditionalOperator cannot be used without Filter or Expected"));
  EXPECT_EQ(Call("Query", R"({"TableName":"Rng","ConditionalOperator":"AND"})").body,
            Validation("ConditionalOperator cannot be used without Filter or Expected"));
  const Response on_key = Query(
      HashIsA(), R"(,"QueryFilter":{"sk":{"ComparisonOperator":"NOT_NULL"}})");
  EXPECT_EQ(on_key.http_status, 400);
  EXPECT_NE(on_key.body.find("QueryFilter can only contain non-primary key attributes"),
            std::string::npos)
      << on_key.body;
}

TEST_F(LegacyQueryTest, MixingWithExpressions) {
  // KeyConditions goes with FilterExpression and ProjectionExpression, and
  // the generated placeholders avoid the caller's.
  EXPECT_EQ(Query(HashIsA(), R"(,"FilterExpression":"#L0 = :L0 OR #L_0 = :L_0",)"
                             R"("ProjectionExpression":"#L0","ExpressionAttributeNames":)"
                             R"({"#L0":"v","#L_0":"w"},"ExpressionAttributeValues":)"
                             R"({":L0":{"N":"30"},":L_0":{"N":"1"}})")
                .body,
            R"({"Count":1,"Items":[{"v":{"N":"30"}}],"ScannedCount":5})");
  EXPECT_EQ(Query(HashIsA(), R"(,"KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"a"}})")
                .body,
            Validation("Can not use both expression and non-expression parameters in the same "
                       "request: Non-expression parameters: {KeyConditions} Expression parameters: "
                       "{KeyConditionExpression}"));
  EXPECT_EQ(Call("Query", R"({"TableName":"Rng","KeyConditions":{)" + HashIsA() +
                              R"(},"QueryFilter":{"v":{"ComparisonOperator":"NULL"}},)"
                              R"("ConditionalOperator":"AND","KeyConditionExpression":"pk = :p",)"
                              R"("FilterExpression":"v = :p","ProjectionExpression":"v",)"
                              R"("ExpressionAttributeValues":{":p":{"S":"a"}}})")
                .body,
            Validation("Can not use both expression and non-expression parameters in the same "
                       "request: Non-expression parameters: {QueryFilter, ConditionalOperator, "
                       "KeyConditions} Expression parameters: {ProjectionExpression, "
                       "FilterExpression, KeyConditionExpression}"));
  EXPECT_EQ(Query(HashIsA(), R"(,"AttributesToGet":["v"],"Select":"ALL_ATTRIBUTES")").body,
            Validation("1 validation error detected: Cannot specify the AttributesToGet when "
                       "choosing to get ALL_ATTRIBUTES"));
}

TEST_F(LegacyQueryTest, GetItemAttributesToGet) {
  Put("Tab", R"({"pk":{"S":"k"},"a.b":{"S":"dotted"},"a":{"M":{"b":{"S":"nested"}}},"size":{"N":"1"}})");
  EXPECT_EQ(Call("GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"k"}},"AttributesToGet":["a.b","size","zz"]})")
                .body,
            R"({"Item":{"a.b":{"S":"dotted"},"size":{"N":"1"}}})");
  EXPECT_EQ(Call("GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"k"}},"AttributesToGet":["a"],)"
                            R"("ProjectionExpression":"a"})")
                .body,
            Validation("Can not use both expression and non-expression parameters in the same "
                       "request: Non-expression parameters: {AttributesToGet} Expression "
                       "parameters: {ProjectionExpression}"));
  EXPECT_EQ(Call("GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"k"}},"AttributesToGet":["a","a"]})")
                .body,
            Validation("One or more parameter values were invalid: Duplicate value in attribute "
                       "name: a"));
  EXPECT_EQ(Call("GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"k"}},"AttributesToGet":["a"],)"
                            R"("ExpressionAttributeNames":{"#a":"a"}})")
                .body,
            Validation("ExpressionAttributeNames can only be specified when using expressions"));
}

}  // namespace
}  // namespace lmddb::json
