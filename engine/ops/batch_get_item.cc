// Not available yet: answers UnknownOperationException, as DynamoDB does
// for an operation it does not know.
#include "engine/ops/operations.h"

namespace lmddb::ops {

StatusOr<BatchGetItemResult> BatchGetItem(Engine&, const BatchGetItemRequest&) {
  return Status(ErrorType::kUnknownOperation, "");
}

}  // namespace lmddb::ops
