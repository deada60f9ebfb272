// The walk pass (parse_walk.h).
#include "engine/expr/parse_walk.h"

#include <vector>

#include "engine/common/status_macros.h"
#include "engine/common/strings.h"
#include "engine/expr/reserved_words.h"

namespace lmddb::expr::internal {
namespace {

enum class Category : uint8_t { kCondition, kUpdate };

constexpr uint64_t kMaxListIndex = 2147483647;  // a Java int

// Names and list indexes of one path, in written order.
Status CheckPathElements(const Source& source, Tree* tree, const Node& path) {
  for (uint32_t i = 0; i < path.count; ++i) {
    PathElement& e = tree->elems[path.first + i];
    if (e.kind == PathElement::Kind::kName) {
      if (IsReservedWord(e.name)) {
        return source.Invalid(
            StrCat("Attribute name is a reserved keyword; reserved keyword: ", e.name));
      }
    } else if (e.kind == PathElement::Kind::kIndex) {
      const std::string_view digits = source.Text(e.token);
      uint64_t value = 0;
      bool in_range = digits.size() <= 10;
      for (size_t d = 0; in_range && d < digits.size(); ++d) {
        value = value * 10 + static_cast<uint64_t>(digits[d] - '0');
      }
      in_range = in_range && value <= kMaxListIndex;
      if (!in_range) {
        return source.Invalid(
            StrCat("List index is not within the allowable range; index: [", digits, "]"));
      }
      e.index = static_cast<uint32_t>(value);
    }
  }
  return Status::Ok();
}

Status FunctionMisused(const Source& source, std::string_view name) {
  return source.Invalid(StrCat(
      "The function is not allowed to be used this way in an expression; function: ", name));
}

// `nesting` counts the comparisons, functions and + / - around the call.
Status CheckFunction(const Source& source, const Node& node, Category category, int nesting) {
  const std::string_view name = source.Text(node.token);
  const Function function = FunctionOf(name);
  if (function == Function::kUnknown) {
    return source.Invalid(StrCat("Invalid function name; function: ", name));
  }
  const bool update_function =
      function == Function::kIfNotExists || function == Function::kListAppend;
  if (category == Category::kUpdate) {
    if (!update_function) {
      return source.Invalid(
          StrCat("The function is not allowed in an update expression; function: ", name));
    }
    // Only if_not_exists may sit inside another function or + / -.
    if (nesting > 0 && function != Function::kIfNotExists) return FunctionMisused(source, name);
    return Status::Ok();
  }
  if (update_function) {
    return source.Invalid(
        StrCat("The function is not allowed in a condition expression; function: ", name));
  }
  // size() yields a number: never a condition of its own, and the only
  // function allowed inside a comparison or another function.
  if (nesting == 0 && function == Function::kSize) return FunctionMisused(source, name);
  if (nesting > 0 && function != Function::kSize) return FunctionMisused(source, name);
  return Status::Ok();
}

bool Nests(const Node& node, Category category) {
  switch (node.kind) {
    case NodeKind::kFunction:
      return true;
    case NodeKind::kCompare:
    case NodeKind::kBetween:
    case NodeKind::kIn:
      return category == Category::kCondition;
    case NodeKind::kPlus:
    case NodeKind::kMinus:
      return category == Category::kUpdate;
    default:
      return false;
  }
}

// Depth-first in written order, with an explicit stack.
Status WalkExpression(const Source& source, Tree* tree, uint32_t root, Category category) {
  struct Entry {
    uint32_t node;
    bool exit;
  };
  thread_local std::vector<Entry> stack;
  stack.clear();
  stack.push_back(Entry{root, false});
  int nesting = 0;
  while (!stack.empty()) {
    const Entry entry = stack.back();
    stack.pop_back();
    const Node node = tree->nodes[entry.node];
    const bool nests = Nests(node, category);
    if (entry.exit) {
      if (nests) --nesting;
      continue;
    }
    if (node.kind == NodeKind::kPath) {
      LMDDB_RETURN_IF_ERROR(CheckPathElements(source, tree, node));
      continue;
    }
    if (node.kind == NodeKind::kValue) continue;
    if (node.kind == NodeKind::kFunction) {
      LMDDB_RETURN_IF_ERROR(CheckFunction(source, node, category, nesting));
    }
    if (nests) {
      ++nesting;
      stack.push_back(Entry{entry.node, true});
    }
    for (uint32_t i = node.count; i-- > 0;) stack.push_back(Entry{tree->Child(node, i), false});
  }
  return Status::Ok();
}

const char* ClauseName(Clause clause) {
  switch (clause) {
    case Clause::kSet: return "SET";
    case Clause::kRemove: return "REMOVE";
    case Clause::kAdd: return "ADD";
    case Clause::kDelete: return "DELETE";
  }
  return "SET";
}

}  // namespace

Function FunctionOf(std::string_view name) {
  if (name == "attribute_exists") return Function::kAttributeExists;
  if (name == "attribute_not_exists") return Function::kAttributeNotExists;
  if (name == "attribute_type") return Function::kAttributeType;
  if (name == "begins_with") return Function::kBeginsWith;
  if (name == "contains") return Function::kContains;
  if (name == "size") return Function::kSize;
  if (name == "if_not_exists") return Function::kIfNotExists;
  if (name == "list_append") return Function::kListAppend;
  return Function::kUnknown;
}

Status WalkCondition(const Source& source, Tree* tree) {
  return WalkExpression(source, tree, tree->root, Category::kCondition);
}

Status WalkProjection(const Source& source, Tree* tree) {
  for (uint32_t path : tree->paths) {
    LMDDB_RETURN_IF_ERROR(CheckPathElements(source, tree, tree->nodes[path]));
  }
  return Status::Ok();
}

Status WalkUpdate(const Source& source, Tree* tree) {
  bool seen[4] = {false, false, false, false};
  for (const Section& section : tree->sections) {
    for (uint32_t i = 0; i < section.action_count; ++i) {
      const Action action = tree->actions[section.first_action + i];
      LMDDB_RETURN_IF_ERROR(CheckPathElements(source, tree, tree->nodes[action.path]));
      if (action.value >= 0) {
        LMDDB_RETURN_IF_ERROR(
            WalkExpression(source, tree, static_cast<uint32_t>(action.value), Category::kUpdate));
      }
    }
    bool& once = seen[static_cast<int>(section.clause)];
    if (once) {
      return source.Invalid(StrCat("The \"", ClauseName(section.clause),
                                   "\" section can only be used once in an update expression;"));
    }
    once = true;
  }
  return Status::Ok();
}

}  // namespace lmddb::expr::internal
