// Fuzzes what runs after parsing: Evaluate (evaluate.h), Project
// (projection.h) and ApplyUpdate (update.h), on items generated from the
// input and stored with the item codec. Checks invariants and traps when
// one breaks:
//   - a generated item is valid and survives EncodeItem / DecodeItem;
//   - Evaluate and Project on a well-formed stored item never fail;
//   - Project from the stored item equals Project from the decoded item;
//   - a projection of a valid item is a valid item;
//   - ApplyUpdate fails only with a ValidationException; when it succeeds,
//     every set it leaves is non-empty and duplicate-free, and a result
//     within DynamoDB's limits encodes, decodes back to itself, and reads
//     the same through ItemView.
//
// Input layout (readable text for the seeds):
//   line 1   ConditionExpression
//   line 2   UpdateExpression
//   line 3   ProjectionExpression
//   rest     bytes for fuzz_values.h's generator, which builds the stored
//            item; with no bytes left, a fixed sample item holding every
//            type under the names the fixed placeholders stand for.
// All three expressions share one context with the fixed
// ExpressionAttributeNames / ExpressionAttributeValues of fuzz_values.h.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/expr/ast.h"
#include "engine/expr/evaluate.h"
#include "engine/expr/parser.h"
#include "engine/expr/projection.h"
#include "engine/expr/update.h"
#include "engine/value/item_codec.h"
#include "engine/value/validate.h"
#include "fuzz/fuzz_values.h"
#include "lmddb/attribute_value.hpp"
#include "lmddb/status.hpp"

namespace {

using lmddb::AttributeValue;
using lmddb::ErrorType;
using lmddb::Item;
using lmddb::expr::Condition;
using lmddb::expr::DocumentPath;
using lmddb::expr::ExpressionContext;
using lmddb::expr::ExpressionKind;
using lmddb::fuzz::Num;

#define FUZZ_CHECK(cond)           \
  do {                             \
    if (!(cond)) __builtin_trap(); \
  } while (0)

Item SampleItem() {
  Item item;
  item["pk"] = AttributeValue::S("user#1");
  item["sk"] = Num("7");
  item["status"] = AttributeValue::S("active");
  item["count"] = Num("5");
  item["a"] = AttributeValue::S("abc");
  item["b"] = Num("1");
  item["c"] = AttributeValue::L(
      {Num("1"), AttributeValue::S("x"), AttributeValue::M(Item{{"a", Num("2")}})});
  item["d"] = AttributeValue::M(Item{{"a", Num("1")},
                                     {"b", AttributeValue::S("y")},
                                     {"l", AttributeValue::L({AttributeValue::S("z")})}});
  item["l"] = AttributeValue::L({Num("1"), Num("2"), Num("3")});
  item["m"] = AttributeValue::M(Item{{"a", AttributeValue::S("x")}, {"m", AttributeValue::M({})}});
  item["s"] = AttributeValue::SS({"x", "y"});
  item["ns"] = AttributeValue::NS({lmddb::Number::FromInt64(1), lmddb::Number::FromInt64(2)});
  item["x.y"] = AttributeValue::Bool(true);
  item["with space"] = AttributeValue::Null();
  item["size"] = AttributeValue::B(std::string("bin\0", 4));
  return item;
}

std::string_view NextLine(std::string_view* rest) {
  const size_t end = rest->find('\n');
  std::string_view line = rest->substr(0, end);
  rest->remove_prefix(end == std::string_view::npos ? rest->size() : end + 1);
  return line;
}

std::string Encode(const Item& item) {
  std::string bytes;
  lmddb::value::EncodeItem(item, &bytes);
  return bytes;
}

// `item` is valid: its encoding must read back as itself, through DecodeItem
// and through ItemView.
lmddb::value::ItemView CheckStored(const Item& item, const std::string& bytes) {
  auto decoded = lmddb::value::DecodeItem(bytes);
  FUZZ_CHECK(decoded.ok() && *decoded == item);
  auto view = lmddb::value::ItemView::Open(bytes);
  FUZZ_CHECK(view.ok() && view->size() == item.size());
  for (const auto& [name, value] : item) {
    auto found = view->Find(name);
    FUZZ_CHECK(found.has_value());
    auto v = lmddb::value::DecodeValue(*found);
    FUZZ_CHECK(v.ok() && *v == value);
  }
  return *view;
}

void CheckCondition(const Condition* condition, const lmddb::value::ItemView& view) {
  if (condition == nullptr) return;
  FUZZ_CHECK(lmddb::expr::Evaluate(*condition, view).ok());
}

void CheckProjection(const std::vector<DocumentPath>* paths, const Item& item,
                     const lmddb::value::ItemView& view) {
  if (paths == nullptr) return;
  auto from_view = lmddb::expr::Project(*paths, view);
  FUZZ_CHECK(from_view.ok());
  const Item from_item = lmddb::expr::Project(*paths, item);
  FUZZ_CHECK(*from_view == from_item);
  FUZZ_CHECK(from_item.size() <= item.size());
  FUZZ_CHECK(lmddb::value::ValidateItem(from_item).ok());
}

// After a successful update: sets stay valid; a result within limits is
// storable and reads back the same.
void CheckUpdated(const Item& updated, const Condition* condition,
                  const std::vector<DocumentPath>* projection,
                  const std::vector<DocumentPath>& updated_paths) {
  for (const auto& [name, value] : updated) {
    FUZZ_CHECK(!name.empty());
    lmddb::Status status = lmddb::value::ValidateAttributeValue(value);
    // Nesting past DynamoDB's limit is the caller's check; set rules are not.
    FUZZ_CHECK(status.ok() || status.message().find("Nesting Levels") != std::string::npos);
  }
  if (!lmddb::value::ValidateItem(updated).ok()) return;  // too large or too deep to store
  const std::string bytes = Encode(updated);
  const lmddb::value::ItemView view = CheckStored(updated, bytes);
  CheckCondition(condition, view);
  CheckProjection(projection, updated, view);
  CheckProjection(&updated_paths, updated, view);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  const std::string_view condition_text = NextLine(&rest);
  const std::string_view update_text = NextLine(&rest);
  const std::string_view projection_text = NextLine(&rest);

  Item item;
  if (rest.empty()) {
    item = SampleItem();
  } else {
    lmddb::fuzz::ByteReader in(reinterpret_cast<const uint8_t*>(rest.data()), rest.size());
    lmddb::fuzz::ValueGenerator generator(&in);
    item = generator.GenerateItem();
  }
  FUZZ_CHECK(lmddb::value::ValidateItem(item).ok());
  const std::string bytes = Encode(item);
  const lmddb::value::ItemView view = CheckStored(item, bytes);

  const lmddb::expr::AttributeNames names = lmddb::fuzz::FixedNames();
  const Item values = lmddb::fuzz::FixedValues();
  ExpressionContext context(&names, &values);
  auto condition = context.ParseCondition(condition_text, ExpressionKind::kCondition);
  auto update = context.ParseUpdate(update_text);
  auto projection = context.ParseProjection(projection_text);
  const Condition* cond = condition.ok() ? &*condition : nullptr;
  const std::vector<DocumentPath>* paths = projection.ok() ? &projection->paths : nullptr;

  CheckCondition(cond, view);
  CheckCondition(cond, lmddb::value::ItemView());  // no stored item
  CheckProjection(paths, item, view);

  if (update.ok()) {
    const std::vector<DocumentPath> updated_paths = lmddb::expr::UpdatedPaths(*update);
    // On the stored item, and on a missing one (an upsert).
    const Item* const bases[] = {&item, nullptr};
    for (const Item* base : bases) {
      Item updated = base != nullptr ? *base : Item();
      lmddb::Status status = lmddb::expr::ApplyUpdate(*update, &updated);
      if (!status.ok()) {
        FUZZ_CHECK(status.type() == ErrorType::kValidation && !status.message().empty());
        continue;
      }
      CheckUpdated(updated, cond, paths, updated_paths);
      if (base != nullptr) (void)lmddb::expr::Project(updated_paths, *base);  // UPDATED_OLD
    }
  }
  return 0;
}
