// DynamoDB's reserved words: names that may not be written as they are in
// an expression (use a #name placeholder instead). Matching ignores case;
// the error message repeats the word as written:
//   Invalid <Kind>: Attribute name is a reserved keyword; reserved keyword: Status
//
// The nine words that are also expression keywords (AND, OR, NOT, BETWEEN,
// IN, SET, REMOVE, ADD, DELETE) never reach this check: the lexer turns them
// into keyword tokens, so using one as a name is a syntax error.
//
// Thread safety: immutable data; pure functions.
#ifndef LMDDB_ENGINE_EXPR_RESERVED_WORDS_H_
#define LMDDB_ENGINE_EXPR_RESERVED_WORDS_H_

#include <cstddef>
#include <string_view>

namespace lmddb::expr {

// The published list (DynamoDB Developer Guide, "Reserved words in
// DynamoDB"): 573 upper-case words in ascending order.
inline constexpr size_t kDocumentedReservedWordCount = 573;
extern const std::string_view kDocumentedReservedWords[kDocumentedReservedWordCount];

// True when DynamoDB rejects `word` as an unaliased attribute name. This is
// the published list except CONVERT and SIZE, which DynamoDB accepts as
// names although they are listed (see reserved_words.cc).
bool IsReservedWord(std::string_view word);

}  // namespace lmddb::expr

#endif  // LMDDB_ENGINE_EXPR_RESERVED_WORDS_H_
