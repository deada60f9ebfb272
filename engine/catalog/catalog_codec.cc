#include "engine/catalog/catalog_codec.h"

#include "absl/strings/numbers.h"
#include "engine/common/status_macros.h"
#include "engine/value/item_codec.h"

namespace lmddb::catalog {
namespace {

AttributeValue Int(int64_t v) { return AttributeValue::N(Number::FromInt64(v)); }

Status Corrupt(std::string_view what) {
  return Status::Internal(std::string("Corrupt catalog record: ") + std::string(what));
}

const AttributeValue* Field(const Item& item, std::string_view name, AttributeValue::Type type) {
  auto it = item.find(name);
  if (it == item.end() || it->second.type() != type) return nullptr;
  return &it->second;
}

StatusOr<int64_t> IntField(const Item& item, std::string_view name) {
  const AttributeValue* v = Field(item, name, AttributeValue::Type::kN);
  int64_t out = 0;
  if (v == nullptr || !absl::SimpleAtoi(v->n().ToString(), &out)) return Corrupt(name);
  return out;
}

StatusOr<std::string> StringField(const Item& item, std::string_view name) {
  const AttributeValue* v = Field(item, name, AttributeValue::Type::kS);
  if (v == nullptr) return Corrupt(name);
  return v->s();
}

}  // namespace

std::string EncodeTableRecord(const TableSchema& schema) {
  const TableDescription& d = schema.description;
  Item record;
  record["Id"] = Int(static_cast<int64_t>(schema.id));
  record["TableName"] = AttributeValue::S(d.table_name);
  AttributeValue::List defs;
  for (const AttributeDefinition& def : d.attribute_definitions) {
    defs.push_back(AttributeValue::M({{"AttributeName", AttributeValue::S(def.attribute_name)},
                                      {"AttributeType", Int(static_cast<int>(def.attribute_type))}}));
  }
  record["AttributeDefinitions"] = AttributeValue::L(std::move(defs));
  AttributeValue::List keys;
  for (const KeySchemaElement& k : d.key_schema) {
    keys.push_back(AttributeValue::M({{"AttributeName", AttributeValue::S(k.attribute_name)},
                                      {"KeyType", Int(static_cast<int>(k.key_type))}}));
  }
  record["KeySchema"] = AttributeValue::L(std::move(keys));
  record["TableStatus"] = Int(static_cast<int>(d.table_status));
  record["CreationDateTime"] = Int(d.creation_date_time_ms);
  record["ReadCapacityUnits"] = Int(d.provisioned_throughput.read_capacity_units);
  record["WriteCapacityUnits"] = Int(d.provisioned_throughput.write_capacity_units);
  if (d.billing_mode) record["BillingMode"] = Int(static_cast<int>(*d.billing_mode));
  record["TableArn"] = AttributeValue::S(d.table_arn);
  record["TableId"] = AttributeValue::S(d.table_id);
  record["DeletionProtectionEnabled"] = AttributeValue::Bool(d.deletion_protection_enabled);
  std::string out;
  value::EncodeItem(record, &out);
  return out;
}

StatusOr<TableSchema> DecodeTableRecord(std::string_view bytes) {
  LMDDB_ASSIGN_OR_RETURN(Item record, value::DecodeItem(bytes));
  TableDescription d;
  LMDDB_ASSIGN_OR_RETURN(int64_t id, IntField(record, "Id"));
  LMDDB_ASSIGN_OR_RETURN(d.table_name, StringField(record, "TableName"));
  const AttributeValue* defs = Field(record, "AttributeDefinitions", AttributeValue::Type::kL);
  const AttributeValue* keys = Field(record, "KeySchema", AttributeValue::Type::kL);
  if (defs == nullptr || keys == nullptr) return Corrupt("key schema");
  for (const AttributeValue& v : defs->l()) {
    if (!v.is(AttributeValue::Type::kM)) return Corrupt("AttributeDefinitions");
    AttributeDefinition def;
    LMDDB_ASSIGN_OR_RETURN(def.attribute_name, StringField(v.m(), "AttributeName"));
    LMDDB_ASSIGN_OR_RETURN(int64_t type, IntField(v.m(), "AttributeType"));
    def.attribute_type = static_cast<AttributeValue::Type>(type);
    d.attribute_definitions.push_back(std::move(def));
  }
  for (const AttributeValue& v : keys->l()) {
    if (!v.is(AttributeValue::Type::kM)) return Corrupt("KeySchema");
    KeySchemaElement k;
    LMDDB_ASSIGN_OR_RETURN(k.attribute_name, StringField(v.m(), "AttributeName"));
    LMDDB_ASSIGN_OR_RETURN(int64_t type, IntField(v.m(), "KeyType"));
    k.key_type = static_cast<KeyType>(type);
    d.key_schema.push_back(std::move(k));
  }
  if (d.key_schema.empty()) return Corrupt("KeySchema");
  LMDDB_ASSIGN_OR_RETURN(int64_t status, IntField(record, "TableStatus"));
  d.table_status = static_cast<TableStatus>(status);
  LMDDB_ASSIGN_OR_RETURN(d.creation_date_time_ms, IntField(record, "CreationDateTime"));
  LMDDB_ASSIGN_OR_RETURN(d.provisioned_throughput.read_capacity_units,
                         IntField(record, "ReadCapacityUnits"));
  LMDDB_ASSIGN_OR_RETURN(d.provisioned_throughput.write_capacity_units,
                         IntField(record, "WriteCapacityUnits"));
  if (record.count("BillingMode")) {
    LMDDB_ASSIGN_OR_RETURN(int64_t mode, IntField(record, "BillingMode"));
    d.billing_mode = static_cast<BillingMode>(mode);
  }
  LMDDB_ASSIGN_OR_RETURN(d.table_arn, StringField(record, "TableArn"));
  LMDDB_ASSIGN_OR_RETURN(d.table_id, StringField(record, "TableId"));
  if (const AttributeValue* p =
          Field(record, "DeletionProtectionEnabled", AttributeValue::Type::kBool)) {
    d.deletion_protection_enabled = p->boolean();
  }
  return MakeTableSchema(static_cast<uint64_t>(id), std::move(d));
}

}  // namespace lmddb::catalog
