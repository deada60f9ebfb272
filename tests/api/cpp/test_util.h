// Shared helpers for the C++ API tests (tests/api/cpp/*_test.cc).
#ifndef LMDDB_TESTS_API_CPP_TEST_UTIL_H_
#define LMDDB_TESTS_API_CPP_TEST_UTIL_H_

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "testing/test_util.h"
#include "lmddb/lmddb.hpp"

namespace lmddb::testing_util {

inline Options FastOptions() {
  Options options;
  options.durability = Durability::kNoSync;
  return options;
}

inline std::unique_ptr<Database> OpenDb(const std::string& path,
                                        const Options& options = FastOptions()) {
  auto db = Database::Open(path, options);
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  return db.ok() ? std::move(db).value() : nullptr;
}

inline AttributeValue S(std::string s) { return AttributeValue::S(std::move(s)); }
inline AttributeValue B(std::string b) { return AttributeValue::B(std::move(b)); }
inline AttributeValue N(int64_t v) { return AttributeValue::N(Number::FromInt64(v)); }
// Parses a number; a bad literal fails the test and gives 0.
inline AttributeValue N(std::string_view text) {
  auto n = Number::Parse(text);
  EXPECT_TRUE(n.ok()) << text << ": " << n.status().ToString();
  return AttributeValue::N(n.ok() ? *n : Number());
}

inline CreateTableRequest TableRequest(const std::string& name, AttributeValue::Type hash_type,
                                       std::optional<AttributeValue::Type> range_type = {},
                                       const std::string& hash_name = "pk",
                                       const std::string& range_name = "sk") {
  CreateTableRequest r;
  r.table_name = name;
  r.attribute_definitions.push_back({hash_name, hash_type});
  r.key_schema.push_back({hash_name, KeyType::kHash});
  if (range_type) {
    r.attribute_definitions.push_back({range_name, *range_type});
    r.key_schema.push_back({range_name, KeyType::kRange});
  }
  r.billing_mode = BillingMode::kPayPerRequest;
  return r;
}

inline ::testing::AssertionResult IsError(const Status& s, ErrorType type,
                                          const std::string& message) {
  if (s.type() == type && s.message() == message) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "got " << s.ToString() << "\n  want " << ErrorTypeName(type) << ": " << message;
}

// A fresh database with one table "Tab": partition key pk (S), sort key sk
// (N) when the test asks for one.
class TableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = OpenDb(dir_.path());
    ASSERT_NE(db_, nullptr);
    auto created = db_->CreateTable(TableRequest("Tab", AttributeValue::Type::kS));
    ASSERT_TRUE(created.ok()) << created.status().ToString();
  }
  // The stored item, or nullopt; a failed GetItem fails the test.
  std::optional<Item> Get(Item key) {
    GetItemRequest request;
    request.table_name = "Tab";
    request.key = std::move(key);
    auto r = db_->GetItem(request);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->item : std::nullopt;
  }
  Status Put(Item item) {
    PutItemRequest request;
    request.table_name = "Tab";
    request.item = std::move(item);
    return db_->PutItem(request).status();
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
};

}  // namespace lmddb::testing_util

#endif  // LMDDB_TESTS_API_CPP_TEST_UTIL_H_
