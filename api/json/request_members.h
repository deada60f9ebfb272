// Members shared by several requests (table names, expression maps, the
// Return* enums), read from a request object with DynamoDB's texts: wrong
// JSON types fail at once (SerializationException); missing required
// members and values outside an enum are collected into ConstraintErrors,
// which renders DynamoDB's "N validation errors detected: ..." form.
//
// Thread safety: pure functions.
#ifndef LMDDB_API_JSON_REQUEST_MEMBERS_H_
#define LMDDB_API_JSON_REQUEST_MEMBERS_H_

#include <optional>
#include <string>
#include <string_view>

#include "engine/common/constraint_errors.h"
#include "lmddb/operations.hpp"
#include "lmddb/status.hpp"
#include "simdjson.h"

namespace lmddb::json {

inline constexpr std::string_view kMustNotBeNull = "Member must not be null";

// A required string member; absent or null adds "Value null at '<path>'".
StatusOr<std::string> RequiredString(simdjson::dom::object o, std::string_view key,
                                     std::string_view path, ConstraintErrors* errors);
// A required Map<AttributeValue> member (Key, Item).
StatusOr<Item> RequiredItem(simdjson::dom::object o, std::string_view key, std::string_view path,
                            ConstraintErrors* errors);
StatusOr<std::optional<Item>> OptionalItem(simdjson::dom::object o, std::string_view key);
StatusOr<std::optional<ExpressionAttributeNames>> OptionalNames(simdjson::dom::object o);

// Enum members: nullopt when absent; a value outside the set adds DynamoDB's
// "Member must satisfy enum value set: [...]" and gives nullopt.
StatusOr<std::optional<ReturnValue>> OptionalReturnValues(simdjson::dom::object o,
                                                          ConstraintErrors* errors);
StatusOr<std::optional<ReturnConsumedCapacity>> OptionalReturnConsumedCapacity(
    simdjson::dom::object o, ConstraintErrors* errors);
StatusOr<std::optional<ReturnValuesOnConditionCheckFailure>> OptionalReturnValuesOnFailure(
    simdjson::dom::object o, ConstraintErrors* errors);

// The same member of an action nested in a request (TransactWriteItems):
// `path` names it in constraint errors.
StatusOr<std::optional<ReturnValuesOnConditionCheckFailure>> OptionalReturnValuesOnFailure(
    simdjson::dom::object o, std::string_view path, ConstraintErrors* errors);
// ReturnItemCollectionMetrics is checked against its enum ([SIZE, NONE])
// and otherwise ignored: lmddb reports no item collection metrics.
Status CheckReturnItemCollectionMetrics(simdjson::dom::object o, ConstraintErrors* errors);

// Values whose Java type is a generic collection inside another collection
// (BatchWriteItem's RequestItems lists, BatchGetItem's Keys entries): a
// scalar there fails in DynamoDB's deserializer with a ClassCastException
// text rather than the usual type message.
StatusOr<simdjson::dom::array> AsParameterizedList(simdjson::dom::element value);
StatusOr<Item> DecodeParameterizedItem(simdjson::dom::element value);

// Epoch milliseconds as DynamoDB's epoch seconds (a JSON number such as
// 1700000000.123).
std::string EpochSeconds(int64_t ms);
// A double as Java prints it in DynamoDB's responses ("1.0", "0.5").
std::string JavaDouble(double v);

}  // namespace lmddb::json

#endif  // LMDDB_API_JSON_REQUEST_MEMBERS_H_
