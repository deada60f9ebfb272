// Not available yet: answers UnknownOperationException, as DynamoDB does
// for an operation it does not know.
#include "engine/ops/operations.h"

namespace lmddb::ops {

StatusOr<BatchWriteItemResult> BatchWriteItem(Engine&, const BatchWriteItemRequest&) {
  return Status(ErrorType::kUnknownOperation, "");
}

}  // namespace lmddb::ops
