// DynamoDB's item size: what the 400 KB item limit, the 1 MB page limit and
// capacity units are measured in. It is DynamoDB's accounting, not the
// size of lmddb's stored encoding (item_codec.h), which is smaller.
//
// Rules (Developer Guide "Item sizes and formats"; exact per-type figures
// as in dynalite's db/index.js valSize, which was checked against
// DynamoDB's consumed capacity):
//   attribute   UTF-8 bytes of the name + size of the value
//   S           UTF-8 bytes          B        raw (decoded) bytes
//   N           see NumberSize()     BOOL, NULL  1
//   L           3 + sum(1 + element size)
//   M           3 + sum(1 + UTF-8 key bytes + value size)
//   SS, NS, BS  sum of member sizes
//
// Thread safety: pure functions.
#ifndef LMDDB_ENGINE_VALUE_ITEM_SIZE_H_
#define LMDDB_ENGINE_VALUE_ITEM_SIZE_H_

#include <cstddef>

#include "lmddb/attribute_value.hpp"
#include "lmddb/number.hpp"

namespace lmddb::value {

// DynamoDB's maximum item size, 400 KB (KB = 1024 bytes).
inline constexpr size_t kMaxItemSize = 409600;

// Size of a number. DynamoDB stores the significant digits (sign, leading
// and trailing zeros stripped) two per byte, plus one byte of exponent;
// this is dynalite's valSize rule:
//   zero                           1
//   otherwise  1 + ceil(digits / 2)
//              + 1 if digits and the leading digit's exponent are both even
//                (the digit pairs are aligned on the decimal point, so an
//                even run starting at an even position spans one more pair)
//              + 1 if negative (negative numbers carry a terminator byte).
size_t NumberSize(const Number& n);

// Size of one value, nested values included. Iterative: any nesting depth
// is safe.
size_t AttributeValueSize(const AttributeValue& value);

// Sum over attributes of UTF-8 name bytes + AttributeValueSize.
size_t ItemSize(const Item& item);

}  // namespace lmddb::value

#endif  // LMDDB_ENGINE_VALUE_ITEM_SIZE_H_
