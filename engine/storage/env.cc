// Env (env.h): opening, transactions, map growth and the handle table.
#include "engine/storage/env.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/strings/str_format.h"
#include "engine/common/status_macros.h"
#include "engine/storage/lmdb_status.h"

namespace lmddb::storage {
namespace {

// How long an exclusive section (map growth, adopting another process's map,
// releasing dropped databases) waits for this process's open transactions.
constexpr absl::Duration kExclusiveWait = absl::Seconds(10);
// Each growth doubles the map, so this bounds retries far above need.
constexpr int kMaxWriteAttempts = 64;
// Retries of a transaction start that met MDB_MAP_RESIZED / MDB_READERS_FULL.
constexpr int kMaxBeginAttempts = 16;
// Idle read transactions kept for renewal. Each holds a reader slot, which
// all processes share (EnvOptions::max_readers), so keep only a few.
constexpr size_t kMaxPooledReadTxns = 64;

size_t RoundUp(size_t n, size_t unit) { return (n + unit - 1) / unit * unit; }

Status Busy(std::string_view why) {
  return Status::Internal(absl::StrFormat(
      "Storage error: %s, but transactions of this process stayed open for %s",
      why, absl::FormatDuration(kExclusiveWait)));
}

// Whether effects[i] is the newest effect on its name.
bool IsFinal(const std::vector<internal::DbiEffect>& effects, size_t i) {
  for (size_t j = i + 1; j < effects.size(); ++j) {
    if (effects[j].name == effects[i].name) return false;
  }
  return true;
}

}  // namespace

// ---------------------------------------------------------------- opening

Env::Env(std::string dir, const EnvOptions& options)
    : dir_(std::move(dir)), options_(options) {}

StatusOr<std::unique_ptr<Env>> Env::Open(const std::string& dir, const EnvOptions& options) {
  if (dir.empty()) return Status::Internal("Storage error: empty directory name");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return Status::Internal(absl::StrFormat("Storage error: cannot create directory '%s': %s",
                                            dir, ec.message()));
  }
  std::unique_ptr<Env> env(new Env(dir, options));
  LMDDB_RETURN_IF_ERROR(env->Init());
  return env;
}

Status Env::Init() {
  const long os_page = sysconf(_SC_PAGESIZE);
  const size_t unit = os_page > 0 ? static_cast<size_t>(os_page) : 4096;
  // lmdb.h, mdb_env_set_mapsize(): "The size should be a multiple of the OS
  // page size."
  options_.initial_map_size = RoundUp(std::max<size_t>(options_.initial_map_size, unit), unit);
  options_.max_map_size =
      std::max(options_.max_map_size / unit * unit, options_.initial_map_size);

  int rc = mdb_env_create(&env_);
  if (rc != MDB_SUCCESS) {
    env_ = nullptr;
    return LmdbStatus(rc, "mdb_env_create");
  }
  // The destructor calls mdb_env_close() from here on, also when opening
  // fails (lmdb.h, mdb_env_open(): "If this function fails, mdb_env_close()
  // must be called to discard the MDB_env handle").
  if ((rc = mdb_env_set_maxreaders(env_, options_.max_readers)) != MDB_SUCCESS) {
    return LmdbStatus(rc, "mdb_env_set_maxreaders");
  }
  if ((rc = mdb_env_set_maxdbs(env_, options_.max_dbs)) != MDB_SUCCESS) {
    return LmdbStatus(rc, "mdb_env_set_maxdbs");
  }
  if ((rc = mdb_env_set_mapsize(env_, options_.initial_map_size)) != MDB_SUCCESS) {
    return LmdbStatus(rc, "mdb_env_set_mapsize");
  }
  // MDB_NOTLS: read transactions belong to ReadTxn objects, not threads, so
  // they can be pooled and moved. MDB_NORDAHEAD: random reads of a database
  // larger than RAM should not pull in neighbours. No MDB_WRITEMAP (env.h).
  unsigned flags = MDB_NOTLS | MDB_NORDAHEAD;
  if (options_.durability == EnvOptions::Durability::kNoSync) flags |= MDB_NOSYNC;
  if ((rc = mdb_env_open(env_, dir_.c_str(), flags, 0644)) != MDB_SUCCESS) {
    return LmdbStatus(rc, "mdb_env_open(" + dir_ + ")");
  }
  opened_ = true;

  // Free reader slots left by processes that died.
  int dead = 0;
  mdb_reader_check(env_, &dead);

  // Adopt the map size recorded in the file (an earlier run or another process
  // may have grown it; lmdb.h: "may be called with a size of zero to adopt the
  // new size"), then make it at least initial_map_size. No transaction is open.
  if ((rc = mdb_env_set_mapsize(env_, 0)) != MDB_SUCCESS) {
    return LmdbStatus(rc, "mdb_env_set_mapsize");
  }
  MDB_envinfo info;
  mdb_env_info(env_, &info);
  if (info.me_mapsize < options_.initial_map_size) {
    if ((rc = mdb_env_set_mapsize(env_, options_.initial_map_size)) != MDB_SUCCESS) {
      return LmdbStatus(rc, "mdb_env_set_mapsize");
    }
    mdb_env_info(env_, &info);
  }
  map_size_.store(info.me_mapsize);
  MDB_stat st;
  mdb_env_stat(env_, &st);
  page_size_ = st.ms_psize;

  // LMDB numbers handles below max_dbs + 2 (two internal databases first).
  num_handles_ = size_t{options_.max_dbs} + 2;
  generations_ = std::make_unique<std::atomic<uint32_t>[]>(num_handles_);
  for (size_t i = 0; i < num_handles_; ++i) generations_[i].store(1);

  max_pooled_ = std::clamp<size_t>(options_.max_readers / 4, 1, kMaxPooledReadTxns);
  {
    absl::MutexLock lock(&pool_mu_);
    pool_.reserve(max_pooled_);  // no allocation when recycling
  }

  // The unnamed database: its keys are the names of the named ones.
  MDB_txn* txn = nullptr;
  if ((rc = mdb_txn_begin(env_, nullptr, MDB_RDONLY, &txn)) != MDB_SUCCESS) {
    return LmdbStatus(rc, "mdb_txn_begin");
  }
  rc = mdb_dbi_open(txn, nullptr, 0, &main_dbi_);
  mdb_txn_abort(txn);
  return LmdbStatus(rc, "mdb_dbi_open");
}

Env::~Env() {
  if (env_ == nullptr) return;
  if (opened_ && !broken_.load()) CloseDroppedDbis(absl::ZeroDuration());
  {
    absl::MutexLock lock(&pool_mu_);
    for (MDB_txn* txn : pool_) mdb_txn_abort(txn);
    pool_.clear();
  }
  // A clean shutdown makes kNoSync commits durable too.
  if (opened_ && !broken_.load() && options_.durability == EnvOptions::Durability::kNoSync) {
    mdb_env_sync(env_, 1);
  }
  mdb_env_close(env_);
}

Status Env::CheckUsable() const {
  if (broken_.load()) {
    return Status::Internal(
        "Storage error: the database map could not be replaced; reopen the database");
  }
  return Status::Ok();
}

bool Env::IsLive(Dbi dbi) const {
  return dbi.generation != 0 && dbi.handle < num_handles_ &&
         generations_[dbi.handle].load(std::memory_order_acquire) == dbi.generation;
}

uint32_t Env::Generation(MDB_dbi handle) const {
  return handle < num_handles_ ? generations_[handle].load(std::memory_order_acquire) : 0;
}

// ------------------------------------------------------------------ reads

MDB_txn* Env::PopPooledRead() {
  absl::MutexLock lock(&pool_mu_);
  if (pool_.empty()) return nullptr;
  MDB_txn* txn = pool_.back();
  pool_.pop_back();
  return txn;
}

StatusOr<ReadTxn> Env::BeginRead() {
  for (int attempt = 0; attempt < kMaxBeginAttempts; ++attempt) {
    LMDDB_RETURN_IF_ERROR(CheckUsable());
    gate_.Enter();
    MDB_txn* txn = PopPooledRead();
    int rc;
    if (txn != nullptr) {
      rc = mdb_txn_renew(txn);
      // A failed renew leaves a reset handle; lmdb.h, mdb_txn_reset(): "Use
      // mdb_txn_abort() to discard a reset handle".
      if (rc != MDB_SUCCESS) mdb_txn_abort(txn);
    } else {
      rc = mdb_txn_begin(env_, nullptr, MDB_RDONLY, &txn);
    }
    if (rc == MDB_SUCCESS) return ReadTxn(this, txn);
    gate_.Leave();
    if (rc == MDB_MAP_RESIZED) {
      LMDDB_RETURN_IF_ERROR(AdoptMapSize());
      continue;
    }
    if (rc == MDB_READERS_FULL && attempt == 0) {
      int dead = 0;
      mdb_reader_check(env_, &dead);
      continue;
    }
    return LmdbStatus(rc, "mdb_txn_begin (read)");
  }
  return Status::Internal("Storage error: could not start a read transaction");
}

void Env::ReleaseRead(MDB_txn* txn) {
  // Reset inside the gate: the map may not change under a live snapshot.
  mdb_txn_reset(txn);
  gate_.Leave();
  {
    absl::MutexLock lock(&pool_mu_);
    if (pool_.size() < max_pooled_) {
      pool_.push_back(txn);
      return;
    }
  }
  // Frees the reader slot too (MDB_NOTLS ties it to the handle). Touches only
  // the lock file, so it needs no gate entry.
  mdb_txn_abort(txn);
}

// ----------------------------------------------------------------- writes

Status Env::Write(absl::FunctionRef<Status(WriteTxn&)> fn) {
  if (WriteTxn* active = WriteTxn::current_; active != nullptr && active->env_ == this) {
    // A second mdb_txn_begin() on this thread would wait for LMDB's writer
    // lock, which this thread holds.
    return Status::Internal(
        "Storage error: Env::Write called inside a write transaction; use WriteTxn::Nested");
  }
  for (int attempt = 0; attempt < kMaxWriteAttempts; ++attempt) {
    LMDDB_RETURN_IF_ERROR(CheckUsable());
    gate_.Enter();
    const size_t map_size = map_size_.load();
    MDB_txn* raw = nullptr;
    int rc = mdb_txn_begin(env_, nullptr, 0, &raw);
    if (rc != MDB_SUCCESS) {
      gate_.Leave();
      if (rc == MDB_MAP_RESIZED) {
        LMDDB_RETURN_IF_ERROR(AdoptMapSize());
        continue;
      }
      return LmdbStatus(rc, "mdb_txn_begin");
    }

    Status status;
    bool grow = false;
    bool dropped = false;
    {
      WriteTxn txn(this, raw, nullptr);
      WriteTxn* const outer = std::exchange(WriteTxn::current_, &txn);
      status = fn(txn);
      WriteTxn::current_ = outer;
      if (txn.map_full_) {
        // Even if `fn` swallowed the error (e.g. in a Nested() call).
        txn.End(/*commit=*/false);
        grow = true;
      } else if (!status.ok()) {
        txn.End(/*commit=*/false);
      } else {
        // LMDB's writer lock is held here, so seq follows commit order.
        const uint64_t seq = commit_seq_.fetch_add(1) + 1;
        std::vector<DropUndo> undo;
        if (!txn.effects_.empty()) dropped = PublishDrops(txn.effects_, seq, &undo);
        rc = txn.End(/*commit=*/true);
        if (rc != MDB_SUCCESS) {
          if (dropped) UndoDrops(undo, seq);
          dropped = false;
          if (rc == MDB_MAP_FULL) {
            grow = true;
          } else {
            // ENOSPC lands here as "Storage full: ..."; the transaction is
            // aborted and the database keeps its last commit.
            status = LmdbStatus(rc, "mdb_txn_commit");
          }
        } else if (!txn.effects_.empty()) {
          PublishOpens(txn.effects_, seq);
        }
      }
    }
    gate_.Leave();

    if (grow) {
      LMDDB_RETURN_IF_ERROR(GrowMap(map_size));
      continue;
    }
    if (dropped) {
      CloseDroppedDbis(kExclusiveWait);
    } else if (dropping_.load() > 0) {
      CloseDroppedDbis(absl::ZeroDuration());  // leftovers, only if idle now
    }
    return status;
  }
  return Status::Internal("Storage error: the write did not fit after growing the map");
}

// ------------------------------------------------------- exclusive sections

Status Env::AfterRemap(int rc) {
  if (rc != MDB_SUCCESS) {
    // mdb_env_set_mapsize() unmaps before mapping anew; when mapping fails
    // the environment is left without a map and cannot be used again.
    broken_.store(true);
    return LmdbStatus(rc, "mdb_env_set_mapsize");
  }
  MDB_envinfo info;
  mdb_env_info(env_, &info);
  map_size_.store(info.me_mapsize);
  return Status::Ok();
}

Status Env::GrowMap(size_t seen_map_size) {
  if (!gate_.Close(kExclusiveWait)) return Busy("the database map must grow");
  // No transaction of this process is open: mdb_env_set_mapsize() is allowed.
  Status status;
  const size_t current = map_size_.load();
  if (current <= seen_map_size) {  // else another thread grew it meanwhile
    if (current >= options_.max_map_size) {
      status = StorageFull(absl::StrFormat(
          "the database reached its maximum size of %d bytes (max_map_size)",
          options_.max_map_size));
    } else {
      const size_t next = current > options_.max_map_size / 2 ? options_.max_map_size
                                                              : current * 2;
      status = AfterRemap(mdb_env_set_mapsize(env_, next));
    }
  }
  gate_.Open();
  return status;
}

Status Env::AdoptMapSize() {
  if (!gate_.Close(kExclusiveWait)) {
    return Busy("another process grew the database map and this process must remap it");
  }
  // lmdb.h, mdb_env_set_mapsize(): "This function may be called with a size
  // of zero to adopt the new size."
  Status status = AfterRemap(mdb_env_set_mapsize(env_, 0));
  gate_.Open();
  return status;
}

void Env::CloseDroppedDbis(absl::Duration wait) {
  if (dropping_.load() == 0) return;
  if (!gate_.Close(wait)) return;  // a later Write() or ~Env() retries
  // No transaction of this process is open, so closing handles is safe
  // (lmdb.h, mdb_dbi_close()), and nothing else can publish meanwhile.
  std::vector<std::string> names;
  {
    absl::MutexLock lock(&dbi_mu_);
    for (const auto& [name, named] : dbis_) {
      if (named.state == DbiState::kDropping) names.push_back(name);
    }
  }
  for (const std::string& name : names) {
    MDB_txn* txn = nullptr;
    int rc = mdb_txn_begin(env_, nullptr, 0, &txn);
    if (rc == MDB_MAP_RESIZED) {
      if (!AfterRemap(mdb_env_set_mapsize(env_, 0)).ok()) break;
      rc = mdb_txn_begin(env_, nullptr, 0, &txn);
    }
    if (rc != MDB_SUCCESS) break;
    bool forget = false;
    MDB_dbi handle = 0;
    rc = mdb_dbi_open(txn, name.c_str(), 0, &handle);
    if (rc == MDB_NOTFOUND) {
      mdb_txn_abort(txn);
      forget = true;  // already gone (another process)
    } else if (rc != MDB_SUCCESS) {
      mdb_txn_abort(txn);
    } else {
      MDB_stat st;
      rc = mdb_stat(txn, handle, &st);
      if (rc == MDB_SUCCESS && st.ms_entries == 0) {
        // del=1: "delete it from the environment and close the DB handle".
        rc = mdb_drop(txn, handle, 1);
        if (rc == MDB_SUCCESS) {
          generations_[handle].fetch_add(1);  // the handle number is free now
          forget = mdb_txn_commit(txn) == MDB_SUCCESS;
        } else {
          mdb_txn_abort(txn);
        }
      } else {
        // Another process created it again and wrote to it: keep it.
        mdb_txn_abort(txn);
        forget = rc == MDB_SUCCESS;
      }
    }
    if (forget) {
      absl::MutexLock lock(&dbi_mu_);
      auto it = dbis_.find(name);
      if (it != dbis_.end() && it->second.state == DbiState::kDropping) {
        dbis_.erase(it);
        dropping_.fetch_sub(1);
      }
    }
  }
  gate_.Open();
}

// ------------------------------------------------------ named databases

StatusOr<Dbi> Env::OpenDbi(WriteTxn& txn, std::string_view name, bool create) {
  if (txn.env_ != this || txn.txn_ == nullptr) {
    return Status::Internal("Storage error: OpenDbi with a transaction of another Env");
  }
  if (name.empty() || name.find('\0') != std::string_view::npos) {
    return Status::Internal(absl::StrFormat("Storage error: invalid database name '%s'", name));
  }
  if (const internal::DbiEffect* effect = txn.FindEffect(name); effect != nullptr) {
    if (effect->kind == internal::DbiEffect::Kind::kOpened) return effect->dbi;
    if (!create) return DatabaseNotFound(name);
    // Dropped earlier in this transaction: create it again below.
  } else {
    absl::ReaderMutexLock lock(&dbi_mu_);
    auto it = dbis_.find(name);
    if (it != dbis_.end()) {
      if (it->second.state == DbiState::kLive) return it->second.dbi;
      if (!create) return DatabaseNotFound(name);
    }
  }
  std::string owned(name);
  MDB_dbi handle = 0;
  int rc = mdb_dbi_open(txn.txn_, owned.c_str(), create ? MDB_CREATE : 0, &handle);
  if (rc == MDB_NOTFOUND) return DatabaseNotFound(name);
  if (rc != MDB_SUCCESS) return txn.Fail(rc, "mdb_dbi_open");
  const Dbi dbi{handle, Generation(handle)};
  txn.effects_.push_back({internal::DbiEffect::Kind::kOpened, std::move(owned), dbi});
  return dbi;
}

StatusOr<std::string> Env::NameOf(const WriteTxn& txn, Dbi dbi) {
  if (const internal::DbiEffect* effect = txn.FindEffect(dbi); effect != nullptr) {
    if (effect->kind == internal::DbiEffect::Kind::kOpened) return effect->name;
    return DatabaseNotFound(effect->name);
  }
  absl::ReaderMutexLock lock(&dbi_mu_);
  for (const auto& [name, named] : dbis_) {
    if (named.state == DbiState::kLive && named.dbi == dbi) return name;
  }
  return Status::Internal("Storage error: unknown database handle");
}

Status Env::DropDbi(WriteTxn& txn, Dbi dbi) {
  if (txn.env_ != this || txn.txn_ == nullptr) {
    return Status::Internal("Storage error: DropDbi with a transaction of another Env");
  }
  if (!IsLive(dbi)) {
    return Status::ResourceNotFound(
        "Storage: database handle is no longer valid (the database was dropped)");
  }
  LMDDB_ASSIGN_OR_RETURN(std::string name, NameOf(txn, dbi));
  if (const internal::DbiEffect* effect = txn.FindEffect(name);
      effect != nullptr && effect->kind == internal::DbiEffect::Kind::kDropped) {
    return DatabaseNotFound(name);
  }
  // del=0 empties the database and frees its pages in this transaction. The
  // name and handle go after the commit, in an exclusive section (env.h).
  int rc = mdb_drop(txn.txn_, dbi.handle, 0);
  if (rc != MDB_SUCCESS) return txn.Fail(rc, "mdb_drop");
  txn.effects_.push_back({internal::DbiEffect::Kind::kDropped, std::move(name), dbi});
  return Status::Ok();
}

bool Env::PublishDrops(const std::vector<internal::DbiEffect>& effects, uint64_t seq,
                       std::vector<DropUndo>* undo) {
  bool any = false;
  absl::MutexLock lock(&dbi_mu_);
  for (size_t i = 0; i < effects.size(); ++i) {
    const internal::DbiEffect& effect = effects[i];
    if (effect.kind != internal::DbiEffect::Kind::kDropped || !IsFinal(effects, i)) continue;
    auto [it, inserted] = dbis_.try_emplace(effect.name, NamedDbi{effect.dbi, DbiState::kLive, 0});
    undo->push_back({effect.name, !inserted, it->second});
    if (inserted || it->second.state != DbiState::kDropping) dropping_.fetch_add(1);
    it->second = NamedDbi{effect.dbi, DbiState::kDropping, seq};
    // Holders of this Dbi see it as gone from now on (dbi.h).
    generations_[effect.dbi.handle].fetch_add(1, std::memory_order_release);
    any = true;
  }
  return any;
}

void Env::UndoDrops(const std::vector<DropUndo>& undo, uint64_t seq) {
  absl::MutexLock lock(&dbi_mu_);
  for (const DropUndo& u : undo) {
    auto it = dbis_.find(u.name);
    if (it == dbis_.end() || it->second.seq != seq) continue;
    dropping_.fetch_sub(1);
    if (!u.existed) {
      dbis_.erase(it);
      continue;
    }
    it->second = u.previous;
    if (it->second.state == DbiState::kDropping) {
      dropping_.fetch_add(1);
    } else {
      // The generation moved on; the handle still names the database.
      it->second.dbi.generation = Generation(it->second.dbi.handle);
    }
  }
}

void Env::PublishOpens(const std::vector<internal::DbiEffect>& effects, uint64_t seq) {
  absl::MutexLock lock(&dbi_mu_);
  for (size_t i = 0; i < effects.size(); ++i) {
    const internal::DbiEffect& effect = effects[i];
    if (effect.kind != internal::DbiEffect::Kind::kOpened || !IsFinal(effects, i)) continue;
    auto [it, inserted] = dbis_.try_emplace(effect.name, NamedDbi{effect.dbi, DbiState::kLive, seq});
    if (inserted) continue;
    if (it->second.seq > seq) continue;  // a later commit already decided
    if (it->second.state == DbiState::kDropping) dropping_.fetch_sub(1);
    // A database dropped and created again in one transaction keeps its
    // handle; take the generation current after the drop.
    it->second = NamedDbi{Dbi{effect.dbi.handle, Generation(effect.dbi.handle)},
                          DbiState::kLive, seq};
  }
}

StatusOr<Dbi> Env::FindDbi(std::string_view name) {
  {
    absl::ReaderMutexLock lock(&dbi_mu_);
    auto it = dbis_.find(name);
    if (it != dbis_.end()) {
      if (it->second.state == DbiState::kLive) return it->second.dbi;
      return DatabaseNotFound(name);
    }
  }
  if (WriteTxn* active = WriteTxn::current_; active != nullptr && active->env_ == this) {
    return OpenDbi(*active, name, /*create=*/false);
  }
  // Opening needs a write transaction (env.h); one that writes nothing commits
  // without syncing.
  StatusOr<Dbi> result = DatabaseNotFound(name);
  LMDDB_RETURN_IF_ERROR(Write([&](WriteTxn& txn) -> Status {
    result = OpenDbi(txn, name, /*create=*/false);
    return Status::Ok();
  }));
  return result;
}

StatusOr<std::vector<std::string>> Env::ListDbis() {
  LMDDB_ASSIGN_OR_RETURN(ReadTxn read, BeginRead());
  MDB_cursor* cursor = nullptr;
  int rc = mdb_cursor_open(read.txn_, main_dbi_, &cursor);
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, "mdb_cursor_open");
  std::vector<std::string> names;
  MDB_val key{0, nullptr};
  MDB_val value{0, nullptr};
  for (rc = mdb_cursor_get(cursor, &key, &value, MDB_FIRST); rc == MDB_SUCCESS;
       rc = mdb_cursor_get(cursor, &key, &value, MDB_NEXT)) {
    names.emplace_back(static_cast<const char*>(key.mv_data), key.mv_size);
  }
  mdb_cursor_close(cursor);
  if (rc != MDB_NOTFOUND) return LmdbStatus(rc, "mdb_cursor_get");
  return names;
}

StatusOr<DbiStat> Env::Stat(Dbi dbi) {
  LMDDB_ASSIGN_OR_RETURN(ReadTxn read, BeginRead());
  return read.Stat(dbi);
}

EnvInfo Env::Info() {
  EnvInfo out;
  if (!CheckUsable().ok()) return out;
  // mdb_env_info() reads the meta pages inside the map.
  gate_.Enter();
  MDB_envinfo info;
  mdb_env_info(env_, &info);
  gate_.Leave();
  out.map_size = info.me_mapsize;
  out.last_page = info.me_last_pgno;
  out.page_size = page_size_;
  out.last_txn_id = info.me_last_txnid;
  out.max_readers = info.me_maxreaders;
  out.readers_used = info.me_numreaders;
  return out;
}

Status Env::Sync() {
  LMDDB_RETURN_IF_ERROR(CheckUsable());
  return LmdbStatus(mdb_env_sync(env_, 1), "mdb_env_sync");
}

}  // namespace lmddb::storage
