// TxnGate (txn_gate.h).
#include "engine/storage/txn_gate.h"

namespace lmddb::storage::internal {

void TxnGate::Enter() {
  for (;;) {
    entries_.fetch_add(1);
    if (!closed_.load()) return;
    // An exclusive section is pending: step back so it can proceed, then wait
    // for it to finish.
    Leave();
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(
        +[](std::atomic<bool>* closed) { return !closed->load(); }, &closed_));
  }
}

void TxnGate::Leave() {
  if (entries_.fetch_sub(1) == 1 && closed_.load()) {
    // The closer waits in mu_.Await*(); absl::Mutex re-evaluates waiters'
    // conditions when the mutex is released, so a lock/unlock wakes it.
    absl::MutexLock lock(&mu_);
  }
}

bool TxnGate::Close(absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(
      +[](bool* exclusive) { return !*exclusive; }, &exclusive_));
  exclusive_ = true;
  closed_.store(true);
  if (mu_.AwaitWithTimeout(
          absl::Condition(
              +[](std::atomic<int64_t>* entries) { return entries->load() == 0; },
              &entries_),
          timeout)) {
    return true;
  }
  closed_.store(false);
  exclusive_ = false;
  return false;
}

void TxnGate::Open() {
  absl::MutexLock lock(&mu_);
  closed_.store(false);
  exclusive_ = false;
}

}  // namespace lmddb::storage::internal
