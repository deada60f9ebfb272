#include "engine/catalog/create_table_validation.h"

#include <algorithm>
#include <string>
#include <vector>

#include "engine/common/strings.h"
#include "engine/common/constraint_errors.h"

namespace lmddb::catalog {
namespace {

constexpr char kInvalid[] = "One or more parameter values were invalid: ";

bool IsKeyType(AttributeValue::Type t) {
  return t == AttributeValue::Type::kS || t == AttributeValue::Type::kN ||
         t == AttributeValue::Type::kB;
}

// The request-shape constraints DynamoDB's front end reports together.
void CheckShape(const CreateTableRequest& request, ConstraintErrors& errors) {
  errors.CheckName(request.table_name, "tableName", kMinTableNameLength, kMaxTableNameLength);
  for (size_t i = 0; i < request.attribute_definitions.size(); ++i) {
    const AttributeDefinition& def = request.attribute_definitions[i];
    std::string path = StrCat("attributeDefinitions.", i + 1, ".member.");
    errors.CheckLength(def.attribute_name, path + "attributeName", 1, kMaxKeyAttributeNameLength);
    if (!IsKeyType(def.attribute_type)) {
      errors.Add(TypeName(def.attribute_type), path + "attributeType",
                 "Member must satisfy enum value set: [B, N, S]");
    }
  }
  if (request.key_schema.empty()) {
    errors.Add("[]", "keySchema", "Member must have length greater than or equal to 1");
  } else if (request.key_schema.size() > 2) {
    std::vector<std::string> shown;
    for (const KeySchemaElement& e : request.key_schema) {
      shown.push_back(StrCat("KeySchemaElement(attributeName=", e.attribute_name,
                                   ", keyType=", KeyTypeName(e.key_type), ")"));
    }
    errors.Add(StrCat("[", StrJoin(shown, ", "), "]"), "keySchema",
               "Member must have length less than or equal to 2");
  }
  for (size_t i = 0; i < request.key_schema.size(); ++i) {
    errors.CheckLength(request.key_schema[i].attribute_name,
                       StrCat("keySchema.", i + 1, ".member.attributeName"), 1,
                       kMaxKeyAttributeNameLength);
  }
  if (request.provisioned_throughput) {
    errors.CheckMinimum(request.provisioned_throughput->read_capacity_units,
                        "provisionedThroughput.readCapacityUnits", 1);
    errors.CheckMinimum(request.provisioned_throughput->write_capacity_units,
                        "provisionedThroughput.writeCapacityUnits", 1);
  }
  if (request.tags.size() > kMaxTags) {
    errors.Add(std::nullopt, "tags", "Member must have length less than or equal to 50");
  }
  for (size_t i = 0; i < request.tags.size(); ++i) {
    std::string path = StrCat("tags.", i + 1, ".member.");
    errors.CheckLength(request.tags[i].key, path + "key", 1, 128);
    errors.CheckLength(request.tags[i].value, path + "value", 0, 256);
  }
}

Status Invalid(std::string_view detail) {
  return Status::Validation(StrCat(kInvalid, detail));
}

Status CheckBilling(const CreateTableRequest& request) {
  BillingMode mode = request.billing_mode.value_or(BillingMode::kProvisioned);
  if (mode == BillingMode::kPayPerRequest) {
    if (request.provisioned_throughput) {
      return Invalid(
          "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is "
          "PAY_PER_REQUEST");
    }
    return Status::Ok();
  }
  if (!request.provisioned_throughput) {
    return Invalid(
        "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is "
        "PROVISIONED");
  }
  // DynamoDB's hard bound on a capacity value; account quotas are not modelled.
  constexpr int64_t kMaxUnits = 1000000000000;
  if (request.provisioned_throughput->read_capacity_units > kMaxUnits) {
    return Status::Validation(StrCat(
        "Given value ", request.provisioned_throughput->read_capacity_units,
        " for ReadCapacityUnits is out of bounds"));
  }
  if (request.provisioned_throughput->write_capacity_units > kMaxUnits) {
    return Status::Validation(StrCat(
        "Given value ", request.provisioned_throughput->write_capacity_units,
        " for WriteCapacityUnits is out of bounds"));
  }
  return Status::Ok();
}

Status CheckKeySchema(const CreateTableRequest& request) {
  const auto& keys = request.key_schema;
  const auto& defs = request.attribute_definitions;
  if (keys.size() > defs.size()) {
    return Status::Validation("Invalid KeySchema: Some index key attribute have no definition");
  }
  std::vector<std::string_view> key_names, def_names;
  for (const auto& k : keys) key_names.push_back(k.attribute_name);
  for (const auto& d : defs) def_names.push_back(d.attribute_name);
  for (std::string_view name : key_names) {
    if (std::find(def_names.begin(), def_names.end(), name) == def_names.end()) {
      return Invalid(StrCat(
          "Some index key attributes are not defined in AttributeDefinitions. Keys: [",
          StrJoin(key_names, ", "), "], AttributeDefinitions: [",
          StrJoin(def_names, ", "), "]"));
    }
  }
  if (keys.size() == 2 && keys[0].attribute_name == keys[1].attribute_name) {
    return Status::Validation(
        "Both the Hash Key and the Range Key element in the KeySchema have the same name");
  }
  if (keys[0].key_type != KeyType::kHash) {
    return Status::Validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  if (keys.size() == 2 && keys[1].key_type != KeyType::kRange) {
    return Status::Validation(
        "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
  }
  // Without secondary indexes every definition must be a key attribute.
  if (keys.size() != defs.size()) {
    return Invalid(
        "Number of attributes in KeySchema does not exactly match number of attributes defined "
        "in AttributeDefinitions");
  }
  return Status::Ok();
}

}  // namespace

Status ValidateTableName(std::string_view table_name) {
  ConstraintErrors errors;
  errors.CheckName(table_name, "tableName", kMinTableNameLength, kMaxTableNameLength);
  return errors.ToStatus();
}

Status ValidateCreateTable(const CreateTableRequest& request) {
  ConstraintErrors errors;
  CheckShape(request, errors);
  if (!errors.empty()) return errors.ToStatus();
  if (Status s = CheckBilling(request); !s.ok()) return s;
  return CheckKeySchema(request);
}

}  // namespace lmddb::catalog
