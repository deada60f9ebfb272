// Item writes shared by PutItem, UpdateItem and DeleteItem and by the
// actions of TransactWriteItems (Put, Update, Delete, ConditionCheck), so
// that a write means the same thing alone and inside a transaction.
//
// A write goes through three steps:
//   1. Prepare*() outside the write transaction: validates the values,
//      compiles the expressions once, encodes a Put's new item. Errors are
//      request-level ValidationExceptions.
//   2. ValidateItemWriteKey() inside the transaction, once the table is
//      found: the key against the table's schema, and an update's paths
//      against the key attributes. Reads no item.
//   3. RunItemWrite() inside the transaction: reads the stored item, checks
//      the condition, applies the change through ApplyItemChange and reports
//      the old and new sizes (for ConsumedCapacity) and, when asked, the old
//      and new items (for ReturnValues).
//
// Thread safety: a PreparedItemWrite is immutable once prepared. It borrows
// the request it was prepared from (table name, item or key), which must
// outlive it.
#ifndef LMDDB_ENGINE_OPS_ITEM_WRITE_H_
#define LMDDB_ENGINE_OPS_ITEM_WRITE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog/catalog.h"
#include "engine/common/status_macros.h"
#include "engine/expr/ast.h"
#include "engine/ops/engine.h"
#include "engine/ops/request_expressions.h"
#include "engine/storage/txn.h"
#include "lmddb/operations.hpp"
#include "lmddb/status.hpp"

namespace lmddb::ops {

enum class ItemWriteKind { kPut, kUpdate, kDelete, kConditionCheck };

struct PreparedItemWrite {
  ItemWriteKind kind = ItemWriteKind::kPut;
  std::string_view table_name;
  // Put: the new item; the others: the Key parameter.
  const Item* key_source = nullptr;
  WriteExpressions expressions;
  // Update: the paths its UpdateExpression changes (UPDATED_OLD/NEW, and
  // the check that no key attribute is among them).
  std::vector<expr::DocumentPath> updated_paths;
  // Put: the new item's record (value/item_record.h) and DynamoDB size.
  std::string new_record;
  uint64_t new_size = 0;
  std::optional<ReturnValuesOnConditionCheckFailure> on_condition_failure;
};

// Step 1. Each checks, in DynamoDB's order, the table name, the item or
// the key values, then the expressions (request_expressions.h).
// Put: PutItemRequest or TransactPut.
template <typename Request>
StatusOr<PreparedItemWrite> PreparePut(const Request& request);
// Update: UpdateItemRequest or TransactUpdate.
template <typename Request>
StatusOr<PreparedItemWrite> PrepareUpdate(const Request& request);
// Delete: DeleteItemRequest or TransactDelete.
template <typename Request>
StatusOr<PreparedItemWrite> PrepareDelete(const Request& request);
StatusOr<PreparedItemWrite> PrepareConditionCheck(const ConditionCheck& request);

// Step 2. Errors: ValidationException with DynamoDB's key messages
// (key_validation.h), or "Cannot update attribute <a>. This attribute is
// part of the key".
Status ValidateItemWriteKey(const catalog::TableSchema& schema, const PreparedItemWrite& write);

// The LMDB key of the item the write addresses. REQUIRES: step 2 passed.
std::string ItemWriteLmdbKey(const catalog::TableSchema& schema, const PreparedItemWrite& write);

struct ItemWriteOptions {
  bool want_old_item = false;  // decode the stored item into old_item
  bool want_new_item = false;  // Update: keep the updated item in new_item
};

// What a write found and did.
struct ItemWriteOutcome {
  bool existed = false;    // an item was stored under the key
  uint64_t old_size = 0;   // its DynamoDB size; 0 when none
  uint64_t new_size = 0;   // the written item's size; 0 for deletes and no-ops
  std::optional<Item> old_item;  // with want_old_item, when one existed
  std::optional<Item> new_item;  // with want_new_item, when an item was written
  // DynamoDB's write units for it: max(old, new) in 1 KB units, at least 1.
  double WriteCapacityUnits() const;
};

// Step 3. REQUIRES: `table` is `write.table_name` as seen by `txn`, and
// step 2 passed. A ConditionCheck reads and checks only.
// Errors: ConditionalCheckFailedException "The conditional request failed"
// (with the stored item when on_condition_failure is ALL_OLD); an update's
// ValidationExceptions (operand types, item size); Internal. Nothing is
// written when it fails.
StatusOr<ItemWriteOutcome> RunItemWrite(Engine& engine, storage::WriteTxn& txn,
                                        const catalog::Table& table,
                                        const PreparedItemWrite& write,
                                        const ItemWriteOptions& options);

// ---- Template definitions ------------------------------------------------------

namespace internal {

Status ValidatePreparedTableName(std::string_view name);
// The item: values and size; fills new_record and new_size.
Status PreparePutItem(const Item& item, PreparedItemWrite* write);
Status PrepareKey(const Item& key);
// UpdatedPaths of the compiled UpdateExpression.
void CollectUpdatedPaths(PreparedItemWrite* write);

// Single operations have optional expressions; transaction actions have
// some required ones as plain strings.
inline std::optional<std::string> AsOptional(const std::optional<std::string>& s) { return s; }
inline std::optional<std::string> AsOptional(const std::string& s) { return s; }

template <typename Request>
StatusOr<WriteExpressions> Compile(const Request& request) {
  const std::optional<std::string> condition = AsOptional(request.condition_expression);
  if constexpr (requires { request.update_expression; }) {
    const std::optional<std::string> update = AsOptional(request.update_expression);
    return CompileWriteExpressions(&update, condition, request.expression_attribute_names,
                                   request.expression_attribute_values);
  } else {
    return CompileWriteExpressions(nullptr, condition, request.expression_attribute_names,
                                   request.expression_attribute_values);
  }
}

}  // namespace internal

template <typename Request>
StatusOr<PreparedItemWrite> PreparePut(const Request& request) {
  PreparedItemWrite write;
  write.kind = ItemWriteKind::kPut;
  LMDDB_RETURN_IF_ERROR(internal::ValidatePreparedTableName(request.table_name));
  LMDDB_RETURN_IF_ERROR(internal::PreparePutItem(request.item, &write));
  auto expressions = internal::Compile(request);
  if (!expressions.ok()) return expressions.status();
  write.expressions = std::move(expressions).value();
  write.table_name = request.table_name;
  write.key_source = &request.item;
  write.on_condition_failure = request.return_values_on_condition_check_failure;
  return write;
}

template <typename Request>
StatusOr<PreparedItemWrite> PrepareUpdate(const Request& request) {
  PreparedItemWrite write;
  write.kind = ItemWriteKind::kUpdate;
  LMDDB_RETURN_IF_ERROR(internal::ValidatePreparedTableName(request.table_name));
  LMDDB_RETURN_IF_ERROR(internal::PrepareKey(request.key));
  auto expressions = internal::Compile(request);
  if (!expressions.ok()) return expressions.status();
  write.expressions = std::move(expressions).value();
  internal::CollectUpdatedPaths(&write);
  write.table_name = request.table_name;
  write.key_source = &request.key;
  write.on_condition_failure = request.return_values_on_condition_check_failure;
  return write;
}

template <typename Request>
StatusOr<PreparedItemWrite> PrepareDelete(const Request& request) {
  PreparedItemWrite write;
  write.kind = ItemWriteKind::kDelete;
  LMDDB_RETURN_IF_ERROR(internal::ValidatePreparedTableName(request.table_name));
  LMDDB_RETURN_IF_ERROR(internal::PrepareKey(request.key));
  auto expressions = internal::Compile(request);
  if (!expressions.ok()) return expressions.status();
  write.expressions = std::move(expressions).value();
  write.table_name = request.table_name;
  write.key_source = &request.key;
  write.on_condition_failure = request.return_values_on_condition_check_failure;
  return write;
}

}  // namespace lmddb::ops

#endif  // LMDDB_ENGINE_OPS_ITEM_WRITE_H_
