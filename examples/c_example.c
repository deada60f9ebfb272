/* lmddb from C: opens a database directory, creates a table through the
 * JSON entry point (if needed), writes and reads items with the typed API,
 * applies a conditional update, and queries a partition page by page.
 *
 *   c_example [DIR]      (DIR defaults to ./data)
 *
 * Exits non-zero if anything fails. */
#include <stdio.h>
#include <string.h>

#include "lmddb/lmddb.h"

static int fail(const char* what, int rc, lmddb_error* err) {
  fprintf(stderr, "%s failed: %s: %s\n", what, lmddb_strerror(rc), lmddb_error_message(err));
  lmddb_error_free(err);
  return 1;
}

int main(int argc, char** argv) {
  const char* dir = argc > 1 ? argv[1] : "./data";
  const char* create =
      "{\"TableName\":\"Scores\",\"BillingMode\":\"PAY_PER_REQUEST\","
      "\"AttributeDefinitions\":[{\"AttributeName\":\"player\",\"AttributeType\":\"S\"},"
      "{\"AttributeName\":\"game\",\"AttributeType\":\"N\"}],"
      "\"KeySchema\":[{\"AttributeName\":\"player\",\"KeyType\":\"HASH\"},"
      "{\"AttributeName\":\"game\",\"KeyType\":\"RANGE\"}]}";
  lmddb_db* db = NULL;
  lmddb_error* err = NULL;
  lmddb_params* params;
  lmddb_query* query = NULL;
  lmddb_item* key;
  lmddb_item* item = NULL;
  const lmddb_item* row;
  char number[LMDDB_NUMBER_BUFSIZE];
  int rc, game, rows = 0;

  rc = lmddb_open(dir, NULL, &db, &err);
  if (rc != LMDDB_OK) return fail("lmddb_open", rc, err);

  /* Control-plane calls go through DynamoDB's JSON protocol. */
  rc = lmddb_json(db, "CreateTable", create, strlen(create), NULL, NULL, NULL, &err);
  if (rc == LMDDB_RESOURCE_IN_USE) {
    printf("table Scores already exists\n");
  } else if (rc != LMDDB_OK) {
    return fail("CreateTable", rc, err);
  } else {
    printf("created table Scores\n");
  }

  /* Typed writes: three games for one player. Building items fails only on
   * NULL arguments or out of memory, which the write then reports. */
  for (game = 1; game <= 3; ++game) {
    item = lmddb_item_new();
    lmddb_item_set_s(item, "player", "ada");
    lmddb_item_set(item, "game", lmddb_value_new_n_int64(game));
    lmddb_item_set(item, "points", lmddb_value_new_n_int64(game * 10));
    rc = lmddb_put_item(db, "Scores", item, NULL, NULL, &err);
    lmddb_item_free(item);
    if (rc != LMDDB_OK) return fail("lmddb_put_item", rc, err);
  }

  /* A conditional update: add a bonus only while points stay below 100. */
  key = lmddb_item_new();
  lmddb_item_set_s(key, "player", "ada");
  lmddb_item_set(key, "game", lmddb_value_new_n_int64(2));
  params = lmddb_params_new();
  lmddb_params_set_update(params, "SET points = points + :bonus");
  lmddb_params_set_condition(params, "points < :cap");
  lmddb_params_set_value(params, ":bonus", lmddb_value_new_n("2.5", 3, NULL));
  lmddb_params_set_value(params, ":cap", lmddb_value_new_n_int64(100));
  lmddb_params_set_return_values(params, LMDDB_RETURN_UPDATED_NEW);
  rc = lmddb_update_item(db, "Scores", key, params, &item, &err);
  if (rc != LMDDB_OK) return fail("lmddb_update_item", rc, err);
  lmddb_value_n(lmddb_item_get(item, "points"), number, sizeof number, NULL);
  printf("game 2 points after bonus: %s\n", number);
  lmddb_item_free(item);
  lmddb_params_free(params);

  /* A condition that fails: the write does not happen. */
  params = lmddb_params_new();
  lmddb_params_set_condition(params, "attribute_not_exists(player)");
  item = lmddb_item_clone(key);
  rc = lmddb_put_item(db, "Scores", item, params, NULL, &err);
  if (rc != LMDDB_CONDITIONAL_CHECK_FAILED) return fail("conditional lmddb_put_item", rc, err);
  printf("put-if-absent refused: %s: %s\n", lmddb_error_name(err), lmddb_error_message(err));
  lmddb_error_free(err);
  err = NULL;
  lmddb_item_free(item);
  lmddb_params_free(params);

  /* Typed read. */
  rc = lmddb_get_item(db, "Scores", key, NULL, &item, &err);
  if (rc != LMDDB_OK || item == NULL) return fail("lmddb_get_item", rc, err);
  lmddb_item_free(item);
  lmddb_item_free(key);

  /* Query the partition newest first, two items per page; the iterator
   * follows LastEvaluatedKey by itself. */
  params = lmddb_params_new();
  lmddb_params_set_key_condition(params, "player = :p");
  lmddb_params_set_value(params, ":p", lmddb_value_new_s("ada", 3));
  lmddb_params_set_scan_forward(params, 0);
  lmddb_params_set_limit(params, 2);
  rc = lmddb_query_open(db, "Scores", params, &query, &err);
  lmddb_params_free(params);
  if (rc != LMDDB_OK) return fail("lmddb_query_open", rc, err);
  while ((rc = lmddb_query_next(query, &row, &err)) == LMDDB_OK && row != NULL) {
    char game_text[LMDDB_NUMBER_BUFSIZE];
    lmddb_value_n(lmddb_item_get(row, "game"), game_text, sizeof game_text, NULL);
    lmddb_value_n(lmddb_item_get(row, "points"), number, sizeof number, NULL);
    printf("game %s: %s points\n", game_text, number);
    ++rows;
  }
  lmddb_query_free(query);
  if (rc != LMDDB_OK) return fail("lmddb_query_next", rc, err);
  if (rows != 3) {
    fprintf(stderr, "expected 3 games, saw %d\n", rows);
    return 1;
  }

  lmddb_close(db);
  return 0;
}
