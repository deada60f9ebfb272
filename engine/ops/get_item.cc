// GetItem: one lookup in a read snapshot; a ProjectionExpression decodes
// only the selected attributes. Reads are always strongly consistent here,
// so ConsistentRead changes nothing but the capacity reported: DynamoDB
// charges the whole item (not the projection) in 4 KB units, half for an
// eventually consistent read, and one unit (or half) for a missing item.
#include "engine/catalog/create_table_validation.h"
#include "engine/common/status_macros.h"
#include "engine/ops/capacity.h"
#include "engine/ops/item_key.h"
#include "engine/ops/operations.h"
#include "engine/ops/read_by_key.h"
#include "engine/ops/table_lookup.h"

namespace lmddb::ops {

StatusOr<GetItemResult> GetItem(Engine& engine, const GetItemRequest& request) {
  LMDDB_RETURN_IF_ERROR(catalog::ValidateTableName(request.table_name));
  LMDDB_RETURN_IF_ERROR(ValidateKeyValues(request.key));
  LMDDB_ASSIGN_OR_RETURN(
      std::optional<expr::Projection> projection,
      CompileReadProjection(request.projection_expression, request.expression_attribute_names));
  LMDDB_ASSIGN_OR_RETURN(TableSnapshot snapshot, BeginReadOfTable(engine, request.table_name));
  if (snapshot.table == nullptr) return Status::ResourceNotFound("Requested resource not found");
  const catalog::Table& table = *snapshot.table;
  LMDDB_RETURN_IF_ERROR(ValidateKeyParameter(table.schema, request.key));
  const KeyValues key = KeyValuesOf(table.schema, request.key);
  LMDDB_ASSIGN_OR_RETURN(ReadResult read,
                         ReadItemByKey(snapshot.txn, table, EncodeItemKey(key), key, projection));
  GetItemResult result;
  result.item = std::move(read.item);
  CapacityTally capacity(request.return_consumed_capacity, CapacityKind::kRead);
  capacity.Add(request.table_name, ReadUnits(read.size, request.consistent_read.value_or(false)));
  result.consumed_capacity = capacity.ForTable(request.table_name);
  return result;
}

}  // namespace lmddb::ops
