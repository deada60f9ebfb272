#include "engine/ops/read_request.h"

#include "engine/common/status_macros.h"
#include "engine/common/strings.h"
#include "engine/value/validate.h"

namespace lmddb::ops {
namespace {

constexpr char kInvalidStartKey[] = "The provided starting key is invalid: ";

Status SelectError(ReadOperation operation, std::string_view message) {
  if (operation == ReadOperation::kQuery) {
    return Status::Validation(StrCat("1 validation error detected: ", message));
  }
  return Status::Validation(std::string(message));
}

}  // namespace

void CheckIndexAndLimit(const std::optional<std::string>& index_name,
                        const std::optional<int64_t>& limit, ConstraintErrors& errors) {
  if (index_name) errors.CheckName(*index_name, "indexName", 3, 255);
  if (limit) errors.CheckMinimum(*limit, "limit", 1);
}

Status ValidateSelect(ReadOperation operation, std::optional<Select> select, bool has_projection,
                      bool has_index) {
  if (select && has_projection && *select != Select::kSpecificAttributes) {
    return SelectError(operation,
                       StrCat("Cannot specify the ProjectionExpression when choosing to get ",
                              *select == Select::kCount ? "only the Count" : SelectName(*select)));
  }
  if (select == Select::kAllProjectedAttributes && !has_index) {
    return SelectError(operation,
                       "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
  }
  if (select == Select::kSpecificAttributes && !has_projection) {
    return SelectError(operation,
                       "Must specify the AttributesToGet or ProjectionExpression when choosing to "
                       "get SPECIFIC_ATTRIBUTES");
  }
  return Status::Ok();
}

Status NoSuchIndex(const std::string& index_name) {
  return Status::Validation(StrCat("The table does not have the specified index: ", index_name));
}

StatusOr<KeyValues> ValidateStartKey(const catalog::TableSchema& schema, const Item& key,
                                     const char* mismatch) {
  for (const auto& [name, v] : key) {
    if (Status s = value::ValidateAttributeValue(v); !s.ok()) {
      return Status::Validation(StrCat(kInvalidStartKey, s.message()));
    }
  }
  const size_t expected = schema.range_key ? 2 : 1;
  auto matches = [&key](const catalog::KeyAttribute& attr) {
    auto it = key.find(attr.name);
    return it != key.end() && it->second.type() == attr.type;
  };
  if (key.size() != expected || !matches(schema.hash_key) ||
      (schema.range_key && !matches(*schema.range_key))) {
    return Status::Validation(mismatch);
  }
  // Emptiness and sizes, worded as for a Key parameter.
  if (Status s = ValidateKeyParameter(schema, key); !s.ok()) {
    return Status::Validation(StrCat(kInvalidStartKey, s.message()));
  }
  return KeyValuesOf(schema, key);
}

StatusOr<FilterAndProjection> ParseFilterAndProjection(
    expr::ExpressionContext& context, const std::optional<std::string>& filter_expression,
    const std::optional<std::string>& projection_expression) {
  FilterAndProjection parsed;
  if (filter_expression) {
    LMDDB_ASSIGN_OR_RETURN(parsed.filter,
                           context.ParseCondition(*filter_expression, expr::ExpressionKind::kFilter));
  }
  if (projection_expression) {
    LMDDB_ASSIGN_OR_RETURN(parsed.projection, context.ParseProjection(*projection_expression));
  }
  return parsed;
}

}  // namespace lmddb::ops
