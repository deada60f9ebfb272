// The typed single-item operations of the C API (lmddb/lmddb.h): PutItem,
// GetItem, DeleteItem and UpdateItem built from a C item and lmddb_params.
#include "api/c/params.h"

namespace lmddb::c_api {
namespace {

// The common argument check; clears the out-param first so that it is null
// after any failure.
int CheckArgs(lmddb_db* db, const char* table, const lmddb_item* item, lmddb_item** out,
              const char* function, lmddb_error** err) {
  if (out != nullptr) *out = nullptr;
  if (db == nullptr || table == nullptr || item == nullptr) {
    return Misuse(err, function, "db, table and the item or key must not be NULL");
  }
  return LMDDB_OK;
}

// Copies the members every conditional write shares.
template <typename Request>
void CopyWriteMembers(const lmddb_params* params, Request* request) {
  if (params == nullptr) return;
  request->condition_expression = params->condition_expression;
  request->expression_attribute_names = params->names;
  request->expression_attribute_values = params->values;
  request->return_values = params->return_values;
  request->return_values_on_condition_check_failure = params->on_condition_check_failure;
}

}  // namespace
}  // namespace lmddb::c_api

using namespace lmddb::c_api;  // NOLINT: this file implements the C API

extern "C" {

int lmddb_put_item(lmddb_db* db, const char* table, const lmddb_item* item,
                   const lmddb_params* params, lmddb_item** old_item, lmddb_error** err) {
  if (int rc = CheckArgs(db, table, item, old_item, "lmddb_put_item", err)) return rc;
  return Guard(err, [&]() -> int {
    if (int rc = CheckMembers(params, kPutOrDeleteMembers, "lmddb_put_item", "PutItem", err)) return rc;
    lmddb::PutItemRequest request;
    request.table_name = table;
    request.item = *FromC(item);
    CopyWriteMembers(params, &request);
    auto result = db->db->PutItem(request);
    if (!result.ok()) return SetError(err, result.status());
    GiveItem(&result->attributes, old_item);
    return LMDDB_OK;
  });
}

int lmddb_get_item(lmddb_db* db, const char* table, const lmddb_item* key,
                   const lmddb_params* params, lmddb_item** item, lmddb_error** err) {
  if (int rc = CheckArgs(db, table, key, item, "lmddb_get_item", err)) return rc;
  return Guard(err, [&]() -> int {
    if (int rc = CheckMembers(params, kGetMembers, "lmddb_get_item", "GetItem", err)) return rc;
    lmddb::GetItemRequest request;
    request.table_name = table;
    request.key = *FromC(key);
    if (params != nullptr) {
      request.projection_expression = params->projection_expression;
      request.expression_attribute_names = params->names;
      request.consistent_read = params->consistent_read;
    }
    auto result = db->db->GetItem(request);
    if (!result.ok()) return SetError(err, result.status());
    GiveItem(&result->item, item);
    return LMDDB_OK;
  });
}

int lmddb_delete_item(lmddb_db* db, const char* table, const lmddb_item* key,
                      const lmddb_params* params, lmddb_item** old_item, lmddb_error** err) {
  if (int rc = CheckArgs(db, table, key, old_item, "lmddb_delete_item", err)) return rc;
  return Guard(err, [&]() -> int {
    if (int rc = CheckMembers(params, kPutOrDeleteMembers, "lmddb_delete_item", "DeleteItem", err)) return rc;
    lmddb::DeleteItemRequest request;
    request.table_name = table;
    request.key = *FromC(key);
    CopyWriteMembers(params, &request);
    auto result = db->db->DeleteItem(request);
    if (!result.ok()) return SetError(err, result.status());
    GiveItem(&result->attributes, old_item);
    return LMDDB_OK;
  });
}

int lmddb_update_item(lmddb_db* db, const char* table, const lmddb_item* key,
                      const lmddb_params* params, lmddb_item** attributes, lmddb_error** err) {
  if (int rc = CheckArgs(db, table, key, attributes, "lmddb_update_item", err)) return rc;
  return Guard(err, [&]() -> int {
    if (int rc = CheckMembers(params, kUpdateMembers, "lmddb_update_item", "UpdateItem", err)) return rc;
    lmddb::UpdateItemRequest request;
    request.table_name = table;
    request.key = *FromC(key);
    CopyWriteMembers(params, &request);
    if (params != nullptr) request.update_expression = params->update_expression;
    auto result = db->db->UpdateItem(request);
    if (!result.ok()) return SetError(err, result.status());
    GiveItem(&result->attributes, attributes);
    return LMDDB_OK;
  });
}

}  // extern "C"
