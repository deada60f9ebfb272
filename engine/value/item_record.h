// The record stored for an item in a table's items database:
//
//   varint  DynamoDB item size (value/item_size.h)
//   bytes   the item in the item codec's format (docs/item_format.md)
//
// Keeping the size in front lets a write account for the old item's size
// (TableSizeBytes, capacity units) without decoding it.
#ifndef LMDDB_ENGINE_VALUE_ITEM_RECORD_H_
#define LMDDB_ENGINE_VALUE_ITEM_RECORD_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "lmddb/attribute_value.hpp"
#include "lmddb/status.hpp"

namespace lmddb::value {

struct ItemRecord {
  uint64_t size = 0;          // DynamoDB item size in bytes
  std::string_view encoded;   // item codec bytes
};

// Appends the record of `item`, whose DynamoDB size is `size`.
void AppendItemRecord(const Item& item, uint64_t size, std::string* out);

// Splits a stored record. Errors: Internal when it is malformed.
StatusOr<ItemRecord> ParseItemRecord(std::string_view bytes);

// Parses and decodes the whole item.
StatusOr<Item> DecodeItemRecord(std::string_view bytes);

}  // namespace lmddb::value

#endif  // LMDDB_ENGINE_VALUE_ITEM_RECORD_H_
