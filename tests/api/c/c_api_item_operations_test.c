/* The C API's typed PutItem, GetItem, UpdateItem and DeleteItem: conditions,
 * update and projection expressions with their names and values, ReturnValues,
 * and the errors for bad input and NULL arguments. Compiled as C99. */
#include "c_test_support.h"

static int64_t get_int(const lmddb_item* item, const char* name) {
  int64_t out = 0;
  CHECK(item != NULL);
  CHECK_EQ(lmddb_value_n_int64(lmddb_item_get(item, name), &out), LMDDB_OK);
  return out;
}

static void test_put_get_delete(lmddb_db* db) {
  lmddb_item* item = test_key("pk", "u1", NULL, 0);
  lmddb_item* key = test_key("pk", "u1", NULL, 0);
  lmddb_item* out = (lmddb_item*)&out; /* must be reset */
  lmddb_params* params = lmddb_params_new();
  lmddb_error* err = NULL;

  CHECK_EQ(lmddb_item_set_s(item, "name", "Ann"), LMDDB_OK);
  CHECK_EQ(lmddb_item_set(item, "visits", lmddb_value_new_n_int64(1)), LMDDB_OK);
  CHECK_OK(lmddb_put_item(db, "Users", item, NULL, &out, &err), err);
  CHECK(out == NULL); /* no ReturnValues */

  /* Put-if-absent fails on an existing item, with DynamoDB's code and text. */
  CHECK_OK(lmddb_params_set_condition(params, "attribute_not_exists(pk)"), err);
  CHECK_ERROR(lmddb_put_item(db, "Users", item, params, &out, &err), err,
              LMDDB_CONDITIONAL_CHECK_FAILED, "The conditional request failed");
  CHECK_STREQ(lmddb_error_name(err), "ConditionalCheckFailedException");
  CHECK(lmddb_error_item(err) == NULL);
  CHECK(out == NULL);
  /* ... and carries the old item when asked to. */
  CHECK_EQ(lmddb_params_set_return_values_on_condition_check_failure(params, 1), LMDDB_OK);
  CHECK_ERROR(lmddb_put_item(db, "Users", item, params, NULL, &err), err,
              LMDDB_CONDITIONAL_CHECK_FAILED, "The conditional request failed");
  CHECK_STREQ(lmddb_value_s(lmddb_item_get(lmddb_error_item(err), "name"), NULL), "Ann");
  lmddb_error_free(err);
  err = NULL;
  lmddb_params_free(params);

  /* A condition with names and values that holds; ReturnValues ALL_OLD. */
  params = lmddb_params_new();
  CHECK_EQ(lmddb_params_set_condition(params, "#n = :old"), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_name(params, "#n", "name"), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_value(params, ":old", lmddb_value_new_s("Ann", 3)), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_return_values(params, LMDDB_RETURN_ALL_OLD), LMDDB_OK);
  CHECK_EQ(lmddb_item_set_s(item, "name", "Bob"), LMDDB_OK);
  CHECK_OK(lmddb_put_item(db, "Users", item, params, &out, &err), err);
  CHECK(out != NULL);
  CHECK_STREQ(lmddb_value_s(lmddb_item_get(out, "name"), NULL), "Ann");
  lmddb_item_free(out);
  lmddb_params_free(params);

  /* GetItem with a projection through a name placeholder. */
  params = lmddb_params_new();
  CHECK_EQ(lmddb_params_set_projection(params, "#n"), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_name(params, "#n", "name"), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_consistent_read(params, 1), LMDDB_OK);
  CHECK_OK(lmddb_get_item(db, "Users", key, params, &out, &err), err);
  CHECK_EQ(lmddb_item_count(out), 1);
  CHECK_STREQ(lmddb_value_s(lmddb_item_get(out, "name"), NULL), "Bob");
  lmddb_item_free(out);
  lmddb_params_free(params);

  /* Conditional delete: fails, then succeeds with ALL_OLD. */
  params = lmddb_params_new();
  CHECK_EQ(lmddb_params_set_condition(params, "visits > :v"), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_value(params, ":v", lmddb_value_new_n_int64(5)), LMDDB_OK);
  CHECK_ERROR(lmddb_delete_item(db, "Users", key, params, &out, &err), err,
              LMDDB_CONDITIONAL_CHECK_FAILED, "The conditional request failed");
  CHECK(out == NULL);
  CHECK_EQ(lmddb_params_set_value(params, ":v", lmddb_value_new_n_int64(0)), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_return_values(params, LMDDB_RETURN_ALL_OLD), LMDDB_OK);
  CHECK_OK(lmddb_delete_item(db, "Users", key, params, &out, &err), err);
  CHECK_EQ(get_int(out, "visits"), 1);
  lmddb_item_free(out);
  lmddb_params_free(params);
  lmddb_error_free(err);
  err = NULL;

  /* Gone: GetItem answers no item; deleting again succeeds. */
  CHECK_OK(lmddb_get_item(db, "Users", key, NULL, &out, &err), err);
  CHECK(out == NULL);
  CHECK_OK(lmddb_delete_item(db, "Users", key, NULL, NULL, &err), err);
  lmddb_item_free(item);
  lmddb_item_free(key);
}

static void test_update(lmddb_db* db) {
  lmddb_item* key = test_key("pk", "counter", NULL, 0);
  lmddb_item* out = NULL;
  lmddb_params* params = lmddb_params_new();
  lmddb_error* err = NULL;
  int i;

  /* Creates the item, then counts exactly. */
  CHECK_EQ(lmddb_params_set_update(params, "SET hits = if_not_exists(hits, :zero) + :one, tag = :t"),
           LMDDB_OK);
  CHECK_EQ(lmddb_params_set_value(params, ":zero", lmddb_value_new_n_int64(0)), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_value(params, ":one", lmddb_value_new_n_int64(1)), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_value(params, ":t", lmddb_value_new_s("x", 1)), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_return_values(params, LMDDB_RETURN_UPDATED_NEW), LMDDB_OK);
  for (i = 1; i <= 3; ++i) {
    CHECK_OK(lmddb_update_item(db, "Users", key, params, &out, &err), err);
    CHECK_EQ(lmddb_item_count(out), 2); /* hits and tag, not the key */
    CHECK_EQ(get_int(out, "hits"), i);
    lmddb_item_free(out);
  }

  /* A condition on the update; UPDATED_OLD and ALL_NEW. */
  CHECK_EQ(lmddb_params_clear_placeholders(params), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_update(params, "ADD hits :d REMOVE tag"), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_condition(params, "hits < :max"), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_value(params, ":d", lmddb_value_new_n("0.5", 3, NULL)), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_value(params, ":max", lmddb_value_new_n_int64(3)), LMDDB_OK);
  CHECK_ERROR(lmddb_update_item(db, "Users", key, params, &out, &err), err,
              LMDDB_CONDITIONAL_CHECK_FAILED, "The conditional request failed");
  CHECK(out == NULL);
  CHECK_EQ(lmddb_params_set_value(params, ":max", lmddb_value_new_n_int64(10)), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_return_values(params, LMDDB_RETURN_ALL_NEW), LMDDB_OK);
  CHECK_OK(lmddb_update_item(db, "Users", key, params, &out, &err), err);
  {
    char buf[LMDDB_NUMBER_BUFSIZE];
    CHECK_EQ(lmddb_value_n(lmddb_item_get(out, "hits"), buf, sizeof buf, NULL), LMDDB_OK);
    CHECK_STREQ(buf, "3.5");
  }
  CHECK(lmddb_item_get(out, "tag") == NULL);
  CHECK_STREQ(lmddb_value_s(lmddb_item_get(out, "pk"), NULL), "counter");
  lmddb_item_free(out);

  /* An update expression that references a value it was not given. */
  CHECK_EQ(lmddb_params_set_condition(params, NULL), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_update(params, "SET a = :missing"), LMDDB_OK);
  CHECK_ERROR(lmddb_update_item(db, "Users", key, params, &out, &err), err, LMDDB_VALIDATION,
              "Invalid UpdateExpression: An expression attribute value used in expression is not "
              "defined; attribute value: :missing");
  lmddb_error_free(err);
  lmddb_params_free(params);
  lmddb_item_free(key);
}

static void test_bad_input(lmddb_db* db) {
  lmddb_item* key = test_key("pk", "k", NULL, 0);
  lmddb_item* wrong_key = lmddb_item_new();
  lmddb_item* out = NULL;
  lmddb_params* params = lmddb_params_new();
  lmddb_error* err = NULL;

  CHECK_ERROR(lmddb_get_item(db, "NoSuchTable", key, NULL, &out, &err), err,
              LMDDB_RESOURCE_NOT_FOUND, "Requested resource not found");
  CHECK_EQ(lmddb_item_set(wrong_key, "pk", lmddb_value_new_n_int64(1)), LMDDB_OK);
  CHECK_ERROR(lmddb_get_item(db, "Users", wrong_key, NULL, &out, &err), err, LMDDB_VALIDATION,
              "The provided key element does not match the schema");
  CHECK_ERROR(lmddb_put_item(db, "Users", wrong_key, NULL, &out, &err), err, LMDDB_VALIDATION,
              "One or more parameter values were invalid: Type mismatch for key pk expected: S "
              "actual: N");

  /* Members an operation does not take are refused before anything runs. */
  CHECK_EQ(lmddb_params_set_projection(params, "pk"), LMDDB_OK);
  CHECK_ERROR(lmddb_put_item(db, "Users", key, params, &out, &err), err, LMDDB_MISUSE,
              "lmddb_put_item: ProjectionExpression is not a parameter of PutItem");
  CHECK_EQ(lmddb_params_set_projection(params, NULL), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_limit(params, 3), LMDDB_OK);
  CHECK_ERROR(lmddb_update_item(db, "Users", key, params, &out, &err), err, LMDDB_MISUSE,
              "lmddb_update_item: Limit is not a parameter of UpdateItem");
  lmddb_params_free(params);
  params = lmddb_params_new();
  CHECK_EQ(lmddb_params_set_condition(params, "attribute_exists(pk)"), LMDDB_OK);
  CHECK_ERROR(lmddb_get_item(db, "Users", key, params, &out, &err), err, LMDDB_MISUSE,
              "lmddb_get_item: ConditionExpression is not a parameter of GetItem");
  CHECK_EQ(lmddb_params_set_condition(params, NULL), LMDDB_OK);
  CHECK_EQ(lmddb_params_set_return_values(params, LMDDB_RETURN_UPDATED_NEW), LMDDB_OK);
  CHECK_ERROR(lmddb_put_item(db, "Users", key, params, &out, &err), err, LMDDB_VALIDATION,
              "ReturnValues can only be ALL_OLD or NONE");
  CHECK_EQ(lmddb_params_set_return_values(params, (lmddb_return_values)9), LMDDB_MISUSE);
  CHECK_EQ(lmddb_params_set_select(params, (lmddb_select)0), LMDDB_MISUSE);

  /* Bad expression syntax gets DynamoDB's message prefix. */
  lmddb_params_free(params);
  params = lmddb_params_new();
  CHECK_EQ(lmddb_params_set_condition(params, "pk = = pk"), LMDDB_OK);
  CHECK_EQ(lmddb_put_item(db, "Users", key, params, &out, &err), LMDDB_VALIDATION);
  CHECK_CONTAINS(lmddb_error_message(err), "Invalid ConditionExpression: Syntax error;");

  /* NULL arguments: LMDDB_MISUSE with a message, never a crash. */
  CHECK_ERROR(lmddb_put_item(NULL, "Users", key, NULL, &out, &err), err, LMDDB_MISUSE,
              "lmddb_put_item: db, table and the item or key must not be NULL");
  CHECK_ERROR(lmddb_get_item(db, NULL, key, NULL, &out, &err), err, LMDDB_MISUSE,
              "lmddb_get_item: db, table and the item or key must not be NULL");
  CHECK_ERROR(lmddb_delete_item(db, "Users", NULL, NULL, &out, &err), err, LMDDB_MISUSE,
              "lmddb_delete_item: db, table and the item or key must not be NULL");
  CHECK_ERROR(lmddb_update_item(db, "Users", NULL, NULL, NULL, &err), err, LMDDB_MISUSE,
              "lmddb_update_item: db, table and the item or key must not be NULL");
  CHECK_EQ(lmddb_put_item(db, "Users", NULL, NULL, NULL, NULL), LMDDB_MISUSE);
  CHECK_EQ(lmddb_params_set_condition(NULL, "x"), LMDDB_MISUSE);
  CHECK_EQ(lmddb_params_set_name(params, NULL, "x"), LMDDB_MISUSE);
  CHECK_EQ(lmddb_params_set_value(params, ":v", NULL), LMDDB_MISUSE);
  CHECK_EQ(lmddb_params_set_value(NULL, ":v", lmddb_value_new_null()), LMDDB_MISUSE); /* freed */
  CHECK_EQ(lmddb_params_clear_placeholders(NULL), LMDDB_MISUSE);
  CHECK(out == NULL);

  lmddb_error_free(err);
  lmddb_params_free(params);
  lmddb_item_free(key);
  lmddb_item_free(wrong_key);
}

int main(void) {
  char* dir = test_make_dir();
  lmddb_db* db = test_open(dir);
  test_create_table(db, "Users", "pk", "S", NULL, NULL);
  test_put_get_delete(db);
  test_update(db);
  test_bad_input(db);
  lmddb_close(db);
  test_remove_dir(dir);
  printf("c_api_item_operations_test: OK\n");
  return 0;
}
