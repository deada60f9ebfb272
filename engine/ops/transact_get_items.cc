// TransactGetItems: up to 100 gets, each checked as GetItem checks its Key
// and ProjectionExpression, all read from one snapshot, so that the items
// are seen as of one instant (no write lands between two of the reads).
// Responses come in request order, empty for a missing item. Two gets of
// one item are refused, and so is a transaction whose items add up to more
// than 4 MB. Reads are strongly consistent and charged double.
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

constexpr size_t kMaxTransactItems = 100;
constexpr uint64_t kMaxTransactionBytes = 4u << 20;

std::string RenderTransactItems(const TransactGetItemsRequest& request) {
  std::string out = "[";
  for (size_t i = 0; i < request.transact_items.size(); ++i) {
    const TransactGet& get = request.transact_items[i].get;
    if (i > 0) out.append(", ");
    StrAppend(&out, "{Get: {Key: ", RenderItemForConstraint(get.key),
              ",TableName: ", get.table_name, ",},}");
  }
  out.push_back(']');
  return out;
}

// The AWS request validator's checks: the item count and the table names.
Status CheckShape(const TransactGetItemsRequest& request) {
  ConstraintErrors errors;
  const size_t n = request.transact_items.size();
  if (n == 0) {
    errors.Add("[]", "transactItems", "Member must have length greater than or equal to 1");
  } else if (n > kMaxTransactItems) {
    errors.Add(RenderTransactItems(request), "transactItems",
               StrCat("Member must have length less than or equal to ", kMaxTransactItems));
  }
  for (size_t i = 0; i < n; ++i) {
    errors.CheckName(request.transact_items[i].get.table_name,
                     StrCat("transactItems.", i + 1, ".member.get.tableName"), 3, 255);
  }
  return errors.ToStatus();
}

}  // namespace

StatusOr<TransactGetItemsResult> TransactGetItems(Engine& engine,
                                                  const TransactGetItemsRequest& request) {
  LMDDB_RETURN_IF_ERROR(CheckShape(request));
  const size_t n = request.transact_items.size();

  std::vector<std::optional<expr::Projection>> projections(n);
  std::vector<std::string_view> names(n);
  for (size_t i = 0; i < n; ++i) {
    const TransactGet& get = request.transact_items[i].get;
    names[i] = get.table_name;
    LMDDB_RETURN_IF_ERROR(ValidateKeyValues(get.key));
    LMDDB_ASSIGN_OR_RETURN(projections[i], CompileReadProjection(get.projection_expression,
                                                                 get.expression_attribute_names));
  }

  LMDDB_ASSIGN_OR_RETURN(MultiTableSnapshot snapshot, BeginReadOfTables(engine, names));
  std::vector<std::string> lmdb_keys(n);
  // An item is named by its table and key: the same key in two tables
  // names two items.
  KeyListDuplicates seen;
  for (size_t i = 0; i < n; ++i) {
    const TransactGet& get = request.transact_items[i].get;
    if (snapshot.tables[i] == nullptr) {
      return Status::ResourceNotFound("Requested resource not found");
    }
    const catalog::TableSchema& schema = snapshot.tables[i]->schema;
    LMDDB_RETURN_IF_ERROR(ValidateKeyParameter(schema, get.key));
    lmdb_keys[i] = EncodeItemKey(KeyValuesOf(schema, get.key));
    if (!seen.Insert(StrCat(get.table_name, std::string_view("\0", 1), lmdb_keys[i]))) {
      return Status::Validation(
          "Transaction request cannot include multiple operations on one item");
    }
  }

  TransactGetItemsResult result;
  result.responses.resize(n);
  CapacityTally capacity(request.return_consumed_capacity, CapacityKind::kRead,
                         /*transactional=*/true);
  uint64_t total_bytes = 0;
  for (size_t i = 0; i < n; ++i) {
    const catalog::Table& table = *snapshot.tables[i];
    const TransactGet& get = request.transact_items[i].get;
    LMDDB_ASSIGN_OR_RETURN(ReadResult read,
                           ReadItemByKey(snapshot.txn, table, lmdb_keys[i],
                                         KeyValuesOf(table.schema, get.key), projections[i]));
    total_bytes += read.size;
    if (total_bytes > kMaxTransactionBytes) {
      return Status::Validation("Transaction request cannot be larger than 4 MB");
    }
    capacity.Add(get.table_name, ReadUnits(read.size, /*consistent_read=*/true));
    result.responses[i].item = std::move(read.item);
  }
  result.consumed_capacity = capacity.PerTable();
  return result;
}

}  // namespace lmddb::ops
