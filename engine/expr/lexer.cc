// Tokens of DynamoDB expressions (lexer.h).
#include "engine/expr/lexer.h"

namespace lmddb::expr {
namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWordChar(char c) { return IsAlpha(c) || IsDigit(c) || c == '_'; }
bool IsSeparator(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

char Upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

bool EqualsUpper(std::string_view word, std::string_view upper) {
  if (word.size() != upper.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (Upper(word[i]) != upper[i]) return false;
  }
  return true;
}

// Keywords are matched in any case; a longer word ("ANDx") is an ID.
TokenKind WordKind(std::string_view word) {
  switch (word.size()) {
    case 2:
      if (EqualsUpper(word, "IN")) return TokenKind::kIn;
      if (EqualsUpper(word, "OR")) return TokenKind::kOr;
      break;
    case 3:
      if (EqualsUpper(word, "AND")) return TokenKind::kAnd;
      if (EqualsUpper(word, "NOT")) return TokenKind::kNot;
      if (EqualsUpper(word, "SET")) return TokenKind::kSet;
      if (EqualsUpper(word, "ADD")) return TokenKind::kAdd;
      break;
    case 6:
      if (EqualsUpper(word, "DELETE")) return TokenKind::kDelete;
      if (EqualsUpper(word, "REMOVE")) return TokenKind::kRemove;
      break;
    case 7:
      if (EqualsUpper(word, "BETWEEN")) return TokenKind::kBetween;
      break;
    default:
      break;
  }
  return TokenKind::kId;
}

bool InRange(std::string_view text, size_t pos, unsigned char lo, unsigned char hi) {
  if (pos >= text.size()) return false;
  const auto c = static_cast<unsigned char>(text[pos]);
  return c >= lo && c <= hi;
}

}  // namespace

size_t Utf8SequenceLength(std::string_view text, size_t pos) {
  const auto c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return InRange(text, pos + 1, 0x80, 0xBF) ? 2 : 1;
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = c == 0xED ? 0x9F : 0xBF;
    return InRange(text, pos + 1, lo, hi) && InRange(text, pos + 2, 0x80, 0xBF) ? 3 : 1;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
    return InRange(text, pos + 1, lo, hi) && InRange(text, pos + 2, 0x80, 0xBF) &&
                   InRange(text, pos + 3, 0x80, 0xBF)
               ? 4
               : 1;
  }
  return 1;
}

size_t Utf16Length(std::string_view text) {
  size_t units = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t n = Utf8SequenceLength(text, pos);
    units += n == 4 ? 2 : 1;  // characters beyond the BMP are surrogate pairs
    pos += n;
  }
  return units;
}

bool IsComparatorToken(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEq:
    case TokenKind::kNe:
    case TokenKind::kLt:
    case TokenKind::kLe:
    case TokenKind::kGt:
    case TokenKind::kGe:
      return true;
    default:
      return false;
  }
}

bool IsSectionKeywordToken(TokenKind kind) {
  return kind == TokenKind::kSet || kind == TokenKind::kRemove || kind == TokenKind::kAdd ||
         kind == TokenKind::kDelete;
}

void Tokenize(std::string_view text, std::vector<Token>* out) {
  out->clear();
  const size_t size = text.size();
  size_t pos = 0;
  auto emit = [&](TokenKind kind, size_t end) {
    out->push_back(Token{kind, static_cast<uint32_t>(pos), static_cast<uint32_t>(end)});
    pos = end;
  };
  while (pos < size) {
    const char c = text[pos];
    if (IsSeparator(c)) {
      ++pos;
      continue;
    }
    const char next = pos + 1 < size ? text[pos + 1] : '\0';
    if (IsAlpha(c)) {
      size_t end = pos + 1;
      while (end < size && IsWordChar(text[end])) ++end;
      emit(WordKind(text.substr(pos, end - pos)), end);
      continue;
    }
    if (IsDigit(c)) {
      size_t end = pos + 1;
      if (c != '0') {
        while (end < size && IsDigit(text[end])) ++end;
      }
      emit(TokenKind::kIndex, end);
      continue;
    }
    if ((c == '#' || c == ':') && IsWordChar(next)) {
      size_t end = pos + 2;
      while (end < size && IsWordChar(text[end])) ++end;
      emit(c == '#' ? TokenKind::kNameRef : TokenKind::kValueRef, end);
      continue;
    }
    switch (c) {
      case ',': emit(TokenKind::kComma, pos + 1); continue;
      case '(': emit(TokenKind::kLParen, pos + 1); continue;
      case ')': emit(TokenKind::kRParen, pos + 1); continue;
      case '.': emit(TokenKind::kDot, pos + 1); continue;
      case '[': emit(TokenKind::kLBracket, pos + 1); continue;
      case ']': emit(TokenKind::kRBracket, pos + 1); continue;
      case '=': emit(TokenKind::kEq, pos + 1); continue;
      case '+': emit(TokenKind::kPlus, pos + 1); continue;
      case '-': emit(TokenKind::kMinus, pos + 1); continue;
      case '<':
        if (next == '>') {
          emit(TokenKind::kNe, pos + 2);
        } else if (next == '=') {
          emit(TokenKind::kLe, pos + 2);
        } else {
          emit(TokenKind::kLt, pos + 1);
        }
        continue;
      case '>':
        if (next == '=') {
          emit(TokenKind::kGe, pos + 2);
        } else {
          emit(TokenKind::kGt, pos + 1);
        }
        continue;
      default:
        emit(TokenKind::kUnknown, pos + Utf8SequenceLength(text, pos));
        continue;
    }
  }
  out->push_back(Token{TokenKind::kEof, static_cast<uint32_t>(size), static_cast<uint32_t>(size)});
}

}  // namespace lmddb::expr
