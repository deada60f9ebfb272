// Shared fixture for the batch and transactional read tests: a database
// with a hash-only table "Hash" (pk S) and a hash+range table "Range"
// (pk S, sk N).
#ifndef LMDDB_TESTS_API_BATCH_BATCH_TEST_UTIL_H_
#define LMDDB_TESTS_API_BATCH_BATCH_TEST_UTIL_H_

#include <memory>
#include <string>
#include <vector>

#include "api/cpp/test_util.h"
#include "gtest/gtest.h"
#include "lmddb/lmddb.hpp"

namespace lmddb::testing_util {

class BatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = OpenDb(dir_.path());
    ASSERT_NE(db_, nullptr);
    ASSERT_TRUE(db_->CreateTable(TableRequest("Hash", AttributeValue::Type::kS)).ok());
    ASSERT_TRUE(
        db_->CreateTable(TableRequest("Range", AttributeValue::Type::kS, AttributeValue::Type::kN))
            .ok());
  }

  void Put(const std::string& table, Item item) {
    PutItemRequest request;
    request.table_name = table;
    request.item = std::move(item);
    auto r = db_->PutItem(request);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  std::optional<Item> Get(const std::string& table, Item key) {
    GetItemRequest request;
    request.table_name = table;
    request.key = std::move(key);
    auto r = db_->GetItem(request);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->item : std::nullopt;
  }

  static Item HashKey(const std::string& pk) { return Item{{"pk", S(pk)}}; }
  static Item RangeKey(const std::string& pk, int64_t sk) {
    return Item{{"pk", S(pk)}, {"sk", N(sk)}};
  }

  static WriteRequest PutOf(Item item) {
    WriteRequest w;
    w.put_request = PutRequest{std::move(item)};
    return w;
  }
  static WriteRequest DeleteOf(Item key) {
    WriteRequest w;
    w.delete_request = DeleteRequest{std::move(key)};
    return w;
  }
  static TransactGetItem GetOf(const std::string& table, Item key) {
    TransactGetItem g;
    g.get.table_name = table;
    g.get.key = std::move(key);
    return g;
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
};

}  // namespace lmddb::testing_util

#endif  // LMDDB_TESTS_API_BATCH_BATCH_TEST_UTIL_H_
