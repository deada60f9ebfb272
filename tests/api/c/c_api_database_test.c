/* The C API's version, result codes, errors, options, and opening and
 * closing a database (lmddb/lmddb.h), compiled as C99. */
#include "c_test_support.h"

static void test_version(void) {
  CHECK_STREQ(lmddb_version(), LMDDB_VERSION_STRING);
  CHECK_EQ(lmddb_version_number(), LMDDB_VERSION_NUMBER);
  CHECK_EQ(LMDDB_VERSION_NUMBER, LMDDB_VERSION_MAJOR * 10000 + LMDDB_VERSION_MINOR * 100 + LMDDB_VERSION_PATCH);
}

static void test_result_codes_name_dynamodb_exceptions(void) {
  CHECK_STREQ(lmddb_strerror(LMDDB_OK), "OK");
  CHECK_STREQ(lmddb_strerror(LMDDB_VALIDATION), "ValidationException");
  CHECK_STREQ(lmddb_strerror(LMDDB_CONDITIONAL_CHECK_FAILED), "ConditionalCheckFailedException");
  CHECK_STREQ(lmddb_strerror(LMDDB_RESOURCE_NOT_FOUND), "ResourceNotFoundException");
  CHECK_STREQ(lmddb_strerror(LMDDB_RESOURCE_IN_USE), "ResourceInUseException");
  CHECK_STREQ(lmddb_strerror(LMDDB_TRANSACTION_CANCELED), "TransactionCanceledException");
  CHECK_STREQ(lmddb_strerror(LMDDB_TRANSACTION_CONFLICT), "TransactionConflictException");
  CHECK_STREQ(lmddb_strerror(LMDDB_TRANSACTION_IN_PROGRESS), "TransactionInProgressException");
  CHECK_STREQ(lmddb_strerror(LMDDB_IDEMPOTENT_PARAMETER_MISMATCH),
              "IdempotentParameterMismatchException");
  CHECK_STREQ(lmddb_strerror(LMDDB_ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED),
              "ItemCollectionSizeLimitExceededException");
  CHECK_STREQ(lmddb_strerror(LMDDB_LIMIT_EXCEEDED), "LimitExceededException");
  CHECK_STREQ(lmddb_strerror(LMDDB_PROVISIONED_THROUGHPUT_EXCEEDED),
              "ProvisionedThroughputExceededException");
  CHECK_STREQ(lmddb_strerror(LMDDB_THROTTLING), "ThrottlingException");
  CHECK_STREQ(lmddb_strerror(LMDDB_DUPLICATE_ITEM), "DuplicateItemException");
  CHECK_STREQ(lmddb_strerror(LMDDB_SERIALIZATION), "SerializationException");
  CHECK_STREQ(lmddb_strerror(LMDDB_UNKNOWN_OPERATION), "UnknownOperationException");
  CHECK_STREQ(lmddb_strerror(LMDDB_INTERNAL_SERVER_ERROR), "InternalServerError");
  CHECK_STREQ(lmddb_strerror(LMDDB_EXPIRED_ITERATOR), "ExpiredIteratorException");
  CHECK_STREQ(lmddb_strerror(LMDDB_TRIMMED_DATA_ACCESS), "TrimmedDataAccessException");
  CHECK_STREQ(lmddb_strerror(LMDDB_REQUEST_LIMIT_EXCEEDED), "RequestLimitExceeded");
  CHECK_STREQ(lmddb_strerror(LMDDB_ACCESS_DENIED), "AccessDeniedException");
  CHECK_STREQ(lmddb_strerror(LMDDB_UNRECOGNIZED_CLIENT), "UnrecognizedClientException");
  CHECK_STREQ(lmddb_strerror(LMDDB_MISSING_AUTHENTICATION_TOKEN),
              "MissingAuthenticationTokenException");
  CHECK_STREQ(lmddb_strerror(LMDDB_INVALID_SIGNATURE), "InvalidSignatureException");
  CHECK_STREQ(lmddb_strerror(LMDDB_INCOMPLETE_SIGNATURE), "IncompleteSignatureException");
  CHECK_STREQ(lmddb_strerror(LMDDB_MISUSE), "Misuse of the lmddb C API");
  CHECK_STREQ(lmddb_strerror(-1), "Unknown lmddb result code");
  CHECK_STREQ(lmddb_strerror(25), "Unknown lmddb result code");
}

static void test_null_handles_are_safe(void) {
  /* Free functions take NULL; getters on NULL answer harmlessly. */
  lmddb_close(NULL);
  lmddb_error_free(NULL);
  lmddb_options_free(NULL);
  lmddb_params_free(NULL);
  lmddb_item_free(NULL);
  lmddb_value_free(NULL);
  lmddb_query_free(NULL);
  lmddb_free(NULL);
  CHECK_EQ(lmddb_error_code(NULL), LMDDB_MISUSE);
  CHECK_STREQ(lmddb_error_message(NULL), "");
  CHECK_STREQ(lmddb_error_name(NULL), "Misuse of the lmddb C API");
  CHECK(lmddb_error_item(NULL) == NULL);
  CHECK_EQ(lmddb_options_set_nosync(NULL, 1), LMDDB_MISUSE);
  CHECK_EQ(lmddb_options_set_map_size(NULL, 1, 2), LMDDB_MISUSE);
  CHECK_EQ(lmddb_options_set_region(NULL, "x"), LMDDB_MISUSE);
  CHECK_EQ(lmddb_options_set_account_id(NULL, "x"), LMDDB_MISUSE);
}

static void test_open_rejects_null_arguments(void) {
  lmddb_db* db = (lmddb_db*)&db; /* any non-NULL: must be reset */
  lmddb_error* err = NULL;
  CHECK_ERROR(lmddb_open(NULL, NULL, &db, &err), err, LMDDB_MISUSE,
              "lmddb_open: path and db must not be NULL");
  CHECK(db == NULL);
  CHECK_STREQ(lmddb_error_name(err), "Misuse of the lmddb C API");
  /* A second failure replaces the first error (no leak under ASan). */
  CHECK_ERROR(lmddb_open("x", NULL, NULL, &err), err, LMDDB_MISUSE,
              "lmddb_open: path and db must not be NULL");
  lmddb_error_free(err);
  /* A NULL err only loses the details. */
  CHECK_EQ(lmddb_open(NULL, NULL, NULL, NULL), LMDDB_MISUSE);
}

static void test_open_fails_with_message_where_no_directory_can_be(void) {
  char* dir = test_make_dir();
  char path[4096];
  lmddb_db* db = NULL;
  lmddb_error* err = NULL;
  FILE* file;
  snprintf(path, sizeof path, "%s/file", dir);
  file = fopen(path, "w");
  CHECK(file != NULL);
  fclose(file);
  snprintf(path, sizeof path, "%s/file/db", dir);
  CHECK(lmddb_open(path, NULL, &db, &err) != LMDDB_OK);
  CHECK(db == NULL);
  CHECK(err != NULL);
  CHECK(lmddb_error_message(err)[0] != '\0');
  lmddb_error_free(err);
  test_remove_dir(dir);
}

static void test_options_and_reopen_keep_data(void) {
  char* dir = test_make_dir();
  lmddb_options* opts = lmddb_options_new();
  lmddb_db* db = NULL;
  lmddb_error* err = NULL;
  char* response = NULL;
  size_t response_len = 0;
  int status = 0;
  const char* describe = "{\"TableName\":\"Tbl\"}";
  lmddb_item* key;
  lmddb_item* got = NULL;

  CHECK(opts != NULL);
  CHECK_EQ(lmddb_options_set_nosync(opts, 1), LMDDB_OK);
  CHECK_EQ(lmddb_options_set_map_size(opts, 1u << 20, 1u << 30), LMDDB_OK);
  CHECK_EQ(lmddb_options_set_map_size(opts, 0, 1), LMDDB_MISUSE);
  CHECK_EQ(lmddb_options_set_map_size(opts, 2, 1), LMDDB_MISUSE);
  CHECK_EQ(lmddb_options_set_region(opts, "eu-west-3"), LMDDB_OK);
  CHECK_EQ(lmddb_options_set_account_id(opts, "123456789012"), LMDDB_OK);
  CHECK_EQ(lmddb_options_set_region(opts, NULL), LMDDB_MISUSE);
  CHECK_OK(lmddb_open(dir, opts, &db, &err), err);
  lmddb_options_free(opts);

  test_create_table(db, "Tbl", "pk", "S", NULL, NULL);
  CHECK_OK(lmddb_json(db, "DescribeTable", describe, strlen(describe), &response, &response_len,
                      &status, &err),
           err);
  CHECK_EQ(status, 200);
  CHECK_EQ(strlen(response), response_len);
  CHECK_CONTAINS(response, "\"TableArn\":\"arn:aws:dynamodb:eu-west-3:123456789012:table/Tbl\"");
  lmddb_free(response);

  key = test_key("pk", "kept", NULL, 0);
  CHECK_OK(lmddb_put_item(db, "Tbl", key, NULL, NULL, &err), err);
  lmddb_close(db);

  /* Default options on reopen: the table and the item are still there. */
  db = NULL;
  CHECK_OK(lmddb_open(dir, NULL, &db, &err), err);
  CHECK_OK(lmddb_get_item(db, "Tbl", key, NULL, &got, &err), err);
  CHECK(got != NULL);
  CHECK_STREQ(lmddb_value_s(lmddb_item_get(got, "pk"), NULL), "kept");
  lmddb_item_free(got);
  lmddb_item_free(key);
  lmddb_close(db);
  CHECK(err == NULL);
  test_remove_dir(dir);
}

int main(void) {
  test_version();
  test_result_codes_name_dynamodb_exceptions();
  test_null_handles_are_safe();
  test_open_rejects_null_arguments();
  test_open_fails_with_message_where_no_directory_can_be();
  test_options_and_reopen_keep_data();
  printf("c_api_database_test: OK\n");
  return 0;
}
