// Tests for the set union and difference behind ADD and DELETE
// (engine/expr/update_sets.h).
#include "engine/expr/update_sets.h"

#include <string>
#include <vector>

#include "expr_test_util.h"
#include "gtest/gtest.h"

namespace lmddb::expr {
namespace {

using namespace expr_test;  // NOLINT

std::vector<std::string> NumberTexts(const AttributeValue& ns) {
  std::vector<std::string> out;
  for (const Number& n : ns.ns()) out.push_back(n.ToString());
  return out;
}

TEST(UpdateSets, SetTypes) {
  EXPECT_TRUE(IsSetType(AttributeValue::Type::kSS));
  EXPECT_TRUE(IsSetType(AttributeValue::Type::kNS));
  EXPECT_TRUE(IsSetType(AttributeValue::Type::kBS));
  EXPECT_FALSE(IsSetType(AttributeValue::Type::kL));
  EXPECT_FALSE(IsSetType(AttributeValue::Type::kN));
  EXPECT_FALSE(IsSetType(AttributeValue::Type::kS));
}

TEST(UpdateSets, UnionKeepsOldMembersFirstThenNewOnesInOperandOrder) {
  const AttributeValue u = SetUnion(SS({"b", "a"}), SS({"d", "a", "c", "d", "b"}));
  EXPECT_EQ(u.ss(), (std::vector<std::string>{"b", "a", "d", "c"}));
  EXPECT_EQ(SetSize(u), 4u);
}

TEST(UpdateSets, UnionOfNumbersComparesValues) {
  const AttributeValue u = SetUnion(NS({"1", "2.5"}), NS({"1.0", "2.50", "1E1", "10", "-0.5"}));
  EXPECT_EQ(NumberTexts(u), (std::vector<std::string>{"1", "2.5", "10", "-0.5"}));
}

TEST(UpdateSets, UnionOfBinariesComparesBytes) {
  const std::string zero("\x00", 1);
  const std::string zero_zero("\x00\x00", 2);
  const std::string high("\xff", 1);
  const AttributeValue u = SetUnion(BS({zero}), BS({zero_zero, zero, high}));
  EXPECT_EQ(u.bs(), (std::vector<std::string>{zero, zero_zero, high}));
}

TEST(UpdateSets, UnionWithAnEmptySetDeduplicates) {
  const AttributeValue u = SetUnion(SS({}), SS({"x", "x", "y"}));
  EXPECT_EQ(u.ss(), (std::vector<std::string>{"x", "y"}));
}

TEST(UpdateSets, DifferenceKeepsOrder) {
  const AttributeValue d =
      SetDifference(SS({"dog", "cat", "mouse", "pig"}), SS({"mouse", "cow", "dog"}));
  EXPECT_EQ(d.ss(), (std::vector<std::string>{"cat", "pig"}));
}

TEST(UpdateSets, DifferenceOfNumbersComparesValues) {
  const AttributeValue d = SetDifference(NS({"1", "2", "3", "100"}), NS({"1.00", "1E2", "4"}));
  EXPECT_EQ(NumberTexts(d), (std::vector<std::string>{"2", "3"}));
}

TEST(UpdateSets, DifferenceCanEmptyTheSet) {
  const AttributeValue d = SetDifference(BS({"a", "b"}), BS({"b", "a", "c"}));
  EXPECT_TRUE(d.is(AttributeValue::Type::kBS));
  EXPECT_EQ(SetSize(d), 0u);
}

TEST(UpdateSets, LargeSetsStayFast) {
  // 50,000 members each way: quadratic work would take minutes.
  std::vector<std::string> a;
  std::vector<std::string> b;
  for (int i = 0; i < 50000; ++i) {
    a.push_back("m" + std::to_string(i * 2));
    b.push_back("m" + std::to_string(i * 3));
  }
  const AttributeValue sa = AttributeValue::SS(a);
  const AttributeValue sb = AttributeValue::SS(b);
  // The common members are the multiples of 6 below 100,000: 16,667.
  EXPECT_EQ(SetSize(SetUnion(sa, sb)), 100000u - 16667u);
  EXPECT_EQ(SetSize(SetDifference(sa, sb)), 50000u - 16667u);
}

}  // namespace
}  // namespace lmddb::expr
