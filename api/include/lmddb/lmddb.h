/* lmddb/lmddb.h: the C API of lmddb, an embedded DynamoDB-compatible
 * storage engine on LMDB, for C and any language with a C FFI.
 *
 * Plain C99; usable from C++. Two ways in:
 *
 *  - lmddb_json(): any DynamoDB operation, as DynamoDB's JSON protocol
 *    (request body in, response body out), e.g. CreateTable, Query, Scan.
 *  - A typed path without JSON for the hot operations: items and values are
 *    built and read through opaque handles, and PutItem, GetItem,
 *    DeleteItem, UpdateItem, Query and Scan take their expressions, names
 *    and values from a reusable lmddb_params.
 *
 * RESULT CODES
 *   Every fallible call returns an int: LMDDB_OK (0) or the code of the
 *   DynamoDB exception it failed with (LMDDB_VALIDATION,
 *   LMDDB_CONDITIONAL_CHECK_FAILED, ...), or LMDDB_MISUSE when the C API
 *   itself was used wrongly (a required pointer was NULL, an accessor was
 *   called on a value of another type). The exception codes equal lmddb's
 *   C++ ErrorType numbers and only grow. lmddb_strerror(code) names a code.
 *
 *   Calls that can fail for a reason worth explaining take a final
 *   `lmddb_error** err`. It may be NULL (details are then discarded).
 *   Otherwise, on failure any error already in *err is freed and *err is
 *   set to a new lmddb_error carrying the code, DynamoDB's exception name
 *   and DynamoDB's exact message text; on success *err is left untouched.
 *   The caller frees an error with lmddb_error_free().
 *
 * OWNERSHIP
 *   - Every handle returned by a *_new / *_open / *_clone function, and every
 *     lmddb_item returned through an `lmddb_item**` out-parameter, belongs to
 *     the caller and is freed with the matching *_free / lmddb_close.
 *     Every free function accepts NULL.
 *   - A NON-CONST lmddb_value* or lmddb_item* argument is CONSUMED: the
 *     callee owns it from then on and frees it, even when the call fails.
 *     This lets values be built inline:
 *       lmddb_item_set(item, "name", lmddb_value_new_s("Ann", 3));
 *   - A CONST handle argument is only borrowed for the duration of the call
 *     (its content is copied where it must be kept).
 *   - Pointers returned by accessors (const lmddb_value*, names, string and
 *     byte data) are borrowed: they point into the object they were read
 *     from and stay valid until that object, or the object owning it, is
 *     modified or freed. String data is always NUL-terminated as well as
 *     length-counted (S and B data may contain NUL bytes).
 *   - Text returned by lmddb_json() is allocated by lmddb and freed with
 *     lmddb_free().
 *
 * THREAD SAFETY
 *   - An lmddb_db may be used from any number of threads at once, except
 *     that lmddb_close() must not run concurrently with any other use.
 *     Reads see a consistent snapshot; each write happens entirely or not
 *     at all.
 *   - Every other handle (lmddb_options, lmddb_params, lmddb_item,
 *     lmddb_value, lmddb_query, lmddb_error) belongs to one thread at a
 *     time. Calls that only read it (its const-pointer functions, and passing
 *     it as a const argument, e.g. one lmddb_params to many concurrent
 *     lmddb_get_item calls) may run from several threads at once as long as
 *     nobody modifies it.
 *   - A lmddb_query must not outlive its lmddb_db.
 *
 * Nothing in this API throws, aborts or reads through a NULL pointer that was
 * passed to it: a required NULL argument yields LMDDB_MISUSE.
 */
#ifndef LMDDB_LMDDB_H_
#define LMDDB_LMDDB_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Version ------------------------------------------------------------ */

#define LMDDB_VERSION_MAJOR 0
#define LMDDB_VERSION_MINOR 1
#define LMDDB_VERSION_PATCH 0
#define LMDDB_VERSION_STRING "0.1.0"
/* major * 10000 + minor * 100 + patch; compare against lmddb_version_number()
 * to detect a header/library mismatch. */
#define LMDDB_VERSION_NUMBER \
  (LMDDB_VERSION_MAJOR * 10000 + LMDDB_VERSION_MINOR * 100 + LMDDB_VERSION_PATCH)

/* The version of the linked library: "0.1.0" (static storage), 100. */
const char* lmddb_version(void);
int lmddb_version_number(void);

/* ---- Result codes ------------------------------------------------------- */

/* Equal to lmddb::ErrorType (lmddb/status.hpp). Only grows; never renumbered. */
enum {
  LMDDB_OK = 0,
  LMDDB_VALIDATION = 1,                             /* ValidationException */
  LMDDB_CONDITIONAL_CHECK_FAILED = 2,               /* ConditionalCheckFailedException */
  LMDDB_RESOURCE_NOT_FOUND = 3,                     /* ResourceNotFoundException */
  LMDDB_RESOURCE_IN_USE = 4,                        /* ResourceInUseException */
  LMDDB_TRANSACTION_CANCELED = 5,                   /* TransactionCanceledException */
  LMDDB_TRANSACTION_CONFLICT = 6,                   /* TransactionConflictException */
  LMDDB_TRANSACTION_IN_PROGRESS = 7,                /* TransactionInProgressException */
  LMDDB_IDEMPOTENT_PARAMETER_MISMATCH = 8,          /* IdempotentParameterMismatchException */
  LMDDB_ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED = 9,    /* ItemCollectionSizeLimitExceededException */
  LMDDB_LIMIT_EXCEEDED = 10,                        /* LimitExceededException */
  LMDDB_PROVISIONED_THROUGHPUT_EXCEEDED = 11,       /* ProvisionedThroughputExceededException */
  LMDDB_THROTTLING = 12,                            /* ThrottlingException */
  LMDDB_DUPLICATE_ITEM = 13,                        /* DuplicateItemException */
  LMDDB_SERIALIZATION = 14,                         /* SerializationException */
  LMDDB_UNKNOWN_OPERATION = 15,                     /* UnknownOperationException */
  LMDDB_INTERNAL_SERVER_ERROR = 16,                 /* InternalServerError */
  LMDDB_EXPIRED_ITERATOR = 17,                      /* ExpiredIteratorException */
  LMDDB_TRIMMED_DATA_ACCESS = 18,                   /* TrimmedDataAccessException */
  LMDDB_REQUEST_LIMIT_EXCEEDED = 19,                /* RequestLimitExceeded */
  LMDDB_ACCESS_DENIED = 20,                         /* AccessDeniedException */
  LMDDB_UNRECOGNIZED_CLIENT = 21,                   /* UnrecognizedClientException */
  LMDDB_MISSING_AUTHENTICATION_TOKEN = 22,          /* MissingAuthenticationTokenException */
  LMDDB_INVALID_SIGNATURE = 23,                     /* InvalidSignatureException */
  LMDDB_INCOMPLETE_SIGNATURE = 24,                  /* IncompleteSignatureException */
  /* Not a DynamoDB exception: the C API was called wrongly (NULL required
   * argument, accessor on a value of another type, buffer too small).
   * Outside ErrorType's range so that range can grow. */
  LMDDB_MISUSE = 1000
};

/* Static text naming `code`: the DynamoDB exception name
 * ("ConditionalCheckFailedException"), "OK", "Misuse of the lmddb C API",
 * or "Unknown lmddb result code". Never NULL. */
const char* lmddb_strerror(int code);

/* ---- Errors ------------------------------------------------------------- */

typedef struct lmddb_error lmddb_error;
typedef struct lmddb_item lmddb_item;
typedef struct lmddb_value lmddb_value;

/* The result code (never LMDDB_OK). LMDDB_MISUSE for a NULL error. */
int lmddb_error_code(const lmddb_error* err);
/* DynamoDB's message text ("The conditional request failed"); may be empty
 * (UnknownOperationException has none). Borrowed from `err`. Never NULL. */
const char* lmddb_error_message(const lmddb_error* err);
/* The exception name ("ValidationException"): lmddb_strerror() of the
 * code. Static storage. Never NULL. */
const char* lmddb_error_name(const lmddb_error* err);
/* For LMDDB_CONDITIONAL_CHECK_FAILED when the request asked for it
 * (lmddb_params_set_return_values_on_condition_check_failure): the item the
 * condition was checked against. NULL otherwise. Borrowed from `err`. */
const lmddb_item* lmddb_error_item(const lmddb_error* err);
void lmddb_error_free(lmddb_error* err);

/* Frees text allocated by lmddb (lmddb_json's response). Accepts NULL. */
void lmddb_free(void* ptr);

/* ---- Opening a database ------------------------------------------------- */

typedef struct lmddb_db lmddb_db;
typedef struct lmddb_options lmddb_options;

/* Options with lmddb's defaults: durable commits (fsync on every commit),
 * map of 64 MiB growing by doubling up to 1 TiB, region "us-east-1",
 * account "000000000000". NULL only when out of memory. */
lmddb_options* lmddb_options_new(void);
void lmddb_options_free(lmddb_options* opts);
/* Nonzero: commits are not fsynced. A process crash loses nothing; an
 * operating-system crash or power loss may lose the latest writes. */
int lmddb_options_set_nosync(lmddb_options* opts, int nosync);
/* The LMDB map starts at `initial` bytes and doubles when full up to `max`;
 * past that writes fail with a clear error and the database stays usable. */
int lmddb_options_set_map_size(lmddb_options* opts, size_t initial, size_t max);
/* Used in table ARNs (arn:aws:dynamodb:<region>:<account_id>:table/...).
 * The strings are copied. */
int lmddb_options_set_region(lmddb_options* opts, const char* region);
int lmddb_options_set_account_id(lmddb_options* opts, const char* account_id);

/* Opens, creating it (and its directory) if needed, the database in
 * directory `path`. `opts` may be NULL for the defaults and is only
 * borrowed. On
 * success *db is a new handle, closed with lmddb_close(). Several processes
 * may open one directory at once. */
int lmddb_open(const char* path, const lmddb_options* opts, lmddb_db** db, lmddb_error** err);
/* Closes the database. Every lmddb_query over it must be freed first. */
void lmddb_close(lmddb_db* db);

/* ---- The JSON entry point: every DynamoDB operation ---------------------- */

/* Runs DynamoDB operation `operation` ("CreateTable", "PutItem", ...; a full
 * X-Amz-Target "DynamoDB_20120810.PutItem" is accepted too) with the JSON
 * request body `request` of `request_len` bytes, exactly as DynamoDB's JSON
 * protocol (version 2012-08-10) would over HTTP.
 *
 * Outputs (each may be NULL when not wanted):
 *   *response      DynamoDB's response body, NUL-terminated, freed by the
 *                  caller with lmddb_free(). On failure it is DynamoDB's
 *                  error body {"__type": "...#<Exception>", "message": ...}.
 *                  NULL after LMDDB_MISUSE.
 *   *response_len  its length in bytes (without the NUL).
 *   *http_status   the HTTP status DynamoDB answers with: 200, 400 for client
 *                  errors, 500 for InternalServerError; 0 after LMDDB_MISUSE.
 * Returns LMDDB_OK for a 200 answer, else the exception's code (e.g.
 * LMDDB_UNKNOWN_OPERATION for an operation lmddb does not serve), with *err
 * carrying the same exception name and message as the body. */
int lmddb_json(lmddb_db* db, const char* operation, const char* request, size_t request_len,
               char** response, size_t* response_len, int* http_status, lmddb_error** err);

/* ---- Values ------------------------------------------------------------- */

/* DynamoDB's attribute types; equal to lmddb::AttributeValue::Type. Only
 * grows. LMDDB_TYPE_INVALID (0) is what lmddb_value_type(NULL) answers. */
typedef enum lmddb_type {
  LMDDB_TYPE_INVALID = 0,
  LMDDB_TYPE_S = 1,
  LMDDB_TYPE_N = 2,
  LMDDB_TYPE_B = 3,
  LMDDB_TYPE_BOOL = 4,
  LMDDB_TYPE_NULL = 5,
  LMDDB_TYPE_L = 6,
  LMDDB_TYPE_M = 7,
  LMDDB_TYPE_SS = 8,
  LMDDB_TYPE_NS = 9,
  LMDDB_TYPE_BS = 10
} lmddb_type;

/* DynamoDB's short name for `type`: "S", "N", ..., "BS"; "" when invalid. */
const char* lmddb_type_name(lmddb_type type);

/* Buffer size that always holds a number's canonical text and its NUL
 * (38 digits, exponents down to -130: at most 171 bytes). */
#define LMDDB_NUMBER_BUFSIZE 192

/* Constructors. Each returns a new value owned by the caller (freed with
 * lmddb_value_free, or consumed by passing it to a setter), or NULL when out
 * of memory or, for the byte and string ones, when `data` is NULL with a
 * nonzero length. Strings and bytes are copied. Whether a value may be
 * stored (non-empty sets without duplicates, sizes, ...) is checked when it
 * is written, with DynamoDB's messages. */
lmddb_value* lmddb_value_new_s(const char* data, size_t len); /* UTF-8 text */
lmddb_value* lmddb_value_new_b(const void* data, size_t len); /* raw bytes */
lmddb_value* lmddb_value_new_bool(int b);
lmddb_value* lmddb_value_new_null(void);
/* N from DynamoDB's number syntax ("-12.50", "1e3"): exact decimal, up to 38
 * significant digits. NULL on bad text with *err a ValidationException
 * ("The parameter cannot be converted to a numeric value: x", ...). */
lmddb_value* lmddb_value_new_n(const char* text, size_t len, lmddb_error** err);
lmddb_value* lmddb_value_new_n_int64(int64_t n);
/* Empty containers, filled with the functions below. */
lmddb_value* lmddb_value_new_l(void);
lmddb_value* lmddb_value_new_m(void);
lmddb_value* lmddb_value_new_ss(void);
lmddb_value* lmddb_value_new_ns(void);
lmddb_value* lmddb_value_new_bs(void);

lmddb_value* lmddb_value_clone(const lmddb_value* v);
void lmddb_value_free(lmddb_value* v);

/* Appends `element` (consumed) to list `list`. Passing a value as its own
 * element is LMDDB_MISUSE and consumes nothing. */
int lmddb_value_list_append(lmddb_value* list, lmddb_value* element);
/* Sets `name` in map `map` to `element` (consumed), replacing any value. */
int lmddb_value_map_set(lmddb_value* map, const char* name, lmddb_value* element);
/* Adds one element to an SS, BS or NS (number text, checked as for
 * lmddb_value_new_n). Bytes are copied. */
int lmddb_value_set_add_s(lmddb_value* ss, const char* data, size_t len);
int lmddb_value_set_add_b(lmddb_value* bs, const void* data, size_t len);
int lmddb_value_set_add_n(lmddb_value* ns, const char* text, size_t len, lmddb_error** err);

/* Reading. `type` of NULL is LMDDB_TYPE_INVALID. */
lmddb_type lmddb_value_type(const lmddb_value* v);
/* S / B data (borrowed, NUL-terminated), *len set when len is not NULL.
 * NULL when `v` is NULL or of another type. */
const char* lmddb_value_s(const lmddb_value* v, size_t* len);
const void* lmddb_value_b(const lmddb_value* v, size_t* len);
/* BOOL into *out (0 or 1). LMDDB_MISUSE for another type. */
int lmddb_value_bool(const lmddb_value* v, int* out);
/* N's canonical text as DynamoDB returns it ("1.10" reads "1.1"), written
 * NUL-terminated into buf (LMDDB_NUMBER_BUFSIZE bytes always suffice);
 * *len (if not NULL) gets its length. LMDDB_MISUSE for another type or a
 * too-small buffer (then *len still gets the length needed). */
int lmddb_value_n(const lmddb_value* v, char* buf, size_t buf_size, size_t* len);
/* N as an int64_t. LMDDB_VALIDATION when it has a fraction or does not fit;
 * LMDDB_MISUSE for another type. */
int lmddb_value_n_int64(const lmddb_value* v, int64_t* out);
/* Elements of L, M, SS, NS, BS; 0 for any other type and NULL. */
size_t lmddb_value_count(const lmddb_value* v);
/* Element i of a list; NULL when out of range or not an L. */
const lmddb_value* lmddb_value_list_at(const lmddb_value* list, size_t i);
/* Element i of an SS / BS (borrowed data), NULL when out of range or of
 * another type; of an NS as lmddb_value_n does. Set order is the order the
 * elements were added or stored in; DynamoDB keeps no set order. */
const char* lmddb_value_set_s_at(const lmddb_value* ss, size_t i, size_t* len);
const void* lmddb_value_set_b_at(const lmddb_value* bs, size_t i, size_t* len);
int lmddb_value_set_n_at(const lmddb_value* ns, size_t i, char* buf, size_t buf_size, size_t* len);
/* Member `name` of a map; NULL when absent or not an M. */
const lmddb_value* lmddb_value_map_get(const lmddb_value* map, const char* name);
/* Iterates a map's members in ascending byte order of their names:
 *   const char* name = NULL; size_t name_len = 0; const lmddb_value* v;
 *   while ((v = lmddb_value_map_next(map, &name, &name_len)) != NULL) {...}
 * On input *name is NULL for the first member or the previous member's name
 * (as returned); on output the next member's name (borrowed). Returns NULL
 * after the last member. Stateless: safe for concurrent readers. */
const lmddb_value* lmddb_value_map_next(const lmddb_value* map, const char** name,
                                        size_t* name_len);

/* ---- Items -------------------------------------------------------------- */

/* An item (or key): attribute names to values. */
lmddb_item* lmddb_item_new(void);
lmddb_item* lmddb_item_clone(const lmddb_item* item);
void lmddb_item_free(lmddb_item* item);
/* Sets attribute `name` to `value` (consumed), replacing any value. */
int lmddb_item_set(lmddb_item* item, const char* name, lmddb_value* value);
/* Shorthands for lmddb_item_set with a NUL-terminated S, or N text. */
int lmddb_item_set_s(lmddb_item* item, const char* name, const char* s);
int lmddb_item_set_n(lmddb_item* item, const char* name, const char* number_text,
                     lmddb_error** err);
/* Removes `name`; LMDDB_OK also when it was absent. */
int lmddb_item_remove(lmddb_item* item, const char* name);
/* The attribute `name`, or NULL when absent. */
const lmddb_value* lmddb_item_get(const lmddb_item* item, const char* name);
size_t lmddb_item_count(const lmddb_item* item);
/* Iterates attributes in ascending byte order of their names, as
 * lmddb_value_map_next does. */
const lmddb_value* lmddb_item_next(const lmddb_item* item, const char** name, size_t* name_len);

/* ---- Request parameters -------------------------------------------------- */

/* The optional members of a typed request: expressions, their
 * ExpressionAttributeNames and ExpressionAttributeValues, ReturnValues and
 * the Query/Scan settings. One lmddb_params may be reused for many calls
 * and is only borrowed by them. A NULL lmddb_params means none.
 *
 * Each operation accepts only the members DynamoDB's request has:
 *   PutItem, DeleteItem: condition, names, values, return values (NONE or
 *     ALL_OLD), return values on condition check failure.
 *   UpdateItem: those plus the update expression (any return values).
 *   GetItem: projection, names, consistent read.
 *   Query: key condition (required), filter, projection, names, values,
 *     index name, limit, scan forward, consistent read, select, exclusive
 *     start key, single page.
 *   Scan: as Query without key condition and scan forward.
 * Another member set yields LMDDB_MISUSE naming it, before anything is
 * read or written. */
typedef struct lmddb_params lmddb_params;

lmddb_params* lmddb_params_new(void);
void lmddb_params_free(lmddb_params* params);
/* Every string is copied; NULL clears the member. */
int lmddb_params_set_condition(lmddb_params* params, const char* condition_expression);
int lmddb_params_set_update(lmddb_params* params, const char* update_expression);
int lmddb_params_set_projection(lmddb_params* params, const char* projection_expression);
int lmddb_params_set_key_condition(lmddb_params* params, const char* key_condition_expression);
int lmddb_params_set_filter(lmddb_params* params, const char* filter_expression);
/* ExpressionAttributeNames: "#placeholder" -> attribute name. */
int lmddb_params_set_name(lmddb_params* params, const char* placeholder, const char* name);
/* ExpressionAttributeValues: ":placeholder" -> value (consumed). */
int lmddb_params_set_value(lmddb_params* params, const char* placeholder, lmddb_value* value);
/* Forgets every name and value placeholder. */
int lmddb_params_clear_placeholders(lmddb_params* params);

/* ReturnValues; equal to lmddb::ReturnValue. */
typedef enum lmddb_return_values {
  LMDDB_RETURN_NONE = 1,
  LMDDB_RETURN_ALL_OLD = 2,
  LMDDB_RETURN_UPDATED_OLD = 3,
  LMDDB_RETURN_ALL_NEW = 4,
  LMDDB_RETURN_UPDATED_NEW = 5
} lmddb_return_values;
int lmddb_params_set_return_values(lmddb_params* params, lmddb_return_values rv);
/* Nonzero: ReturnValuesOnConditionCheckFailure ALL_OLD (lmddb_error_item). */
int lmddb_params_set_return_values_on_condition_check_failure(lmddb_params* params, int all_old);
int lmddb_params_set_consistent_read(lmddb_params* params, int consistent);

/* Query / Scan. */
int lmddb_params_set_index_name(lmddb_params* params, const char* index_name);
/* DynamoDB's Limit: items evaluated per page (at least 1). */
int lmddb_params_set_limit(lmddb_params* params, int64_t limit);
/* Zero: descending sort key order (ScanIndexForward false). */
int lmddb_params_set_scan_forward(lmddb_params* params, int forward);
/* Select; equal to lmddb::Select. */
typedef enum lmddb_select {
  LMDDB_SELECT_ALL_ATTRIBUTES = 1,
  LMDDB_SELECT_ALL_PROJECTED_ATTRIBUTES = 2,
  LMDDB_SELECT_SPECIFIC_ATTRIBUTES = 3,
  LMDDB_SELECT_COUNT = 4
} lmddb_select;
int lmddb_params_set_select(lmddb_params* params, lmddb_select select);
/* ExclusiveStartKey (copied; NULL clears it): where the first page starts,
 * e.g. a lmddb_query_last_evaluated_key() from an earlier query. */
int lmddb_params_set_exclusive_start_key(lmddb_params* params, const lmddb_item* key);
/* Nonzero: the iterator reads one page only (see lmddb_query). */
int lmddb_params_set_single_page(lmddb_params* params, int single_page);

/* ---- Typed item operations ---------------------------------------------- */
/* `table` is the table name. On success with an `lmddb_item**` out-param
 * (which may be NULL when not wanted), *out is a new item owned by the
 * caller, or NULL when DynamoDB returns none (no item, ReturnValues NONE,
 * nothing updated). On failure *out is NULL. A failed write changed
 * nothing; a failed condition is LMDDB_CONDITIONAL_CHECK_FAILED with
 * "The conditional request failed". */

/* PutItem: stores `item` (borrowed), replacing any item with its key.
 * *old_item: the replaced item with ReturnValues ALL_OLD. */
int lmddb_put_item(lmddb_db* db, const char* table, const lmddb_item* item,
                   const lmddb_params* params, lmddb_item** old_item, lmddb_error** err);
/* GetItem: *item is the item with `key`, or NULL when there is none. */
int lmddb_get_item(lmddb_db* db, const char* table, const lmddb_item* key,
                   const lmddb_params* params, lmddb_item** item, lmddb_error** err);
/* DeleteItem: deleting a missing item succeeds. *old_item: ALL_OLD. */
int lmddb_delete_item(lmddb_db* db, const char* table, const lmddb_item* key,
                      const lmddb_params* params, lmddb_item** old_item, lmddb_error** err);
/* UpdateItem: applies the params' update expression to the item with `key`,
 * creating it when absent. *attributes as ReturnValues asks. */
int lmddb_update_item(lmddb_db* db, const char* table, const lmddb_item* key,
                      const lmddb_params* params, lmddb_item** attributes, lmddb_error** err);

/* ---- Query and Scan iterators --------------------------------------------- */

typedef struct lmddb_query lmddb_query;

/* Starts a Query (key condition from params, required) or a Scan of `table`.
 * The request is validated by the first page read, which happens here: a
 * bad request fails here and *query stays NULL. On success *query is a new
 * iterator freed with lmddb_query_free(); params may be freed right away.
 *
 * Paging: DynamoDB answers in pages (at most Limit items evaluated, at most
 * 1 MB read). By default the iterator pages transparently: when a page is
 * used up and it had a LastEvaluatedKey, the next lmddb_query_next() reads
 * the following page from there, so the loop sees every matching item.
 * With lmddb_params_set_single_page the iterator stops after the first page;
 * lmddb_query_last_evaluated_key() then says where the next page starts
 * (pass it to lmddb_params_set_exclusive_start_key for the next query). */
int lmddb_query_open(lmddb_db* db, const char* table, const lmddb_params* params,
                     lmddb_query** query, lmddb_error** err);
int lmddb_scan_open(lmddb_db* db, const char* table, const lmddb_params* params,
                    lmddb_query** query, lmddb_error** err);
/* The next item: *item is borrowed from the iterator and valid until the
 * next lmddb_query_next() or lmddb_query_free(); NULL at the end. Reading a
 * further page may fail (e.g. the table was deleted), with its code. */
int lmddb_query_next(lmddb_query* query, const lmddb_item** item, lmddb_error** err);
/* The LastEvaluatedKey of the latest page read, NULL when that page was the
 * last one. Borrowed; valid until the next lmddb_query_next() or free. */
const lmddb_item* lmddb_query_last_evaluated_key(const lmddb_query* query);
/* Count and ScannedCount summed over the pages read so far (Count is what
 * Select COUNT asks for: the iterator then yields no items). */
int64_t lmddb_query_count(const lmddb_query* query);
int64_t lmddb_query_scanned_count(const lmddb_query* query);
void lmddb_query_free(lmddb_query* query);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* LMDDB_LMDDB_H_ */
