#include "engine/ops/capacity.h"

#include <algorithm>

namespace lmddb::ops {
namespace {

uint64_t Units(uint64_t bytes, uint64_t unit) { return std::max<uint64_t>(1, (bytes + unit - 1) / unit); }

}  // namespace

double ReadUnits(uint64_t bytes, bool consistent_read) {
  const double units = static_cast<double>(Units(bytes, kReadUnitBytes));
  return consistent_read ? units : units / 2;
}

double WriteUnits(uint64_t bytes) { return static_cast<double>(Units(bytes, kWriteUnitBytes)); }

void CapacityTally::Add(std::string_view table, double units) {
  if (!wanted()) return;
  if (transactional_) units *= 2;
  for (auto& [name, total] : totals_) {
    if (name == table) {
      total += units;
      return;
    }
  }
  totals_.emplace_back(std::string(table), units);
}

ConsumedCapacity CapacityTally::Report(const std::string& table, double units) const {
  ConsumedCapacity c;
  c.table_name = table;
  c.capacity_units = units;
  std::optional<double>& by_kind =
      kind_ == CapacityKind::kRead ? c.read_capacity_units : c.write_capacity_units;
  if (transactional_) by_kind = units;
  if (mode_ == ReturnConsumedCapacity::kIndexes) {
    c.table = Capacity{units, std::nullopt, std::nullopt};
    if (transactional_) {
      (kind_ == CapacityKind::kRead ? c.table->read_capacity_units
                                    : c.table->write_capacity_units) = units;
    }
  }
  return c;
}

std::optional<ConsumedCapacity> CapacityTally::ForTable(std::string_view table) const {
  if (!wanted()) return std::nullopt;
  for (const auto& [name, total] : totals_) {
    if (name == table) return Report(name, total);
  }
  return Report(std::string(table), 0);
}

std::optional<std::vector<ConsumedCapacity>> CapacityTally::PerTable() const {
  if (!wanted()) return std::nullopt;
  std::vector<ConsumedCapacity> out;
  out.reserve(totals_.size());
  for (const auto& [name, total] : totals_) out.push_back(Report(name, total));
  return out;
}

}  // namespace lmddb::ops
