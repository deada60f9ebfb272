// TxnGate: counts the LMDB transactions open in this process so that the map
// can be replaced while none is open.
//
// lmdb.h, mdb_env_set_mapsize(): the map size "may be changed at later times
// if no transactions are active in this process. Note that the library does
// not check for this condition, the caller must ensure it explicitly." The
// same holds for closing a database handle (mdb_dbi_close(): "only if no other
// threads are going to reference the database handle"). Every transaction
// therefore holds a shared entry in the gate for its whole life, and the rare
// operations that remap the file or close handles take the gate exclusively.
//
// Why not absl::Mutex::ReaderLock or std::shared_mutex: a ReadTxn may be moved
// to another thread and released there, and both of those require the
// unlocking thread to be the locking one. Entries here are a plain counter, so
// any thread may leave. The shared path is two atomic operations; the mutex is
// only touched while an exclusive section is pending.
//
// Closing is writer-preferring: once Close() starts, new Enter() calls wait,
// so a steady stream of short readers cannot starve map growth. A long-lived
// transaction delays Close(); after `timeout` Close() gives up and reopens the
// gate, which also breaks the self-deadlock of a thread that holds a ReadTxn
// while its own write needs the map to grow.
//
// Thread safety: all methods may be called from any thread.
#ifndef LMDDB_ENGINE_STORAGE_TXN_GATE_H_
#define LMDDB_ENGINE_STORAGE_TXN_GATE_H_

#include <atomic>
#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace lmddb::storage::internal {

class TxnGate {
 public:
  TxnGate() = default;
  TxnGate(const TxnGate&) = delete;
  TxnGate& operator=(const TxnGate&) = delete;

  // Takes a shared entry; waits while an exclusive section is pending or runs.
  void Enter();
  // Takes another shared entry without waiting. REQUIRES: the caller holds
  // an entry that stays held meanwhile (e.g. a read started inside a write
  // transaction). Waiting there would deadlock against a pending Close(),
  // which waits for that very entry; and no Close() can be past its wait
  // while the entry is held.
  void EnterAgain() { entries_.fetch_add(1); }
  // Returns a shared entry taken by Enter() or EnterAgain(), from any thread.
  void Leave();

  // Blocks new entries and waits until no entry is held. Returns true with the
  // gate closed (the caller must call Open()), or false after `timeout` with
  // the gate open again. Closers are serialized.
  bool Close(absl::Duration timeout);
  // Ends the exclusive section begun by a successful Close().
  void Open();

  // Entries currently held; for diagnostics.
  int64_t entries() const { return entries_.load(std::memory_order_relaxed); }

 private:
  // Sequentially consistent on both sides: Enter() increments `entries_` then
  // reads `closed_`, Close() sets `closed_` then reads `entries_`, so at least
  // one of them sees the other.
  std::atomic<int64_t> entries_{0};
  std::atomic<bool> closed_{false};
  absl::Mutex mu_;
  bool exclusive_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace lmddb::storage::internal

#endif  // LMDDB_ENGINE_STORAGE_TXN_GATE_H_
