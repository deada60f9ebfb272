// Tests for engine/storage/env.h: opening, persistence, map growth, the size
// limit, and several processes on one directory.
#include "testing/test_util.h"
#include "engine/storage/env.h"

#include <sched.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/strings/str_format.h"
#include "engine/common/status_macros.h"
#include "engine/storage/lmdb_status.h"
#include "gtest/gtest.h"

namespace lmddb::storage {
namespace {

using testing_util::ChildExitCode;
using testing_util::TempDir;


constexpr size_t kMiB = size_t{1} << 20;


EnvOptions SmallMap(EnvOptions::Durability durability = EnvOptions::Durability::kNoSync) {
  EnvOptions options;
  options.durability = durability;
  options.initial_map_size = 1 * kMiB;
  options.max_dbs = 16;
  return options;
}

std::unique_ptr<Env> OpenEnv(const std::string& dir, const EnvOptions& options) {
  StatusOr<std::unique_ptr<Env>> env = Env::Open(dir, options);
  EXPECT_TRUE(env.ok()) << env.status().ToString();
  return env.ok() ? std::move(env).value() : nullptr;
}

std::string Key(int i) { return absl::StrFormat("key%08d", i); }

std::string Value(int i, size_t size) {
  std::string v = absl::StrFormat("value%d:", i);
  v.resize(size, static_cast<char>('a' + i % 26));
  return v;
}

// Writes keys [begin, end) with `size`-byte values into database `name`, in
// one transaction.
Status WriteRange(Env& env, std::string_view name, int begin, int end, size_t size) {
  return env.Write([&](WriteTxn& txn) -> Status {
    LMDDB_ASSIGN_OR_RETURN(Dbi dbi, env.OpenDbi(txn, name, /*create=*/true));
    for (int i = begin; i < end; ++i) LMDDB_RETURN_IF_ERROR(txn.Put(dbi, Key(i), Value(i, size)));
    return Status::Ok();
  });
}

// Whether keys [begin, end) of `name` hold what WriteRange wrote.
::testing::AssertionResult HasRange(Env& env, std::string_view name, int begin, int end,
                                    size_t size) {
  StatusOr<Dbi> dbi = env.FindDbi(name);
  if (!dbi.ok()) return ::testing::AssertionFailure() << dbi.status().ToString();
  StatusOr<ReadTxn> read = env.BeginRead();
  if (!read.ok()) return ::testing::AssertionFailure() << read.status().ToString();
  for (int i = begin; i < end; ++i) {
    std::optional<std::string_view> v = read->Get(*dbi, Key(i));
    if (!v || *v != Value(i, size)) return ::testing::AssertionFailure() << "bad " << Key(i);
  }
  return ::testing::AssertionSuccess();
}

TEST(StorageEnv, CreatesMissingDirectory) {
  TempDir dir;
  const std::string nested = dir.path() + "/a/b/db";
  auto env = OpenEnv(nested, SmallMap());
  ASSERT_NE(env, nullptr);
  EXPECT_TRUE(std::filesystem::exists(nested + "/data.mdb"));
  EXPECT_EQ(env->dir(), nested);
  const EnvInfo info = env->Info();
  EXPECT_GE(info.map_size, 1 * kMiB);
  EXPECT_EQ(info.max_readers, SmallMap().max_readers);  // the lock file is sized as LMDB would
}

TEST(StorageEnv, OpenFailsCleanlyOnAFile) {
  TempDir dir;
  const std::string file = dir.path() + "/plain";
  { std::FILE* f = std::fopen(file.c_str(), "w"); ASSERT_NE(f, nullptr); std::fclose(f); }
  StatusOr<std::unique_ptr<Env>> env = Env::Open(file, SmallMap());
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.status().type(), ErrorType::kInternalServerError);
}

TEST(StorageEnv, RefusesASecondOpenInTheSameProcess) {
  TempDir dir;
  auto env = OpenEnv(dir.path(), SmallMap());
  ASSERT_NE(env, nullptr);
  StatusOr<std::unique_ptr<Env>> again = Env::Open(dir.path() + "/.", SmallMap());
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("already open in this process"), std::string::npos)
      << again.status().message();
  LMDDB_ASSERT_OK(WriteRange(*env, "t", 0, 1, 10));  // the first one is unharmed
  env.reset();
  env = OpenEnv(dir.path(), SmallMap());  // closing frees the directory
  ASSERT_NE(env, nullptr);
  EXPECT_TRUE(HasRange(*env, "t", 0, 1, 10));
}

TEST(StorageEnv, PersistsAcrossCloseAndReopen) {
  TempDir dir;
  for (EnvOptions::Durability durability :
       {EnvOptions::Durability::kSync, EnvOptions::Durability::kNoSync}) {
    const std::string name = durability == EnvOptions::Durability::kSync ? "sync" : "nosync";
    {
      auto env = OpenEnv(dir.path(), SmallMap(durability));
      ASSERT_NE(env, nullptr);
      LMDDB_ASSERT_OK(WriteRange(*env, name, 0, 100, 100));
    }
    auto env = OpenEnv(dir.path(), SmallMap(durability));
    ASSERT_NE(env, nullptr);
    EXPECT_TRUE(HasRange(*env, name, 0, 100, 100));
    StatusOr<Dbi> dbi = env->FindDbi(name);
    ASSERT_TRUE(dbi.ok());
    EXPECT_EQ(env->Stat(*dbi)->entries, 100u);
  }
}

TEST(StorageEnv, GrowsMapWhenFull) {
  TempDir dir;
  size_t grown = 0;
  {
    auto env = OpenEnv(dir.path(), SmallMap());
    ASSERT_NE(env, nullptr);
    ASSERT_EQ(env->Info().map_size, 1 * kMiB);
    // 10 MiB in one transaction, which must be retried several times...
    LMDDB_ASSERT_OK(WriteRange(*env, "t", 0, 2560, 4000));
    // ...then 10 MiB more in 1 MiB commits.
    for (int i = 0; i < 10; ++i) {
      LMDDB_ASSERT_OK(WriteRange(*env, "t", 2560 + i * 256, 2560 + (i + 1) * 256, 4000));
    }
    grown = env->Info().map_size;
    EXPECT_GE(grown, 20 * kMiB);
    EXPECT_TRUE(HasRange(*env, "t", 0, 5120, 4000));
  }
  auto env = OpenEnv(dir.path(), SmallMap());
  ASSERT_NE(env, nullptr);
  EXPECT_EQ(env->Info().map_size, grown);  // the file remembers its map size
  EXPECT_TRUE(HasRange(*env, "t", 0, 5120, 4000));
}

TEST(StorageEnv, GrowsMapWhenFullInsideSwallowedNested) {
  TempDir dir;
  auto env = OpenEnv(dir.path(), SmallMap());
  ASSERT_NE(env, nullptr);
  int runs = 0;
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) -> Status {
    ++runs;
    LMDDB_ASSIGN_OR_RETURN(Dbi dbi, env->OpenDbi(txn, "t", true));
    LMDDB_RETURN_IF_ERROR(txn.Put(dbi, "before", "1"));
    // A group commit keeps going when one request fails; a full map must not
    // be mistaken for that request's own failure.
    const Status request = txn.Nested([&](WriteTxn& child) -> Status {
      for (int i = 0; i < 1024; ++i) LMDDB_RETURN_IF_ERROR(child.Put(dbi, Key(i), Value(i, 4000)));
      return Status::Ok();
    });
    (void)request;
    return txn.Put(dbi, "after", "1");
  }));
  EXPECT_GT(runs, 1);
  EXPECT_TRUE(HasRange(*env, "t", 0, 1024, 4000));
}

TEST(StorageEnv, MaxMapSizeGivesStorageFullAndStaysUsable) {
  TempDir dir;
  EnvOptions options = SmallMap();
  options.max_map_size = 4 * kMiB;
  auto env = OpenEnv(dir.path(), options);
  ASSERT_NE(env, nullptr);
  LMDDB_ASSERT_OK(WriteRange(*env, "t", 0, 128, 4000));  // 0.5 MiB

  // 8 MiB in one transaction cannot fit.
  const Status status = WriteRange(*env, "t", 1000, 3048, 4000);
  EXPECT_EQ(status.type(), ErrorType::kInternalServerError);
  EXPECT_TRUE(IsStorageFull(status)) << status.message();
  EXPECT_EQ(status.message(),
            "Storage full: the database reached its maximum size of 4194304 bytes "
            "(max_map_size)");
  EXPECT_EQ(env->Info().map_size, 4 * kMiB);

  // Reads and smaller writes still work, and nothing of the failed write is there.
  EXPECT_TRUE(HasRange(*env, "t", 0, 128, 4000));
  LMDDB_ASSERT_OK(WriteRange(*env, "t", 128, 256, 4000));
  EXPECT_TRUE(HasRange(*env, "t", 0, 256, 4000));
  StatusOr<Dbi> dbi = env->FindDbi("t");
  ASSERT_TRUE(dbi.ok());
  EXPECT_EQ(env->Stat(*dbi)->entries, 256u);

  // Filling up in small commits ends the same way, and deleting makes room.
  Status fill;
  int next = 256;
  while ((fill = WriteRange(*env, "t", next, next + 16, 4000)).ok()) next += 16;
  EXPECT_TRUE(IsStorageFull(fill)) << fill.ToString();
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) -> Status {
    for (int i = 0; i < 256; ++i) LMDDB_RETURN_IF_ERROR(txn.Delete(*dbi, Key(i)));
    return Status::Ok();
  }));
  // LMDB reuses pages freed by commit N from commit N + 2 on: it keeps the
  // previous snapshot intact for crash recovery.
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) { return txn.Put(*dbi, "small", "1"); }));
  LMDDB_ASSERT_OK(WriteRange(*env, "t", next, next + 16, 4000));
}


// Mounts a 2 MiB tmpfs on `dir` in a private mount namespace of this (single
// threaded, forked) process. False when the system does not allow it.
bool MountTinyFilesystem(const std::string& dir) {
  if (unshare(CLONE_NEWNS) != 0) {
    // Unprivileged: become root of a new user namespace first.
    const uid_t uid = getuid();
    const gid_t gid = getgid();
    if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) return false;
    auto write_file = [](const char* path, const std::string& text) {
      std::FILE* f = std::fopen(path, "w");
      if (f == nullptr) return false;
      const bool ok = std::fputs(text.c_str(), f) >= 0;
      return std::fclose(f) == 0 && ok;
    };
    write_file("/proc/self/setgroups", "deny");
    if (!write_file("/proc/self/uid_map", absl::StrFormat("0 %d 1", uid)) ||
        !write_file("/proc/self/gid_map", absl::StrFormat("0 %d 1", gid))) {
      return false;
    }
  }
  return mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0 &&
         mount("tmpfs", dir.c_str(), "tmpfs", 0, "size=2m") == 0;
}

TEST(StorageEnv, FullDiskGivesStorageFullAndStaysUsable) {
  TempDir dir;
  const int code = ChildExitCode([&]() -> int {
    if (!MountTinyFilesystem(dir.path())) return 77;
    EnvOptions options = SmallMap(EnvOptions::Durability::kSync);
    StatusOr<std::unique_ptr<Env>> env = Env::Open(dir.path() + "/db", options);
    if (!env.ok()) return 2;
    Status status;
    int next = 0;
    while ((status = WriteRange(**env, "t", next, next + 16, 3000)).ok()) next += 16;
    if (!IsStorageFull(status)) return 3;  // the disk, not the map (1 TiB)
    if (status.message().find("no space left") == std::string::npos) return 4;
    if (!HasRange(**env, "t", 0, next, 3000)) return 5;  // reads still work
    StatusOr<Dbi> dbi = (*env)->FindDbi("t");
    if (!dbi.ok()) return 6;
    if (!(*env)->Write([&](WriteTxn& txn) { return txn.Put(*dbi, "small", "1"); }).ok()) {
      return 7;  // a write that fits in freed pages still works
    }
    // A new database on the full filesystem is an error, not a crash.
    StatusOr<std::unique_ptr<Env>> other = Env::Open(dir.path() + "/other", options);
    if (other.ok() || !IsStorageFull(other.status())) return 8;
    return 0;
  });
  if (code == 77) GTEST_SKIP() << "cannot mount a small tmpfs in a private namespace here";
  EXPECT_EQ(code, 0) << "failed at step " << code << " (see the test body)";
}

TEST(StorageEnvMultiProcess, ParentSeesChildWriteAndAdoptsItsMapForReads) {
  TempDir dir;
  auto env = OpenEnv(dir.path(), SmallMap());
  ASSERT_NE(env, nullptr);
  LMDDB_ASSERT_OK(WriteRange(*env, "parent", 0, 10, 100));
  EXPECT_TRUE(HasRange(*env, "parent", 0, 10, 100));  // leaves a pooled read txn

  // Small write: visible to the parent's next snapshot.
  ASSERT_EQ(ChildExitCode([&]() -> int {
              StatusOr<std::unique_ptr<Env>> child = Env::Open(dir.path(), SmallMap());
              return child.ok() && WriteRange(**child, "child", 0, 10, 100).ok() ? 0 : 1;
            }),
            0);
  EXPECT_TRUE(HasRange(*env, "child", 0, 10, 100));

  // 8 MiB: the child grows the map beyond the parent's, so the parent's next
  // read transaction meets MDB_MAP_RESIZED and must remap.
  ASSERT_EQ(ChildExitCode([&]() -> int {
              StatusOr<std::unique_ptr<Env>> child = Env::Open(dir.path(), SmallMap());
              return child.ok() && WriteRange(**child, "child", 10, 2058, 4000).ok() ? 0 : 1;
            }),
            0);
  StatusOr<ReadTxn> read = env->BeginRead();
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  read->Release();
  EXPECT_GE(env->Info().map_size, 8 * kMiB);
  EXPECT_TRUE(HasRange(*env, "child", 10, 2058, 4000));
  EXPECT_TRUE(HasRange(*env, "parent", 0, 10, 100));
}

TEST(StorageEnvMultiProcess, ParentAdoptsMapGrownByChildForWrites) {
  TempDir dir;
  auto env = OpenEnv(dir.path(), SmallMap());
  ASSERT_NE(env, nullptr);
  LMDDB_ASSERT_OK(WriteRange(*env, "t", 0, 10, 100));
  ASSERT_EQ(ChildExitCode([&]() -> int {
              StatusOr<std::unique_ptr<Env>> child = Env::Open(dir.path(), SmallMap());
              return child.ok() && WriteRange(**child, "t", 10, 2058, 4000).ok() ? 0 : 1;
            }),
            0);
  // The write transaction meets MDB_MAP_RESIZED first.
  LMDDB_ASSERT_OK(WriteRange(*env, "t", 2058, 2100, 4000));
  EXPECT_TRUE(HasRange(*env, "t", 10, 2100, 4000));
  // And the child sees the parent's write after it.
  ASSERT_EQ(ChildExitCode([&]() -> int {
              StatusOr<std::unique_ptr<Env>> child = Env::Open(dir.path(), SmallMap());
              return child.ok() && HasRange(**child, "t", 0, 10, 100) &&
                             HasRange(**child, "t", 2058, 2100, 4000)
                         ? 0
                         : 1;
            }),
            0);
}

}  // namespace
}  // namespace lmddb::storage
