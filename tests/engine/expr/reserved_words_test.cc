#include "engine/expr/reserved_words.h"

#include <algorithm>
#include <iterator>
#include <string>

#include "gtest/gtest.h"

namespace lmddb::expr {
namespace {

TEST(ExprReservedWords, PublishedListIsCompleteAndSorted) {
  EXPECT_EQ(std::size(kDocumentedReservedWords), 573u);
  EXPECT_TRUE(
      std::is_sorted(std::begin(kDocumentedReservedWords), std::end(kDocumentedReservedWords)));
  EXPECT_TRUE(std::adjacent_find(std::begin(kDocumentedReservedWords),
                                 std::end(kDocumentedReservedWords)) ==
              std::end(kDocumentedReservedWords));
  EXPECT_EQ(kDocumentedReservedWords[0], "ABORT");
  EXPECT_EQ(kDocumentedReservedWords[572], "ZONE");
}

TEST(ExprReservedWords, EveryListedWordButTwoIsReservedInAnyCase) {
  for (std::string_view word : kDocumentedReservedWords) {
    const bool accepted = word == "CONVERT" || word == "SIZE";
    EXPECT_EQ(IsReservedWord(word), !accepted) << word;
    std::string lower(word);
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    EXPECT_EQ(IsReservedWord(lower), !accepted) << lower;
  }
  EXPECT_TRUE(IsReservedWord("Status"));
  EXPECT_TRUE(IsReservedWord("aBoRt"));
  EXPECT_TRUE(IsReservedWord("localtimestamp"));  // the longest, 14 letters
}

TEST(ExprReservedWords, OtherWordsAreNot) {
  EXPECT_FALSE(IsReservedWord(""));
  EXPECT_FALSE(IsReservedWord("abort_"));
  EXPECT_FALSE(IsReservedWord("statuses"));
  EXPECT_FALSE(IsReservedWord("pk"));
  EXPECT_FALSE(IsReservedWord("size"));
  EXPECT_FALSE(IsReservedWord("Convert"));
  EXPECT_FALSE(IsReservedWord("averyveryverylongname"));
  EXPECT_FALSE(IsReservedWord("#name"));
}

}  // namespace
}  // namespace lmddb::expr
