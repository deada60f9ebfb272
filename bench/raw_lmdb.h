// Raw LMDB stores for the benchmarks' baselines: opened with the flags
// lmddb uses (engine/storage/env.cc: MDB_NOTLS | MDB_NORDAHEAD, no
// MDB_WRITEMAP) plus MDB_NOSYNC, and built compacted.
//
// Why compacted: loading in large transactions leaves LMDB with a big free
// list (pages freed by copy-on-write), and every later small commit pays for
// it. Measured with 300k items, page cache filled the same way
// (PrefetchFile) in both cases: a one-put commit cost 17.6 us CPU on a plain
// copy of the loaded environment and 8.8 us on a compacted copy. lmddb,
// loaded one request at a time, has no such free list; the compacted copy
// gives raw LMDB the same clean start (its best case, which is what a ratio
// should be taken against).
#ifndef LMDDB_BENCH_RAW_LMDB_H_
#define LMDDB_BENCH_RAW_LMDB_H_

#include <lmdb.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <system_error>

#include <benchmark/benchmark.h>

#include "bench_util.h"

namespace lmddb_bench {

// Opens the environment in `dir` and the database `db_name` in it.
// Returns an error text, empty on success.
inline std::string OpenRawEnv(const std::string& dir, size_t map_size, const char* db_name,
                              MDB_env** env, MDB_dbi* dbi) {
  int rc = mdb_env_create(env);
  if (rc != MDB_SUCCESS) {
    *env = nullptr;
    return std::string("mdb_env_create: ") + mdb_strerror(rc);
  }
  mdb_env_set_maxdbs(*env, 4);
  mdb_env_set_mapsize(*env, map_size);
  rc = mdb_env_open(*env, dir.c_str(), MDB_NOTLS | MDB_NORDAHEAD | MDB_NOSYNC, 0644);
  if (rc != MDB_SUCCESS) return std::string("mdb_env_open: ") + mdb_strerror(rc);
  MDB_txn* txn = nullptr;
  if ((rc = mdb_txn_begin(*env, nullptr, 0, &txn)) != MDB_SUCCESS) {
    return std::string("mdb_txn_begin: ") + mdb_strerror(rc);
  }
  if ((rc = mdb_dbi_open(txn, db_name, MDB_CREATE, dbi)) != MDB_SUCCESS) {
    mdb_txn_abort(txn);
    return std::string("mdb_dbi_open: ") + mdb_strerror(rc);
  }
  if ((rc = mdb_txn_commit(txn)) != MDB_SUCCESS) {
    return std::string("mdb_txn_commit: ") + mdb_strerror(rc);
  }
  return "";
}

// Fills a scratch environment under <root>/load with `fill`, compacts it
// into <root>/db and opens that. Returns an error text, empty on success.
inline std::string BuildCompactedRawEnv(const std::string& root, size_t map_size,
                                        const char* db_name,
                                        const std::function<std::string(MDB_env*, MDB_dbi)>& fill,
                                        MDB_env** env, MDB_dbi* dbi) {
  const std::string load_dir = root + "/load";
  const std::string db_dir = root + "/db";
  std::error_code ec;
  std::filesystem::create_directory(load_dir, ec);
  std::filesystem::create_directory(db_dir, ec);
  if (ec) return "cannot create " + db_dir + ": " + ec.message();

  MDB_env* load_env = nullptr;
  MDB_dbi load_dbi = 0;
  std::string err = OpenRawEnv(load_dir, map_size, db_name, &load_env, &load_dbi);
  if (err.empty()) err = fill(load_env, load_dbi);
  if (err.empty()) {
    int rc = mdb_env_copy2(load_env, db_dir.c_str(), MDB_CP_COMPACT);
    if (rc != MDB_SUCCESS) err = std::string("mdb_env_copy2: ") + mdb_strerror(rc);
  }
  if (load_env != nullptr) mdb_env_close(load_env);
  std::filesystem::remove_all(load_dir, ec);
  if (!err.empty()) return err;
  // mdb_env_copy2() writes with O_DIRECT where it can, so little of the copy
  // is cached; drop whatever is, then read it in small folios.
  PrefetchFile(db_dir + "/data.mdb", /*drop_first=*/true);
  return OpenRawEnv(db_dir, map_size, db_name, env, dbi);
}

// A compacted raw store in a scratch directory under BaseDir(), removed when
// the store is destroyed. Built by the constructor; error() says why not.
class RawEnvStore {
 public:
  using Fill = std::function<std::string(MDB_env*, MDB_dbi)>;

  RawEnvStore(const char* tag, size_t map_size, const Fill& fill) {
    auto dir = MakeTempDir(tag);
    if (!dir) {
      error_ = "cannot create a temporary directory under " + BaseDir();
      return;
    }
    dir_ = *dir;
    error_ = BuildCompactedRawEnv(dir_, map_size, "items", fill, &env_, &dbi_);
  }
  ~RawEnvStore() {
    if (env_ != nullptr) mdb_env_close(env_);
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }
  RawEnvStore(const RawEnvStore&) = delete;
  RawEnvStore& operator=(const RawEnvStore&) = delete;

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  MDB_env* env() const { return env_; }
  MDB_dbi dbi() const { return dbi_; }

  // MDB_NOSYNC off (durable commits) or on. Only between benchmarks. Before
  // durable commits, everything written without sync is flushed, so that the
  // first timed fsync does not pay for earlier benchmarks' writes.
  void SetDurable(bool durable) {
    if (durable) mdb_env_sync(env_, 1);
    mdb_env_set_flags(env_, MDB_NOSYNC, durable ? 0 : 1);
  }

  // Reads every page once, the file and then every value through the map (a
  // compacted copy was never mapped), unless that was done in the last minute.
  void Warm() {
    std::lock_guard<std::mutex> lock(mu_);
    if (!ok() || !warm_.Due()) return;
    PrefetchFile(dir_ + "/db/data.mdb", /*drop_first=*/false);
    MDB_txn* txn = nullptr;
    MDB_cursor* cursor = nullptr;
    if (mdb_txn_begin(env_, nullptr, MDB_RDONLY, &txn) != MDB_SUCCESS) return;
    if (mdb_cursor_open(txn, dbi_, &cursor) == MDB_SUCCESS) {
      MDB_val k, v;
      uint64_t sum = 0;
      for (int rc = mdb_cursor_get(cursor, &k, &v, MDB_FIRST); rc == MDB_SUCCESS;
           rc = mdb_cursor_get(cursor, &k, &v, MDB_NEXT)) {
        const auto* p = static_cast<const unsigned char*>(v.mv_data);
        sum += p[0] + p[v.mv_size - 1];
      }
      benchmark::DoNotOptimize(sum);
      mdb_cursor_close(cursor);
    }
    mdb_txn_abort(txn);
    warm_.Done();
  }

 private:
  std::string error_;
  std::string dir_;
  MDB_env* env_ = nullptr;
  MDB_dbi dbi_ = 0;
  std::mutex mu_;
  WarmClock warm_;
};

}  // namespace lmddb_bench

#endif  // LMDDB_BENCH_RAW_LMDB_H_
