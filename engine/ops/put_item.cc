// PutItem: validates the item and compiles the ConditionExpression, then in
// one write transaction reads the old item (for the condition, ReturnValues
// and table statistics) and replaces it.
#include "engine/catalog/create_table_validation.h"
#include "engine/common/status_macros.h"
#include "engine/ops/item_change.h"
#include "engine/ops/key_validation.h"
#include "engine/ops/operations.h"
#include "engine/ops/request_expressions.h"
#include "engine/ops/return_values.h"
#include "engine/ops/table_lookup.h"
#include "engine/value/item_codec.h"
#include "engine/value/validate.h"

namespace lmddb::ops {

StatusOr<PutItemResult> PutItem(Engine& engine, const PutItemRequest& request) {
  LMDDB_RETURN_IF_ERROR(catalog::ValidateTableName(request.table_name));
  LMDDB_ASSIGN_OR_RETURN(size_t size, value::ValidateItem(request.item));
  LMDDB_ASSIGN_OR_RETURN(WriteExpressions expressions, CompileWriteExpressions(request));
  LMDDB_RETURN_IF_ERROR(ValidateNoneOrAllOld(request.return_values));

  // Everything that does not depend on the stored state is prepared before
  // the write transaction, which holds LMDB's writer lock.
  std::string record;
  value::AppendItemRecord(request.item, size, &record);

  PutItemResult result;
  LMDDB_RETURN_IF_ERROR(engine.Write([&](storage::WriteTxn& txn) -> Status {
    result = PutItemResult();  // Write() may run this more than once
    LMDDB_ASSIGN_OR_RETURN(auto table, FindTable(engine, txn, request.table_name));
    LMDDB_RETURN_IF_ERROR(ValidateItemKeyAttributes(table->schema, request.item));
    LMDDB_ASSIGN_OR_RETURN(WriteTarget target,
                           ReadWriteTarget(txn, *table, request.item, /*for_write=*/true,
                                           expressions.condition,
                                           request.return_values_on_condition_check_failure));
    if (target.old && WantsAllOld(request.return_values)) {
      LMDDB_ASSIGN_OR_RETURN(result.attributes, value::DecodeItem(target.old->encoded));
    }
    return ApplyItemChange(engine.catalog(), txn, *table,
                           ItemChange{target.lmdb_key, target.old, record, size});
  }));
  return result;
}

}  // namespace lmddb::ops
