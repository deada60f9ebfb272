// lmddb_params (lmddb/lmddb.h): the optional members of a typed request,
// and the check that an operation is given only members its DynamoDB
// request has.
//
// Thread safety: a plain value; const use from many threads is safe.
#ifndef LMDDB_API_C_PARAMS_H_
#define LMDDB_API_C_PARAMS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "api/c/c_internal.h"

struct lmddb_params {
  std::optional<std::string> condition_expression;
  std::optional<std::string> update_expression;
  std::optional<std::string> projection_expression;
  std::optional<std::string> key_condition_expression;
  std::optional<std::string> filter_expression;
  std::optional<lmddb::ExpressionAttributeNames> names;
  std::optional<lmddb::ExpressionAttributeValues> values;
  std::optional<lmddb::ReturnValue> return_values;
  std::optional<lmddb::ReturnValuesOnConditionCheckFailure> on_condition_check_failure;
  std::optional<bool> consistent_read;
  std::optional<std::string> index_name;
  std::optional<int64_t> limit;
  std::optional<bool> scan_forward;
  std::optional<lmddb::Select> select;
  std::optional<lmddb::Item> exclusive_start_key;
  bool single_page = false;
};

namespace lmddb::c_api {

// One bit per lmddb_params member.
enum ParamMember : uint32_t {
  kCondition = 1u << 0,
  kUpdate = 1u << 1,
  kProjection = 1u << 2,
  kKeyCondition = 1u << 3,
  kFilter = 1u << 4,
  kNames = 1u << 5,
  kValues = 1u << 6,
  kReturnValues = 1u << 7,
  kOnConditionCheckFailure = 1u << 8,
  kConsistentRead = 1u << 9,
  kIndexName = 1u << 10,
  kLimit = 1u << 11,
  kScanForward = 1u << 12,
  kSelect = 1u << 13,
  kExclusiveStartKey = 1u << 14,
  kSinglePage = 1u << 15,
};

// The members each typed operation takes.
inline constexpr uint32_t kPutOrDeleteMembers =
    kCondition | kNames | kValues | kReturnValues | kOnConditionCheckFailure;
inline constexpr uint32_t kUpdateMembers = kPutOrDeleteMembers | kUpdate;
inline constexpr uint32_t kGetMembers = kProjection | kNames | kConsistentRead;
inline constexpr uint32_t kScanMembers = kFilter | kProjection | kNames | kValues | kConsistentRead |
                                         kIndexName | kLimit | kSelect | kExclusiveStartKey |
                                         kSinglePage;
inline constexpr uint32_t kQueryMembers = kScanMembers | kKeyCondition | kScanForward;

// LMDDB_MISUSE (through Misuse(), in `function`'s name) naming the first
// member set in `params` that `operation` does not take; LMDDB_OK when there
// is none (or params is null). A C API usage error, not a DynamoDB one.
int CheckMembers(const lmddb_params* params, uint32_t allowed, const char* function,
                 const char* operation, lmddb_error** err);

}  // namespace lmddb::c_api

#endif  // LMDDB_API_C_PARAMS_H_
