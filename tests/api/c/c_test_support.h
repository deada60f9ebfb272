/* A tiny assertion harness and fixtures for the C API tests, in C99.
 *
 * A failed CHECK prints file:line and what failed, then exits non-zero:
 * each test program stops at its first failure. */
#ifndef LMDDB_TESTS_API_C_C_TEST_SUPPORT_H_
#define LMDDB_TESTS_API_C_C_TEST_SUPPORT_H_

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lmddb/lmddb.h"

#define CHECK(cond)                                                        \
  do {                                                                     \
    if (!(cond)) {                                                         \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      exit(1);                                                             \
    }                                                                      \
  } while (0)

/* Integer equality, printing both sides. */
#define CHECK_EQ(a, b)                                                                \
  do {                                                                                \
    long long check_a_ = (long long)(a), check_b_ = (long long)(b);                   \
    if (check_a_ != check_b_) {                                                       \
      fprintf(stderr, "%s:%d: CHECK_EQ failed: %s == %s (%lld vs %lld)\n", __FILE__, \
              __LINE__, #a, #b, check_a_, check_b_);                                  \
      exit(1);                                                                        \
    }                                                                                 \
  } while (0)

/* String equality (both NUL-terminated and not NULL). */
#define CHECK_STREQ(a, b)                                                                    \
  do {                                                                                       \
    const char* check_a_ = (a);                                                              \
    const char* check_b_ = (b);                                                              \
    if (check_a_ == NULL || check_b_ == NULL || strcmp(check_a_, check_b_) != 0) {           \
      fprintf(stderr, "%s:%d: CHECK_STREQ failed: %s == %s (\"%s\" vs \"%s\")\n", __FILE__, \
              __LINE__, #a, #b, check_a_ ? check_a_ : "(null)", check_b_ ? check_b_ : "(null)"); \
      exit(1);                                                                               \
    }                                                                                        \
  } while (0)

/* `haystack` contains `needle`. */
#define CHECK_CONTAINS(haystack, needle)                                                     \
  do {                                                                                       \
    const char* check_h_ = (haystack);                                                       \
    if (check_h_ == NULL || strstr(check_h_, (needle)) == NULL) {                            \
      fprintf(stderr, "%s:%d: CHECK_CONTAINS failed: \"%s\" in %s (\"%s\")\n", __FILE__,    \
              __LINE__, (needle), #haystack, check_h_ ? check_h_ : "(null)");               \
      exit(1);                                                                               \
    }                                                                                        \
  } while (0)

/* A call returning a result code succeeded; on failure prints the error
 * message `err` (a lmddb_error*) carries. */
#define CHECK_OK(expr, err)                                                                 \
  do {                                                                                      \
    int check_rc_ = (expr);                                                                 \
    if (check_rc_ != LMDDB_OK) {                                                            \
      fprintf(stderr, "%s:%d: %s failed: %s: %s\n", __FILE__, __LINE__, #expr,             \
              lmddb_strerror(check_rc_), (err) ? lmddb_error_message(err) : "(no message)"); \
      exit(1);                                                                              \
    }                                                                                       \
  } while (0)

/* A call failed with `code`, and the error object `err` says the same and
 * carries `message` exactly. */
#define CHECK_ERROR(expr, err, code, message)            \
  do {                                                   \
    CHECK_EQ((expr), (code));                            \
    CHECK((err) != NULL);                                \
    CHECK_EQ(lmddb_error_code(err), (code));             \
    CHECK_STREQ(lmddb_error_message(err), (message));    \
  } while (0)

/* A fresh temporary directory (caller frees the returned path with
 * test_remove_dir). */
char* test_make_dir(void);
/* Removes `dir` and everything in it, then frees `dir`. */
void test_remove_dir(char* dir);
/* Opens a database in `dir` without fsync (tests need no durability). */
lmddb_db* test_open(const char* dir);
/* Creates a PAY_PER_REQUEST table through the JSON entry point. sort_key
 * may be NULL; types are "S", "N" or "B". */
void test_create_table(lmddb_db* db, const char* table, const char* hash_key,
                       const char* hash_type, const char* sort_key, const char* sort_type);
/* A key item {name: S value}, plus {sort_name: N sort} when sort_name is
 * not NULL. */
lmddb_item* test_key(const char* name, const char* value, const char* sort_name, long long sort);

#endif /* LMDDB_TESTS_API_C_C_TEST_SUPPORT_H_ */
