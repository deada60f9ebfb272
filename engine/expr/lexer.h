// Splitting a DynamoDB expression into tokens, with the token set of
// DynamoDB's expression grammar (one lexer for all five expression kinds):
//
//   punctuation  , ( ) . [ ]      comparators  = <> < <= > >=     + -
//   keywords     IN BETWEEN NOT AND OR SET ADD DELETE REMOVE  (any case)
//   INDEX        0 | [1-9][0-9]*        (so "01" is two tokens)
//   ID           [A-Za-z][A-Za-z0-9_]*  (not a keyword; "_x" is not an ID)
//   #name        #[A-Za-z0-9_]+         :value   :[A-Za-z0-9_]+
//   UNKNOWN      any other character, one per token ("!!" is two tokens)
//
// Space, tab, CR and LF separate tokens and are otherwise ignored; any
// other character, including other whitespace, is an UNKNOWN token, which
// the parser then reports as a syntax error at that character.
//
// Tokens are offsets into the expression text: lexing allocates nothing
// beyond the output vector, which callers reuse.
//
// Thread safety: pure functions.
#ifndef LMDDB_ENGINE_EXPR_LEXER_H_
#define LMDDB_ENGINE_EXPR_LEXER_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace lmddb::expr {

enum class TokenKind : uint8_t {
  kEof,
  kComma,
  kLParen,
  kRParen,
  kDot,
  kLBracket,
  kRBracket,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kPlus,
  kMinus,
  kIn,
  kBetween,
  kNot,
  kAnd,
  kOr,
  kSet,
  kAdd,
  kDelete,
  kRemove,
  kIndex,     // a list index
  kId,        // a plain attribute or function name
  kNameRef,   // #name
  kValueRef,  // :value
  kUnknown,   // a character no other token starts with
};

struct Token {
  TokenKind kind = TokenKind::kEof;
  uint32_t begin = 0;  // byte offsets into the expression text
  uint32_t end = 0;
};

// Replaces *out with the tokens of `text`, ending with one kEof token
// (begin == end == text.size()). REQUIRES: text.size() < 2^32.
void Tokenize(std::string_view text, std::vector<Token>* out);

inline std::string_view TokenText(std::string_view text, const Token& token) {
  return text.substr(token.begin, token.end - token.begin);
}

bool IsComparatorToken(TokenKind kind);      // = <> < <= > >=
bool IsSectionKeywordToken(TokenKind kind);  // SET REMOVE ADD DELETE

// The length DynamoDB gives an expression: UTF-16 code units (Java chars).
// For ASCII text this is the byte length. Bytes that are not valid UTF-8
// count one each.
size_t Utf16Length(std::string_view text);

// The length of the UTF-8 sequence starting at text[pos] (1 to 4), or 1
// when the bytes there are not a valid sequence. REQUIRES: pos < size.
size_t Utf8SequenceLength(std::string_view text, size_t pos);

}  // namespace lmddb::expr

#endif  // LMDDB_ENGINE_EXPR_LEXER_H_
