// The validation pass: placeholders, paths, operand types and limits, in
// DynamoDB's order, after the walk pass (parse_walk.h) found nothing.
//
// Conditions are validated bottom-up, each operator after its operands:
//   - a path: more than 32 levels, a :value inside it, an undefined #name
//       The document path has too many nesting levels; nesting levels: 33
//       The document path cannot contain attribute value parameters; attribute value: :v
//       An expression attribute name used in the document path is not defined; attribute name: #n
//   - a :value that is not defined
//       An expression attribute value used in expression is not defined; attribute value: :v
//   - an operator or function: its number of operands, their types when
//     known before reading the item (a :value's type, N for size()), a
//     first operand repeated later, and the checks of BETWEEN, IN,
//     attribute_exists/attribute_not_exists/if_not_exists (a path first),
//     attribute_type (a known type name); then the operator count (300).
// A projection inserts its paths, last first, into the path tree
// (parse_paths.h). An update does the same with its action paths, then
// validates the values of its actions, last first, and the type of each
// ADD and DELETE value.
//
// Records the names and values each expression uses, for
// ExpressionContext::CheckAllUsed.
//
// Thread safety: a Validator is used by one thread.
#ifndef LMDDB_ENGINE_EXPR_PARSE_VALIDATE_H_
#define LMDDB_ENGINE_EXPR_PARSE_VALIDATE_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/expr/parse_tree.h"
#include "engine/expr/parser.h"
#include "lmddb/attribute_value.hpp"
#include "lmddb/status.hpp"

namespace lmddb::expr::internal {

// The most operators and functions one expression may hold.
inline constexpr int kMaxOperators = 300;
// The deepest document path, in elements.
inline constexpr uint32_t kMaxPathDepth = 32;
// The most values IN may compare with.
inline constexpr uint32_t kMaxInOperands = 100;

struct Placeholders {
  const AttributeNames* names = nullptr;
  const Item* values = nullptr;
  std::vector<std::string_view>* used_names = nullptr;   // keys of *names
  std::vector<std::string_view>* used_values = nullptr;  // keys of *values
};

class Validator {
 public:
  Validator(const Source& source, Tree* tree, const Placeholders& placeholders);

  Status ValidateCondition();
  Status ValidateProjection();
  Status ValidateUpdate();

 private:
  struct OpInfo;

  Status Expression(uint32_t root);
  Status Path(uint32_t node);
  Status Value(uint32_t node);
  Status Operator(uint32_t node);
  Status AddOrDeleteOperand(Clause clause, uint32_t node);
  OpInfo InfoOf(const Node& node) const;
  bool SamePath(uint32_t a, uint32_t b) const;

  const Source& source_;
  Tree* tree_;
  Placeholders placeholders_;
  int operators_ = 0;
};

}  // namespace lmddb::expr::internal

#endif  // LMDDB_ENGINE_EXPR_PARSE_VALIDATE_H_
