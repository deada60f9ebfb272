// Shared steps of the operations that read items by key (GetItem,
// BatchGetItem, TransactGetItems): a snapshot that sees every named table,
// a read's parsed projection, and one item read with its DynamoDB size (for
// capacity units and response size limits).
//
// Thread safety: the functions are thread-safe; a MultiTableSnapshot is used
// by one thread.
#ifndef LMDDB_ENGINE_OPS_READ_BY_KEY_H_
#define LMDDB_ENGINE_OPS_READ_BY_KEY_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog/catalog.h"
#include "engine/expr/ast.h"
#include "engine/ops/engine.h"
#include "engine/ops/key_validation.h"
#include "engine/storage/txn.h"
#include "lmddb/operations.hpp"

namespace lmddb::ops {

// One read snapshot and each named table in it (null where the table does
// not exist), in the order of `names`. Retries, as BeginReadOfTable does,
// until the snapshot can read every table it found.
struct MultiTableSnapshot {
  storage::ReadTxn txn;
  std::vector<std::shared_ptr<const catalog::Table>> tables;
};
StatusOr<MultiTableSnapshot> BeginReadOfTables(Engine& engine,
                                               const std::vector<std::string_view>& names);

// The request-level checks of a read's ProjectionExpression and
// ExpressionAttributeNames, exactly as GetItem makes them
// (ValidateExpressionAttributes, the parse, CheckAllUsed). nullopt when the
// read has no ProjectionExpression.
StatusOr<std::optional<expr::Projection>> CompileReadProjection(
    const std::optional<std::string>& projection_expression,
    const std::optional<ExpressionAttributeNames>& names);

// An item read by key: absent when no item has the key; `size` is the
// stored item's DynamoDB size (0 when absent), whatever the projection.
struct ReadResult {
  std::optional<Item> item;
  uint64_t size = 0;
};

// Reads the item with `key` (validated against the table's schema) and
// applies `projection` when set.
StatusOr<ReadResult> ReadItemByKey(const storage::ReadTxn& txn, const catalog::Table& table,
                                   std::string_view lmdb_key, const KeyValues& key,
                                   const std::optional<expr::Projection>& projection);

}  // namespace lmddb::ops

#endif  // LMDDB_ENGINE_OPS_READ_BY_KEY_H_
