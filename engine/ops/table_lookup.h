// Shared steps of the operations that name a table: finding it with
// DynamoDB's not-found errors, and describing it with live statistics.
#ifndef LMDDB_ENGINE_OPS_TABLE_LOOKUP_H_
#define LMDDB_ENGINE_OPS_TABLE_LOOKUP_H_

#include <memory>
#include <string_view>

#include "engine/catalog/catalog.h"
#include "engine/ops/engine.h"

namespace lmddb::ops {

// For data-plane operations: ResourceNotFoundException
// "Requested resource not found" when the table does not exist.
template <typename Txn>
StatusOr<std::shared_ptr<const catalog::Table>> FindTable(Engine& engine, const Txn& txn,
                                                          std::string_view name) {
  auto table = engine.catalog().Find(txn, name);
  if (table.ok() && *table == nullptr) {
    return Status::ResourceNotFound("Requested resource not found");
  }
  return table;
}

// A read snapshot and the table `name` in it (null when the table does not
// exist in the snapshot). When the table's database was opened in this
// process only after the first snapshot began, a second snapshot is taken,
// so that the table is always readable through `txn`.
struct TableSnapshot {
  storage::ReadTxn txn;
  std::shared_ptr<const catalog::Table> table;
};
StatusOr<TableSnapshot> BeginReadOfTable(Engine& engine, std::string_view name);

// For control-plane operations, which name the table in the message:
// "Requested resource not found: Table: <name> not found".
Status TableNotFound(std::string_view name);

// The table's description with ItemCount and TableSizeBytes as of `txn`.
TableDescription DescribeLive(Engine& engine, storage::ReadTxn& txn, const catalog::Table& table);

}  // namespace lmddb::ops

#endif  // LMDDB_ENGINE_OPS_TABLE_LOOKUP_H_
