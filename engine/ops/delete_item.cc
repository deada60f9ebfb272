// DeleteItem: removes the item with the key, if any, when the
// ConditionExpression (if any) holds (item_write.h). Deleting a missing item
// succeeds, writes nothing and still costs one write unit.
#include "engine/common/status_macros.h"
#include "engine/ops/capacity.h"
#include "engine/ops/item_write.h"
#include "engine/ops/operations.h"
#include "engine/ops/return_values.h"
#include "engine/ops/table_lookup.h"

namespace lmddb::ops {

StatusOr<DeleteItemResult> DeleteItem(Engine& engine, const DeleteItemRequest& request) {
  LMDDB_ASSIGN_OR_RETURN(PreparedItemWrite write, PrepareDelete(request));
  LMDDB_RETURN_IF_ERROR(ValidateNoneOrAllOld(request.return_values));
  ItemWriteOptions options;
  options.want_old_item = WantsAllOld(request.return_values);

  DeleteItemResult result;
  CapacityTally capacity(request.return_consumed_capacity, CapacityKind::kWrite);
  LMDDB_RETURN_IF_ERROR(engine.Write([&](storage::WriteTxn& txn) -> Status {
    result = DeleteItemResult();  // Write() may run this more than once
    LMDDB_ASSIGN_OR_RETURN(auto table, FindTable(engine, txn, request.table_name));
    LMDDB_RETURN_IF_ERROR(ValidateItemWriteKey(table->schema, write));
    LMDDB_ASSIGN_OR_RETURN(ItemWriteOutcome outcome,
                           RunItemWrite(engine, txn, *table, write, options));
    result.attributes = std::move(outcome.old_item);
    capacity = CapacityTally(request.return_consumed_capacity, CapacityKind::kWrite);
    capacity.Add(request.table_name, outcome.WriteCapacityUnits());
    return Status::Ok();
  }));
  result.consumed_capacity = capacity.ForTable(request.table_name);
  return result;
}

}  // namespace lmddb::ops
