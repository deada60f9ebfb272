// ScanFilter (and QueryFilter's shared rules) over JSON: each
// ComparisonOperator's DynamoDB semantics, ConditionalOperator, and the
// legacy validation texts.
#include <regex>
#include <string>

#include "api/json_legacy/legacy_test_util.h"

namespace lmddb::json {
namespace {

class LegacyFilterTest : public LegacyTest {
 protected:
  void SetUp() override {
    LegacyTest::SetUp();
    Put("Tab", R"({"pk":{"S":"1"},"s":{"S":"hello"},"n":{"N":"5"},"ss":{"SS":["a","b"]},)"
             R"("l":{"L":[{"N":"2"},{"S":"x"}]},"b":{"B":"aGk="}})");
    Put("Tab", R"({"pk":{"S":"2"},"n":{"N":"7"}})");
    Put("Tab", R"({"pk":{"S":"3"}})");
  }

  // The number of Tab's items `attr` `op` `values` (a JSON list) selects.
  int Matches(const std::string& attr, const std::string& op, const std::string& values) {
    std::string condition = R"({"ComparisonOperator":")" + op + "\"";
    if (!values.empty()) condition += R"(,"AttributeValueList":)" + values;
    return CountOf(ScanT("{\"" + attr + "\":" + condition + "}}"));
  }

  static std::string Invalid(const std::string& text) {
    return Validation("One or more parameter values were invalid: " + text);
  }
};

TEST_F(LegacyFilterTest, ComparisonOperators) {
  EXPECT_EQ(Matches("n", "EQ", R"([{"N":"5"}])"), 1);
  EXPECT_EQ(Matches("n", "EQ", R"([{"S":"5"}])"), 0);  // another type never matches
  EXPECT_EQ(Matches("ss", "EQ", R"([{"SS":["b","a"]}])"), 1);
  EXPECT_EQ(Matches("n", "NE", R"([{"N":"5"}])"), 2);  // a missing attribute is not equal
  EXPECT_EQ(Matches("n", "LT", R"([{"N":"6"}])"), 1);
  EXPECT_EQ(Matches("n", "LE", R"([{"N":"5"}])"), 1);
  EXPECT_EQ(Matches("n", "GT", R"([{"N":"5"}])"), 1);
  EXPECT_EQ(Matches("n", "GE", R"([{"N":"5"}])"), 2);
  EXPECT_EQ(Matches("s", "GT", R"([{"N":"1"}])"), 0);
  EXPECT_EQ(Matches("n", "NOT_NULL", ""), 2);
  EXPECT_EQ(Matches("n", "NULL", "[]"), 1);
  EXPECT_EQ(Matches("b", "BEGINS_WITH", R"([{"B":"aA=="}])"), 1);
  EXPECT_EQ(Matches("s", "BEGINS_WITH", R"([{"S":"he"}])"), 1);
  EXPECT_EQ(Matches("n", "BETWEEN", R"([{"N":"5"},{"N":"6"}])"), 1);
  EXPECT_EQ(Matches("n", "BETWEEN", R"([{"N":"5"},{"N":"7"}])"), 2);
}

TEST_F(LegacyFilterTest, ContainsAndNotContains) {
  EXPECT_EQ(Matches("s", "CONTAINS", R"([{"S":"ell"}])"), 1);
  EXPECT_EQ(Matches("ss", "CONTAINS", R"([{"S":"a"}])"), 1);
  EXPECT_EQ(Matches("l", "CONTAINS", R"([{"N":"2"}])"), 1);
  EXPECT_EQ(Matches("n", "CONTAINS", R"([{"N":"5"}])"), 0);
  // NOT_CONTAINS is false for a missing attribute: only item 1 has s.
  EXPECT_EQ(Matches("s", "NOT_CONTAINS", R"([{"S":"xyz"}])"), 1);
  EXPECT_EQ(Matches("s", "NOT_CONTAINS", R"([{"S":"ell"}])"), 0);
  EXPECT_EQ(Matches("ss", "NOT_CONTAINS", R"([{"S":"z"}])"), 1);
  // A number is not contained in a string, so NOT_CONTAINS holds.
  EXPECT_EQ(Matches("s", "NOT_CONTAINS", R"([{"N":"1"}])"), 1);
}

TEST_F(LegacyFilterTest, InComparesWithScalarsOnly) {
  EXPECT_EQ(Matches("n", "IN", R"([{"N":"5"},{"N":"7"},{"N":"9"}])"), 2);
  EXPECT_EQ(Matches("n", "IN", R"([{"N":"1"}])"), 0);
  // IN is not set membership: a set attribute equals no scalar.
  EXPECT_EQ(Matches("ss", "IN", R"([{"S":"a"}])"), 0);
  std::string many = "[";
  for (int i = 0; i < 150; ++i) many += (i ? "," : "") + std::string(R"({"N":")") + std::to_string(i) + "\"}";
  EXPECT_EQ(Matches("n", "IN", many + "]"), 2);
}

TEST_F(LegacyFilterTest, ConditionalOperator) {
  const std::string two = R"({"n":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"7"}]},)"
                          R"("s":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"hello"}]}})";
  EXPECT_EQ(CountOf(ScanT(two)), 0);
  EXPECT_EQ(CountOf(ScanT(two, R"(,"ConditionalOperator":"AND")")), 0);
  EXPECT_EQ(CountOf(ScanT(two, R"(,"ConditionalOperator":"OR")")), 2);
  EXPECT_EQ(Call("Scan", R"({"TableName":"Tab","ConditionalOperator":"OR"})").body,
            Validation("ConditionalOperator cannot be used without Filter or Expected"));
  EXPECT_EQ(ScanT("{}", R"(,"ConditionalOperator":"OR")").body,
            Validation("ConditionalOperator cannot be used without Filter or Expected"));
  EXPECT_EQ(ScanT(R"({"n":{"ComparisonOperator":"NULL"}})", R"(,"ConditionalOperator":"OR")").body,
            Validation("ConditionalOperator can only be used when Filter or Expected has two or "
                       "more elements"));
  EXPECT_EQ(ScanT(two, R"(,"ConditionalOperator":"XOR")").body,
            Validation("1 validation error detected: Value 'XOR' at 'conditionalOperator' failed "
                       "to satisfy constraint: Member must satisfy enum value set: [OR, AND]"));
  EXPECT_EQ(CountOf(ScanT("{}")), 3);  // an empty filter keeps everything
}

TEST_F(LegacyFilterTest, ArgumentCountErrors) {
  struct Case {
    const char* op;
    const char* values;
  } cases[] = {{"EQ", ""},          {"EQ", "[]"},
               {"NE", R"([{"S":"a"},{"S":"a"}])"},
               {"NULL", R"([{"S":"a"}])"},
               {"NOT_NULL", R"([{"S":"a"}])"},
               {"CONTAINS", ""},    {"BEGINS_WITH", R"([{"S":"a"},{"S":"b"}])"},
               {"IN", "[]"},        {"BETWEEN", R"([{"N":"1"}])"},
               {"BETWEEN", R"([{"N":"1"},{"N":"2"},{"N":"3"}])"}};
  for (const Case& c : cases) {
    std::string condition = R"({"ComparisonOperator":")" + std::string(c.op) + "\"";
    if (*c.values) condition += R"(,"AttributeValueList":)" + std::string(c.values);
    EXPECT_EQ(ScanT(R"({"a":)" + condition + "}}").body,
              Invalid("Invalid number of argument(s) for the " + std::string(c.op) +
                      " ComparisonOperator"))
        << c.op << " " << c.values;
  }
}

TEST_F(LegacyFilterTest, TypeErrors) {
  auto filter = [&](const std::string& op, const std::string& values) {
    return ScanT(R"({"a":{"ComparisonOperator":")" + op + R"(","AttributeValueList":)" + values +
                 "}}")
        .body;
  };
  EXPECT_EQ(filter("LT", R"([{"SS":["a"]}])"),
            Invalid("ComparisonOperator LT is not valid for SS AttributeValue type"));
  EXPECT_EQ(filter("GE", R"([{"BOOL":true}])"),
            Invalid("ComparisonOperator GE is not valid for BOOL AttributeValue type"));
  EXPECT_EQ(filter("IN", R"([{"NS":["1"]}])"),
            Invalid("ComparisonOperator IN is not valid for NS AttributeValue type"));
  EXPECT_EQ(filter("CONTAINS", R"([{"L":[]}])"),
            Invalid("ComparisonOperator CONTAINS is not valid for L AttributeValue type"));
  EXPECT_EQ(filter("NOT_CONTAINS", R"([{"SS":["a"]}])"),
            Invalid("ComparisonOperator NOT_CONTAINS is not valid for SS AttributeValue type"));
  EXPECT_EQ(filter("BEGINS_WITH", R"([{"N":"1"}])"),
            Invalid("ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type"));
  EXPECT_EQ(filter("BETWEEN", R"([{"M":{}},{"M":{}}])"),
            Invalid("ComparisonOperator BETWEEN is not valid for M AttributeValue type"));
  EXPECT_EQ(filter("IN", R"([{"N":"1"},{"S":"a"}])"),
            Invalid("AttributeValues inside AttributeValueList must be of same type"));
  EXPECT_EQ(filter("BETWEEN", R"([{"N":"6"},{"N":"5"}])"),
            Validation("The BETWEEN condition was provided a range where the lower bound is "
                       "greater than the upper bound"));
  EXPECT_EQ(filter("EQ", R"([{"S":""}])").find("ExpressionAttributeValues"), std::string::npos);
  EXPECT_EQ(ScanT(R"({"a":{"ComparisonOperator":"XX"}})").body,
            Validation("1 validation error detected: Value 'XX' at "
                       "'scanFilter.a.member.comparisonOperator' failed to satisfy constraint: "
                       "Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, "
                       "EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]"));
  EXPECT_EQ(ScanT(R"({"a":{"AttributeValueList":[]}})").body,
            Validation("1 validation error detected: Value null at "
                       "'scanFilter.a.member.comparisonOperator' failed to satisfy constraint: "
                       "Member must not be null"));
}

TEST_F(LegacyFilterTest, MixingAndExpressionMaps) {
  const std::string f = R"({"a":{"ComparisonOperator":"NULL"}})";
  EXPECT_EQ(ScanT(f, R"(,"FilterExpression":"a = :v","ExpressionAttributeValues":{":v":{"S":"x"}})")
                .body,
            Validation("Can not use both expression and non-expression parameters in the same "
                       "request: Non-expression parameters: {ScanFilter} Expression parameters: "
                       "{FilterExpression}"));
  EXPECT_EQ(Call("Scan", R"({"TableName":"Tab","AttributesToGet":["a"],"ScanFilter":)" + f +
                             R"(,"ConditionalOperator":"AND","FilterExpression":"a = :v",)"
                             R"("ProjectionExpression":"b","ExpressionAttributeValues":{":v":{"S":"x"}}})")
                .body,
            Validation("Can not use both expression and non-expression parameters in the same "
                       "request: Non-expression parameters: {AttributesToGet, ScanFilter, "
                       "ConditionalOperator} Expression parameters: {ProjectionExpression, "
                       "FilterExpression}"));
  EXPECT_EQ(ScanT(f, R"(,"ExpressionAttributeNames":{"#a":"a"})").body,
            Validation("ExpressionAttributeNames can only be specified when using expressions"));
}

TEST_F(LegacyFilterTest, AttributesToGetOnScan) {
  EXPECT_EQ(Call("Scan", R"({"TableName":"Tab","AttributesToGet":["n","zz"],)"
                         R"("ScanFilter":{"n":{"ComparisonOperator":"GT","AttributeValueList":[{"N":"5"}]}}})")
                .body,
            R"({"Count":1,"Items":[{"n":{"N":"7"}}],"ScannedCount":3})");
  EXPECT_EQ(Call("Scan", R"({"TableName":"Tab","AttributesToGet":["n","n"]})").body,
            Validation("One or more parameter values were invalid: Duplicate value in attribute "
                       "name: n"));
  EXPECT_EQ(Call("Scan", R"({"TableName":"Tab","AttributesToGet":[]})").body,
            Validation("1 validation error detected: Value '[]' at 'attributesToGet' failed to "
                       "satisfy constraint: Member must have length greater than or equal to 1"));
  EXPECT_EQ(Call("Scan", R"({"TableName":"Tab","AttributesToGet":["n"],"Select":"COUNT"})").body,
            Validation("Cannot specify the AttributesToGet when choosing to get only the Count"));
  EXPECT_EQ(CountOf(Call("Scan", R"({"TableName":"Tab","AttributesToGet":["n"],)"
                                 R"("Select":"SPECIFIC_ATTRIBUTES"})")),
            3);
}

}  // namespace
}  // namespace lmddb::json
