// Document path resolution (document_path.h).
#include "engine/expr/document_path.h"

#include "engine/common/status_macros.h"

namespace lmddb::expr {
namespace {

using Type = AttributeValue::Type;

bool StartsWithName(const DocumentPath& path) {
  return !path.elements.empty() && path.elements.front().kind == PathElement::Kind::kName;
}

}  // namespace

StatusOr<std::optional<value::ValueView>> ResolveStep(value::ValueView value,
                                                      const PathElement& step) {
  if (step.kind == PathElement::Kind::kName) {
    if (value.type != Type::kM) return std::optional<value::ValueView>();
    LMDDB_ASSIGN_OR_RETURN(value::ItemView map, value::ItemView::OpenMap(value));
    return map.Find(step.name);
  }
  if (value.type != Type::kL) return std::optional<value::ValueView>();
  LMDDB_ASSIGN_OR_RETURN(value::ListView list, value::ListView::Open(value));
  return list.At(step.index);
}

const AttributeValue* ResolveStep(const AttributeValue& value, const PathElement& step) {
  if (step.kind == PathElement::Kind::kName) {
    if (!value.is(Type::kM)) return nullptr;
    auto it = value.m().find(step.name);
    return it == value.m().end() ? nullptr : &it->second;
  }
  if (!value.is(Type::kL) || step.index >= value.l().size()) return nullptr;
  return &value.l()[step.index];
}

AttributeValue* ResolveStep(AttributeValue* value, const PathElement& step) {
  // The const overload finds the element; the caller owns it mutably.
  return const_cast<AttributeValue*>(ResolveStep(static_cast<const AttributeValue&>(*value), step));
}

StatusOr<std::optional<value::ValueView>> ResolvePath(const DocumentPath& path,
                                                      const value::ItemView& item) {
  if (!StartsWithName(path)) return std::optional<value::ValueView>();
  std::optional<value::ValueView> current = item.Find(path.elements.front().name);
  // Iterative, so a long path cannot deepen the stack.
  for (size_t i = 1; i < path.elements.size() && current.has_value(); ++i) {
    LMDDB_ASSIGN_OR_RETURN(current, ResolveStep(*current, path.elements[i]));
  }
  return current;
}

const AttributeValue* ResolvePath(const DocumentPath& path, const Item& item) {
  if (!StartsWithName(path)) return nullptr;
  auto it = item.find(path.elements.front().name);
  if (it == item.end()) return nullptr;
  const AttributeValue* current = &it->second;
  for (size_t i = 1; i < path.elements.size() && current != nullptr; ++i) {
    current = ResolveStep(*current, path.elements[i]);
  }
  return current;
}

AttributeValue* ResolvePath(const DocumentPath& path, Item* item) {
  return const_cast<AttributeValue*>(ResolvePath(path, static_cast<const Item&>(*item)));
}

}  // namespace lmddb::expr
