// Not available yet: answers UnknownOperationException, as DynamoDB does
// for an operation it does not know.
#include "engine/ops/operations.h"

namespace lmddb::ops {

StatusOr<ScanResult> Scan(Engine&, const ScanRequest&) {
  return Status(ErrorType::kUnknownOperation, "");
}

}  // namespace lmddb::ops
