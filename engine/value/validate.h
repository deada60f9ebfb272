// DynamoDB's checks on attribute values and items, with DynamoDB's messages
// (ValidationException), run before anything is written: sets non-empty
// and duplicate-free, nesting within 32 levels, attribute names non-empty,
// items within 400 KB. Numbers need no check here: a Number cannot hold an
// unstorable value.
//
// Values may arrive nested arbitrarily deep (from JSON, before this check).
// Validation recurses at most kMaxNestingLevels + 1 frames and stops there,
// so hostile nesting cannot overflow the stack.
//
// Thread safety: pure functions.
#ifndef LMDDB_ENGINE_VALUE_VALIDATE_H_
#define LMDDB_ENGINE_VALUE_VALIDATE_H_

#include "lmddb/attribute_value.hpp"
#include "lmddb/status.hpp"

namespace lmddb::value {

// DynamoDB's document nesting limit. Levels count values along a path: a
// top-level attribute value is level 1, an element of an L or M at level k
// is at level k + 1. A value at level 33 is refused. So 32 nested L/M
// levels are accepted when the innermost is empty, and a scalar may sit
// inside at most 31 of them. This matches DynamoDB as measured (a leaf
// wrapped in 31 maps is stored, in 32 maps refused).
inline constexpr int kMaxNestingLevels = 32;

// Checks one value as a top-level attribute value (level 1), e.g. an item
// attribute or an ExpressionAttributeValues entry. Returns the first
// problem in document order (list order; map entries in key order), as a
// ValidationException. Prefix P = "One or more parameter values were invalid: ".
//   empty SS   P + "An string set  may not be empty"  (two spaces, as DynamoDB)
//   empty NS   P + "An number set  may not be empty"
//   empty BS   P + "Binary sets should not be empty"
//   SS dup     P + "Input collection [a, b, a] contains duplicates."
//              (all members, in the given order)
//   BS dup     P + "Input collection [YQ==, YQ==]of type BS contains duplicates."
//              (members in base64)
//   NS dup     "Input collection contains duplicates"  (no prefix, no members;
//              members compared numerically, so 1 and 1.0 are duplicates)
//   too deep   "Nesting Levels have exceeded supported limits: Attributes in
//              the item have nested levels beyond supported limit" (one line)
Status ValidateAttributeValue(const AttributeValue& value);

// Checks every attribute: a non-empty name (P + "An attribute name may not
// be empty"; DynamoDB's text for this case is unconfirmed) and
// ValidateAttributeValue. Then the whole item's size against kMaxItemSize:
// "Item size has exceeded the maximum allowed size". Names inside M values
// are not checked. Returns the item's DynamoDB size (item_size.h), so a
// writer need not compute it again.
StatusOr<size_t> ValidateItem(const Item& item);

// ValidateItem for the result of an UpdateItem, whose size error DynamoDB
// words differently: "Item size to update has exceeded the maximum allowed size".
StatusOr<size_t> ValidateUpdatedItem(const Item& item);

}  // namespace lmddb::value

#endif  // LMDDB_ENGINE_VALUE_VALIDATE_H_
