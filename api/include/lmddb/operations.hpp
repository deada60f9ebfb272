// lmddb/operations.hpp: request and result shapes of the DynamoDB operations.
//
// Field names follow DynamoDB's members in snake_case (TableName ->
// table_name). An optional member that the caller did not send is
// std::nullopt; an absent optional output is std::nullopt, never a default.
//
// Thread safety: plain value types.
#ifndef LMDDB_OPERATIONS_HPP_
#define LMDDB_OPERATIONS_HPP_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lmddb/attribute_value.hpp"

namespace lmddb {

// Enums below are persisted in the catalog: they only grow.
enum class KeyType : uint8_t { kHash = 1, kRange = 2 };
enum class BillingMode : uint8_t { kProvisioned = 1, kPayPerRequest = 2 };
enum class TableStatus : uint8_t { kCreating = 1, kActive = 2, kDeleting = 3, kUpdating = 4 };
enum class ReturnValue : uint8_t { kNone = 1, kAllOld = 2, kUpdatedOld = 3, kAllNew = 4, kUpdatedNew = 5 };

const char* KeyTypeName(KeyType t);          // "HASH", "RANGE"
const char* BillingModeName(BillingMode m);  // "PROVISIONED", "PAY_PER_REQUEST"
const char* TableStatusName(TableStatus s);  // "CREATING", "ACTIVE", ...
const char* ReturnValueName(ReturnValue r);  // "NONE", "ALL_OLD", ...

// ReturnValuesOnConditionCheckFailure: whether a failed condition returns
// the item it was checked against (Status::item()).
enum class ReturnValuesOnConditionCheckFailure : uint8_t { kNone = 1, kAllOld = 2 };

// ExpressionAttributeNames: "#placeholder" -> attribute name.
using ExpressionAttributeNames = std::map<std::string, std::string, std::less<>>;
// ExpressionAttributeValues: ":placeholder" -> value.
using ExpressionAttributeValues = Item;

struct AttributeDefinition {
  std::string attribute_name;
  AttributeValue::Type attribute_type = AttributeValue::Type::kS;  // S, N or B
};

struct KeySchemaElement {
  std::string attribute_name;
  KeyType key_type = KeyType::kHash;
};

struct ProvisionedThroughput {
  int64_t read_capacity_units = 0;
  int64_t write_capacity_units = 0;
};

struct ProvisionedThroughputDescription {
  int64_t read_capacity_units = 0;
  int64_t write_capacity_units = 0;
  int64_t number_of_decreases_today = 0;
};

struct Tag {
  std::string key;
  std::string value;
};

// ---- CreateTable ----------------------------------------------------------

struct CreateTableRequest {
  std::string table_name;
  std::vector<AttributeDefinition> attribute_definitions;
  std::vector<KeySchemaElement> key_schema;
  std::optional<BillingMode> billing_mode;  // PROVISIONED when absent
  std::optional<ProvisionedThroughput> provisioned_throughput;
  std::vector<Tag> tags;
};

struct TableDescription {
  std::string table_name;
  std::vector<AttributeDefinition> attribute_definitions;
  std::vector<KeySchemaElement> key_schema;
  TableStatus table_status = TableStatus::kActive;
  int64_t creation_date_time_ms = 0;  // epoch milliseconds; the wire shows seconds
  ProvisionedThroughputDescription provisioned_throughput;
  // Present for PAY_PER_REQUEST tables and tables that were switched.
  std::optional<BillingMode> billing_mode;
  int64_t table_size_bytes = 0;
  int64_t item_count = 0;
  std::string table_arn;
  std::string table_id;
  bool deletion_protection_enabled = false;
};

struct CreateTableResult {
  TableDescription table_description;
};

// ---- DescribeTable / DeleteTable -------------------------------------------

struct DescribeTableRequest {
  std::string table_name;
};
struct DescribeTableResult {
  TableDescription table;
};

struct DeleteTableRequest {
  std::string table_name;
};
struct DeleteTableResult {
  TableDescription table_description;
};

// ---- ListTables -------------------------------------------------------------

struct ListTablesRequest {
  std::optional<std::string> exclusive_start_table_name;
  std::optional<int64_t> limit;  // 1..100; absent means 100
};

struct ListTablesResult {
  std::vector<std::string> table_names;
  std::optional<std::string> last_evaluated_table_name;
};

// ---- PutItem / GetItem / DeleteItem / UpdateItem ----------------------------
//
// A write with a condition_expression happens only if the condition holds
// for the item as stored (an absent item reads as an empty item); otherwise
// the call fails with ConditionalCheckFailedException "The conditional
// request failed" and writes nothing.

struct PutItemRequest {
  std::string table_name;
  Item item;
  std::optional<ReturnValue> return_values;  // NONE or ALL_OLD
  std::optional<std::string> condition_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
  std::optional<ExpressionAttributeValues> expression_attribute_values;
  std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure;
};
struct PutItemResult {
  std::optional<Item> attributes;  // the old item, with ReturnValues ALL_OLD
};

struct GetItemRequest {
  std::string table_name;
  Item key;
  std::optional<bool> consistent_read;
  std::optional<std::string> projection_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
};
struct GetItemResult {
  std::optional<Item> item;  // absent when no item has the key
};

struct DeleteItemRequest {
  std::string table_name;
  Item key;
  std::optional<ReturnValue> return_values;  // NONE or ALL_OLD
  std::optional<std::string> condition_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
  std::optional<ExpressionAttributeValues> expression_attribute_values;
  std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure;
};
struct DeleteItemResult {
  std::optional<Item> attributes;
};

// Updates the item with `key`, creating it when absent (an UpdateItem
// without update_expression creates just the key).
struct UpdateItemRequest {
  std::string table_name;
  Item key;
  std::optional<std::string> update_expression;
  std::optional<std::string> condition_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
  std::optional<ExpressionAttributeValues> expression_attribute_values;
  std::optional<ReturnValue> return_values;  // any; NONE by default
  std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure;
};
struct UpdateItemResult {
  // ALL_OLD / ALL_NEW: the whole item before / after; UPDATED_OLD /
  // UPDATED_NEW: only the updated attributes. Absent for NONE, and absent
  // rather than empty when there is nothing to return.
  std::optional<Item> attributes;
};

}  // namespace lmddb

#endif  // LMDDB_OPERATIONS_HPP_
