// CreateTable, DescribeTable, ListTables and DeleteTable over JSON
// (operations.h).
#include <string>
#include <utility>

#include "api/json/json_reader.h"
#include "api/json/json_writer.h"
#include "api/json/operations.h"
#include "api/json/request_members.h"
#include "engine/common/status_macros.h"
#include "engine/common/strings.h"

namespace lmddb::json {
namespace {

using simdjson::dom::object;

void WriteTableDescription(const TableDescription& t, JsonWriter* w) {
  w->BeginObject();
  w->Key("AttributeDefinitions");
  w->BeginArray();
  for (const AttributeDefinition& d : t.attribute_definitions) {
    w->BeginObject();
    w->Key("AttributeName");
    w->String(d.attribute_name);
    w->Key("AttributeType");
    w->String(TypeName(d.attribute_type));
    w->EndObject();
  }
  w->EndArray();
  if (t.billing_mode) {
    w->Key("BillingModeSummary");
    w->BeginObject();
    w->Key("BillingMode");
    w->String(BillingModeName(*t.billing_mode));
    if (*t.billing_mode == BillingMode::kPayPerRequest) {
      w->Key("LastUpdateToPayPerRequestDateTime");
      w->Raw(EpochSeconds(t.creation_date_time_ms));
    }
    w->EndObject();
  }
  w->Key("CreationDateTime");
  w->Raw(EpochSeconds(t.creation_date_time_ms));
  w->Key("DeletionProtectionEnabled");
  w->Bool(t.deletion_protection_enabled);
  w->Key("ItemCount");
  w->Int(t.item_count);
  w->Key("KeySchema");
  w->BeginArray();
  for (const KeySchemaElement& k : t.key_schema) {
    w->BeginObject();
    w->Key("AttributeName");
    w->String(k.attribute_name);
    w->Key("KeyType");
    w->String(KeyTypeName(k.key_type));
    w->EndObject();
  }
  w->EndArray();
  w->Key("ProvisionedThroughput");
  w->BeginObject();
  w->Key("NumberOfDecreasesToday");
  w->Int(t.provisioned_throughput.number_of_decreases_today);
  w->Key("ReadCapacityUnits");
  w->Int(t.provisioned_throughput.read_capacity_units);
  w->Key("WriteCapacityUnits");
  w->Int(t.provisioned_throughput.write_capacity_units);
  w->EndObject();
  w->Key("TableArn");
  w->String(t.table_arn);
  w->Key("TableId");
  w->String(t.table_id);
  w->Key("TableName");
  w->String(t.table_name);
  w->Key("TableSizeBytes");
  w->Int(t.table_size_bytes);
  w->Key("TableStatus");
  w->String(TableStatusName(t.table_status));
  w->EndObject();
}

Response DescriptionResponse(std::string_view member, const TableDescription& t) {
  Response response;
  JsonWriter w(&response.body);
  w.BeginObject();
  w.Key(member);
  WriteTableDescription(t, &w);
  w.EndObject();
  return response;
}

// AttributeDefinitions: a list of {AttributeName, AttributeType}.
Status ReadAttributeDefinitions(object o, CreateTableRequest* request, ConstraintErrors* errors) {
  auto member = Member(o, "AttributeDefinitions");
  if (!member) {
    errors->Add(std::nullopt, "attributeDefinitions", "Member must not be null");
    return Status::Ok();
  }
  LMDDB_ASSIGN_OR_RETURN(simdjson::dom::array list, AsList(*member));
  size_t index = 0;
  for (simdjson::dom::element e : list) {
    ++index;
    if (e.type() == simdjson::dom::element_type::NULL_VALUE) continue;
    LMDDB_ASSIGN_OR_RETURN(object def, AsValueStruct(e, "AttributeDefinition"));
    const std::string path = StrCat("attributeDefinitions.", index, ".member.");
    LMDDB_ASSIGN_OR_RETURN(std::string name,
                           RequiredString(def, "AttributeName", path + "attributeName", errors));
    LMDDB_ASSIGN_OR_RETURN(std::string type,
                           RequiredString(def, "AttributeType", path + "attributeType", errors));
    AttributeDefinition d;
    d.attribute_name = std::move(name);
    if (type == "S") {
      d.attribute_type = AttributeValue::Type::kS;
    } else if (type == "N") {
      d.attribute_type = AttributeValue::Type::kN;
    } else if (type == "B") {
      d.attribute_type = AttributeValue::Type::kB;
    } else if (Member(def, "AttributeType")) {
      errors->Add(type, path + "attributeType", "Member must satisfy enum value set: [B, N, S]");
    }
    request->attribute_definitions.push_back(std::move(d));
  }
  return Status::Ok();
}

Status ReadKeySchema(object o, CreateTableRequest* request, ConstraintErrors* errors) {
  auto member = Member(o, "KeySchema");
  if (!member) {
    errors->Add(std::nullopt, "keySchema", "Member must not be null");
    return Status::Ok();
  }
  LMDDB_ASSIGN_OR_RETURN(simdjson::dom::array list, AsList(*member));
  size_t index = 0;
  for (simdjson::dom::element e : list) {
    ++index;
    if (e.type() == simdjson::dom::element_type::NULL_VALUE) continue;
    LMDDB_ASSIGN_OR_RETURN(object element, AsValueStruct(e, "KeySchemaElement"));
    const std::string path = StrCat("keySchema.", index, ".member.");
    LMDDB_ASSIGN_OR_RETURN(
        std::string name, RequiredString(element, "AttributeName", path + "attributeName", errors));
    LMDDB_ASSIGN_OR_RETURN(std::string type,
                           RequiredString(element, "KeyType", path + "keyType", errors));
    KeySchemaElement k;
    k.attribute_name = std::move(name);
    if (type == "HASH") {
      k.key_type = KeyType::kHash;
    } else if (type == "RANGE") {
      k.key_type = KeyType::kRange;
    } else if (Member(element, "KeyType")) {
      errors->Add(type, path + "keyType", "Member must satisfy enum value set: [HASH, RANGE]");
    }
    request->key_schema.push_back(std::move(k));
  }
  return Status::Ok();
}

Status ParseCreateTable(object o, CreateTableRequest* request) {
  ConstraintErrors errors;
  LMDDB_RETURN_IF_ERROR(ReadAttributeDefinitions(o, request, &errors));
  LMDDB_ASSIGN_OR_RETURN(request->table_name,
                         RequiredString(o, "TableName", "tableName", &errors));
  LMDDB_RETURN_IF_ERROR(ReadKeySchema(o, request, &errors));
  LMDDB_ASSIGN_OR_RETURN(std::optional<std::string> billing, OptionalString(o, "BillingMode"));
  if (billing) {
    if (*billing == "PROVISIONED") {
      request->billing_mode = BillingMode::kProvisioned;
    } else if (*billing == "PAY_PER_REQUEST") {
      request->billing_mode = BillingMode::kPayPerRequest;
    } else {
      errors.Add(*billing, "billingMode",
                 "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
    }
  }
  if (auto member = Member(o, "ProvisionedThroughput")) {
    LMDDB_ASSIGN_OR_RETURN(object pt, AsFieldStruct(*member, "ProvisionedThroughput"));
    LMDDB_ASSIGN_OR_RETURN(std::optional<int64_t> read,
                           OptionalInteger(pt, "ReadCapacityUnits", "Long"));
    LMDDB_ASSIGN_OR_RETURN(std::optional<int64_t> write,
                           OptionalInteger(pt, "WriteCapacityUnits", "Long"));
    if (!read) {
      errors.Add(std::nullopt, "provisionedThroughput.readCapacityUnits",
                 "Member must not be null");
    }
    if (!write) {
      errors.Add(std::nullopt, "provisionedThroughput.writeCapacityUnits",
                 "Member must not be null");
    }
    request->provisioned_throughput = ProvisionedThroughput{read.value_or(0), write.value_or(0)};
  }
  if (auto member = Member(o, "Tags")) {
    LMDDB_ASSIGN_OR_RETURN(simdjson::dom::array list, AsList(*member));
    size_t index = 0;
    for (simdjson::dom::element e : list) {
      ++index;
      if (e.type() == simdjson::dom::element_type::NULL_VALUE) continue;
      LMDDB_ASSIGN_OR_RETURN(object tag, AsValueStruct(e, "Tag"));
      const std::string path = StrCat("tags.", index, ".member.");
      Tag t;
      LMDDB_ASSIGN_OR_RETURN(t.key, RequiredString(tag, "Key", path + "key", &errors));
      LMDDB_ASSIGN_OR_RETURN(t.value, RequiredString(tag, "Value", path + "value", &errors));
      request->tags.push_back(std::move(t));
    }
  }
  return errors.ToStatus();
}

// DescribeTable and DeleteTable: the one member TableName.
template <typename Request>
Status ParseTableNameOnly(object o, Request* request) {
  ConstraintErrors errors;
  LMDDB_ASSIGN_OR_RETURN(request->table_name,
                         RequiredString(o, "TableName", "tableName", &errors));
  return errors.ToStatus();
}

Status ParseListTables(object o, ListTablesRequest* request) {
  LMDDB_ASSIGN_OR_RETURN(request->exclusive_start_table_name,
                         OptionalString(o, "ExclusiveStartTableName"));
  LMDDB_ASSIGN_OR_RETURN(request->limit, OptionalInteger(o, "Limit", "Integer"));
  return Status::Ok();
}

Response ListTablesResponse(const ListTablesResult& result) {
  Response response;
  JsonWriter w(&response.body);
  w.BeginObject();
  if (result.last_evaluated_table_name) {
    w.Key("LastEvaluatedTableName");
    w.String(*result.last_evaluated_table_name);
  }
  w.Key("TableNames");
  w.BeginArray();
  for (const std::string& name : result.table_names) w.String(name);
  w.EndArray();
  w.EndObject();
  return response;
}

}  // namespace

Response CreateTableJson(Database& db, std::string_view body) {
  return Translate(
      body, ParseCreateTable, [&](const CreateTableRequest& r) { return db.CreateTable(r); },
      [](const CreateTableRequest&, const CreateTableResult& result) {
        return DescriptionResponse("TableDescription", result.table_description);
      });
}

Response DescribeTableJson(Database& db, std::string_view body) {
  return Translate(
      body, ParseTableNameOnly<DescribeTableRequest>,
      [&](const DescribeTableRequest& r) { return db.DescribeTable(r); },
      [](const DescribeTableRequest&, const DescribeTableResult& result) {
        return DescriptionResponse("Table", result.table);
      });
}

Response DeleteTableJson(Database& db, std::string_view body) {
  return Translate(
      body, ParseTableNameOnly<DeleteTableRequest>,
      [&](const DeleteTableRequest& r) { return db.DeleteTable(r); },
      [](const DeleteTableRequest&, const DeleteTableResult& result) {
        return DescriptionResponse("TableDescription", result.table_description);
      });
}

Response ListTablesJson(Database& db, std::string_view body) {
  return Translate(
      body, ParseListTables, [&](const ListTablesRequest& r) { return db.ListTables(r); },
      [](const ListTablesRequest&, const ListTablesResult& result) {
        return ListTablesResponse(result);
      });
}

}  // namespace lmddb::json
