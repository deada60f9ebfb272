// ExpressionContext (parser.h): each expression goes through the passes in
// DynamoDB's order:
//   1. empty text, then length (4096);
//   2. tokens and syntax, with redundant parentheses (parse_syntax.h);
//   3. the checks made while walking the tree in written order: reserved
//      words, list indexes, function names and places, update sections
//      (parse_walk.h);
//   4. placeholders, paths, operand types, limits, path overlaps
//      (parse_validate.h);
//   5. the tree of ast.h (parse_build.h).
#include "engine/expr/parser.h"

#include <algorithm>

#include "engine/common/status_macros.h"
#include "engine/common/strings.h"
#include "engine/expr/lexer.h"
#include "engine/expr/parse_build.h"
#include "engine/expr/parse_paths.h"
#include "engine/expr/parse_syntax.h"
#include "engine/expr/parse_tree.h"
#include "engine/expr/parse_validate.h"
#include "engine/expr/parse_walk.h"

namespace lmddb::expr {
namespace {

// Storage reused by every parse on a thread.
struct Workspace {
  std::vector<Token> tokens;
  internal::Tree tree;
};

Workspace& ThreadWorkspace() {
  thread_local Workspace workspace;
  return workspace;
}

// Empty text, then length. DynamoDB quotes the length for the condition
// kinds only.
Status CheckText(const internal::Source& source) {
  if (source.text.empty()) return source.Invalid("The expression can not be empty;");
  if (source.text.size() <= kMaxExpressionSize) return Status::Ok();  // never more units than bytes
  const size_t size = Utf16Length(source.text);
  if (size <= kMaxExpressionSize) return Status::Ok();
  if (internal::IsConditionKind(source.kind)) {
    return source.Invalid(
        StrCat("Expression size has exceeded the maximum allowed size; expression size: ", size));
  }
  return source.Invalid("Expression size has exceeded the maximum allowed size;");
}

// DynamoDB's message for keys of `map` (a request's names or values) no
// expression used, in its order.
template <typename Map>
Status UnusedKeys(std::string_view map_name, const Map* map, std::vector<std::string_view> used) {
  if (map == nullptr || map->empty()) return Status::Ok();
  std::vector<std::string_view> keys;
  keys.reserve(map->size());
  for (const auto& entry : *map) keys.push_back(entry.first);
  std::sort(used.begin(), used.end());
  std::vector<bool> unused(keys.size());
  bool any = false;
  for (size_t i = 0; i < keys.size(); ++i) {
    unused[i] = !std::binary_search(used.begin(), used.end(), keys[i]);
    any = any || unused[i];
  }
  if (!any) return Status::Ok();
  return Status::Validation(StrCat("Value provided in ", map_name,
                                   " unused in expressions: keys: {",
                                   StrJoin(internal::JavaHashSetOrder(keys, unused), ", "), "}"));
}

// The grammar a parse follows; ParseCondition's kinds and the key
// condition share one.
enum class Grammar { kCondition, kProjection, kUpdate };

// Passes 1 to 4 over `source`, leaving the checked tree in `w`.
Status CheckExpression(const internal::Source& source, Grammar grammar,
                       const internal::Placeholders& placeholders, Workspace& w) {
  LMDDB_RETURN_IF_ERROR(CheckText(source));
  Tokenize(source.text, &w.tokens);
  internal::SyntaxParser parser(source, &w.tree);
  internal::Validator validator(source, &w.tree, placeholders);
  switch (grammar) {
    case Grammar::kCondition:
      LMDDB_RETURN_IF_ERROR(parser.ParseCondition());
      LMDDB_RETURN_IF_ERROR(internal::WalkCondition(source, &w.tree));
      return validator.ValidateCondition();
    case Grammar::kProjection:
      LMDDB_RETURN_IF_ERROR(parser.ParseProjection());
      LMDDB_RETURN_IF_ERROR(internal::WalkProjection(source, &w.tree));
      return validator.ValidateProjection();
    case Grammar::kUpdate:
      LMDDB_RETURN_IF_ERROR(parser.ParseUpdate());
      LMDDB_RETURN_IF_ERROR(internal::WalkUpdate(source, &w.tree));
      return validator.ValidateUpdate();
  }
  return Status::Internal("expression parser: bad grammar");
}

}  // namespace

ExpressionContext::ExpressionContext(const AttributeNames* names, const Item* values)
    : names_(names), values_(values) {}

StatusOr<Condition> ExpressionContext::ParseCondition(std::string_view text, ExpressionKind kind) {
  Workspace& w = ThreadWorkspace();
  const internal::Source source{text, &w.tokens, kind};
  LMDDB_RETURN_IF_ERROR(CheckExpression(source, Grammar::kCondition,
                                         {names_, values_, &used_names_, &used_values_}, w));
  return internal::BuildCondition(source, w.tree);
}

StatusOr<KeyCondition> ExpressionContext::ParseKeyCondition(std::string_view text) {
  Workspace& w = ThreadWorkspace();
  const internal::Source source{text, &w.tokens, ExpressionKind::kKeyCondition};
  LMDDB_RETURN_IF_ERROR(CheckExpression(source, Grammar::kCondition,
                                         {names_, values_, &used_names_, &used_values_}, w));
  StatusOr<KeyCondition> key = internal::BuildKeyCondition(source, w.tree);
  if (!key.ok()) LMDDB_RETURN_IF_ERROR(CheckAllUsed());
  return key;
}

StatusOr<Projection> ExpressionContext::ParseProjection(std::string_view text) {
  Workspace& w = ThreadWorkspace();
  const internal::Source source{text, &w.tokens, ExpressionKind::kProjection};
  LMDDB_RETURN_IF_ERROR(CheckExpression(source, Grammar::kProjection,
                                         {names_, values_, &used_names_, &used_values_}, w));
  return internal::BuildProjection(w.tree);
}

StatusOr<UpdateExpression> ExpressionContext::ParseUpdate(std::string_view text) {
  Workspace& w = ThreadWorkspace();
  const internal::Source source{text, &w.tokens, ExpressionKind::kUpdate};
  LMDDB_RETURN_IF_ERROR(CheckExpression(source, Grammar::kUpdate,
                                         {names_, values_, &used_names_, &used_values_}, w));
  return internal::BuildUpdate(source, w.tree);
}

Status ExpressionContext::CheckAllUsed() const {
  LMDDB_RETURN_IF_ERROR(UnusedKeys("ExpressionAttributeNames", names_, used_names_));
  return UnusedKeys("ExpressionAttributeValues", values_, used_values_);
}

}  // namespace lmddb::expr
