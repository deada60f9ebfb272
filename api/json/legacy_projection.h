// AttributesToGet, the legacy form of ProjectionExpression, in GetItem,
// Query, Scan and BatchGetItem's KeysAndAttributes: read with DynamoDB's
// constraint texts, checked for duplicates, and translated into a
// ProjectionExpression of generated name placeholders (so that names with
// dots or reserved words mean the top-level attribute, as they do here).
//
// Thread safety: pure functions.
#ifndef LMDDB_API_JSON_LEGACY_PROJECTION_H_
#define LMDDB_API_JSON_LEGACY_PROJECTION_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/json/legacy_placeholders.h"
#include "engine/common/constraint_errors.h"
#include "lmddb/operations.hpp"
#include "lmddb/status.hpp"
#include "simdjson.h"

namespace lmddb::json {

// AttributesToGet of object `o`, nullopt when absent. Its length (1..255)
// is checked into `errors` at `path` ("attributesToGet", or
// "requestItems.<table>.member.attributesToGet").
StatusOr<std::optional<std::vector<std::string>>> ReadAttributesToGet(simdjson::dom::object o,
                                                                      std::string_view path,
                                                                      ConstraintErrors* errors);

// "One or more parameter values were invalid: Duplicate value in attribute
// name: a" for the first repeated name.
Status CheckAttributesToGet(const std::vector<std::string>& attributes);

// The ProjectionExpression naming `attributes`.
std::string TranslateAttributesToGet(const std::vector<std::string>& attributes,
                                     LegacyPlaceholders* placeholders);

// BatchGetItem: reads AttributesToGet of one KeysAndAttributes object `o`
// (already read into `*keys`, with `path` as in ReadAttributesToGet) and,
// when present, checks it (including mixing with ProjectionExpression) and
// sets keys->projection_expression and its names. Constraint failures go
// into `errors`; the rest are returned.
Status ApplyLegacyKeysAndAttributes(simdjson::dom::object o, std::string_view path,
                                    KeysAndAttributes* keys, ConstraintErrors* errors);

}  // namespace lmddb::json

#endif  // LMDDB_API_JSON_LEGACY_PROJECTION_H_
