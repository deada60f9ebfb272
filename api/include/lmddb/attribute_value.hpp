// lmddb/attribute_value.hpp: DynamoDB's ten attribute value types and items.
//
// An AttributeValue is exactly one of S, N, B, BOOL, NULL, L, M, SS, NS, BS.
// S holds UTF-8 text, B raw bytes (base64 exists only on the JSON wire), N an
// exact Number. Sets are kept as vectors: DynamoDB does not keep set order,
// and validation (non-empty, no duplicates) happens when a value is written,
// with DynamoDB's messages.
//
// An Item maps attribute names to values. Lookups accept std::string_view.
//
// Thread safety: value types; const access from many threads is safe.
#ifndef LMDDB_ATTRIBUTE_VALUE_HPP_
#define LMDDB_ATTRIBUTE_VALUE_HPP_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "lmddb/number.hpp"

namespace lmddb {

class AttributeValue;
using Item = std::map<std::string, AttributeValue, std::less<>>;

class AttributeValue {
 public:
  // Stored on disk (item codec) and exposed in the C ABI: only grows.
  enum class Type : uint8_t {
    kS = 1,
    kN = 2,
    kB = 3,
    kBool = 4,
    kNull = 5,
    kL = 6,
    kM = 7,
    kSS = 8,
    kNS = 9,
    kBS = 10,
  };

  struct NullTag {
    bool operator==(const NullTag&) const = default;
  };
  using List = std::vector<AttributeValue>;
  using Map = Item;
  using StringSet = std::vector<std::string>;
  using NumberSet = std::vector<Number>;
  using BinarySet = std::vector<std::string>;

  AttributeValue() : rep_(NullTag{}) {}  // NULL

  static AttributeValue S(std::string s) { return AttributeValue(Rep(std::in_place_index<0>, std::move(s))); }
  static AttributeValue N(Number n) { return AttributeValue(Rep(std::in_place_index<1>, n)); }
  static AttributeValue B(std::string bytes) { return AttributeValue(Rep(std::in_place_index<2>, std::move(bytes))); }
  static AttributeValue Bool(bool b) { return AttributeValue(Rep(std::in_place_index<3>, b)); }
  static AttributeValue Null() { return AttributeValue(Rep(std::in_place_index<4>, NullTag{})); }
  static AttributeValue L(List l) { return AttributeValue(Rep(std::in_place_index<5>, std::move(l))); }
  static AttributeValue M(Map m) { return AttributeValue(Rep(std::in_place_index<6>, std::move(m))); }
  static AttributeValue SS(StringSet ss) { return AttributeValue(Rep(std::in_place_index<7>, std::move(ss))); }
  static AttributeValue NS(NumberSet ns) { return AttributeValue(Rep(std::in_place_index<8>, std::move(ns))); }
  static AttributeValue BS(BinarySet bs) { return AttributeValue(Rep(std::in_place_index<9>, std::move(bs))); }
  // Parses `text` as a DynamoDB number.
  static StatusOr<AttributeValue> ParseN(std::string_view text);

  Type type() const { return static_cast<Type>(rep_.index() + 1); }
  bool is(Type t) const { return type() == t; }

  // Accessors. REQUIRES: type() is the matching type.
  const std::string& s() const { return std::get<0>(rep_); }
  const Number& n() const { return std::get<1>(rep_); }
  const std::string& b() const { return std::get<2>(rep_); }
  bool boolean() const { return std::get<3>(rep_); }
  const List& l() const { return std::get<5>(rep_); }
  List& l() { return std::get<5>(rep_); }
  const Map& m() const { return std::get<6>(rep_); }
  Map& m() { return std::get<6>(rep_); }
  const StringSet& ss() const { return std::get<7>(rep_); }
  StringSet& ss() { return std::get<7>(rep_); }
  const NumberSet& ns() const { return std::get<8>(rep_); }
  NumberSet& ns() { return std::get<8>(rep_); }
  const BinarySet& bs() const { return std::get<9>(rep_); }
  BinarySet& bs() { return std::get<9>(rep_); }

  // DynamoDB equality: sets compare as sets (order ignored), numbers
  // numerically, everything else structurally.
  bool operator==(const AttributeValue& other) const;

 private:
  using Rep = std::variant<std::string, Number, std::string, bool, NullTag, List, Map,
                           StringSet, NumberSet, BinarySet>;
  explicit AttributeValue(Rep rep) : rep_(std::move(rep)) {}
  Rep rep_;
};

// DynamoDB's short type name: "S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS".
const char* TypeName(AttributeValue::Type type);

}  // namespace lmddb

#endif  // LMDDB_ATTRIBUTE_VALUE_HPP_
