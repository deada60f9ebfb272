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

// ReturnConsumedCapacity: NONE (the default) reports nothing; TOTAL the
// operation's total per table; INDEXES adds the table's and each index's
// share.
enum class ReturnConsumedCapacity : uint8_t { kNone = 1, kTotal = 2, kIndexes = 3 };
const char* ReturnConsumedCapacityName(ReturnConsumedCapacity r);  // "NONE", "TOTAL", "INDEXES"

// Query and Scan's Select.
enum class Select : uint8_t {
  kAllAttributes = 1,
  kAllProjectedAttributes = 2,
  kSpecificAttributes = 3,
  kCount = 4,
};
const char* SelectName(Select s);  // "ALL_ATTRIBUTES", ...

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

// Capacity units DynamoDB would charge for an operation: reads in 4 KB
// units (half for eventually consistent reads), writes in 1 KB units,
// doubled inside transactions.
struct Capacity {
  double capacity_units = 0;
  std::optional<double> read_capacity_units;
  std::optional<double> write_capacity_units;
};

struct ConsumedCapacity {
  std::string table_name;
  double capacity_units = 0;
  std::optional<double> read_capacity_units;
  std::optional<double> write_capacity_units;
  // ReturnConsumedCapacity INDEXES only: the table's share, and each
  // secondary index's share by index name.
  std::optional<Capacity> table;
  std::map<std::string, Capacity> local_secondary_indexes;
  std::map<std::string, Capacity> global_secondary_indexes;
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
  std::optional<ReturnConsumedCapacity> return_consumed_capacity;
};
struct PutItemResult {
  std::optional<Item> attributes;  // the old item, with ReturnValues ALL_OLD
  std::optional<ConsumedCapacity> consumed_capacity;  // when asked for
};

struct GetItemRequest {
  std::string table_name;
  Item key;
  std::optional<bool> consistent_read;
  std::optional<std::string> projection_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
  std::optional<ReturnConsumedCapacity> return_consumed_capacity;
};
struct GetItemResult {
  std::optional<Item> item;  // absent when no item has the key
  std::optional<ConsumedCapacity> consumed_capacity;  // when asked for
};

struct DeleteItemRequest {
  std::string table_name;
  Item key;
  std::optional<ReturnValue> return_values;  // NONE or ALL_OLD
  std::optional<std::string> condition_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
  std::optional<ExpressionAttributeValues> expression_attribute_values;
  std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure;
  std::optional<ReturnConsumedCapacity> return_consumed_capacity;
};
struct DeleteItemResult {
  std::optional<Item> attributes;
  std::optional<ConsumedCapacity> consumed_capacity;  // when asked for
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
  std::optional<ReturnConsumedCapacity> return_consumed_capacity;
};
struct UpdateItemResult {
  // ALL_OLD / ALL_NEW: the whole item before / after; UPDATED_OLD /
  // UPDATED_NEW: only the updated attributes. Absent for NONE, and absent
  // rather than empty when there is nothing to return.
  std::optional<Item> attributes;
  std::optional<ConsumedCapacity> consumed_capacity;  // when asked for
};

// ---- Query / Scan -------------------------------------------------------------
//
// A page of results: at most `limit` items evaluated (before the filter),
// and at most 1 MB of item data read. last_evaluated_key is set when the
// page stopped early; pass it as exclusive_start_key to read the next page.

struct QueryRequest {
  std::string table_name;
  std::optional<std::string> index_name;
  std::optional<std::string> key_condition_expression;  // required
  std::optional<std::string> filter_expression;
  std::optional<std::string> projection_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
  std::optional<ExpressionAttributeValues> expression_attribute_values;
  std::optional<Select> select;
  std::optional<int64_t> limit;             // at least 1
  std::optional<bool> consistent_read;
  std::optional<bool> scan_index_forward;   // true (ascending) when absent
  std::optional<Item> exclusive_start_key;
  std::optional<ReturnConsumedCapacity> return_consumed_capacity;
};

// Scan: every item of the table, in hash order. With segment and
// total_segments the table's hash space is cut into total_segments equal
// ranges and only range `segment` is read, so that total_segments parallel
// scans together see every item exactly once.
struct ScanRequest {
  std::string table_name;
  std::optional<std::string> index_name;
  std::optional<std::string> filter_expression;
  std::optional<std::string> projection_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
  std::optional<ExpressionAttributeValues> expression_attribute_values;
  std::optional<Select> select;
  std::optional<int64_t> limit;             // at least 1
  std::optional<bool> consistent_read;
  std::optional<Item> exclusive_start_key;
  std::optional<int64_t> segment;           // 0 .. total_segments - 1
  std::optional<int64_t> total_segments;    // 1 .. 1000000
  std::optional<ReturnConsumedCapacity> return_consumed_capacity;
};

struct QueryResult {
  std::vector<Item> items;   // empty with Select COUNT
  int64_t count = 0;         // items after the filter
  int64_t scanned_count = 0; // items evaluated before the filter
  std::optional<Item> last_evaluated_key;
  std::optional<ConsumedCapacity> consumed_capacity;
};
using ScanResult = QueryResult;

// ---- BatchGetItem / BatchWriteItem ---------------------------------------------

struct KeysAndAttributes {
  std::vector<Item> keys;
  std::optional<std::string> projection_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
  std::optional<bool> consistent_read;
};

// Up to 100 keys over any number of tables.
struct BatchGetItemRequest {
  std::map<std::string, KeysAndAttributes, std::less<>> request_items;  // by table name
  std::optional<ReturnConsumedCapacity> return_consumed_capacity;
};
struct BatchGetItemResult {
  // The items found, by table name; missing items are left out, and the
  // order within a table is unspecified.
  std::map<std::string, std::vector<Item>, std::less<>> responses;
  // Keys not read because the response reached its size limit: send them
  // again in another BatchGetItem.
  std::map<std::string, KeysAndAttributes, std::less<>> unprocessed_keys;
  std::optional<std::vector<ConsumedCapacity>> consumed_capacity;  // one per table
};

struct PutRequest {
  Item item;
};
struct DeleteRequest {
  Item key;
};
// Exactly one of the two is set.
struct WriteRequest {
  std::optional<PutRequest> put_request;
  std::optional<DeleteRequest> delete_request;
};

// Up to 25 puts and deletes over any number of tables, each applied
// entirely or not at all; the batch as a whole is not a transaction.
struct BatchWriteItemRequest {
  std::map<std::string, std::vector<WriteRequest>, std::less<>> request_items;  // by table name
  std::optional<ReturnConsumedCapacity> return_consumed_capacity;
};
struct BatchWriteItemResult {
  // Requests not applied; send them again in another BatchWriteItem.
  std::map<std::string, std::vector<WriteRequest>, std::less<>> unprocessed_items;
  std::optional<std::vector<ConsumedCapacity>> consumed_capacity;  // one per table
};

// ---- TransactWriteItems / TransactGetItems --------------------------------------

// Why one action of a cancelled transaction failed (or "None" when it did
// not): DynamoDB's CancellationReasons entry, on Status::cancellation_reasons().
struct CancellationReason {
  std::string code;                    // "None", "ConditionalCheckFailed", "ValidationError", ...
  std::optional<std::string> message;  // absent for "None"
  std::optional<Item> item;            // ReturnValuesOnConditionCheckFailure ALL_OLD
};

struct ConditionCheck {
  std::string table_name;
  Item key;
  std::string condition_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
  std::optional<ExpressionAttributeValues> expression_attribute_values;
  std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure;
};
struct TransactPut {
  std::string table_name;
  Item item;
  std::optional<std::string> condition_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
  std::optional<ExpressionAttributeValues> expression_attribute_values;
  std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure;
};
struct TransactDelete {
  std::string table_name;
  Item key;
  std::optional<std::string> condition_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
  std::optional<ExpressionAttributeValues> expression_attribute_values;
  std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure;
};
struct TransactUpdate {
  std::string table_name;
  Item key;
  std::string update_expression;
  std::optional<std::string> condition_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
  std::optional<ExpressionAttributeValues> expression_attribute_values;
  std::optional<ReturnValuesOnConditionCheckFailure> return_values_on_condition_check_failure;
};
// Exactly one of the four is set.
struct TransactWriteItem {
  std::optional<ConditionCheck> condition_check;
  std::optional<TransactPut> put;
  std::optional<TransactDelete> delete_;
  std::optional<TransactUpdate> update;
};

// Up to 100 actions on distinct items, over any number of tables, applied
// all together or not at all. When a condition fails the call fails with
// TransactionCanceledException and Status::cancellation_reasons() holds one
// reason per action, in request order.
struct TransactWriteItemsRequest {
  std::vector<TransactWriteItem> transact_items;
  // Idempotency: a request repeated with the same token within 10 minutes
  // of the first one's completion succeeds again without writing again.
  std::optional<std::string> client_request_token;
  std::optional<ReturnConsumedCapacity> return_consumed_capacity;
};
struct TransactWriteItemsResult {
  std::optional<std::vector<ConsumedCapacity>> consumed_capacity;  // one per table
};

struct TransactGet {
  std::string table_name;
  Item key;
  std::optional<std::string> projection_expression;
  std::optional<ExpressionAttributeNames> expression_attribute_names;
};
struct TransactGetItem {
  TransactGet get;
};
// Up to 100 gets, all read from one snapshot.
struct TransactGetItemsRequest {
  std::vector<TransactGetItem> transact_items;
  std::optional<ReturnConsumedCapacity> return_consumed_capacity;
};
struct ItemResponse {
  std::optional<Item> item;  // absent when no item has the key
};
struct TransactGetItemsResult {
  std::vector<ItemResponse> responses;  // in request order
  std::optional<std::vector<ConsumedCapacity>> consumed_capacity;  // one per table
};

}  // namespace lmddb

#endif  // LMDDB_OPERATIONS_HPP_
