// Transactions are serializable: threads moving money between accounts
// with a balance condition never lose money nor overdraw an account.
#include <atomic>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "api/transact/transact_test_util.h"

namespace lmddb {
namespace {

using testing_util::N;
using testing_util::S;
using testing_util::TransactTest;
using testing_util::UpdateAction;

TEST_F(TransactTest, ConcurrentTransfersKeepTheTotalAndNeverOverdraw) {
  constexpr int kAccounts = 5;
  constexpr int kStart = 100;
  constexpr int kThreads = 4;
  constexpr int kTransfersPerThread = 150;
  for (int a = 0; a < kAccounts; ++a) {
    ASSERT_TRUE(Put({{"pk", S("acct" + std::to_string(a))}, {"balance", N(kStart)}}).ok());
  }
  std::vector<std::thread> threads;
  std::atomic<int> committed{0};
  std::atomic<int> cancelled{0};
  std::atomic<int> unexpected{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 rng(1234 + t);  // fixed seeds
      for (int i = 0; i < kTransfersPerThread; ++i) {
        int from = rng() % kAccounts;
        int to = (from + 1 + rng() % (kAccounts - 1)) % kAccounts;
        int amount = 1 + rng() % 60;
        TransactWriteItemsRequest r;
        r.transact_items = {
            UpdateAction("Tab", {{"pk", S("acct" + std::to_string(from))}},
                         "SET balance = balance - :amt", Item{{":amt", N(amount)}},
                         "balance >= :amt"),
            UpdateAction("Tab", {{"pk", S("acct" + std::to_string(to))}},
                         "SET balance = balance + :amt", Item{{":amt", N(amount)}}),
        };
        auto result = db_->TransactWriteItems(r);
        if (result.ok()) {
          ++committed;
        } else if (result.status().type() == ErrorType::kTransactionCanceled) {
          ++cancelled;
        } else {
          ++unexpected;
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(unexpected.load(), 0);
  EXPECT_EQ(committed.load() + cancelled.load(), kThreads * kTransfersPerThread);
  EXPECT_GT(committed.load(), 0);
  int64_t total = 0;
  for (int a = 0; a < kAccounts; ++a) {
    std::optional<Item> account = Get({{"pk", S("acct" + std::to_string(a))}});
    ASSERT_TRUE(account);
    const int64_t n = std::stoll(account->at("balance").n().ToString());
    EXPECT_GE(n, 0) << "account " << a;
    total += n;
  }
  EXPECT_EQ(total, kAccounts * kStart);
}

}  // namespace
}  // namespace lmddb
