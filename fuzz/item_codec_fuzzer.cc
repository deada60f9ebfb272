// Fuzzes the stored item decoder (engine/value/item_codec.h) on arbitrary
// bytes, as a corrupt or hostile data file would present them. DecodeItem,
// ItemView and ListView may reject the input but must never read outside
// it, recurse without bound, crash or leak. Invariants (trap on violation):
//   - when DecodeItem succeeds, ItemView::Open succeeds too, sees the same
//     attributes, and each decodes to the same value;
//   - a decoded item re-encodes to bytes that decode to the same item, and
//     encoding is stable (encode(decode(encode(x))) == encode(x)).
// The input is the encoded item itself (the seeds are encodings of small
// items; see fuzz/README.md).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/value/item_codec.h"
#include "lmddb/attribute_value.hpp"
#include "lmddb/status.hpp"

namespace {

using lmddb::AttributeValue;
using lmddb::value::ItemView;
using lmddb::value::ListView;
using lmddb::value::ValueView;

#define FUZZ_CHECK(cond)           \
  do {                             \
    if (!(cond)) __builtin_trap(); \
  } while (0)

// Walks the views the way a condition or projection does: opens nested maps
// and lists level by level, looks elements up, and decodes leaves. Views do
// their own bounds checks, so this must be safe on any input; the depth
// bound only keeps the walk itself short.
void Walk(const ItemView& map, int depth);

void WalkValue(ValueView value, int depth) {
  if (depth > lmddb::value::kMaxDecodeDepth + 2) return;
  (void)lmddb::value::DecodeValue(value);
  if (value.type == AttributeValue::Type::kM) {
    auto nested = ItemView::OpenMap(value);
    if (nested.ok()) Walk(*nested, depth + 1);
  } else if (value.type == AttributeValue::Type::kL) {
    auto list = ListView::Open(value);
    if (!list.ok()) return;
    size_t count = 0;
    for (const ValueView& element : *list) {
      WalkValue(element, depth + 1);
      ++count;
    }
    FUZZ_CHECK(count == list->size());
    FUZZ_CHECK(!list->At(list->size()).has_value());
    if (!list->empty()) FUZZ_CHECK(list->At(list->size() - 1).has_value());
  }
}

void Walk(const ItemView& map, int depth) {
  size_t count = 0;
  for (const auto& attribute : map) {
    FUZZ_CHECK(map.Find(attribute.name).has_value());
    WalkValue(attribute.value, depth);
    ++count;
  }
  FUZZ_CHECK(count == map.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  auto view = ItemView::Open(bytes);
  if (view.ok()) Walk(*view, 1);

  auto item = lmddb::value::DecodeItem(bytes);
  if (!item.ok()) {
    FUZZ_CHECK(item.status().type() == lmddb::ErrorType::kInternalServerError);
    return 0;
  }
  FUZZ_CHECK(view.ok() && view->size() == item->size());
  for (const auto& attribute : *view) {
    auto it = item->find(attribute.name);
    FUZZ_CHECK(it != item->end());
    auto value = lmddb::value::DecodeValue(attribute.value);
    FUZZ_CHECK(value.ok() && *value == it->second);
  }

  std::string encoded;
  lmddb::value::EncodeItem(*item, &encoded);
  auto again = lmddb::value::DecodeItem(encoded);
  FUZZ_CHECK(again.ok() && *again == *item);
  std::string reencoded;
  lmddb::value::EncodeItem(*again, &reencoded);
  FUZZ_CHECK(reencoded == encoded);
  return 0;
}
