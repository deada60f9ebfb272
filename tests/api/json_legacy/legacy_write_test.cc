// Expected (PutItem, DeleteItem, UpdateItem) and AttributeUpdates
// (UpdateItem) over JSON: semantics, ConditionalOperator and the legacy
// validation texts.
#include <regex>
#include <string>

#include "api/json_legacy/legacy_test_util.h"

namespace lmddb::json {
namespace {

class LegacyWriteTest : public LegacyTest {
 protected:
  // UpdateItem of Tab's item `pk` with extra members `members`.
  Response Update(const std::string& pk, const std::string& members) {
    return Call("UpdateItem",
                R"({"TableName":"Tab","Key":{"pk":{"S":")" + pk + R"("}},)" + members + "}");
  }
  static bool Failed(const Response& r) {
    return r.http_status == 400 &&
           r.body.find("ConditionalCheckFailedException") != std::string::npos;
  }
  static std::string Invalid(const std::string& text) {
    return Validation("One or more parameter values were invalid: " + text);
  }
};

TEST_F(LegacyWriteTest, ExpectedExistsAndValue) {
  const std::string put = R"({"TableName":"Tab","Item":{"pk":{"S":"k"},"a":{"N":"1"}},"Expected":)";
  EXPECT_EQ(Call("PutItem", put + R"({"pk":{"Exists":false}}})").body, "{}");
  EXPECT_TRUE(Failed(Call("PutItem", put + R"({"pk":{"Exists":false}}})")));
  EXPECT_EQ(Call("PutItem", put + R"({"a":{"Value":{"N":"1.0"}}}})").body, "{}");
  EXPECT_EQ(Call("PutItem", put + R"({"a":{"Exists":true,"Value":{"N":"1"}}}})").body, "{}");
  EXPECT_TRUE(Failed(Call("PutItem", put + R"({"a":{"Value":{"N":"2"}}}})")));
  EXPECT_TRUE(Failed(Call("PutItem", put + R"({"zz":{"Value":{"N":"1"}}}})")));
  // An empty Expected is no condition.
  EXPECT_EQ(Call("PutItem", put + "{}}").body, "{}");

  EXPECT_TRUE(Failed(Call("DeleteItem", R"({"TableName":"Tab","Key":{"pk":{"S":"k"}},)"
                                        R"("Expected":{"a":{"Value":{"N":"2"}}}})")));
  EXPECT_EQ(Call("DeleteItem", R"({"TableName":"Tab","Key":{"pk":{"S":"k"}},)"
                               R"("Expected":{"a":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]}},)"
                               R"("ReturnValues":"ALL_OLD"})")
                .body,
            R"({"Attributes":{"a":{"N":"1"},"pk":{"S":"k"}}})");
  EXPECT_EQ(GetT("k"), "{}");
}

TEST_F(LegacyWriteTest, ExpectedValidation) {
  auto put = [&](const std::string& expected) {
    return Call("PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"k"}},"Expected":{"x":)" +
                               expected + "}}")
        .body;
  };
  EXPECT_EQ(put(R"({"Exists":true})"),
            Invalid("Value must be provided when Exists is true for Attribute: x"));
  EXPECT_EQ(put("{}"), Invalid("Value must be provided when Exists is null for Attribute: x"));
  EXPECT_EQ(put(R"({"Exists":false,"Value":{"S":"a"}})"),
            Invalid("Value cannot be used when Exists is false for Attribute: x"));
  EXPECT_EQ(put(R"({"Exists":true,"ComparisonOperator":"NULL"})"),
            Invalid("Exists and ComparisonOperator cannot be used together for Attribute: x"));
  EXPECT_EQ(put(R"({"AttributeValueList":[{"S":"a"}]})"),
            Invalid("AttributeValueList can only be used with a ComparisonOperator for Attribute: x"));
  EXPECT_EQ(put(R"({"ComparisonOperator":"EQ","Value":{"S":"a"},"AttributeValueList":[{"S":"a"}]})"),
            Invalid("Value and AttributeValueList cannot be used together for Attribute: x"));
  EXPECT_EQ(put(R"({"ComparisonOperator":"EQ"})"),
            Invalid("Value or AttributeValueList must be used with ComparisonOperator: EQ for "
                    "Attribute: x"));
  EXPECT_EQ(put(R"({"ComparisonOperator":"NULL","Value":{"S":"a"}})"),
            Invalid("Invalid number of argument(s) for the NULL ComparisonOperator"));
  EXPECT_EQ(put(R"({"ComparisonOperator":"BETWEEN","Value":{"S":"a"}})"),
            Invalid("Invalid number of argument(s) for the BETWEEN ComparisonOperator"));
  EXPECT_EQ(put(R"({"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"N":"3"}]})"),
            Invalid("ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type"));
  EXPECT_EQ(put(R"({"ComparisonOperator":"NOPE"})"),
            Validation("1 validation error detected: Value 'NOPE' at "
                       "'expected.x.member.comparisonOperator' failed to satisfy constraint: "
                       "Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, "
                       "EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]"));
  EXPECT_EQ(Call("PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"k"}},)"
                            R"j("Expected":{"x":{"Exists":false}},"ConditionExpression":"attribute_exists(pk)"})j")
                .body,
            Validation("Can not use both expression and non-expression parameters in the same "
                       "request: Non-expression parameters: {Expected} Expression parameters: "
                       "{ConditionExpression}"));
  EXPECT_EQ(Call("DeleteItem", R"({"TableName":"Tab","Key":{"pk":{"S":"k"}},"ConditionalOperator":"AND"})")
                .body,
            Validation("ConditionalOperator cannot be used without Filter or Expected"));
  EXPECT_EQ(Call("PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"k"}},)"
                            R"("Expected":{"x":{"Exists":false}},"ExpressionAttributeValues":{":v":{"S":"a"}}})")
                .body,
            Validation("ExpressionAttributeValues can only be specified when using expressions: "
                       "ConditionExpression is null"));
}

TEST_F(LegacyWriteTest, ExpectedOperatorsAndOr) {
  Put("Tab", R"({"pk":{"S":"k"},"a":{"N":"1"},"s":{"S":"hello"}})");
  EXPECT_TRUE(Failed(Update("k", R"("AttributeUpdates":{"z":{"Value":{"N":"1"}}},)"
                                 R"("Expected":{"q":{"ComparisonOperator":"NOT_CONTAINS",)"
                                 R"("AttributeValueList":[{"N":"1"}]}})")));
  EXPECT_EQ(Update("k", R"("AttributeUpdates":{"z":{"Value":{"N":"1"}}},)"
                        R"("Expected":{"q":{"ComparisonOperator":"NE","AttributeValueList":[{"N":"1"}]}})")
                .body,
            "{}");
  const std::string two = R"("Expected":{"a":{"Value":{"N":"74"}},)"
                          R"("s":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"S":"he"}]}})";
  EXPECT_TRUE(Failed(Update("k", R"("AttributeUpdates":{"z":{"Value":{"N":"2"}}},)" + two)));
  EXPECT_EQ(Update("k", R"("AttributeUpdates":{"z":{"Value":{"N":"3"}}},"ConditionalOperator":"OR",)" +
                            two)
                .body,
            "{}");
  EXPECT_EQ(GetT("k"), R"({"Item":{"a":{"N":"1"},"pk":{"S":"k"},"s":{"S":"hello"},"z":{"N":"3"}}})");
  EXPECT_EQ(Update("k", R"("AttributeUpdates":{"z":{"Value":{"N":"3"}}},"ConditionalOperator":"OR",)"
                        R"("Expected":{"a":{"Value":{"N":"1"}}})")
                .body,
            Validation("ConditionalOperator can only be used when Filter or Expected has two or "
                       "more elements"));
}

TEST_F(LegacyWriteTest, AttributeUpdatesActions) {
  // On a missing item every action creates the item.
  EXPECT_EQ(Update("k", R"("AttributeUpdates":{"n":{"Action":"ADD","Value":{"N":"5"}},)"
                        R"("s":{"Value":{"S":"x"}},"ss":{"Action":"ADD","Value":{"SS":["a"]}},)"
                        R"("gone":{"Action":"DELETE"},"l":{"Action":"ADD","Value":{"L":[{"N":"1"}]}}},)"
                        R"("ReturnValues":"ALL_NEW")")
                .body,
            R"({"Attributes":{"l":{"L":[{"N":"1"}]},"n":{"N":"5"},"pk":{"S":"k"},"s":{"S":"x"},)"
            R"("ss":{"SS":["a"]}}})");
  EXPECT_EQ(Update("k", R"("AttributeUpdates":{"n":{"Action":"ADD","Value":{"N":"-2"}},)"
                        R"("ss":{"Action":"ADD","Value":{"SS":["b","c"]}},"s":{"Action":"DELETE"},)"
                        R"("l":{"Action":"ADD","Value":{"L":[{"S":"2"}]}}},"ReturnValues":"UPDATED_NEW")")
                .body,
            R"({"Attributes":{"l":{"L":[{"N":"1"},{"S":"2"}]},"n":{"N":"3"},"ss":{"SS":["a","b","c"]}}})");
  EXPECT_EQ(Update("k", R"("AttributeUpdates":{"ss":{"Action":"DELETE","Value":{"SS":["a","c","z"]}}})")
                .body,
            "{}");
  EXPECT_EQ(GetT("k"), R"({"Item":{"l":{"L":[{"N":"1"},{"S":"2"}]},"n":{"N":"3"},"pk":{"S":"k"},)"
                       R"("ss":{"SS":["b"]}}})");
  // Deleting the last members removes the attribute.
  EXPECT_EQ(Update("k", R"("AttributeUpdates":{"ss":{"Action":"DELETE","Value":{"SS":["b"]}}})").body,
            "{}");
  EXPECT_EQ(GetT("k"), R"({"Item":{"l":{"L":[{"N":"1"},{"S":"2"}]},"n":{"N":"3"},"pk":{"S":"k"}}})");
  // DELETE alone on a missing item: "nothing happens" (AttributeValueUpdate).
  EXPECT_EQ(Update("new", R"("AttributeUpdates":{"a":{"Action":"DELETE"}})").body, "{}");
  EXPECT_EQ(GetT("new"), "{}");
  EXPECT_EQ(Update("new2", R"("AttributeUpdates":{}, "Expected":{})").body, "{}");
  EXPECT_EQ(GetT("new2"), R"({"Item":{"pk":{"S":"new2"}}})");
}

TEST_F(LegacyWriteTest, AttributeUpdatesErrors) {
  Put("Tab", R"({"pk":{"S":"k"},"ss":{"SS":["a"]},"s":{"S":"x"}})");
  auto update = [&](const std::string& updates) {
    return Update("k", R"("AttributeUpdates":)" + updates).body;
  };
  EXPECT_EQ(update(R"({"a":{"Action":"ADD","Value":{"S":"x"}}})"),
            Invalid("ADD action is not supported for the type S"));
  EXPECT_EQ(update(R"({"a":{"Action":"DELETE","Value":{"N":"1"}}})"),
            Invalid("DELETE action with value is not supported for the type N"));
  EXPECT_EQ(update(R"({"a":{"Action":"PUT"}})"),
            Invalid("Only DELETE action is allowed when no attribute value is specified"));
  EXPECT_EQ(update(R"({"a":{"Action":"ADD"}})"),
            Invalid("Only DELETE action is allowed when no attribute value is specified"));
  EXPECT_EQ(update(R"({"a":{"Action":"SET","Value":{"S":"x"}}})"),
            Validation("1 validation error detected: Value 'SET' at "
                       "'attributeUpdates.a.member.action' failed to satisfy constraint: Member "
                       "must satisfy enum value set: [ADD, PUT, DELETE]"));
  EXPECT_EQ(update(R"({"ss":{"Action":"ADD","Value":{"NS":["1"]}}})"),
            Validation("Type mismatch for attribute to update"));
  EXPECT_EQ(update(R"({"s":{"Action":"ADD","Value":{"N":"1"}}})"),
            Validation("Type mismatch for attribute to update"));
  EXPECT_EQ(update(R"({"ss":{"Action":"DELETE","Value":{"NS":["1"]}}})"),
            Validation("Type mismatch for attribute to update"));
  EXPECT_EQ(update(R"({"pk":{"Value":{"S":"y"}}})"),
            Invalid("Cannot update attribute pk. This attribute is part of the key"));
  EXPECT_EQ(Update("k", R"("AttributeUpdates":{"a":{"Value":{"S":"x"}}},"UpdateExpression":"SET b = :v",)"
                        R"("ExpressionAttributeValues":{":v":{"S":"x"}})")
                .body,
            Validation("Can not use both expression and non-expression parameters in the same "
                       "request: Non-expression parameters: {AttributeUpdates} Expression "
                       "parameters: {UpdateExpression}"));
  EXPECT_EQ(Update("k", R"("AttributeUpdates":{"a":{"Value":{"S":"x"}}},"Expected":{"a":{"Exists":false}},)"
                        R"("ConditionalOperator":"AND","UpdateExpression":"SET b = :v",)"
                        R"j("ConditionExpression":"attribute_exists(pk)",)j"
                        R"("ExpressionAttributeValues":{":v":{"S":"x"}})")
                .body,
            Validation("Can not use both expression and non-expression parameters in the same "
                       "request: Non-expression parameters: {AttributeUpdates, Expected, "
                       "ConditionalOperator} Expression parameters: {UpdateExpression, "
                       "ConditionExpression}"));
  EXPECT_EQ(Update("k", R"("AttributeUpdates":{"a":{"Value":{"S":"x"}}},"ExpressionAttributeNames":{"#a":"a"})")
                .body,
            Validation("ExpressionAttributeNames can only be specified when using expressions"));
  EXPECT_EQ(GetT("k"), R"({"Item":{"pk":{"S":"k"},"s":{"S":"x"},"ss":{"SS":["a"]}}})");
}

}  // namespace
}  // namespace lmddb::json
