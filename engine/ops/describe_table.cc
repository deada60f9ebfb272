// DescribeTable: the stored description with live ItemCount and
// TableSizeBytes (DynamoDB refreshes these about every six hours; here they
// are exact as of the read snapshot).
#include "engine/catalog/create_table_validation.h"
#include "engine/common/status_macros.h"
#include "engine/ops/operations.h"
#include "engine/ops/table_lookup.h"

namespace lmddb::ops {

StatusOr<DescribeTableResult> DescribeTable(Engine& engine, const DescribeTableRequest& request) {
  LMDDB_RETURN_IF_ERROR(catalog::ValidateTableName(request.table_name));
  LMDDB_ASSIGN_OR_RETURN(TableSnapshot snapshot, BeginReadOfTable(engine, request.table_name));
  if (snapshot.table == nullptr) return TableNotFound(request.table_name);
  return DescribeTableResult{DescribeLive(engine, snapshot.txn, *snapshot.table)};
}

}  // namespace lmddb::ops
