// The fixture the legacy-parameter tests share: tables "Tab" (pk S) and
// "Rng" (pk S, sk N) behind the JSON handler, with put, count and read
// helpers.
#ifndef LMDDB_TESTS_API_JSON_LEGACY_LEGACY_TEST_UTIL_H_
#define LMDDB_TESTS_API_JSON_LEGACY_LEGACY_TEST_UTIL_H_

#include <regex>
#include <string>

#include "api/json/json_test_util.h"

namespace lmddb::json {

// Tables "Tab" (pk S) and "Rng" (pk S, sk N), and page helpers.
class LegacyTest : public JsonTest {
 protected:
  void SetUp() override {
    JsonTest::SetUp();
    CreateTable("Tab");
    Response r = Call("CreateTable", R"({"TableName":"Rng","BillingMode":"PAY_PER_REQUEST",
        "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
                                {"AttributeName":"sk","AttributeType":"N"}],
        "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
                     {"AttributeName":"sk","KeyType":"RANGE"}]})");
    ASSERT_EQ(r.http_status, 200) << r.body;
  }

  void Put(const std::string& table, const std::string& item) {
    Response r = Call("PutItem", R"({"TableName":")" + table + R"(","Item":)" + item + "}");
    ASSERT_EQ(r.body, "{}");
  }

  // The Count of a Query or Scan response, or -1 (with the body logged).
  static int CountOf(const Response& r) {
    static const std::regex kCount(R"re("Count":([0-9]+))re");
    std::smatch m;
    if (r.http_status != 200 || !std::regex_search(r.body, m, kCount)) {
      ADD_FAILURE() << r.body;
      return -1;
    }
    return std::stoi(m[1]);
  }

  // Scan of Tab with ScanFilter `filter` (a JSON object) and `extra` members.
  Response ScanT(const std::string& filter, const std::string& extra = "") {
    return Call("Scan", R"({"TableName":"Tab","ScanFilter":)" + filter + extra + "}");
  }

  // GetItem of Tab's item `pk`.
  std::string GetT(const std::string& pk) {
    return Call("GetItem", R"({"TableName":"Tab","Key":{"pk":{"S":")" + pk + R"("}}})").body;
  }
};

}  // namespace lmddb::json

#endif  // LMDDB_TESTS_API_JSON_LEGACY_LEGACY_TEST_UTIL_H_
