// UpdateItem: compiles the UpdateExpression and ConditionExpression once,
// then in one write transaction reads the stored item, checks the
// condition, applies the update to a decoded copy (or to the key alone when
// no item exists: UpdateItem creates it, unless the update only removes),
// validates and writes the result.
#include <utility>

#include "engine/catalog/create_table_validation.h"
#include "engine/common/status_macros.h"
#include "engine/common/strings.h"
#include "engine/expr/projection.h"
#include "engine/expr/update.h"
#include "engine/ops/item_change.h"
#include "engine/ops/key_validation.h"
#include "engine/ops/operations.h"
#include "engine/ops/request_expressions.h"
#include "engine/ops/table_lookup.h"
#include "engine/value/item_codec.h"
#include "engine/value/validate.h"

namespace lmddb::ops {
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

// ReturnValues: the attributes to return, absent when there are none.
std::optional<Item> ReturnedAttributes(ReturnValue rv, const std::optional<Item>& old_item,
                                       const Item& new_item,
                                       const std::vector<expr::DocumentPath>& updated) {
  Item out;
  switch (rv) {
    case ReturnValue::kNone: return std::nullopt;
    case ReturnValue::kAllOld:
      if (!old_item) return std::nullopt;
      out = *old_item;
      break;
    case ReturnValue::kAllNew: out = new_item; break;
    case ReturnValue::kUpdatedOld:
      if (!old_item) return std::nullopt;
      out = expr::Project(updated, *old_item);
      break;
    case ReturnValue::kUpdatedNew: out = expr::Project(updated, new_item); break;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace

StatusOr<UpdateItemResult> UpdateItem(Engine& engine, const UpdateItemRequest& request) {
  LMDDB_RETURN_IF_ERROR(catalog::ValidateTableName(request.table_name));
  LMDDB_RETURN_IF_ERROR(ValidateKeyValues(request.key));
  LMDDB_ASSIGN_OR_RETURN(WriteExpressions expressions, CompileWriteExpressions(request));
  const std::optional<expr::UpdateExpression>& update = expressions.update;
  const ReturnValue return_values = request.return_values.value_or(ReturnValue::kNone);
  const std::vector<expr::DocumentPath> updated =
      update ? expr::UpdatedPaths(*update) : std::vector<expr::DocumentPath>();

  UpdateItemResult result;
  std::string record;
  LMDDB_RETURN_IF_ERROR(engine.Write([&](storage::WriteTxn& txn) -> Status {
    result = UpdateItemResult();  // Write() may run this more than once
    LMDDB_ASSIGN_OR_RETURN(auto table, FindTable(engine, txn, request.table_name));
    LMDDB_RETURN_IF_ERROR(ValidateKeyParameter(table->schema, request.key));
    LMDDB_RETURN_IF_ERROR(CheckKeyAttributesUntouched(table->schema, updated));
    LMDDB_ASSIGN_OR_RETURN(WriteTarget target,
                           ReadWriteTarget(txn, *table, request.key, /*for_write=*/true,
                                           expressions.condition,
                                           request.return_values_on_condition_check_failure));
    const std::optional<value::ItemRecord>& old = target.old;
    // An update that only removes (REMOVE, DELETE from a set) does not
    // create a missing item, as in DynamoDB; an UpdateItem without any
    // update does create the key-only item.
    if (!old && update && update->set.empty() && update->add.empty()) return Status::Ok();
    std::optional<Item> old_item;
    if (old) {
      LMDDB_ASSIGN_OR_RETURN(old_item, value::DecodeItem(old->encoded));
    }
    const bool keep_old =
        return_values == ReturnValue::kAllOld || return_values == ReturnValue::kUpdatedOld;
    Item new_item = !old_item ? request.key : keep_old ? *old_item : std::move(*old_item);
    if (update) LMDDB_RETURN_IF_ERROR(expr::ApplyUpdate(*update, &new_item));
    LMDDB_ASSIGN_OR_RETURN(size_t size, value::ValidateUpdatedItem(new_item));
    record.clear();
    value::AppendItemRecord(new_item, size, &record);
    result.attributes = ReturnedAttributes(return_values, old_item, new_item, updated);
    return ApplyItemChange(engine.catalog(), txn, *table,
                           ItemChange{target.lmdb_key, old, record, size});
  }));
  return result;
}

}  // namespace lmddb::ops
