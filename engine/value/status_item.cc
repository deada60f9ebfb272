// Status::WithItem (lmddb/status.hpp), defined where Item is a complete type.
#include "lmddb/attribute_value.hpp"
#include "lmddb/status.hpp"

namespace lmddb {

Status Status::WithItem(Item item) && {
  if (state_) state_->item = std::make_shared<const Item>(std::move(item));
  return std::move(*this);
}

}  // namespace lmddb
