// write_batch_bench: multi-item writes against the same items written one
// request at a time, in one binary and one run (bench/README.md, "Batches
// and transactions").
//
// Data: N items (default 100,000; env LMDDB_BENCH_ITEMS overrides it) of
// about 1 KiB in table "wbench" (partition key pk (S) = "user#<i>", payload
// (S, 1000 bytes), version (N)), loaded with BatchWriteItem. Every benchmark
// overwrites random existing items.
//
// Benchmarks (throughput is items/s, wall clock):
//   BM_Lmddb_PutItems/<n>           n single PutItems per iteration
//   BM_Lmddb_BatchWriteItem/25      one BatchWriteItem of 25 puts
//   BM_Lmddb_TransactWriteItems/10  one TransactWriteItems of 10 Puts
//   BM_RawLmdb_PutBatched/25        raw reference: 25 puts of 1 KiB values
//                                   under the same keys in one commit, on a
//                                   compacted raw copy (raw_lmdb.h)
// each /nosync (Durability::kNoSync, MDB_NOSYNC) and /sync (fsync per commit).
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
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

constexpr size_t kPayloadSize = 1000;
constexpr size_t kRawValueSize = 1024;
constexpr size_t kBatchWriteMax = 25;
constexpr const char* kTableName = "wbench";
constexpr uint64_t kSeed = 0xba7c4ULL;

size_t NumItems() {
  static const size_t n = lmddb_bench::EnvCount("LMDDB_BENCH_ITEMS", 100000);
  return n;
}
size_t MapSize() { return std::max<size_t>(size_t{1} << 30, NumItems() * 8192); }

std::string ItemKey(uint64_t i) {
  char key[32] = "user#";
  auto r = std::to_chars(key + 5, key + sizeof(key), i);
  return std::string(key, r.ptr);
}

lmddb::Item MakeItem(uint64_t i) {
  static const AttributeValue payload = AttributeValue::S(lmddb_bench::Payload('w', kPayloadSize));
  lmddb::Item item;
  item.emplace("pk", AttributeValue::S(ItemKey(i)));
  item.emplace("payload", payload);
  item.emplace("version", AttributeValue::N(lmddb::Number::FromInt64(static_cast<int64_t>(i))));
  return item;
}

class Store {
 public:
  static Store& Instance() {
    static Store store;
    return store;
  }
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  // The open database, reopened first when `durability` differs from the
  // current one (only between benchmarks: nothing else uses it then).
  lmddb::Database* Db(lmddb::Durability durability) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!ok()) return nullptr;
    if (durability != durability_) {
      db_.reset();
      lmddb_bench::SyncFile(dir_ + "/data.mdb");
      auto db = lmddb::Database::Open(dir_, OptionsFor(durability));
      if (!db.ok()) {
        error_ = "reopen: " + db.status().ToString();
        return nullptr;
      }
      db_ = std::move(db).value();
      durability_ = durability;
    }
    if (warm_.Due()) {
      lmddb_bench::PrefetchFile(dir_ + "/data.mdb", /*drop_first=*/false);
      warm_.Done();
    }
    return db_.get();
  }

 private:
  Store() { error_ = Load(); }
  ~Store() {
    db_.reset();
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

  static lmddb::Options OptionsFor(lmddb::Durability durability) {
    lmddb::Options options;
    options.durability = durability;
    options.initial_map_size = MapSize();
    return options;
  }

  std::string Load() {
    auto dir = lmddb_bench::MakeTempDir("wbatch");
    if (!dir) return "cannot create a temporary directory under " + lmddb_bench::BaseDir();
    dir_ = *dir;
    auto db = lmddb::Database::Open(dir_, OptionsFor(durability_));
    if (!db.ok()) return "Open: " + db.status().ToString();
    db_ = std::move(db).value();
    lmddb::CreateTableRequest create;
    create.table_name = kTableName;
    create.attribute_definitions = {{"pk", AttributeValue::Type::kS}};
    create.key_schema = {{"pk", lmddb::KeyType::kHash}};
    create.billing_mode = lmddb::BillingMode::kPayPerRequest;
    auto created = db_->CreateTable(create);
    if (!created.ok()) return "CreateTable: " + created.status().ToString();
    const auto start = Clock::now();
    for (size_t done = 0; done < NumItems();) {
      lmddb::BatchWriteItemRequest batch;
      auto& writes = batch.request_items[kTableName];
      for (const size_t end = std::min(NumItems(), done + kBatchWriteMax); done < end; ++done) {
        writes.push_back(lmddb::WriteRequest{lmddb::PutRequest{MakeItem(done)}, std::nullopt});
      }
      auto written = db_->BatchWriteItem(batch);
      if (!written.ok()) return "BatchWriteItem: " + written.status().ToString();
    }
    std::fprintf(stderr, "write_batch_bench: loaded %zu items in %.1f s\n", NumItems(),
                 lmddb_bench::SecondsSince(start));
    return "";
  }

  std::string error_;
  std::string dir_;
  std::unique_ptr<lmddb::Database> db_;
  lmddb::Durability durability_ = lmddb::Durability::kNoSync;
  std::mutex mu_;
  lmddb_bench::WarmClock warm_;
};

// The raw LMDB reference store: key "user#<i>" -> a 1024-byte value.
std::string FillRaw(MDB_env* env, MDB_dbi dbi) {
  MDB_txn* txn = nullptr;
  int rc = mdb_txn_begin(env, nullptr, 0, &txn);
  if (rc != MDB_SUCCESS) return std::string("mdb_txn_begin: ") + mdb_strerror(rc);
  std::string value = lmddb_bench::Payload('r', kRawValueSize);
  for (size_t i = 0; i < NumItems() && rc == MDB_SUCCESS; ++i) {
    const std::string key = ItemKey(i);
    MDB_val k{key.size(), const_cast<char*>(key.data())};
    MDB_val v{value.size(), value.data()};
    rc = mdb_put(txn, dbi, &k, &v, 0);
  }
  if (rc != MDB_SUCCESS) {
    mdb_txn_abort(txn);
    return std::string("mdb_put: ") + mdb_strerror(rc);
  }
  rc = mdb_txn_commit(txn);
  return rc == MDB_SUCCESS ? "" : std::string("mdb_txn_commit: ") + mdb_strerror(rc);
}

lmddb_bench::RawEnvStore& RawStore() {
  static lmddb_bench::RawEnvStore store("wraw", MapSize(), FillRaw);
  return store;
}

// `n` distinct random item numbers (a batch or a transaction may not name
// one item twice).
void PickDistinct(Rng& rng, size_t n, std::vector<uint64_t>* out) {
  out->clear();
  while (out->size() < n) {
    const uint64_t i = rng.Below(NumItems());
    if (std::find(out->begin(), out->end(), i) == out->end()) out->push_back(i);
  }
}

void BM_Lmddb_PutItems(benchmark::State& state, lmddb::Durability durability) {
  lmddb::Database* db = Store::Instance().Db(durability);
  if (db == nullptr) return state.SkipWithError(Store::Instance().error().c_str());
  const size_t n = static_cast<size_t>(state.range(0));
  Rng rng(kSeed);
  std::vector<uint64_t> picks;
  lmddb::PutItemRequest request;
  request.table_name = kTableName;
  int64_t errors = 0;
  for (auto _ : state) {
    PickDistinct(rng, n, &picks);
    for (uint64_t i : picks) {
      request.item = MakeItem(i);
      if (!db->PutItem(request).ok()) ++errors;
    }
  }
  state.SetItemsProcessed(state.iterations() * n);
  if (errors != 0) state.SkipWithError("PutItem failed");
}

void BM_Lmddb_BatchWriteItem(benchmark::State& state, lmddb::Durability durability) {
  lmddb::Database* db = Store::Instance().Db(durability);
  if (db == nullptr) return state.SkipWithError(Store::Instance().error().c_str());
  const size_t n = static_cast<size_t>(state.range(0));
  Rng rng(kSeed);
  std::vector<uint64_t> picks;
  int64_t errors = 0;
  for (auto _ : state) {
    PickDistinct(rng, n, &picks);
    lmddb::BatchWriteItemRequest batch;
    auto& writes = batch.request_items[kTableName];
    for (uint64_t i : picks) {
      writes.push_back(lmddb::WriteRequest{lmddb::PutRequest{MakeItem(i)}, std::nullopt});
    }
    auto written = db->BatchWriteItem(batch);
    if (!written.ok() || !written->unprocessed_items.empty()) ++errors;
  }
  state.SetItemsProcessed(state.iterations() * n);
  if (errors != 0) state.SkipWithError("BatchWriteItem failed");
}

void BM_Lmddb_TransactWriteItems(benchmark::State& state, lmddb::Durability durability) {
  lmddb::Database* db = Store::Instance().Db(durability);
  if (db == nullptr) return state.SkipWithError(Store::Instance().error().c_str());
  const size_t n = static_cast<size_t>(state.range(0));
  Rng rng(kSeed);
  std::vector<uint64_t> picks;
  int64_t errors = 0;
  for (auto _ : state) {
    PickDistinct(rng, n, &picks);
    lmddb::TransactWriteItemsRequest request;
    for (uint64_t i : picks) {
      lmddb::TransactWriteItem action;
      action.put.emplace();
      action.put->table_name = kTableName;
      action.put->item = MakeItem(i);
      request.transact_items.push_back(std::move(action));
    }
    if (!db->TransactWriteItems(request).ok()) ++errors;
  }
  state.SetItemsProcessed(state.iterations() * n);
  if (errors != 0) state.SkipWithError("TransactWriteItems failed");
}

void BM_RawLmdb_PutBatched(benchmark::State& state, bool durable) {
  lmddb_bench::RawEnvStore& store = RawStore();
  if (!store.ok()) return state.SkipWithError(store.error().c_str());
  store.Warm();
  store.SetDurable(durable);
  const size_t n = static_cast<size_t>(state.range(0));
  std::string value = lmddb_bench::Payload('p', kRawValueSize);
  Rng rng(kSeed);
  std::vector<uint64_t> picks;
  int64_t errors = 0;
  for (auto _ : state) {
    PickDistinct(rng, n, &picks);
    MDB_txn* txn = nullptr;
    if (mdb_txn_begin(store.env(), nullptr, 0, &txn) != MDB_SUCCESS) {
      ++errors;
      continue;
    }
    int rc = MDB_SUCCESS;
    for (size_t j = 0; j < picks.size() && rc == MDB_SUCCESS; ++j) {
      const std::string key = ItemKey(picks[j]);
      MDB_val k{key.size(), const_cast<char*>(key.data())};
      MDB_val v{value.size(), value.data()};
      rc = mdb_put(txn, store.dbi(), &k, &v, 0);
    }
    if (rc != MDB_SUCCESS) {
      mdb_txn_abort(txn);
      ++errors;
    } else if (mdb_txn_commit(txn) != MDB_SUCCESS) {
      ++errors;
    }
  }
  store.SetDurable(false);
  state.SetItemsProcessed(state.iterations() * n);
  if (errors != 0) state.SkipWithError("raw batched put failed");
}

// Durable commits fsync each time: a short fixed time keeps the run short.
constexpr double kDurableMinTime = 0.5;

BENCHMARK_CAPTURE(BM_RawLmdb_PutBatched, nosync, false)->Arg(25)->UseRealTime();
BENCHMARK_CAPTURE(BM_Lmddb_PutItems, nosync, lmddb::Durability::kNoSync)->Arg(25)->UseRealTime();
BENCHMARK_CAPTURE(BM_Lmddb_BatchWriteItem, nosync, lmddb::Durability::kNoSync)
    ->Arg(25)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_Lmddb_PutItems, nosync, lmddb::Durability::kNoSync)->Arg(10)->UseRealTime();
BENCHMARK_CAPTURE(BM_Lmddb_TransactWriteItems, nosync, lmddb::Durability::kNoSync)
    ->Arg(10)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_RawLmdb_PutBatched, sync, true)
    ->Arg(25)
    ->MinTime(kDurableMinTime)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_Lmddb_PutItems, sync, lmddb::Durability::kSync)
    ->Arg(25)
    ->MinTime(kDurableMinTime)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_Lmddb_BatchWriteItem, sync, lmddb::Durability::kSync)
    ->Arg(25)
    ->MinTime(kDurableMinTime)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_Lmddb_PutItems, sync, lmddb::Durability::kSync)
    ->Arg(10)
    ->MinTime(kDurableMinTime)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_Lmddb_TransactWriteItems, sync, lmddb::Durability::kSync)
    ->Arg(10)
    ->MinTime(kDurableMinTime)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
