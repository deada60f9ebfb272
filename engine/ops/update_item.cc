// UpdateItem: compiles the UpdateExpression and ConditionExpression once,
// then in one write transaction reads the stored item, checks the
// condition, applies the update to a decoded copy (or to the key alone when
// no item exists: UpdateItem creates it, unless the update only removes),
// validates and writes the result (item_write.h).
#include <utility>

#include "engine/common/status_macros.h"
#include "engine/expr/projection.h"
#include "engine/ops/capacity.h"
#include "engine/ops/item_write.h"
#include "engine/ops/operations.h"
#include "engine/ops/table_lookup.h"

namespace lmddb::ops {
namespace {

// ReturnValues: the attributes to return, absent when there are none.
std::optional<Item> ReturnedAttributes(ReturnValue rv, const std::optional<Item>& old_item,
                                       const std::optional<Item>& new_item,
                                       const std::vector<expr::DocumentPath>& updated) {
  Item out;
  switch (rv) {
    case ReturnValue::kNone: return std::nullopt;
    case ReturnValue::kAllOld:
      if (!old_item) return std::nullopt;
      out = *old_item;
      break;
    case ReturnValue::kAllNew:
      if (!new_item) return std::nullopt;
      out = *new_item;
      break;
    case ReturnValue::kUpdatedOld:
      if (!old_item) return std::nullopt;
      out = expr::Project(updated, *old_item);
      break;
    case ReturnValue::kUpdatedNew:
      if (!new_item) return std::nullopt;
      out = expr::Project(updated, *new_item);
      break;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace

StatusOr<UpdateItemResult> UpdateItem(Engine& engine, const UpdateItemRequest& request) {
  LMDDB_ASSIGN_OR_RETURN(PreparedItemWrite write, PrepareUpdate(request));
  const ReturnValue return_values = request.return_values.value_or(ReturnValue::kNone);
  ItemWriteOptions options;
  options.want_old_item =
      return_values == ReturnValue::kAllOld || return_values == ReturnValue::kUpdatedOld;
  options.want_new_item =
      return_values == ReturnValue::kAllNew || return_values == ReturnValue::kUpdatedNew;

  UpdateItemResult result;
  CapacityTally capacity(request.return_consumed_capacity, CapacityKind::kWrite);
  LMDDB_RETURN_IF_ERROR(engine.Write([&](storage::WriteTxn& txn) -> Status {
    result = UpdateItemResult();  // Write() may run this more than once
    LMDDB_ASSIGN_OR_RETURN(auto table, FindTable(engine, txn, request.table_name));
    LMDDB_RETURN_IF_ERROR(ValidateItemWriteKey(table->schema, write));
    LMDDB_ASSIGN_OR_RETURN(ItemWriteOutcome outcome,
                           RunItemWrite(engine, txn, *table, write, options));
    result.attributes = ReturnedAttributes(return_values, outcome.old_item, outcome.new_item,
                                           write.updated_paths);
    capacity = CapacityTally(request.return_consumed_capacity, CapacityKind::kWrite);
    capacity.Add(request.table_name, outcome.WriteCapacityUnits());
    return Status::Ok();
  }));
  result.consumed_capacity = capacity.ForTable(request.table_name);
  return result;
}

}  // namespace lmddb::ops
