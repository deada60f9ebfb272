// Tests for engine/ops/transaction_tokens.h: a token is found while its
// window lasts, is treated as new afterwards, and expired tokens leave the
// database a bounded number per sweep, oldest first.
#include "engine/ops/transaction_tokens.h"

#include <memory>
#include <string>

#include "engine/ops/engine.h"
#include "gtest/gtest.h"
#include "testing/test_util.h"

namespace lmddb::ops {
namespace {

class TransactionTokensTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto engine = Engine::Open(dir_.path(), Options{});
    ASSERT_TRUE(engine.ok()) << engine.status().message();
    engine_ = std::move(*engine);
    tokens_ = engine_->transaction_tokens();
  }

  void Store(const std::string& token, int64_t ms, uint64_t fingerprint = 1) {
    ASSERT_TRUE(engine_
                    ->Write([&](storage::WriteTxn& txn) {
                      return StoreToken(txn, tokens_, token,
                                        TokenRecord{{fingerprint, 0}, ms, {{"Tab", 2.0}}});
                    })
                    .ok());
  }

  std::optional<TokenRecord> Find(const std::string& token, int64_t now_ms) {
    std::optional<TokenRecord> found;
    EXPECT_TRUE(engine_
                    ->Write([&](storage::WriteTxn& txn) -> Status {
                      auto record = FindLiveToken(txn, tokens_, token, now_ms);
                      if (!record.ok()) return record.status();
                      found = std::move(*record);
                      return Status::Ok();
                    })
                    .ok());
    return found;
  }

  void Sweep(int64_t now_ms, size_t max_tokens) {
    ASSERT_TRUE(engine_
                    ->Write([&](storage::WriteTxn& txn) {
                      return SweepExpiredTokens(txn, tokens_, now_ms, max_tokens);
                    })
                    .ok());
  }

  // Entries in the token database: two per stored token ("t/" and "e/").
  uint64_t Entries() {
    uint64_t entries = 0;
    EXPECT_TRUE(engine_
                    ->Write([&](storage::WriteTxn& txn) -> Status {
                      auto stat = txn.Stat(tokens_);
                      if (!stat.ok()) return stat.status();
                      entries = stat->entries;
                      return Status::Ok();
                    })
                    .ok());
    return entries;
  }

  testing_util::TempDir dir_;
  std::unique_ptr<Engine> engine_;
  storage::Dbi tokens_;
};

TEST_F(TransactionTokensTest, LiveForTheWindowOnly) {
  Store("tok", 1000, 42);
  std::optional<TokenRecord> found = Find("tok", 1000 + kTokenWindowMs - 1);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->fingerprint, (RequestFingerprint{42, 0}));
  EXPECT_EQ(found->completed_ms, 1000);
  ASSERT_EQ(found->repeat_read_units.size(), 1u);
  EXPECT_EQ(found->repeat_read_units[0].first, "Tab");
  EXPECT_EQ(found->repeat_read_units[0].second, 2.0);
  EXPECT_FALSE(Find("tok", 1000 + kTokenWindowMs).has_value());
  EXPECT_FALSE(Find("other", 1000).has_value());
}

TEST_F(TransactionTokensTest, StoringAnExpiredTokenAgainReplacesIt) {
  Store("tok", 1000, 1);
  Store("tok", 1000 + kTokenWindowMs, 2);
  EXPECT_EQ(Entries(), 2u);
  std::optional<TokenRecord> found = Find("tok", 1000 + kTokenWindowMs + 1);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->fingerprint, (RequestFingerprint{2, 0}));
}

TEST_F(TransactionTokensTest, SweepRemovesExpiredTokensOldestFirstUpToTheBound) {
  for (int i = 0; i < 20; ++i) Store("old" + std::to_string(i), 1000 + i);
  Store("fresh", 1000 + kTokenWindowMs);
  EXPECT_EQ(Entries(), 42u);
  const int64_t now = 1000 + kTokenWindowMs + 5;  // old0..old5 have expired
  Sweep(now, 4);
  EXPECT_EQ(Entries(), 34u);
  Sweep(now, 8);  // only two more have expired
  EXPECT_EQ(Entries(), 30u);
  EXPECT_FALSE(Find("old5", now).has_value());
  EXPECT_TRUE(Find("old6", now).has_value());
  EXPECT_TRUE(Find("fresh", now).has_value());
  Sweep(now + kTokenWindowMs, 100);
  EXPECT_EQ(Entries(), 0u);
}

}  // namespace
}  // namespace lmddb::ops
