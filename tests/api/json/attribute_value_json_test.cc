// The AttributeValue JSON codec, through PutItem/GetItem round trips and
// the errors DynamoDB gives for malformed values.
#include <string>

#include "api/json/json_test_util.h"

namespace lmddb::json {
namespace {

class AttributeValueJsonTest : public JsonTest {
 protected:
  void SetUp() override {
    JsonTest::SetUp();
    CreateTable("Tab");
  }
  // Puts {"pk":{"S":"k"},"v":<value>} and returns the PutItem response.
  Response Put(const std::string& value) {
    return Call("PutItem", R"({"TableName":"Tab","Item":{"pk":{"S":"k"},"v":)" + value + "}}");
  }
  // Puts `value` and reads it back as the GetItem body.
  std::string RoundTrip(const std::string& value) {
    Response put = Put(value);
    EXPECT_EQ(put.http_status, 200) << put.body;
    EXPECT_EQ(put.body, "{}");
    Response get = Call("GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":"k"}}})");
    EXPECT_EQ(get.http_status, 200) << get.body;
    return get.body;
  }
  static std::string ItemWith(const std::string& value) {
    return R"({"Item":{"pk":{"S":"k"},"v":)" + value + "}}";
  }
};

TEST_F(AttributeValueJsonTest, ScalarsRoundTrip) {
  EXPECT_EQ(RoundTrip(R"({"S":"h\u00e9"})"), ItemWith("{\"S\":\"h\xc3\xa9\"}"));
  EXPECT_EQ(RoundTrip(R"({"S":"héllo \"q\" \\ \n"})"), ItemWith(R"({"S":"héllo \"q\" \\ \n"})"));
  EXPECT_EQ(RoundTrip(R"({"S":""})"), ItemWith(R"({"S":""})"));
  EXPECT_EQ(RoundTrip(R"({"BOOL":true})"), ItemWith(R"({"BOOL":true})"));
  EXPECT_EQ(RoundTrip(R"({"BOOL":false})"), ItemWith(R"({"BOOL":false})"));
  EXPECT_EQ(RoundTrip(R"({"NULL":true})"), ItemWith(R"({"NULL":true})"));
}

TEST_F(AttributeValueJsonTest, NumbersComeBackCanonical) {
  EXPECT_EQ(RoundTrip(R"({"N":"1"})"), ItemWith(R"({"N":"1"})"));
  EXPECT_EQ(RoundTrip(R"({"N":"-0012.500"})"), ItemWith(R"({"N":"-12.5"})"));
  EXPECT_EQ(RoundTrip(R"({"N":"1e3"})"), ItemWith(R"({"N":"1000"})"));
  const std::string ns = RoundTrip(R"({"NS":["1","2.50"]})");
  // Set order is not kept; both members come back canonical.
  EXPECT_TRUE(ns == ItemWith(R"({"NS":["1","2.5"]})") || ns == ItemWith(R"({"NS":["2.5","1"]})"))
      << ns;
}

TEST_F(AttributeValueJsonTest, BinaryIsBase64) {
  EXPECT_EQ(RoundTrip(R"({"B":"AAEC/w=="})"), ItemWith(R"({"B":"AAEC/w=="})"));
  EXPECT_EQ(RoundTrip(R"({"B":"YWJj"})"), ItemWith(R"({"B":"YWJj"})"));
  EXPECT_EQ(RoundTrip(R"({"B":"YWE="})"), ItemWith(R"({"B":"YWE="})"));
  EXPECT_EQ(RoundTrip(R"({"B":""})"), ItemWith(R"({"B":""})"));
  EXPECT_EQ(RoundTrip(R"({"BS":["YQ=="]})"), ItemWith(R"({"BS":["YQ=="]})"));
}

TEST_F(AttributeValueJsonTest, DocumentsAndSetsRoundTrip) {
  const std::string doc =
      R"({"M":{"a":{"L":[{"S":"x"},{"N":"2"},{"M":{}},{"L":[]},{"NULL":true}]},"b":{"SS":["y"]}}})";
  EXPECT_EQ(RoundTrip(doc), ItemWith(doc));
  EXPECT_EQ(RoundTrip(R"({"SS":["a"]})"), ItemWith(R"({"SS":["a"]})"));
  EXPECT_EQ(RoundTrip(R"({"NS":["7"]})"), ItemWith(R"({"NS":["7"]})"));
}

TEST_F(AttributeValueJsonTest, NullMembersAndUnknownMembersAreIgnored) {
  EXPECT_EQ(RoundTrip(R"({"S":"a","N":null,"Extra":5})"), ItemWith(R"({"S":"a"})"));
}

TEST_F(AttributeValueJsonTest, WrongJsonTypesAreSerializationErrors) {
  struct Case {
    std::string value;
    std::string message;
  };
  const Case cases[] = {
      {R"({"S":23})", "NUMBER_VALUE cannot be converted to String"},
      {R"({"S":3.5})", "DECIMAL_VALUE cannot be converted to String"},
      {R"({"S":true})", "TRUE_VALUE cannot be converted to String"},
      {R"({"S":false})", "FALSE_VALUE cannot be converted to String"},
      {R"({"S":[]})", "Unrecognized collection type class java.lang.String"},
      {R"({"S":{}})", "Start of structure or map found where not expected"},
      {R"({"N":1})", "NUMBER_VALUE cannot be converted to String"},
      {R"({"BOOL":"23"})", "Unexpected token received from parser"},
      {R"({"BOOL":23})", "NUMBER_VALUE cannot be converted to Boolean"},
      {R"({"NULL":[]})", "Unrecognized collection type class java.lang.Boolean"},
      {R"({"B":true})", "only base-64-encoded strings are convertible to bytes"},
      {R"({"B":[]})", "Unrecognized collection type class java.nio.ByteBuffer"},
      {R"({"B":"23456"})", "Base64 encoded length is expected a multiple of 4 bytes but found: 5"},
      {R"({"B":"+/+="})", "Invalid last non-pad Base64 character dectected"},
      {R"({"B":"=+/="})", "Invalid last non-pad Base64 character dectected"},
      {R"({"B":"YR=="})", "Invalid last non-pad Base64 character dectected"},
      {R"({"B":"YWF="})", "Invalid last non-pad Base64 character dectected"},
      {R"({"B":"YQ!="})", "Invalid Base64 character: '!'"},
      {"{\"B\":\"AA\xca\xbf\"}", "Invalid Base64 character: '\xca\xbf'"},
      {"{\"B\":\"A\xe2\x82\xac\"}", "Invalid Base64 character: '\xe2\x82\xac'"},
      {R"({"BS":["YWJj","Y"]})", "Base64 encoded length is expected a multiple of 4 bytes but found: 1"},
      {R"({"SS":"a"})", "Unexpected field type"},
      {R"({"SS":{}})", "Start of structure or map found where not expected"},
      {R"({"SS":[1]})", "NUMBER_VALUE cannot be converted to String"},
      {R"({"BS":[1]})", "only base-64-encoded strings are convertible to bytes"},
      {R"({"L":true})", "Unexpected field type"},
      {R"({"L":[1]})", "Unexpected value type in payload"},
      {R"({"L":[[]]})",
       "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue"},
      {R"({"M":"x"})", "Unexpected field type"},
      {R"({"M":[]})",
       "Unrecognized collection type java.util.Map<java.lang.String, "
       "com.amazonaws.dynamodb.v20120810.AttributeValue>"},
      {R"({"M":{"a":"x"}})", "Unexpected value type in payload"},
      {R"("x")", "Unexpected value type in payload"},
  };
  for (const Case& c : cases) {
    Response r = Put(c.value);
    EXPECT_EQ(r.http_status, 400) << c.value;
    EXPECT_EQ(r.body, Serialization(c.message)) << c.value;
  }
  Response r = Call("PutItem", R"({"TableName":"Tab","Item":[]})");
  EXPECT_EQ(r.body, Serialization("Unrecognized collection type java.util.Map<java.lang.String, "
                                  "com.amazonaws.dynamodb.v20120810.AttributeValue>"));
  r = Call("PutItem", R"({"TableName":"Tab","Item":7})");
  EXPECT_EQ(r.body, Serialization("Unexpected field type"));
}

TEST_F(AttributeValueJsonTest, ValueWithoutExactlyOneTypeIsValidationError) {
  EXPECT_EQ(Put("{}").body, Validation("Supplied AttributeValue is empty, must contain exactly one "
                                       "of the supported datatypes"));
  EXPECT_EQ(Put(R"({"Z":"a"})").body,
            Validation("Supplied AttributeValue is empty, must contain exactly one of the "
                       "supported datatypes"));
  EXPECT_EQ(Put(R"({"S":"a","N":"1"})").body,
            Validation("Supplied AttributeValue has more than one datatypes set, must contain "
                       "exactly one of the supported datatypes"));
  EXPECT_EQ(Put(R"({"NULL":false})").body,
            Validation("One or more parameter values were invalid: Null attribute value types "
                       "must have the value of true"));
}

TEST_F(AttributeValueJsonTest, NumberErrorsAreDynamoDbs) {
  EXPECT_EQ(Put(R"({"N":"abc"})").body,
            Validation("The parameter cannot be converted to a numeric value: abc"));
  EXPECT_EQ(Put(R"({"NS":["1","x"]})").body,
            Validation("The parameter cannot be converted to a numeric value: x"));
  EXPECT_EQ(Put(R"({"N":"1e126"})").body,
            Validation("Number overflow. Attempting to store a number with magnitude larger than "
                       "supported range"));
}

std::string Nested(int maps, const std::string& leaf) {
  std::string s;
  for (int i = 0; i < maps; ++i) s += R"({"M":{"a":)";
  s += leaf;
  for (int i = 0; i < maps; ++i) s += "}}";
  return s;
}

TEST_F(AttributeValueJsonTest, NestingIsCapped) {
  const std::string too_deep = Validation(
      "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
      "beyond supported limit");
  EXPECT_EQ(Put(Nested(31, R"({"S":"x"})")).http_status, 200);
  EXPECT_EQ(Put(Nested(32, R"({"S":"x"})")).body, too_deep);
  EXPECT_EQ(Put(Nested(40, R"({"S":"x"})")).body, too_deep);
  // Hostile depth: far beyond the limit, and beyond simdjson's own depth.
  std::string lists;
  for (int i = 0; i < 100000; ++i) lists += R"({"L":[)";
  Response r = Put(lists);
  EXPECT_EQ(r.http_status, 400);
}

}  // namespace
}  // namespace lmddb::json
