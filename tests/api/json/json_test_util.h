// Shared fixture for the JSON protocol tests: a database in a temporary
// directory, and Call() to send one raw request body to an operation.
#ifndef LMDDB_TESTS_API_JSON_JSON_TEST_UTIL_H_
#define LMDDB_TESTS_API_JSON_JSON_TEST_UTIL_H_

#include <memory>
#include <regex>
#include <string>

#include "api/cpp/test_util.h"
#include "api/json/handler.h"
#include "gtest/gtest.h"

namespace lmddb::json {

class JsonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testing_util::OpenDb(dir_.path());
    ASSERT_NE(db_, nullptr);
  }

  Response Call(std::string_view operation, std::string_view body) {
    return Handle(*db_, std::string(kTargetPrefix) + std::string(operation), body);
  }

  // Creates table `name` with partition key pk of `type` (PAY_PER_REQUEST).
  void CreateTable(const std::string& name, const std::string& type = "S") {
    Response r = Call("CreateTable",
                      R"({"TableName":")" + name +
                          R"(","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":")" +
                          type +
                          R"("}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],)"
                          R"("BillingMode":"PAY_PER_REQUEST"})");
    ASSERT_EQ(r.http_status, 200) << r.body;
  }

  // The expected error body for `type` ("ValidationException") and message.
  static std::string Error(std::string_view ns, std::string_view type, std::string_view message) {
    return std::string(R"({"__type":")") + std::string(ns) + "#" + std::string(type) +
           R"(","message":")" + std::string(message) + R"("})";
  }
  static std::string Validation(std::string_view message) {
    return Error("com.amazon.coral.validate", "ValidationException", message);
  }
  static std::string Serialization(std::string_view message) {
    return Error("com.amazon.coral.service", "SerializationException", message);
  }

  // Replaces the values that differ between runs (times, table ids).
  static std::string Stable(const std::string& body) {
    static const std::regex kTime(
        R"re(("(CreationDateTime|LastUpdateToPayPerRequestDateTime)":)[0-9.]+)re");
    static const std::regex kId(R"re(("TableId":")[^"]*")re");
    return std::regex_replace(std::regex_replace(body, kTime, "$1T"), kId, "$1ID\"");
  }

  testing_util::TempDir dir_;
  std::unique_ptr<Database> db_;
};

}  // namespace lmddb::json

#endif  // LMDDB_TESTS_API_JSON_JSON_TEST_UTIL_H_
