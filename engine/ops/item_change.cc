#include "engine/ops/item_change.h"

#include "engine/common/status_macros.h"

namespace lmddb::ops {

Status ApplyItemChange(catalog::Catalog& catalog, storage::WriteTxn& txn,
                       const catalog::Table& table, const ItemChange& change) {
  int64_t old_size = change.old_item ? static_cast<int64_t>(change.old_item->size) : 0;
  if (change.new_record) {
    LMDDB_RETURN_IF_ERROR(txn.Put(table.items, change.key, *change.new_record));
  } else if (change.old_item) {
    LMDDB_RETURN_IF_ERROR(txn.Delete(table.items, change.key));
  } else {
    return Status::Ok();  // deleting a missing item changes nothing
  }
  int64_t new_size = change.new_record ? static_cast<int64_t>(change.new_size) : 0;
  return catalog.AddTableSize(txn, table.schema.id, new_size - old_size);
}

}  // namespace lmddb::ops
