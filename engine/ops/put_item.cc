// PutItem: validates the item and compiles the ConditionExpression, then in
// one write transaction reads the old item (for the condition, ReturnValues,
// capacity and table statistics) and replaces it (item_write.h).
#include "engine/common/status_macros.h"
#include "engine/ops/capacity.h"
#include "engine/ops/item_write.h"
#include "engine/ops/operations.h"
#include "engine/ops/return_values.h"
#include "engine/ops/table_lookup.h"

namespace lmddb::ops {

StatusOr<PutItemResult> PutItem(Engine& engine, const PutItemRequest& request) {
  // Everything that does not depend on the stored state is prepared before
  // the write transaction, which holds LMDB's writer lock.
  LMDDB_ASSIGN_OR_RETURN(PreparedItemWrite write, PreparePut(request));
  LMDDB_RETURN_IF_ERROR(ValidateNoneOrAllOld(request.return_values));
  ItemWriteOptions options;
  options.want_old_item = WantsAllOld(request.return_values);

  PutItemResult result;
  CapacityTally capacity(request.return_consumed_capacity, CapacityKind::kWrite);
  LMDDB_RETURN_IF_ERROR(engine.Write([&](storage::WriteTxn& txn) -> Status {
    result = PutItemResult();  // Write() may run this more than once
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
