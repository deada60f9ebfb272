/* The C API's JSON entry point (lmddb_json): DynamoDB's JSON protocol for
 * every operation, with its response bodies, HTTP statuses and error
 * bodies. Compiled as C99. */
#include "c_test_support.h"

/* Runs `operation` with `request`, checks the result code and HTTP status,
 * and returns the response body (caller frees with lmddb_free). */
static char* run(lmddb_db* db, const char* operation, const char* request, int want_code,
                 int want_status, lmddb_error** err) {
  char* response = NULL;
  size_t len = 0;
  int status = -1;
  int rc = lmddb_json(db, operation, request, strlen(request), &response, &len, &status, err);
  if (rc != want_code) {
    fprintf(stderr, "%s -> %s (%s): %s\n", operation, lmddb_strerror(rc),
                    *err ? lmddb_error_message(*err) : "", response ? response : "(null)");
  }
  CHECK_EQ(rc, want_code);
  CHECK_EQ(status, want_status);
  CHECK(response != NULL);
  CHECK_EQ(strlen(response), len);
  return response;
}

static void test_create_put_get(lmddb_db* db) {
  lmddb_error* err = NULL;
  char* body;
  lmddb_item* key;
  lmddb_item* item = NULL;

  body = run(db, "CreateTable",
             "{\"TableName\":\"Json\",\"BillingMode\":\"PAY_PER_REQUEST\","
             "\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"}],"
             "\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}]}",
             LMDDB_OK, 200, &err);
  CHECK_CONTAINS(body, "\"TableName\":\"Json\"");
  CHECK_CONTAINS(body, "\"TableStatus\":\"CREATING\"");
  lmddb_free(body);

  body = run(db, "PutItem",
             "{\"TableName\":\"Json\",\"Item\":{\"id\":{\"S\":\"a\"},\"n\":{\"N\":\"1.50\"},"
             "\"b\":{\"B\":\"AAEC\"}}}",
             LMDDB_OK, 200, &err);
  CHECK_STREQ(body, "{}");
  lmddb_free(body);

  body = run(db, "GetItem", "{\"TableName\":\"Json\",\"Key\":{\"id\":{\"S\":\"a\"}}}", LMDDB_OK, 200,
             &err);
  CHECK_CONTAINS(body, "\"Item\":{");
  CHECK_CONTAINS(body, "\"n\":{\"N\":\"1.5\"}");
  CHECK_CONTAINS(body, "\"b\":{\"B\":\"AAEC\"}");
  lmddb_free(body);

  /* A full X-Amz-Target is accepted as well. */
  body = run(db, "DynamoDB_20120810.GetItem",
             "{\"TableName\":\"Json\",\"Key\":{\"id\":{\"S\":\"missing\"}}}", LMDDB_OK, 200, &err);
  CHECK_STREQ(body, "{}");
  lmddb_free(body);

  /* What JSON wrote, the typed path reads (binary decoded from base64). */
  key = test_key("id", "a", NULL, 0);
  CHECK_OK(lmddb_get_item(db, "Json", key, NULL, &item, &err), err);
  CHECK(item != NULL);
  {
    size_t len = 0;
    const unsigned char* b = (const unsigned char*)lmddb_value_b(lmddb_item_get(item, "b"), &len);
    CHECK_EQ(len, 3);
    CHECK(b[0] == 0 && b[1] == 1 && b[2] == 2);
  }
  lmddb_item_free(item);
  lmddb_item_free(key);
  CHECK(err == NULL);
}

static void test_error_bodies(lmddb_db* db) {
  lmddb_error* err = NULL;
  char* body;

  body = run(db, "DescribeTable", "{\"TableName\":\"Nope\"}", LMDDB_RESOURCE_NOT_FOUND, 400, &err);
  CHECK_CONTAINS(body, "\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\"");
  CHECK_CONTAINS(body, "Requested resource not found: Table: Nope not found");
  CHECK_EQ(lmddb_error_code(err), LMDDB_RESOURCE_NOT_FOUND);
  CHECK_STREQ(lmddb_error_name(err), "ResourceNotFoundException");
  CHECK_STREQ(lmddb_error_message(err), "Requested resource not found: Table: Nope not found");
  lmddb_free(body);

  body = run(db, "FlyToTheMoon", "{}", LMDDB_UNKNOWN_OPERATION, 400, &err);
  CHECK_STREQ(body, "{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}");
  CHECK_EQ(lmddb_error_code(err), LMDDB_UNKNOWN_OPERATION);
  CHECK_STREQ(lmddb_error_message(err), "");
  lmddb_free(body);

  body = run(db, "PutItem", "{not json", LMDDB_SERIALIZATION, 400, &err);
  CHECK_CONTAINS(body, "#SerializationException\"");
  lmddb_free(body);

  body = run(db, "PutItem", "{\"TableName\":\"Json\",\"Item\":{\"id\":{\"N\":\"1\"}}}",
             LMDDB_VALIDATION, 400, &err);
  CHECK_CONTAINS(body, "\"__type\":\"com.amazon.coral.validate#ValidationException\"");
  CHECK_STREQ(lmddb_error_message(err),
              "One or more parameter values were invalid: Type mismatch for key id expected: S "
              "actual: N");
  lmddb_free(body);

  /* A failed condition with ReturnValuesOnConditionCheckFailure ALL_OLD
   * carries the item in the body and on the error. */
  body = run(db, "PutItem",
             "{\"TableName\":\"Json\",\"Item\":{\"id\":{\"S\":\"a\"}},"
             "\"ConditionExpression\":\"attribute_not_exists(id)\","
             "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}",
             LMDDB_CONDITIONAL_CHECK_FAILED, 400, &err);
  CHECK_CONTAINS(body, "ConditionalCheckFailedException");
  CHECK_CONTAINS(body, "\"Item\":{");
  CHECK_STREQ(lmddb_error_message(err), "The conditional request failed");
  CHECK(lmddb_error_item(err) != NULL);
  CHECK_STREQ(lmddb_value_s(lmddb_item_get(lmddb_error_item(err), "id"), NULL), "a");
  lmddb_free(body);
  lmddb_error_free(err);
}

static void test_json_rejects_null_arguments(lmddb_db* db) {
  lmddb_error* err = NULL;
  char* response = (char*)&err; /* must be reset to NULL */
  int status = -1;
  CHECK_ERROR(lmddb_json(NULL, "GetItem", "{}", 2, &response, NULL, &status, &err), err,
              LMDDB_MISUSE,
              "lmddb_json: db and operation must not be NULL, nor request when request_len > 0");
  CHECK(response == NULL);
  CHECK_EQ(status, 0);
  CHECK_EQ(lmddb_json(db, NULL, "{}", 2, &response, NULL, &status, &err), LMDDB_MISUSE);
  CHECK_EQ(lmddb_json(db, "GetItem", NULL, 2, &response, NULL, &status, &err), LMDDB_MISUSE);
  lmddb_error_free(err);
  /* Every output is optional; an empty body is DynamoDB's error for it. */
  CHECK_EQ(lmddb_json(db, "ListTables", NULL, 0, NULL, NULL, NULL, NULL), LMDDB_SERIALIZATION);
  CHECK_EQ(lmddb_json(db, "ListTables", "{}", 2, NULL, NULL, NULL, NULL), LMDDB_OK);
}

int main(void) {
  char* dir = test_make_dir();
  lmddb_db* db = test_open(dir);
  test_create_put_get(db);
  test_error_bodies(db);
  test_json_rejects_null_arguments(db);
  lmddb_close(db);
  test_remove_dir(dir);
  printf("c_api_json_test: OK\n");
  return 0;
}
