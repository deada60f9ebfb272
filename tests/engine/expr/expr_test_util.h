// Short constructors for attribute values and items in expression tests, a
// compact rendering of them for failure messages, and items in their stored
// encoding.
#ifndef LMDDB_TESTS_ENGINE_EXPR_EXPR_TEST_UTIL_H_
#define LMDDB_TESTS_ENGINE_EXPR_EXPR_TEST_UTIL_H_

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "engine/value/item_codec.h"
#include "gtest/gtest.h"
#include "lmddb/attribute_value.hpp"

namespace lmddb::expr_test {

inline AttributeValue S(std::string s) { return AttributeValue::S(std::move(s)); }
inline AttributeValue B(std::string b) { return AttributeValue::B(std::move(b)); }
inline AttributeValue N(std::string_view text) {
  auto v = AttributeValue::ParseN(text);
  EXPECT_TRUE(v.ok()) << text;
  return v.ok() ? *v : AttributeValue::Null();
}
inline AttributeValue Bool(bool b) { return AttributeValue::Bool(b); }
inline AttributeValue Null() { return AttributeValue::Null(); }
inline AttributeValue L(std::initializer_list<AttributeValue> l) { return AttributeValue::L(l); }
inline AttributeValue M(std::initializer_list<std::pair<const std::string, AttributeValue>> m) {
  return AttributeValue::M(Item(m));
}
inline AttributeValue SS(std::initializer_list<std::string> s) { return AttributeValue::SS(s); }
inline AttributeValue BS(std::initializer_list<std::string> s) { return AttributeValue::BS(s); }
inline AttributeValue NS(std::initializer_list<std::string_view> texts) {
  AttributeValue::NumberSet ns;
  for (std::string_view t : texts) {
    auto n = Number::Parse(t);
    EXPECT_TRUE(n.ok()) << t;
    if (n.ok()) ns.push_back(*n);
  }
  return AttributeValue::NS(std::move(ns));
}
inline Item It(std::initializer_list<std::pair<const std::string, AttributeValue>> attrs) {
  return Item(attrs);
}

// A compact rendering for failure messages: {a: "x", n: 1, l: [true, null]}.
inline std::string Show(const AttributeValue& v);
inline std::string Show(const Item& item) {
  std::string out = "{";
  for (const auto& [name, value] : item) {
    if (out.size() > 1) out += ", ";
    out += name + ": " + Show(value);
  }
  return out + "}";
}
inline std::string Show(const AttributeValue& v) {
  auto join = [](const auto& members, auto show) {
    std::string out = "[";
    for (const auto& m : members) {
      if (out.size() > 1) out += ", ";
      out += show(m);
    }
    return out + "]";
  };
  auto quote = [](const std::string& s) { return "\"" + s + "\""; };
  switch (v.type()) {
    case AttributeValue::Type::kS: return quote(v.s());
    case AttributeValue::Type::kN: return v.n().ToString();
    case AttributeValue::Type::kB: return "B" + quote(v.b());
    case AttributeValue::Type::kBool: return v.boolean() ? "true" : "false";
    case AttributeValue::Type::kNull: return "null";
    case AttributeValue::Type::kL:
      return join(v.l(), [](const AttributeValue& e) { return Show(e); });
    case AttributeValue::Type::kM: return Show(v.m());
    case AttributeValue::Type::kSS: return "SS" + join(v.ss(), quote);
    case AttributeValue::Type::kNS:
      return "NS" + join(v.ns(), [](const Number& n) { return n.ToString(); });
    case AttributeValue::Type::kBS: return "BS" + join(v.bs(), quote);
  }
  return "?";
}

// An item in its stored encoding, for evaluation against an ItemView.
class EncodedItem {
 public:
  explicit EncodedItem(const Item& item) {
    value::EncodeItem(item, &bytes_);
    auto view = value::ItemView::Open(bytes_);
    EXPECT_TRUE(view.ok());
    if (view.ok()) view_ = *view;
  }
  EncodedItem(const EncodedItem&) = delete;  // the view points into bytes_
  EncodedItem& operator=(const EncodedItem&) = delete;
  const value::ItemView& view() const { return view_; }

 private:
  std::string bytes_;
  value::ItemView view_;
};

}  // namespace lmddb::expr_test

#endif  // LMDDB_TESTS_ENGINE_EXPR_EXPR_TEST_UTIL_H_
