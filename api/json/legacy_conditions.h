// The legacy condition maps — ScanFilter, QueryFilter, KeyConditions
// (Condition values) and Expected (ExpectedAttributeValue values) — read
// from a request, checked with DynamoDB's legacy texts, and translated into
// the condition expression they stand for (legacy_placeholders.h).
//
// Legacy operators evaluate as DynamoDB evaluates them, which is not always
// as the same-named expression function: NE holds for a missing attribute
// (as `<>` does), but NOT_CONTAINS does not (NOT contains() would), so it
// becomes `attribute_exists(a) AND NOT contains(a, v)`. NULL and NOT_NULL
// test whether the attribute exists at all, not its type. IN compares the
// attribute with each scalar of the list, never set membership.
//
// Thread safety: pure functions.
#ifndef LMDDB_API_JSON_LEGACY_CONDITIONS_H_
#define LMDDB_API_JSON_LEGACY_CONDITIONS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/json/legacy_placeholders.h"
#include "engine/common/constraint_errors.h"
#include "lmddb/attribute_value.hpp"
#include "lmddb/status.hpp"
#include "simdjson.h"

namespace lmddb::json {

enum class ComparisonOperator {
  kEq, kNe, kLe, kLt, kGe, kGt, kNotNull, kNull, kContains, kNotContains, kBeginsWith, kIn,
  kBetween,
};
const char* ComparisonOperatorName(ComparisonOperator op);  // "EQ", "NOT_NULL", ...

// One entry of a condition map. Condition uses `op` and `list`;
// ExpectedAttributeValue may use `value` and `exists` instead.
struct LegacyCondition {
  std::string attribute;
  std::optional<ComparisonOperator> op;  // absent only in Expected
  bool has_list = false;                 // AttributeValueList was sent
  std::vector<AttributeValue> list;
  std::optional<AttributeValue> value;   // Expected's Value
  std::optional<bool> exists;            // Expected's Exists
};
// In request order; a repeated JSON key keeps its last entry.
using LegacyConditions = std::vector<LegacyCondition>;

// Reads the Condition map `member` ("ScanFilter", "QueryFilter",
// "KeyConditions"); nullopt when absent. A bad or missing
// ComparisonOperator goes into `errors` with the member's path
// ("scanFilter.a.member.comparisonOperator").
StatusOr<std::optional<LegacyConditions>> ReadConditionMap(simdjson::dom::object o,
                                                           std::string_view member,
                                                           ConstraintErrors* errors);
// Reads Expected; nullopt when absent.
StatusOr<std::optional<LegacyConditions>> ReadExpected(simdjson::dom::object o,
                                                       ConstraintErrors* errors);

// DynamoDB's checks of a filter's conditions: each value valid, the
// operator's argument count, one type across the list, the types the
// operator accepts, BETWEEN's bounds in order.
Status ValidateFilter(const LegacyConditions& conditions);
// Expected's checks: which of ComparisonOperator, AttributeValueList,
// Value and Exists may go together, then ValidateFilter's.
Status ValidateExpected(const LegacyConditions& conditions);
// KeyConditions: ValidateFilter's checks, one or two conditions, and only
// operators a key range can use. Which attributes are keys is left to the
// engine.
Status ValidateKeyConditions(const LegacyConditions& conditions);

// The condition expression of validated `conditions`, joined with OR when
// `use_or`, else AND. REQUIRES: the matching Validate* returned OK, and
// `conditions` is not empty.
std::string TranslateConditions(const LegacyConditions& conditions, bool use_or,
                                LegacyPlaceholders* placeholders);

}  // namespace lmddb::json

#endif  // LMDDB_API_JSON_LEGACY_CONDITIONS_H_
