// Env's named databases (env.h, "Named databases"): opening, dropping, the
// handle cache, and releasing dropped names.
#include <lmdb.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "engine/common/status_macros.h"
#include "engine/storage/env.h"
#include "engine/storage/lmdb_status.h"

namespace lmddb::storage {
namespace {

// Whether effects[i] is the newest effect on its name.
bool IsFinal(const std::vector<internal::DbiEffect>& effects, size_t i) {
  for (size_t j = i + 1; j < effects.size(); ++j) {
    if (effects[j].name == effects[i].name) return false;
  }
  return true;
}

}  // namespace

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
  if (WriteTxn* active = WriteTxn::Current(); active != nullptr && active->env_ == this) {
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

}  // namespace lmddb::storage
