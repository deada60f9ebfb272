// Hostile bodies for the batch and transaction operations: every prefix of
// a valid request and single-byte corruptions of it must answer a
// well-formed JSON body (200 or a 400 error), never crash or hang, and
// deep nesting must stop at DynamoDB's limit.
#include <string>
#include <vector>

#include "api/json/json_test_util.h"
#include "simdjson.h"

namespace lmddb::json {
namespace {

class HostileBodyTest : public JsonTest {
 protected:
  void SetUp() override {
    JsonTest::SetUp();
    CreateTable("Tb1");
  }

  // The answer is a JSON object, and an error unless it succeeded.
  void ExpectWellFormed(std::string_view operation, const std::string& body) {
    Response r = Call(operation, body);
    ASSERT_TRUE(r.http_status == 200 || r.http_status == 400)
        << operation << " " << body << " -> " << r.http_status << " " << r.body;
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    ASSERT_EQ(parser.parse(r.body).get(doc), simdjson::SUCCESS) << r.body;
    ASSERT_EQ(doc.type(), simdjson::dom::element_type::OBJECT) << r.body;
    if (r.http_status == 400) {
      std::string_view type;
      ASSERT_EQ(doc["__type"].get(type), simdjson::SUCCESS) << r.body;
    }
  }

  // REQUIRES: `body` is a request that succeeds.
  void Corrupt(std::string_view operation, const std::string& body) {
    Response valid = Call(operation, body);
    ASSERT_EQ(valid.http_status, 200) << valid.body;
    for (size_t n = 0; n < body.size(); ++n) {
      ExpectWellFormed(operation, body.substr(0, n));
      if (HasFatalFailure()) return;
    }
    static constexpr char kReplacements[] = {'{', '"', '[', '0', '\0', '\xff'};
    for (size_t i = 0; i < body.size(); ++i) {
      for (char c : kReplacements) {
        if (body[i] == c) continue;
        std::string flipped = body;
        flipped[i] = c;
        ExpectWellFormed(operation, flipped);
        if (HasFatalFailure()) return;
      }
    }
  }
};

TEST_F(HostileBodyTest, BatchGetItem) {
  Corrupt("BatchGetItem",
          R"({"RequestItems":{"Tb1":{"Keys":[{"pk":{"S":"a"}},{"pk":{"S":"b"}}],)"
          R"("ConsistentRead":true,"ProjectionExpression":"#p","ExpressionAttributeNames":)"
          R"({"#p":"pk"}}},"ReturnConsumedCapacity":"TOTAL"})");
}

TEST_F(HostileBodyTest, BatchWriteItem) {
  Corrupt("BatchWriteItem",
          R"({"RequestItems":{"Tb1":[{"PutRequest":{"Item":{"pk":{"S":"a"},"n":{"N":"1"}}}},)"
          R"({"DeleteRequest":{"Key":{"pk":{"S":"b"}}}}]},"ReturnConsumedCapacity":"INDEXES"})");
}

TEST_F(HostileBodyTest, TransactWriteItems) {
  Corrupt("TransactWriteItems",
          R"({"ClientRequestToken":"t","TransactItems":[{"Put":{"TableName":"Tb1","Item":)"
          R"json({"pk":{"S":"a"}},"ConditionExpression":"attribute_not_exists(pk)"}},)json"
          R"({"Update":{"TableName":"Tb1","Key":{"pk":{"S":"b"}},"UpdateExpression":"SET v = :v",)"
          R"("ExpressionAttributeValues":{":v":{"L":[{"N":"1"}]}},)"
          R"("ReturnValuesOnConditionCheckFailure":"ALL_OLD"}}]})");
}

TEST_F(HostileBodyTest, TransactGetItems) {
  Corrupt("TransactGetItems",
          R"({"TransactItems":[{"Get":{"TableName":"Tb1","Key":{"pk":{"S":"a"}},)"
          R"("ProjectionExpression":"#p","ExpressionAttributeNames":{"#p":"pk"}}}],)"
          R"("ReturnConsumedCapacity":"TOTAL"})");
}

TEST_F(HostileBodyTest, DeepNestingStopsAtTheLimit) {
  std::string deep;
  for (int i = 0; i < 200; ++i) deep += R"({"L":[)";
  deep += R"({"S":"x"})";
  for (int i = 0; i < 200; ++i) deep += "]}";
  const std::string too_deep = Validation(
      "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
      "beyond supported limit");
  EXPECT_EQ(Call("BatchWriteItem",
                 R"({"RequestItems":{"Tb1":[{"PutRequest":{"Item":{"pk":{"S":"a"},"d":)" + deep +
                     "}}}]}}")
                .body,
            too_deep);
  EXPECT_EQ(Call("TransactWriteItems",
                 R"({"TransactItems":[{"Put":{"TableName":"Tb1","Item":{"pk":{"S":"a"},"d":)" +
                     deep + "}}}]}")
                .body,
            too_deep);
  // Nesting past what the JSON parser accepts is not JSON to it.
  std::string very_deep(100000, '[');
  ExpectWellFormed("BatchGetItem", R"({"RequestItems":)" + very_deep);
  ExpectWellFormed("TransactGetItems", R"({"TransactItems":)" + very_deep);
}

}  // namespace
}  // namespace lmddb::json
