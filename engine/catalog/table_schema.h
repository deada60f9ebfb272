// TableSchema: what the data path needs to know about one table, derived
// once from its TableDescription when the catalog loads it.
#ifndef LMDDB_ENGINE_CATALOG_TABLE_SCHEMA_H_
#define LMDDB_ENGINE_CATALOG_TABLE_SCHEMA_H_

#include <cstdint>
#include <optional>
#include <string>

#include "lmddb/operations.hpp"

namespace lmddb::catalog {

struct KeyAttribute {
  std::string name;
  AttributeValue::Type type = AttributeValue::Type::kS;
};

struct TableSchema {
  uint64_t id = 0;  // never reused: names the table's LMDB databases
  KeyAttribute hash_key;
  std::optional<KeyAttribute> range_key;
  // The stored description; item_count and table_size_bytes are filled in
  // live by DescribeTable, not kept here.
  TableDescription description;

  const std::string& name() const { return description.table_name; }
  // Name of the LMDB database holding the items.
  std::string ItemsDbName() const;
};

// Derives the key attributes from a description that passed validation.
TableSchema MakeTableSchema(uint64_t id, TableDescription description);

}  // namespace lmddb::catalog

#endif  // LMDDB_ENGINE_CATALOG_TABLE_SCHEMA_H_
