// Tests for engine/storage/txn_gate.h.
#include "engine/storage/txn_gate.h"

#include <atomic>
#include <chrono>
#include <thread>

#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace lmddb::storage::internal {
namespace {

using std::chrono::milliseconds;

TEST(StorageTxnGate, CloseWaitsForEntriesAndHoldsNewOnesBack) {
  TxnGate gate;
  gate.Enter();
  std::atomic<bool> closed{false};
  std::thread closer([&] {
    ASSERT_TRUE(gate.Close(absl::Seconds(10)));
    closed.store(true);
    std::this_thread::sleep_for(milliseconds(50));
    gate.Open();
  });
  std::this_thread::sleep_for(milliseconds(50));
  EXPECT_FALSE(closed.load());  // an entry is still held
  gate.Leave();
  while (!closed.load()) std::this_thread::yield();
  gate.Enter();  // waits until Open()
  EXPECT_EQ(gate.entries(), 1);
  gate.Leave();
  closer.join();
}

TEST(StorageTxnGate, CloseGivesUpAfterTimeoutAndReopens) {
  TxnGate gate;
  gate.Enter();
  EXPECT_FALSE(gate.Close(absl::Milliseconds(20)));
  gate.Enter();  // open again: does not wait
  gate.Leave();
  gate.Leave();
  EXPECT_TRUE(gate.Close(absl::ZeroDuration()));
  gate.Open();
}

TEST(StorageTxnGate, HolderCanEnterAgainWhileACloseIsPending) {
  TxnGate gate;
  gate.Enter();  // e.g. a write transaction
  std::atomic<bool> closed{false};
  std::thread closer([&] {
    EXPECT_TRUE(gate.Close(absl::Seconds(10)));
    closed.store(true);
    gate.Open();
  });
  std::this_thread::sleep_for(milliseconds(20));
  gate.EnterAgain();  // e.g. a read inside it: must not wait for the closer
  EXPECT_EQ(gate.entries(), 2);
  EXPECT_FALSE(closed.load());
  gate.Leave();
  gate.Leave();
  closer.join();
  EXPECT_TRUE(closed.load());
}

TEST(StorageTxnGate, EntriesMayLeaveFromAnotherThread) {
  TxnGate gate;
  gate.Enter();
  std::thread([&] { gate.Leave(); }).join();
  EXPECT_EQ(gate.entries(), 0);
  EXPECT_TRUE(gate.Close(absl::ZeroDuration()));
  gate.Open();
}

}  // namespace
}  // namespace lmddb::storage::internal
