// ReadTxn and WriteTxn: the two ways to touch an Env's data.
//
// A ReadTxn is a snapshot: it sees the database as of its start, never blocks
// writers and is never blocked by them. It comes from Env::BeginRead() and is
// returned to the Env's pool when destroyed (lmdb.h, mdb_txn_reset(): reusing a
// handle "saves allocation overhead ... and also locking overhead if
// MDB_NOTLS is in use"). Keep it short: LMDB keeps the pages it sees alive,
// and the map can only grow while no transaction of this process is open
// (env.h, "Map growth"), so a long-lived ReadTxn delays growth and, past a
// timeout, makes the write that needed it fail.
//
// A WriteTxn exists only inside Env::Write(fn) (and WriteTxn::Nested(fn)); it
// is never created or kept by callers. Values returned by Get() point into the
// memory map and stay valid until the transaction writes or ends.
//
// Thread safety: a transaction object is used by one thread at a time. A
// ReadTxn may be moved to, and destroyed on, another thread. The Env outlives
// all its transactions.
#ifndef LMDDB_ENGINE_STORAGE_TXN_H_
#define LMDDB_ENGINE_STORAGE_TXN_H_

#include <lmdb.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "engine/storage/cursor.h"
#include "engine/storage/dbi.h"
#include "lmddb/status.hpp"

namespace lmddb::storage {

class Env;

namespace internal {

// A database opened or dropped in a write transaction; applied to the Env's
// handle table when the top-level transaction commits.
struct DbiEffect {
  enum class Kind { kOpened, kDropped };
  Kind kind;
  std::string name;
  Dbi dbi;
};

}  // namespace internal

class ReadTxn {
 public:
  // An empty transaction: every lookup finds nothing.
  ReadTxn() = default;
  ReadTxn(ReadTxn&& other) noexcept;
  ReadTxn& operator=(ReadTxn&& other) noexcept;
  ~ReadTxn();

  // The value stored under `key`, or nullopt when there is none. A `dbi`
  // that was dropped, or that is newer than this snapshot, has no keys.
  std::optional<std::string_view> Get(Dbi dbi, std::string_view key) const;

  // A cursor over `dbi`; kResourceNotFound when `dbi` is dropped or not
  // visible in this snapshot.
  StatusOr<Cursor> OpenCursor(Dbi dbi);

  StatusOr<DbiStat> Stat(Dbi dbi) const;

  // Whether `dbi` is usable in this snapshot. LMDB fixes a read
  // transaction's table of handles when it begins, so a database whose handle
  // this process opened after that (a table another process created, say)
  // is invisible to it; a newer snapshot sees it.
  bool Sees(Dbi dbi) const;

  // The snapshot's transaction id (mdb_txn_id()); 0 when empty.
  uint64_t id() const;

  // Ends the transaction now (as the destructor does); the object is empty
  // afterwards. Cursors opened in it are closed.
  void Release();

 private:
  friend class Env;
  ReadTxn(Env* env, MDB_txn* txn);

  Env* env_ = nullptr;
  MDB_txn* txn_ = nullptr;
  internal::CursorList cursors_;
};

class WriteTxn {
 public:
  WriteTxn(const WriteTxn&) = delete;
  WriteTxn& operator=(const WriteTxn&) = delete;

  // The value stored under `key`, including this transaction's own writes.
  std::optional<std::string_view> Get(Dbi dbi, std::string_view key) const;

  // Inserts or replaces. Keys are 1..511 bytes (LMDB's compiled-in
  // MDB_MAXKEYSIZE); others fail with kInternalServerError.
  Status Put(Dbi dbi, std::string_view key, std::string_view value);

  // Inserts only when `key` is absent (MDB_NOOVERWRITE). Returns true when it
  // wrote, false when the key existed (nothing changed).
  StatusOr<bool> PutIfAbsent(Dbi dbi, std::string_view key, std::string_view value);

  // Removes `key`; removing an absent key is OK. When `existed` is not null it
  // is set to whether the key was there.
  Status Delete(Dbi dbi, std::string_view key, bool* existed = nullptr);

  // A cursor over `dbi` that sees this transaction's writes.
  StatusOr<Cursor> OpenCursor(Dbi dbi);

  StatusOr<DbiStat> Stat(Dbi dbi) const;

  // Runs `fn` in a child transaction (mdb_txn_begin() with this as parent).
  // When `fn` returns OK the child's changes join this transaction; otherwise
  // they are undone, this transaction keeps its own changes, and fn's status
  // is returned. While `fn` runs, use only the child it receives (lmdb.h: a
  // parent with an active child may only commit or abort).
  // If the map fills up inside `fn`, the whole Env::Write() is retried after
  // growth even when a caller swallows the error this returns. If `fn`
  // ignores another LMDB error and returns OK, the child cannot commit and
  // the enclosing transaction fails too (LMDB marks the parent failed).
  Status Nested(absl::FunctionRef<Status(WriteTxn&)> fn);

  Env& env() const { return *env_; }

 private:
  friend class Env;
  using DbiEffect = internal::DbiEffect;

  WriteTxn(Env* env, MDB_txn* txn, WriteTxn* parent);
  ~WriteTxn();

  // Turns a failed LMDB call into a Status, remembering MDB_MAP_FULL so that
  // Env::Write() grows the map and retries.
  Status Fail(int rc, std::string_view what) const;
  // The newest effect on `name` in this transaction or its ancestors.
  const DbiEffect* FindEffect(std::string_view name) const;
  const DbiEffect* FindEffect(Dbi dbi) const;
  // Ends the LMDB transaction, closing its cursors first: commits (returning
  // mdb_txn_commit's code) or aborts.
  int End(bool commit);

  // The innermost WriteTxn running on this thread, so that Env::FindDbi() and
  // Env::Write() called from inside `fn` use it instead of deadlocking on
  // LMDB's writer lock.
  static WriteTxn* Current();
  // Makes a transaction Current() for the scope.
  class ScopedCurrent {
   public:
    explicit ScopedCurrent(WriteTxn* txn);
    ~ScopedCurrent();
    ScopedCurrent(const ScopedCurrent&) = delete;
    ScopedCurrent& operator=(const ScopedCurrent&) = delete;

   private:
    WriteTxn* outer_;
  };

  Env* env_;
  MDB_txn* txn_;
  WriteTxn* parent_;
  WriteTxn* root_;
  mutable bool map_full_ = false;  // meaningful on the root
  std::vector<DbiEffect> effects_;
  internal::CursorList cursors_;
};

}  // namespace lmddb::storage

#endif  // LMDDB_ENGINE_STORAGE_TXN_H_
