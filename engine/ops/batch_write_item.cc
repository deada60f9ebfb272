// BatchWriteItem: up to 25 puts and deletes over any number of tables,
// without conditions. Every request is checked before anything is written
// (items and keys as PutItem and DeleteItem check them; one request per key
// and table), then all of them are applied in one write transaction. Each
// write is all-or-nothing; here the whole batch is, too, which DynamoDB
// allows. UnprocessedItems is always empty: nothing is throttled.
//
// DynamoDB also bounds the request at 16 MB; 25 items of at most 400 KB
// stay far below that, so no request that passes the checks here can reach it.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/catalog/catalog.h"
#include "engine/common/constraint_errors.h"
#include "engine/common/status_macros.h"
#include "engine/common/strings.h"
#include "engine/ops/batch_request_checks.h"
#include "engine/ops/capacity.h"
#include "engine/ops/item_change.h"
#include "engine/ops/item_key.h"
#include "engine/ops/key_validation.h"
#include "engine/ops/operations.h"
#include "engine/ops/table_lookup.h"
#include "engine/value/item_record.h"
#include "engine/value/validate.h"

namespace lmddb::ops {
namespace {

std::string RenderWriteRequest(const WriteRequest& w) {
  std::string out = "{";
  if (w.put_request) {
    StrAppend(&out, "PutRequest: {Item: ", RenderItemForConstraint(w.put_request->item), ",},");
  }
  if (w.delete_request) {
    StrAppend(&out, "DeleteRequest: {Key: ", RenderItemForConstraint(w.delete_request->key), ",},");
  }
  out.push_back('}');
  return out;
}

// RequestItems as DynamoDB prints it in constraint errors.
std::string RenderRequestItems(const BatchWriteItemRequest& request) {
  std::string out = "{";
  bool first_table = true;
  for (const auto& [table, writes] : request.request_items) {
    if (!first_table) out.append(", ");
    first_table = false;
    StrAppend(&out, table, "=[");
    for (size_t i = 0; i < writes.size(); ++i) {
      if (i > 0) out.append(", ");
      out.append(RenderWriteRequest(writes[i]));
    }
    out.push_back(']');
  }
  out.push_back('}');
  return out;
}

// The AWS request validator's checks on the shape of RequestItems.
Status CheckShape(const BatchWriteItemRequest& request) {
  ConstraintErrors errors;
  if (request.request_items.empty()) {
    errors.Add("{}", "requestItems", "Member must have length greater than or equal to 1");
    return errors.ToStatus();
  }
  std::vector<std::string_view> names;
  bool bad_list = false;
  for (const auto& [table, writes] : request.request_items) {
    names.push_back(table);
    bad_list |= writes.empty() || writes.size() > kMaxBatchWriteRequests;
  }
  if (HasInvalidTableName(names)) AddInvalidTableNamesError(RenderRequestItems(request), errors);
  if (bad_list) {
    errors.Add(RenderRequestItems(request), "requestItems",
               StrCat("Map value must satisfy constraint: [Member must have length less than or "
                      "equal to ",
                      kMaxBatchWriteRequests,
                      ", Member must have length greater than or equal to 1]"));
  }
  return errors.ToStatus();
}

// One request, with what was prepared for it before the write transaction.
struct PreparedWrite {
  std::string_view table;
  const WriteRequest* request = nullptr;
  std::string record;  // the new item's record; empty for a delete
  uint64_t size = 0;   // the new item's size
  std::string lmdb_key;
};

}  // namespace

StatusOr<BatchWriteItemResult> BatchWriteItem(Engine& engine,
                                              const BatchWriteItemRequest& request) {
  LMDDB_RETURN_IF_ERROR(CheckShape(request));
  size_t total = 0;
  for (const auto& [table, writes] : request.request_items) total += writes.size();
  if (total > kMaxBatchWriteRequests) {
    return Status::Validation("Too many items requested for the BatchWriteItem call");
  }

  // Everything that needs no table, prepared outside the writer lock.
  std::vector<PreparedWrite> prepared;
  prepared.reserve(total);
  for (const auto& [table, writes] : request.request_items) {
    for (const WriteRequest& w : writes) {
      if (w.put_request.has_value() == w.delete_request.has_value()) {
        // DynamoDB's words for a WriteRequest with neither or both members.
        return Status::Validation(
            "Supplied AttributeValue has more than one datatypes set, must contain exactly one "
            "of the supported datatypes");
      }
      PreparedWrite& p = prepared.emplace_back();
      p.table = table;
      p.request = &w;
      if (w.put_request) {
        LMDDB_ASSIGN_OR_RETURN(p.size, value::ValidateItem(w.put_request->item));
        value::AppendItemRecord(w.put_request->item, p.size, &p.record);
      } else {
        LMDDB_RETURN_IF_ERROR(ValidateKeyValues(w.delete_request->key));
      }
    }
  }

  BatchWriteItemResult result;
  std::optional<std::vector<ConsumedCapacity>> consumed;
  LMDDB_RETURN_IF_ERROR(engine.Write([&](storage::WriteTxn& txn) -> Status {
    consumed.reset();  // Write() may run this more than once
    // Every request against its table's schema before the first write.
    std::vector<std::shared_ptr<const catalog::Table>> tables(prepared.size());
    std::string_view current_name;
    std::shared_ptr<const catalog::Table> current;
    KeyListDuplicates seen;
    for (size_t i = 0; i < prepared.size(); ++i) {
      PreparedWrite& p = prepared[i];
      if (current == nullptr || p.table != current_name) {
        LMDDB_ASSIGN_OR_RETURN(current, FindTable(engine, txn, p.table));
        current_name = p.table;
        seen = KeyListDuplicates();
      }
      tables[i] = current;
      const catalog::TableSchema& schema = current->schema;
      const Item* key_source;
      if (p.request->put_request) {
        key_source = &p.request->put_request->item;
        LMDDB_RETURN_IF_ERROR(ValidateItemKeyAttributes(schema, *key_source));
      } else {
        key_source = &p.request->delete_request->key;
        LMDDB_RETURN_IF_ERROR(ValidateKeyParameter(schema, *key_source));
      }
      p.lmdb_key = EncodeItemKey(KeyValuesOf(schema, *key_source));
      if (!seen.Insert(p.lmdb_key)) return Status::Validation(kDuplicateKeysMessage);
    }

    CapacityTally capacity(request.return_consumed_capacity, CapacityKind::kWrite);
    for (size_t i = 0; i < prepared.size(); ++i) {
      const PreparedWrite& p = prepared[i];
      const catalog::Table& table = *tables[i];
      const bool is_put = p.request->put_request.has_value();
      const Item& key_source =
          is_put ? p.request->put_request->item : p.request->delete_request->key;
      LMDDB_ASSIGN_OR_RETURN(
          std::optional<value::ItemRecord> old,
          ReadStoredItem(txn, table, p.lmdb_key, KeyValuesOf(table.schema, key_source),
                         /*for_write=*/is_put));
      const uint64_t old_size = old ? old->size : 0;
      capacity.Add(p.table, WriteUnits(std::max(old_size, p.size)));
      if (is_put) {
        LMDDB_RETURN_IF_ERROR(ApplyItemChange(engine.catalog(), txn, table,
                                              ItemChange{p.lmdb_key, old, p.record, p.size}));
      } else if (old) {
        LMDDB_RETURN_IF_ERROR(
            ApplyItemChange(engine.catalog(), txn, table, ItemChange{p.lmdb_key, old, {}, 0}));
      }
    }
    consumed = capacity.PerTable();
    return Status::Ok();
  }));
  result.consumed_capacity = std::move(consumed);
  return result;
}

}  // namespace lmddb::ops
