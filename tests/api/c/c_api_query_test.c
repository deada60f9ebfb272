/* The C API's Query and Scan iterators: transparent paging over Limit and
 * over the 1 MB page size in both directions, explicit paging through
 * LastEvaluatedKey, filters, Select COUNT, and errors. Compiled as C99. */
#include "c_test_support.h"

enum { kSmallItems = 50, kBigItems = 30, kBigValueBytes = 100 * 1000 };

static int64_t sort_key(const lmddb_item* item) {
  int64_t out = -1;
  CHECK(item != NULL);
  CHECK_EQ(lmddb_value_n_int64(lmddb_item_get(item, "sk"), &out), LMDDB_OK);
  return out;
}

static void load(lmddb_db* db) {
  lmddb_error* err = NULL;
  char* big = (char*)malloc(kBigValueBytes);
  int i;
  CHECK(big != NULL);
  memset(big, 'x', kBigValueBytes);
  test_create_table(db, "Events", "pk", "S", "sk", "N");
  for (i = 0; i < kSmallItems; ++i) {
    lmddb_item* item = test_key("pk", "p", "sk", i);
    CHECK_EQ(lmddb_item_set(item, "even", lmddb_value_new_bool(i % 2 == 0)), LMDDB_OK);
    CHECK_OK(lmddb_put_item(db, "Events", item, NULL, NULL, &err), err);
    lmddb_item_free(item);
  }
  for (i = 0; i < 5; ++i) {
    lmddb_item* item = test_key("pk", "q", "sk", i);
    CHECK_OK(lmddb_put_item(db, "Events", item, NULL, NULL, &err), err);
    lmddb_item_free(item);
  }
  for (i = 0; i < kBigItems; ++i) {
    lmddb_item* item = test_key("pk", "big", "sk", i);
    CHECK_EQ(lmddb_item_set(item, "blob", lmddb_value_new_b(big, kBigValueBytes)), LMDDB_OK);
    CHECK_OK(lmddb_put_item(db, "Events", item, NULL, NULL, &err), err);
    lmddb_item_free(item);
  }
  free(big);
}

/* Params for the partition `pk`. */
static lmddb_params* partition(const char* pk) {
  lmddb_params* params = lmddb_params_new();
  CHECK(params != NULL);
  CHECK_EQ(lmddb_params_set_key_condition(params, "pk = :pk"), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_value(params, ":pk", lmddb_value_new_s(pk, strlen(pk))), LMDDB_OK);
  return params;
}

/* Runs the query to its end; checks the sort keys run from `first` by
 * `step`, and returns how many items it saw. */
static int drain(lmddb_db* db, const lmddb_params* params, int64_t first, int64_t step) {
  lmddb_query* q = NULL;
  lmddb_error* err = NULL;
  const lmddb_item* item = NULL;
  int n = 0;
  CHECK_OK(lmddb_query_open(db, "Events", params, &q, &err), err);
  for (;;) {
    CHECK_OK(lmddb_query_next(q, &item, &err), err);
    if (item == NULL) break;
    CHECK_EQ(sort_key(item), first + step * n);
    ++n;
  }
  /* The end is sticky. */
  CHECK_OK(lmddb_query_next(q, &item, &err), err);
  CHECK(item == NULL);
  CHECK(lmddb_query_last_evaluated_key(q) == NULL);
  CHECK_EQ(lmddb_query_count(q), n);
  lmddb_query_free(q);
  return n;
}

static void test_transparent_paging_over_limit(lmddb_db* db) {
  lmddb_params* params = partition("p");
  CHECK_EQ(lmddb_params_set_limit(params, 7), LMDDB_OK);
  CHECK_EQ(drain(db, params, 0, 1), kSmallItems);
  CHECK_EQ(lmddb_params_set_scan_forward(params, 0), LMDDB_OK);
  CHECK_EQ(drain(db, params, kSmallItems - 1, -1), kSmallItems);
  lmddb_params_free(params);
}

static void test_transparent_paging_over_one_megabyte(lmddb_db* db) {
  lmddb_params* params = partition("big");
  lmddb_query* q = NULL;
  lmddb_error* err = NULL;
  const lmddb_item* item = NULL;
  size_t len = 0;
  int64_t first_page;

  /* One page holds about 1 MB: fewer than all items, with a LastEvaluatedKey. */
  CHECK_EQ(lmddb_params_set_single_page(params, 1), LMDDB_OK);
  CHECK_OK(lmddb_query_open(db, "Events", params, &q, &err), err);
  CHECK(lmddb_query_last_evaluated_key(q) != NULL);
  first_page = lmddb_query_count(q);
  CHECK(first_page > 0 && first_page < kBigItems);
  CHECK_OK(lmddb_query_next(q, &item, &err), err);
  CHECK(lmddb_value_b(lmddb_item_get(item, "blob"), &len) != NULL);
  CHECK_EQ(len, kBigValueBytes);
  lmddb_query_free(q); /* mid-way: no leak */

  CHECK_EQ(lmddb_params_set_single_page(params, 0), LMDDB_OK);
  CHECK_EQ(drain(db, params, 0, 1), kBigItems);
  CHECK_EQ(lmddb_params_set_scan_forward(params, 0), LMDDB_OK);
  CHECK_EQ(drain(db, params, kBigItems - 1, -1), kBigItems);
  lmddb_params_free(params);
}

static void test_explicit_paging(lmddb_db* db) {
  lmddb_params* params = partition("p");
  lmddb_error* err = NULL;
  int pages = 0, seen = 0;
  CHECK_EQ(lmddb_params_set_limit(params, 7), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_single_page(params, 1), LMDDB_OK);
  for (;;) {
    lmddb_query* q = NULL;
    const lmddb_item* item = NULL;
    const lmddb_item* last;
    int in_page = 0;
    CHECK_OK(lmddb_query_open(db, "Events", params, &q, &err), err);
    ++pages;
    for (;;) {
      CHECK_OK(lmddb_query_next(q, &item, &err), err);
      if (item == NULL) break;
      CHECK_EQ(sort_key(item), seen);
      ++seen;
      ++in_page;
    }
    CHECK(in_page <= 7);
    last = lmddb_query_last_evaluated_key(q);
    /* The next page starts after this one (NULL clears it at the end). */
    CHECK_EQ(lmddb_params_set_exclusive_start_key(params, last), LMDDB_OK);
    lmddb_query_free(q);
    if (last == NULL) break;
  }
  CHECK_EQ(seen, kSmallItems);
  CHECK_EQ(pages, (kSmallItems + 6) / 7);
  lmddb_params_free(params);
}

static void test_filter_and_count(lmddb_db* db) {
  lmddb_params* params = partition("p");
  lmddb_query* q = NULL;
  lmddb_error* err = NULL;
  const lmddb_item* item = NULL;
  int n = 0;

  /* Key attributes belong in the key condition, the rest in the filter. */
  CHECK_EQ(lmddb_params_set_key_condition(params, "pk = :pk AND sk >= :from"), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_filter(params, "even = :t"), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_value(params, ":t", lmddb_value_new_bool(1)), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_value(params, ":from", lmddb_value_new_n_int64(10)), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_limit(params, 3), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_projection(params, "sk"), LMDDB_OK);
  CHECK_OK(lmddb_query_open(db, "Events", params, &q, &err), err);
  while (lmddb_query_next(q, &item, &err) == LMDDB_OK && item != NULL) {
    CHECK_EQ(sort_key(item), 10 + 2 * n);
    CHECK_EQ(lmddb_item_count(item), 1); /* projected */
    ++n;
  }
  CHECK(err == NULL);
  CHECK_EQ(n, 20);
  CHECK_EQ(lmddb_query_count(q), 20);
  CHECK_EQ(lmddb_query_scanned_count(q), kSmallItems - 10);
  lmddb_query_free(q);

  /* Select COUNT: no items, only the counts, over every page. */
  CHECK_EQ(lmddb_params_set_projection(params, NULL), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_select(params, LMDDB_SELECT_COUNT), LMDDB_OK);
  CHECK_OK(lmddb_query_open(db, "Events", params, &q, &err), err);
  CHECK_OK(lmddb_query_next(q, &item, &err), err);
  CHECK(item == NULL);
  CHECK_EQ(lmddb_query_count(q), 20);
  CHECK_EQ(lmddb_query_scanned_count(q), kSmallItems - 10);
  lmddb_query_free(q);
  lmddb_params_free(params);
}

static void test_scan(lmddb_db* db) {
  lmddb_params* params = lmddb_params_new();
  lmddb_query* q = NULL;
  lmddb_error* err = NULL;
  const lmddb_item* item = NULL;
  int n = 0, q_items = 0;
  CHECK_EQ(lmddb_params_set_limit(params, 4), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_projection(params, "pk, sk"), LMDDB_OK);
  CHECK_OK(lmddb_scan_open(db, "Events", params, &q, &err), err);
  for (;;) {
    CHECK_OK(lmddb_query_next(q, &item, &err), err);
    if (item == NULL) break;
    if (strcmp(lmddb_value_s(lmddb_item_get(item, "pk"), NULL), "q") == 0) ++q_items;
    ++n;
  }
  CHECK_EQ(n, kSmallItems + 5 + kBigItems);
  CHECK_EQ(q_items, 5);
  lmddb_query_free(q);
  /* A NULL params scans everything. */
  CHECK_OK(lmddb_scan_open(db, "Events", NULL, &q, &err), err);
  lmddb_query_free(q);
  lmddb_params_free(params);
}

static void test_errors(lmddb_db* db) {
  lmddb_params* params = lmddb_params_new();
  lmddb_query* q = (lmddb_query*)&q; /* must be reset */
  lmddb_error* err = NULL;
  const lmddb_item* item = (const lmddb_item*)&item;

  CHECK_ERROR(lmddb_query_open(db, "Events", params, &q, &err), err, LMDDB_VALIDATION,
              "Either the KeyConditions or KeyConditionExpression parameter must be specified in "
              "the request.");
  CHECK(q == NULL);
  CHECK_ERROR(lmddb_query_open(db, "Events", NULL, &q, &err), err, LMDDB_VALIDATION,
              "Either the KeyConditions or KeyConditionExpression parameter must be specified in "
              "the request.");
  lmddb_params_free(params);

  params = partition("p");
  CHECK_ERROR(lmddb_query_open(db, "Missing", params, &q, &err), err, LMDDB_RESOURCE_NOT_FOUND,
              "Requested resource not found");
  CHECK_ERROR(lmddb_scan_open(db, "Events", params, &q, &err), err, LMDDB_MISUSE,
              "lmddb_scan_open: KeyConditionExpression is not a parameter of Scan");
  CHECK_EQ(lmddb_params_set_limit(params, 0), LMDDB_OK);
  CHECK_ERROR(lmddb_query_open(db, "Events", params, &q, &err), err, LMDDB_VALIDATION,
              "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
              "Member must have value greater than or equal to 1");
  CHECK_EQ(lmddb_params_set_limit(params, 5), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_key_condition(params, "pk = :nope"), LMDDB_OK);
  CHECK_EQ(lmddb_query_open(db, "Events", params, &q, &err), LMDDB_VALIDATION);
  CHECK_CONTAINS(lmddb_error_message(err), "Invalid KeyConditionExpression");

  CHECK_ERROR(lmddb_query_open(NULL, "Events", params, &q, &err), err, LMDDB_MISUSE,
              "lmddb_query_open: db, table and query must not be NULL");
  CHECK_ERROR(lmddb_scan_open(db, NULL, params, &q, &err), err, LMDDB_MISUSE,
              "lmddb_scan_open: db, table and query must not be NULL");
  CHECK_EQ(lmddb_query_open(db, "Events", params, NULL, NULL), LMDDB_MISUSE);
  CHECK_ERROR(lmddb_query_next(NULL, &item, &err), err, LMDDB_MISUSE,
              "lmddb_query_next: query and item must not be NULL");
  CHECK(item == NULL);
  CHECK(lmddb_query_last_evaluated_key(NULL) == NULL);
  CHECK_EQ(lmddb_query_count(NULL), 0);
  CHECK_EQ(lmddb_query_scanned_count(NULL), 0);
  CHECK_EQ(lmddb_params_set_limit(NULL, 1), LMDDB_MISUSE);
  CHECK_EQ(lmddb_params_set_exclusive_start_key(NULL, NULL), LMDDB_MISUSE);
  lmddb_error_free(err);
  lmddb_params_free(params);
}

int main(void) {
  char* dir = test_make_dir();
  lmddb_db* db = test_open(dir);
  load(db);
  test_transparent_paging_over_limit(db);
  test_transparent_paging_over_one_megabyte(db);
  test_explicit_paging(db);
  test_filter_and_count(db);
  test_scan(db);
  test_errors(db);
  lmddb_close(db);
  test_remove_dir(dir);
  printf("c_api_query_test: OK\n");
  return 0;
}
