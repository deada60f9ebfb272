// Short constructors for attribute values in expression tests, and a parsed
// expression kept together with the names and values it points into.
#ifndef LMDDB_TESTS_ENGINE_EXPR_EXPR_TEST_UTIL_H_
#define LMDDB_TESTS_ENGINE_EXPR_EXPR_TEST_UTIL_H_

#include <initializer_list>
#include <string>
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
