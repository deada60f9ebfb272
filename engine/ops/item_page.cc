// The page reader (item_page.h).
#include "engine/ops/item_page.h"

#include <algorithm>
#include <utility>

#include "engine/common/status_macros.h"
#include "engine/expr/evaluate.h"
#include "engine/expr/projection.h"
#include "engine/keycodec/primary_key.h"
#include "engine/ops/capacity.h"
#include "engine/value/item_codec.h"
#include "engine/value/item_record.h"

namespace lmddb::ops {
namespace {

using keycodec::Direction;

// One stored item on its way through the orderer. Views point into the
// memory map, which LMDB keeps valid until the read transaction ends
// (lmdb.h, mdb_get(): "Values returned from the database are valid only
// until a subsequent update operation, or the end of the transaction").
struct Candidate {
  std::string_view value;       // the item record
  std::string_view sort_bytes;  // the sort key's encoding; empty without a sort key
  bool partition_hashed = false;
};

Status Corrupt(std::string_view what) {
  return Status::Internal(std::string("corrupt item in the items database: ") + std::string(what));
}

class PageBuilder {
 public:
  explicit PageBuilder(const PageRequest& request)
      : request_(request), schema_(request.table->schema) {}

  // Evaluates one item in DynamoDB order. Returns false once the page is full.
  StatusOr<bool> Offer(const Candidate& c, std::string_view partition_prefix) {
    if (request_.partition_key != nullptr && c.partition_hashed) {
      // Long partition keys are stored as a digest: make sure the item is
      // really in the queried partition.
      LMDDB_ASSIGN_OR_RETURN(bool same, SamePartition(c));
      if (!same) return true;
    }
    if (request_.sort != nullptr && !request_.sort->Matches(c.sort_bytes)) return true;
    if (const ResumePoint* r = request_.resume;
        r != nullptr && partition_prefix == r->partition_prefix) {
      if (!r->sort) return true;  // hash-only: the start item itself
      const std::string_view start = *r->sort;
      const bool after = request_.direction == Direction::kForward ? c.sort_bytes > start
                                                                   : c.sort_bytes < start;
      if (!after) return true;
    }
    LMDDB_ASSIGN_OR_RETURN(value::ItemRecord record, value::ParseItemRecord(c.value));
    ++page_.result.scanned_count;
    page_.bytes_read += record.size;
    last_ = c.value;
    // The view is opened only when a filter or a projection reads it.
    value::ItemView view;
    if (request_.filter != nullptr || (request_.projection != nullptr && !request_.count_only)) {
      LMDDB_ASSIGN_OR_RETURN(view, value::ItemView::Open(record.encoded));
    }
    bool keep = true;
    if (request_.filter != nullptr) {
      LMDDB_ASSIGN_OR_RETURN(keep, expr::Evaluate(*request_.filter, view));
    }
    if (keep) {
      ++page_.result.count;
      if (!request_.count_only) {
        if (request_.projection != nullptr) {
          LMDDB_ASSIGN_OR_RETURN(Item item, expr::Project(request_.projection->paths, view));
          page_.result.items.push_back(std::move(item));
        } else {
          LMDDB_ASSIGN_OR_RETURN(Item item, value::DecodeItem(record.encoded));
          page_.result.items.push_back(std::move(item));
        }
      }
    }
    full_ = (request_.limit && page_.result.scanned_count >= *request_.limit) ||
            page_.bytes_read >= kMaxPageBytes;
    return !full_;
  }

  // The page, with LastEvaluatedKey when it ended early.
  StatusOr<Page> Finish() && {
    if (full_) {
      LMDDB_ASSIGN_OR_RETURN(value::ItemRecord record, value::ParseItemRecord(last_));
      LMDDB_ASSIGN_OR_RETURN(value::ItemView view, value::ItemView::Open(record.encoded));
      Item key;
      LMDDB_RETURN_IF_ERROR(CopyAttribute(view, schema_.hash_key.name, &key));
      if (schema_.range_key) LMDDB_RETURN_IF_ERROR(CopyAttribute(view, schema_.range_key->name, &key));
      page_.result.last_evaluated_key = std::move(key);
    }
    return std::move(page_);
  }

 private:
  StatusOr<bool> SamePartition(const Candidate& c) const {
    LMDDB_ASSIGN_OR_RETURN(value::ItemRecord record, value::ParseItemRecord(c.value));
    LMDDB_ASSIGN_OR_RETURN(value::ItemView view, value::ItemView::Open(record.encoded));
    const std::optional<value::ValueView> pk = view.Find(schema_.hash_key.name);
    if (!pk || pk->type != request_.partition_key->type()) return Corrupt("partition key");
    const AttributeValue& want = *request_.partition_key;
    return pk->payload == (want.type() == AttributeValue::Type::kS ? want.s() : want.b());
  }

  static Status CopyAttribute(const value::ItemView& view, const std::string& name, Item* out) {
    const std::optional<value::ValueView> v = view.Find(name);
    if (!v) return Corrupt("key attribute missing");
    LMDDB_ASSIGN_OR_RETURN(AttributeValue decoded, value::ItemView::Decode(*v));
    out->emplace(name, std::move(decoded));
    return Status::Ok();
  }

  const PageRequest& request_;
  const catalog::TableSchema& schema_;
  Page page_;
  std::string_view last_;  // record of the last item evaluated
  bool full_ = false;
};

// The sort key bytes of an overflow key, which only the item holds in full.
StatusOr<std::string_view> FullSortKey(const catalog::KeyAttribute& sort_key,
                                       std::string_view record_bytes) {
  LMDDB_ASSIGN_OR_RETURN(value::ItemRecord record, value::ParseItemRecord(record_bytes));
  LMDDB_ASSIGN_OR_RETURN(value::ItemView view, value::ItemView::Open(record.encoded));
  const std::optional<value::ValueView> v = view.Find(sort_key.name);
  if (!v || v->type != sort_key.type || sort_key.type == AttributeValue::Type::kN) {
    return Corrupt("sort key of an overflow key");
  }
  return v->payload;  // S and B payloads are their raw bytes: the key encoding
}

}  // namespace

ResumePoint ResumeAfter(const AttributeValue& partition_key, const AttributeValue* sort_key,
                        Direction direction) {
  ResumePoint r;
  r.partition_prefix = keycodec::EncodePartitionPrefix(partition_key);
  if (sort_key == nullptr) {
    r.seek_key = keycodec::EncodePrimaryKey(partition_key, nullptr);
    return r;
  }
  r.sort = KeyBytes(*sort_key);
  // Seek to the bound of the start key's bucket, never into it: items of
  // the bucket sort by digest, so the orderer needs all of them.
  r.seek_key = direction == Direction::kForward
                   ? keycodec::EncodeSortKeyLowerBound(partition_key, *sort_key)
                   : keycodec::EncodeSortKeyUpperBound(partition_key, *sort_key);
  return r;
}

StatusOr<Page> ReadPage(storage::ReadTxn& txn, const PageRequest& request) {
  const catalog::TableSchema& schema = request.table->schema;
  const bool forward = request.direction == Direction::kForward;
  std::string_view start = forward ? request.lo : request.hi;
  if (request.resume != nullptr) {
    const std::string_view seek = request.resume->seek_key;
    start = forward ? std::max(start, seek) : std::min(start, seek);
  }
  LMDDB_ASSIGN_OR_RETURN(storage::Cursor cursor, txn.OpenCursor(request.table->items));
  PageBuilder page(request);
  keycodec::SortKeyOrderer<Candidate> orderer(request.direction);
  keycodec::SortKeyOrderer<Candidate>::Entry entry;
  std::string partition;  // prefix of the partition the orderer holds
  bool more = true;
  // Emits the orderer's ready entries; stops when the page is full.
  auto drain = [&]() -> Status {
    while (more && orderer.Next(&entry)) {
      LMDDB_ASSIGN_OR_RETURN(more, page.Offer(entry.payload, partition));
    }
    return Status::Ok();
  };
  bool valid = forward ? cursor.Seek(start) : cursor.SeekForPrev(start);
  for (; more && valid; valid = forward ? cursor.Next() : cursor.Prev()) {
    const std::string_view key = cursor.Key();
    if (forward ? key > std::string_view(request.hi) : key < std::string_view(request.lo)) break;
    LMDDB_ASSIGN_OR_RETURN(keycodec::PrimaryKeyParts parts, keycodec::ParsePrimaryKey(key));
    if (parts.partition_prefix != partition) {
      // A new partition (Scan): release the previous one's last bucket.
      orderer.Finish();
      LMDDB_RETURN_IF_ERROR(drain());
      if (!more) break;
      orderer.Reset(request.direction);
      partition.assign(parts.partition_prefix);
    }
    Candidate c;
    c.value = cursor.Value();
    c.partition_hashed = parts.partition_key_hashed;
    if (parts.sort_key_overflow) {
      if (!schema.range_key) return Corrupt("sort key in a hash-only table");
      LMDDB_ASSIGN_OR_RETURN(c.sort_bytes, FullSortKey(*schema.range_key, c.value));
      AttributeValue full = schema.range_key->type == AttributeValue::Type::kS
                                ? AttributeValue::S(std::string(c.sort_bytes))
                                : AttributeValue::B(std::string(c.sort_bytes));
      orderer.Add(key, c, std::move(full));
    } else {
      c.sort_bytes = parts.sort_part;
      orderer.Add(key, c);
    }
    LMDDB_RETURN_IF_ERROR(drain());
  }
  LMDDB_RETURN_IF_ERROR(cursor.status());
  if (more) {
    orderer.Finish();
    LMDDB_RETURN_IF_ERROR(drain());
  }
  return std::move(page).Finish();
}

QueryResult PageResult(Page page, std::string_view table_name,
                       std::optional<ReturnConsumedCapacity> mode, bool consistent_read) {
  CapacityTally tally(mode, CapacityKind::kRead);
  if (tally.wanted()) {
    tally.Add(table_name, ReadUnits(page.bytes_read, consistent_read));
    page.result.consumed_capacity = tally.ForTable(table_name);
  }
  return std::move(page.result);
}

}  // namespace lmddb::ops
