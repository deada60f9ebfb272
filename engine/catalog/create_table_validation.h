// CreateTable request validation, with DynamoDB's checks in DynamoDB's
// order: first the request-shape constraints (all reported together), then
// the semantic checks on key schema and attribute definitions (first
// failure wins).
#ifndef LMDDB_ENGINE_CATALOG_CREATE_TABLE_VALIDATION_H_
#define LMDDB_ENGINE_CATALOG_CREATE_TABLE_VALIDATION_H_

#include "lmddb/operations.hpp"
#include "lmddb/status.hpp"

namespace lmddb::catalog {

// Limits from DynamoDB's API reference.
inline constexpr size_t kMinTableNameLength = 3;
inline constexpr size_t kMaxTableNameLength = 255;
inline constexpr size_t kMaxKeyAttributeNameLength = 255;
inline constexpr size_t kMaxTags = 50;

// Validates the table name alone (DescribeTable, DeleteTable, item ops).
Status ValidateTableName(std::string_view table_name);

Status ValidateCreateTable(const CreateTableRequest& request);

}  // namespace lmddb::catalog

#endif  // LMDDB_ENGINE_CATALOG_CREATE_TABLE_VALIDATION_H_
