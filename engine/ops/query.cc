// Not available yet: answers UnknownOperationException, as DynamoDB does
// for an operation it does not know.
#include "engine/ops/operations.h"

namespace lmddb::ops {

StatusOr<QueryResult> Query(Engine&, const QueryRequest&) {
  return Status(ErrorType::kUnknownOperation, "");
}

}  // namespace lmddb::ops
