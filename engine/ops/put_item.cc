// PutItem: validates the item and compiles the ConditionExpression, then in
// one write transaction reads the old item (for the condition, ReturnValues
// and table statistics) and replaces it.
#include "engine/catalog/create_table_validation.h"
#include "engine/common/status_macros.h"
#include "engine/ops/item_change.h"
#include "engine/ops/item_key.h"
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
  LMDDB_RETURN_IF_ERROR(ValidateExpressionAttributes(
      {{"ConditionExpression", &request.condition_expression}},
      request.expression_attribute_names, &request.expression_attribute_values));
  expr::ExpressionContext expressions(OptionalPtr(request.expression_attribute_names),
                                      OptionalPtr(request.expression_attribute_values));
  LMDDB_ASSIGN_OR_RETURN(std::optional<expr::Condition> condition,
                         ParseConditionExpression(expressions, request.condition_expression));
  LMDDB_RETURN_IF_ERROR(expressions.CheckAllUsed());
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
    KeyValues key = KeyValuesOf(table->schema, request.item);
    std::string lmdb_key = EncodeItemKey(key);
    LMDDB_ASSIGN_OR_RETURN(std::optional<value::ItemRecord> old,
                           ReadStoredItem(txn, *table, lmdb_key, key, /*for_write=*/true));
    if (condition) {
      LMDDB_RETURN_IF_ERROR(CheckWriteCondition(*condition, old,
                                                request.return_values_on_condition_check_failure));
    }
    if (old && WantsAllOld(request.return_values)) {
      LMDDB_ASSIGN_OR_RETURN(result.attributes, value::DecodeItem(old->encoded));
    }
    return ApplyItemChange(engine.catalog(), txn, *table,
                           ItemChange{lmdb_key, old, record, size});
  }));
  return result;
}

}  // namespace lmddb::ops
