// The walk pass: the checks DynamoDB makes while walking the parse tree in
// written order, before it looks at any placeholder. The first problem in
// written order is reported:
//   - a reserved word used as a name (reserved_words.h);
//   - a list index above 2147483647:
//       List index is not within the allowable range; index: [99999999999]
//   - an unknown function (names are case-sensitive):
//       Invalid function name; function: f
//   - a function in the wrong kind of expression:
//       The function is not allowed in a condition expression; function: if_not_exists
//       The function is not allowed in an update expression; function: size
//   - a function in the wrong place: size() as a whole condition, a
//     condition function used as an operand, list_append nested in
//     another function or in + / -:
//       The function is not allowed to be used this way in an expression; function: size
//   - an update section written twice (reported when the second one ends):
//       The "SET" section can only be used once in an update expression;
//
// Also stores each list index in its path element.
//
// Thread safety: pure functions over the caller's tree.
#ifndef LMDDB_ENGINE_EXPR_PARSE_WALK_H_
#define LMDDB_ENGINE_EXPR_PARSE_WALK_H_

#include "engine/expr/parse_tree.h"
#include "lmddb/status.hpp"

namespace lmddb::expr::internal {

Status WalkCondition(const Source& source, Tree* tree);
Status WalkProjection(const Source& source, Tree* tree);
Status WalkUpdate(const Source& source, Tree* tree);

// The functions DynamoDB knows, by exact name.
enum class Function : uint8_t {
  kUnknown,
  kAttributeExists,
  kAttributeNotExists,
  kAttributeType,
  kBeginsWith,
  kContains,
  kSize,
  kIfNotExists,
  kListAppend,
};
Function FunctionOf(std::string_view name);

}  // namespace lmddb::expr::internal

#endif  // LMDDB_ENGINE_EXPR_PARSE_WALK_H_
