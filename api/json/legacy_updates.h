// AttributeUpdates, UpdateItem's legacy form of UpdateExpression: read with
// DynamoDB's texts, checked, and translated into the UpdateExpression it
// stands for:
//   PUT (the default) a value      SET a = v
//   ADD a number or a set          ADD a v
//   ADD a list                     SET a = list_append(if_not_exists(a, []), v)
//   DELETE a set's members         DELETE a v
//   DELETE without a value         REMOVE a
//
// Thread safety: pure functions.
#ifndef LMDDB_API_JSON_LEGACY_UPDATES_H_
#define LMDDB_API_JSON_LEGACY_UPDATES_H_

#include <optional>
#include <string>
#include <vector>

#include "api/json/legacy_placeholders.h"
#include "engine/common/constraint_errors.h"
#include "lmddb/attribute_value.hpp"
#include "lmddb/status.hpp"
#include "simdjson.h"

namespace lmddb::json {

struct LegacyUpdate {
  enum class Action { kPut, kAdd, kDelete };
  std::string attribute;
  Action action = Action::kPut;
  std::optional<AttributeValue> value;
};
// In request order; a repeated JSON key keeps its last entry.
using LegacyUpdates = std::vector<LegacyUpdate>;

// AttributeUpdates of `o`, nullopt when absent; an Action outside [ADD,
// PUT, DELETE] goes into `errors`.
StatusOr<std::optional<LegacyUpdates>> ReadAttributeUpdates(simdjson::dom::object o,
                                                           ConstraintErrors* errors);

// Each value valid, a value for every action but DELETE, DELETE's value a
// set, ADD's a number, set or list.
Status ValidateAttributeUpdates(const LegacyUpdates& updates);

// The UpdateExpression of validated `updates`; nullopt when empty.
std::optional<std::string> TranslateAttributeUpdates(const LegacyUpdates& updates,
                                                     LegacyPlaceholders* placeholders);

// The engine's error for an ADD or DELETE whose value does not fit the
// stored attribute, in DynamoDB's legacy words.
Status LegacyUpdateError(Status s);

}  // namespace lmddb::json

#endif  // LMDDB_API_JSON_LEGACY_UPDATES_H_
