// Translation of LMDB return codes into lmddb::Status, the only place where an
// LMDB `rc` becomes an error (STYLE.md, "Errors").
//
// Storage knows nothing of DynamoDB: its failures are kInternalServerError,
// except that a named database which does not exist is kResourceNotFound so
// that callers can tell "absent" from "broken". Running out of space (the disk,
// or EnvOptions::max_map_size) is reported with a message starting
// "Storage full: " and leaves the database usable.
//
// Thread safety: free functions without shared state.
#ifndef LMDDB_ENGINE_STORAGE_LMDB_STATUS_H_
#define LMDDB_ENGINE_STORAGE_LMDB_STATUS_H_

#include <string_view>

#include "lmddb/status.hpp"

namespace lmddb::storage {

inline constexpr std::string_view kStorageFullPrefix = "Storage full: ";

// OK for MDB_SUCCESS (0). ENOSPC, EDQUOT and EFBIG (errno values LMDB passes
// through from write(2) and fsync(2)) and MDB_MAP_FULL become StorageFull(); any other
// code becomes kInternalServerError "Storage error in <what>: <mdb_strerror>".
// `what` names the failed operation, e.g. "mdb_put".
// MDB_NOTFOUND is not special here: callers for which it means "absent"
// (gets, cursor moves) check for it before calling this.
Status LmdbStatus(int rc, std::string_view what);

// kInternalServerError "Storage full: <detail>".
Status StorageFull(std::string_view detail);

// True for a status made by StorageFull() (or LmdbStatus() of ENOSPC,
// EDQUOT, EFBIG or MDB_MAP_FULL).
bool IsStorageFull(const Status& status);

// kResourceNotFound for a named database that does not exist (or was
// dropped, or is not visible in the transaction's snapshot).
Status DatabaseNotFound(std::string_view name);

}  // namespace lmddb::storage

#endif  // LMDDB_ENGINE_STORAGE_LMDB_STATUS_H_
