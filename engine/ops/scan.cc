// Scan: every item of the table in LMDB key order, which is partition hash
// order with sort key order inside each partition, one page at a time
// (item_page.h).
//
// Parallel scan: Segment s of TotalSegments n reads the partitions whose
// 64-bit hash (the first 8 bytes of every key, big-endian) lies in
// [floor(s * 2^64 / n), floor((s + 1) * 2^64 / n)). The ranges are exact
// integer arithmetic and tile the hash space, so n segments together
// return every item exactly once, and a partition never spans two.
#include "engine/catalog/create_table_validation.h"
#include "engine/common/constraint_errors.h"
#include "engine/common/status_macros.h"
#include "engine/common/strings.h"
#include "engine/keycodec/primary_key.h"
#include "engine/ops/item_page.h"
#include "engine/ops/operations.h"
#include "engine/ops/read_request.h"
#include "engine/ops/request_expressions.h"
#include "engine/ops/table_lookup.h"

namespace lmddb::ops {
namespace {

constexpr int64_t kMaxTotalSegments = 1000000;

// First hash of segment `s` of `n`. REQUIRES: 0 <= s <= n, 1 <= n.
unsigned __int128 SegmentStart(int64_t s, int64_t n) {
  return (static_cast<unsigned __int128>(s) << 64) / static_cast<unsigned __int128>(n);
}

// The segment of `n` that holds `hash`.
int64_t SegmentOf(uint64_t hash, int64_t n) {
  int64_t s = static_cast<int64_t>((static_cast<unsigned __int128>(hash) * n) >> 64);
  while (s + 1 < n && SegmentStart(s + 1, n) <= hash) ++s;
  while (s > 0 && SegmentStart(s, n) > hash) --s;
  return s;
}

void AppendBigEndian64(std::string* out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}

// LMDB key bounds of hashes [first, last].
void SetHashSpan(uint64_t first, uint64_t last, PageRequest* page) {
  page->lo.clear();
  AppendBigEndian64(&page->lo, first);
  page->hi.clear();
  AppendBigEndian64(&page->hi, last);
  page->hi.append(keycodec::kMaxKeyLength - keycodec::kPartitionHashLength, '\xFF');
}

Status ValidateSegments(const ScanRequest& request) {
  ConstraintErrors errors;
  CheckIndexAndLimit(request.index_name, request.limit, errors);
  if (request.segment) {
    errors.CheckMinimum(*request.segment, "segment", 0);
    errors.CheckMaximum(*request.segment, "segment", kMaxTotalSegments - 1);
  }
  if (request.total_segments) {
    errors.CheckMinimum(*request.total_segments, "totalSegments", 1);
    errors.CheckMaximum(*request.total_segments, "totalSegments", kMaxTotalSegments);
  }
  LMDDB_RETURN_IF_ERROR(errors.ToStatus());
  if (request.total_segments && !request.segment) {
    return Status::Validation(
        "The Segment parameter is required but was not present in the request when parameter "
        "TotalSegments is present");
  }
  if (request.segment && !request.total_segments) {
    return Status::Validation(
        "The TotalSegments parameter is required but was not present in the request when Segment "
        "parameter is present");
  }
  if (request.segment && *request.segment >= *request.total_segments) {
    return Status::Validation(
        StrCat("The Segment parameter is zero-based and must be less than parameter "
               "TotalSegments: Segment: ",
               *request.segment, " is not less than TotalSegments: ", *request.total_segments));
  }
  return Status::Ok();
}

}  // namespace

StatusOr<ScanResult> Scan(Engine& engine, const ScanRequest& request) {
  LMDDB_RETURN_IF_ERROR(catalog::ValidateTableName(request.table_name));
  LMDDB_RETURN_IF_ERROR(ValidateSegments(request));
  LMDDB_RETURN_IF_ERROR(ValidateSelect(ReadOperation::kScan, request.select,
                                       request.projection_expression.has_value(),
                                       request.index_name.has_value()));
  LMDDB_RETURN_IF_ERROR(ValidateExpressionAttributes(
      {{"FilterExpression", &request.filter_expression},
       {"ProjectionExpression", &request.projection_expression}},
      request.expression_attribute_names, &request.expression_attribute_values));
  expr::ExpressionContext expressions(OptionalPtr(request.expression_attribute_names),
                                      OptionalPtr(request.expression_attribute_values));
  LMDDB_ASSIGN_OR_RETURN(FilterAndProjection parsed,
                         ParseFilterAndProjection(expressions, request.filter_expression,
                                                  request.projection_expression));
  const std::optional<expr::Condition>& filter = parsed.filter;
  const std::optional<expr::Projection>& projection = parsed.projection;
  LMDDB_RETURN_IF_ERROR(expressions.CheckAllUsed());

  LMDDB_ASSIGN_OR_RETURN(TableSnapshot snapshot, BeginReadOfTable(engine, request.table_name));
  if (snapshot.table == nullptr) return Status::ResourceNotFound("Requested resource not found");
  const catalog::Table& table = *snapshot.table;
  if (request.index_name) return NoSuchIndex(*request.index_name);

  PageRequest page;
  page.table = &table;
  page.direction = keycodec::Direction::kForward;
  page.filter = filter ? &*filter : nullptr;
  page.projection = projection ? &*projection : nullptr;
  page.count_only = request.select == Select::kCount;
  page.limit = request.limit;
  const int64_t total = request.total_segments.value_or(1);
  const int64_t segment = request.segment.value_or(0);
  const uint64_t first = static_cast<uint64_t>(SegmentStart(segment, total));
  const uint64_t last = static_cast<uint64_t>(SegmentStart(segment + 1, total) - 1);
  SetHashSpan(first, last, &page);
  ResumePoint resume;
  if (request.exclusive_start_key) {
    LMDDB_ASSIGN_OR_RETURN(
        KeyValues start,
        ValidateStartKey(table.schema, *request.exclusive_start_key,
                         "The provided starting key is invalid: The provided key element does "
                         "not match the schema"));
    const uint64_t hash = keycodec::PartitionHash(*start.hash);
    if (hash < first || hash > last) {
      return Status::Validation(StrCat(
          "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use "
          "ExclusiveStartKey with correct Segment. TotalSegments: ",
          total, " Segment: ", SegmentOf(hash, total)));
    }
    resume = ResumeAfter(*start.hash, start.range, page.direction);
    page.resume = &resume;
  }
  LMDDB_ASSIGN_OR_RETURN(Page result, ReadPage(snapshot.txn, page));
  return PageResult(std::move(result), table.schema.name(), request.return_consumed_capacity,
                    request.consistent_read.value_or(false));
}

}  // namespace lmddb::ops
