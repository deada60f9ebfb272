/* Values and items through the C API: building every DynamoDB type,
 * reading it back, iteration, ownership, misuse, and a round trip of every
 * type through a table. Compiled as C99. */
#include "c_test_support.h"

static void check_number(const lmddb_value* v, const char* want) {
  char buf[LMDDB_NUMBER_BUFSIZE];
  size_t len = 0;
  CHECK_EQ(lmddb_value_type(v), LMDDB_TYPE_N);
  CHECK_EQ(lmddb_value_n(v, buf, sizeof buf, &len), LMDDB_OK);
  CHECK_STREQ(buf, want);
  CHECK_EQ(len, strlen(want));
}

static void test_scalars(void) {
  static const char kBytes[] = {'a', '\0', 'b'};
  lmddb_value* v;
  size_t len = 99;
  int flag = -1;
  int64_t i = 0;

  v = lmddb_value_new_s(kBytes, 3); /* S may hold NUL */
  CHECK_EQ(lmddb_value_type(v), LMDDB_TYPE_S);
  CHECK(memcmp(lmddb_value_s(v, &len), kBytes, 3) == 0);
  CHECK_EQ(len, 3);
  CHECK(lmddb_value_b(v, &len) == NULL); /* wrong type */
  CHECK_EQ(lmddb_value_bool(v, &flag), LMDDB_MISUSE);
  CHECK_EQ(lmddb_value_count(v), 0);
  lmddb_value_free(v);

  v = lmddb_value_new_s(NULL, 0);
  CHECK_STREQ(lmddb_value_s(v, &len), "");
  CHECK_EQ(len, 0);
  lmddb_value_free(v);
  CHECK(lmddb_value_new_s(NULL, 1) == NULL);
  CHECK(lmddb_value_new_b(NULL, 1) == NULL);

  v = lmddb_value_new_b(kBytes, 3);
  CHECK_EQ(lmddb_value_type(v), LMDDB_TYPE_B);
  CHECK(memcmp(lmddb_value_b(v, &len), kBytes, 3) == 0);
  CHECK_EQ(len, 3);
  CHECK(lmddb_value_s(v, NULL) == NULL);
  lmddb_value_free(v);

  v = lmddb_value_new_bool(7);
  CHECK_EQ(lmddb_value_type(v), LMDDB_TYPE_BOOL);
  CHECK_EQ(lmddb_value_bool(v, &flag), LMDDB_OK);
  CHECK_EQ(flag, 1);
  CHECK_EQ(lmddb_value_bool(v, NULL), LMDDB_MISUSE);
  lmddb_value_free(v);

  v = lmddb_value_new_null();
  CHECK_EQ(lmddb_value_type(v), LMDDB_TYPE_NULL);
  CHECK_STREQ(lmddb_type_name(lmddb_value_type(v)), "NULL");
  lmddb_value_free(v);

  CHECK_EQ(lmddb_value_type(NULL), LMDDB_TYPE_INVALID);
  CHECK_STREQ(lmddb_type_name(LMDDB_TYPE_INVALID), "");
  CHECK_STREQ(lmddb_type_name(LMDDB_TYPE_BS), "BS");
  CHECK_STREQ(lmddb_type_name(LMDDB_TYPE_SS), "SS");
  CHECK(lmddb_value_s(NULL, &len) == NULL);

  v = lmddb_value_new_n("-0012.50", 8, NULL);
  check_number(v, "-12.5");
  CHECK_EQ(lmddb_value_n_int64(v, &i), LMDDB_VALIDATION); /* has a fraction */
  lmddb_value_free(v);

  v = lmddb_value_new_n("1e3", 3, NULL);
  check_number(v, "1000");
  CHECK_EQ(lmddb_value_n_int64(v, &i), LMDDB_OK);
  CHECK_EQ(i, 1000);
  {
    char small[4];
    CHECK_EQ(lmddb_value_n(v, small, sizeof small, &len), LMDDB_MISUSE); /* needs 5 bytes */
    CHECK_EQ(len, 4);
  }
  lmddb_value_free(v);

  v = lmddb_value_new_n_int64(INT64_MIN);
  check_number(v, "-9223372036854775808");
  CHECK_EQ(lmddb_value_n_int64(v, &i), LMDDB_OK);
  CHECK(i == INT64_MIN);
  lmddb_value_free(v);
  v = lmddb_value_new_n_int64(INT64_MAX);
  CHECK_EQ(lmddb_value_n_int64(v, &i), LMDDB_OK);
  CHECK(i == INT64_MAX);
  lmddb_value_free(v);
  v = lmddb_value_new_n("9223372036854775808", 19, NULL);
  CHECK_EQ(lmddb_value_n_int64(v, &i), LMDDB_VALIDATION);
  lmddb_value_free(v);

  /* The longest canonical text fits LMDDB_NUMBER_BUFSIZE. */
  v = lmddb_value_new_n("-1.2345678901234567890123456789012345678E-130", 45, NULL);
  CHECK(v != NULL);
  {
    char buf[LMDDB_NUMBER_BUFSIZE];
    CHECK_EQ(lmddb_value_n(v, buf, sizeof buf, &len), LMDDB_OK);
    CHECK_EQ(len, 170);
  }
  lmddb_value_free(v);
}

static void test_bad_numbers(void) {
  lmddb_error* err = NULL;
  CHECK(lmddb_value_new_n("12abc", 5, &err) == NULL);
  CHECK_EQ(lmddb_error_code(err), LMDDB_VALIDATION);
  CHECK_STREQ(lmddb_error_name(err), "ValidationException");
  CHECK_STREQ(lmddb_error_message(err), "The parameter cannot be converted to a numeric value: 12abc");
  CHECK(lmddb_value_new_n("123456789012345678901234567890123456789", 39, &err) == NULL);
  CHECK_STREQ(lmddb_error_message(err), "Attempting to store more than 38 significant digits in a Number");
  CHECK(lmddb_value_new_n("1e126", 5, &err) == NULL);
  CHECK_STREQ(lmddb_error_message(err),
              "Number overflow. Attempting to store a number with magnitude larger than supported range");
  CHECK(lmddb_value_new_n(NULL, 0, NULL) == NULL);
  CHECK(lmddb_value_new_n(NULL, 2, &err) == NULL);
  CHECK_EQ(lmddb_error_code(err), LMDDB_MISUSE);
  CHECK_STREQ(lmddb_error_message(err), "lmddb_value_new_n: text is NULL with a nonzero length");
  lmddb_error_free(err);
}

static void test_containers(void) {
  lmddb_value* list = lmddb_value_new_l();
  lmddb_value* map = lmddb_value_new_m();
  lmddb_value* ss = lmddb_value_new_ss();
  lmddb_value* ns = lmddb_value_new_ns();
  lmddb_value* bs = lmddb_value_new_bs();
  lmddb_value* copy;
  lmddb_error* err = NULL;
  const lmddb_value* v;
  const char* name = NULL;
  size_t name_len = 0;
  size_t len = 0;
  char buf[LMDDB_NUMBER_BUFSIZE];
  int seen = 0;

  CHECK_EQ(lmddb_value_list_append(list, lmddb_value_new_s("x", 1)), LMDDB_OK);
  CHECK_EQ(lmddb_value_list_append(list, lmddb_value_new_n_int64(2)), LMDDB_OK);
  CHECK_EQ(lmddb_value_list_append(list, NULL), LMDDB_MISUSE);
  /* A consumed argument is freed even when the call fails. */
  CHECK_EQ(lmddb_value_list_append(map, lmddb_value_new_null()), LMDDB_MISUSE);
  CHECK_EQ(lmddb_value_list_append(list, list), LMDDB_MISUSE); /* not consumed */
  CHECK_EQ(lmddb_value_map_set(map, "self", map), LMDDB_MISUSE);
  CHECK_EQ(lmddb_value_count(list), 2);
  CHECK_STREQ(lmddb_value_s(lmddb_value_list_at(list, 0), NULL), "x");
  check_number(lmddb_value_list_at(list, 1), "2");
  CHECK(lmddb_value_list_at(list, 2) == NULL);
  CHECK(lmddb_value_list_at(map, 0) == NULL);

  CHECK_EQ(lmddb_value_map_set(map, "b", lmddb_value_new_bool(0)), LMDDB_OK);
  CHECK_EQ(lmddb_value_map_set(map, "a", list), LMDDB_OK); /* list consumed: nested L */
  CHECK_EQ(lmddb_value_map_set(map, "b", lmddb_value_new_bool(1)), LMDDB_OK); /* replaces */
  CHECK_EQ(lmddb_value_map_set(map, NULL, lmddb_value_new_null()), LMDDB_MISUSE);
  CHECK_EQ(lmddb_value_count(map), 2);
  CHECK_EQ(lmddb_value_type(lmddb_value_map_get(map, "a")), LMDDB_TYPE_L);
  CHECK(lmddb_value_map_get(map, "zz") == NULL);
  while ((v = lmddb_value_map_next(map, &name, &name_len)) != NULL) {
    CHECK_EQ(name_len, 1);
    CHECK_EQ(name[0], seen == 0 ? 'a' : 'b');
    ++seen;
  }
  CHECK_EQ(seen, 2);
  CHECK(lmddb_value_map_next(ss, &name, NULL) == NULL); /* not an M */

  CHECK_EQ(lmddb_value_set_add_s(ss, "p", 1), LMDDB_OK);
  CHECK_EQ(lmddb_value_set_add_s(ss, "q", 1), LMDDB_OK);
  CHECK_EQ(lmddb_value_set_add_s(ns, "q", 1), LMDDB_MISUSE);
  CHECK_EQ(lmddb_value_count(ss), 2);
  CHECK_STREQ(lmddb_value_set_s_at(ss, 1, &len), "q");
  CHECK(lmddb_value_set_s_at(ss, 2, &len) == NULL);

  CHECK_EQ(lmddb_value_set_add_n(ns, "1.0", 3, &err), LMDDB_OK);
  CHECK_EQ(lmddb_value_set_add_n(ns, "-7", 2, &err), LMDDB_OK);
  CHECK_ERROR(lmddb_value_set_add_n(ns, "x", 1, &err), err, LMDDB_VALIDATION,
              "The parameter cannot be converted to a numeric value: x");
  CHECK_ERROR(lmddb_value_set_add_n(ss, "1", 1, &err), err, LMDDB_MISUSE,
              "lmddb_value_set_add_n: the value is not an NS");
  CHECK_ERROR(lmddb_value_set_add_n(ns, NULL, 1, &err), err, LMDDB_MISUSE,
              "lmddb_value_set_add_n: text is NULL with a nonzero length");
  CHECK_EQ(lmddb_value_set_add_s(ss, NULL, 1), LMDDB_MISUSE);
  CHECK_EQ(lmddb_value_set_add_b(bs, NULL, 1), LMDDB_MISUSE);
  lmddb_error_free(err);
  CHECK_EQ(lmddb_value_count(ns), 2);
  CHECK_EQ(lmddb_value_set_n_at(ns, 0, buf, sizeof buf, &len), LMDDB_OK);
  CHECK_STREQ(buf, "1");
  CHECK_EQ(lmddb_value_set_n_at(ns, 2, buf, sizeof buf, &len), LMDDB_MISUSE);

  CHECK_EQ(lmddb_value_set_add_b(bs, "\0\1", 2), LMDDB_OK);
  CHECK_EQ(lmddb_value_set_add_b(bs, NULL, 0), LMDDB_OK);
  CHECK_EQ(lmddb_value_count(bs), 2);
  CHECK(memcmp(lmddb_value_set_b_at(bs, 0, &len), "\0\1", 2) == 0);
  CHECK_EQ(len, 2);
  CHECK(lmddb_value_set_b_at(ss, 0, &len) == NULL);

  copy = lmddb_value_clone(map);
  lmddb_value_free(map);
  CHECK_EQ(lmddb_value_count(copy), 2);
  CHECK_STREQ(lmddb_value_s(lmddb_value_list_at(lmddb_value_map_get(copy, "a"), 0), NULL), "x");
  CHECK(lmddb_value_clone(NULL) == NULL);
  lmddb_value_free(copy);
  lmddb_value_free(ss);
  lmddb_value_free(ns);
  lmddb_value_free(bs);
}

static void test_items(void) {
  lmddb_item* item = lmddb_item_new();
  lmddb_item* copy;
  lmddb_error* err = NULL;
  const char* name = NULL;
  size_t name_len = 0;
  const char* order[3] = {"", "", ""};
  int n = 0;

  CHECK_EQ(lmddb_item_set_s(item, "zeta", "z"), LMDDB_OK);
  CHECK_EQ(lmddb_item_set_n(item, "alpha", "5", &err), LMDDB_OK);
  CHECK_EQ(lmddb_item_set(item, "mid", lmddb_value_new_null()), LMDDB_OK);
  CHECK_ERROR(lmddb_item_set_n(item, "bad", "five", &err), err, LMDDB_VALIDATION,
              "The parameter cannot be converted to a numeric value: five");
  CHECK_ERROR(lmddb_item_set_n(NULL, "bad", "5", &err), err, LMDDB_MISUSE,
              "lmddb_item_set_n: item, name and number_text must not be NULL");
  lmddb_error_free(err);
  CHECK_EQ(lmddb_item_set(item, NULL, lmddb_value_new_null()), LMDDB_MISUSE);
  CHECK_EQ(lmddb_item_set(NULL, "x", lmddb_value_new_null()), LMDDB_MISUSE);
  CHECK_EQ(lmddb_item_set_s(item, "x", NULL), LMDDB_MISUSE);
  CHECK_EQ(lmddb_item_count(item), 3);
  CHECK_EQ(lmddb_item_count(NULL), 0);
  while (lmddb_item_next(item, &name, &name_len) != NULL) order[n++] = name;
  CHECK_EQ(n, 3);
  CHECK_STREQ(order[0], "alpha");
  CHECK_STREQ(order[1], "mid");
  CHECK_STREQ(order[2], "zeta");
  CHECK(lmddb_item_next(NULL, &name, &name_len) == NULL);
  CHECK(lmddb_item_next(item, NULL, NULL) == NULL);

  copy = lmddb_item_clone(item);
  CHECK_EQ(lmddb_item_remove(item, "mid"), LMDDB_OK);
  CHECK_EQ(lmddb_item_remove(item, "mid"), LMDDB_OK);
  CHECK_EQ(lmddb_item_remove(item, NULL), LMDDB_MISUSE);
  CHECK(lmddb_item_get(item, "mid") == NULL);
  CHECK(lmddb_item_get(copy, "mid") != NULL);
  CHECK(lmddb_item_get(NULL, "mid") == NULL);
  lmddb_item_free(item);
  lmddb_item_free(copy);
}

/* An item holding every type, written and read back through a table. */
static void test_round_trip_every_type(void) {
  char* dir = test_make_dir();
  lmddb_db* db = test_open(dir);
  lmddb_item* item = lmddb_item_new();
  lmddb_item* key = test_key("pk", "all", NULL, 0);
  lmddb_item* got = NULL;
  lmddb_error* err = NULL;
  lmddb_value* list = lmddb_value_new_l();
  lmddb_value* map = lmddb_value_new_m();
  lmddb_value* inner = lmddb_value_new_m();
  lmddb_value* ss = lmddb_value_new_ss();
  lmddb_value* ns = lmddb_value_new_ns();
  lmddb_value* bs = lmddb_value_new_bs();
  const lmddb_value* v;
  size_t len = 0;
  int flag = -1;
  char buf[LMDDB_NUMBER_BUFSIZE];

  test_create_table(db, "Types", "pk", "S", NULL, NULL);
  CHECK_EQ(lmddb_item_set_s(item, "pk", "all"), LMDDB_OK);
  CHECK_EQ(lmddb_item_set(item, "s", lmddb_value_new_s("h\xc3\xa9llo", 6)), LMDDB_OK);
  CHECK_EQ(lmddb_item_set(item, "n", lmddb_value_new_n("3.14159265358979323846264338327950288", 37, NULL)), LMDDB_OK);
  CHECK_EQ(lmddb_item_set(item, "b", lmddb_value_new_b("\0\xff", 2)), LMDDB_OK);
  CHECK_EQ(lmddb_item_set(item, "t", lmddb_value_new_bool(1)), LMDDB_OK);
  CHECK_EQ(lmddb_item_set(item, "z", lmddb_value_new_null()), LMDDB_OK);
  CHECK_EQ(lmddb_value_list_append(list, lmddb_value_new_s("e", 1)), LMDDB_OK);
  CHECK_EQ(lmddb_value_list_append(list, lmddb_value_new_l()), LMDDB_OK); /* empty L is fine */
  CHECK_EQ(lmddb_item_set(item, "l", list), LMDDB_OK);
  CHECK_EQ(lmddb_value_map_set(inner, "deep", lmddb_value_new_n_int64(-1)), LMDDB_OK);
  CHECK_EQ(lmddb_value_map_set(map, "inner", inner), LMDDB_OK);
  CHECK_EQ(lmddb_item_set(item, "m", map), LMDDB_OK);
  CHECK_EQ(lmddb_value_set_add_s(ss, "one", 3), LMDDB_OK);
  CHECK_EQ(lmddb_value_set_add_s(ss, "two", 3), LMDDB_OK);
  CHECK_EQ(lmddb_item_set(item, "ss", ss), LMDDB_OK);
  CHECK_EQ(lmddb_value_set_add_n(ns, "10", 2, NULL), LMDDB_OK);
  CHECK_EQ(lmddb_item_set(item, "ns", ns), LMDDB_OK);
  CHECK_EQ(lmddb_value_set_add_b(bs, "\1", 1), LMDDB_OK);
  CHECK_EQ(lmddb_item_set(item, "bs", bs), LMDDB_OK);

  CHECK_OK(lmddb_put_item(db, "Types", item, NULL, NULL, &err), err);
  CHECK_OK(lmddb_get_item(db, "Types", key, NULL, &got, &err), err);
  CHECK(got != NULL);
  CHECK_EQ(lmddb_item_count(got), lmddb_item_count(item));

  CHECK_STREQ(lmddb_value_s(lmddb_item_get(got, "s"), &len), "h\xc3\xa9llo");
  check_number(lmddb_item_get(got, "n"), "3.14159265358979323846264338327950288");
  v = lmddb_item_get(got, "b");
  CHECK(memcmp(lmddb_value_b(v, &len), "\0\xff", 2) == 0);
  CHECK_EQ(len, 2);
  CHECK_EQ(lmddb_value_bool(lmddb_item_get(got, "t"), &flag), LMDDB_OK);
  CHECK_EQ(flag, 1);
  CHECK_EQ(lmddb_value_type(lmddb_item_get(got, "z")), LMDDB_TYPE_NULL);
  v = lmddb_item_get(got, "l");
  CHECK_EQ(lmddb_value_count(v), 2);
  CHECK_STREQ(lmddb_value_s(lmddb_value_list_at(v, 0), NULL), "e");
  CHECK_EQ(lmddb_value_type(lmddb_value_list_at(v, 1)), LMDDB_TYPE_L);
  CHECK_EQ(lmddb_value_count(lmddb_value_list_at(v, 1)), 0);
  v = lmddb_value_map_get(lmddb_value_map_get(lmddb_item_get(got, "m"), "inner"), "deep");
  check_number(v, "-1");
  v = lmddb_item_get(got, "ss");
  CHECK_EQ(lmddb_value_type(v), LMDDB_TYPE_SS);
  CHECK_EQ(lmddb_value_count(v), 2);
  v = lmddb_item_get(got, "ns");
  CHECK_EQ(lmddb_value_type(v), LMDDB_TYPE_NS);
  CHECK_EQ(lmddb_value_set_n_at(v, 0, buf, sizeof buf, &len), LMDDB_OK);
  CHECK_STREQ(buf, "10");
  v = lmddb_item_get(got, "bs");
  CHECK_EQ(lmddb_value_type(v), LMDDB_TYPE_BS);
  CHECK(memcmp(lmddb_value_set_b_at(v, 0, &len), "\1", 1) == 0);
  lmddb_item_free(got);

  /* Set contents are checked when written, with DynamoDB's messages. */
  ss = lmddb_value_new_ss();
  CHECK_EQ(lmddb_item_set(item, "ss", ss), LMDDB_OK);
  CHECK_ERROR(lmddb_put_item(db, "Types", item, NULL, NULL, &err), err, LMDDB_VALIDATION,
              "One or more parameter values were invalid: An string set  may not be empty");
  ss = lmddb_value_new_ss();
  CHECK_EQ(lmddb_value_set_add_s(ss, "d", 1), LMDDB_OK);
  CHECK_EQ(lmddb_value_set_add_s(ss, "d", 1), LMDDB_OK);
  CHECK_EQ(lmddb_item_set(item, "ss", ss), LMDDB_OK);
  CHECK_ERROR(lmddb_put_item(db, "Types", item, NULL, NULL, &err), err, LMDDB_VALIDATION,
              "One or more parameter values were invalid: Input collection [d, d] contains duplicates.");
  lmddb_error_free(err);

  lmddb_item_free(item);
  lmddb_item_free(key);
  lmddb_close(db);
  test_remove_dir(dir);
}

int main(void) {
  test_scalars();
  test_bad_numbers();
  test_containers();
  test_items();
  test_round_trip_every_type();
  printf("c_api_values_test: OK\n");
  return 0;
}
