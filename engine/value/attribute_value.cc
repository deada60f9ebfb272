// AttributeValue equality and type names (lmddb/attribute_value.hpp).
#include "lmddb/attribute_value.hpp"

#include <algorithm>

namespace lmddb {
namespace {

// Sets are unordered: compare as sorted copies. Sets are small in practice
// and equality is not on a hot path.
template <typename T>
bool SameSet(std::vector<T> a, std::vector<T> b) {
  if (a.size() != b.size()) return false;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

}  // namespace

StatusOr<AttributeValue> AttributeValue::ParseN(std::string_view text) {
  StatusOr<Number> n = Number::Parse(text);
  if (!n.ok()) return n.status();
  return N(*n);
}

bool AttributeValue::operator==(const AttributeValue& other) const {
  if (type() != other.type()) return false;
  switch (type()) {
    case Type::kSS: return SameSet(ss(), other.ss());
    case Type::kNS: return SameSet(ns(), other.ns());
    case Type::kBS: return SameSet(bs(), other.bs());
    default: return rep_ == other.rep_;
  }
}

const char* TypeName(AttributeValue::Type type) {
  switch (type) {
    case AttributeValue::Type::kS: return "S";
    case AttributeValue::Type::kN: return "N";
    case AttributeValue::Type::kB: return "B";
    case AttributeValue::Type::kBool: return "BOOL";
    case AttributeValue::Type::kNull: return "NULL";
    case AttributeValue::Type::kL: return "L";
    case AttributeValue::Type::kM: return "M";
    case AttributeValue::Type::kSS: return "SS";
    case AttributeValue::Type::kNS: return "NS";
    case AttributeValue::Type::kBS: return "BS";
  }
  return "?";
}

}  // namespace lmddb
