// Fuzzes the expression parser (engine/expr/parser.h) with every
// expression kind. Any input may be rejected; none may crash, leak, or
// trip a sanitizer, and every rejection must be a ValidationException.
//
// Input layout (chosen so that seeds are readable text):
//   byte 0      selector s. kind = s % 6: 0 ConditionExpression,
//               1 FilterExpression, 2 KeyConditionExpression,
//               3 ProjectionExpression, 4 UpdateExpression, 5 the text as
//               all of them through one context (as one request with
//               several expressions). With q = s / 6: q & 3 derived entries
//               (below); q & 4: no ExpressionAttributeNames at all;
//               q & 16: no ExpressionAttributeValues at all; q & 8: the
//               fixed entries of fuzz_values.h are offered. The digits
//               '0'..'5' select a kind with the fixed entries and nothing
//               else.
//   last bytes  one byte per derived entry, taken from the end: entry i
//               adds "#d<i>" and ":d<i>", plus a key made of the raw byte,
//               with a name and a value chosen by that byte.
//   the rest    the expression text.
// Then CheckAllUsed, as a request does after parsing.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "engine/expr/ast.h"
#include "engine/expr/parser.h"
#include "engine/expr/update.h"
#include "fuzz/fuzz_values.h"
#include "lmddb/attribute_value.hpp"
#include "lmddb/status.hpp"

namespace {

using lmddb::AttributeValue;
using lmddb::ErrorType;
using lmddb::Item;
using lmddb::Status;
using lmddb::expr::AttributeNames;
using lmddb::expr::ExpressionContext;
using lmddb::expr::ExpressionKind;

// Names a derived placeholder may stand for: odd ones included (empty, a
// keyword, non-UTF-8, longer than DynamoDB's 255-byte limit).
const std::string& DerivedName(uint8_t b) {
  static const std::string kNames[] = {
      "a",        "b",   "status", "",    "SET", "x.y", "[0]", std::string(300, 'n'),
      "\xff\xfe", "#n0", ":v0",    "a b",
  };
  return kNames[b % std::size(kNames)];
}

AttributeValue DerivedValue(uint8_t b) {
  // One of each type, plus the fixed set's values.
  const uint8_t type = b % 10;
  const uint8_t seed[] = {
      static_cast<uint8_t>(b / 10), b, static_cast<uint8_t>(b * 7), 3, 1, 4, 1, 5, 9, 2};
  // Force the generator's type choice with the first byte.
  uint8_t bytes[sizeof(seed) + 1];
  bytes[0] = type;
  std::copy(std::begin(seed), std::end(seed), bytes + 1);
  lmddb::fuzz::ByteReader in(bytes, sizeof(bytes));
  lmddb::fuzz::ValueGenerator gen(&in);
  return gen.Value(1);
}

// A parse failure must be a ValidationException: anything else (Internal,
// an empty message) is a bug.
void CheckRejection(const Status& status) {
  if (status.ok()) return;
  if (status.type() != ErrorType::kValidation || status.message().empty()) __builtin_trap();
}

template <typename T>
void CheckResult(const lmddb::StatusOr<T>& result) {
  CheckRejection(result.status());
}

void ParseAs(ExpressionContext& context, int kind, std::string_view text) {
  switch (kind) {
    case 0:
    case 1: {
      auto c = context.ParseCondition(
          text, kind == 0 ? ExpressionKind::kCondition : ExpressionKind::kFilter);
      CheckResult(c);
      break;
    }
    case 2: {
      auto k = context.ParseKeyCondition(text);
      CheckResult(k);
      if (k.ok()) {
        if (k->parts.empty() || k->parts.size() > 2) __builtin_trap();
        for (const auto& part : k->parts) {
          if (part.value == nullptr) __builtin_trap();
        }
      }
      break;
    }
    case 3: {
      auto p = context.ParseProjection(text);
      CheckResult(p);
      if (p.ok()) {
        if (p->paths.empty()) __builtin_trap();
        for (const auto& path : p->paths) (void)lmddb::expr::PathToString(path);
      }
      break;
    }
    case 4: {
      auto u = context.ParseUpdate(text);
      CheckResult(u);
      if (u.ok()) {
        for (const auto& path : lmddb::expr::UpdatedPaths(*u)) {
          if (path.elements.empty()) __builtin_trap();
          (void)lmddb::expr::PathToString(path);
        }
      }
      break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t selector = data[0];
  const int kind = selector % 6;
  const int q = selector / 6;
  const uint8_t* rest = data + 1;
  size_t rest_size = size - 1;

  AttributeNames names;
  Item values;
  if (q & 8) {
    names = lmddb::fuzz::FixedNames();
    values = lmddb::fuzz::FixedValues();
  }
  for (int i = 0; i < (q & 3) && rest_size > 0; ++i) {
    const uint8_t b = rest[--rest_size];
    const std::string index = std::to_string(i);
    names["#d" + index] = DerivedName(b);
    values[":d" + index] = DerivedValue(b);
    names["#" + std::string(1, static_cast<char>(b))] = DerivedName(b / 3);
    values[":" + std::string(1, static_cast<char>(b))] = DerivedValue(b / 3);
  }
  const std::string_view text(reinterpret_cast<const char*>(rest), rest_size);

  ExpressionContext context((q & 4) ? nullptr : &names, (q & 16) ? nullptr : &values);
  if (kind < 5) {
    ParseAs(context, kind, text);
  } else {
    for (int k = 0; k < 5; ++k) ParseAs(context, k, text);
  }
  CheckRejection(context.CheckAllUsed());
  return 0;
}
