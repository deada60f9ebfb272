#include "engine/ops/table_lookup.h"

#include "engine/common/status_macros.h"
#include "engine/common/strings.h"

namespace lmddb::ops {

Status TableNotFound(std::string_view name) {
  return Status::ResourceNotFound(StrCat("Requested resource not found: Table: ", name, " not found"));
}

StatusOr<TableSnapshot> BeginReadOfTable(Engine& engine, std::string_view name) {
  TableSnapshot snapshot;
  for (int attempt = 0; attempt < 3; ++attempt) {
    LMDDB_ASSIGN_OR_RETURN(snapshot.txn, engine.env().BeginRead());
    LMDDB_ASSIGN_OR_RETURN(snapshot.table, engine.catalog().Find(snapshot.txn, name));
    if (snapshot.table == nullptr || snapshot.txn.Sees(snapshot.table->items)) return snapshot;
    // Either the snapshot began before this process opened the table's
    // database (a newer snapshot sees it), or a DeleteTable committed since
    // the snapshot began (then the table is gone).
    snapshot.txn.Release();
  }
  snapshot.table = nullptr;  // deleted while we looked
  return snapshot;
}

TableDescription DescribeLive(Engine& engine, storage::ReadTxn& txn, const catalog::Table& table) {
  TableDescription d = table.schema.description;
  auto stat = txn.Stat(table.items);
  d.item_count = stat.ok() ? static_cast<int64_t>(stat->entries) : 0;
  d.table_size_bytes = engine.catalog().TableSize(txn, table.schema.id);
  return d;
}

}  // namespace lmddb::ops
