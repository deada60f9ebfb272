// Env (env.h): opening, transactions and map growth. Named databases are in
// env_dbi.cc.
#include "engine/storage/env.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/strings/str_format.h"
#include "engine/common/status_macros.h"
#include "engine/storage/lmdb_status.h"

namespace lmddb::storage {
namespace {

// How long map growth, or adopting a map grown by another process, waits for
// this process's open transactions to end (env.h, "Map growth").
constexpr absl::Duration kExclusiveWait = absl::Seconds(10);
// How long a Write() that dropped databases waits to release their names.
// Shorter: nothing fails when it gives up, a later Write() finishes the job.
constexpr absl::Duration kDropReleaseWait = absl::Seconds(1);
// Each growth doubles the map, so this bounds retries far above need.
constexpr int kMaxWriteAttempts = 64;
// Retries of a transaction start that met MDB_MAP_RESIZED / MDB_READERS_FULL.
constexpr int kMaxBeginAttempts = 16;
// A write that failed with EIO while the filesystem has less than this free
// most likely ran out of space.
constexpr uint64_t kNearlyFullBytes = uint64_t{1} << 20;
// Idle read transactions kept for renewal. Each holds a reader slot, which
// all processes share (EnvOptions::max_readers), so keep only a few.
constexpr size_t kMaxPooledReadTxns = 64;

size_t RoundUp(size_t n, size_t unit) { return (n + unit - 1) / unit * unit; }

Status Busy(std::string_view why) {
  return Status::Internal(absl::StrFormat(
      "Storage error: %s, but transactions of this process stayed open for %s",
      why, absl::FormatDuration(kExclusiveWait)));
}

// A shared gate entry released on every path out of a scope.
class GateEntry {
 public:
  explicit GateEntry(internal::TxnGate& gate) : gate_(&gate) { gate.Enter(); }
  ~GateEntry() { Leave(); }
  GateEntry(const GateEntry&) = delete;
  GateEntry& operator=(const GateEntry&) = delete;

  void Leave() {
    if (gate_ != nullptr) std::exchange(gate_, nullptr)->Leave();
  }

 private:
  internal::TxnGate* gate_;
};

// The directories this process has open. lmdb.h, "Caveats": "Do not have
// open an LMDB database twice in the same process at the same time. Not even
// from a plain open() call - close()ing it breaks flock() advisory locking."
// Keyed by the directory's device and inode; the pid lets a fork()ed child
// ignore its parent's entries (it must not use the parent's Env anyway).
struct OpenDirectories {
  absl::Mutex mu;
  std::map<std::pair<dev_t, ino_t>, pid_t> owners ABSL_GUARDED_BY(mu);
};

OpenDirectories& Directories() {
  static OpenDirectories* const directories = new OpenDirectories;
  return *directories;
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
  struct stat st;
  if (stat(dir.c_str(), &st) != 0) return LmdbStatus(errno, "stat(" + dir + ")");
  std::unique_ptr<Env> env(new Env(dir, options));
  {
    OpenDirectories& directories = Directories();
    absl::MutexLock lock(&directories.mu);
    auto [it, inserted] = directories.owners.try_emplace({st.st_dev, st.st_ino}, getpid());
    if (!inserted && it->second == getpid()) {
      return Status::Internal(absl::StrFormat(
          "Storage error: '%s' is already open in this process; share its Env", dir));
    }
    it->second = getpid();
    env->directory_ = it->first;
    env->registered_ = true;
  }
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
  LMDDB_RETURN_IF_ERROR(PreallocateLockFile());
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

  return OpenExistingDbis();
}

Status Env::OpenExistingDbis() {
  // LMDB gives each transaction the table of handles that exist when it
  // starts: a handle opened later is unusable in read transactions already
  // open (mdb_get() says EINVAL). Opening every database in the file now,
  // before this process has any transaction, makes them usable in every
  // snapshot. Databases created later by this process are opened by their
  // creator, before any snapshot can contain them; only those created by
  // another process are opened on first use (FindDbi). No transaction of this
  // process is open, so mdb_dbi_open() is allowed here.
  MDB_txn* txn = nullptr;
  int rc = mdb_txn_begin(env_, nullptr, MDB_RDONLY, &txn);
  if (rc != MDB_SUCCESS) return LmdbStatus(rc, "mdb_txn_begin");
  // The unnamed database: its keys are the names of the named ones.
  rc = mdb_dbi_open(txn, nullptr, 0, &main_dbi_);
  MDB_cursor* cursor = nullptr;
  if (rc == MDB_SUCCESS) rc = mdb_cursor_open(txn, main_dbi_, &cursor);
  if (rc != MDB_SUCCESS) {
    mdb_txn_abort(txn);
    return LmdbStatus(rc, "mdb_dbi_open");
  }
  std::vector<std::pair<std::string, MDB_dbi>> opened;
  MDB_val key{0, nullptr};
  MDB_val value{0, nullptr};
  for (rc = mdb_cursor_get(cursor, &key, &value, MDB_FIRST); rc == MDB_SUCCESS;
       rc = mdb_cursor_get(cursor, &key, &value, MDB_NEXT)) {
    std::string name(static_cast<const char*>(key.mv_data), key.mv_size);
    if (name.empty() || name.find('\0') != std::string::npos) continue;
    MDB_dbi handle = 0;
    const int open_rc = mdb_dbi_open(txn, name.c_str(), 0, &handle);
    if (open_rc == MDB_DBS_FULL) break;  // the rest fail clearly on first use
    if (open_rc == MDB_SUCCESS) opened.emplace_back(std::move(name), handle);
  }
  mdb_cursor_close(cursor);
  // lmdb.h, mdb_dbi_open(): "After a successful commit the handle will reside
  // in the shared environment". A read-only commit does that and releases
  // the reader slot.
  if ((rc = mdb_txn_commit(txn)) != MDB_SUCCESS) return LmdbStatus(rc, "mdb_txn_commit");
  absl::MutexLock lock(&dbi_mu_);
  for (auto& [name, handle] : opened) {
    dbis_.try_emplace(std::move(name), NamedDbi{Dbi{handle, Generation(handle)}, DbiState::kLive, 0});
  }
  return Status::Ok();
}

Env::~Env() {
  if (registered_) {
    OpenDirectories& directories = Directories();
    absl::MutexLock lock(&directories.mu);
    auto it = directories.owners.find(directory_);
    if (it != directories.owners.end() && it->second == getpid()) directories.owners.erase(it);
  }
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

Status Env::PreallocateLockFile() const {
  // LMDB sizes a new lock file with ftruncate() and maps it shared; on a full
  // filesystem the first store into that sparse mapping raises SIGBUS inside
  // mdb_env_open(). Allocating the file first turns that into an error. Only a
  // new (empty) file is touched: LMDB derives the reader table's size from the
  // file's, so growing a lock file in use would break other processes.
  const std::string path = dir_ + "/lock.mdb";
  const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Status::Ok();  // mdb_env_open() reports it
  Status status;
  struct stat st;
  if (fstat(fd, &st) == 0 && st.st_size == 0) {
    // The size LMDB 0.9 gives it (mdb.c, mdb_env_setup_locks()): 64-byte
    // reader slots after a 192-byte header holding the first one. Were this
    // smaller, LMDB would extend the file; were it larger, LMDB would derive
    // a few more reader slots from it. Either is safe.
    const off_t size = off_t{64} * options_.max_readers + 128;
    // fallocate(2), not posix_fallocate(3), whose fallback writes zeros.
    if (fallocate(fd, 0, 0, size) != 0 && (errno == ENOSPC || errno == EDQUOT)) {
      status = LmdbStatus(errno, "creating " + path);
      if (ftruncate(fd, 0) != 0) {
        // Best effort: a later open retries while the file is still empty.
      }
    }
  }
  close(fd);
  return status;
}

Status Env::WriteError(int rc, std::string_view what) const {
  if (rc == EIO) {
    // mdb_page_flush() turns a short write into EIO ("short write,
    // filesystem full?"), which is how a disk that fills up mid-commit shows.
    struct statvfs fs;
    if (statvfs(dir_.c_str(), &fs) == 0) {
      const uint64_t free_bytes = uint64_t{fs.f_bavail} * fs.f_frsize;
      if (free_bytes < kNearlyFullBytes) {
        return StorageFull(absl::StrFormat("%s: no space left on the device of '%s' (%d bytes free)",
                                           what, dir_, free_bytes));
      }
    }
  }
  return LmdbStatus(rc, what);
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

void Env::EnterGate() {
  if (WriteTxn* active = WriteTxn::Current(); active != nullptr && active->env_ == this) {
    gate_.EnterAgain();
  } else {
    gate_.Enter();
  }
}

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
    EnterGate();
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
  if (WriteTxn* active = WriteTxn::Current(); active != nullptr && active->env_ == this) {
    // A second mdb_txn_begin() on this thread would wait for LMDB's writer
    // lock, which this thread holds.
    return Status::Internal(
        "Storage error: Env::Write called inside a write transaction; use WriteTxn::Nested");
  }
  for (int attempt = 0; attempt < kMaxWriteAttempts; ++attempt) {
    LMDDB_RETURN_IF_ERROR(CheckUsable());
    GateEntry entry(gate_);
    const size_t map_size = map_size_.load();
    MDB_txn* raw = nullptr;
    int rc = mdb_txn_begin(env_, nullptr, 0, &raw);
    if (rc != MDB_SUCCESS) {
      entry.Leave();
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
      {
        WriteTxn::ScopedCurrent current(&txn);
        status = fn(txn);
      }
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
            status = WriteError(rc, "mdb_txn_commit");
          }
        } else if (!txn.effects_.empty()) {
          PublishOpens(txn.effects_, seq);
        }
      }
    }
    // Before anything exclusive below, and after publishing: an exclusive
    // section never sees a committed transaction whose effects are pending.
    entry.Leave();

    if (grow) {
      LMDDB_RETURN_IF_ERROR(GrowMap(map_size));
      continue;
    }
    if (dropped) {
      CloseDroppedDbis(kDropReleaseWait);
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

StatusOr<DbiStat> Env::Stat(Dbi dbi) {
  LMDDB_ASSIGN_OR_RETURN(ReadTxn read, BeginRead());
  return read.Stat(dbi);
}

EnvInfo Env::Info() {
  EnvInfo out;
  if (!CheckUsable().ok()) return out;
  // mdb_env_info() reads the meta pages inside the map.
  EnterGate();
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
