// LMDB return codes to lmddb::Status (lmdb_status.h).
#include "engine/storage/lmdb_status.h"

#include <lmdb.h>

#include <cerrno>
#include <string>
#include <utility>

#include "absl/strings/str_format.h"

namespace lmddb::storage {

Status LmdbStatus(int rc, std::string_view what) {
  switch (rc) {
    case MDB_SUCCESS:
      return Status::Ok();
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
    case MDB_MAP_FULL:
      // mdb_strerror() covers errno values too (lmdb.h: "This function is a
      // superset of the ANSI C X3.159-1989 (ANSI C) strerror(3) function").
      return StorageFull(absl::StrFormat("%s: %s", what, mdb_strerror(rc)));
    default:
      return Status::Internal(
          absl::StrFormat("Storage error in %s: %s", what, mdb_strerror(rc)));
  }
}

Status StorageFull(std::string_view detail) {
  std::string message(kStorageFullPrefix);
  message.append(detail);
  return Status::Internal(std::move(message));
}

bool IsStorageFull(const Status& status) {
  return status.type() == ErrorType::kInternalServerError &&
         std::string_view(status.message()).starts_with(kStorageFullPrefix);
}

Status DatabaseNotFound(std::string_view name) {
  return Status::ResourceNotFound(
      absl::StrFormat("Storage: no database named '%s'", name));
}

}  // namespace lmddb::storage
