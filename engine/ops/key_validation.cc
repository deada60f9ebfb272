#include "engine/ops/key_validation.h"

#include "engine/common/status_macros.h"
#include "engine/common/strings.h"
#include "engine/value/validate.h"

namespace lmddb::ops {
namespace {

constexpr char kInvalid[] = "One or more parameter values were invalid: ";

Status KeyDoesNotMatchSchema() {
  return Status::Validation("The provided key element does not match the schema");
}

Status CheckItemKeyAttribute(const catalog::KeyAttribute& attr, const Item& item, bool is_hash) {
  auto it = item.find(attr.name);
  if (it == item.end()) {
    return Status::Validation(StrCat(kInvalid, "Missing the key ", attr.name, " in the item"));
  }
  if (it->second.type() != attr.type) {
    return Status::Validation(StrCat(kInvalid, "Type mismatch for key ", attr.name,
                                           " expected: ", TypeName(attr.type),
                                           " actual: ", TypeName(it->second.type())));
  }
  return CheckKeyValue(attr, it->second, is_hash);
}

}  // namespace

Status CheckKeyValue(const catalog::KeyAttribute& attr, const AttributeValue& value,
                     bool is_hash) {
  if (attr.type == AttributeValue::Type::kN) return Status::Ok();  // numbers have no length limit
  const std::string& bytes = attr.type == AttributeValue::Type::kS ? value.s() : value.b();
  if (bytes.empty()) {
    return Status::Validation(StrCat(
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty ",
        attr.type == AttributeValue::Type::kS ? "string" : "binary", " value. Key: ", attr.name));
  }
  if (is_hash && bytes.size() > kMaxPartitionKeyBytes) {
    // "limit of2048" is DynamoDB's own spelling.
    return Status::Validation(
        StrCat(kInvalid, "Size of hashkey has exceeded the maximum size limit of2048 bytes"));
  }
  if (!is_hash && bytes.size() > kMaxSortKeyBytes) {
    return Status::Validation(StrCat(
        kInvalid, "Aggregated size of all range keys has exceeded the size limit of 1024 bytes"));
  }
  return Status::Ok();
}


Status ValidateKeyValues(const Item& key) {
  for (const auto& [name, v] : key) LMDDB_RETURN_IF_ERROR(value::ValidateAttributeValue(v));
  return Status::Ok();
}

Status ValidateItemKeyAttributes(const catalog::TableSchema& table, const Item& item) {
  if (Status s = CheckItemKeyAttribute(table.hash_key, item, true); !s.ok()) return s;
  if (table.range_key) return CheckItemKeyAttribute(*table.range_key, item, false);
  return Status::Ok();
}

Status ValidateKeyParameter(const catalog::TableSchema& table, const Item& key) {
  size_t expected = table.range_key ? 2 : 1;
  if (key.size() != expected) return KeyDoesNotMatchSchema();
  auto hash = key.find(table.hash_key.name);
  if (hash == key.end() || hash->second.type() != table.hash_key.type) {
    return KeyDoesNotMatchSchema();
  }
  const AttributeValue* range = nullptr;
  if (table.range_key) {
    auto it = key.find(table.range_key->name);
    if (it == key.end() || it->second.type() != table.range_key->type) {
      return KeyDoesNotMatchSchema();
    }
    range = &it->second;
  }
  if (Status s = CheckKeyValue(table.hash_key, hash->second, true); !s.ok()) return s;
  if (range != nullptr) return CheckKeyValue(*table.range_key, *range, false);
  return Status::Ok();
}

KeyValues KeyValuesOf(const catalog::TableSchema& table, const Item& item) {
  KeyValues out;
  out.hash = &item.find(table.hash_key.name)->second;
  if (table.range_key) out.range = &item.find(table.range_key->name)->second;
  return out;
}

}  // namespace lmddb::ops
