#include "engine/value/item_record.h"

#include "engine/common/status_macros.h"
#include "engine/value/item_codec.h"

namespace lmddb::value {

void AppendItemRecord(const Item& item, uint64_t size, std::string* out) {
  while (size >= 0x80) {
    out->push_back(static_cast<char>((size & 0x7F) | 0x80));
    size >>= 7;
  }
  out->push_back(static_cast<char>(size));
  EncodeItem(item, out);
}

StatusOr<ItemRecord> ParseItemRecord(std::string_view bytes) {
  ItemRecord record;
  for (int shift = 0; shift < 64; shift += 7) {
    if (bytes.empty()) break;
    uint8_t byte = static_cast<uint8_t>(bytes.front());
    bytes.remove_prefix(1);
    record.size |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) {
      record.encoded = bytes;
      return record;
    }
  }
  return Status::Internal("Corrupt item record: bad size header");
}

StatusOr<Item> DecodeItemRecord(std::string_view bytes) {
  LMDDB_ASSIGN_OR_RETURN(ItemRecord record, ParseItemRecord(bytes));
  return DecodeItem(record.encoded);
}

}  // namespace lmddb::value
