// The stored form of an Item: a compact, versioned binary encoding (the
// LMDB value of an item, an index projection, a stream image). The byte
// layout is in docs/item_format.md.
//
// Every value carries its length (or has a size fixed by its type), so a
// reader can skip an attribute, a list element or a whole nested document in
// O(1). ItemView and ListView use that to find one attribute, or walk a
// document path for a projection or a condition, without decoding the item
// and without allocating; Decode() then materializes only what is needed.
//
// Stored bytes may be corrupt (a torn page, a bug, a hostile file), so every
// reader here bounds-checks each read and returns Status::Internal on bad
// input; nesting is bounded by kMaxDecodeDepth so decoding cannot exhaust
// the stack.
//
// Thread safety: free functions are reentrant. ItemView and ListView are
// immutable views; they borrow the encoded bytes, which must outlive them.
#ifndef LMDDB_ENGINE_VALUE_ITEM_CODEC_H_
#define LMDDB_ENGINE_VALUE_ITEM_CODEC_H_

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include "lmddb/attribute_value.hpp"
#include "lmddb/status.hpp"

namespace lmddb::value {

// First byte of every encoded item. Stored on disk: a new layout gets a new
// version and the decoder keeps reading the old ones.
inline constexpr uint8_t kItemFormatVersion = 1;

// Deepest nesting the decoder accepts, counting a top-level attribute value
// as level 1. Twice DynamoDB's 32 levels, so every item that passed
// validation decodes, while a corrupt buffer still cannot recurse without
// bound.
inline constexpr int kMaxDecodeDepth = 64;

// Appends the encoding of `item` to *out. Attributes are written in the
// item's (byte-wise sorted) order. Grows *out in place: no allocation per
// attribute.
// REQUIRES: nesting within kMaxDecodeDepth (validated items always are).
// The encoder recurses once per nesting level.
void EncodeItem(const Item& item, std::string* out);

// Decodes a whole item. Corrupt or truncated input (bad version, lengths
// past the end, unknown type tags, duplicate names, out-of-range numbers,
// trailing bytes, nesting beyond kMaxDecodeDepth) returns
// Status::Internal; it never reads outside `bytes`.
StatusOr<Item> DecodeItem(std::string_view bytes);

// One encoded value, borrowed from the encoded item. `payload` is the value
// without its type tag and length prefix:
//   S, B        the string's bytes (compare them in place, no decoding)
//   N           the number's encoding (docs/item_format.md)
//   BOOL        one byte, 0 or 1; NULL: empty
//   L, M        the body: element count, then the elements
//   SS, NS, BS  the body: member count, then the members
struct ValueView {
  AttributeValue::Type type = AttributeValue::Type::kNull;
  std::string_view payload;
};

// A top-level attribute (or an M entry) as found in the encoding.
struct AttributeView {
  std::string_view name;
  ValueView value;
};

// Decodes one value (and everything nested in it). Errors as DecodeItem;
// nesting is counted from `value` as level 1.
StatusOr<AttributeValue> DecodeValue(ValueView value);

// A read-only view of an encoded item, or of an encoded M value: its
// attributes in stored order, each as (name, type, payload).
//
// Open checks the framing of every entry at this level (names, type tags,
// lengths, count, no trailing bytes), so iterating and Find cannot fail
// afterwards. Nested values are checked only when decoded or opened.
class ItemView {
 public:
  class Iterator;

  // `encoded` is the output of EncodeItem. Borrows it.
  static StatusOr<ItemView> Open(std::string_view encoded);
  // The entries of an M value, e.g. from Find(). Borrows its payload.
  // A `map` of another type is an Internal error.
  static StatusOr<ItemView> OpenMap(ValueView map);
  // The empty item: what a condition sees when no item has the key.
  ItemView() = default;

  // Number of attributes.
  size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }

  Iterator begin() const;
  Iterator end() const;

  // The value named `name`, skipping the others without decoding them;
  // nullopt if absent. Linear in the number of attributes at this level.
  std::optional<ValueView> Find(std::string_view name) const;

  // Same as DecodeValue(value).
  static StatusOr<AttributeValue> Decode(ValueView value) { return DecodeValue(value); }

 private:
  ItemView(std::string_view entries, size_t count) : entries_(entries), count_(count) {}

  std::string_view entries_;  // the encoded entries, nothing before or after
  size_t count_ = 0;
};

// Forward iterator over an ItemView's entries; allocation-free.
class ItemView::Iterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = AttributeView;
  using difference_type = std::ptrdiff_t;
  using pointer = const AttributeView*;
  using reference = const AttributeView&;

  Iterator() = default;

  reference operator*() const { return current_; }
  pointer operator->() const { return &current_; }
  Iterator& operator++();
  Iterator operator++(int) {
    Iterator old = *this;
    ++*this;
    return old;
  }
  friend bool operator==(const Iterator& a, const Iterator& b) { return a.pos_ == b.pos_; }

 private:
  friend class ItemView;
  // `rest` starts at an entry (or is empty at the end).
  explicit Iterator(std::string_view rest);

  const char* pos_ = nullptr;  // start of current_ in the encoding
  std::string_view rest_;      // bytes after current_
  AttributeView current_;
};

// A read-only view of an encoded L value's elements; the list counterpart of
// ItemView, with the same checking contract.
class ListView {
 public:
  class Iterator;

  // A `list` of another type is an Internal error. Borrows its payload.
  static StatusOr<ListView> Open(ValueView list);

  size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }

  Iterator begin() const;
  Iterator end() const;

  // Element `index` (as in a document path `a[3]`), or nullopt when out of
  // range. Linear in `index`: each element before it is skipped in O(1).
  std::optional<ValueView> At(size_t index) const;

 private:
  ListView(std::string_view elements, size_t count) : elements_(elements), count_(count) {}

  std::string_view elements_;
  size_t count_ = 0;
};

class ListView::Iterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = ValueView;
  using difference_type = std::ptrdiff_t;
  using pointer = const ValueView*;
  using reference = const ValueView&;

  Iterator() = default;

  reference operator*() const { return current_; }
  pointer operator->() const { return &current_; }
  Iterator& operator++();
  Iterator operator++(int) {
    Iterator old = *this;
    ++*this;
    return old;
  }
  friend bool operator==(const Iterator& a, const Iterator& b) { return a.pos_ == b.pos_; }

 private:
  friend class ListView;
  explicit Iterator(std::string_view rest);

  const char* pos_ = nullptr;
  std::string_view rest_;
  ValueView current_;
};

}  // namespace lmddb::value

#endif  // LMDDB_ENGINE_VALUE_ITEM_CODEC_H_
