// From a validated key to the stored item: encoding the LMDB key and
// reading what is stored under it.
//
// Keys longer than LMDB's limit are stored with digests (docs/key_format.md),
// so two different keys can in principle share an LMDB key. Reads compare
// the stored item's key attributes with the requested key and treat a
// mismatch as "no such item"; writes refuse to overwrite it.
#ifndef LMDDB_ENGINE_OPS_ITEM_KEY_H_
#define LMDDB_ENGINE_OPS_ITEM_KEY_H_

#include <optional>
#include <string>
#include <string_view>

#include "engine/catalog/catalog.h"
#include "engine/ops/key_validation.h"
#include "engine/value/item_record.h"

namespace lmddb::ops {

std::string EncodeItemKey(const KeyValues& key);

// What the items database holds under `lmdb_key` for the item with `key`:
// nullopt when nothing is stored for this key. Errors: Internal when the
// stored record is corrupt, or when another key's item occupies the LMDB key
// and `for_write` is set.
template <typename Txn>
StatusOr<std::optional<value::ItemRecord>> ReadStoredItem(const Txn& txn,
                                                          const catalog::Table& table,
                                                          std::string_view lmdb_key,
                                                          const KeyValues& key, bool for_write);

// Internal helpers for ReadStoredItem.
StatusOr<std::optional<value::ItemRecord>> CheckStoredItem(const catalog::Table& table,
                                                           std::optional<std::string_view> stored,
                                                           std::string_view lmdb_key,
                                                           const KeyValues& key, bool for_write);

template <typename Txn>
StatusOr<std::optional<value::ItemRecord>> ReadStoredItem(const Txn& txn,
                                                          const catalog::Table& table,
                                                          std::string_view lmdb_key,
                                                          const KeyValues& key, bool for_write) {
  return CheckStoredItem(table, txn.Get(table.items, lmdb_key), lmdb_key, key, for_write);
}

}  // namespace lmddb::ops

#endif  // LMDDB_ENGINE_OPS_ITEM_KEY_H_
