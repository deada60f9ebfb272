// GetItem: one lookup in a read snapshot; a ProjectionExpression decodes
// only the selected attributes. Reads are always strongly consistent here,
// so ConsistentRead changes nothing but the capacity reported: DynamoDB
// charges the whole item (not the projection) in 4 KB units, half for an
// eventually consistent read, and one unit (or half) for a missing item.
#include "engine/catalog/create_table_validation.h"
#include "engine/common/status_macros.h"
#include "engine/expr/projection.h"
#include "engine/ops/capacity.h"
#include "engine/ops/item_key.h"
#include "engine/ops/operations.h"
#include "engine/ops/request_expressions.h"
#include "engine/ops/table_lookup.h"
#include "engine/value/item_codec.h"

namespace lmddb::ops {

StatusOr<GetItemResult> GetItem(Engine& engine, const GetItemRequest& request) {
  LMDDB_RETURN_IF_ERROR(catalog::ValidateTableName(request.table_name));
  LMDDB_RETURN_IF_ERROR(ValidateKeyValues(request.key));
  LMDDB_RETURN_IF_ERROR(ValidateExpressionAttributes(
      {{"ProjectionExpression", &request.projection_expression}},
      request.expression_attribute_names, nullptr));
  expr::ExpressionContext expressions(OptionalPtr(request.expression_attribute_names), nullptr);
  std::optional<expr::Projection> projection;
  if (request.projection_expression) {
    LMDDB_ASSIGN_OR_RETURN(projection, expressions.ParseProjection(*request.projection_expression));
  }
  LMDDB_RETURN_IF_ERROR(expressions.CheckAllUsed());
  LMDDB_ASSIGN_OR_RETURN(TableSnapshot snapshot, BeginReadOfTable(engine, request.table_name));
  if (snapshot.table == nullptr) return Status::ResourceNotFound("Requested resource not found");
  const storage::ReadTxn& txn = snapshot.txn;
  const std::shared_ptr<const catalog::Table>& table = snapshot.table;
  LMDDB_RETURN_IF_ERROR(ValidateKeyParameter(table->schema, request.key));
  KeyValues key = KeyValuesOf(table->schema, request.key);
  std::string lmdb_key = EncodeItemKey(key);
  LMDDB_ASSIGN_OR_RETURN(std::optional<value::ItemRecord> stored,
                         ReadStoredItem(txn, *table, lmdb_key, key, /*for_write=*/false));
  GetItemResult result;
  CapacityTally capacity(request.return_consumed_capacity, CapacityKind::kRead);
  capacity.Add(request.table_name,
               ReadUnits(stored ? stored->size : 0, request.consistent_read.value_or(false)));
  result.consumed_capacity = capacity.ForTable(request.table_name);
  if (!stored) return result;
  if (projection) {
    LMDDB_ASSIGN_OR_RETURN(value::ItemView view, value::ItemView::Open(stored->encoded));
    LMDDB_ASSIGN_OR_RETURN(result.item, expr::Project(projection->paths, view));
  } else {
    LMDDB_ASSIGN_OR_RETURN(result.item, value::DecodeItem(stored->encoded));
  }
  return result;
}

}  // namespace lmddb::ops
