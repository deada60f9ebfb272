// Query: one partition, optionally narrowed by a sort key condition, read
// in sort key order (or reverse order) one page at a time (item_page.h).
// Reads are always strongly consistent here; ConsistentRead only changes
// the capacity reported.
#include "engine/catalog/create_table_validation.h"
#include "engine/common/constraint_errors.h"
#include "engine/common/status_macros.h"
#include "engine/common/strings.h"
#include "engine/keycodec/primary_key.h"
#include "engine/ops/item_page.h"
#include "engine/ops/key_condition.h"
#include "engine/ops/operations.h"
#include "engine/ops/read_request.h"
#include "engine/ops/request_expressions.h"
#include "engine/ops/table_lookup.h"

namespace lmddb::ops {
namespace {

using keycodec::Direction;

// Whether `condition` names `attribute` as the first element of a path.
bool Mentions(const expr::Condition& condition, const std::string& attribute) {
  for (const expr::Operand& operand : condition.operands) {
    const auto& elements = operand.path.elements;
    if ((operand.kind == expr::Operand::Kind::kPath || operand.kind == expr::Operand::Kind::kSize) &&
        !elements.empty() && elements[0].name == attribute) {
      return true;
    }
  }
  // Depth is bounded by the parser's operator limit.
  return (condition.left && Mentions(*condition.left, attribute)) ||
         (condition.right && Mentions(*condition.right, attribute));
}

// DynamoDB filters only on attributes the key condition does not cover.
Status CheckFilterAvoidsKeys(const catalog::TableSchema& schema, const expr::Condition& filter) {
  for (const catalog::KeyAttribute* key :
       {&schema.hash_key, schema.range_key ? &*schema.range_key : nullptr}) {
    if (key != nullptr && Mentions(filter, key->name)) {
      return Status::Validation(StrCat(
          "Filter Expression can only contain non-primary key attributes: Primary key attribute: ",
          key->name));
    }
  }
  return Status::Ok();
}

// The ExclusiveStartKey must lie in the queried partition and range.
Status CheckStartKeyInRange(const KeyValues& start, const QueryKeyRange& range) {
  if (KeyBytes(*start.hash) != KeyBytes(*range.partition_key)) {
    return Status::Validation(
        "The provided starting key is outside query boundaries based on provided conditions");
  }
  if (range.sort && start.range != nullptr && !range.sort->Matches(KeyBytes(*start.range))) {
    return Status::Validation("The provided starting key does not match the range key predicate");
  }
  return Status::Ok();
}

// The LMDB key span of the partition, narrowed by the sort key condition
// to bucket bounds (the page checks each item's full sort key).
void SetSpan(const QueryKeyRange& range, PageRequest* page) {
  const AttributeValue& pk = *range.partition_key;
  const std::string prefix = keycodec::EncodePartitionPrefix(pk);
  page->lo = prefix;
  page->hi = prefix;
  page->hi.append(keycodec::kMaxKeyLength - prefix.size(), '\xFF');
  if (!range.sort) return;
  const SortKeyCondition& sort = *range.sort;
  const AttributeValue& v = *sort.value;
  switch (sort.op) {
    case SortKeyOp::kEq:
      page->lo = keycodec::EncodeSortKeyLowerBound(pk, v);
      page->hi = keycodec::EncodeSortKeyUpperBound(pk, v);
      break;
    case SortKeyOp::kLt:
    case SortKeyOp::kLe: page->hi = keycodec::EncodeSortKeyUpperBound(pk, v); break;
    case SortKeyOp::kGt:
    case SortKeyOp::kGe: page->lo = keycodec::EncodeSortKeyLowerBound(pk, v); break;
    case SortKeyOp::kBetween:
      page->lo = keycodec::EncodeSortKeyLowerBound(pk, v);
      page->hi = keycodec::EncodeSortKeyUpperBound(pk, *sort.upper);
      break;
    case SortKeyOp::kBeginsWith:
      page->lo = keycodec::EncodeSortKeyLowerBound(pk, v);
      page->hi = keycodec::EncodeSortKeyPrefixUpperBound(pk, v);
      break;
  }
}

}  // namespace

StatusOr<QueryResult> Query(Engine& engine, const QueryRequest& request) {
  LMDDB_RETURN_IF_ERROR(catalog::ValidateTableName(request.table_name));
  ConstraintErrors errors;
  CheckIndexAndLimit(request.index_name, request.limit, errors);
  LMDDB_RETURN_IF_ERROR(errors.ToStatus());
  LMDDB_RETURN_IF_ERROR(ValidateSelect(ReadOperation::kQuery, request.select,
                                       request.projection_expression.has_value(),
                                       request.index_name.has_value()));
  if (!request.key_condition_expression) {
    return Status::Validation(
        "Either the KeyConditions or KeyConditionExpression parameter must be specified in the "
        "request.");
  }
  LMDDB_RETURN_IF_ERROR(ValidateExpressionAttributes(
      {{"FilterExpression", &request.filter_expression},
       {"KeyConditionExpression", &request.key_condition_expression},
       {"ProjectionExpression", &request.projection_expression}},
      request.expression_attribute_names, &request.expression_attribute_values));
  // Filter and projection first: ParseKeyCondition reports unused names and
  // values itself when the key condition's shape is wrong.
  expr::ExpressionContext expressions(OptionalPtr(request.expression_attribute_names),
                                      OptionalPtr(request.expression_attribute_values));
  LMDDB_ASSIGN_OR_RETURN(FilterAndProjection parsed,
                         ParseFilterAndProjection(expressions, request.filter_expression,
                                                  request.projection_expression));
  const std::optional<expr::Condition>& filter = parsed.filter;
  const std::optional<expr::Projection>& projection = parsed.projection;
  LMDDB_ASSIGN_OR_RETURN(expr::KeyCondition key_condition,
                         expressions.ParseKeyCondition(*request.key_condition_expression));
  LMDDB_RETURN_IF_ERROR(expressions.CheckAllUsed());

  LMDDB_ASSIGN_OR_RETURN(TableSnapshot snapshot, BeginReadOfTable(engine, request.table_name));
  if (snapshot.table == nullptr) return Status::ResourceNotFound("Requested resource not found");
  const catalog::Table& table = *snapshot.table;
  if (request.index_name) return NoSuchIndex(*request.index_name);
  LMDDB_ASSIGN_OR_RETURN(QueryKeyRange range, MatchKeyCondition(table.schema, key_condition));
  if (filter) LMDDB_RETURN_IF_ERROR(CheckFilterAvoidsKeys(table.schema, *filter));

  PageRequest page;
  page.table = &table;
  page.direction = request.scan_index_forward.value_or(true) ? Direction::kForward
                                                             : Direction::kReverse;
  page.partition_key = range.partition_key;
  page.sort = range.sort ? &*range.sort : nullptr;
  page.filter = filter ? &*filter : nullptr;
  page.projection = projection ? &*projection : nullptr;
  page.count_only = request.select == Select::kCount;
  page.limit = request.limit;
  SetSpan(range, &page);
  ResumePoint resume;
  if (request.exclusive_start_key) {
    LMDDB_ASSIGN_OR_RETURN(
        KeyValues start, ValidateStartKey(table.schema, *request.exclusive_start_key,
                                          "The provided starting key is invalid"));
    LMDDB_RETURN_IF_ERROR(CheckStartKeyInRange(start, range));
    resume = ResumeAfter(*start.hash, start.range, page.direction);
    page.resume = &resume;
  }
  LMDDB_ASSIGN_OR_RETURN(Page result, ReadPage(snapshot.txn, page));
  return PageResult(std::move(result), table.schema.name(), request.return_consumed_capacity,
                    request.consistent_read.value_or(false));
}

}  // namespace lmddb::ops
