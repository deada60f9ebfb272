// Set arithmetic for UpdateExpression's ADD (union) and DELETE
// (difference) on SS, NS and BS values. Results never hold a member twice:
// strings and binaries compare bytewise, numbers numerically (1 and 1.0 are
// one member, as Number keeps them in one normalized form).
//
// Work is O((n + m) log(n + m)) for sets of n and m members, so a large
// stored set meets a large operand without quadratic cost.
//
// Thread safety: pure functions.
#ifndef LMDDB_ENGINE_EXPR_UPDATE_SETS_H_
#define LMDDB_ENGINE_EXPR_UPDATE_SETS_H_

#include "lmddb/attribute_value.hpp"

namespace lmddb::expr {

// True for SS, NS and BS.
bool IsSetType(AttributeValue::Type type);

// a ∪ b: a's members in their order, then b's members that are not yet
// present, in b's order. REQUIRES: a and b are sets of the same type.
AttributeValue SetUnion(const AttributeValue& a, const AttributeValue& b);

// a \ b: a's members, in their order, that b does not hold. The result may
// be empty (DynamoDB then removes the attribute; the caller decides).
// REQUIRES: a and b are sets of the same type.
AttributeValue SetDifference(const AttributeValue& a, const AttributeValue& b);

// Number of members of a set. REQUIRES: IsSetType(set.type()).
size_t SetSize(const AttributeValue& set);

}  // namespace lmddb::expr

#endif  // LMDDB_ENGINE_EXPR_UPDATE_SETS_H_
