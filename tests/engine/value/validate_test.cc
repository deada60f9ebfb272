#include "engine/value/validate.h"

#include <string>
#include <utility>
#include <vector>

#include "engine/value/item_size.h"
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

const std::string kTooDeep =
    "Nesting Levels have exceeded supported limits: "
    "Attributes in the item have nested levels beyond supported limit";

void ExpectValidation(const Status& status, const std::string& message) {
  EXPECT_EQ(status.type(), ErrorType::kValidation) << status.ToString();
  EXPECT_EQ(status.message(), message);
}

// `depth` single-entry maps (or lists) around `leaf`.
AttributeValue Nest(int depth, AttributeValue leaf, bool lists = false) {
  AttributeValue v = std::move(leaf);
  for (int i = 0; i < depth; ++i) {
    if (lists) {
      AttributeValue::List list;
      list.push_back(std::move(v));  // not an initializer list: that would copy
      v = AttributeValue::L(std::move(list));
    } else {
      Item m;
      m.emplace("n", std::move(v));
      v = AttributeValue::M(std::move(m));
    }
  }
  return v;
}

void FreeChain(AttributeValue v) {
  while (v.is(AttributeValue::Type::kL) && !v.l().empty()) {
    AttributeValue next = std::move(v.l()[0]);
    v = std::move(next);
  }
}

TEST(Validate, AcceptsOrdinaryValues) {
  EXPECT_TRUE(ValidateAttributeValue(AttributeValue::S("")).ok());
  EXPECT_TRUE(ValidateAttributeValue(AttributeValue::B("")).ok());
  EXPECT_TRUE(ValidateAttributeValue(AttributeValue::Null()).ok());
  EXPECT_TRUE(ValidateAttributeValue(AttributeValue::L({})).ok());
  EXPECT_TRUE(ValidateAttributeValue(AttributeValue::M({})).ok());
  EXPECT_TRUE(ValidateAttributeValue(AttributeValue::SS({"", "a"})).ok());
  EXPECT_TRUE(ValidateAttributeValue(AttributeValue::NS({Num("1"), Num("-1")})).ok());
  EXPECT_TRUE(ValidateAttributeValue(AttributeValue::BS({"", std::string("\0", 1)})).ok());
  Item item;
  item.emplace("empty_s", AttributeValue::S(""));
  item.emplace("empty_b", AttributeValue::B(""));
  EXPECT_TRUE(ValidateItem(item).ok());
  EXPECT_TRUE(ValidateItem(Item()).ok());
  EXPECT_EQ(*ValidateItem(Item()), 0u);
}

TEST(Validate, EmptySetMessages) {
  ExpectValidation(ValidateAttributeValue(AttributeValue::SS({})),
                   "One or more parameter values were invalid: An string set  may not be empty");
  ExpectValidation(ValidateAttributeValue(AttributeValue::NS({})),
                   "One or more parameter values were invalid: An number set  may not be empty");
  ExpectValidation(ValidateAttributeValue(AttributeValue::BS({})),
                   "One or more parameter values were invalid: Binary sets should not be empty");
}

TEST(Validate, StringSetDuplicatesListTheWholeSetInOrder) {
  ExpectValidation(ValidateAttributeValue(AttributeValue::SS({"a", "a"})),
                   "One or more parameter values were invalid: "
                   "Input collection [a, a] contains duplicates.");
  ExpectValidation(ValidateAttributeValue(AttributeValue::SS({"z", "b", "z", "c"})),
                   "One or more parameter values were invalid: "
                   "Input collection [z, b, z, c] contains duplicates.");
  ExpectValidation(ValidateAttributeValue(AttributeValue::SS({"", ""})),
                   "One or more parameter values were invalid: "
                   "Input collection [, ] contains duplicates.");
}

TEST(Validate, NumberSetDuplicatesCompareNumerically) {
  ExpectValidation(ValidateAttributeValue(AttributeValue::NS({Num("1"), Num("1")})),
                   "Input collection contains duplicates");
  ExpectValidation(ValidateAttributeValue(AttributeValue::NS({Num("1.0"), Num("2"), Num("1e0")})),
                   "Input collection contains duplicates");
  ExpectValidation(ValidateAttributeValue(AttributeValue::NS({Num("0"), Num("-0.00")})),
                   "Input collection contains duplicates");
  EXPECT_TRUE(ValidateAttributeValue(AttributeValue::NS({Num("1"), Num("1.0000001")})).ok());
}

TEST(Validate, BinarySetDuplicatesPrintBase64) {
  ExpectValidation(ValidateAttributeValue(AttributeValue::BS({"b", "b"})),
                   "One or more parameter values were invalid: "
                   "Input collection [Yg==, Yg==]of type BS contains duplicates.");
  ExpectValidation(ValidateAttributeValue(AttributeValue::BS({"\xff", "ab", "\xff"})),
                   "One or more parameter values were invalid: "
                   "Input collection [/w==, YWI=, /w==]of type BS contains duplicates.");
}

TEST(Validate, LargeSetsFindDuplicates) {
  std::vector<std::string> strings;
  std::vector<Number> numbers;
  for (int i = 0; i < 100; ++i) {
    strings.push_back(std::to_string(i));
    numbers.push_back(Number::FromInt64(i));
  }
  EXPECT_TRUE(ValidateAttributeValue(AttributeValue::SS(strings)).ok());
  EXPECT_TRUE(ValidateAttributeValue(AttributeValue::BS(strings)).ok());
  EXPECT_TRUE(ValidateAttributeValue(AttributeValue::NS(numbers)).ok());
  strings.push_back("42");
  numbers.push_back(Num("4.2e1"));
  EXPECT_FALSE(ValidateAttributeValue(AttributeValue::SS(strings)).ok());
  EXPECT_FALSE(ValidateAttributeValue(AttributeValue::BS(strings)).ok());
  ExpectValidation(ValidateAttributeValue(AttributeValue::NS(numbers)),
                   "Input collection contains duplicates");
}

TEST(Validate, ChecksSetsInsideDocuments) {
  Item m;
  m.emplace("ok", AttributeValue::SS({"x"}));
  m.emplace("zz", AttributeValue::L({AttributeValue::S("x"), AttributeValue::NS({})}));
  ExpectValidation(ValidateAttributeValue(AttributeValue::M(m)),
                   "One or more parameter values were invalid: An number set  may not be empty");
}

TEST(Validate, AcceptsThirtyTwoLevels) {
  for (bool lists : {false, true}) {
    // A scalar inside 31 containers sits at level 32.
    EXPECT_TRUE(ValidateAttributeValue(Nest(31, AttributeValue::S("leaf"), lists)).ok());
    // 32 containers, the innermost empty: levels 1..32.
    EXPECT_TRUE(ValidateAttributeValue(Nest(31, AttributeValue::M({}), lists)).ok());
    EXPECT_TRUE(ValidateAttributeValue(Nest(31, AttributeValue::L({}), lists)).ok());
  }
}

TEST(Validate, RefusesThirtyThreeLevels) {
  for (bool lists : {false, true}) {
    ExpectValidation(ValidateAttributeValue(Nest(32, AttributeValue::S("leaf"), lists)), kTooDeep);
    ExpectValidation(ValidateAttributeValue(Nest(32, AttributeValue::M({}), lists)), kTooDeep);
  }
  Item item;
  item.emplace("deep", Nest(32, AttributeValue::Null()));
  ExpectValidation(ValidateItem(item).status(), kTooDeep);
}

TEST(Validate, HostileNestingDoesNotOverflowTheStack) {
  AttributeValue v = Nest(200000, AttributeValue::SS({}), /*lists=*/true);
  ExpectValidation(ValidateAttributeValue(v), kTooDeep);
  Item item;
  item.emplace("a", std::move(v));
  ExpectValidation(ValidateItem(item).status(), kTooDeep);
  FreeChain(std::move(item.at("a")));
}

TEST(Validate, EmptyAttributeName) {
  Item item;
  item.emplace("", AttributeValue::S("x"));
  ExpectValidation(ValidateItem(item).status(),
                   "One or more parameter values were invalid: An attribute name may not be empty");
}

TEST(Validate, ItemSizeLimit) {
  Item item;
  item.emplace("a", AttributeValue::S(std::string(kMaxItemSize - 1, 'x')));
  ASSERT_EQ(ItemSize(item), kMaxItemSize);
  auto size = ValidateItem(item);
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(*size, kMaxItemSize);
  item.emplace("b", AttributeValue::Null());  // 1 + 1 more
  ExpectValidation(ValidateItem(item).status(), "Item size has exceeded the maximum allowed size");
}

TEST(Validate, ValueErrorsComeBeforeSize) {
  Item item;
  item.emplace("a", AttributeValue::S(std::string(kMaxItemSize, 'x')));
  item.emplace("b", AttributeValue::SS({}));
  ExpectValidation(ValidateItem(item).status(),
                   "One or more parameter values were invalid: An string set  may not be empty");
}

}  // namespace
}  // namespace lmddb::value
