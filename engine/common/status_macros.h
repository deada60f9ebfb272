// Early-return helpers for Status and StatusOr. The installed abseil
// (20220623) has no ABSL_RETURN_IF_ERROR, so lmddb carries its own.
#ifndef LMDDB_ENGINE_COMMON_STATUS_MACROS_H_
#define LMDDB_ENGINE_COMMON_STATUS_MACROS_H_

#include "lmddb/status.hpp"

#define LMDDB_INTERNAL_CONCAT_(a, b) a##b
#define LMDDB_INTERNAL_CONCAT(a, b) LMDDB_INTERNAL_CONCAT_(a, b)

// Returns the status from the enclosing function when `expr` is not OK.
#define LMDDB_RETURN_IF_ERROR(expr)                 \
  do {                                              \
    ::lmddb::Status lmddb_status_ = (expr);         \
    if (!lmddb_status_.ok()) return lmddb_status_;  \
  } while (0)

// `LMDDB_ASSIGN_OR_RETURN(auto x, F());` declares x from a StatusOr, or
// returns its error.
#define LMDDB_ASSIGN_OR_RETURN(lhs, expr) \
  LMDDB_INTERNAL_ASSIGN_OR_RETURN(LMDDB_INTERNAL_CONCAT(lmddb_statusor_, __LINE__), lhs, expr)
#define LMDDB_INTERNAL_ASSIGN_OR_RETURN(tmp, lhs, expr) \
  auto tmp = (expr);                                    \
  if (!tmp.ok()) return tmp.status();                   \
  lhs = std::move(tmp).value()

#endif  // LMDDB_ENGINE_COMMON_STATUS_MACROS_H_
