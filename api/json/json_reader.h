// Typed reads of request members from a simdjson DOM, with the
// SerializationException texts DynamoDB's JSON deserializer gives when a
// member has the wrong JSON type (e.g. "NUMBER_VALUE cannot be converted to
// String"). A member whose value is JSON null counts as absent, as it does
// for DynamoDB; members a request does not know are never looked at.
//
// Thread safety: pure functions over caller-owned DOM elements.
#ifndef LMDDB_API_JSON_JSON_READER_H_
#define LMDDB_API_JSON_JSON_READER_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "lmddb/status.hpp"
#include "simdjson.h"

namespace lmddb::json {

// Parses `body` into `*root` with this thread's parser, whose buffers are
// reused from request to request. The body is copied into `*padded`
// (simdjson reads past the end of its input); `*root` is valid while
// `*padded` lives and until this thread parses the next body. Invalid JSON,
// an empty body or a top level that is not an object are
// SerializationExceptions.
Status ParseRequestBody(std::string_view body, simdjson::padded_string* padded,
                        simdjson::dom::object* root);

Status SerializationError(std::string message);

// The member `key` of `object`, or nullopt when absent or null.
std::optional<simdjson::dom::element> Member(simdjson::dom::object object, std::string_view key);
// Whether `object` has a member named one of `keys` (null or not), in one
// pass over its members.
bool HasAnyMember(simdjson::dom::object object, std::initializer_list<std::string_view> keys);

// Type checks of one JSON value, by the Java type DynamoDB deserializes
// into. `type_name` is the model shape's simple name ("AttributeValue",
// "ProvisionedThroughput"), used in the texts for arrays. A JSON integer
// read as an Integer or Long beyond its range is refused; a decimal is
// truncated, as Java's deserializer does.
StatusOr<std::string_view> AsString(simdjson::dom::element value);
StatusOr<bool> AsBool(simdjson::dom::element value);
// `java_type` is "Integer" or "Long".
StatusOr<int64_t> AsInteger(simdjson::dom::element value, std::string_view java_type);
StatusOr<std::string> AsBlob(simdjson::dom::element value);  // base64 decoded
StatusOr<simdjson::dom::array> AsList(simdjson::dom::element value);
// A map of names to `value_class` (fully qualified Java class).
StatusOr<simdjson::dom::object> AsMap(simdjson::dom::element value, std::string_view value_class);
// A structure that is a list element or map value.
StatusOr<simdjson::dom::object> AsValueStruct(simdjson::dom::element value,
                                               std::string_view type_name);
// A structure that is a member of another structure.
StatusOr<simdjson::dom::object> AsFieldStruct(simdjson::dom::element value,
                                               std::string_view type_name);

// Member readers: nullopt when the member is absent or null.
StatusOr<std::optional<std::string>> OptionalString(simdjson::dom::object o, std::string_view key);
StatusOr<std::optional<bool>> OptionalBool(simdjson::dom::object o, std::string_view key);
StatusOr<std::optional<int64_t>> OptionalInteger(simdjson::dom::object o, std::string_view key,
                                                 std::string_view java_type);

inline constexpr std::string_view kModelPackage = "com.amazonaws.dynamodb.v20120810.";

}  // namespace lmddb::json

#endif  // LMDDB_API_JSON_JSON_READER_H_
