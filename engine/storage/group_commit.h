// GroupCommitter: many threads' writes in one LMDB transaction and one
// fsync.
//
// LMDB serializes writers and most of a commit's cost is per commit
// (DESIGN.md, "Measured": ~2.5k durable commits/s alone, 10-11k/s when 16
// clients share commits). A thread that calls Write() while another
// thread's transaction is running queues its request; when that transaction
// ends, one waiting thread becomes the leader, takes the whole queue (up to
// max_batch requests) and runs every request in its own nested transaction
// inside one top-level transaction. A request that fails is undone alone
// (its nested transaction aborts); the others commit together. A request
// that runs alone runs directly in the top-level transaction.
//
// Every Write() returns only after its changes are committed (durably in
// kSync mode) or known to have failed, so acknowledged writes are never lost.
//
// Thread safety: thread-safe. Write() must not be called from inside a
// request (that would wait for itself).
#ifndef LMDDB_ENGINE_STORAGE_GROUP_COMMIT_H_
#define LMDDB_ENGINE_STORAGE_GROUP_COMMIT_H_

#include <cstddef>
#include <deque>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/synchronization/mutex.h"
#include "engine/storage/env.h"
#include "lmddb/status.hpp"

namespace lmddb::storage {

class GroupCommitter {
 public:
  explicit GroupCommitter(Env* env, size_t max_batch = 64) : env_(env), max_batch_(max_batch) {}

  // Runs `fn` in a write transaction shared with concurrent callers and
  // returns fn's status, or the commit's error when fn succeeded but the
  // commit failed. Like Env::Write, `fn` may run more than once (after map
  // growth) and must have no side effects outside the transaction.
  Status Write(absl::FunctionRef<Status(WriteTxn&)> fn);

  // Number of top-level transactions committed or attempted so far.
  uint64_t batches() const;

 private:
  struct Request {
    explicit Request(absl::FunctionRef<Status(WriteTxn&)> f) : fn(f) {}
    absl::FunctionRef<Status(WriteTxn&)> fn;
    Status status;
    bool done = false;
  };

  Env* env_;
  const size_t max_batch_;
  mutable absl::Mutex mu_;
  std::deque<Request*> queue_ ABSL_GUARDED_BY(mu_);
  bool leader_active_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t batches_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace lmddb::storage

#endif  // LMDDB_ENGINE_STORAGE_GROUP_COMMIT_H_
