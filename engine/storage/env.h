// Env: one LMDB environment (one database directory) and its named
// databases. Storage is bytes in, bytes out; it knows nothing of items or
// expressions.
//
//   LMDDB_ASSIGN_OR_RETURN(std::unique_ptr<Env> env, Env::Open(dir, {}));
//   Dbi items;
//   LMDDB_RETURN_IF_ERROR(env->Write([&](WriteTxn& txn) -> Status {
//     LMDDB_ASSIGN_OR_RETURN(items, env->OpenDbi(txn, "items", /*create=*/true));
//     return txn.Put(items, "k", "v");
//   }));
//   LMDDB_ASSIGN_OR_RETURN(ReadTxn read, env->BeginRead());
//   std::optional<std::string_view> v = read.Get(items, "k");
//
// Durability (EnvOptions::durability): kSync makes every commit survive power
// loss (LMDB's default fsync at commit). kNoSync sets MDB_NOSYNC: commits are
// written to the OS at once, so a process crash loses nothing, but an OS crash
// or power loss may lose the last commits (never corrupts). MDB_WRITEMAP is
// never used: with synchronous commits it wrote ~50x more bytes to the device
// (DESIGN.md, "Measured").
//
// Map growth: the map starts at initial_map_size. A write that finds it full
// (MDB_MAP_FULL) is aborted, the map doubles (up to max_map_size) and the
// write runs again from scratch. Replacing the map needs no transaction of
// this process open (lmdb.h, mdb_env_set_mapsize()), so it waits for open
// transactions to end and holds new ones back meanwhile: a long-lived ReadTxn
// delays growth, and after 10 s the write fails instead of waiting forever.
// When max_map_size is reached or the disk is full, the write fails with
// "Storage full: ..." (lmdb_status.h) and the database stays usable.
//
// Several processes may open the same directory (a process must not open it
// twice, lmdb.h "Caveats"). A map grown by one process is adopted by the others
// when LMDB reports MDB_MAP_RESIZED.
//
// Named databases: handles are cached in the Env. A database opened in a write
// transaction is visible to others after that transaction commits and is
// forgotten if it aborts. Every mdb_dbi_open() runs inside a write transaction,
// which LMDB serializes, as lmdb.h requires ("A transaction that uses this
// function must finish ... before any other transaction in the process may use
// this function").
//
// Thread safety: Env is thread-safe. A transaction object is used by one thread
// at a time. A thread must not call Write() from inside a Write() (use
// WriteTxn::Nested), and should not hold a ReadTxn across a Write() that may
// grow the map or drop a database (that Write would wait for the ReadTxn).
#ifndef LMDDB_ENGINE_STORAGE_ENV_H_
#define LMDDB_ENGINE_STORAGE_ENV_H_

#include <lmdb.h>
#include <sys/types.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "engine/storage/cursor.h"
#include "engine/storage/dbi.h"
#include "engine/storage/txn.h"
#include "engine/storage/txn_gate.h"
#include "lmddb/status.hpp"

namespace lmddb::storage {

struct EnvOptions {
  enum class Durability { kSync, kNoSync };

  // Rounded up to the OS page size. An existing database keeps its larger map.
  size_t initial_map_size = size_t{64} << 20;  // 64 MiB
  // Growth stops here; then writes fail with "Storage full: ...". Only
  // address space is reserved up front, so a large value costs nothing.
  size_t max_map_size = size_t{1} << 40;  // 1 TiB
  Durability durability = Durability::kSync;
  // Named databases this process can have open (mdb_env_set_maxdbs). Each LMDB
  // transaction allocates a table of this many entries.
  unsigned max_dbs = 4096;
  // Reader slots shared by all processes (mdb_env_set_maxreaders).
  unsigned max_readers = 1024;
};

// mdb_env_info() / mdb_env_stat() of the environment.
struct EnvInfo {
  size_t map_size = 0;     // current map size of this process
  size_t last_page = 0;    // highest page number in use
  size_t page_size = 0;
  uint64_t last_txn_id = 0;
  unsigned max_readers = 0;
  unsigned readers_used = 0;  // high-water mark of reader slots
};

class Env {
 public:
  // Opens (creating when missing) the environment in directory `dir`. A
  // directory already open in this process is an error (lmdb.h, "Caveats").
  static StatusOr<std::unique_ptr<Env>> Open(const std::string& dir,
                                             const EnvOptions& options);

  // REQUIRES: no transaction of this Env is open.
  ~Env();

  Env(const Env&) = delete;
  Env& operator=(const Env&) = delete;

  // A read snapshot, renewed from the pool of idle read transactions.
  StatusOr<ReadTxn> BeginRead();

  // Runs `fn` in a write transaction: commits when it returns OK, aborts and
  // returns its status otherwise. `fn` may run more than once (after map
  // growth or a remap), each time against a fresh transaction, so it must have
  // no side effects outside the transaction, or tolerate repeating them.
  // Writers are serialized by LMDB's lock (also across processes).
  Status Write(absl::FunctionRef<Status(WriteTxn&)> fn);

  // The database `name` (non-empty, no NUL byte), created when `create` is
  // true. Without `create`, a missing database is kResourceNotFound.
  StatusOr<Dbi> OpenDbi(WriteTxn& txn, std::string_view name, bool create);

  // Deletes the database and everything in it; its name becomes free. Its
  // pages are freed inside `txn`; the name and handle are released after the
  // commit, once no other transaction of this process is open (lmdb.h,
  // mdb_dbi_close(): "only if no other threads are going to reference the
  // database handle"). If that takes longer than Write() waits, the empty
  // database keeps its name until a later Write() or ~Env() releases it.
  Status DropDbi(WriteTxn& txn, Dbi dbi);

  // The committed database `name`, from the handle cache. kResourceNotFound
  // when it does not exist.
  // Every database present when the Env opened, and every one this process
  // creates, is usable in any ReadTxn whose snapshot contains it. A database
  // created by another process after this Env opened is opened here on first
  // use, in a short write transaction (or in the calling thread's current
  // write transaction, inside Write()); read transactions that began before
  // that cannot use it (LMDB fixes a transaction's handle table at its start:
  // Get() finds nothing, OpenCursor() says kResourceNotFound), so look such
  // a database up before BeginRead().
  StatusOr<Dbi> FindDbi(std::string_view name);

  // Names of all databases, in byte order.
  StatusOr<std::vector<std::string>> ListDbis();

  // mdb_stat() of `dbi` in a fresh snapshot.
  StatusOr<DbiStat> Stat(Dbi dbi);

  EnvInfo Info();

  // Flushes to disk; makes kNoSync commits durable (mdb_env_sync(force=1)).
  Status Sync();

  const std::string& dir() const { return dir_; }
  const EnvOptions& options() const { return options_; }

 private:
  friend class ReadTxn;
  friend class WriteTxn;

  enum class DbiState { kLive, kDropping };
  struct NamedDbi {
    Dbi dbi;
    DbiState state;
    uint64_t seq;  // commit_seq_ of the transaction that set this state
  };

  Env(std::string dir, const EnvOptions& options);
  Status Init();
  Status OpenExistingDbis();

  // Dbi validity (dbi.h): the handle's generation is current.
  bool IsLive(Dbi dbi) const;
  uint32_t Generation(MDB_dbi handle) const;

  // gate_.Enter(), or EnterAgain() on a thread inside Write() (its write
  // transaction holds an entry until fn returns).
  void EnterGate();

  // The read pool.
  MDB_txn* PopPooledRead();
  void ReleaseRead(MDB_txn* txn);

  // Exclusive sections (txn_gate.h).
  Status GrowMap(size_t seen_map_size);
  Status AdoptMapSize();
  Status AfterRemap(int rc);
  void CloseDroppedDbis(absl::Duration wait);
  Status CheckUsable() const;
  // LmdbStatus() for a failed write or commit, telling a full disk from a
  // failing one when LMDB reports a short write as EIO.
  Status WriteError(int rc, std::string_view what) const;
  // Allocates a new lock file before LMDB maps it (see env.cc).
  Status PreallocateLockFile() const;

  // Publishing a top-level transaction's DbiEffects; only the newest effect
  // on each name counts, and an entry set by a later commit (higher seq) wins.
  struct DropUndo {
    std::string name;
    bool existed;
    NamedDbi previous;
  };
  // Before the commit, while LMDB's writer lock is held: hides dropped
  // databases from every transaction that starts after the commit. Returns
  // whether there were drops.
  bool PublishDrops(const std::vector<internal::DbiEffect>& effects, uint64_t seq,
                    std::vector<DropUndo>* undo);
  // When that commit failed.
  void UndoDrops(const std::vector<DropUndo>& undo, uint64_t seq);
  // After the commit: makes opened databases visible.
  void PublishOpens(const std::vector<internal::DbiEffect>& effects, uint64_t seq);
  StatusOr<std::string> NameOf(const WriteTxn& txn, Dbi dbi);

  const std::string dir_;
  EnvOptions options_;
  // The directory's (device, inode) in the process-wide table of open
  // directories, when registered there.
  std::pair<dev_t, ino_t> directory_{};
  bool registered_ = false;
  MDB_env* env_ = nullptr;
  bool opened_ = false;   // mdb_env_open() succeeded
  MDB_dbi main_dbi_ = 0;  // the unnamed database, whose keys are the names
  size_t page_size_ = 0;
  std::atomic<size_t> map_size_{0};
  std::atomic<bool> broken_{false};

  internal::TxnGate gate_;

  absl::Mutex pool_mu_;
  std::vector<MDB_txn*> pool_ ABSL_GUARDED_BY(pool_mu_);
  size_t max_pooled_ = 0;

  // One generation per handle number; bumped when a handle stops naming the
  // database it named.
  std::unique_ptr<std::atomic<uint32_t>[]> generations_;
  size_t num_handles_ = 0;

  absl::Mutex dbi_mu_;
  std::map<std::string, NamedDbi, std::less<>> dbis_ ABSL_GUARDED_BY(dbi_mu_);
  std::atomic<int> dropping_{0};  // entries of dbis_ in kDropping
  // Orders the top-level commits of this process; taken while holding LMDB's
  // writer lock, so it follows commit order.
  std::atomic<uint64_t> commit_seq_{0};
};

}  // namespace lmddb::storage

#endif  // LMDDB_ENGINE_STORAGE_ENV_H_
