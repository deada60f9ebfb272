// The parser's own syntax tree: flat arrays indexed by position, built by
// the syntax pass (parse_syntax.h), checked by the later passes
// (parse_walk.h, parse_validate.h) and only then turned into the shared
// tree of ast.h (parse_build.h).
//
// Keeping the tree flat lets every pass walk it with an explicit stack, so
// hostile nesting (4096 parentheses, a thousand NOTs) costs heap, not
// native stack, and the checks see exactly the tree DynamoDB's parser
// builds: parentheses are not nodes (a node only records that it was
// written inside them), AND and OR associate to the right, and the actions
// of an update keep the order they were written in.
//
// Thread safety: plain data.
#ifndef LMDDB_ENGINE_EXPR_PARSE_TREE_H_
#define LMDDB_ENGINE_EXPR_PARSE_TREE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/expr/ast.h"
#include "engine/expr/lexer.h"
#include "lmddb/status.hpp"

namespace lmddb::expr::internal {

enum class NodeKind : uint8_t {
  kPath,      // a document path; elements in Tree::elems
  kValue,     // a :value placeholder
  kCompare,   // children: left, right; op: the comparator
  kBetween,   // children: operand, lower, upper
  kIn,        // children: operand, then the list
  kAnd,       // children: left, right
  kOr,        // children: left, right
  kNot,       // child: the negated condition
  kFunction,  // children: the arguments; token: the function name
  kPlus,      // children: left, right (SET only)
  kMinus,     // children: left, right (SET only)
};

struct PathElement {
  enum class Kind : uint8_t { kName, kNameRef, kValueRef, kIndex };
  Kind kind = Kind::kName;
  uint32_t token = 0;     // the ID, #name, :value or INDEX token
  std::string_view name;  // kName: as written; kNameRef: resolved by validation
  uint32_t index = 0;     // kIndex: set by the walk pass once in range
};

struct Node {
  NodeKind kind = NodeKind::kPath;
  TokenKind op = TokenKind::kEof;  // kCompare: the comparator token kind
  bool paren = false;              // written directly inside parentheses
  uint32_t token = 0;              // a token naming the node in messages
  uint32_t first = 0;              // kPath: into elems; others: into children
  uint32_t count = 0;
  const AttributeValue* value = nullptr;  // kValue: its entry, once validated
};

enum class Clause : uint8_t { kSet, kRemove, kAdd, kDelete };

struct Action {
  Clause clause = Clause::kSet;
  uint32_t path = 0;   // a kPath node
  int32_t value = -1;  // SET: the value node; ADD/DELETE: the kValue node
};

struct Section {
  Clause clause = Clause::kSet;
  uint32_t first_action = 0;
  uint32_t action_count = 0;
};

struct Tree {
  std::vector<Node> nodes;
  std::vector<uint32_t> children;
  std::vector<PathElement> elems;
  uint32_t root = 0;               // condition kinds: the whole condition
  std::vector<uint32_t> paths;     // projection: path nodes as written
  std::vector<Action> actions;     // update: as written
  std::vector<Section> sections;   // update: as written

  void Clear() {
    nodes.clear();
    children.clear();
    elems.clear();
    root = 0;
    paths.clear();
    actions.clear();
    sections.clear();
  }
  uint32_t Child(const Node& node, uint32_t i) const { return children[node.first + i]; }
};

// The expression being parsed, for messages.
struct Source {
  std::string_view text;
  const std::vector<Token>* tokens = nullptr;
  ExpressionKind kind = ExpressionKind::kCondition;

  std::string_view Text(uint32_t token) const { return TokenText(text, (*tokens)[token]); }
  // "Invalid <Kind>: <message>" as a ValidationException.
  Status Invalid(std::string_view message) const;
};

// Condition, filter and key condition share the condition grammar.
inline bool IsConditionKind(ExpressionKind kind) {
  return kind == ExpressionKind::kCondition || kind == ExpressionKind::kFilter ||
         kind == ExpressionKind::kKeyCondition;
}

// DynamoDB's display of a path: "[a, b, [2]]". Uses resolved names, so
// REQUIRES: the path was validated.
std::string PathText(const Tree& tree, const Node& path);

}  // namespace lmddb::expr::internal

#endif  // LMDDB_ENGINE_EXPR_PARSE_TREE_H_
