// lmddb_params setters (lmddb/lmddb.h) and the per-operation member check.
#include "api/c/params.h"

#include <utility>

namespace lmddb::c_api {
namespace {

// Sets or (for NULL) clears an optional string member.
int SetString(lmddb_params* params, std::optional<std::string> lmddb_params::*member,
              const char* text) {
  if (params == nullptr) return LMDDB_MISUSE;
  return Guard(nullptr, [&]() -> int {
    if (text == nullptr) {
      (params->*member).reset();
    } else {
      params->*member = std::string(text);
    }
    return LMDDB_OK;
  });
}

}  // namespace

int CheckMembers(const lmddb_params* params, uint32_t allowed, const char* function,
                 const char* operation, lmddb_error** err) {
  if (params == nullptr) return LMDDB_OK;
  const struct {
    uint32_t bit;
    bool set;
    const char* name;
  } members[] = {
      {kCondition, params->condition_expression.has_value(), "ConditionExpression"},
      {kUpdate, params->update_expression.has_value(), "UpdateExpression"},
      {kProjection, params->projection_expression.has_value(), "ProjectionExpression"},
      {kKeyCondition, params->key_condition_expression.has_value(), "KeyConditionExpression"},
      {kFilter, params->filter_expression.has_value(), "FilterExpression"},
      {kNames, params->names.has_value(), "ExpressionAttributeNames"},
      {kValues, params->values.has_value(), "ExpressionAttributeValues"},
      {kReturnValues, params->return_values.has_value(), "ReturnValues"},
      {kOnConditionCheckFailure, params->on_condition_check_failure.has_value(),
       "ReturnValuesOnConditionCheckFailure"},
      {kConsistentRead, params->consistent_read.has_value(), "ConsistentRead"},
      {kIndexName, params->index_name.has_value(), "IndexName"},
      {kLimit, params->limit.has_value(), "Limit"},
      {kScanForward, params->scan_forward.has_value(), "ScanIndexForward"},
      {kSelect, params->select.has_value(), "Select"},
      {kExclusiveStartKey, params->exclusive_start_key.has_value(), "ExclusiveStartKey"},
      {kSinglePage, params->single_page, "single page"},
  };
  for (const auto& m : members) {
    if (m.set && (allowed & m.bit) == 0) {
      return Misuse(err, function, std::string(m.name) + " is not a parameter of " + operation);
    }
  }
  return LMDDB_OK;
}

}  // namespace lmddb::c_api

using namespace lmddb::c_api;  // NOLINT: this file implements the C API

extern "C" {

lmddb_params* lmddb_params_new(void) {
  return GuardPtr([] { return new lmddb_params; });
}

void lmddb_params_free(lmddb_params* params) { delete params; }

int lmddb_params_set_condition(lmddb_params* params, const char* condition_expression) {
  return SetString(params, &lmddb_params::condition_expression, condition_expression);
}
int lmddb_params_set_update(lmddb_params* params, const char* update_expression) {
  return SetString(params, &lmddb_params::update_expression, update_expression);
}
int lmddb_params_set_projection(lmddb_params* params, const char* projection_expression) {
  return SetString(params, &lmddb_params::projection_expression, projection_expression);
}
int lmddb_params_set_key_condition(lmddb_params* params, const char* key_condition_expression) {
  return SetString(params, &lmddb_params::key_condition_expression, key_condition_expression);
}
int lmddb_params_set_filter(lmddb_params* params, const char* filter_expression) {
  return SetString(params, &lmddb_params::filter_expression, filter_expression);
}
int lmddb_params_set_index_name(lmddb_params* params, const char* index_name) {
  return SetString(params, &lmddb_params::index_name, index_name);
}

int lmddb_params_set_name(lmddb_params* params, const char* placeholder, const char* name) {
  if (params == nullptr || placeholder == nullptr || name == nullptr) return LMDDB_MISUSE;
  return Guard(nullptr, [&]() -> int {
    if (!params->names) params->names.emplace();
    params->names->insert_or_assign(std::string(placeholder), std::string(name));
    return LMDDB_OK;
  });
}

int lmddb_params_set_value(lmddb_params* params, const char* placeholder, lmddb_value* value) {
  auto owned = Adopt(value);
  if (params == nullptr || placeholder == nullptr || owned == nullptr) return LMDDB_MISUSE;
  return Guard(nullptr, [&]() -> int {
    if (!params->values) params->values.emplace();
    params->values->insert_or_assign(std::string(placeholder), std::move(*owned));
    return LMDDB_OK;
  });
}

int lmddb_params_clear_placeholders(lmddb_params* params) {
  if (params == nullptr) return LMDDB_MISUSE;
  params->names.reset();
  params->values.reset();
  return LMDDB_OK;
}

int lmddb_params_set_return_values(lmddb_params* params, lmddb_return_values rv) {
  if (params == nullptr || rv < LMDDB_RETURN_NONE || rv > LMDDB_RETURN_UPDATED_NEW) return LMDDB_MISUSE;
  params->return_values = static_cast<lmddb::ReturnValue>(rv);
  return LMDDB_OK;
}

int lmddb_params_set_return_values_on_condition_check_failure(lmddb_params* params, int all_old) {
  if (params == nullptr) return LMDDB_MISUSE;
  params->on_condition_check_failure = all_old ? lmddb::ReturnValuesOnConditionCheckFailure::kAllOld
                                               : lmddb::ReturnValuesOnConditionCheckFailure::kNone;
  return LMDDB_OK;
}

int lmddb_params_set_consistent_read(lmddb_params* params, int consistent) {
  if (params == nullptr) return LMDDB_MISUSE;
  params->consistent_read = consistent != 0;
  return LMDDB_OK;
}

int lmddb_params_set_limit(lmddb_params* params, int64_t limit) {
  if (params == nullptr) return LMDDB_MISUSE;
  params->limit = limit;  // range checked by the operation, with DynamoDB's message
  return LMDDB_OK;
}

int lmddb_params_set_scan_forward(lmddb_params* params, int forward) {
  if (params == nullptr) return LMDDB_MISUSE;
  params->scan_forward = forward != 0;
  return LMDDB_OK;
}

int lmddb_params_set_select(lmddb_params* params, lmddb_select select) {
  if (params == nullptr || select < LMDDB_SELECT_ALL_ATTRIBUTES || select > LMDDB_SELECT_COUNT) {
    return LMDDB_MISUSE;
  }
  params->select = static_cast<lmddb::Select>(select);
  return LMDDB_OK;
}

int lmddb_params_set_exclusive_start_key(lmddb_params* params, const lmddb_item* key) {
  if (params == nullptr) return LMDDB_MISUSE;
  return Guard(nullptr, [&]() -> int {
    if (key == nullptr) {
      params->exclusive_start_key.reset();
    } else {
      params->exclusive_start_key = *FromC(key);
    }
    return LMDDB_OK;
  });
}

int lmddb_params_set_single_page(lmddb_params* params, int single_page) {
  if (params == nullptr) return LMDDB_MISUSE;
  params->single_page = single_page != 0;
  return LMDDB_OK;
}

}  // extern "C"
