// lmddb/lmddb.hpp: the C++ API of lmddb, an embedded DynamoDB-compatible
// storage engine on LMDB.
//
// A Database is one directory on disk (one LMDB environment) holding any
// number of DynamoDB tables. Every operation takes DynamoDB's request shape
// (lmddb/operations.hpp) and returns either its result or a Status carrying
// DynamoDB's exception name and message text.
//
// Thread safety: a Database may be used from any number of threads at once
// without external locking. Reads never block writers and see a consistent
// snapshot; writes are serialized, and each write is atomic: it happens
// entirely or not at all. Table handles are cheap values that may be copied
// and used concurrently; they must not outlive their Database.
//
// Processes: several processes may open the same directory at once.
//
// Durability: with Durability::kSync (the default) a write that returned OK
// survives power loss. With kNoSync a process crash loses nothing, but an
// operating-system crash or power loss may lose the most recent writes.
#ifndef LMDDB_LMDDB_HPP_
#define LMDDB_LMDDB_HPP_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "lmddb/attribute_value.hpp"
#include "lmddb/operations.hpp"
#include "lmddb/status.hpp"

namespace lmddb {

namespace ops {
class Engine;
}

enum class Durability : uint8_t {
  kSync = 1,    // fsync on every commit
  kNoSync = 2,  // no fsync: safe against process crashes only
};

struct Options {
  Durability durability = Durability::kSync;
  // The LMDB map starts at this size and doubles when full, up to
  // max_map_size; past that writes fail with a clear error and the
  // database stays usable.
  size_t initial_map_size = size_t{64} << 20;
  size_t max_map_size = size_t{1} << 40;
  // Used in ARNs (arn:aws:dynamodb:<region>:<account_id>:table/<name>).
  std::string region = "us-east-1";
  std::string account_id = "000000000000";
};

class Table;

class Database {
 public:
  // Opens (creating if needed) the database in directory `path`.
  static StatusOr<std::unique_ptr<Database>> Open(const std::string& path,
                                                  const Options& options = Options());
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Control plane. CreateTable answers with TableStatus CREATING, as
  // DynamoDB does; the table is ACTIVE and usable as soon as the call returns.
  StatusOr<CreateTableResult> CreateTable(const CreateTableRequest& request);
  StatusOr<DescribeTableResult> DescribeTable(const DescribeTableRequest& request);
  StatusOr<ListTablesResult> ListTables(const ListTablesRequest& request);
  // Deletes the table and frees its storage. Answers with TableStatus DELETING.
  StatusOr<DeleteTableResult> DeleteTable(const DeleteTableRequest& request);

  // Data plane.
  StatusOr<PutItemResult> PutItem(const PutItemRequest& request);
  StatusOr<GetItemResult> GetItem(const GetItemRequest& request);
  StatusOr<DeleteItemResult> DeleteItem(const DeleteItemRequest& request);
  StatusOr<UpdateItemResult> UpdateItem(const UpdateItemRequest& request);
  StatusOr<QueryResult> Query(const QueryRequest& request);
  StatusOr<ScanResult> Scan(const ScanRequest& request);
  StatusOr<BatchGetItemResult> BatchGetItem(const BatchGetItemRequest& request);
  StatusOr<BatchWriteItemResult> BatchWriteItem(const BatchWriteItemRequest& request);
  StatusOr<TransactWriteItemsResult> TransactWriteItems(const TransactWriteItemsRequest& request);
  StatusOr<TransactGetItemsResult> TransactGetItems(const TransactGetItemsRequest& request);

  // A handle for the table named `table_name` (not checked until used).
  Table table(std::string table_name);

 private:
  explicit Database(std::unique_ptr<ops::Engine> engine);
  std::unique_ptr<ops::Engine> engine_;
};

// Convenience wrapper binding a table name to a Database.
class Table {
 public:
  Table(Database* db, std::string name) : db_(db), name_(std::move(name)) {}

  const std::string& name() const { return name_; }
  Status PutItem(Item item);
  // The item with this key, or std::nullopt when there is none.
  StatusOr<std::optional<Item>> GetItem(Item key);
  // Deletes the item with this key; deleting a missing item succeeds.
  Status DeleteItem(Item key);
  // Applies `update_expression` to the item with this key (creating it when
  // absent); `values` are its ExpressionAttributeValues (none when empty).
  Status UpdateItem(Item key, std::string update_expression, ExpressionAttributeValues values = {});
  StatusOr<TableDescription> Describe();

 private:
  Database* db_;
  std::string name_;
};

}  // namespace lmddb

#endif  // LMDDB_LMDDB_HPP_
