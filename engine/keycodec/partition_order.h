// Restores DynamoDB sort-key order while iterating one partition.
//
// LMDB order within a partition is sort-key order except inside buckets:
// runs of adjacent overflow keys with the same BucketPrefix (sort keys
// longer than P sharing their first P bytes), which sort by digest. The
// orderer passes every other key straight through and holds a bucket only
// until the first key after it arrives, then releases it sorted by the
// full sort keys. Memory is bounded by the largest bucket, which is empty
// unless sort keys longer than P (at least 359 bytes) share their first P
// bytes; a table designed that way holds such a run in memory per Query.
//
// Usage, with keys fed in LMDB order (ascending for kForward, descending
// for kReverse):
//
//   SortKeyOrderer<Row> orderer(Direction::kForward);
//   for (each cursor entry of the partition) {
//     orderer.Add(key, row, IsOverflowKey(key) ? sort key read from the item : {});
//     while (orderer.Next(&entry)) Emit(entry);
//   }
//   orderer.Finish();
//   while (orderer.Next(&entry)) Emit(entry);
//
// Seek with EncodeSortKeyLowerBound/UpperBound (never into the middle of
// a bucket) so that every bucket is seen whole.
//
// Thread safety: one orderer per thread; it holds no shared state.
#ifndef LMDDB_ENGINE_KEYCODEC_PARTITION_ORDER_H_
#define LMDDB_ENGINE_KEYCODEC_PARTITION_ORDER_H_

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/keycodec/primary_key.h"
#include "engine/keycodec/value_codec.h"
#include "lmddb/attribute_value.hpp"

namespace lmddb::keycodec {

// Query's ScanIndexForward: kForward is ascending sort key order.
enum class Direction { kForward, kReverse };

// Payload is whatever the caller needs per item (a key/value view, an
// index); it must be movable.
template <typename Payload>
class SortKeyOrderer {
 public:
  struct Entry {
    Payload payload;
    // The full sort key given to Add (NULL when none was given).
    AttributeValue sort_key;
  };

  explicit SortKeyOrderer(Direction direction) : direction_(direction) {}

  SortKeyOrderer(const SortKeyOrderer&) = delete;
  SortKeyOrderer& operator=(const SortKeyOrderer&) = delete;

  // Adds the next key of the partition in LMDB order for the direction.
  // full_sort_key is the item's sort key; it is only read for overflow
  // keys, so callers may leave it NULL for others and skip decoding.
  // REQUIRES: full_sort_key is the item's sort key when
  // IsOverflowKey(lmdb_key); all keys belong to one partition.
  void Add(std::string_view lmdb_key, Payload payload, AttributeValue full_sort_key = {}) {
    if (!IsOverflowKey(lmdb_key)) {
      FlushBucket();
      ready_.push_back(Entry{std::move(payload), std::move(full_sort_key)});
      return;
    }
    assert(!full_sort_key.is(AttributeValue::Type::kNull) && "overflow keys need the sort key");
    const std::string_view bucket = BucketPrefix(lmdb_key);
    if (!in_bucket_ || bucket != bucket_prefix_) {
      FlushBucket();
      bucket_prefix_.assign(bucket);
      in_bucket_ = true;
    }
    bucket_.push_back(Entry{std::move(payload), std::move(full_sort_key)});
  }

  // Ends the input: a pending bucket becomes ready.
  void Finish() { FlushBucket(); }

  // Moves the next entry in DynamoDB order to *out. Returns false when no
  // entry is ready yet (more input or Finish() needed) or all were taken.
  bool Next(Entry* out) {
    if (head_ == ready_.size()) return false;
    *out = std::move(ready_[head_++]);
    if (head_ == ready_.size()) {  // reuse the storage
      ready_.clear();
      head_ = 0;
    }
    return true;
  }

  // Entries held back in an unfinished bucket.
  size_t pending() const { return bucket_.size(); }

  // Drops all state, keeping allocated storage, for a new partition.
  void Reset(Direction direction) {
    direction_ = direction;
    ready_.clear();
    head_ = 0;
    bucket_.clear();
    in_bucket_ = false;
  }

 private:
  void FlushBucket() {
    if (!in_bucket_) return;
    in_bucket_ = false;
    const bool forward = direction_ == Direction::kForward;
    std::stable_sort(bucket_.begin(), bucket_.end(), [forward](const Entry& a, const Entry& b) {
      const int c = CompareKeyValues(a.sort_key, b.sort_key);
      return forward ? c < 0 : c > 0;
    });
    for (Entry& e : bucket_) ready_.push_back(std::move(e));
    bucket_.clear();
  }

  Direction direction_;
  std::vector<Entry> ready_;  // ready_[head_..] await Next()
  size_t head_ = 0;
  std::vector<Entry> bucket_;
  std::string bucket_prefix_;
  bool in_bucket_ = false;
};

}  // namespace lmddb::keycodec

#endif  // LMDDB_ENGINE_KEYCODEC_PARTITION_ORDER_H_
