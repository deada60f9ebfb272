// The Query and Scan iterators of the C API (lmddb/lmddb.h): one DynamoDB
// page held at a time, the next one read from its LastEvaluatedKey when the
// caller has used it up (unless the iterator was asked for one page).
#include "api/c/params.h"

struct lmddb_query {
  lmddb_db* db = nullptr;
  bool is_scan = false;
  bool single_page = false;
  lmddb::QueryRequest query;
  lmddb::ScanRequest scan;
  lmddb::QueryResult page;  // the latest page read
  size_t next_index = 0;    // into page.items
  int64_t count = 0;
  int64_t scanned_count = 0;
};

namespace lmddb::c_api {
namespace {

// Reads the page starting at `start` (none: the first page) into q->page.
int ReadPage(lmddb_query* q, std::optional<Item> start, lmddb_error** err) {
  StatusOr<QueryResult> result = Status::Internal("no page read");
  if (q->is_scan) {
    q->scan.exclusive_start_key = std::move(start);
    result = q->db->db->Scan(q->scan);
  } else {
    q->query.exclusive_start_key = std::move(start);
    result = q->db->db->Query(q->query);
  }
  if (!result.ok()) return SetError(err, result.status());
  q->page = std::move(result).value();
  q->next_index = 0;
  q->count += q->page.count;
  q->scanned_count += q->page.scanned_count;
  return LMDDB_OK;
}

// The members Query and Scan share.
template <typename Request>
void CopyReadMembers(const lmddb_params& params, const char* table, Request* request) {
  request->table_name = table;
  request->index_name = params.index_name;
  request->filter_expression = params.filter_expression;
  request->projection_expression = params.projection_expression;
  request->expression_attribute_names = params.names;
  request->expression_attribute_values = params.values;
  request->select = params.select;
  request->limit = params.limit;
  request->consistent_read = params.consistent_read;
}

int Open(lmddb_db* db, const char* table, const lmddb_params* params, bool is_scan,
         lmddb_query** out, lmddb_error** err) {
  const char* function = is_scan ? "lmddb_scan_open" : "lmddb_query_open";
  if (out != nullptr) *out = nullptr;
  if (db == nullptr || table == nullptr || out == nullptr) {
    return Misuse(err, function, "db, table and query must not be NULL");
  }
  return Guard(err, [&]() -> int {
    if (int rc = is_scan ? CheckMembers(params, kScanMembers, function, "Scan", err)
                         : CheckMembers(params, kQueryMembers, function, "Query", err)) {
      return rc;
    }
    static const lmddb_params kNoParams;
    const lmddb_params& p = params != nullptr ? *params : kNoParams;
    auto q = std::make_unique<lmddb_query>();
    q->db = db;
    q->is_scan = is_scan;
    q->single_page = p.single_page;
    if (is_scan) {
      CopyReadMembers(p, table, &q->scan);
    } else {
      CopyReadMembers(p, table, &q->query);
      q->query.key_condition_expression = p.key_condition_expression;
      q->query.scan_index_forward = p.scan_forward;
    }
    if (int rc = ReadPage(q.get(), p.exclusive_start_key, err)) return rc;
    *out = q.release();
    return LMDDB_OK;
  });
}

}  // namespace
}  // namespace lmddb::c_api

using namespace lmddb::c_api;  // NOLINT: this file implements the C API

extern "C" {

int lmddb_query_open(lmddb_db* db, const char* table, const lmddb_params* params,
                     lmddb_query** query, lmddb_error** err) {
  return Open(db, table, params, /*is_scan=*/false, query, err);
}

int lmddb_scan_open(lmddb_db* db, const char* table, const lmddb_params* params,
                    lmddb_query** query, lmddb_error** err) {
  return Open(db, table, params, /*is_scan=*/true, query, err);
}

int lmddb_query_next(lmddb_query* query, const lmddb_item** item, lmddb_error** err) {
  if (item != nullptr) *item = nullptr;
  if (query == nullptr || item == nullptr) {
    return Misuse(err, "lmddb_query_next", "query and item must not be NULL");
  }
  return Guard(err, [&]() -> int {
    // Pages may come back empty (a filter dropped every item evaluated):
    // keep reading until an item or the end.
    while (query->next_index >= query->page.items.size()) {
      if (query->single_page || !query->page.last_evaluated_key) return LMDDB_OK;
      if (int rc = ReadPage(query, query->page.last_evaluated_key, err)) return rc;
    }
    *item = ToC(&query->page.items[query->next_index++]);
    return LMDDB_OK;
  });
}

const lmddb_item* lmddb_query_last_evaluated_key(const lmddb_query* query) {
  if (query == nullptr || !query->page.last_evaluated_key) return nullptr;
  return ToC(&*query->page.last_evaluated_key);
}

int64_t lmddb_query_count(const lmddb_query* query) { return query == nullptr ? 0 : query->count; }

int64_t lmddb_query_scanned_count(const lmddb_query* query) {
  return query == nullptr ? 0 : query->scanned_count;
}

void lmddb_query_free(lmddb_query* query) { delete query; }

}  // extern "C"
