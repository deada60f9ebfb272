// query_bench: Query of one partition and a full Scan, on lmddb (through
// the public C++ API) and on a raw LMDB cursor doing the same work, in one
// binary and one run (bench/README.md, "Query and Scan").
//
// Data: P partitions (default 5,000; env LMDDB_BENCH_PARTITIONS overrides
// it) of 100 items each, about 1 KiB per item.
//   raw LMDB: key "p#<partition>" 0x00 <4-byte big-endian sort key> -> a
//             1024-byte value, loaded in large transactions and compacted
//             (raw_lmdb.h).
//   lmddb:    table "qbench", partition key pk (S) = "p#<partition>", sort
//             key sk (N) = 0..99, plus payload (S, 1000 bytes); loaded with
//             BatchWriteItem, 25 items per call, Durability::kNoSync.
//
// Benchmarks (throughput is items/s, wall clock):
//   BM_RawLmdb_QueryPartition / BM_Lmddb_Query
//       the 100 items of a random partition: the raw side opens a snapshot,
//       seeks a cursor to the partition and copies out the 100 values; lmddb
//       runs a Query with KeyConditionExpression "pk = :p" and returns the
//       100 decoded items.
//   BM_RawLmdb_Scan / BM_Lmddb_Scan
//       every item: the raw side copies out every value with one cursor;
//       lmddb reads every page of a Scan (1 MB pages) until LastEvaluatedKey
//       is absent.
#include <lmdb.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench_util.h"
#include "lmddb/lmddb.hpp"
#include "raw_lmdb.h"

namespace {

using lmddb::AttributeValue;
using lmddb_bench::Clock;
using lmddb_bench::Rng;

constexpr size_t kItemsPerPartition = 100;
constexpr size_t kRawValueSize = 1024;
constexpr size_t kPayloadSize = 1000;
constexpr size_t kRawLoadBatch = 10000;
constexpr size_t kBatchWriteSize = 25;
constexpr const char* kTableName = "qbench";
constexpr uint64_t kSeed = 0x9e7a11ULL;

size_t NumPartitions() {
  static const size_t n = lmddb_bench::EnvCount("LMDDB_BENCH_PARTITIONS", 5000);
  return n;
}
size_t NumItems() { return NumPartitions() * kItemsPerPartition; }
size_t MapSize() { return std::max<size_t>(size_t{1} << 30, NumItems() * 8192); }

std::string PartitionName(uint64_t p) {
  char buf[32] = "p#";
  auto r = std::to_chars(buf + 2, buf + sizeof(buf), p);
  return std::string(buf, r.ptr);
}

// Raw key: partition name, a 0 separator (no name is a prefix of another's
// key range), then the sort key big-endian so that byte order is numeric.
std::string RawKey(uint64_t partition, uint32_t sort_key) {
  std::string key = PartitionName(partition);
  key.push_back('\0');
  for (int shift = 24; shift >= 0; shift -= 8) key.push_back(static_cast<char>(sort_key >> shift));
  return key;
}

// ---------------------------------------------------------------- raw LMDB

std::string FillRaw(MDB_env* env, MDB_dbi dbi) {
  std::vector<uint32_t> order(NumItems());
  std::iota(order.begin(), order.end(), 0u);
  std::shuffle(order.begin(), order.end(), std::mt19937_64(kSeed));
  std::string value = lmddb_bench::Payload('r', kRawValueSize);
  const auto start = Clock::now();
  for (size_t done = 0; done < order.size();) {
    MDB_txn* txn = nullptr;
    int rc = mdb_txn_begin(env, nullptr, 0, &txn);
    if (rc != MDB_SUCCESS) return std::string("mdb_txn_begin: ") + mdb_strerror(rc);
    for (const size_t end = std::min(order.size(), done + kRawLoadBatch); done < end; ++done) {
      const std::string key = RawKey(order[done] / kItemsPerPartition,
                                     order[done] % kItemsPerPartition);
      MDB_val k{key.size(), const_cast<char*>(key.data())};
      MDB_val v{value.size(), value.data()};
      if ((rc = mdb_put(txn, dbi, &k, &v, 0)) != MDB_SUCCESS) {
        mdb_txn_abort(txn);
        return std::string("mdb_put: ") + mdb_strerror(rc);
      }
    }
    if ((rc = mdb_txn_commit(txn)) != MDB_SUCCESS) {
      return std::string("mdb_txn_commit: ") + mdb_strerror(rc);
    }
  }
  std::fprintf(stderr, "query_bench: raw LMDB: loaded %zu items in %.1f s\n", order.size(),
               lmddb_bench::SecondsSince(start));
  return "";
}

lmddb_bench::RawEnvStore& RawStore() {
  static lmddb_bench::RawEnvStore store("qraw", MapSize(), FillRaw);
  return store;
}

// ------------------------------------------------------------------- lmddb

class LmddbStore {
 public:
  static LmddbStore& Instance() {
    static LmddbStore store;
    return store;
  }
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  lmddb::Database* db() const { return db_.get(); }

  void Warm() {
    std::lock_guard<std::mutex> lock(mu_);
    if (!ok() || !warm_.Due()) return;
    lmddb_bench::PrefetchFile(dir_ + "/data.mdb", /*drop_first=*/false);
    warm_.Done();
  }

 private:
  LmddbStore() { error_ = Load(); }
  ~LmddbStore() {
    db_.reset();
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

  std::string Load() {
    auto dir = lmddb_bench::MakeTempDir("qlmddb");
    if (!dir) return "cannot create a temporary directory under " + lmddb_bench::BaseDir();
    dir_ = *dir;
    lmddb::Options options;
    options.durability = lmddb::Durability::kNoSync;
    options.initial_map_size = MapSize();
    auto db = lmddb::Database::Open(dir_, options);
    if (!db.ok()) return "Open: " + db.status().ToString();
    db_ = std::move(db).value();

    lmddb::CreateTableRequest create;
    create.table_name = kTableName;
    create.attribute_definitions = {{"pk", AttributeValue::Type::kS},
                                    {"sk", AttributeValue::Type::kN}};
    create.key_schema = {{"pk", lmddb::KeyType::kHash}, {"sk", lmddb::KeyType::kRange}};
    create.billing_mode = lmddb::BillingMode::kPayPerRequest;
    auto created = db_->CreateTable(create);
    if (!created.ok()) return "CreateTable: " + created.status().ToString();

    std::vector<uint32_t> order(NumItems());
    std::iota(order.begin(), order.end(), 0u);
    std::shuffle(order.begin(), order.end(), std::mt19937_64(kSeed));
    const AttributeValue payload = AttributeValue::S(lmddb_bench::Payload('l', kPayloadSize));
    const auto start = Clock::now();
    for (size_t done = 0; done < order.size();) {
      lmddb::BatchWriteItemRequest batch;
      std::vector<lmddb::WriteRequest>& writes = batch.request_items[kTableName];
      for (const size_t end = std::min(order.size(), done + kBatchWriteSize); done < end; ++done) {
        lmddb::Item item;
        item.emplace("pk", AttributeValue::S(PartitionName(order[done] / kItemsPerPartition)));
        item.emplace("sk", AttributeValue::N(lmddb::Number::FromInt64(order[done] %
                                                                      kItemsPerPartition)));
        item.emplace("payload", payload);
        writes.push_back(lmddb::WriteRequest{lmddb::PutRequest{std::move(item)}, std::nullopt});
      }
      auto written = db_->BatchWriteItem(batch);
      if (!written.ok()) return "BatchWriteItem: " + written.status().ToString();
      if (!written->unprocessed_items.empty()) return "BatchWriteItem left items unprocessed";
    }
    std::fprintf(stderr, "query_bench: lmddb: loaded %zu items in %.1f s (BatchWriteItem of %zu)\n",
                 order.size(), lmddb_bench::SecondsSince(start), kBatchWriteSize);
    return "";
  }

  std::string error_;
  std::string dir_;
  std::unique_ptr<lmddb::Database> db_;
  std::mutex mu_;
  lmddb_bench::WarmClock warm_;
};

// -------------------------------------------------------------- benchmarks

void BM_RawLmdb_QueryPartition(benchmark::State& state) {
  lmddb_bench::RawEnvStore& store = RawStore();
  if (!store.ok()) return state.SkipWithError(store.error().c_str());
  store.Warm();
  MDB_txn* txn = nullptr;
  if (mdb_txn_begin(store.env(), nullptr, MDB_RDONLY, &txn) != MDB_SUCCESS) {
    return state.SkipWithError("mdb_txn_begin failed");
  }
  mdb_txn_reset(txn);
  Rng rng(kSeed + static_cast<uint64_t>(state.thread_index()));
  std::vector<std::string> values;
  int64_t short_reads = 0;
  for (auto _ : state) {
    mdb_txn_renew(txn);  // one snapshot per query, as Query takes one
    MDB_cursor* cursor = nullptr;
    mdb_cursor_open(txn, store.dbi(), &cursor);
    const std::string prefix = PartitionName(rng.Below(NumPartitions())) + std::string(1, '\0');
    MDB_val k{prefix.size(), const_cast<char*>(prefix.data())};
    MDB_val v{0, nullptr};
    values.clear();
    for (int rc = mdb_cursor_get(cursor, &k, &v, MDB_SET_RANGE);
         rc == MDB_SUCCESS && k.mv_size > prefix.size() &&
         std::memcmp(k.mv_data, prefix.data(), prefix.size()) == 0;
         rc = mdb_cursor_get(cursor, &k, &v, MDB_NEXT)) {
      values.emplace_back(static_cast<const char*>(v.mv_data), v.mv_size);
    }
    mdb_cursor_close(cursor);
    mdb_txn_reset(txn);
    if (values.size() != kItemsPerPartition) ++short_reads;
    benchmark::DoNotOptimize(values.data());
  }
  mdb_txn_abort(txn);
  state.SetItemsProcessed(state.iterations() * kItemsPerPartition);
  if (short_reads != 0) state.SkipWithError("raw query: partition incomplete");
}

void BM_Lmddb_Query(benchmark::State& state) {
  LmddbStore& store = LmddbStore::Instance();
  if (!store.ok()) return state.SkipWithError(store.error().c_str());
  store.Warm();
  lmddb::QueryRequest request;
  request.table_name = kTableName;
  request.key_condition_expression = "pk = :p";
  request.expression_attribute_values = lmddb::Item{{":p", AttributeValue::S("")}};
  AttributeValue& partition = request.expression_attribute_values->begin()->second;
  Rng rng(kSeed + static_cast<uint64_t>(state.thread_index()));
  int64_t short_reads = 0;
  for (auto _ : state) {
    partition = AttributeValue::S(PartitionName(rng.Below(NumPartitions())));
    auto result = store.db()->Query(request);
    if (!result.ok() || result->items.size() != kItemsPerPartition) ++short_reads;
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations() * kItemsPerPartition);
  if (short_reads != 0) state.SkipWithError("Query: partition incomplete or failed");
}

void BM_RawLmdb_Scan(benchmark::State& state) {
  lmddb_bench::RawEnvStore& store = RawStore();
  if (!store.ok()) return state.SkipWithError(store.error().c_str());
  store.Warm();
  int64_t short_reads = 0;
  std::vector<std::string> values;
  for (auto _ : state) {
    MDB_txn* txn = nullptr;
    mdb_txn_begin(store.env(), nullptr, MDB_RDONLY, &txn);
    MDB_cursor* cursor = nullptr;
    mdb_cursor_open(txn, store.dbi(), &cursor);
    MDB_val k, v;
    size_t seen = 0;
    // Values are copied out a page-worth at a time, as a Scan page holds them.
    for (int rc = mdb_cursor_get(cursor, &k, &v, MDB_FIRST); rc == MDB_SUCCESS;
         rc = mdb_cursor_get(cursor, &k, &v, MDB_NEXT)) {
      if (values.size() == 1000) values.clear();
      values.emplace_back(static_cast<const char*>(v.mv_data), v.mv_size);
      ++seen;
    }
    mdb_cursor_close(cursor);
    mdb_txn_abort(txn);
    if (seen != NumItems()) ++short_reads;
  }
  state.SetItemsProcessed(state.iterations() * NumItems());
  if (short_reads != 0) state.SkipWithError("raw scan: items missing");
}

void BM_Lmddb_Scan(benchmark::State& state) {
  LmddbStore& store = LmddbStore::Instance();
  if (!store.ok()) return state.SkipWithError(store.error().c_str());
  store.Warm();
  int64_t short_reads = 0;
  int64_t pages = 0;
  for (auto _ : state) {
    lmddb::ScanRequest request;
    request.table_name = kTableName;
    size_t seen = 0;
    while (true) {
      auto page = store.db()->Scan(request);
      if (!page.ok()) break;
      seen += page->items.size();
      ++pages;
      if (!page->last_evaluated_key) break;
      request.exclusive_start_key = std::move(page->last_evaluated_key);
    }
    if (seen != NumItems()) ++short_reads;
  }
  state.SetItemsProcessed(state.iterations() * NumItems());
  state.counters["pages"] = benchmark::Counter(static_cast<double>(pages) / state.iterations());
  if (short_reads != 0) state.SkipWithError("Scan: items missing or failed");
}

BENCHMARK(BM_RawLmdb_QueryPartition)->UseRealTime();
BENCHMARK(BM_Lmddb_Query)->UseRealTime();
BENCHMARK(BM_RawLmdb_QueryPartition)->Threads(2)->UseRealTime();
BENCHMARK(BM_Lmddb_Query)->Threads(2)->UseRealTime();
BENCHMARK(BM_RawLmdb_Scan)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Lmddb_Scan)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
