#include "engine/value/item_record.h"

#include "engine/common/status_macros.h"
#include "engine/value/item_codec.h"
#include "engine/value/varint.h"

namespace lmddb::value {

void AppendItemRecord(const Item& item, uint64_t size, std::string* out) {
  PutVarint(out, size);
  EncodeItem(item, out);
}

StatusOr<ItemRecord> ParseItemRecord(std::string_view bytes) {
  ItemRecord record;
  if (!GetVarint(&bytes, &record.size)) {
    return Status::Internal("Corrupt item record: bad size header");
  }
  record.encoded = bytes;
  return record;
}

StatusOr<Item> DecodeItemRecord(std::string_view bytes) {
  LMDDB_ASSIGN_OR_RETURN(ItemRecord record, ParseItemRecord(bytes));
  return DecodeItem(record.encoded);
}

}  // namespace lmddb::value
