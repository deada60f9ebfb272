// The C++ API (lmddb/lmddb.hpp): a thin layer over engine/ops that catches
// everything, so that no exception (std::bad_alloc included) leaves lmddb.
#include <exception>
#include <new>

#include "engine/ops/engine.h"
#include "engine/ops/operations.h"
#include "lmddb/lmddb.hpp"

namespace lmddb {
namespace {

template <typename Fn>
auto Guard(Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const std::bad_alloc&) {
    return Status::Internal("Out of memory");
  } catch (const std::exception& e) {
    return Status::Internal(std::string("Internal error: ") + e.what());
  } catch (...) {
    return Status::Internal("Internal error");
  }
}

}  // namespace

StatusOr<std::unique_ptr<Database>> Database::Open(const std::string& path,
                                                   const Options& options) {
  return Guard([&]() -> StatusOr<std::unique_ptr<Database>> {
    auto engine = ops::Engine::Open(path, options);
    if (!engine.ok()) return engine.status();
    return std::unique_ptr<Database>(new Database(std::move(engine).value()));
  });
}

Database::Database(std::unique_ptr<ops::Engine> engine) : engine_(std::move(engine)) {}
Database::~Database() = default;

StatusOr<CreateTableResult> Database::CreateTable(const CreateTableRequest& request) {
  return Guard([&] { return ops::CreateTable(*engine_, request); });
}
StatusOr<DescribeTableResult> Database::DescribeTable(const DescribeTableRequest& request) {
  return Guard([&] { return ops::DescribeTable(*engine_, request); });
}
StatusOr<ListTablesResult> Database::ListTables(const ListTablesRequest& request) {
  return Guard([&] { return ops::ListTables(*engine_, request); });
}
StatusOr<DeleteTableResult> Database::DeleteTable(const DeleteTableRequest& request) {
  return Guard([&] { return ops::DeleteTable(*engine_, request); });
}
StatusOr<PutItemResult> Database::PutItem(const PutItemRequest& request) {
  return Guard([&] { return ops::PutItem(*engine_, request); });
}
StatusOr<GetItemResult> Database::GetItem(const GetItemRequest& request) {
  return Guard([&] { return ops::GetItem(*engine_, request); });
}
StatusOr<DeleteItemResult> Database::DeleteItem(const DeleteItemRequest& request) {
  return Guard([&] { return ops::DeleteItem(*engine_, request); });
}

StatusOr<UpdateItemResult> Database::UpdateItem(const UpdateItemRequest& request) {
  return Guard([&] { return ops::UpdateItem(*engine_, request); });
}

StatusOr<QueryResult> Database::Query(const QueryRequest& request) {
  return Guard([&] { return ops::Query(*engine_, request); });
}
StatusOr<ScanResult> Database::Scan(const ScanRequest& request) {
  return Guard([&] { return ops::Scan(*engine_, request); });
}
StatusOr<BatchGetItemResult> Database::BatchGetItem(const BatchGetItemRequest& request) {
  return Guard([&] { return ops::BatchGetItem(*engine_, request); });
}
StatusOr<BatchWriteItemResult> Database::BatchWriteItem(const BatchWriteItemRequest& request) {
  return Guard([&] { return ops::BatchWriteItem(*engine_, request); });
}
StatusOr<TransactWriteItemsResult> Database::TransactWriteItems(
    const TransactWriteItemsRequest& request) {
  return Guard([&] { return ops::TransactWriteItems(*engine_, request); });
}
StatusOr<TransactGetItemsResult> Database::TransactGetItems(const TransactGetItemsRequest& request) {
  return Guard([&] { return ops::TransactGetItems(*engine_, request); });
}

Table Database::table(std::string table_name) { return Table(this, std::move(table_name)); }

Status Table::PutItem(Item item) {
  PutItemRequest request;
  request.table_name = name_;
  request.item = std::move(item);
  return db_->PutItem(request).status();
}

StatusOr<std::optional<Item>> Table::GetItem(Item key) {
  GetItemRequest request;
  request.table_name = name_;
  request.key = std::move(key);
  auto result = db_->GetItem(request);
  if (!result.ok()) return result.status();
  return std::move(result->item);
}

Status Table::DeleteItem(Item key) {
  DeleteItemRequest request;
  request.table_name = name_;
  request.key = std::move(key);
  return db_->DeleteItem(request).status();
}

Status Table::UpdateItem(Item key, std::string update_expression, ExpressionAttributeValues values) {
  UpdateItemRequest request;
  request.table_name = name_;
  request.key = std::move(key);
  request.update_expression = std::move(update_expression);
  if (!values.empty()) request.expression_attribute_values = std::move(values);
  return db_->UpdateItem(request).status();
}

StatusOr<TableDescription> Table::Describe() {
  auto result = db_->DescribeTable(DescribeTableRequest{name_});
  if (!result.ok()) return result.status();
  return std::move(result->table);
}

}  // namespace lmddb
