// Persistent form of a table's catalog record. The record is an Item
// encoded with the item codec, so it inherits its versioning; fields are
// looked up by name, so later versions can add fields freely.
#ifndef LMDDB_ENGINE_CATALOG_CATALOG_CODEC_H_
#define LMDDB_ENGINE_CATALOG_CATALOG_CODEC_H_

#include <string>
#include <string_view>

#include "engine/catalog/table_schema.h"
#include "lmddb/status.hpp"

namespace lmddb::catalog {

std::string EncodeTableRecord(const TableSchema& schema);
StatusOr<TableSchema> DecodeTableRecord(std::string_view bytes);

}  // namespace lmddb::catalog

#endif  // LMDDB_ENGINE_CATALOG_CATALOG_CODEC_H_
