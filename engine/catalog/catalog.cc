#include "engine/catalog/catalog.h"

#include <cstring>

#include "absl/base/internal/endian.h"
#include "engine/catalog/catalog_codec.h"
#include "engine/common/status_macros.h"
#include "engine/common/strings.h"

namespace lmddb::catalog {
namespace {

constexpr std::string_view kDbName = "catalog";
constexpr std::string_view kFormatKey = "format";
constexpr std::string_view kGenerationKey = "generation";
constexpr std::string_view kNextIdKey = "next_table_id";
constexpr std::string_view kTablePrefix = "table/";

std::string TableKey(std::string_view name) { return StrCat(kTablePrefix, name); }
std::string SizeKey(uint64_t id) { return StrCat("size/", id); }

std::string EncodeU64(uint64_t v) {
  char buf[8];
  absl::big_endian::Store64(buf, v);
  return std::string(buf, 8);
}

uint64_t DecodeU64(std::optional<std::string_view> v) {
  if (!v || v->size() != 8) return 0;
  return absl::big_endian::Load64(v->data());
}

}  // namespace

StatusOr<std::unique_ptr<Catalog>> Catalog::Open(storage::Env* env) {
  storage::Dbi dbi;
  LMDDB_RETURN_IF_ERROR(env->Write([&](storage::WriteTxn& txn) -> Status {
    LMDDB_ASSIGN_OR_RETURN(dbi, env->OpenDbi(txn, kDbName, /*create=*/true));
    std::optional<std::string_view> format = txn.Get(dbi, kFormatKey);
    if (!format) {
      LMDDB_RETURN_IF_ERROR(txn.Put(dbi, kFormatKey, kFormatVersion));
      LMDDB_RETURN_IF_ERROR(txn.Put(dbi, kNextIdKey, EncodeU64(1)));
      return txn.Put(dbi, kGenerationKey, EncodeU64(1));
    }
    if (*format != kFormatVersion) {
      return Status::Internal(StrCat("Unsupported database format version ", *format,
                                     " (this build reads version ", kFormatVersion, ")"));
    }
    return Status::Ok();
  }));
  return std::unique_ptr<Catalog>(new Catalog(env, dbi));
}

StatusOr<std::shared_ptr<const Table>> Catalog::Find(const storage::ReadTxn& txn,
                                                     std::string_view name) {
  return FindIn([&](std::string_view key) { return txn.Get(dbi_, key); }, name,
                /*cacheable=*/true);
}

StatusOr<std::shared_ptr<const Table>> Catalog::Find(const storage::WriteTxn& txn,
                                                     std::string_view name) {
  // A write transaction sees its own uncommitted changes under a generation
  // number that, if it aborts, another commit reuses with other content: what
  // it finds is never cached. Entries cached from committed snapshots are
  // safe to use: the writer lock means no other commit shares its generation.
  return FindIn([&](std::string_view key) { return txn.Get(dbi_, key); }, name,
                /*cacheable=*/false);
}

StatusOr<std::shared_ptr<const Table>> Catalog::FindIn(Getter get, std::string_view name,
                                                       bool cacheable) {
  uint64_t generation = DecodeU64(get(kGenerationKey));
  {
    absl::MutexLock lock(&mu_);
    if (generation == cached_generation_) {
      auto it = cache_.find(ToAbsl(name));
      if (it != cache_.end()) return it->second;
    }
  }
  std::optional<std::string_view> record = get(TableKey(name));
  if (!record) return std::shared_ptr<const Table>();
  auto table = std::make_shared<Table>();
  LMDDB_ASSIGN_OR_RETURN(table->schema, DecodeTableRecord(*record));
  auto items = env_->FindDbi(table->schema.ItemsDbName());
  // An older snapshot can still hold the record of a table whose deletion
  // has committed since and released its database: the table is gone.
  if (!items.ok() && items.status().type() == ErrorType::kResourceNotFound) {
    return std::shared_ptr<const Table>();
  }
  if (!items.ok()) return items.status();
  table->items = *items;
  if (!cacheable) return std::shared_ptr<const Table>(std::move(table));
  absl::MutexLock lock(&mu_);
  if (generation > cached_generation_) {
    cache_.clear();
    cached_generation_ = generation;
  }
  // Only entries of the current generation are cached; an older snapshot's
  // view is returned without caching it.
  if (generation == cached_generation_) cache_[ToAbsl(name)] = table;
  return std::shared_ptr<const Table>(std::move(table));
}

Status Catalog::BumpGeneration(storage::WriteTxn& txn) {
  uint64_t generation = DecodeU64(txn.Get(dbi_, kGenerationKey));
  return txn.Put(dbi_, kGenerationKey, EncodeU64(generation + 1));
}

StatusOr<std::shared_ptr<const Table>> Catalog::Create(storage::WriteTxn& txn,
                                                       TableDescription description) {
  std::string key = TableKey(description.table_name);
  if (txn.Get(dbi_, key)) {
    return Status::ResourceInUse(StrCat("Table already exists: ", description.table_name));
  }
  uint64_t id = DecodeU64(txn.Get(dbi_, kNextIdKey));
  if (id == 0) return Status::Internal("Corrupt catalog: next_table_id missing");
  LMDDB_RETURN_IF_ERROR(txn.Put(dbi_, kNextIdKey, EncodeU64(id + 1)));
  auto table = std::make_shared<Table>();
  table->schema = MakeTableSchema(id, std::move(description));
  LMDDB_RETURN_IF_ERROR(txn.Put(dbi_, key, EncodeTableRecord(table->schema)));
  LMDDB_ASSIGN_OR_RETURN(table->items,
                         env_->OpenDbi(txn, table->schema.ItemsDbName(), /*create=*/true));
  LMDDB_RETURN_IF_ERROR(BumpGeneration(txn));
  return std::shared_ptr<const Table>(std::move(table));
}

Status Catalog::Drop(storage::WriteTxn& txn, const Table& table) {
  LMDDB_RETURN_IF_ERROR(env_->DropDbi(txn, table.items));
  LMDDB_RETURN_IF_ERROR(txn.Delete(dbi_, TableKey(table.schema.name())));
  LMDDB_RETURN_IF_ERROR(txn.Delete(dbi_, SizeKey(table.schema.id)));
  return BumpGeneration(txn);
}

std::vector<std::string> Catalog::ListNames(storage::ReadTxn& txn,
                                            const std::optional<std::string>& exclusive_start,
                                            size_t limit) {
  std::vector<std::string> names;
  auto cursor = txn.OpenCursor(dbi_);
  if (!cursor.ok()) return names;
  std::string start = TableKey(exclusive_start.value_or(""));
  bool valid = cursor->Seek(start);
  if (valid && exclusive_start && cursor->Key() == start) valid = cursor->Next();
  for (; valid && names.size() < limit; valid = cursor->Next()) {
    std::string_view key = cursor->Key();
    if (key.substr(0, kTablePrefix.size()) != kTablePrefix) break;
    names.emplace_back(key.substr(kTablePrefix.size()));
  }
  return names;
}

Status Catalog::AddTableSize(storage::WriteTxn& txn, uint64_t id, int64_t delta) {
  if (delta == 0) return Status::Ok();
  std::string key = SizeKey(id);
  int64_t size = static_cast<int64_t>(DecodeU64(txn.Get(dbi_, key))) + delta;
  return txn.Put(dbi_, key, EncodeU64(static_cast<uint64_t>(size)));
}

int64_t Catalog::TableSize(const storage::ReadTxn& txn, uint64_t id) {
  return static_cast<int64_t>(DecodeU64(txn.Get(dbi_, SizeKey(id))));
}

}  // namespace lmddb::catalog
