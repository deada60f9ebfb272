#include "engine/catalog/table_schema.h"

#include "engine/common/strings.h"

namespace lmddb::catalog {

std::string TableSchema::ItemsDbName() const { return StrCat("t", id, ".items"); }

TableSchema MakeTableSchema(uint64_t id, TableDescription description) {
  TableSchema schema;
  schema.id = id;
  auto type_of = [&](const std::string& name) {
    for (const AttributeDefinition& def : description.attribute_definitions) {
      if (def.attribute_name == name) return def.attribute_type;
    }
    return AttributeValue::Type::kS;  // unreachable for validated descriptions
  };
  for (const KeySchemaElement& element : description.key_schema) {
    KeyAttribute key{element.attribute_name, type_of(element.attribute_name)};
    if (element.key_type == KeyType::kHash) {
      schema.hash_key = std::move(key);
    } else {
      schema.range_key = std::move(key);
    }
  }
  schema.description = std::move(description);
  return schema;
}

}  // namespace lmddb::catalog
