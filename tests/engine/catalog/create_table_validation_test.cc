#include "engine/catalog/create_table_validation.h"

#include <gtest/gtest.h>

namespace lmddb::catalog {
namespace {

using T = AttributeValue::Type;

CreateTableRequest Valid() {
  CreateTableRequest r;
  r.table_name = "Music";
  r.attribute_definitions = {{"Artist", T::kS}, {"Song", T::kN}};
  r.key_schema = {{"Artist", KeyType::kHash}, {"Song", KeyType::kRange}};
  r.billing_mode = BillingMode::kPayPerRequest;
  return r;
}

void ExpectValidation(const CreateTableRequest& r, const std::string& message) {
  Status s = ValidateCreateTable(r);
  EXPECT_EQ(s.type(), ErrorType::kValidation) << s.ToString();
  EXPECT_EQ(s.message(), message);
}

TEST(CreateTableValidation, AcceptsValidRequests) {
  EXPECT_TRUE(ValidateCreateTable(Valid()).ok());
  CreateTableRequest hash_only = Valid();
  hash_only.attribute_definitions.pop_back();
  hash_only.key_schema.pop_back();
  hash_only.billing_mode.reset();
  hash_only.provisioned_throughput = ProvisionedThroughput{5, 5};
  EXPECT_TRUE(ValidateCreateTable(hash_only).ok());
  CreateTableRequest name = Valid();
  name.table_name = std::string(255, 'a');
  EXPECT_TRUE(ValidateCreateTable(name).ok());
  name.table_name = "a-b_c.9";
  EXPECT_TRUE(ValidateCreateTable(name).ok());
}

TEST(CreateTableValidation, TableNameConstraints) {
  CreateTableRequest r = Valid();
  r.table_name = "ab";
  ExpectValidation(r,
                   "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy "
                   "constraint: Member must have length greater than or equal to 3");
  r.table_name = std::string(256, 'x');
  ExpectValidation(r, "1 validation error detected: Value '" + std::string(256, 'x') +
                          "' at 'tableName' failed to satisfy constraint: Member must have length "
                          "less than or equal to 255");
  r.table_name = "a#";
  ExpectValidation(r,
                   "2 validation errors detected: Value 'a#' at 'tableName' failed to satisfy "
                   "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                   "Value 'a#' at 'tableName' failed to satisfy constraint: Member must have "
                   "length greater than or equal to 3");
  EXPECT_TRUE(ValidateTableName("abc").ok());
  EXPECT_EQ(ValidateTableName("no spaces").type(), ErrorType::kValidation);
}

TEST(CreateTableValidation, KeySchemaLength) {
  CreateTableRequest r = Valid();
  r.key_schema.clear();
  ExpectValidation(r,
                   "1 validation error detected: Value '[]' at 'keySchema' failed to satisfy "
                   "constraint: Member must have length greater than or equal to 1");
  r = Valid();
  r.key_schema.push_back({"Other", KeyType::kRange});
  ExpectValidation(
      r,
      "1 validation error detected: Value '[KeySchemaElement(attributeName=Artist, "
      "keyType=HASH), KeySchemaElement(attributeName=Song, keyType=RANGE), "
      "KeySchemaElement(attributeName=Other, keyType=RANGE)]' at 'keySchema' failed to satisfy "
      "constraint: Member must have length less than or equal to 2");
}

TEST(CreateTableValidation, AttributeTypeMustBeKeyType) {
  CreateTableRequest r = Valid();
  r.attribute_definitions[1].attribute_type = T::kBool;
  ExpectValidation(r,
                   "1 validation error detected: Value 'BOOL' at "
                   "'attributeDefinitions.2.member.attributeType' failed to satisfy constraint: "
                   "Member must satisfy enum value set: [B, N, S]");
}

TEST(CreateTableValidation, KeyAttributeNameLength) {
  CreateTableRequest r = Valid();
  std::string long_name(256, 'k');
  r.attribute_definitions[0].attribute_name = long_name;
  r.key_schema[0].attribute_name = long_name;
  ExpectValidation(r, "2 validation errors detected: Value '" + long_name +
                          "' at 'attributeDefinitions.1.member.attributeName' failed to satisfy "
                          "constraint: Member must have length less than or equal to 255; Value '" +
                          long_name +
                          "' at 'keySchema.1.member.attributeName' failed to satisfy constraint: "
                          "Member must have length less than or equal to 255");
}

TEST(CreateTableValidation, BillingModeRules) {
  CreateTableRequest r = Valid();
  r.provisioned_throughput = ProvisionedThroughput{1, 1};
  ExpectValidation(r,
                   "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
                   "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
  r.billing_mode = BillingMode::kProvisioned;
  r.provisioned_throughput.reset();
  ExpectValidation(r,
                   "One or more parameter values were invalid: ReadCapacityUnits and "
                   "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
  r.provisioned_throughput = ProvisionedThroughput{0, 5};
  ExpectValidation(r,
                   "1 validation error detected: Value '0' at "
                   "'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: "
                   "Member must have value greater than or equal to 1");
}

TEST(CreateTableValidation, KeySchemaSemantics) {
  CreateTableRequest r = Valid();
  r.attribute_definitions.pop_back();
  ExpectValidation(r, "Invalid KeySchema: Some index key attribute have no definition");

  r = Valid();
  r.attribute_definitions[1].attribute_name = "Year";
  ExpectValidation(r,
                   "One or more parameter values were invalid: Some index key attributes are not "
                   "defined in AttributeDefinitions. Keys: [Artist, Song], AttributeDefinitions: "
                   "[Artist, Year]");

  r = Valid();
  r.key_schema[1].attribute_name = "Artist";
  r.attribute_definitions[1].attribute_name = "Artist";
  ExpectValidation(r,
                   "Both the Hash Key and the Range Key element in the KeySchema have the same "
                   "name");

  r = Valid();
  std::swap(r.key_schema[0].key_type, r.key_schema[1].key_type);
  ExpectValidation(r, "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");

  r = Valid();
  r.key_schema[1].key_type = KeyType::kHash;
  ExpectValidation(r, "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");

  r = Valid();
  r.attribute_definitions.push_back({"Extra", T::kS});
  ExpectValidation(r,
                   "One or more parameter values were invalid: Number of attributes in KeySchema "
                   "does not exactly match number of attributes defined in AttributeDefinitions");
}

}  // namespace
}  // namespace lmddb::catalog
