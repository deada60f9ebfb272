// Tests for engine/storage/cursor.h.
#include "testing/test_util.h"
#include "engine/storage/cursor.h"

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/common/status_macros.h"
#include "engine/storage/env.h"
#include "gtest/gtest.h"

namespace lmddb::storage {
namespace {

using testing_util::TempDir;



// An environment with an empty database "empty" and "abc" holding b, d, f.
class StorageCursor : public testing::Test {
 protected:
  void SetUp() override {
    EnvOptions options;
    options.durability = EnvOptions::Durability::kNoSync;
    options.initial_map_size = size_t{1} << 20;
    options.max_dbs = 8;
    StatusOr<std::unique_ptr<Env>> env = Env::Open(dir_.path(), options);
    ASSERT_TRUE(env.ok()) << env.status().ToString();
    env_ = std::move(env).value();
    LMDDB_ASSERT_OK(env_->Write([&](WriteTxn& txn) -> Status {
      LMDDB_ASSIGN_OR_RETURN(empty_, env_->OpenDbi(txn, "empty", true));
      LMDDB_ASSIGN_OR_RETURN(abc_, env_->OpenDbi(txn, "abc", true));
      LMDDB_RETURN_IF_ERROR(txn.Put(abc_, "b", "B"));
      LMDDB_RETURN_IF_ERROR(txn.Put(abc_, "d", "D"));
      return txn.Put(abc_, "f", "F");
    }));
    StatusOr<ReadTxn> read = env_->BeginRead();
    ASSERT_TRUE(read.ok());
    read_ = std::move(read).value();
  }

  Cursor Open(Dbi dbi) {
    StatusOr<Cursor> cursor = read_.OpenCursor(dbi);
    EXPECT_TRUE(cursor.ok()) << cursor.status().ToString();
    return cursor.ok() ? std::move(cursor).value() : Cursor();
  }

  // The key under the cursor, or "-" when it is not valid.
  static std::string At(const Cursor& c) { return c.valid() ? std::string(c.Key()) : "-"; }

  TempDir dir_;
  std::unique_ptr<Env> env_;
  Dbi empty_;
  Dbi abc_;
  ReadTxn read_;
};

TEST_F(StorageCursor, EmptyDatabaseFindsNothing) {
  Cursor c = Open(empty_);
  EXPECT_FALSE(c.First());
  EXPECT_FALSE(c.Last());
  EXPECT_FALSE(c.Seek("a"));
  EXPECT_FALSE(c.SeekForPrev("z"));
  EXPECT_FALSE(c.Next());
  EXPECT_FALSE(c.Prev());
  EXPECT_TRUE(c.status().ok()) << c.status().ToString();
}

TEST_F(StorageCursor, SeekFindsFirstKeyAtOrAfter) {
  Cursor c = Open(abc_);
  c.Seek("a");
  EXPECT_EQ(At(c), "b");  // before first
  c.Seek("b");
  EXPECT_EQ(At(c), "b");  // exact
  EXPECT_EQ(c.Value(), "B");
  c.Seek("c");
  EXPECT_EQ(At(c), "d");  // between
  c.Seek("ba");
  EXPECT_EQ(At(c), "d");  // longer than a key, shares its prefix
  c.Seek("f");
  EXPECT_EQ(At(c), "f");
  c.Seek("g");
  EXPECT_EQ(At(c), "-");  // after last
  c.Seek("");
  EXPECT_EQ(At(c), "b");  // empty: first
  c.Seek(std::string(600, 'c'));
  EXPECT_EQ(At(c), "d");  // longer than LMDB's key limit
  EXPECT_TRUE(c.status().ok()) << c.status().ToString();
}

TEST_F(StorageCursor, SeekForPrevFindsLastKeyAtOrBefore) {
  Cursor c = Open(abc_);
  c.SeekForPrev("a");
  EXPECT_EQ(At(c), "-");  // before first
  c.SeekForPrev("b");
  EXPECT_EQ(At(c), "b");  // exact first
  c.SeekForPrev("ba");
  EXPECT_EQ(At(c), "b");
  c.SeekForPrev("c");
  EXPECT_EQ(At(c), "b");  // between
  c.SeekForPrev("d");
  EXPECT_EQ(At(c), "d");
  c.SeekForPrev("f");
  EXPECT_EQ(At(c), "f");  // exact last
  c.SeekForPrev("z");
  EXPECT_EQ(At(c), "f");  // after last
  EXPECT_EQ(c.Value(), "F");
  c.SeekForPrev("");
  EXPECT_EQ(At(c), "-");
  c.SeekForPrev(std::string(600, 'e'));
  EXPECT_EQ(At(c), "d");
  EXPECT_TRUE(c.status().ok()) << c.status().ToString();
}

TEST_F(StorageCursor, NextAndPrevStopAtTheEnds) {
  Cursor c = Open(abc_);
  std::vector<std::string> forward;
  for (c.First(); c.valid(); c.Next()) forward.push_back(std::string(c.Key()));
  EXPECT_EQ(forward, (std::vector<std::string>{"b", "d", "f"}));
  EXPECT_FALSE(c.Next());  // stays off the end
  std::vector<std::string> backward;
  for (c.Last(); c.valid(); c.Prev()) backward.push_back(std::string(c.Key()));
  EXPECT_EQ(backward, (std::vector<std::string>{"f", "d", "b"}));
  EXPECT_FALSE(c.Prev());
  // A reverse query from an exclusive start key: last key < "d".
  ASSERT_TRUE(c.SeekForPrev("d"));
  ASSERT_TRUE(c.Prev());
  EXPECT_EQ(At(c), "b");
  EXPECT_TRUE(c.status().ok());
}

TEST_F(StorageCursor, ClosedWhenItsTransactionEnds) {
  Cursor c = Open(abc_);
  ASSERT_TRUE(c.First());
  Cursor moved = std::move(c);
  EXPECT_FALSE(c.valid());
  EXPECT_EQ(At(moved), "b");
  read_.Release();
  EXPECT_FALSE(moved.valid());
  EXPECT_FALSE(moved.Next());
  EXPECT_FALSE(moved.First());
  EXPECT_EQ(moved.status().type(), ErrorType::kInternalServerError);
}

TEST_F(StorageCursor, WriteCursorSeesOwnWritesAndDiesWithTheTransaction) {
  std::optional<Cursor> leaked;
  LMDDB_ASSERT_OK(env_->Write([&](WriteTxn& txn) -> Status {
    LMDDB_RETURN_IF_ERROR(txn.Put(abc_, "c", "C"));
    LMDDB_RETURN_IF_ERROR(txn.Delete(abc_, "f"));
    LMDDB_ASSIGN_OR_RETURN(Cursor c, txn.OpenCursor(abc_));
    std::vector<std::string> keys;
    for (c.First(); c.valid(); c.Next()) keys.push_back(std::string(c.Key()));
    EXPECT_EQ(keys, (std::vector<std::string>{"b", "c", "d"}));
    EXPECT_TRUE(c.SeekForPrev("e"));
    EXPECT_EQ(At(c), "d");
    leaked = std::move(c);  // misuse: outlives the transaction
    return Status::Ok();
  }));
  ASSERT_TRUE(leaked.has_value());
  EXPECT_FALSE(leaked->valid());
  EXPECT_FALSE(leaked->First());
  EXPECT_FALSE(leaked->status().ok());
  // The earlier snapshot still sees the old keys.
  Cursor c = Open(abc_);
  c.Last();
  EXPECT_EQ(At(c), "f");
}

TEST_F(StorageCursor, DefaultCursorIsInert) {
  Cursor c;
  EXPECT_FALSE(c.valid());
  EXPECT_FALSE(c.First());
  EXPECT_FALSE(c.Next());
  EXPECT_EQ(c.Key(), "");
  EXPECT_FALSE(c.status().ok());
}

}  // namespace
}  // namespace lmddb::storage
