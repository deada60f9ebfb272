// expr_bench: the CPU cost of DynamoDB expressions in the engine (engine/
// expr), without storage: parsing, evaluating a condition against a stored
// item, projecting from a stored item, and applying an update to a decoded
// item. Figures and the command are in bench/README.md ("Expressions").
//
// Workload:
//   condition   attribute_exists(#pk) AND #status = :active AND #count < :limit
//               (63 characters; it holds for the item below)
//   update      SET #a = :a, #b = #b + :one REMOVE #c ADD #n :one DELETE #s :s
//   projection  #status, profile.city, history[1]
//   item        ~1 KiB stored: 11 attributes, among them a 900-byte string,
//               a map, a list and a string set (see MakeItem)
//
// Benchmarks (items/s = expressions parsed, or items evaluated / projected /
// updated, per second of CPU time; single-threaded, no I/O):
//   BM_ParseCondition   one ExpressionContext + ParseCondition, as a request does
//   BM_ParseUpdate      one ExpressionContext + ParseUpdate
//   BM_OpenItemView     ItemView::Open of the stored item (framing check), for reference
//   BM_Evaluate         Evaluate(condition, view), view opened once
//   BM_ProjectView      Project(3 paths, view): locates and decodes only those
//   BM_DecodeItem       DecodeItem of the whole stored item, for reference
//   BM_CopyItem         copying the decoded item (std::map), for reference
//   BM_ApplyUpdate      copy of the decoded item + ApplyUpdate (subtract BM_CopyItem)
//
// Only Google Benchmark writes to stdout.
#include <benchmark/benchmark.h>

#include <string>
#include <string_view>
#include <vector>

#include "engine/expr/ast.h"
#include "engine/expr/evaluate.h"
#include "engine/expr/parser.h"
#include "engine/expr/projection.h"
#include "engine/expr/update.h"
#include "engine/value/item_codec.h"
#include "lmddb/attribute_value.hpp"
#include "lmddb/number.hpp"

namespace {

using lmddb::AttributeValue;
using lmddb::Item;
using lmddb::Number;
using lmddb::expr::AttributeNames;
using lmddb::expr::ExpressionContext;
using lmddb::expr::ExpressionKind;

constexpr std::string_view kCondition =
    "attribute_exists(#pk) AND #status = :active AND #count < :limit";
constexpr std::string_view kUpdate =
    "SET #a = :a, #b = #b + :one REMOVE #c ADD #n :one DELETE #s :s";
constexpr std::string_view kProjection = "#status, profile.city, history[1]";

AttributeValue N(int64_t v) { return AttributeValue::N(Number::FromInt64(v)); }

// The request's ExpressionAttributeNames / ExpressionAttributeValues for all
// three expressions.
const AttributeNames& Names() {
  static const AttributeNames names = {
      {"#pk", "pk"}, {"#status", "status"}, {"#count", "count"}, {"#a", "a"},
      {"#b", "b"},   {"#c", "c"},           {"#n", "n"},         {"#s", "s"},
  };
  return names;
}

const Item& Values() {
  static const Item values = {
      {":active", AttributeValue::S("active")}, {":limit", N(1000)},
      {":a", AttributeValue::S("new value")},   {":one", N(1)},
      {":s", AttributeValue::SS({"blue"})},
  };
  return values;
}

// ~1 KiB: the attributes the expressions name, a 900-byte payload, and a
// few nested values.
Item MakeItem() {
  std::string payload(900, 'x');
  for (size_t i = 0; i < payload.size(); i += 7) payload[i] = static_cast<char>('a' + i % 26);
  Item item;
  item["pk"] = AttributeValue::S("user#0000042");
  item["status"] = AttributeValue::S("active");
  item["count"] = N(17);
  item["payload"] = AttributeValue::S(std::move(payload));
  item["profile"] = AttributeValue::M(Item{{"city", AttributeValue::S("Lisbon")},
                                           {"zip", AttributeValue::S("1100-148")},
                                           {"age", N(41)}});
  item["history"] = AttributeValue::L({N(1700000000), N(1700003600), N(1700007200), N(1700010800)});
  item["a"] = AttributeValue::S("old value");
  item["b"] = N(5);
  item["c"] = AttributeValue::Bool(true);
  item["n"] = N(99);
  item["s"] = AttributeValue::SS({"red", "green", "blue"});
  return item;
}

const std::string& StoredItem() {
  static const std::string bytes = [] {
    std::string out;
    lmddb::value::EncodeItem(MakeItem(), &out);
    return out;
  }();
  return bytes;
}

void BM_ParseCondition(benchmark::State& state) {
  for (auto _ : state) {
    ExpressionContext context(&Names(), &Values());
    auto condition = context.ParseCondition(kCondition, ExpressionKind::kCondition);
    if (!condition.ok()) return state.SkipWithError(condition.status().message().c_str());
    benchmark::DoNotOptimize(condition);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["bytes"] = static_cast<double>(kCondition.size());
}

void BM_ParseUpdate(benchmark::State& state) {
  for (auto _ : state) {
    ExpressionContext context(&Names(), &Values());
    auto update = context.ParseUpdate(kUpdate);
    if (!update.ok()) return state.SkipWithError(update.status().message().c_str());
    benchmark::DoNotOptimize(update);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["bytes"] = static_cast<double>(kUpdate.size());
}

void BM_OpenItemView(benchmark::State& state) {
  const std::string& bytes = StoredItem();
  for (auto _ : state) {
    auto view = lmddb::value::ItemView::Open(bytes);
    if (!view.ok()) return state.SkipWithError("ItemView::Open failed");
    benchmark::DoNotOptimize(view);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["item_bytes"] = static_cast<double>(bytes.size());
}

void BM_Evaluate(benchmark::State& state) {
  ExpressionContext context(&Names(), &Values());
  auto condition = context.ParseCondition(kCondition, ExpressionKind::kCondition);
  if (!condition.ok()) return state.SkipWithError(condition.status().message().c_str());
  auto view = lmddb::value::ItemView::Open(StoredItem());
  if (!view.ok()) return state.SkipWithError("ItemView::Open failed");
  for (auto _ : state) {
    auto result = lmddb::expr::Evaluate(*condition, *view);
    if (!result.ok() || !*result) return state.SkipWithError("condition did not hold");
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_ProjectView(benchmark::State& state) {
  ExpressionContext context(&Names(), &Values());
  auto projection = context.ParseProjection(kProjection);
  if (!projection.ok()) return state.SkipWithError(projection.status().message().c_str());
  auto view = lmddb::value::ItemView::Open(StoredItem());
  if (!view.ok()) return state.SkipWithError("ItemView::Open failed");
  for (auto _ : state) {
    auto result = lmddb::expr::Project(projection->paths, *view);
    if (!result.ok() || result->size() != 3)
      return state.SkipWithError("projection lost an attribute");
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_DecodeItem(benchmark::State& state) {
  const std::string& bytes = StoredItem();
  for (auto _ : state) {
    auto item = lmddb::value::DecodeItem(bytes);
    if (!item.ok()) return state.SkipWithError("DecodeItem failed");
    benchmark::DoNotOptimize(item);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_CopyItem(benchmark::State& state) {
  const Item item = MakeItem();
  for (auto _ : state) {
    Item copy = item;
    benchmark::DoNotOptimize(copy);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_ApplyUpdate(benchmark::State& state) {
  ExpressionContext context(&Names(), &Values());
  auto update = context.ParseUpdate(kUpdate);
  if (!update.ok()) return state.SkipWithError(update.status().message().c_str());
  const Item item = MakeItem();
  for (auto _ : state) {
    Item copy = item;
    lmddb::Status status = lmddb::expr::ApplyUpdate(*update, &copy);
    if (!status.ok()) return state.SkipWithError(status.message().c_str());
    benchmark::DoNotOptimize(copy);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_ParseCondition);
BENCHMARK(BM_ParseUpdate);
BENCHMARK(BM_OpenItemView);
BENCHMARK(BM_Evaluate);
BENCHMARK(BM_ProjectView);
BENCHMARK(BM_DecodeItem);
BENCHMARK(BM_CopyItem);
BENCHMARK(BM_ApplyUpdate);

}  // namespace

BENCHMARK_MAIN();
