#include "engine/ops/table_lookup.h"

#include "engine/common/strings.h"

namespace lmddb::ops {

Status TableNotFound(std::string_view name) {
  return Status::ResourceNotFound(StrCat("Requested resource not found: Table: ", name, " not found"));
}

TableDescription DescribeLive(Engine& engine, storage::ReadTxn& txn, const catalog::Table& table) {
  TableDescription d = table.schema.description;
  auto stat = txn.Stat(table.items);
  d.item_count = stat.ok() ? static_cast<int64_t>(stat->entries) : 0;
  d.table_size_bytes = engine.catalog().TableSize(txn, table.schema.id);
  return d;
}

}  // namespace lmddb::ops
