#include "engine/ops/table_lookup.h"

#include "engine/common/status_macros.h"
#include "engine/common/strings.h"

namespace lmddb::ops {

Status TableNotFound(std::string_view name) {
  return Status::ResourceNotFound(StrCat("Requested resource not found: Table: ", name, " not found"));
}

StatusOr<TableSnapshot> BeginReadOfTable(Engine& engine, std::string_view name) {
  TableSnapshot snapshot;
  for (int attempt = 0; attempt < 2; ++attempt) {
    LMDDB_ASSIGN_OR_RETURN(snapshot.txn, engine.env().BeginRead());
    LMDDB_ASSIGN_OR_RETURN(snapshot.table, engine.catalog().Find(snapshot.txn, name));
    if (snapshot.table == nullptr || snapshot.txn.Sees(snapshot.table->items)) return snapshot;
    snapshot.txn.Release();  // began before the handle was opened; the next one sees it
  }
  return Status::Internal(StrCat("Storage: the database of table ", name, " is not readable"));
}

TableDescription DescribeLive(Engine& engine, storage::ReadTxn& txn, const catalog::Table& table) {
  TableDescription d = table.schema.description;
  auto stat = txn.Stat(table.items);
  d.item_count = stat.ok() ? static_cast<int64_t>(stat->entries) : 0;
  d.table_size_bytes = engine.catalog().TableSize(txn, table.schema.id);
  return d;
}

}  // namespace lmddb::ops
