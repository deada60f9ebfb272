// Fuzzes the DynamoDB JSON protocol entry point, json::Handle
// (api/json/handler.h), end to end: request parsing, validation, the
// operations and response encoding, against a real database, as a hostile
// client of lmddb-server would drive it.
//
// Input: the first byte selects the operation, kOperations[byte % 20]
// ('d' PutItem, 'e' GetItem, ... 'w' DescribeLimits, in the order below;
// see fuzz/README.md); the rest is the request body.
//
// The database lives in a temporary directory and persists across inputs,
// so writes, queries, batches and transactions see items earlier inputs
// wrote. It starts with two tables, "Tab" (pk S) and "TabS" (pk S, sk N)
// holding three items, and is recreated from scratch every kRunsPerDatabase
// inputs so it stays small. A finding that depends on that state may need
// the inputs before it; running one input alone starts from a fresh
// database.
//
// Invariants (trap on violation):
//   - Handle never throws, and never answers 500 (InternalServerError):
//     hostile input must be refused as a client error;
//   - every body is one JSON object in valid UTF-8 (what SDKs decode); an
//     error body (400) has a non-empty "__type" string.
// A violated check prints the answer to stderr, then traps.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>

#include <unistd.h>

#include "api/json/handler.h"
#include "lmddb/lmddb.hpp"
#include "simdjson.h"

namespace {

#define FUZZ_CHECK(cond)           \
  do {                             \
    if (!(cond)) __builtin_trap(); \
  } while (0)

// Every operation DynamoDB defines that a client is likely to send; those
// lmddb does not serve answer UnknownOperationException, which is checked
// like any other answer.
constexpr std::string_view kOperations[] = {
    "PutItem",          "GetItem",           "UpdateItem",        "DeleteItem",
    "Query",            "Scan",              "BatchGetItem",      "BatchWriteItem",
    "TransactWriteItems", "TransactGetItems", "CreateTable",      "DescribeTable",
    "ListTables",       "DeleteTable",       "UpdateTable",       "DescribeTimeToLive",
    "UpdateTimeToLive", "ExecuteStatement",  "DescribeEndpoints", "DescribeLimits",
};
constexpr size_t kOperationCount = sizeof(kOperations) / sizeof(kOperations[0]);
static_assert(kOperationCount == 20, "the seeds' first bytes assume 20 operations");

constexpr int kRunsPerDatabase = 500;

constexpr std::string_view kCreateT =
    R"({"TableName":"Tab","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],)"
    R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"})";
constexpr std::string_view kCreateTS =
    R"({"TableName":"TabS","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},)"
    R"({"AttributeName":"sk","AttributeType":"N"}],"KeySchema":[)"
    R"({"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],)"
    R"("BillingMode":"PAY_PER_REQUEST"})";
constexpr std::string_view kSeedItems[] = {
    R"({"TableName":"Tab","Item":{"pk":{"S":"a"},"n":{"N":"1"},"l":{"L":[{"S":"x"}]}}})",
    R"({"TableName":"TabS","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"gs":{"S":"g"}}})",
    R"({"TableName":"TabS","Item":{"pk":{"S":"a"},"sk":{"N":"2"},"m":{"M":{"k":{"BOOL":true}}}}})",
};

class FuzzDatabase {
 public:
  FuzzDatabase() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") +
                          "/lmddb_json_handler_fuzz_XXXXXX";
    FUZZ_CHECK(mkdtemp(pattern.data()) != nullptr);
    root_ = pattern;
  }
  ~FuzzDatabase() {
    db_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }

  // The database for the next input; a fresh one every kRunsPerDatabase.
  lmddb::Database& Next() {
    if (db_ == nullptr || ++runs_ >= kRunsPerDatabase) Recreate();
    return *db_;
  }

 private:
  void Recreate() {
    db_.reset();
    runs_ = 0;
    const std::string path = root_ + "/db";
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
    std::filesystem::create_directories(path, ignored);
    lmddb::Options options;
    options.durability = lmddb::Durability::kNoSync;
    options.initial_map_size = size_t{16} << 20;
    auto opened = lmddb::Database::Open(path, options);
    FUZZ_CHECK(opened.ok());
    db_ = std::move(opened).value();
    SetUp("CreateTable", kCreateT);
    SetUp("CreateTable", kCreateTS);
    for (const std::string_view item : kSeedItems) SetUp("PutItem", item);
  }

  // One request of the initial state; it must succeed.
  void SetUp(std::string_view operation, std::string_view body) {
    const lmddb::json::Response response = lmddb::json::Handle(
        *db_, std::string(lmddb::json::kTargetPrefix) + std::string(operation), body);
    if (response.http_status != 200) {
      std::fprintf(stderr, "json_handler_fuzzer: setting up the database: %s\n",
                   response.body.c_str());
      __builtin_trap();
    }
  }

  std::string root_;
  std::unique_ptr<lmddb::Database> db_;
  int runs_ = 0;
};

bool WellFormed(const lmddb::json::Response& response) {
  if (response.http_status != 200 && response.http_status != 400) return false;
  static simdjson::dom::parser* parser = new simdjson::dom::parser();
  simdjson::dom::object object;
  if (parser->parse(response.body).get(object) != simdjson::SUCCESS) return false;
  if (response.http_status == 400) {
    std::string_view type;
    return object["__type"].get(type) == simdjson::SUCCESS && !type.empty();
  }
  return true;
}

void CheckResponse(std::string_view target, const lmddb::json::Response& response) {
  if (WellFormed(response)) return;
  std::fprintf(stderr, "json_handler_fuzzer: bad answer to %.*s: %d %s\n",
               static_cast<int>(target.size()), target.data(), response.http_status,
               response.body.c_str());
  __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static FuzzDatabase* database = new FuzzDatabase();
  static const bool cleanup_registered = [] {
    std::atexit([] { delete database; });
    return true;
  }();
  (void)cleanup_registered;

  const std::string target = std::string(lmddb::json::kTargetPrefix) +
                             std::string(kOperations[data[0] % kOperationCount]);
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  lmddb::Database& db = database->Next();
  const lmddb::json::Response response = lmddb::json::Handle(db, target, body);
  // For writing seeds: LMDDB_FUZZ_VERBOSE=1 prints every answer.
  static const bool verbose = std::getenv("LMDDB_FUZZ_VERBOSE") != nullptr;
  if (verbose) {
    std::fprintf(stderr, "%s -> %d %s\n", target.c_str(), response.http_status,
                 response.body.c_str());
  }
  CheckResponse(target, response);
  return 0;
}
