// ApplyItemChange: the one place where an item's old image becomes its new
// image inside a write transaction. Every operation that writes items
// (PutItem, DeleteItem, and later UpdateItem, batches, transactions and the
// TTL sweeper) goes through it, so everything derived from items — table
// statistics now; secondary indexes, stream records and the TTL index as
// they arrive — stays consistent with the items in the same commit.
#ifndef LMDDB_ENGINE_OPS_ITEM_CHANGE_H_
#define LMDDB_ENGINE_OPS_ITEM_CHANGE_H_

#include <optional>
#include <string_view>

#include "engine/catalog/catalog.h"
#include "engine/storage/txn.h"
#include "engine/value/item_record.h"
#include "lmddb/attribute_value.hpp"

namespace lmddb::ops {

struct ItemChange {
  std::string_view key;                       // LMDB key in the items database
  std::optional<value::ItemRecord> old_item;  // absent when the item is new
  // The new item's record bytes (value/item_record.h) and its size; absent
  // for a delete.
  std::optional<std::string_view> new_record;
  uint64_t new_size = 0;
};

// REQUIRES: the change was fully validated; `old_item` is what `txn` holds
// under `key`.
Status ApplyItemChange(catalog::Catalog& catalog, storage::WriteTxn& txn,
                       const catalog::Table& table, const ItemChange& change);

}  // namespace lmddb::ops

#endif  // LMDDB_ENGINE_OPS_ITEM_CHANGE_H_
