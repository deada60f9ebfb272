// CreateTable: validates the request, assigns the table its ARN and id, and
// persists it. The table is usable as soon as the call returns; the answer
// says CREATING, as DynamoDB's does, and every later DescribeTable ACTIVE.
#include "absl/random/random.h"
#include "absl/strings/str_format.h"
#include "engine/catalog/create_table_validation.h"
#include "engine/common/status_macros.h"
#include "engine/ops/operations.h"

namespace lmddb::ops {
namespace {

// A random (version 4) UUID, DynamoDB's TableId format.
std::string NewTableId() {
  absl::BitGen gen;
  uint64_t hi = absl::Uniform<uint64_t>(gen), lo = absl::Uniform<uint64_t>(gen);
  hi = (hi & ~uint64_t{0xF000}) | 0x4000;                        // version 4
  lo = (lo & ~(uint64_t{0xC} << 60)) | (uint64_t{0x8} << 60);    // RFC 4122 variant
  return absl::StrFormat("%08x-%04x-%04x-%04x-%012x", hi >> 32, (hi >> 16) & 0xFFFF, hi & 0xFFFF,
                         lo >> 48, lo & 0xFFFFFFFFFFFFull);
}

}  // namespace

StatusOr<CreateTableResult> CreateTable(Engine& engine, const CreateTableRequest& request) {
  LMDDB_RETURN_IF_ERROR(catalog::ValidateCreateTable(request));

  TableDescription d;
  d.table_name = request.table_name;
  d.attribute_definitions = request.attribute_definitions;
  d.key_schema = request.key_schema;
  d.table_status = TableStatus::kActive;
  d.creation_date_time_ms = Engine::NowMs();
  if (request.provisioned_throughput) {
    d.provisioned_throughput.read_capacity_units = request.provisioned_throughput->read_capacity_units;
    d.provisioned_throughput.write_capacity_units =
        request.provisioned_throughput->write_capacity_units;
  }
  // DynamoDB reports BillingModeSummary only for on-demand tables.
  if (request.billing_mode == BillingMode::kPayPerRequest) d.billing_mode = BillingMode::kPayPerRequest;
  d.table_arn = engine.TableArn(d.table_name);
  d.table_id = NewTableId();

  std::shared_ptr<const catalog::Table> table;
  LMDDB_RETURN_IF_ERROR(engine.Write([&](storage::WriteTxn& txn) -> Status {
    LMDDB_ASSIGN_OR_RETURN(table, engine.catalog().Create(txn, d));
    return Status::Ok();
  }));
  CreateTableResult result;
  result.table_description = table->schema.description;
  result.table_description.table_status = TableStatus::kCreating;
  return result;
}

}  // namespace lmddb::ops
