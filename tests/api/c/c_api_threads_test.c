/* One lmddb_db shared by several threads, as lmddb/lmddb.h allows, and one
 * lmddb_params passed read-only to all of them at once. Compiled as C99
 * with POSIX threads. */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>

#include "c_test_support.h"

enum { kThreads = 4, kWritesPerThread = 100 };

struct worker {
  lmddb_db* db;
  const lmddb_params* add_one; /* shared by every thread */
  int index;
};

static void* run_worker(void* arg) {
  const struct worker* w = (const struct worker*)arg;
  lmddb_item* counter = test_key("pk", "counter", NULL, 0);
  lmddb_error* err = NULL;
  char name[32];
  int i;
  for (i = 0; i < kWritesPerThread; ++i) {
    lmddb_item* item;
    snprintf(name, sizeof name, "w%d-%d", w->index, i);
    item = test_key("pk", name, NULL, 0);
    CHECK_OK(lmddb_put_item(w->db, "Shared", item, NULL, NULL, &err), err);
    lmddb_item_free(item);
    CHECK_OK(lmddb_update_item(w->db, "Shared", counter, w->add_one, NULL, &err), err);
  }
  lmddb_item_free(counter);
  return NULL;
}

int main(void) {
  char* dir = test_make_dir();
  lmddb_db* db = test_open(dir);
  lmddb_params* add_one = lmddb_params_new();
  lmddb_params* count_all = lmddb_params_new();
  lmddb_item* counter = test_key("pk", "counter", NULL, 0);
  lmddb_item* got = NULL;
  lmddb_query* scan = NULL;
  lmddb_error* err = NULL;
  const lmddb_item* item = NULL;
  pthread_t threads[kThreads];
  struct worker workers[kThreads];
  int64_t total = 0;
  int i;

  test_create_table(db, "Shared", "pk", "S", NULL, NULL);
  CHECK_EQ(lmddb_params_set_update(add_one, "ADD hits :one"), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_value(add_one, ":one", lmddb_value_new_n_int64(1)), LMDDB_OK);
  for (i = 0; i < kThreads; ++i) {
    workers[i].db = db;
    workers[i].add_one = add_one;
    workers[i].index = i;
    CHECK_EQ(pthread_create(&threads[i], NULL, run_worker, &workers[i]), 0);
  }
  for (i = 0; i < kThreads; ++i) CHECK_EQ(pthread_join(threads[i], NULL), 0);

  /* Every increment counted once; every item there. */
  CHECK_OK(lmddb_get_item(db, "Shared", counter, NULL, &got, &err), err);
  CHECK_EQ(lmddb_value_n_int64(lmddb_item_get(got, "hits"), &total), LMDDB_OK);
  CHECK_EQ(total, kThreads * kWritesPerThread);
  CHECK_EQ(lmddb_params_set_select(count_all, LMDDB_SELECT_COUNT), LMDDB_OK);
  CHECK_OK(lmddb_scan_open(db, "Shared", count_all, &scan, &err), err);
  CHECK_OK(lmddb_query_next(scan, &item, &err), err);
  CHECK(item == NULL);
  CHECK_EQ(lmddb_query_count(scan), kThreads * kWritesPerThread + 1);
  lmddb_query_free(scan);

  lmddb_item_free(got);
  lmddb_item_free(counter);
  lmddb_params_free(add_one);
  lmddb_params_free(count_all);
  lmddb_close(db);
  test_remove_dir(dir);
  printf("c_api_threads_test: OK\n");
  return 0;
}
