#include "engine/storage/group_commit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace lmddb::storage {
namespace {

class GroupCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "/group_commit_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::remove_all(dir_);
    EnvOptions options;
    options.durability = EnvOptions::Durability::kSync;  // commits are costly: batching shows
    auto env = Env::Open(dir_, options);
    ASSERT_TRUE(env.ok()) << env.status().ToString();
    env_ = std::move(env).value();
    ASSERT_TRUE(env_->Write([&](WriteTxn& txn) -> Status {
                       auto dbi = env_->OpenDbi(txn, "data", true);
                       if (!dbi.ok()) return dbi.status();
                       dbi_ = *dbi;
                       return Status::Ok();
                     }).ok());
  }
  void TearDown() override {
    env_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string Read(const std::string& key) {
    auto txn = env_->BeginRead();
    EXPECT_TRUE(txn.ok());
    auto v = txn->Get(dbi_, key);
    return v ? std::string(*v) : std::string("<none>");
  }

  std::string dir_;
  std::unique_ptr<Env> env_;
  Dbi dbi_;
};

TEST_F(GroupCommitTest, SingleWriterCommitsAndReportsFailure) {
  GroupCommitter committer(env_.get());
  EXPECT_TRUE(committer.Write([&](WriteTxn& txn) { return txn.Put(dbi_, "a", "1"); }).ok());
  Status failed = committer.Write([&](WriteTxn& txn) -> Status {
    Status s = txn.Put(dbi_, "b", "2");
    if (!s.ok()) return s;
    return Status::Validation("refused");
  });
  EXPECT_EQ(failed.type(), ErrorType::kValidation);
  EXPECT_EQ(failed.message(), "refused");
  EXPECT_EQ(Read("a"), "1");
  EXPECT_EQ(Read("b"), "<none>");  // the failed request's write was undone
  EXPECT_EQ(committer.batches(), 2u);
}

TEST_F(GroupCommitTest, ConcurrentWritersShareCommitsAndFailAlone) {
  GroupCommitter committer(env_.get(), /*max_batch=*/4);  // small: exercises re-leading
  constexpr int kThreads = 8, kPerThread = 40;
  std::atomic<int> ok_count{0}, failed_count{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::string key = "k" + std::to_string(t) + "_" + std::to_string(i);
        bool fail = i % 5 == 0;
        Status s = committer.Write([&](WriteTxn& txn) -> Status {
          Status put = txn.Put(dbi_, key, fail ? "bad" : "good");
          if (!put.ok()) return put;
          return fail ? Status::ConditionalCheckFailed("The conditional request failed") : put;
        });
        (s.ok() ? ok_count : failed_count)++;
        if (fail) {
          EXPECT_EQ(s.type(), ErrorType::kConditionalCheckFailed);
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok_count.load(), kThreads * kPerThread * 4 / 5);
  EXPECT_EQ(failed_count.load(), kThreads * kPerThread / 5);
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kPerThread; ++i) {
      std::string key = "k" + std::to_string(t) + "_" + std::to_string(i);
      EXPECT_EQ(Read(key), i % 5 == 0 ? "<none>" : "good") << key;
    }
  }
  // Durable commits are slow enough that concurrent writers must have shared some.
  EXPECT_LT(committer.batches(), static_cast<uint64_t>(kThreads * kPerThread));
}

}  // namespace
}  // namespace lmddb::storage
