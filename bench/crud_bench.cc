// crud_bench: the same single-item workload on raw LMDB and on lmddb (through
// the public C++ API), in one binary and one run, so that the ratio
// lmddb / raw LMDB can be read off directly (DESIGN.md, "Performance").
//
// Data: N items (default 1,000,000; env LMDDB_BENCH_ITEMS overrides it), each
// about 1 KiB.
//   raw LMDB: key "user#<i>"  -> a 1024-byte value, in a named database.
//   lmddb:    table "bench", hash key pk (S) = "user#<i>", plus
//             payload (S, 1000 bytes), version (N) and active (BOOL).
// Each store is built once per process, lazily, in a fresh directory under
// $LMDDB_BENCH_DIR (default $TMPDIR or /tmp) that is removed at normal exit.
// Raw LMDB is loaded in transactions of 10,000 puts (LMDDB_BENCH_RAW_LOAD_BATCH
// overrides it), in a shuffled order (lmddb's keys are hash-prefixed, so its
// inserts land at random positions too and both trees end up with similarly
// filled pages), then compacted with mdb_env_copy2(MDB_CP_COMPACT) (see
// raw_lmdb.h for why). lmddb is loaded with one PutItem per item,
// Durability::kNoSync.
//
// Both environments use the LMDB flags lmddb uses (MDB_NOTLS | MDB_NORDAHEAD,
// no MDB_WRITEMAP), plus MDB_NOSYNC except in the /sync benchmarks.
//
// Page cache: these VMs may drop it minutes after a load (DESIGN.md), so
// before a benchmark times anything the store is read once completely (the
// data file with POSIX_FADV_WILLNEED, see PrefetchFile, then every item
// through the map) unless that was done in the last minute.
//
// Benchmarks (throughput is items/s, wall clock):
//   BM_RawLmdb_Get / BM_Lmddb_GetItem        random existing keys, fixed seed,
//                                            one read snapshot per get; 1 and 2 threads
//   BM_RawLmdb_Put / BM_Lmddb_PutItem        overwrite a random existing key with
//                                            a 1 KiB value, one commit per put;
//                                            /nosync (MDB_NOSYNC / kNoSync) and
//                                            /sync (fsync per commit, kSync)
//   BM_RawLmdb_PutBatched/nosync             100 puts per commit, for reference
//
// Only Google Benchmark writes to stdout; load times go to stderr.
#include <fcntl.h>
#include <lmdb.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <numeric>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench_util.h"
#include "raw_lmdb.h"
#include "lmddb/lmddb.hpp"

namespace {

using lmddb::AttributeValue;
using lmddb_bench::Clock;
using lmddb_bench::EnvCount;
using lmddb_bench::MakeTempDir;
using lmddb_bench::BaseDir;
using lmddb_bench::PrefetchFile;
using lmddb_bench::Rng;
using lmddb_bench::SecondsSince;
using lmddb_bench::WarmClock;

constexpr size_t kRawValueSize = 1024;
constexpr size_t kPayloadSize = 1000;
constexpr int kLoadBatch = 10000;   // raw LMDB puts per load transaction
constexpr int kPutBatch = 100;      // puts per commit in BM_RawLmdb_PutBatched
constexpr const char* kTableName = "bench";
constexpr uint64_t kSeed = 0x5eed5eed5eedULL;

size_t NumItems() {
  static const size_t n = EnvCount("LMDDB_BENCH_ITEMS", 1000000);
  return n;
}

// Raw LMDB puts per load transaction; LMDDB_BENCH_RAW_LOAD_BATCH overrides.
size_t LoadBatch() {
  static const size_t n = EnvCount("LMDDB_BENCH_RAW_LOAD_BATCH", kLoadBatch);
  return n;
}

// Address space for the LMDB map: a 1 KiB item costs ~2 KiB of pages
// (DESIGN.md); leave ample room for copy-on-write and the free list.
size_t MapSize() { return std::max<size_t>(size_t{1} << 30, NumItems() * 8192); }

// "user#<i>" into out (>= 32 bytes); returns its length.
inline size_t FormatKey(uint64_t i, char* out) {
  std::memcpy(out, "user#", 5);
  auto r = std::to_chars(out + 5, out + 32, i);
  return static_cast<size_t>(r.ptr - out);
}

std::string Payload(char fill) { return lmddb_bench::Payload(fill, kPayloadSize); }

// ---------------------------------------------------------------- raw LMDB

// Loaded in large transactions, then compacted (raw_lmdb.h says why).
std::string FillRaw(MDB_env* env, MDB_dbi dbi) {
  const size_t n = NumItems();
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::shuffle(order.begin(), order.end(), std::mt19937_64(kSeed));
  std::string value(kRawValueSize, '\0');
  std::string payload = Payload('r');
  std::memcpy(value.data() + 24, payload.data(), std::min(payload.size(), value.size() - 24));

  const auto start = Clock::now();
  char key[32];
  int rc;
  for (size_t done = 0; done < n;) {
    MDB_txn* txn = nullptr;
    if ((rc = mdb_txn_begin(env, nullptr, 0, &txn)) != MDB_SUCCESS) {
      return std::string("mdb_txn_begin: ") + mdb_strerror(rc);
    }
    for (const size_t end = std::min(n, done + LoadBatch()); done < end; ++done) {
      MDB_val k{FormatKey(order[done], key), key};
      std::memcpy(value.data(), &order[done], sizeof(order[done]));
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
  const double secs = SecondsSince(start);
  std::fprintf(stderr,
               "crud_bench: raw LMDB: loaded %zu items in %.1f s (%.0f items/s; %zu per txn), "
               "then compacted\n",
               n, secs, n / secs, LoadBatch());
  return "";
}

lmddb_bench::RawEnvStore& RawStore() {
  static lmddb_bench::RawEnvStore store("raw", MapSize(), FillRaw);
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

  // The open database; reopened first when `durability` is given and differs
  // from the current one. Reopening only between benchmarks (no concurrent
  // users), since a process must not open one LMDB environment twice.
  lmddb::Database* Db(std::optional<lmddb::Durability> durability = std::nullopt) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!ok()) return nullptr;
    if (durability && *durability != durability_) {
      db_.reset();
      // lmddb has no public Sync(): flush the kNoSync writes through the file.
      lmddb_bench::SyncFile(dir_ + "/data.mdb");
      auto db = lmddb::Database::Open(dir_, OptionsFor(*durability));
      if (!db.ok()) {
        error_ = "reopen: " + db.status().ToString();
        return nullptr;
      }
      db_ = std::move(db).value();
      durability_ = *durability;
      warm_.Invalidate();  // a new map: its pages are not mapped in yet
    }
    return db_.get();
  }

  // An item like the loaded ones; SetKey() changes its key and version.
  static lmddb::PutItemRequest MakePutRequest() {
    lmddb::PutItemRequest request;
    request.table_name = kTableName;
    request.item.emplace("pk", AttributeValue::S("user#0"));
    request.item.emplace("payload", AttributeValue::S(Payload('l')));
    request.item.emplace("version", AttributeValue::N(lmddb::Number::FromInt64(0)));
    request.item.emplace("active", AttributeValue::Bool(true));
    return request;
  }
  static void SetKey(lmddb::Item& item, uint64_t i) {
    char key[32];
    item.find("pk")->second = AttributeValue::S(std::string(key, FormatKey(i, key)));
    item.find("version")->second =
        AttributeValue::N(lmddb::Number::FromInt64(static_cast<int64_t>(i)));
  }

  // Reads every page once (file, then every item through GetItem so that the
  // map's pages are faulted in) unless done recently.
  void Warm() {
    lmddb::Database* db = Db();
    std::lock_guard<std::mutex> lock(mu_);
    if (db == nullptr || !warm_.Due()) return;
    PrefetchFile(dir_ + "/data.mdb", /*drop_first=*/false);
    lmddb::GetItemRequest request;
    request.table_name = kTableName;
    request.key.emplace("pk", AttributeValue::S(""));
    char key[32];
    size_t missing = 0;
    std::string first;
    for (size_t i = 0, n = NumItems(); i < n; ++i) {
      request.key.begin()->second = AttributeValue::S(std::string(key, FormatKey(i, key)));
      auto result = db->GetItem(request);
      if (result.ok() && result->item) continue;
      if (missing++ == 0) {
        first = std::string(key, FormatKey(i, key)) + ": " +
                (result.ok() ? std::string("not found") : result.status().ToString());
      }
    }
    if (missing != 0) {
      error_ = "warm-up: " + std::to_string(missing) + " items missing, first " + first;
      return;
    }
    warm_.Done();
  }

 private:
  LmddbStore() { error_ = Load(); }

  ~LmddbStore() {
    db_.reset();
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }

  static lmddb::Options OptionsFor(lmddb::Durability durability) {
    lmddb::Options options;
    options.durability = durability;
    options.initial_map_size = MapSize();  // no map growth while timing
    return options;
  }

  std::string Load() {
    auto dir = MakeTempDir("lmddb");
    if (!dir) return "cannot create a temporary directory under " + BaseDir();
    dir_ = *dir;
    durability_ = lmddb::Durability::kNoSync;
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

    const size_t n = NumItems();
    const auto start = Clock::now();
    lmddb::PutItemRequest request = MakePutRequest();
    for (size_t i = 0; i < n; ++i) {
      SetKey(request.item, i);
      auto put = db_->PutItem(request);
      if (!put.ok()) return "PutItem: " + put.status().ToString();
    }
    const double secs = SecondsSince(start);
    std::fprintf(stderr,
                 "crud_bench: lmddb: loaded %zu items (one PutItem each, kNoSync) in %.1f s "
                 "(%.0f items/s), %s\n",
                 n, secs, n / secs, dir_.c_str());
    return "";
  }

  std::string error_;
  std::string dir_;
  std::unique_ptr<lmddb::Database> db_;
  lmddb::Durability durability_ = lmddb::Durability::kNoSync;
  std::mutex mu_;
  WarmClock warm_;
};

// -------------------------------------------------------------- benchmarks

void BM_RawLmdb_Get(benchmark::State& state) {
  lmddb_bench::RawEnvStore& store = RawStore();
  if (!store.ok()) return state.SkipWithError(store.error().c_str());
  store.Warm();
  MDB_txn* txn = nullptr;
  if (mdb_txn_begin(store.env(), nullptr, MDB_RDONLY, &txn) != MDB_SUCCESS) {
    return state.SkipWithError("mdb_txn_begin failed");
  }
  mdb_txn_reset(txn);
  const size_t n = NumItems();
  Rng rng(kSeed + static_cast<uint64_t>(state.thread_index()));
  char key[32];
  int64_t misses = 0;
  for (auto _ : state) {
    // One snapshot per get, as GetItem takes one.
    mdb_txn_renew(txn);
    MDB_val k{FormatKey(rng.Below(n), key), key};
    MDB_val v{0, nullptr};
    if (mdb_get(txn, store.dbi(), &k, &v) != MDB_SUCCESS || v.mv_size != kRawValueSize) {
      ++misses;
    } else {
      benchmark::DoNotOptimize(*static_cast<const char*>(v.mv_data));
    }
    mdb_txn_reset(txn);
  }
  mdb_txn_abort(txn);
  state.SetItemsProcessed(state.iterations());
  if (misses != 0) state.SkipWithError("raw get: keys missing");
}

void BM_Lmddb_GetItem(benchmark::State& state) {
  LmddbStore& store = LmddbStore::Instance();
  store.Warm();
  lmddb::Database* db = store.Db();
  if (db == nullptr || !store.ok()) return state.SkipWithError(store.error().c_str());
  lmddb::GetItemRequest request;
  request.table_name = kTableName;
  request.key.emplace("pk", AttributeValue::S(""));
  AttributeValue& pk = request.key.begin()->second;
  const size_t n = NumItems();
  Rng rng(kSeed + static_cast<uint64_t>(state.thread_index()));
  char key[32];
  int64_t misses = 0;
  for (auto _ : state) {
    pk = AttributeValue::S(std::string(key, FormatKey(rng.Below(n), key)));
    auto result = db->GetItem(request);
    if (!result.ok() || !result->item) ++misses;
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
  if (misses != 0) state.SkipWithError("GetItem: items missing");
}

void BM_RawLmdb_Put(benchmark::State& state, bool durable) {
  lmddb_bench::RawEnvStore& store = RawStore();
  if (!store.ok()) return state.SkipWithError(store.error().c_str());
  store.Warm();
  store.SetDurable(durable);
  std::string value(kRawValueSize, '\0');
  std::string payload = Payload('p');
  std::memcpy(value.data() + 24, payload.data(), std::min(payload.size(), value.size() - 24));
  const size_t n = NumItems();
  Rng rng(kSeed ^ 0x9075);
  char key[32];
  int64_t errors = 0;
  for (auto _ : state) {
    const uint64_t i = rng.Below(n);
    MDB_val k{FormatKey(i, key), key};
    std::memcpy(value.data(), &i, sizeof(i));
    MDB_val v{value.size(), value.data()};
    MDB_txn* txn = nullptr;
    if (mdb_txn_begin(store.env(), nullptr, 0, &txn) != MDB_SUCCESS) {
      ++errors;
      continue;
    }
    if (mdb_put(txn, store.dbi(), &k, &v, 0) != MDB_SUCCESS) {
      mdb_txn_abort(txn);
      ++errors;
      continue;
    }
    if (mdb_txn_commit(txn) != MDB_SUCCESS) ++errors;
  }
  store.SetDurable(false);
  state.SetItemsProcessed(state.iterations());
  if (errors != 0) state.SkipWithError("raw put failed");
}

void BM_RawLmdb_PutBatched(benchmark::State& state, bool durable) {
  lmddb_bench::RawEnvStore& store = RawStore();
  if (!store.ok()) return state.SkipWithError(store.error().c_str());
  store.Warm();
  store.SetDurable(durable);
  std::string value(kRawValueSize, '\0');
  std::string payload = Payload('b');
  std::memcpy(value.data() + 24, payload.data(), std::min(payload.size(), value.size() - 24));
  const size_t n = NumItems();
  Rng rng(kSeed ^ 0xba7c);
  char key[32];
  int64_t errors = 0;
  for (auto _ : state) {
    MDB_txn* txn = nullptr;
    if (mdb_txn_begin(store.env(), nullptr, 0, &txn) != MDB_SUCCESS) {
      ++errors;
      continue;
    }
    int rc = MDB_SUCCESS;
    for (int j = 0; j < kPutBatch && rc == MDB_SUCCESS; ++j) {
      const uint64_t i = rng.Below(n);
      MDB_val k{FormatKey(i, key), key};
      std::memcpy(value.data(), &i, sizeof(i));
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
  state.SetItemsProcessed(state.iterations() * kPutBatch);
  if (errors != 0) state.SkipWithError("raw batched put failed");
}

// `conditional`: with a ConditionExpression that holds (the item exists),
// to price compiling the condition and checking it against the stored item.
void BM_Lmddb_PutItem(benchmark::State& state, lmddb::Durability durability, bool conditional) {
  LmddbStore& store = LmddbStore::Instance();
  lmddb::Database* db = store.Db(durability);
  store.Warm();
  if (db == nullptr || !store.ok()) return state.SkipWithError(store.error().c_str());
  lmddb::PutItemRequest request = LmddbStore::MakePutRequest();
  if (conditional) {
    request.condition_expression = "attribute_exists(pk) AND #v >= :zero AND active = :yes";
    request.expression_attribute_names = lmddb::ExpressionAttributeNames{{"#v", "version"}};
    request.expression_attribute_values = lmddb::ExpressionAttributeValues{
        {":zero", AttributeValue::N(lmddb::Number::FromInt64(0))},
        {":yes", AttributeValue::Bool(true)}};
  }
  const size_t n = NumItems();
  Rng rng(kSeed ^ 0x9075);
  int64_t errors = 0;
  for (auto _ : state) {
    LmddbStore::SetKey(request.item, rng.Below(n));
    auto result = db->PutItem(request);
    if (!result.ok()) ++errors;
  }
  state.SetItemsProcessed(state.iterations());
  if (errors != 0) state.SkipWithError("PutItem failed");
}

// UpdateItem of an existing 1 KiB item: read, decode, apply two SET
// actions, re-encode, write.
void BM_Lmddb_UpdateItem(benchmark::State& state) {
  LmddbStore& store = LmddbStore::Instance();
  lmddb::Database* db = store.Db(lmddb::Durability::kNoSync);
  store.Warm();
  if (db == nullptr || !store.ok()) return state.SkipWithError(store.error().c_str());
  lmddb::UpdateItemRequest request;
  request.table_name = kTableName;
  request.key.emplace("pk", AttributeValue::S(""));
  request.update_expression = "SET #v = #v + :one, active = :yes";
  request.expression_attribute_names = lmddb::ExpressionAttributeNames{{"#v", "version"}};
  request.expression_attribute_values = lmddb::ExpressionAttributeValues{
      {":one", AttributeValue::N(lmddb::Number::FromInt64(1))}, {":yes", AttributeValue::Bool(true)}};
  AttributeValue& pk = request.key.begin()->second;
  const size_t n = NumItems();
  Rng rng(kSeed ^ 0x9075);
  char key[32];
  int64_t errors = 0;
  for (auto _ : state) {
    pk = AttributeValue::S(std::string(key, FormatKey(rng.Below(n), key)));
    auto result = db->UpdateItem(request);
    if (!result.ok()) ++errors;
  }
  state.SetItemsProcessed(state.iterations());
  if (errors != 0) state.SkipWithError("UpdateItem failed");
}

// Durable commits fsync each time: a short fixed time keeps the run short.
constexpr double kDurableMinTime = 0.5;

// Registration order is run order, and it matters (bench/README.md): the
// batched raw puts run last because the free list their large commits leave
// makes later one-put raw commits ~30% dearer. For the same reason do not use
// --benchmark_enable_random_interleaving with this binary.
//
// Reads, alternating raw and lmddb.
BENCHMARK(BM_RawLmdb_Get)->UseRealTime();
BENCHMARK(BM_Lmddb_GetItem)->UseRealTime();
BENCHMARK(BM_RawLmdb_Get)->Threads(2)->UseRealTime();
BENCHMARK(BM_Lmddb_GetItem)->Threads(2)->UseRealTime();
// One commit per put, without fsync.
BENCHMARK_CAPTURE(BM_RawLmdb_Put, nosync, false)->UseRealTime();
BENCHMARK_CAPTURE(BM_Lmddb_PutItem, nosync, lmddb::Durability::kNoSync, false)->UseRealTime();
// Conditional writes and updates against the unconditional PutItem above.
BENCHMARK_CAPTURE(BM_Lmddb_PutItem, conditional_nosync, lmddb::Durability::kNoSync, true)
    ->UseRealTime();
BENCHMARK(BM_Lmddb_UpdateItem)->UseRealTime();
// One durable commit (fsync) per put.
BENCHMARK_CAPTURE(BM_RawLmdb_Put, sync, true)->MinTime(kDurableMinTime)->UseRealTime();
BENCHMARK_CAPTURE(BM_Lmddb_PutItem, sync, lmddb::Durability::kSync, false)
    ->MinTime(kDurableMinTime)
    ->UseRealTime();
// Reference: 100 raw puts per commit, without fsync.
BENCHMARK_CAPTURE(BM_RawLmdb_PutBatched, nosync, false)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
