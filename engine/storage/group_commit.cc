#include "engine/storage/group_commit.h"

#include <vector>

namespace lmddb::storage {

uint64_t GroupCommitter::batches() const {
  absl::MutexLock lock(&mu_);
  return batches_;
}

Status GroupCommitter::Write(absl::FunctionRef<Status(WriteTxn&)> fn) {
  Request request(fn);
  mu_.Lock();
  queue_.push_back(&request);
  auto ready = [&]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return request.done || !leader_active_; };
  // A leader may leave this request queued when the queue is longer than
  // max_batch_; then it waits again and leads a later batch itself.
  while (true) {
    mu_.Await(absl::Condition(&ready));
    if (request.done) break;
    leader_active_ = true;
    ++batches_;
    std::vector<Request*> batch;
    while (!queue_.empty() && batch.size() < max_batch_) {
      batch.push_back(queue_.front());
      queue_.pop_front();
    }
    mu_.Unlock();

    Status commit = env_->Write([&](WriteTxn& txn) -> Status {
      if (batch.size() == 1) {
        batch[0]->status = batch[0]->fn(txn);
        return batch[0]->status;
      }
      for (Request* r : batch) r->status = txn.Nested(r->fn);
      return Status::Ok();
    });

    mu_.Lock();
    for (Request* r : batch) {
      // A request that succeeded inside a transaction that did not commit failed.
      if (r->status.ok() && !commit.ok()) r->status = commit;
      r->done = true;
    }
    leader_active_ = false;
  }
  mu_.Unlock();
  return std::move(request.status);
}

}  // namespace lmddb::storage
