// ListTables: table names in byte order, paged by ExclusiveStartTableName.
#include "engine/common/constraint_errors.h"
#include "engine/common/status_macros.h"
#include "engine/ops/operations.h"

namespace lmddb::ops {

StatusOr<ListTablesResult> ListTables(Engine& engine, const ListTablesRequest& request) {
  constexpr int64_t kMaxLimit = 100;
  ConstraintErrors errors;
  if (request.exclusive_start_table_name) {
    errors.CheckName(*request.exclusive_start_table_name, "exclusiveStartTableName", 3, 255);
  }
  if (request.limit) {
    errors.CheckMinimum(*request.limit, "limit", 1);
    errors.CheckMaximum(*request.limit, "limit", kMaxLimit);
  }
  LMDDB_RETURN_IF_ERROR(errors.ToStatus());

  size_t limit = static_cast<size_t>(request.limit.value_or(kMaxLimit));
  LMDDB_ASSIGN_OR_RETURN(storage::ReadTxn txn, engine.env().BeginRead());
  // One name more than the page tells whether another page exists.
  std::vector<std::string> names =
      engine.catalog().ListNames(txn, request.exclusive_start_table_name, limit + 1);
  ListTablesResult result;
  if (names.size() > limit) {
    names.pop_back();
    result.last_evaluated_table_name = names.back();
  }
  result.table_names = std::move(names);
  return result;
}

}  // namespace lmddb::ops
