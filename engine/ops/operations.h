// The operations: one function per DynamoDB operation, each in its own
// file (create_table.cc, put_item.cc, ...). Each validates its request
// completely before writing, and runs its writes in one LMDB transaction.
#ifndef LMDDB_ENGINE_OPS_OPERATIONS_H_
#define LMDDB_ENGINE_OPS_OPERATIONS_H_

#include "engine/ops/engine.h"
#include "lmddb/operations.hpp"

namespace lmddb::ops {

StatusOr<CreateTableResult> CreateTable(Engine& engine, const CreateTableRequest& request);
StatusOr<DescribeTableResult> DescribeTable(Engine& engine, const DescribeTableRequest& request);
StatusOr<ListTablesResult> ListTables(Engine& engine, const ListTablesRequest& request);
StatusOr<DeleteTableResult> DeleteTable(Engine& engine, const DeleteTableRequest& request);

StatusOr<PutItemResult> PutItem(Engine& engine, const PutItemRequest& request);
StatusOr<GetItemResult> GetItem(Engine& engine, const GetItemRequest& request);
StatusOr<DeleteItemResult> DeleteItem(Engine& engine, const DeleteItemRequest& request);
StatusOr<UpdateItemResult> UpdateItem(Engine& engine, const UpdateItemRequest& request);

StatusOr<QueryResult> Query(Engine& engine, const QueryRequest& request);
StatusOr<ScanResult> Scan(Engine& engine, const ScanRequest& request);

StatusOr<BatchGetItemResult> BatchGetItem(Engine& engine, const BatchGetItemRequest& request);
StatusOr<BatchWriteItemResult> BatchWriteItem(Engine& engine, const BatchWriteItemRequest& request);

StatusOr<TransactWriteItemsResult> TransactWriteItems(Engine& engine,
                                                      const TransactWriteItemsRequest& request);
StatusOr<TransactGetItemsResult> TransactGetItems(Engine& engine,
                                                  const TransactGetItemsRequest& request);

}  // namespace lmddb::ops

#endif  // LMDDB_ENGINE_OPS_OPERATIONS_H_
