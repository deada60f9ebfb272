// The shared machinery of the legacy (non-expression) request parameters:
// AttributesToGet, KeyConditions, QueryFilter, ScanFilter, Expected,
// AttributeUpdates and ConditionalOperator. Each of them is translated into
// the expression it stands for, with generated #name and :value
// placeholders added to the request's ExpressionAttributeNames and
// ExpressionAttributeValues, so that one engine path serves both forms.
//
// The placeholders begin with a prefix that no key of the caller's maps
// begins with, so they never collide (a request may carry both forms only in
// Query, where KeyConditions combines with FilterExpression and
// ProjectionExpression).
//
// Thread safety: LegacyPlaceholders is a value type used by one thread;
// the functions are pure.
#ifndef LMDDB_API_JSON_LEGACY_PLACEHOLDERS_H_
#define LMDDB_API_JSON_LEGACY_PLACEHOLDERS_H_

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "engine/common/constraint_errors.h"
#include "lmddb/operations.hpp"
#include "lmddb/status.hpp"
#include "simdjson.h"

namespace lmddb::json {

class LegacyPlaceholders {
 public:
  // `names` and `values` are the caller's own maps (may be absent).
  LegacyPlaceholders(const std::optional<ExpressionAttributeNames>& names,
                     const std::optional<ExpressionAttributeValues>& values);

  // The placeholder of attribute `name` ("#<prefix>3"); the same name gets
  // the same placeholder.
  std::string Name(std::string_view name);
  // A new placeholder for `value` (":<prefix>4").
  std::string Value(AttributeValue value);

  // Adds the generated placeholders to the request's maps, creating them
  // when absent. Leaves a map untouched when nothing was generated for it.
  void MergeInto(std::optional<ExpressionAttributeNames>* names,
                 std::optional<ExpressionAttributeValues>* values) &&;

 private:
  std::string prefix_;
  std::map<std::string, std::string, std::less<>> name_of_attribute_;
  ExpressionAttributeNames names_;
  ExpressionAttributeValues values_;
  size_t value_count_ = 0;
};

// A request member's name paired with whether the request carries it.
using PresentMember = std::pair<std::string_view, bool>;

// DynamoDB's "Can not use both expression and non-expression parameters in
// the same request: Non-expression parameters: {A, B} Expression
// parameters: {C}" when members of both lists are present (each list in
// DynamoDB's order for the operation); OK otherwise.
Status CheckNoMixing(std::initializer_list<PresentMember> non_expression,
                     std::initializer_list<PresentMember> expression);

// ExpressionAttributeNames/Values sent with legacy parameters only: the
// texts DynamoDB gives when no expression is present. `value_expressions`
// lists the operation's expression members in the order the engine's own
// message names them ("FilterExpression is null and ...").
Status CheckNoExpressionMaps(bool has_names, bool has_values,
                             std::initializer_list<std::string_view> value_expressions);

// ConditionalOperator, read with its enum check ("conditionalOperator");
// true for OR.
StatusOr<std::optional<bool>> ReadConditionalOperator(simdjson::dom::object o,
                                                      ConstraintErrors* errors);
// ConditionalOperator needs a filter (or Expected) of two or more
// conditions. `conditions` is the number of entries, nullopt when absent.
Status CheckConditionalOperator(bool has_operator, std::optional<size_t> conditions);

// A ValidationException from the engine whose message contains `from`,
// given back with its first `from` replaced by `to` (the engine names the expression
// a legacy parameter became; DynamoDB names the legacy parameter). Any other
// status is returned as is.
Status RenameInError(Status s, std::string_view from, std::string_view to);

// True when DynamoDB would refuse `table_name` before looking at anything
// else; the legacy checks are then left to the engine's table-name error.
bool TableNameIsValid(std::string_view table_name);

}  // namespace lmddb::json

#endif  // LMDDB_API_JSON_LEGACY_PLACEHOLDERS_H_
