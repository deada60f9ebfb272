// Request checks shared by Query and Scan, with DynamoDB's messages.
//
// Query reports the Select rules inside the "1 validation error detected: "
// envelope and Scan bare, as DynamoDB does.
#ifndef LMDDB_ENGINE_OPS_READ_REQUEST_H_
#define LMDDB_ENGINE_OPS_READ_REQUEST_H_

#include <cstdint>
#include <optional>
#include <string>

#include "engine/catalog/table_schema.h"
#include "engine/common/constraint_errors.h"
#include "engine/expr/ast.h"
#include "engine/expr/parser.h"
#include "engine/ops/key_validation.h"
#include "lmddb/operations.hpp"
#include "lmddb/status.hpp"

namespace lmddb::ops {

enum class ReadOperation { kQuery, kScan };

// Constraint checks of IndexName (a resource name) and Limit (>= 1), added
// to `errors`.
void CheckIndexAndLimit(const std::optional<std::string>& index_name,
                        const std::optional<int64_t>& limit, ConstraintErrors& errors);

// Select against ProjectionExpression and IndexName:
//   Cannot specify the ProjectionExpression when choosing to get <ALL_ATTRIBUTES|only the Count|...>
//   ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName
//   Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES
Status ValidateSelect(ReadOperation operation, std::optional<Select> select,
                      bool has_projection, bool has_index);

// The table has no secondary indexes: "The table does not have the
// specified index: <name>".
Status NoSuchIndex(const std::string& index_name);

// A Query's or Scan's FilterExpression and ProjectionExpression, parsed in
// `context` (the request's names and values); absent when not sent.
struct FilterAndProjection {
  std::optional<expr::Condition> filter;
  std::optional<expr::Projection> projection;
};
StatusOr<FilterAndProjection> ParseFilterAndProjection(
    expr::ExpressionContext& context, const std::optional<std::string>& filter_expression,
    const std::optional<std::string>& projection_expression);

// An ExclusiveStartKey: values valid, exactly the table's key attributes
// with their types, non-empty and within the key size limits. Errors are
// "The provided starting key is invalid: <why>", and for a key that does
// not match the schema `mismatch` (Query and Scan word it differently).
StatusOr<KeyValues> ValidateStartKey(const catalog::TableSchema& schema, const Item& key,
                                     const char* mismatch);

}  // namespace lmddb::ops

#endif  // LMDDB_ENGINE_OPS_READ_REQUEST_H_
