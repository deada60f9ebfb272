// ReturnValues checks shared by the item write operations.
#ifndef LMDDB_ENGINE_OPS_RETURN_VALUES_H_
#define LMDDB_ENGINE_OPS_RETURN_VALUES_H_

#include <optional>

#include "lmddb/operations.hpp"
#include "lmddb/status.hpp"

namespace lmddb::ops {

// PutItem and DeleteItem accept only NONE and ALL_OLD.
inline Status ValidateNoneOrAllOld(std::optional<ReturnValue> rv) {
  if (!rv || *rv == ReturnValue::kNone || *rv == ReturnValue::kAllOld) return Status::Ok();
  return Status::Validation("ReturnValues can only be ALL_OLD or NONE");
}

inline bool WantsAllOld(std::optional<ReturnValue> rv) { return rv == ReturnValue::kAllOld; }

}  // namespace lmddb::ops

#endif  // LMDDB_ENGINE_OPS_RETURN_VALUES_H_
