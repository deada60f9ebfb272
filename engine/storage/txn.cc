// ReadTxn and WriteTxn (txn.h).
#include "engine/storage/txn.h"

#include <utility>

#include "absl/strings/str_format.h"
#include "engine/common/status_macros.h"
#include "engine/storage/env.h"
#include "engine/storage/lmdb_status.h"

namespace lmddb::storage {
namespace {

MDB_val ToVal(std::string_view s) {
  // LMDB never writes through an input key or value.
  return MDB_val{s.size(), const_cast<char*>(s.data())};
}

std::string_view ToView(const MDB_val& v) {
  return std::string_view(static_cast<const char*>(v.mv_data), v.mv_size);
}

Status StaleDbi() {
  return Status::ResourceNotFound(
      "Storage: database handle is no longer valid (the database was dropped)");
}

Status NotOpen() { return Status::Internal("Storage error: transaction is not open"); }

// mdb_get(); LMDB errors other than MDB_NOTFOUND are absence too: EINVAL for a
// handle newer than the snapshot, MDB_BAD_VALSIZE for an empty key, which
// cannot be stored.
std::optional<std::string_view> GetIn(MDB_txn* txn, MDB_dbi dbi, std::string_view key) {
  MDB_val k = ToVal(key);
  MDB_val v{0, nullptr};
  if (mdb_get(txn, dbi, &k, &v) != MDB_SUCCESS) return std::nullopt;
  return ToView(v);
}

StatusOr<MDB_cursor*> OpenCursorIn(MDB_txn* txn, MDB_dbi dbi) {
  MDB_cursor* cursor = nullptr;
  int rc = mdb_cursor_open(txn, dbi, &cursor);
  // lmdb.h: EINVAL here means the handle is not valid in this transaction,
  // e.g. a database created after this snapshot began.
  if (rc == EINVAL) {
    return Status::ResourceNotFound("Storage: database is not visible in this transaction");
  }
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, "mdb_cursor_open");
  return cursor;
}

StatusOr<DbiStat> StatIn(MDB_txn* txn, MDB_dbi dbi) {
  MDB_stat st;
  int rc = mdb_stat(txn, dbi, &st);
  if (rc == EINVAL) {
    return Status::ResourceNotFound("Storage: database is not visible in this transaction");
  }
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, "mdb_stat");
  DbiStat out;
  out.entries = st.ms_entries;
  out.depth = st.ms_depth;
  out.branch_pages = st.ms_branch_pages;
  out.leaf_pages = st.ms_leaf_pages;
  out.overflow_pages = st.ms_overflow_pages;
  out.page_size = st.ms_psize;
  return out;
}

}  // namespace

// ---------------------------------------------------------------- ReadTxn

ReadTxn::ReadTxn(Env* env, MDB_txn* txn) : env_(env), txn_(txn) {}

ReadTxn::ReadTxn(ReadTxn&& other) noexcept
    : env_(other.env_), txn_(std::exchange(other.txn_, nullptr)) {
  cursors_.TakeFrom(other.cursors_);
}

ReadTxn& ReadTxn::operator=(ReadTxn&& other) noexcept {
  if (this != &other) {
    Release();
    env_ = other.env_;
    txn_ = std::exchange(other.txn_, nullptr);
    cursors_.TakeFrom(other.cursors_);
  }
  return *this;
}

ReadTxn::~ReadTxn() { Release(); }

void ReadTxn::Release() {
  if (txn_ == nullptr) return;
  // lmdb.h, mdb_txn_reset(): "Cursors opened within the transaction must not
  // be used again after this call".
  cursors_.CloseAll();
  env_->ReleaseRead(std::exchange(txn_, nullptr));
}

std::optional<std::string_view> ReadTxn::Get(Dbi dbi, std::string_view key) const {
  if (txn_ == nullptr || !env_->IsLive(dbi)) return std::nullopt;
  return GetIn(txn_, dbi.handle, key);
}

StatusOr<Cursor> ReadTxn::OpenCursor(Dbi dbi) {
  if (txn_ == nullptr) return NotOpen();
  if (!env_->IsLive(dbi)) return StaleDbi();
  LMDDB_ASSIGN_OR_RETURN(MDB_cursor * cursor, OpenCursorIn(txn_, dbi.handle));
  return Cursor(cursor, &cursors_);
}

StatusOr<DbiStat> ReadTxn::Stat(Dbi dbi) const {
  if (txn_ == nullptr) return NotOpen();
  if (!env_->IsLive(dbi)) return StaleDbi();
  return StatIn(txn_, dbi.handle);
}

bool ReadTxn::Sees(Dbi dbi) const {
  unsigned int flags = 0;
  return txn_ != nullptr && env_->IsLive(dbi) && mdb_dbi_flags(txn_, dbi.handle, &flags) == 0;
}

uint64_t ReadTxn::id() const { return txn_ == nullptr ? 0 : mdb_txn_id(txn_); }

// --------------------------------------------------------------- WriteTxn

namespace {
thread_local WriteTxn* tls_current_write = nullptr;
}  // namespace

WriteTxn* WriteTxn::Current() { return tls_current_write; }

WriteTxn::ScopedCurrent::ScopedCurrent(WriteTxn* txn) : outer_(tls_current_write) {
  tls_current_write = txn;
}

WriteTxn::ScopedCurrent::~ScopedCurrent() { tls_current_write = outer_; }

WriteTxn::WriteTxn(Env* env, MDB_txn* txn, WriteTxn* parent)
    : env_(env), txn_(txn), parent_(parent), root_(parent ? parent->root_ : this) {}

WriteTxn::~WriteTxn() {
  if (txn_ != nullptr) End(/*commit=*/false);
}

int WriteTxn::End(bool commit) {
  // lmdb.h, mdb_cursor_close(): write cursors are freed with their txn; close
  // ours first so that no Cursor object keeps a dangling pointer.
  cursors_.CloseAll();
  MDB_txn* txn = std::exchange(txn_, nullptr);
  if (commit) return mdb_txn_commit(txn);
  mdb_txn_abort(txn);
  return MDB_SUCCESS;
}

Status WriteTxn::Fail(int rc, std::string_view what) const {
  if (rc == MDB_MAP_FULL) root_->map_full_ = true;
  // Large transactions write pages early (LMDB spills dirty pages), so a full
  // disk can show here, not only at commit.
  return env_->WriteError(rc, what);
}

const WriteTxn::DbiEffect* WriteTxn::FindEffect(std::string_view name) const {
  for (const WriteTxn* t = this; t != nullptr; t = t->parent_) {
    for (auto it = t->effects_.rbegin(); it != t->effects_.rend(); ++it) {
      if (it->name == name) return &*it;
    }
  }
  return nullptr;
}

const WriteTxn::DbiEffect* WriteTxn::FindEffect(Dbi dbi) const {
  for (const WriteTxn* t = this; t != nullptr; t = t->parent_) {
    for (auto it = t->effects_.rbegin(); it != t->effects_.rend(); ++it) {
      if (it->dbi == dbi) return &*it;
    }
  }
  return nullptr;
}

std::optional<std::string_view> WriteTxn::Get(Dbi dbi, std::string_view key) const {
  if (txn_ == nullptr || !env_->IsLive(dbi)) return std::nullopt;
  return GetIn(txn_, dbi.handle, key);
}

Status WriteTxn::Put(Dbi dbi, std::string_view key, std::string_view value) {
  if (txn_ == nullptr) return NotOpen();
  if (!env_->IsLive(dbi)) return StaleDbi();
  MDB_val k = ToVal(key);
  MDB_val v = ToVal(value);
  int rc = mdb_put(txn_, dbi.handle, &k, &v, 0);
  if (rc == MDB_BAD_VALSIZE) {
    return Status::Internal(absl::StrFormat(
        "Storage error in mdb_put: a key of %d bytes; LMDB keys are 1 to %d bytes",
        key.size(), mdb_env_get_maxkeysize(mdb_txn_env(txn_))));
  }
  if (rc != MDB_SUCCESS) return Fail(rc, "mdb_put");
  return Status::Ok();
}

StatusOr<bool> WriteTxn::PutIfAbsent(Dbi dbi, std::string_view key, std::string_view value) {
  if (txn_ == nullptr) return NotOpen();
  if (!env_->IsLive(dbi)) return StaleDbi();
  MDB_val k = ToVal(key);
  MDB_val v = ToVal(value);
  int rc = mdb_put(txn_, dbi.handle, &k, &v, MDB_NOOVERWRITE);
  if (rc == MDB_KEYEXIST) return false;
  if (rc == MDB_BAD_VALSIZE) {
    return Status::Internal(absl::StrFormat(
        "Storage error in mdb_put: a key of %d bytes; LMDB keys are 1 to %d bytes",
        key.size(), mdb_env_get_maxkeysize(mdb_txn_env(txn_))));
  }
  if (rc != MDB_SUCCESS) return Fail(rc, "mdb_put");
  return true;
}

Status WriteTxn::Delete(Dbi dbi, std::string_view key, bool* existed) {
  if (existed != nullptr) *existed = false;
  if (txn_ == nullptr) return NotOpen();
  if (!env_->IsLive(dbi)) return StaleDbi();
  if (key.empty()) return Status::Ok();  // cannot be stored (MDB_BAD_VALSIZE)
  MDB_val k = ToVal(key);
  int rc = mdb_del(txn_, dbi.handle, &k, nullptr);
  if (rc == MDB_NOTFOUND) return Status::Ok();
  if (rc != MDB_SUCCESS) return Fail(rc, "mdb_del");
  if (existed != nullptr) *existed = true;
  return Status::Ok();
}

StatusOr<Cursor> WriteTxn::OpenCursor(Dbi dbi) {
  if (txn_ == nullptr) return NotOpen();
  if (!env_->IsLive(dbi)) return StaleDbi();
  LMDDB_ASSIGN_OR_RETURN(MDB_cursor * cursor, OpenCursorIn(txn_, dbi.handle));
  return Cursor(cursor, &cursors_);
}

StatusOr<DbiStat> WriteTxn::Stat(Dbi dbi) const {
  if (txn_ == nullptr) return NotOpen();
  if (!env_->IsLive(dbi)) return StaleDbi();
  return StatIn(txn_, dbi.handle);
}

Status WriteTxn::Nested(absl::FunctionRef<Status(WriteTxn&)> fn) {
  if (txn_ == nullptr) return NotOpen();
  MDB_txn* child_txn = nullptr;
  int rc = mdb_txn_begin(mdb_txn_env(txn_), txn_, 0, &child_txn);
  if (rc != MDB_SUCCESS) return Fail(rc, "mdb_txn_begin (nested)");

  WriteTxn child(env_, child_txn, this);
  Status status;
  {
    ScopedCurrent current(&child);
    status = fn(child);
  }

  if (root_->map_full_) {
    // The top-level Env::Write() will grow the map and start over; whatever
    // `fn` made of the error, this child is not worth keeping.
    child.End(/*commit=*/false);
    return status.ok() ? LmdbStatus(MDB_MAP_FULL, "nested transaction") : status;
  }
  if (!status.ok()) {
    // Undoes the child only (lmdb.h: "Transactions may be nested to any
    // level"; aborting a child leaves the parent as it was). Handles opened
    // in the child are closed by LMDB, and its effects die with it.
    child.End(/*commit=*/false);
    return status;
  }
  rc = child.End(/*commit=*/true);
  if (rc != MDB_SUCCESS) return Fail(rc, "mdb_txn_commit (nested)");
  for (DbiEffect& effect : child.effects_) effects_.push_back(std::move(effect));
  return Status::Ok();
}

}  // namespace lmddb::storage
