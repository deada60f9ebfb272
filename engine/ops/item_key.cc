#include "engine/ops/item_key.h"

#include "engine/common/status_macros.h"
#include "engine/keycodec/primary_key.h"
#include "engine/keycodec/value_codec.h"
#include "engine/value/item_codec.h"

namespace lmddb::ops {
namespace {

// Whether the encoded item's attribute `name` equals key value `want`.
bool AttributeMatches(const value::ItemView& view, std::string_view name,
                      const AttributeValue& want) {
  std::optional<value::ValueView> found = view.Find(name);
  if (!found || found->type != want.type()) return false;
  auto decoded = value::ItemView::Decode(*found);
  return decoded.ok() && keycodec::CompareKeyValues(*decoded, want) == 0;
}

}  // namespace

std::string EncodeItemKey(const KeyValues& key) {
  return keycodec::EncodePrimaryKey(*key.hash, key.range);
}

StatusOr<std::optional<value::ItemRecord>> CheckStoredItem(const catalog::Table& table,
                                                           std::optional<std::string_view> stored,
                                                           std::string_view lmdb_key,
                                                           const KeyValues& key, bool for_write) {
  if (!stored) return std::optional<value::ItemRecord>();
  LMDDB_ASSIGN_OR_RETURN(value::ItemRecord record, value::ParseItemRecord(*stored));
  // Only keys stored as digests can be shared by two different keys.
  LMDDB_ASSIGN_OR_RETURN(keycodec::PrimaryKeyParts parts, keycodec::ParsePrimaryKey(lmdb_key));
  if (!parts.partition_key_hashed && !parts.sort_key_overflow) {
    return std::optional<value::ItemRecord>(record);
  }
  LMDDB_ASSIGN_OR_RETURN(value::ItemView view, value::ItemView::Open(record.encoded));
  bool same = AttributeMatches(view, table.schema.hash_key.name, *key.hash) &&
              (key.range == nullptr ||
               AttributeMatches(view, table.schema.range_key->name, *key.range));
  if (same) return std::optional<value::ItemRecord>(record);
  if (for_write) {
    return Status::Internal(
        "Key digest collision with an existing item; the write was refused to keep that item");
  }
  return std::optional<value::ItemRecord>();
}

}  // namespace lmddb::ops
