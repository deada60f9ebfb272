// DeleteTable: removes the table and frees its storage in one transaction.
// The answer describes the table as it was, with status DELETING.
#include "engine/catalog/create_table_validation.h"
#include "engine/common/status_macros.h"
#include "engine/ops/operations.h"
#include "engine/ops/table_lookup.h"

namespace lmddb::ops {

StatusOr<DeleteTableResult> DeleteTable(Engine& engine, const DeleteTableRequest& request) {
  LMDDB_RETURN_IF_ERROR(catalog::ValidateTableName(request.table_name));
  DeleteTableResult result;
  {
    LMDDB_ASSIGN_OR_RETURN(TableSnapshot snapshot, BeginReadOfTable(engine, request.table_name));
    if (snapshot.table == nullptr) return TableNotFound(request.table_name);
    result.table_description = DescribeLive(engine, snapshot.txn, *snapshot.table);
  }  // the snapshot must end before the drop, which waits for open transactions
  LMDDB_RETURN_IF_ERROR(engine.Write([&](storage::WriteTxn& txn) -> Status {
    LMDDB_ASSIGN_OR_RETURN(std::shared_ptr<const catalog::Table> table,
                           engine.catalog().Find(txn, request.table_name));
    if (table == nullptr) return TableNotFound(request.table_name);  // deleted meanwhile
    return engine.catalog().Drop(txn, *table);
  }));
  result.table_description.table_status = TableStatus::kDeleting;
  return result;
}

}  // namespace lmddb::ops
