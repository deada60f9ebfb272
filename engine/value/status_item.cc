// Status::WithItem and WithCancellationReasons (lmddb/status.hpp), defined
// where Item and CancellationReason are complete types.
#include "lmddb/attribute_value.hpp"
#include "lmddb/operations.hpp"
#include "lmddb/status.hpp"

namespace lmddb {

Status Status::WithItem(Item item) && {
  if (state_) state_->item = std::make_shared<const Item>(std::move(item));
  return std::move(*this);
}

Status Status::WithCancellationReasons(std::vector<CancellationReason> reasons) && {
  if (state_) {
    state_->cancellation_reasons =
        std::make_shared<const std::vector<CancellationReason>>(std::move(reasons));
  }
  return std::move(*this);
}

}  // namespace lmddb
