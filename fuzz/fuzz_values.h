// Deterministic attribute values for the fuzz targets: the fixed
// ExpressionAttributeNames / ExpressionAttributeValues the seeds refer to
// (#n0..#n3, :v0..:v3 and friends, listed in fuzz/README.md), and a small
// generator that turns input bytes into nested values of all ten types with
// bounded depth and size.
//
// Header-only: each fuzz target is one translation unit plus this file.
// Thread safety: the fuzz targets are single-threaded; nothing here is shared.
#ifndef LMDDB_FUZZ_FUZZ_VALUES_H_
#define LMDDB_FUZZ_FUZZ_VALUES_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/expr/parser.h"
#include "lmddb/attribute_value.hpp"
#include "lmddb/number.hpp"

namespace lmddb::fuzz {

// Reads input bytes front to back; past the end every byte reads as 0, so
// a short input still yields a (small) value.
class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  uint8_t Byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  bool empty() const { return pos_ >= size_; }
  // Up to `max` raw bytes.
  std::string Bytes(size_t max) {
    const size_t n = std::min(max, size_ - pos_);
    std::string out(reinterpret_cast<const char*>(data_ + pos_), n);
    pos_ += n;
    return out;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

// A number the pool entries below are known to parse as.
inline AttributeValue Num(std::string_view text) {
  auto v = AttributeValue::ParseN(text);
  return v.ok() ? std::move(*v) : AttributeValue::N(Number());
}

// Attribute names: the ones the fixed #placeholders map to, so generated
// items and seed expressions meet. Includes names that need a placeholder
// (a reserved word, a dot, a space).
inline constexpr std::string_view kNamePool[] = {
    "a", "b", "c", "d",  "pk",  "sk",         "status", "count",
    "l", "m", "s", "ns", "x.y", "with space", "size",
};

inline constexpr std::string_view kStringPool[] = {
    "abc", "x", "y", "a", "ab", "", "N", "S", "L", "M", "active", "\xc3\xa9t\xc3\xa9",
};

inline constexpr std::string_view kNumberPool[] = {
    "0",
    "1",
    "5",
    "-2.5",
    "100",
    "2",
    "0.1",
    "-1",
    "9.9999999999999999999999999999999999999E+125",  // largest magnitude
    "-9.9999999999999999999999999999999999999E+125",
    "1E-130",                                  // smallest magnitude
    "12345678901234567890123456789012345678",  // 38 digits
};

// The request's ExpressionAttributeNames every target offers.
inline expr::AttributeNames FixedNames() {
  expr::AttributeNames names = {
      {"#n0", "a"},    {"#n1", "b"},          {"#n2", "c"},          {"#n3", "d"},
      {"#pk", "pk"},   {"#sk", "sk"},         {"#status", "status"}, {"#count", "count"},
      {"#l", "l"},     {"#m", "m"},           {"#s", "s"},           {"#ns", "ns"},
      {"#dot", "x.y"}, {"#sp", "with space"}, {"#size", "size"},
  };
  return names;
}

// The request's ExpressionAttributeValues every target offers: each type,
// boundary numbers, the type names attribute_type takes, empty containers.
inline Item FixedValues() {
  Item values;
  values[":v0"] = AttributeValue::S("abc");
  values[":v1"] = Num("5");
  values[":v2"] = AttributeValue::L({Num("1"), AttributeValue::S("x")});
  values[":v3"] = AttributeValue::M(Item{{"a", Num("1")}, {"b", AttributeValue::S("y")}});
  values[":one"] = Num("1");
  values[":zero"] = Num("0");
  values[":neg"] = Num("-2.5");
  values[":big"] = Num(kNumberPool[8]);
  values[":tiny"] = Num("1E-130");
  values[":limit"] = Num("100");
  values[":a"] = AttributeValue::S("a");
  values[":p"] = AttributeValue::S("ab");
  values[":x"] = AttributeValue::S("x");
  values[":active"] = AttributeValue::S("active");
  values[":empty"] = AttributeValue::S("");
  values[":b"] = AttributeValue::B(std::string("a\0b", 3));
  values[":bool"] = AttributeValue::Bool(true);
  values[":false"] = AttributeValue::Bool(false);
  values[":null"] = AttributeValue::Null();
  values[":s"] = AttributeValue::SS({"x", "y"});
  values[":ns"] = AttributeValue::NS({Number::FromInt64(1), Number::FromInt64(2)});
  values[":bs"] = AttributeValue::BS({std::string("\x00\x01", 2), "b"});
  values[":el"] = AttributeValue::L({});
  values[":em"] = AttributeValue::M({});
  values[":l1"] = AttributeValue::L({AttributeValue::S("z")});
  static constexpr std::string_view kTypes[] = {"S", "N", "B",  "BOOL", "NULL",
                                                "L", "M", "SS", "NS",   "BS"};
  for (std::string_view t : kTypes)
    values[std::string(":t") + std::string(t)] = AttributeValue::S(std::string(t));
  return values;
}

// Turns bytes into values. Every value it makes passes
// value::ValidateAttributeValue: sets are non-empty, duplicate-free and
// hold no empty members; nesting stays within kMaxLevel.
class ValueGenerator {
 public:
  // Levels as validate.h counts them: a top-level attribute value is 1.
  static constexpr int kMaxLevel = 8;
  static constexpr int kMaxNodes = 64;
  static constexpr int kMaxAttributes = 8;
  static constexpr int kMaxElements = 5;

  explicit ValueGenerator(ByteReader* in) : in_(in) {}

  Item GenerateItem() {
    Item item;
    const int n = in_->Byte() % (kMaxAttributes + 1);
    for (int i = 0; i < n; ++i) {
      std::string name = MakeName();
      item[std::move(name)] = Value(1);
    }
    return item;
  }

  AttributeValue Value(int level) {
    ++nodes_;
    int type = in_->Byte() % 10;
    const bool container = type == 5 || type == 6;
    if (container && (level >= kMaxLevel || nodes_ >= kMaxNodes)) type = 0;
    switch (type) {
      case 0:
        return AttributeValue::S(MakeString(/*allow_empty=*/true));
      case 1:
        return AttributeValue::N(MakeNumber());
      case 2:
        return AttributeValue::B(MakeString(/*allow_empty=*/true));
      case 3:
        return AttributeValue::Bool(in_->Byte() & 1);
      case 4:
        return AttributeValue::Null();
      case 5: {
        AttributeValue::List list;
        const int n = in_->Byte() % (kMaxElements + 1);
        for (int i = 0; i < n && nodes_ < kMaxNodes; ++i) list.push_back(Value(level + 1));
        return AttributeValue::L(std::move(list));
      }
      case 6: {
        Item map;
        const int n = in_->Byte() % (kMaxElements + 1);
        for (int i = 0; i < n && nodes_ < kMaxNodes; ++i) {
          std::string name = MakeName();
          map[std::move(name)] = Value(level + 1);
        }
        return AttributeValue::M(std::move(map));
      }
      case 7:
      case 9: {
        std::vector<std::string> members;
        const int n = 1 + in_->Byte() % 4;
        for (int i = 0; i < n; ++i) {
          std::string m = MakeString(/*allow_empty=*/false);
          if (std::find(members.begin(), members.end(), m) == members.end())
            members.push_back(std::move(m));
        }
        return type == 7 ? AttributeValue::SS(std::move(members))
                         : AttributeValue::BS(std::move(members));
      }
      default: {
        std::vector<Number> members;
        const int n = 1 + in_->Byte() % 4;
        for (int i = 0; i < n; ++i) {
          Number m = MakeNumber();
          if (std::find(members.begin(), members.end(), m) == members.end()) members.push_back(m);
        }
        return AttributeValue::NS(std::move(members));
      }
    }
  }

 private:
  std::string MakeName() {
    const uint8_t b = in_->Byte();
    if (b < 224) return std::string(kNamePool[b % std::size(kNamePool)]);
    std::string raw = in_->Bytes(1 + b % 6);  // any bytes, but never empty
    return raw.empty() ? std::string("e") : raw;
  }

  std::string MakeString(bool allow_empty) {
    const uint8_t b = in_->Byte();
    std::string s;
    if (b < 160) {
      s = std::string(kStringPool[b % std::size(kStringPool)]);
    } else {
      s = in_->Bytes(b % 12);
    }
    if (s.empty() && !allow_empty) s = "e";
    return s;
  }

  // A pool number, or one built from raw parts within DynamoDB's range.
  Number MakeNumber() {
    const uint8_t b = in_->Byte();
    if (b < 160) return Num(kNumberPool[b % std::size(kNumberPool)]).n();
    Number::Coefficient c = 0;
    for (int i = 0; i < 8; ++i) c = (c << 8) | in_->Byte();
    const int exponent = static_cast<int8_t>(in_->Byte());
    auto n = Number::FromParts(b & 1, c, exponent);
    return n.ok() ? *n : Number::FromInt64(static_cast<int64_t>(b) - 200);
  }

  ByteReader* in_;
  int nodes_ = 0;
};

}  // namespace lmddb::fuzz

#endif  // LMDDB_FUZZ_FUZZ_VALUES_H_
