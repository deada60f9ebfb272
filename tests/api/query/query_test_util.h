// Shared fixture for the Query and Scan tests: a fresh database, helpers to
// create tables, write items and page through results.
#ifndef LMDDB_TESTS_API_QUERY_QUERY_TEST_UTIL_H_
#define LMDDB_TESTS_API_QUERY_QUERY_TEST_UTIL_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/cpp/test_util.h"
#include "gtest/gtest.h"
#include "lmddb/lmddb.hpp"

namespace lmddb::query_test {

using testing_util::B;
using testing_util::IsError;
using testing_util::N;
using testing_util::S;
using testing_util::TableRequest;
using Type = AttributeValue::Type;

class QueryFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testing_util::OpenDb(dir_.path());
    ASSERT_NE(db_, nullptr);
  }

  void Create(const std::string& name, Type hash, std::optional<Type> range = {}) {
    auto r = db_->CreateTable(TableRequest(name, hash, range));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  void Put(const std::string& table, Item item) {
    PutItemRequest request;
    request.table_name = table;
    request.item = std::move(item);
    auto r = db_->PutItem(request);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  // A Query on table "Tab" with key condition `kce` and values `values`.
  static QueryRequest Q(const std::string& kce, Item values) {
    QueryRequest q;
    q.table_name = "Tab";
    q.key_condition_expression = kce;
    if (!values.empty()) q.expression_attribute_values = std::move(values);
    return q;
  }

  static ScanRequest Sc(const std::string& table = "Tab") {
    ScanRequest s;
    s.table_name = table;
    return s;
  }

  // Every page of `request` until no LastEvaluatedKey; all pages' items in
  // order. `pages` counts the pages read. Stops (and fails) after 100000.
  template <typename Request>
  std::vector<Item> All(Request request, int* pages = nullptr, int64_t* scanned = nullptr) {
    std::vector<Item> out;
    int n = 0;
    for (; n < 100000; ++n) {
      auto r = Run(request);
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      if (!r.ok()) break;
      if (scanned != nullptr) *scanned += r->scanned_count;
      for (Item& item : r->items) out.push_back(std::move(item));
      if (!r->last_evaluated_key) {
        ++n;
        break;
      }
      request.exclusive_start_key = *r->last_evaluated_key;
    }
    if (pages != nullptr) *pages = n;
    return out;
  }

  StatusOr<QueryResult> Run(const QueryRequest& r) { return db_->Query(r); }
  StatusOr<ScanResult> Run(const ScanRequest& r) { return db_->Scan(r); }

  // The error message of a request that must fail with ValidationException.
  template <typename Request>
  std::string Error(const Request& request) {
    auto r = Run(request);
    EXPECT_FALSE(r.ok());
    if (r.ok()) return "";
    EXPECT_EQ(r.status().type(), ErrorType::kValidation) << r.status().ToString();
    return std::string(r.status().message());
  }

  testing_util::TempDir dir_;
  std::unique_ptr<Database> db_;
};

}  // namespace lmddb::query_test

#endif  // LMDDB_TESTS_API_QUERY_QUERY_TEST_UTIL_H_
