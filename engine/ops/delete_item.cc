// DeleteItem: removes the item with the key, if any, when the
// ConditionExpression (if any) holds. Deleting a missing item succeeds and
// writes nothing.
#include "engine/catalog/create_table_validation.h"
#include "engine/common/status_macros.h"
#include "engine/ops/item_change.h"
#include "engine/ops/item_key.h"
#include "engine/ops/operations.h"
#include "engine/ops/request_expressions.h"
#include "engine/ops/return_values.h"
#include "engine/ops/table_lookup.h"
#include "engine/value/item_codec.h"

namespace lmddb::ops {

StatusOr<DeleteItemResult> DeleteItem(Engine& engine, const DeleteItemRequest& request) {
  LMDDB_RETURN_IF_ERROR(catalog::ValidateTableName(request.table_name));
  LMDDB_RETURN_IF_ERROR(ValidateKeyValues(request.key));
  LMDDB_RETURN_IF_ERROR(ValidateExpressionAttributes(
      {{"ConditionExpression", &request.condition_expression}},
      request.expression_attribute_names, &request.expression_attribute_values));
  expr::ExpressionContext expressions(OptionalPtr(request.expression_attribute_names),
                                      OptionalPtr(request.expression_attribute_values));
  LMDDB_ASSIGN_OR_RETURN(std::optional<expr::Condition> condition,
                         ParseConditionExpression(expressions, request.condition_expression));
  LMDDB_RETURN_IF_ERROR(expressions.CheckAllUsed());
  LMDDB_RETURN_IF_ERROR(ValidateNoneOrAllOld(request.return_values));

  DeleteItemResult result;
  LMDDB_RETURN_IF_ERROR(engine.Write([&](storage::WriteTxn& txn) -> Status {
    result = DeleteItemResult();
    LMDDB_ASSIGN_OR_RETURN(auto table, FindTable(engine, txn, request.table_name));
    LMDDB_RETURN_IF_ERROR(ValidateKeyParameter(table->schema, request.key));
    KeyValues key = KeyValuesOf(table->schema, request.key);
    std::string lmdb_key = EncodeItemKey(key);
    LMDDB_ASSIGN_OR_RETURN(std::optional<value::ItemRecord> old,
                           ReadStoredItem(txn, *table, lmdb_key, key, /*for_write=*/false));
    if (condition) {
      LMDDB_RETURN_IF_ERROR(CheckWriteCondition(*condition, old,
                                                request.return_values_on_condition_check_failure));
    }
    if (!old) return Status::Ok();
    if (WantsAllOld(request.return_values)) {
      LMDDB_ASSIGN_OR_RETURN(result.attributes, value::DecodeItem(old->encoded));
    }
    return ApplyItemChange(engine.catalog(), txn, *table, ItemChange{lmdb_key, old, {}, 0});
  }));
  return result;
}

}  // namespace lmddb::ops
