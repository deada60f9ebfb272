// Catalog: the tables of a database, persisted in the LMDB database
// "catalog", with an in-memory cache of decoded schemas.
//
// Keys of the catalog database:
//   "format"          format version of the whole environment ("1")
//   "generation"      uint64, bumped by every CreateTable/DeleteTable
//   "next_table_id"   uint64, the id the next table gets (ids are never reused)
//   "table/<name>"    the table's record (catalog_codec.h)
//   "size/<id>"       int64 TableSizeBytes of table <id>, kept by every write
//
// The cache is keyed by generation: a lookup reads "generation" in the
// caller's snapshot and uses cached entries only when they belong to the
// same generation, so tables created or deleted by another process (or in
// the caller's own write transaction) are always seen correctly.
//
// Thread safety: all methods are thread-safe.
#ifndef LMDDB_ENGINE_CATALOG_CATALOG_H_
#define LMDDB_ENGINE_CATALOG_CATALOG_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/synchronization/mutex.h"
#include "engine/catalog/table_schema.h"
#include "engine/storage/env.h"
#include "lmddb/status.hpp"

namespace lmddb::catalog {

// A table as the data path uses it: its schema and its LMDB databases.
struct Table {
  TableSchema schema;
  storage::Dbi items;
};

class Catalog {
 public:
  static constexpr std::string_view kFormatVersion = "1";

  // Opens the catalog of `env`, creating it in a new environment.
  // Errors: Internal when the environment has an unknown format version.
  static StatusOr<std::unique_ptr<Catalog>> Open(storage::Env* env);

  // The table `name` in the snapshot of `txn`; nullptr when there is none.
  StatusOr<std::shared_ptr<const Table>> Find(const storage::ReadTxn& txn, std::string_view name);
  StatusOr<std::shared_ptr<const Table>> Find(const storage::WriteTxn& txn, std::string_view name);

  // Adds a table; assigns its id and creates its databases.
  // Errors: ResourceInUse "Table already exists: <name>".
  StatusOr<std::shared_ptr<const Table>> Create(storage::WriteTxn& txn,
                                                TableDescription description);

  // Removes the table and frees all its storage.
  Status Drop(storage::WriteTxn& txn, const Table& table);

  // Up to `limit` table names after `exclusive_start` (all when absent), in
  // byte order.
  std::vector<std::string> ListNames(storage::ReadTxn& txn,
                                     const std::optional<std::string>& exclusive_start,
                                     size_t limit);

  // TableSizeBytes bookkeeping: adds `delta` to table `id`'s size.
  Status AddTableSize(storage::WriteTxn& txn, uint64_t id, int64_t delta);
  int64_t TableSize(const storage::ReadTxn& txn, uint64_t id);

 private:
  using Getter = absl::FunctionRef<std::optional<std::string_view>(std::string_view)>;

  Catalog(storage::Env* env, storage::Dbi dbi) : env_(env), dbi_(dbi) {}
  // Looks `name` up through `get`; stores what it finds in the cache only
  // when `cacheable` (committed snapshots).
  StatusOr<std::shared_ptr<const Table>> FindIn(Getter get, std::string_view name,
                                                bool cacheable);
  Status BumpGeneration(storage::WriteTxn& txn);

  storage::Env* env_;
  storage::Dbi dbi_;
  absl::Mutex mu_;
  uint64_t cached_generation_ ABSL_GUARDED_BY(mu_) = 0;
  absl::flat_hash_map<std::string, std::shared_ptr<const Table>> cache_ ABSL_GUARDED_BY(mu_);
};

}  // namespace lmddb::catalog

#endif  // LMDDB_ENGINE_CATALOG_CATALOG_H_
