#include "engine/expr/lexer.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace lmddb::expr {
namespace {

// "KIND:text" for each token, EOF included.
std::string Lex(std::string_view text) {
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += " ";
    switch (t.kind) {
      case TokenKind::kEof: out += "EOF"; continue;
      case TokenKind::kId: out += "ID:"; break;
      case TokenKind::kNameRef: out += "NAME:"; break;
      case TokenKind::kValueRef: out += "VALUE:"; break;
      case TokenKind::kIndex: out += "INDEX:"; break;
      case TokenKind::kUnknown: out += "UNKNOWN:"; break;
      case TokenKind::kIn:
      case TokenKind::kBetween:
      case TokenKind::kNot:
      case TokenKind::kAnd:
      case TokenKind::kOr:
      case TokenKind::kSet:
      case TokenKind::kAdd:
      case TokenKind::kDelete:
      case TokenKind::kRemove: out += "KW:"; break;
      default: break;
    }
    out += TokenText(text, t);
  }
  return out;
}

TEST(ExprLexer, NamesPlaceholdersAndPunctuation) {
  EXPECT_EQ(Lex("a.b[12], #n = :v"),
            "ID:a . ID:b [ INDEX:12 ] , NAME:#n = VALUE::v EOF");
  EXPECT_EQ(Lex("A1_b"), "ID:A1_b EOF");
  EXPECT_EQ(Lex("#_1 :_"), "NAME:#_1 VALUE::_ EOF");
}

TEST(ExprLexer, Comparators) {
  EXPECT_EQ(Lex("= <> < <= > >= + -"), "= <> < <= > >= + - EOF");
  EXPECT_EQ(Lex("a<>b<=c>=d"), "ID:a <> ID:b <= ID:c >= ID:d EOF");
  EXPECT_EQ(Lex("=< =="), "= < = = EOF");
}

TEST(ExprLexer, KeywordsInAnyCase) {
  EXPECT_EQ(Lex("and OR Not between In"), "KW:and KW:OR KW:Not KW:between KW:In EOF");
  EXPECT_EQ(Lex("set Remove ADD delete"), "KW:set KW:Remove KW:ADD KW:delete EOF");
  // A longer word is a name.
  EXPECT_EQ(Lex("ANDx sets inn"), "ID:ANDx ID:sets ID:inn EOF");
}

TEST(ExprLexer, IndexesNeverHaveLeadingZeros) {
  EXPECT_EQ(Lex("0 007 10"), "INDEX:0 INDEX:0 INDEX:0 INDEX:7 INDEX:10 EOF");
  EXPECT_EQ(Lex("12abc"), "INDEX:12 ID:abc EOF");
}

TEST(ExprLexer, OtherCharactersAreSingleUnknownTokens) {
  EXPECT_EQ(Lex("!!"), "UNKNOWN:! UNKNOWN:! EOF");
  EXPECT_EQ(Lex("_a"), "UNKNOWN:_ ID:a EOF");
  EXPECT_EQ(Lex("# :"), "UNKNOWN:# UNKNOWN:: EOF");
  EXPECT_EQ(Lex("\"x\""), "UNKNOWN:\" ID:x UNKNOWN:\" EOF");
  EXPECT_EQ(Lex("a\xc3\xa9"), "ID:a UNKNOWN:\xc3\xa9 EOF");     // é, one character
  EXPECT_EQ(Lex("\xf0\x9f\x98\x80"), "UNKNOWN:\xf0\x9f\x98\x80 EOF");  // one emoji
  EXPECT_EQ(Lex("\xff\xc3"), "UNKNOWN:\xff UNKNOWN:\xc3 EOF");  // bytes that are no UTF-8
}

TEST(ExprLexer, OnlySpaceTabCrLfSeparate) {
  EXPECT_EQ(Lex(" \t\r\na \n"), "ID:a EOF");
  EXPECT_EQ(Lex("a\fb"), "ID:a UNKNOWN:\f ID:b EOF");
  EXPECT_EQ(Lex("a\xc2\xa0" "b"), "ID:a UNKNOWN:\xc2\xa0 ID:b EOF");  // no-break space
}

TEST(ExprLexer, OffsetsPointIntoTheText) {
  std::vector<Token> tokens;
  Tokenize("  ab  = :v ", &tokens);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].begin, 2u);
  EXPECT_EQ(tokens[0].end, 4u);
  EXPECT_EQ(tokens[2].begin, 8u);
  EXPECT_EQ(tokens[3].kind, TokenKind::kEof);
  EXPECT_EQ(tokens[3].begin, 11u);
  Tokenize("", &tokens);
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kEof);
}

TEST(ExprLexer, Utf16Length) {
  EXPECT_EQ(Utf16Length("abc"), 3u);
  EXPECT_EQ(Utf16Length("\xc3\xa9"), 1u);            // é
  EXPECT_EQ(Utf16Length("\xe2\x82\xac"), 1u);        // €
  EXPECT_EQ(Utf16Length("\xf0\x9f\x98\x80"), 2u);    // a surrogate pair
  EXPECT_EQ(Utf16Length("\xff\xfe"), 2u);            // invalid bytes count one each
  EXPECT_EQ(Utf16Length("\xe2\x82"), 2u);            // a cut-off sequence
}

}  // namespace
}  // namespace lmddb::expr
