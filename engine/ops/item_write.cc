// Shared item write steps (item_write.h).
#include "engine/ops/item_write.h"

#include <algorithm>
#include <utility>

#include "engine/catalog/create_table_validation.h"
#include "engine/common/strings.h"
#include "engine/expr/update.h"
#include "engine/ops/capacity.h"
#include "engine/ops/item_change.h"
#include "engine/ops/item_key.h"
#include "engine/ops/key_validation.h"
#include "engine/value/item_codec.h"
#include "engine/value/item_record.h"
#include "engine/value/validate.h"

namespace lmddb::ops {
namespace internal {

Status ValidatePreparedTableName(std::string_view name) {
  return catalog::ValidateTableName(name);
}

Status PreparePutItem(const Item& item, PreparedItemWrite* write) {
  LMDDB_ASSIGN_OR_RETURN(size_t size, value::ValidateItem(item));
  write->new_size = size;
  value::AppendItemRecord(item, size, &write->new_record);
  return Status::Ok();
}

Status PrepareKey(const Item& key) { return ValidateKeyValues(key); }

void CollectUpdatedPaths(PreparedItemWrite* write) {
  if (write->expressions.update) {
    write->updated_paths = expr::UpdatedPaths(*write->expressions.update);
  }
}

}  // namespace internal

namespace {

// DynamoDB refuses any action whose path starts at a key attribute.
Status CheckKeyAttributesUntouched(const catalog::TableSchema& schema,
                                   const std::vector<expr::DocumentPath>& paths) {
  for (const expr::DocumentPath& path : paths) {
    const std::string& name = path.elements.front().name;
    if (name == schema.hash_key.name || (schema.range_key && name == schema.range_key->name)) {
      return Status::Validation(StrCat("One or more parameter values were invalid: ",
                                       "Cannot update attribute ", name,
                                       ". This attribute is part of the key"));
    }
  }
  return Status::Ok();
}

// The update applied to the stored item (or to the key alone when there is
// none), validated and encoded. Returns false in `*writes` when the update
// leaves a missing item missing.
Status RunUpdate(const PreparedItemWrite& write, const std::optional<value::ItemRecord>& old,
                 const ItemWriteOptions& options, ItemWriteOutcome* outcome,
                 std::string* record, bool* writes) {
  const std::optional<expr::UpdateExpression>& update = write.expressions.update;
  // An update that only removes (REMOVE, DELETE from a set) does not create
  // a missing item, as in DynamoDB; an UpdateItem without any update does
  // create the key-only item.
  *writes = old || !update || !update->set.empty() || !update->add.empty();
  if (!*writes) return Status::Ok();
  Item new_item;
  if (old) {
    LMDDB_ASSIGN_OR_RETURN(new_item, value::DecodeItem(old->encoded));
    if (options.want_old_item) outcome->old_item = new_item;
  } else {
    new_item = *write.key_source;
  }
  if (update) LMDDB_RETURN_IF_ERROR(expr::ApplyUpdate(*update, &new_item));
  LMDDB_ASSIGN_OR_RETURN(size_t size, value::ValidateUpdatedItem(new_item));
  value::AppendItemRecord(new_item, size, record);
  outcome->new_size = size;
  if (options.want_new_item) outcome->new_item = std::move(new_item);
  return Status::Ok();
}

}  // namespace

StatusOr<PreparedItemWrite> PrepareConditionCheck(const ConditionCheck& request) {
  PreparedItemWrite write;
  write.kind = ItemWriteKind::kConditionCheck;
  LMDDB_RETURN_IF_ERROR(internal::ValidatePreparedTableName(request.table_name));
  LMDDB_RETURN_IF_ERROR(internal::PrepareKey(request.key));
  LMDDB_ASSIGN_OR_RETURN(write.expressions, internal::Compile(request));
  write.table_name = request.table_name;
  write.key_source = &request.key;
  write.on_condition_failure = request.return_values_on_condition_check_failure;
  return write;
}

Status ValidateItemWriteKey(const catalog::TableSchema& schema, const PreparedItemWrite& write) {
  if (write.kind == ItemWriteKind::kPut) {
    return ValidateItemKeyAttributes(schema, *write.key_source);
  }
  LMDDB_RETURN_IF_ERROR(ValidateKeyParameter(schema, *write.key_source));
  if (write.kind == ItemWriteKind::kUpdate) {
    return CheckKeyAttributesUntouched(schema, write.updated_paths);
  }
  return Status::Ok();
}

std::string ItemWriteLmdbKey(const catalog::TableSchema& schema, const PreparedItemWrite& write) {
  return EncodeItemKey(KeyValuesOf(schema, *write.key_source));
}

double ItemWriteOutcome::WriteCapacityUnits() const {
  return WriteUnits(std::max(old_size, new_size));
}

StatusOr<ItemWriteOutcome> RunItemWrite(Engine& engine, storage::WriteTxn& txn,
                                        const catalog::Table& table,
                                        const PreparedItemWrite& write,
                                        const ItemWriteOptions& options) {
  // Puts and updates refuse to overwrite another key's item that shares the
  // LMDB key (item_key.h); reads and deletes treat it as absent.
  const bool for_write = write.kind == ItemWriteKind::kPut || write.kind == ItemWriteKind::kUpdate;
  LMDDB_ASSIGN_OR_RETURN(WriteTarget target,
                         ReadWriteTarget(txn, table, *write.key_source, for_write,
                                         write.expressions.condition, write.on_condition_failure));
  const std::optional<value::ItemRecord>& old = target.old;
  ItemWriteOutcome outcome;
  outcome.existed = old.has_value();
  outcome.old_size = old ? old->size : 0;
  // The old item is decoded before the write: `old` points into the map.
  if (old && options.want_old_item && write.kind != ItemWriteKind::kUpdate) {
    LMDDB_ASSIGN_OR_RETURN(outcome.old_item, value::DecodeItem(old->encoded));
  }
  switch (write.kind) {
    case ItemWriteKind::kConditionCheck:
      return outcome;
    case ItemWriteKind::kDelete:
      if (!old) return outcome;
      LMDDB_RETURN_IF_ERROR(ApplyItemChange(engine.catalog(), txn, table,
                                            ItemChange{target.lmdb_key, old, {}, 0}));
      return outcome;
    case ItemWriteKind::kPut:
      outcome.new_size = write.new_size;
      LMDDB_RETURN_IF_ERROR(ApplyItemChange(
          engine.catalog(), txn, table,
          ItemChange{target.lmdb_key, old, write.new_record, write.new_size}));
      return outcome;
    case ItemWriteKind::kUpdate: {
      std::string record;
      bool writes = false;
      LMDDB_RETURN_IF_ERROR(RunUpdate(write, old, options, &outcome, &record, &writes));
      if (!writes) return outcome;
      LMDDB_RETURN_IF_ERROR(ApplyItemChange(engine.catalog(), txn, table,
                                            ItemChange{target.lmdb_key, old, record,
                                                       outcome.new_size}));
      return outcome;
    }
  }
  return Status::Internal("Unknown item write kind");
}

}  // namespace lmddb::ops
