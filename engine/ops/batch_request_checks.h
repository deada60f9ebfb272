// Request-level checks shared by BatchGetItem and BatchWriteItem: their
// limits, the constraint errors on RequestItems (rendered as DynamoDB's
// Java request validator prints values), and duplicate-key detection.
//
// Thread safety: pure functions; a KeyListDuplicates is used by one thread.
#ifndef LMDDB_ENGINE_OPS_BATCH_REQUEST_CHECKS_H_
#define LMDDB_ENGINE_OPS_BATCH_REQUEST_CHECKS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "engine/common/constraint_errors.h"
#include "lmddb/attribute_value.hpp"

namespace lmddb::ops {

inline constexpr size_t kMaxBatchGetKeys = 100;          // over all tables
inline constexpr size_t kMaxBatchWriteRequests = 25;     // over all tables
inline constexpr size_t kMaxBatchTables = 100;           // RequestItems entries
inline constexpr uint64_t kMaxBatchGetResponseBytes = 16u << 20;

// The text DynamoDB gives for two requests on one key of a table.
inline constexpr char kDuplicateKeysMessage[] = "Provided list of item keys contains duplicates";

// A value as DynamoDB's validator prints it inside "Value '...'":
// {S: abc,}, {N: 1,}, a key as {pk={S: abc,}}, a list as [a, b]. Deep
// nesting is cut short with "...", so hostile input renders in bounded time.
std::string RenderValueForConstraint(const AttributeValue& value);
std::string RenderItemForConstraint(const Item& item);
std::string RenderItemListForConstraint(const std::vector<Item>& items);

// Whether any RequestItems table name is outside [a-zA-Z0-9_.-]{3,255}.
bool HasInvalidTableName(const std::vector<std::string_view>& names);
// DynamoDB's constraint error for that case; `rendered` is the RequestItems
// map as printed in the message.
void AddInvalidTableNamesError(std::string_view rendered, ConstraintErrors& errors);

// Detects a key given twice for one table. Keys are compared by their
// LMDB key bytes (EncodeItemKey of a validated key), which are equal
// exactly when the key values are equal (numbers compare numerically).
class KeyListDuplicates {
 public:
  // False when `lmdb_key` was inserted before.
  bool Insert(std::string_view lmdb_key) { return seen_.emplace(lmdb_key).second; }

 private:
  absl::flat_hash_set<std::string> seen_;
};

}  // namespace lmddb::ops

#endif  // LMDDB_ENGINE_OPS_BATCH_REQUEST_CHECKS_H_
