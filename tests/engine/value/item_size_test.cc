#include "engine/value/item_size.h"

#include <string>
#include <utility>

#include "gtest/gtest.h"
#include "lmddb/attribute_value.hpp"
#include "lmddb/number.hpp"

namespace lmddb::value {
namespace {

Number Num(std::string_view text) {
  StatusOr<Number> n = Number::Parse(text);
  EXPECT_TRUE(n.ok()) << text;
  return n.ok() ? *n : Number();
}

AttributeValue N(std::string_view text) { return AttributeValue::N(Num(text)); }

// Frees a deeply nested single-element chain without recursing.
void FreeChain(AttributeValue v) {
  while (v.is(AttributeValue::Type::kL) && !v.l().empty()) {
    AttributeValue next = std::move(v.l()[0]);
    v = std::move(next);
  }
}

TEST(ItemSize, StringIsUtf8Bytes) {
  EXPECT_EQ(AttributeValueSize(AttributeValue::S("")), 0u);
  EXPECT_EQ(AttributeValueSize(AttributeValue::S("abc")), 3u);
  EXPECT_EQ(AttributeValueSize(AttributeValue::S("é")), 2u);
  EXPECT_EQ(AttributeValueSize(AttributeValue::S("😀")), 4u);
}

TEST(ItemSize, BinaryIsRawBytes) {
  EXPECT_EQ(AttributeValueSize(AttributeValue::B("")), 0u);
  EXPECT_EQ(AttributeValueSize(AttributeValue::B(std::string("\x00\xff\x01", 3))), 3u);
}

TEST(ItemSize, NumberFollowsDynalitesRule) {
  // 1 + ceil(digits / 2), +1 for an even digit run starting at an even
  // exponent, +1 if negative; zero is 1.
  EXPECT_EQ(NumberSize(Num("0")), 1u);
  EXPECT_EQ(NumberSize(Num("-0.000")), 1u);
  EXPECT_EQ(NumberSize(Num("1")), 2u);
  EXPECT_EQ(NumberSize(Num("100")), 2u);     // trailing zeros are not digits
  EXPECT_EQ(NumberSize(Num("0.001")), 2u);   // nor are leading ones
  EXPECT_EQ(NumberSize(Num("12")), 2u);      // leading digit at exponent 1
  EXPECT_EQ(NumberSize(Num("1.2")), 3u);     // at exponent 0: one more pair
  EXPECT_EQ(NumberSize(Num("123")), 3u);
  EXPECT_EQ(NumberSize(Num("1234")), 3u);
  EXPECT_EQ(NumberSize(Num("12.34")), 3u);
  EXPECT_EQ(NumberSize(Num("1.234")), 4u);
  EXPECT_EQ(NumberSize(Num("0.1234")), 3u);  // exponent -1
  EXPECT_EQ(NumberSize(Num("0.01234")), 4u); // exponent -2
  EXPECT_EQ(NumberSize(Num("12345")), 4u);
  EXPECT_EQ(NumberSize(Num("-1")), 3u);
  EXPECT_EQ(NumberSize(Num("-12345")), 5u);
  EXPECT_EQ(NumberSize(Num("99999999999999999999999999999999999999")), 20u);
  EXPECT_EQ(NumberSize(Num("-99999999999999999999999999999999999999")), 21u);
  EXPECT_EQ(NumberSize(Num("9.9999999999999999999999999999999999999E+125")), 20u);
  EXPECT_EQ(NumberSize(Num("1E-130")), 2u);
  EXPECT_EQ(AttributeValueSize(N("12345")), 4u);
}

TEST(ItemSize, BoolAndNullAreOneByte) {
  EXPECT_EQ(AttributeValueSize(AttributeValue::Bool(true)), 1u);
  EXPECT_EQ(AttributeValueSize(AttributeValue::Bool(false)), 1u);
  EXPECT_EQ(AttributeValueSize(AttributeValue::Null()), 1u);
}

TEST(ItemSize, ListIsThreePlusOnePerElement) {
  EXPECT_EQ(AttributeValueSize(AttributeValue::L({})), 3u);
  // 3 + (1 + 2) + (1 + 2) + (1 + 1)
  EXPECT_EQ(AttributeValueSize(
                AttributeValue::L({AttributeValue::S("ab"), N("1"), AttributeValue::Null()})),
            11u);
  // Nested: 3 + (1 + (3 + (1 + 1)))
  const AttributeValue nested =
      AttributeValue::L({AttributeValue::L({AttributeValue::Bool(true)})});
  EXPECT_EQ(AttributeValueSize(nested), 9u);
}

TEST(ItemSize, MapCountsKeys) {
  EXPECT_EQ(AttributeValueSize(AttributeValue::M({})), 3u);
  Item m;
  m.emplace("ab", AttributeValue::S("xyz"));  // 1 + 2 + 3
  m.emplace("ü", AttributeValue::Null());     // 1 + 2 + 1
  EXPECT_EQ(AttributeValueSize(AttributeValue::M(m)), 3u + 6u + 4u);
  Item outer;
  outer.emplace("m", AttributeValue::M(m));   // 1 + 1 + 13
  outer.emplace("l", AttributeValue::L({}));  // 1 + 1 + 3
  EXPECT_EQ(AttributeValueSize(AttributeValue::M(outer)), 3u + 15u + 5u);
}

TEST(ItemSize, SetsSumTheirMembers) {
  EXPECT_EQ(AttributeValueSize(AttributeValue::SS({"a", "bc", ""})), 3u);
  EXPECT_EQ(AttributeValueSize(AttributeValue::NS({Num("1"), Num("12345"), Num("-1")})), 9u);
  EXPECT_EQ(AttributeValueSize(AttributeValue::BS({std::string("\0", 1), "xy"})), 3u);
}

TEST(ItemSize, ItemAddsNameBytes) {
  Item item;
  item.emplace("id", AttributeValue::S("abc"));     // 2 + 3
  item.emplace("n", N("12345"));                    // 1 + 4
  item.emplace("flag", AttributeValue::Bool(true)); // 4 + 1
  item.emplace("名", AttributeValue::S(""));        // 3 + 0
  EXPECT_EQ(ItemSize(item), 18u);
  EXPECT_EQ(ItemSize(Item()), 0u);
}

TEST(ItemSize, MaxItemSizeIs400KB) { EXPECT_EQ(kMaxItemSize, 400u * 1024u); }

TEST(ItemSize, DeepNestingDoesNotRecurse) {
  constexpr int kDepth = 200000;
  AttributeValue v = AttributeValue::S("x");
  for (int i = 0; i < kDepth; ++i) {
    AttributeValue::List list;
    list.push_back(std::move(v));  // not an initializer list: that would copy
    v = AttributeValue::L(std::move(list));
  }
  EXPECT_EQ(AttributeValueSize(v), static_cast<size_t>(kDepth) * 4 + 1);
  FreeChain(std::move(v));
}

}  // namespace
}  // namespace lmddb::value
