// The page reader shared by Query and Scan: streams items from an LMDB
// cursor over a span of the items database, in DynamoDB order, and builds
// one page of results.
//
// A page ends after `limit` items were evaluated (items within the key
// range, before the FilterExpression), after 1 MB of item data was read
// (DynamoDB item sizes, taken from the record header without decoding), or
// at the end of the span. When it ended early, LastEvaluatedKey holds the
// key attributes of the last item evaluated; DynamoDB does not look ahead,
// so a page that ends exactly at Limit carries a LastEvaluatedKey even when
// no item follows.
//
// Order: LMDB key order, with each partition's sort keys put back in
// DynamoDB order where long sort keys share a bucket (SortKeyOrderer in
// keycodec/partition_order.h). Nothing but the returned items is
// materialized, apart from a bucket of long sort keys held for ordering.
// Filters are evaluated on the stored bytes (ItemView) and projections
// decode only the projected paths.
//
// Thread safety: one call per thread; the transaction belongs to the caller.
#ifndef LMDDB_ENGINE_OPS_ITEM_PAGE_H_
#define LMDDB_ENGINE_OPS_ITEM_PAGE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/catalog/catalog.h"
#include "engine/expr/ast.h"
#include "engine/keycodec/partition_order.h"
#include "engine/ops/key_condition.h"
#include "engine/storage/txn.h"
#include "lmddb/operations.hpp"
#include "lmddb/status.hpp"

namespace lmddb::ops {

// DynamoDB's page size: 1 MB of item data read.
inline constexpr uint64_t kMaxPageBytes = 1024 * 1024;

// Where a page resumes: after the item with this key (ExclusiveStartKey),
// in the page's direction. REQUIRES: the key values passed key validation.
struct ResumePoint {
  std::string partition_prefix;     // keycodec::EncodePartitionPrefix of its partition key
  std::optional<std::string> sort;  // KeyBytes of its sort key; absent for hash-only tables
  std::string seek_key;             // where the cursor starts (a bucket bound, never inside one)
};
ResumePoint ResumeAfter(const AttributeValue& partition_key, const AttributeValue* sort_key,
                        keycodec::Direction direction);

// What one page reads and returns.
struct PageRequest {
  const catalog::Table* table = nullptr;
  // Inclusive bounds of the LMDB keys read. Forward pages start at `lo`
  // (or the resume point) and stop past `hi`; reverse pages the opposite.
  std::string lo;
  std::string hi;
  keycodec::Direction direction = keycodec::Direction::kForward;
  // Query: the partition key, checked against items whose partition key
  // is stored as a digest; the sort key condition. Null for Scan.
  const AttributeValue* partition_key = nullptr;
  const SortKeyCondition* sort = nullptr;
  const ResumePoint* resume = nullptr;
  const expr::Condition* filter = nullptr;
  const expr::Projection* projection = nullptr;
  bool count_only = false;  // Select COUNT: no items
  std::optional<int64_t> limit;
};

struct Page {
  QueryResult result;       // items, Count, ScannedCount, LastEvaluatedKey
  uint64_t bytes_read = 0;  // DynamoDB size of the items evaluated, for capacity
};

// Errors: Internal on a corrupt key or record; filter evaluation errors.
StatusOr<Page> ReadPage(storage::ReadTxn& txn, const PageRequest& request);

// The page's result, with ConsumedCapacity when `mode` asks for it: a page
// is charged once, for the item bytes it read (capacity.h).
QueryResult PageResult(Page page, std::string_view table_name,
                       std::optional<ReturnConsumedCapacity> mode, bool consistent_read);

}  // namespace lmddb::ops

#endif  // LMDDB_ENGINE_OPS_ITEM_PAGE_H_
