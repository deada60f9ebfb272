// Capacity units as DynamoDB would charge them, for ReturnConsumedCapacity.
//
//   reads:  ceil(bytes / 4 KB) units, at least 1; half for an eventually
//           consistent read. GetItem, BatchGetItem and TransactGetItems
//           charge each item on its own; Query and Scan charge once for
//           the total size of the items they evaluated (before the filter).
//   writes: ceil(max(old size, new size) / 1 KB) units, at least 1 (a
//           delete of a missing item, a failed condition: 1).
//   transactions: every item's units doubled.
//
// Sizes are DynamoDB item sizes (value/item_size.h), as stored in front of
// every item record.
#ifndef LMDDB_ENGINE_OPS_CAPACITY_H_
#define LMDDB_ENGINE_OPS_CAPACITY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lmddb/operations.hpp"

namespace lmddb::ops {

inline constexpr uint64_t kReadUnitBytes = 4096;
inline constexpr uint64_t kWriteUnitBytes = 1024;

// Read units for `bytes` read in one charge.
double ReadUnits(uint64_t bytes, bool consistent_read);
// Write units for an item write whose larger image (old or new) is `bytes`.
double WriteUnits(uint64_t bytes);

enum class CapacityKind { kRead, kWrite };

// Per-table totals of one operation, reported in DynamoDB's shapes:
//   TOTAL:   {TableName, CapacityUnits}
//   INDEXES: the same plus Table {CapacityUnits}
// Transactional operations also report ReadCapacityUnits or
// WriteCapacityUnits (at the top and in Table), as DynamoDB does for them.
class CapacityTally {
 public:
  CapacityTally(std::optional<ReturnConsumedCapacity> mode, CapacityKind kind,
                bool transactional = false)
      : mode_(mode.value_or(ReturnConsumedCapacity::kNone)),
        kind_(kind),
        transactional_(transactional) {}

  // False for NONE: callers may skip computing sizes.
  bool wanted() const { return mode_ != ReturnConsumedCapacity::kNone; }

  // Adds `units` to `table` (doubled when transactional). Tables are
  // reported in the order they were first added.
  void Add(std::string_view table, double units);

  // The single table's report (single-table operations); nullopt for NONE.
  std::optional<ConsumedCapacity> ForTable(std::string_view table) const;
  // One report per table (batches, transactions); nullopt for NONE.
  std::optional<std::vector<ConsumedCapacity>> PerTable() const;

 private:
  ConsumedCapacity Report(const std::string& table, double units) const;

  ReturnConsumedCapacity mode_;
  CapacityKind kind_;
  bool transactional_;
  std::vector<std::pair<std::string, double>> totals_;  // few tables: linear search
};

}  // namespace lmddb::ops

#endif  // LMDDB_ENGINE_OPS_CAPACITY_H_
