// The syntax pass: tokens to the flat tree of parse_tree.h, with DynamoDB's
// syntax errors and its "redundant parentheses" error.
//
// A syntax error names the first token that cannot continue any valid
// expression, as DynamoDB's (ANTLR-generated) parser does, and quotes the
// text from the token before it to the token after it:
//   Invalid ConditionExpression: Syntax error; token: "b", near: "a b"
//   Invalid UpdateExpression: Syntax error; token: "<EOF>", near: ","
//
// Redundant parentheses, "((x))", are found while parsing, as DynamoDB
// does: the error is raised once the parser has committed to the
// construct holding them. While the parser still looks ahead to choose
// between a parenthesized condition and a parenthesized operand, a syntax
// error found first wins; see grammar.md ("Parentheses").
//
// The parser keeps its own stack of nesting levels on the heap, so deep
// nesting cannot exhaust the native stack.
//
// Thread safety: a SyntaxParser is used by one thread.
#ifndef LMDDB_ENGINE_EXPR_PARSE_SYNTAX_H_
#define LMDDB_ENGINE_EXPR_PARSE_SYNTAX_H_

#include <cstdint>
#include <vector>

#include "engine/expr/parse_tree.h"
#include "lmddb/status.hpp"

namespace lmddb::expr::internal {

class SyntaxParser {
 public:
  // `source` and `tree` must outlive the parser; *tree is cleared. Working
  // stacks are per-thread and reused between parses.
  SyntaxParser(const Source& source, Tree* tree);

  // Each parses the whole token list; on success the tree holds the
  // expression (root, paths, or actions and sections).
  Status ParseCondition();
  Status ParseProjection();
  Status ParseUpdate();

 private:
  enum class Level : uint8_t;
  // What a finished term can stand for: only an operand (a path, a
  // :value, or one in parentheses), a function call (an operand or a
  // condition), a condition, or SET arithmetic in parentheses.
  enum class Term : uint8_t { kOperand, kCall, kCond, kArith };
  struct Result {
    uint32_t node = 0;
    Term term = Term::kOperand;
  };
  struct Frame;

  Status Run();
  Status StepCondition();
  Status StepOperandParen();
  Status StepList();
  Status StepUpdate();
  Status StepSetParen();

  // Reads a term at pos_, where a '(' opens a `paren` level starting in
  // `state`. Returns true with *out set when it was read at once (a path or
  // a :value); false when a nested level was pushed (a parenthesis or a
  // function's arguments), whose result arrives in a later step.
  StatusOr<bool> StartTerm(Level paren, uint8_t state, Result* out);
  // Ends a parenthesis holding the single term `inner` at its ')'; a
  // second pair directly around the term is redundant.
  Status CloseGroup(Result inner);
  // The innermost level: records the operator at pos_ and moves past it.
  Status TakeOperator(uint8_t next_state);
  // The innermost condition level: adds a finished primary, under the NOTs
  // read before it, to the AND/OR chain.
  Status AddPrimary(uint32_t node);
  // The innermost level's left term, its + or -, and `right`, as a node.
  uint32_t NewArithmetic(uint32_t right);
  // Reads a path or a :value at pos_ (REQUIRES: one starts there).
  StatusOr<Result> ReadPathOrValue();
  StatusOr<uint32_t> ReadPath();
  uint32_t ReadValue();
  void PushLevel(Level level, uint8_t state);
  void PushCall();
  void Finish(Result result);
  Result TakeResult();

  Status SyntaxError(size_t token) const;
  Status RedundantParentheses() const;
  void OpenWindow();
  Status ResolveWindow();
  Status RedundancyFound();

  uint32_t NewNode(NodeKind kind, uint32_t token, const uint32_t* children, uint32_t count);
  uint32_t WrapNots(uint32_t node, uint32_t nots);
  uint32_t BuildChain(uint32_t base);
  void AddAction(Clause clause, uint32_t path, int32_t value);

  const Token& Peek(size_t ahead = 0) const;

  const Source& source_;
  Tree* tree_;
  std::vector<Frame>* frames_;      // the nesting levels, innermost last
  std::vector<uint32_t>* scratch_;  // items collected by open levels
  size_t pos_ = 0;
  bool have_result_ = false;
  Result result_;
  // The decision window: while open, the parser has not yet committed to
  // the alternative of the primary (or SET value) it is reading, so a
  // redundancy found inside waits for the commitment.
  bool window_open_ = false;
  size_t window_owner_ = 0;
  bool pending_redundancy_ = false;
};

}  // namespace lmddb::expr::internal

#endif  // LMDDB_ENGINE_EXPR_PARSE_SYNTAX_H_
