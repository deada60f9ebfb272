/* Fixtures for the C API tests (c_test_support.h). */
#define _XOPEN_SOURCE 700

#include "c_test_support.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

char* test_make_dir(void) {
  const char* base = getenv("TMPDIR");
  char* path;
  size_t size;
  if (base == NULL || base[0] == '\0') base = "/tmp";
  size = strlen(base) + sizeof("/lmddb_c_test_XXXXXX");
  path = (char*)malloc(size);
  CHECK(path != NULL);
  snprintf(path, size, "%s/lmddb_c_test_XXXXXX", base);
  CHECK(mkdtemp(path) != NULL);
  return path;
}

static int remove_entry(const char* path, const struct stat* st, int flag, struct FTW* ftw) {
  (void)st;
  (void)flag;
  (void)ftw;
  return remove(path);
}

void test_remove_dir(char* dir) {
  if (dir == NULL) return;
  nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  free(dir);
}

lmddb_db* test_open(const char* dir) {
  lmddb_options* opts = lmddb_options_new();
  lmddb_db* db = NULL;
  lmddb_error* err = NULL;
  CHECK(opts != NULL);
  CHECK_OK(lmddb_options_set_nosync(opts, 1), err);
  CHECK_OK(lmddb_open(dir, opts, &db, &err), err);
  lmddb_options_free(opts);
  CHECK(db != NULL);
  return db;
}

void test_create_table(lmddb_db* db, const char* table, const char* hash_key,
                       const char* hash_type, const char* sort_key, const char* sort_type) {
  char request[1024];
  char* response = NULL;
  int status = 0;
  lmddb_error* err = NULL;
  if (sort_key == NULL) {
    snprintf(request, sizeof request,
             "{\"TableName\":\"%s\",\"BillingMode\":\"PAY_PER_REQUEST\","
             "\"AttributeDefinitions\":[{\"AttributeName\":\"%s\",\"AttributeType\":\"%s\"}],"
             "\"KeySchema\":[{\"AttributeName\":\"%s\",\"KeyType\":\"HASH\"}]}",
             table, hash_key, hash_type, hash_key);
  } else {
    snprintf(request, sizeof request,
             "{\"TableName\":\"%s\",\"BillingMode\":\"PAY_PER_REQUEST\","
             "\"AttributeDefinitions\":[{\"AttributeName\":\"%s\",\"AttributeType\":\"%s\"},"
             "{\"AttributeName\":\"%s\",\"AttributeType\":\"%s\"}],"
             "\"KeySchema\":[{\"AttributeName\":\"%s\",\"KeyType\":\"HASH\"},"
             "{\"AttributeName\":\"%s\",\"KeyType\":\"RANGE\"}]}",
             table, hash_key, hash_type, sort_key, sort_type, hash_key, sort_key);
  }
  CHECK_OK(lmddb_json(db, "CreateTable", request, strlen(request), &response, NULL, &status, &err),
           err);
  CHECK_EQ(status, 200);
  lmddb_free(response);
}

lmddb_item* test_key(const char* name, const char* value, const char* sort_name, long long sort) {
  lmddb_item* key = lmddb_item_new();
  CHECK(key != NULL);
  CHECK_EQ(lmddb_item_set_s(key, name, value), LMDDB_OK);
  if (sort_name != NULL) {
    CHECK_EQ(lmddb_item_set(key, sort_name, lmddb_value_new_n_int64(sort)), LMDDB_OK);
  }
  return key;
}
