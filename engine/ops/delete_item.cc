// DeleteItem: removes the item with the key, if any, when the
// ConditionExpression (if any) holds. Deleting a missing item succeeds and
// writes nothing.
#include "engine/catalog/create_table_validation.h"
#include "engine/common/status_macros.h"
#include "engine/ops/item_change.h"
#include "engine/ops/key_validation.h"
#include "engine/ops/operations.h"
#include "engine/ops/request_expressions.h"
#include "engine/ops/return_values.h"
#include "engine/ops/table_lookup.h"
#include "engine/value/item_codec.h"

namespace lmddb::ops {

StatusOr<DeleteItemResult> DeleteItem(Engine& engine, const DeleteItemRequest& request) {
  LMDDB_RETURN_IF_ERROR(catalog::ValidateTableName(request.table_name));
  LMDDB_RETURN_IF_ERROR(ValidateKeyValues(request.key));
  LMDDB_ASSIGN_OR_RETURN(WriteExpressions expressions, CompileWriteExpressions(request));
  LMDDB_RETURN_IF_ERROR(ValidateNoneOrAllOld(request.return_values));

  DeleteItemResult result;
  LMDDB_RETURN_IF_ERROR(engine.Write([&](storage::WriteTxn& txn) -> Status {
    result = DeleteItemResult();
    LMDDB_ASSIGN_OR_RETURN(auto table, FindTable(engine, txn, request.table_name));
    LMDDB_RETURN_IF_ERROR(ValidateKeyParameter(table->schema, request.key));
    LMDDB_ASSIGN_OR_RETURN(WriteTarget target,
                           ReadWriteTarget(txn, *table, request.key, /*for_write=*/false,
                                           expressions.condition,
                                           request.return_values_on_condition_check_failure));
    if (!target.old) return Status::Ok();
    if (WantsAllOld(request.return_values)) {
      LMDDB_ASSIGN_OR_RETURN(result.attributes, value::DecodeItem(target.old->encoded));
    }
    return ApplyItemChange(engine.catalog(), txn, *table,
                           ItemChange{target.lmdb_key, target.old, {}, 0});
  }));
  return result;
}

}  // namespace lmddb::ops
