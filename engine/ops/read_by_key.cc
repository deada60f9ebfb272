#include "engine/ops/read_by_key.h"

#include "engine/common/status_macros.h"
#include "engine/expr/parser.h"
#include "engine/expr/projection.h"
#include "engine/ops/item_key.h"
#include "engine/ops/request_expressions.h"
#include "engine/value/item_codec.h"

namespace lmddb::ops {

StatusOr<MultiTableSnapshot> BeginReadOfTables(Engine& engine,
                                               const std::vector<std::string_view>& names) {
  MultiTableSnapshot snapshot;
  snapshot.tables.resize(names.size());
  for (int attempt = 0; attempt < 3; ++attempt) {
    LMDDB_ASSIGN_OR_RETURN(snapshot.txn, engine.env().BeginRead());
    bool all_visible = true;
    for (size_t i = 0; i < names.size(); ++i) {
      LMDDB_ASSIGN_OR_RETURN(snapshot.tables[i], engine.catalog().Find(snapshot.txn, names[i]));
      if (snapshot.tables[i] != nullptr && !snapshot.txn.Sees(snapshot.tables[i]->items)) {
        all_visible = false;
      }
    }
    if (all_visible) return snapshot;
    // A table's database was opened in this process after the snapshot
    // began (a newer snapshot sees it), or it was deleted since.
    snapshot.txn.Release();
  }
  // Still unreadable after retries: the tables concerned were deleted while
  // we looked, so they count as missing.
  LMDDB_ASSIGN_OR_RETURN(snapshot.txn, engine.env().BeginRead());
  for (size_t i = 0; i < names.size(); ++i) {
    LMDDB_ASSIGN_OR_RETURN(snapshot.tables[i], engine.catalog().Find(snapshot.txn, names[i]));
    if (snapshot.tables[i] != nullptr && !snapshot.txn.Sees(snapshot.tables[i]->items)) {
      snapshot.tables[i] = nullptr;
    }
  }
  return snapshot;
}

StatusOr<std::optional<expr::Projection>> CompileReadProjection(
    const std::optional<std::string>& projection_expression,
    const std::optional<ExpressionAttributeNames>& names) {
  LMDDB_RETURN_IF_ERROR(ValidateExpressionAttributes(
      {{"ProjectionExpression", &projection_expression}}, names, nullptr));
  expr::ExpressionContext expressions(OptionalPtr(names), nullptr);
  std::optional<expr::Projection> projection;
  if (projection_expression) {
    LMDDB_ASSIGN_OR_RETURN(projection, expressions.ParseProjection(*projection_expression));
  }
  LMDDB_RETURN_IF_ERROR(expressions.CheckAllUsed());
  return projection;
}

StatusOr<ReadResult> ReadItemByKey(const storage::ReadTxn& txn, const catalog::Table& table,
                                   std::string_view lmdb_key, const KeyValues& key,
                                   const std::optional<expr::Projection>& projection) {
  LMDDB_ASSIGN_OR_RETURN(std::optional<value::ItemRecord> stored,
                         ReadStoredItem(txn, table, lmdb_key, key, /*for_write=*/false));
  ReadResult result;
  if (!stored) return result;
  result.size = stored->size;
  if (projection) {
    LMDDB_ASSIGN_OR_RETURN(value::ItemView view, value::ItemView::Open(stored->encoded));
    LMDDB_ASSIGN_OR_RETURN(result.item, expr::Project(projection->paths, view));
  } else {
    LMDDB_ASSIGN_OR_RETURN(result.item, value::DecodeItem(stored->encoded));
  }
  return result;
}

}  // namespace lmddb::ops
