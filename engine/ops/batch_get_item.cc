// BatchGetItem: up to 100 keys over any number of tables, all read from one
// snapshot. Each table's keys are checked as GetItem checks its Key, and
// its ProjectionExpression as GetItem's. Missing items are left out of
// Responses; every requested table appears there, empty when nothing was
// found. The response holds at most 16 MB of item data: the keys not read
// once that much was read come back in UnprocessedKeys, with their table's
// ProjectionExpression, ExpressionAttributeNames and ConsistentRead, so
// that sending them again finishes the job.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/constraint_errors.h"
#include "engine/common/status_macros.h"
#include "engine/common/strings.h"
#include "engine/ops/batch_request_checks.h"
#include "engine/ops/capacity.h"
#include "engine/ops/item_key.h"
#include "engine/ops/read_by_key.h"
#include "engine/ops/operations.h"

namespace lmddb::ops {
namespace {

// RequestItems as DynamoDB prints it in constraint errors.
std::string RenderRequestItems(const BatchGetItemRequest& request) {
  std::string out = "{";
  bool first = true;
  for (const auto& [table, keys] : request.request_items) {
    if (!first) out.append(", ");
    first = false;
    StrAppend(&out, table, "={Keys: ", RenderItemListForConstraint(keys.keys), ",}");
  }
  out.push_back('}');
  return out;
}

// The AWS request validator's checks on the shape of RequestItems.
Status CheckShape(const BatchGetItemRequest& request) {
  ConstraintErrors errors;
  if (request.request_items.empty()) {
    errors.Add("{}", "requestItems", "Member must have length greater than or equal to 1");
    return errors.ToStatus();
  }
  std::vector<std::string_view> names;
  names.reserve(request.request_items.size());
  for (const auto& [table, keys] : request.request_items) names.push_back(table);
  if (HasInvalidTableName(names)) AddInvalidTableNamesError(RenderRequestItems(request), errors);
  if (request.request_items.size() > kMaxBatchTables) {
    errors.Add(RenderRequestItems(request), "requestItems",
               StrCat("Member must have length less than or equal to ", kMaxBatchTables));
  }
  for (const auto& [table, keys] : request.request_items) {
    const std::string path = StrCat("requestItems.", table, ".member.keys");
    if (keys.keys.empty()) {
      errors.Add("[]", path, "Member must have length greater than or equal to 1");
    } else if (keys.keys.size() > kMaxBatchGetKeys) {
      errors.Add(RenderItemListForConstraint(keys.keys), path,
                 StrCat("Member must have length less than or equal to ", kMaxBatchGetKeys));
    }
  }
  return errors.ToStatus();
}

// One table's part of the request, checked and ready to read.
struct TableReads {
  std::string_view name;
  const KeysAndAttributes* request = nullptr;
  std::optional<expr::Projection> projection;
  std::vector<std::string> lmdb_keys;  // parallel to request->keys
};

}  // namespace

StatusOr<BatchGetItemResult> BatchGetItem(Engine& engine, const BatchGetItemRequest& request) {
  LMDDB_RETURN_IF_ERROR(CheckShape(request));

  // Checks that need no table: expressions, key values, the total count.
  std::vector<TableReads> reads;
  reads.reserve(request.request_items.size());
  size_t total_keys = 0;
  for (const auto& [table, keys] : request.request_items) {
    TableReads& r = reads.emplace_back();
    r.name = table;
    r.request = &keys;
    LMDDB_ASSIGN_OR_RETURN(
        r.projection,
        CompileReadProjection(keys.projection_expression, keys.expression_attribute_names));
    for (const Item& key : keys.keys) {
      LMDDB_RETURN_IF_ERROR(ValidateKeyValues(key));
      if (++total_keys > kMaxBatchGetKeys) {
        return Status::Validation("Too many items requested for the BatchGetItem call");
      }
    }
  }

  std::vector<std::string_view> names;
  names.reserve(reads.size());
  for (const TableReads& r : reads) names.push_back(r.name);
  LMDDB_ASSIGN_OR_RETURN(MultiTableSnapshot snapshot, BeginReadOfTables(engine, names));

  // Keys against each table's schema, and duplicates within a table.
  for (size_t t = 0; t < reads.size(); ++t) {
    TableReads& r = reads[t];
    if (snapshot.tables[t] == nullptr) {
      return Status::ResourceNotFound("Requested resource not found");
    }
    const catalog::TableSchema& schema = snapshot.tables[t]->schema;
    KeyListDuplicates seen;
    r.lmdb_keys.reserve(r.request->keys.size());
    for (const Item& key : r.request->keys) {
      LMDDB_RETURN_IF_ERROR(ValidateKeyParameter(schema, key));
      r.lmdb_keys.push_back(EncodeItemKey(KeyValuesOf(schema, key)));
      if (!seen.Insert(r.lmdb_keys.back())) return Status::Validation(kDuplicateKeysMessage);
    }
  }

  BatchGetItemResult result;
  CapacityTally capacity(request.return_consumed_capacity, CapacityKind::kRead);
  uint64_t response_bytes = 0;
  bool full = false;
  for (size_t t = 0; t < reads.size(); ++t) {
    const TableReads& r = reads[t];
    const catalog::Table& table = *snapshot.tables[t];
    const bool consistent = r.request->consistent_read.value_or(false);
    std::vector<Item>& found = result.responses[std::string(r.name)];
    for (size_t k = 0; k < r.request->keys.size(); ++k) {
      const Item& key = r.request->keys[k];
      if (!full) {
        LMDDB_ASSIGN_OR_RETURN(ReadResult read,
                               ReadItemByKey(snapshot.txn, table, r.lmdb_keys[k],
                                             KeyValuesOf(table.schema, key), r.projection));
        // An item that would take the response past the limit is left for
        // the next call, with every key after it. The first item always
        // fits: items are at most 400 KB.
        if (response_bytes + read.size <= kMaxBatchGetResponseBytes) {
          response_bytes += read.size;
          capacity.Add(r.name, ReadUnits(read.size, consistent));
          if (read.item) found.push_back(std::move(*read.item));
          continue;
        }
        full = true;
      }
      auto [it, inserted] = result.unprocessed_keys.try_emplace(std::string(r.name));
      if (inserted) {
        it->second.projection_expression = r.request->projection_expression;
        it->second.expression_attribute_names = r.request->expression_attribute_names;
        it->second.consistent_read = r.request->consistent_read;
      }
      it->second.keys.push_back(key);
    }
  }
  result.consumed_capacity = capacity.PerTable();
  return result;
}

}  // namespace lmddb::ops
