// DynamoDB's value comparisons for condition evaluation (evaluate.h):
// equality, ordering, begins_with, contains and size, on values that are
// either still in their stored encoding or already decoded.
//
// A condition compares attributes of a stored item with
// ExpressionAttributeValues. Reading the stored side in place avoids
// decoding: S and B compare their bytes where they lie, N decodes only the
// number, a set or list is walked member by member for contains(), and
// size() reads a count. Only equality of documents and sets decodes them.
//
// Semantics (as tests run against DynamoDB record them, chiefly
// Alternator's test_condition_expression.py and test_filter_expression.py):
//   - Equality needs equal types. Sets compare as sets (order ignored), N
//     numerically (1 = 1.0 = 1e0), L elementwise, M by keys and values.
//   - Ordering exists only for S and B (unsigned bytes, so 0xFF > 0x01) and
//     N (numerically), between two values of the same type.
//   - begins_with: S with S, or B with B, prefix of bytes.
//   - contains: S in S and B in B as a substring; a member of SS, NS or BS
//     of the matching scalar type; an element of an L equal to the operand
//     (any type). Nothing else contains anything (M, N, BOOL, NULL).
//   - size: bytes of S (UTF-8, as item sizes count them) or B, element
//     count of L, M, SS, NS, BS; no size for N, BOOL or NULL.
//
// Errors: only Status::Internal, for corrupt stored bytes.
//
// Thread safety: ValueRef is a borrowed view; functions are pure.
#ifndef LMDDB_ENGINE_EXPR_COMPARE_H_
#define LMDDB_ENGINE_EXPR_COMPARE_H_

#include <optional>
#include <string_view>

#include "engine/value/item_codec.h"
#include "lmddb/attribute_value.hpp"
#include "lmddb/number.hpp"
#include "lmddb/status.hpp"

namespace lmddb::expr {

// A present value: stored (a view into an encoded item), decoded (borrowed),
// or a number computed while evaluating (size()). Cheap to copy; the
// stored bytes and decoded value must outlive it.
class ValueRef {
 public:
  static ValueRef Stored(value::ValueView v) { return ValueRef(v); }
  static ValueRef Decoded(const AttributeValue& v) { return ValueRef(&v); }
  static ValueRef Computed(const Number& n) { return ValueRef(n); }

  AttributeValue::Type type() const;

  // S or B contents, in place. REQUIRES: type() is kS or kB.
  std::string_view bytes() const;
  // REQUIRES: type() is kN.
  StatusOr<Number> number() const;
  // A decoded copy (decodes a stored value and everything nested in it).
  StatusOr<AttributeValue> Decode() const;

  bool is_stored() const { return kind_ == Kind::kStored; }
  const value::ValueView& stored() const { return stored_; }
  const AttributeValue* decoded() const { return decoded_; }

 private:
  enum class Kind : uint8_t { kStored, kDecoded, kComputed };
  explicit ValueRef(value::ValueView v) : kind_(Kind::kStored), stored_(v) {}
  explicit ValueRef(const AttributeValue* v) : kind_(Kind::kDecoded), decoded_(v) {}
  explicit ValueRef(const Number& n) : kind_(Kind::kComputed), number_(n) {}

  Kind kind_;
  value::ValueView stored_;
  const AttributeValue* decoded_ = nullptr;
  Number number_;
};

// DynamoDB equality (`=`, IN, list membership). False for different types.
StatusOr<bool> Equal(const ValueRef& a, const ValueRef& b);

// Ordering of two values: negative, zero or positive as a < b, a == b,
// a > b; nullopt when they are not ordered (different types, or a type
// other than S, N, B), which makes <, <=, >, >= and BETWEEN false.
StatusOr<std::optional<int>> Order(const ValueRef& a, const ValueRef& b);

// begins_with(value, prefix).
bool BeginsWith(const ValueRef& value, const ValueRef& prefix);

// contains(container, operand).
StatusOr<bool> Contains(const ValueRef& container, const ValueRef& operand);

// size(value); nullopt for types without a size.
StatusOr<std::optional<Number>> Size(const ValueRef& value);

}  // namespace lmddb::expr

#endif  // LMDDB_ENGINE_EXPR_COMPARE_H_
