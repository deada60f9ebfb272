// Tests for engine/storage/lmdb_status.h.
#include "engine/storage/lmdb_status.h"

#include <lmdb.h>

#include <cerrno>
#include <string>

#include "gtest/gtest.h"

namespace lmddb::storage {
namespace {

TEST(StorageLmdbStatus, SuccessIsOk) { EXPECT_TRUE(LmdbStatus(MDB_SUCCESS, "mdb_put").ok()); }

TEST(StorageLmdbStatus, DiskFullIsStorageFull) {
  const Status status = LmdbStatus(ENOSPC, "mdb_txn_commit");
  EXPECT_EQ(status.type(), ErrorType::kInternalServerError);
  EXPECT_TRUE(IsStorageFull(status));
  EXPECT_EQ(status.message().rfind("Storage full: mdb_txn_commit: ", 0), 0u) << status.message();
  EXPECT_NE(status.message().find("No space left on device"), std::string::npos);
  EXPECT_TRUE(IsStorageFull(LmdbStatus(EDQUOT, "mdb_txn_commit")));
  EXPECT_TRUE(IsStorageFull(LmdbStatus(MDB_MAP_FULL, "mdb_put")));
}

TEST(StorageLmdbStatus, OtherErrorsCarryLmdbText) {
  const Status status = LmdbStatus(MDB_CORRUPTED, "mdb_get");
  EXPECT_EQ(status.type(), ErrorType::kInternalServerError);
  EXPECT_FALSE(IsStorageFull(status));
  EXPECT_EQ(status.message(),
            std::string("Storage error in mdb_get: ") + mdb_strerror(MDB_CORRUPTED));
  EXPECT_NE(LmdbStatus(EIO, "mdb_txn_commit").message().find("Input/output error"),
            std::string::npos);
}

TEST(StorageLmdbStatus, MissingDatabaseIsResourceNotFound) {
  const Status status = DatabaseNotFound("items");
  EXPECT_EQ(status.type(), ErrorType::kResourceNotFound);
  EXPECT_EQ(status.message(), "Storage: no database named 'items'");
  EXPECT_FALSE(IsStorageFull(status));
  EXPECT_FALSE(IsStorageFull(Status::Validation("Storage full: not from storage")));
}

}  // namespace
}  // namespace lmddb::storage
