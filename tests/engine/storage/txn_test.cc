// Tests for engine/storage/txn.h: reads, writes, nested transactions, the
// read pool, and named databases.
#include "testing/test_util.h"
#include "engine/storage/txn.h"

#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_format.h"
#include "engine/common/status_macros.h"
#include "engine/storage/env.h"
#include "engine/storage/lmdb_status.h"
#include "gtest/gtest.h"

namespace lmddb::storage {
namespace {

using testing_util::TempDir;


// A fresh directory under the test temp dir, removed afterwards.

EnvOptions FastOptions() {
  EnvOptions options;
  options.durability = EnvOptions::Durability::kNoSync;
  options.initial_map_size = size_t{4} << 20;
  options.max_dbs = 64;
  return options;
}

std::unique_ptr<Env> OpenEnv(const std::string& dir, const EnvOptions& options = FastOptions()) {
  StatusOr<std::unique_ptr<Env>> env = Env::Open(dir, options);
  EXPECT_TRUE(env.ok()) << env.status().ToString();
  return env.ok() ? std::move(env).value() : nullptr;
}

Dbi CreateDbi(Env& env, std::string_view name) {
  Dbi dbi;
  Status status = env.Write([&](WriteTxn& txn) -> Status {
    LMDDB_ASSIGN_OR_RETURN(dbi, env.OpenDbi(txn, name, /*create=*/true));
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return dbi;
}

std::optional<std::string> ReadValue(Env& env, Dbi dbi, std::string_view key) {
  StatusOr<ReadTxn> read = env.BeginRead();
  EXPECT_TRUE(read.ok()) << read.status().ToString();
  if (!read.ok()) return std::nullopt;
  std::optional<std::string_view> value = read->Get(dbi, key);
  if (!value) return std::nullopt;
  return std::string(*value);
}

TEST(StorageTxn, PutGetDeleteRoundTrip) {
  TempDir dir;
  auto env = OpenEnv(dir.path());
  ASSERT_NE(env, nullptr);
  const Dbi dbi = CreateDbi(*env, "items");

  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) -> Status {
    LMDDB_RETURN_IF_ERROR(txn.Put(dbi, "a", "1"));
    LMDDB_RETURN_IF_ERROR(txn.Put(dbi, "b", std::string(5000, 'x')));  // overflow page
    LMDDB_RETURN_IF_ERROR(txn.Put(dbi, std::string("k\0z", 3), std::string("v\0w", 3)));
    EXPECT_EQ(txn.Get(dbi, "a"), "1");  // own write, before commit
    return txn.Put(dbi, "a", "2");      // replace
  }));
  EXPECT_EQ(ReadValue(*env, dbi, "a"), "2");
  EXPECT_EQ(ReadValue(*env, dbi, "b"), std::string(5000, 'x'));
  EXPECT_EQ(ReadValue(*env, dbi, std::string("k\0z", 3)), std::string("v\0w", 3));
  EXPECT_EQ(ReadValue(*env, dbi, "missing"), std::nullopt);
  EXPECT_EQ(ReadValue(*env, dbi, ""), std::nullopt);
  EXPECT_EQ(ReadValue(*env, dbi, std::string(2000, 'a')), std::nullopt);

  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) -> Status {
    bool existed = false;
    LMDDB_RETURN_IF_ERROR(txn.Delete(dbi, "a", &existed));
    EXPECT_TRUE(existed);
    LMDDB_RETURN_IF_ERROR(txn.Delete(dbi, "a", &existed));
    EXPECT_FALSE(existed);
    LMDDB_RETURN_IF_ERROR(txn.Delete(dbi, "", &existed));
    EXPECT_FALSE(existed);
    EXPECT_EQ(txn.Get(dbi, "a"), std::nullopt);
    return Status::Ok();
  }));
  EXPECT_EQ(ReadValue(*env, dbi, "a"), std::nullopt);
  StatusOr<DbiStat> stat = env->Stat(dbi);
  ASSERT_TRUE(stat.ok()) << stat.status().ToString();
  EXPECT_EQ(stat->entries, 2u);
}

TEST(StorageTxn, PutIfAbsentKeepsExisting) {
  TempDir dir;
  auto env = OpenEnv(dir.path());
  ASSERT_NE(env, nullptr);
  const Dbi dbi = CreateDbi(*env, "items");
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) -> Status {
    LMDDB_ASSIGN_OR_RETURN(bool wrote, txn.PutIfAbsent(dbi, "k", "first"));
    EXPECT_TRUE(wrote);
    LMDDB_ASSIGN_OR_RETURN(wrote, txn.PutIfAbsent(dbi, "k", "second"));
    EXPECT_FALSE(wrote);
    return Status::Ok();
  }));
  EXPECT_EQ(ReadValue(*env, dbi, "k"), "first");
}

TEST(StorageTxn, BadKeySizesFailCleanly) {
  TempDir dir;
  auto env = OpenEnv(dir.path());
  ASSERT_NE(env, nullptr);
  const Dbi dbi = CreateDbi(*env, "items");
  Status status = env->Write([&](WriteTxn& txn) { return txn.Put(dbi, std::string(512, 'k'), "v"); });
  EXPECT_EQ(status.type(), ErrorType::kInternalServerError);
  EXPECT_NE(status.message().find("a key of 512 bytes; LMDB keys are 1 to 511 bytes"),
            std::string::npos)
      << status.message();
  status = env->Write([&](WriteTxn& txn) { return txn.Put(dbi, "", "v"); });
  EXPECT_EQ(status.type(), ErrorType::kInternalServerError);
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) { return txn.Put(dbi, std::string(511, 'k'), "v"); }));
  EXPECT_EQ(ReadValue(*env, dbi, std::string(511, 'k')), "v");
}

TEST(StorageTxn, ErrorStatusAbortsEverything) {
  TempDir dir;
  auto env = OpenEnv(dir.path());
  ASSERT_NE(env, nullptr);
  const Dbi dbi = CreateDbi(*env, "items");
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) { return txn.Put(dbi, "kept", "1"); }));

  const Status status = env->Write([&](WriteTxn& txn) -> Status {
    LMDDB_RETURN_IF_ERROR(txn.Put(dbi, "a", "1"));
    LMDDB_RETURN_IF_ERROR(txn.Delete(dbi, "kept"));
    LMDDB_RETURN_IF_ERROR(env->OpenDbi(txn, "other", /*create=*/true).status());
    return Status::ConditionalCheckFailed("The conditional request failed");
  });
  EXPECT_EQ(status.type(), ErrorType::kConditionalCheckFailed);
  EXPECT_EQ(status.message(), "The conditional request failed");
  EXPECT_EQ(ReadValue(*env, dbi, "a"), std::nullopt);
  EXPECT_EQ(ReadValue(*env, dbi, "kept"), "1");
  EXPECT_EQ(env->FindDbi("other").status().type(), ErrorType::kResourceNotFound);
}

TEST(StorageTxn, NestedAbortKeepsParentChanges) {
  TempDir dir;
  auto env = OpenEnv(dir.path());
  ASSERT_NE(env, nullptr);
  const Dbi dbi = CreateDbi(*env, "items");
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) -> Status {
    LMDDB_RETURN_IF_ERROR(txn.Put(dbi, "parent", "1"));
    const Status child = txn.Nested([&](WriteTxn& nested) -> Status {
      LMDDB_RETURN_IF_ERROR(nested.Put(dbi, "child", "1"));
      LMDDB_RETURN_IF_ERROR(nested.Put(dbi, "parent", "overwritten"));
      EXPECT_EQ(nested.Get(dbi, "parent"), "overwritten");
      return Status::ConditionalCheckFailed("The conditional request failed");
    });
    EXPECT_EQ(child.type(), ErrorType::kConditionalCheckFailed);
    // Group-commit style: the failed request is undone, the others go on.
    EXPECT_EQ(txn.Get(dbi, "child"), std::nullopt);
    EXPECT_EQ(txn.Get(dbi, "parent"), "1");
    return txn.Put(dbi, "after", "1");
  }));
  EXPECT_EQ(ReadValue(*env, dbi, "parent"), "1");
  EXPECT_EQ(ReadValue(*env, dbi, "after"), "1");
  EXPECT_EQ(ReadValue(*env, dbi, "child"), std::nullopt);
}

TEST(StorageTxn, NestedCommitJoinsParent) {
  TempDir dir;
  auto env = OpenEnv(dir.path());
  ASSERT_NE(env, nullptr);
  const Dbi dbi = CreateDbi(*env, "items");
  Dbi inner_dbi;
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) -> Status {
    return txn.Nested([&](WriteTxn& child) -> Status {
      LMDDB_RETURN_IF_ERROR(child.Put(dbi, "child", "1"));
      LMDDB_RETURN_IF_ERROR(child.Nested([&](WriteTxn& grandchild) -> Status {
        LMDDB_ASSIGN_OR_RETURN(inner_dbi, env->OpenDbi(grandchild, "inner", true));
        return grandchild.Put(inner_dbi, "g", "1");
      }));
      EXPECT_TRUE(child.Nested([&](WriteTxn& grandchild) -> Status {
                        LMDDB_ASSIGN_OR_RETURN(Dbi lost, env->OpenDbi(grandchild, "lost", true));
                        LMDDB_RETURN_IF_ERROR(grandchild.Put(lost, "x", "1"));
                        return Status::Validation("no");
                      }).type() == ErrorType::kValidation);
      EXPECT_EQ(child.Get(inner_dbi, "g"), "1");
      return Status::Ok();
    });
  }));
  EXPECT_EQ(ReadValue(*env, dbi, "child"), "1");
  StatusOr<Dbi> inner = env->FindDbi("inner");
  ASSERT_TRUE(inner.ok()) << inner.status().ToString();
  EXPECT_EQ(*inner, inner_dbi);
  EXPECT_EQ(ReadValue(*env, *inner, "g"), "1");
  EXPECT_EQ(env->FindDbi("lost").status().type(), ErrorType::kResourceNotFound);
}

TEST(StorageTxn, WriteInsideWriteIsRejected) {
  TempDir dir;
  auto env = OpenEnv(dir.path());
  ASSERT_NE(env, nullptr);
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn&) -> Status {
    const Status inner = env->Write([](WriteTxn&) { return Status::Ok(); });
    EXPECT_EQ(inner.type(), ErrorType::kInternalServerError);
    EXPECT_NE(inner.message().find("use WriteTxn::Nested"), std::string::npos);
    return Status::Ok();
  }));
}

TEST(StorageTxn, ReadSnapshotIsIsolated) {
  TempDir dir;
  auto env = OpenEnv(dir.path());
  ASSERT_NE(env, nullptr);
  const Dbi dbi = CreateDbi(*env, "items");
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) { return txn.Put(dbi, "k", "old"); }));
  StatusOr<ReadTxn> before = env->BeginRead();
  ASSERT_TRUE(before.ok());
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) { return txn.Put(dbi, "k", "new"); }));
  EXPECT_EQ(before->Get(dbi, "k"), "old");
  EXPECT_EQ(ReadValue(*env, dbi, "k"), "new");
  EXPECT_LT(before->id(), env->BeginRead()->id());
}

TEST(StorageTxn, ReadInsideWriteSeesTheLastCommit) {
  TempDir dir;
  auto env = OpenEnv(dir.path());
  ASSERT_NE(env, nullptr);
  const Dbi dbi = CreateDbi(*env, "items");
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) { return txn.Put(dbi, "k", "committed"); }));
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) -> Status {
    LMDDB_RETURN_IF_ERROR(txn.Put(dbi, "k", "pending"));
    LMDDB_ASSIGN_OR_RETURN(ReadTxn read, env->BeginRead());
    EXPECT_EQ(read.Get(dbi, "k"), "committed");
    EXPECT_EQ(txn.Get(dbi, "k"), "pending");
    EXPECT_GT(env->Info().map_size, 0u);
    return Status::Ok();
  }));
  EXPECT_EQ(ReadValue(*env, dbi, "k"), "pending");
}

TEST(StorageTxn, ReadTxnMovesToAnotherThread) {
  TempDir dir;
  auto env = OpenEnv(dir.path());
  ASSERT_NE(env, nullptr);
  const Dbi dbi = CreateDbi(*env, "items");
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) { return txn.Put(dbi, "k", "v"); }));
  StatusOr<ReadTxn> read = env->BeginRead();
  ASSERT_TRUE(read.ok());
  ReadTxn moved = std::move(read).value();
  std::thread other([&, txn = std::move(moved)]() mutable {
    EXPECT_EQ(txn.Get(dbi, "k"), "v");
    txn.Release();  // ends on this thread
  });
  other.join();
  // The gate is free again: a write that grows the map would not wait.
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) { return txn.Put(dbi, "k2", "v"); }));
  EXPECT_EQ(ReadValue(*env, dbi, "k2"), "v");
}

// Readers check, in each snapshot, that two keys written together agree,
// while a writer keeps growing the database from a 1 MiB map.
TEST(StorageTxn, PooledReadsStayConsistentDuringWritesAndGrowth) {
  TempDir dir;
  EnvOptions options = FastOptions();
  options.initial_map_size = size_t{1} << 20;
  auto env = OpenEnv(dir.path(), options);
  ASSERT_NE(env, nullptr);
  const Dbi dbi = CreateDbi(*env, "items");
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) -> Status {
    LMDDB_RETURN_IF_ERROR(txn.Put(dbi, "x", "0"));
    return txn.Put(dbi, "y", "0");
  }));

  constexpr int kWrites = 2000;
  std::atomic<bool> done{false};
  std::atomic<int> errors{0};
  std::atomic<long> reads{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r) {
    readers.emplace_back([&] {
      long last = 0;
      while (!done.load()) {
        StatusOr<ReadTxn> read = env->BeginRead();
        if (!read.ok()) {
          ADD_FAILURE() << read.status().ToString();
          errors.fetch_add(1);
          return;
        }
        std::optional<std::string_view> x = read->Get(dbi, "x");
        std::optional<std::string_view> y = read->Get(dbi, "y");
        if (!x || !y || *x != *y) errors.fetch_add(1);
        const long seen = x ? std::stol(std::string(*x)) : -1;
        if (seen < last) errors.fetch_add(1);  // snapshots never go back
        last = seen;
        reads.fetch_add(1);
      }
    });
  }
  const std::string filler(8000, 'f');
  for (int i = 1; i <= kWrites; ++i) {
    const std::string v = std::to_string(i);
    LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) -> Status {
      LMDDB_RETURN_IF_ERROR(txn.Put(dbi, "x", v));
      LMDDB_RETURN_IF_ERROR(txn.Put(dbi, absl::StrFormat("filler%06d", i), filler));
      return txn.Put(dbi, "y", v);
    }));
  }
  done.store(true);
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_GT(reads.load(), 0);
  RecordProperty("reads", static_cast<int>(reads.load()));
  RecordProperty("map_size", static_cast<int>(env->Info().map_size));
  EXPECT_EQ(ReadValue(*env, dbi, "x"), std::to_string(kWrites));
  const EnvInfo info = env->Info();
  EXPECT_GT(info.map_size, size_t{1} << 20);  // grew under the readers
  // Reader slots are recycled, not taken per transaction.
  EXPECT_LE(info.readers_used, 8u) << "after " << reads.load() << " reads";
}

TEST(StorageDbi, CreatedDatabaseVisibleAfterCommitOnly) {
  TempDir dir;
  auto env = OpenEnv(dir.path());
  ASSERT_NE(env, nullptr);
  Dbi created;
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) -> Status {
    LMDDB_ASSIGN_OR_RETURN(created, env->OpenDbi(txn, "t", /*create=*/true));
    LMDDB_RETURN_IF_ERROR(txn.Put(created, "k", "v"));
    // Another thread's snapshot predates the commit.
    std::thread other([&] {
      StatusOr<ReadTxn> read = env->BeginRead();
      ASSERT_TRUE(read.ok());
      EXPECT_EQ(read->Get(created, "k"), std::nullopt);
      EXPECT_EQ(read->OpenCursor(created).status().type(), ErrorType::kResourceNotFound);
    });
    other.join();
    // The same name in the same transaction is the same database.
    LMDDB_ASSIGN_OR_RETURN(Dbi again, env->OpenDbi(txn, "t", /*create=*/false));
    EXPECT_EQ(again, created);
    return Status::Ok();
  }));
  StatusOr<Dbi> found = env->FindDbi("t");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(*found, created);
  EXPECT_EQ(ReadValue(*env, created, "k"), "v");
  EXPECT_EQ(env->FindDbi("absent").status().type(), ErrorType::kResourceNotFound);
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) -> Status {
    EXPECT_EQ(env->OpenDbi(txn, "", true).status().type(), ErrorType::kInternalServerError);
    EXPECT_EQ(env->OpenDbi(txn, std::string("a\0b", 3), true).status().type(),
              ErrorType::kInternalServerError);
    return Status::Ok();
  }));
}

TEST(StorageDbi, AbortedCreateIsForgotten) {
  TempDir dir;
  auto env = OpenEnv(dir.path());
  ASSERT_NE(env, nullptr);
  for (int attempt = 0; attempt < 3; ++attempt) {
    const Status status = env->Write([&](WriteTxn& txn) -> Status {
      LMDDB_ASSIGN_OR_RETURN(Dbi dbi, env->OpenDbi(txn, "t", /*create=*/true));
      LMDDB_RETURN_IF_ERROR(txn.Put(dbi, "k", "v"));
      return Status::Validation("rolled back");
    });
    EXPECT_EQ(status.type(), ErrorType::kValidation);
    EXPECT_EQ(env->FindDbi("t").status().type(), ErrorType::kResourceNotFound);
  }
  StatusOr<std::vector<std::string>> names = env->ListDbis();
  ASSERT_TRUE(names.ok());
  EXPECT_TRUE(names->empty());
  const Dbi dbi = CreateDbi(*env, "t");  // and the name still works
  EXPECT_EQ(env->Stat(dbi)->entries, 0u);
}

TEST(StorageDbi, DropFreesPagesAndName) {
  TempDir dir;
  auto env = OpenEnv(dir.path());
  ASSERT_NE(env, nullptr);
  const Dbi keep = CreateDbi(*env, "keep");
  const Dbi doomed = CreateDbi(*env, "doomed");
  const std::string value(1000, 'v');
  auto fill = [&](Dbi dbi) {
    LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) -> Status {
      for (int i = 0; i < 2000; ++i) {
        LMDDB_RETURN_IF_ERROR(txn.Put(dbi, absl::StrFormat("key%06d", i), value));
      }
      return Status::Ok();
    }));
  };
  fill(doomed);
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) { return txn.Put(keep, "k", "v"); }));
  const size_t pages_before = env->Info().last_page;
  EXPECT_EQ(env->Stat(doomed)->entries, 2000u);

  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) -> Status {
    LMDDB_RETURN_IF_ERROR(env->DropDbi(txn, doomed));
    EXPECT_EQ(env->DropDbi(txn, doomed).type(), ErrorType::kResourceNotFound);
    EXPECT_EQ(env->OpenDbi(txn, "doomed", false).status().type(), ErrorType::kResourceNotFound);
    return Status::Ok();
  }));
  // The old handle is dead, the name is gone from the environment.
  EXPECT_EQ(env->Stat(doomed).status().type(), ErrorType::kResourceNotFound);
  EXPECT_EQ(ReadValue(*env, doomed, "key000000"), std::nullopt);
  EXPECT_EQ(env->FindDbi("doomed").status().type(), ErrorType::kResourceNotFound);
  StatusOr<std::vector<std::string>> names = env->ListDbis();
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, std::vector<std::string>{"keep"});
  EXPECT_EQ(ReadValue(*env, keep, "k"), "v");

  // The name can be used again, for an empty database.
  const Dbi reborn = CreateDbi(*env, "doomed");
  EXPECT_FALSE(reborn == doomed);
  EXPECT_EQ(env->Stat(reborn)->entries, 0u);
  // The freed pages are reused: the same data again hardly grows the file.
  fill(reborn);
  EXPECT_LT(env->Info().last_page, pages_before + pages_before / 4)
      << "before " << pages_before;
}

TEST(StorageDbi, DropAndCreateAgainInOneTransaction) {
  TempDir dir;
  auto env = OpenEnv(dir.path());
  ASSERT_NE(env, nullptr);
  const Dbi old_dbi = CreateDbi(*env, "t");
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) { return txn.Put(old_dbi, "old", "1"); }));
  Dbi new_dbi;
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) -> Status {
    LMDDB_RETURN_IF_ERROR(env->DropDbi(txn, old_dbi));
    LMDDB_ASSIGN_OR_RETURN(new_dbi, env->OpenDbi(txn, "t", /*create=*/true));
    return txn.Put(new_dbi, "new", "1");
  }));
  StatusOr<Dbi> found = env->FindDbi("t");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(ReadValue(*env, *found, "old"), std::nullopt);
  EXPECT_EQ(ReadValue(*env, *found, "new"), "1");
  EXPECT_EQ(env->Stat(*found)->entries, 1u);
}

TEST(StorageDbi, DropWaitsForOpenReadersBeforeReleasingTheName) {
  TempDir dir;
  auto env = OpenEnv(dir.path());
  ASSERT_NE(env, nullptr);
  const Dbi dbi = CreateDbi(*env, "t");
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) { return txn.Put(dbi, "k", "v"); }));
  std::atomic<bool> reading{false};
  std::thread reader([&] {
    StatusOr<ReadTxn> read = env->BeginRead();
    ASSERT_TRUE(read.ok());
    reading.store(true);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  });
  while (!reading.load()) std::this_thread::yield();
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) { return env->DropDbi(txn, dbi); }));
  reader.join();
  StatusOr<std::vector<std::string>> names = env->ListDbis();
  ASSERT_TRUE(names.ok());
  EXPECT_TRUE(names->empty());
}

TEST(StorageDbi, DatabasesInTheFileWorkInSnapshotsTakenBeforeLookup) {
  TempDir dir;
  {
    auto env = OpenEnv(dir.path());
    ASSERT_NE(env, nullptr);
    const Dbi dbi = CreateDbi(*env, "t");
    LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) { return txn.Put(dbi, "k", "1"); }));
  }
  auto env = OpenEnv(dir.path());
  ASSERT_NE(env, nullptr);
  // The first read of a reopened database: snapshot first, then the lookup.
  StatusOr<ReadTxn> read = env->BeginRead();
  ASSERT_TRUE(read.ok());
  StatusOr<Dbi> dbi = env->FindDbi("t");
  ASSERT_TRUE(dbi.ok()) << dbi.status().ToString();
  EXPECT_EQ(read->Get(*dbi, "k"), "1");
  StatusOr<Cursor> cursor = read->OpenCursor(*dbi);
  ASSERT_TRUE(cursor.ok()) << cursor.status().ToString();
  EXPECT_TRUE(cursor->First());
  EXPECT_EQ(read->Stat(*dbi)->entries, 1u);
}

TEST(StorageDbi, SeesTellsWhetherAHandleIsUsableInASnapshot) {
  TempDir dir;
  auto env = OpenEnv(dir.path());
  ASSERT_NE(env, nullptr);
  const Dbi old_dbi = CreateDbi(*env, "old");
  StatusOr<ReadTxn> before = env->BeginRead();
  ASSERT_TRUE(before.ok());
  const Dbi new_dbi = CreateDbi(*env, "new");
  EXPECT_TRUE(before->Sees(old_dbi));
  EXPECT_FALSE(before->Sees(new_dbi));  // created after the snapshot began
  StatusOr<ReadTxn> after = env->BeginRead();
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->Sees(new_dbi));
  after->Release();
  before->Release();  // else the drop would wait for it (env.h)
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) { return env->DropDbi(txn, old_dbi); }));
  EXPECT_FALSE(env->BeginRead()->Sees(old_dbi));  // dropped
  EXPECT_FALSE(ReadTxn().Sees(new_dbi));
  EXPECT_FALSE(env->BeginRead()->Sees(Dbi{}));
}

TEST(StorageDbi, FindDbiInsideWriteUsesThatTransaction) {
  TempDir dir;
  {
    auto env = OpenEnv(dir.path());
    ASSERT_NE(env, nullptr);
    const Dbi dbi = CreateDbi(*env, "t");
    LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) { return txn.Put(dbi, "k", "1"); }));
  }
  auto env = OpenEnv(dir.path());  // empty handle cache
  ASSERT_NE(env, nullptr);
  LMDDB_ASSERT_OK(env->Write([&](WriteTxn& txn) -> Status {
    LMDDB_ASSIGN_OR_RETURN(Dbi dbi, env->FindDbi("t"));
    EXPECT_EQ(txn.Get(dbi, "k"), "1");
    return txn.Put(dbi, "k", "2");
  }));
  StatusOr<Dbi> dbi = env->FindDbi("t");
  ASSERT_TRUE(dbi.ok());
  EXPECT_EQ(ReadValue(*env, *dbi, "k"), "2");
}

}  // namespace
}  // namespace lmddb::storage
