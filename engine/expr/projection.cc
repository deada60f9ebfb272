// ProjectionExpression application (projection.h).
//
// The paths are walked together, level by level: at each level they are
// grouped by their next step, each map or list is scanned once for all the
// names or indexes asked of it, and a value is decoded only where a path
// ends. So `a.b, a.c` reads `a` once and merges into {"a": {"b", "c"}},
// and `a[2], a[0]` on [x, y, z] walks the list once and yields [x, z]:
// DynamoDB returns list elements in index order, not in the order the
// paths were written. A map or list that ends up with nothing selected is
// left out entirely, so a path that does not resolve contributes nothing.
//
// One generic walker serves stored and decoded items through two small
// access classes. Two shortcuts keep the common projections cheap: a stored
// item's top level is one pass over its entries, and a value that only one
// path leads into is followed along that path, with nothing to group.
#include "engine/expr/projection.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/common/status_macros.h"

namespace lmddb::expr {
namespace {

using Type = AttributeValue::Type;
using Paths = std::vector<const DocumentPath*>;
using PathSpan = std::span<const DocumentPath* const>;

// Deeper than any item the decoder accepts, so no resolvable path is cut;
// bounds the walker's recursion whatever the paths.
constexpr size_t kMaxDepth = value::kMaxDecodeDepth;

// Stored items: values are views into the encoding.
struct StoredAccess {
  using Value = value::ValueView;
  using Map = value::ItemView;

  static StatusOr<std::optional<Map>> AsMap(Value v) {
    if (v.type != Type::kM) return std::optional<Map>();
    LMDDB_ASSIGN_OR_RETURN(Map map, value::ItemView::OpenMap(v));
    return std::optional<Map>(map);
  }

  // found[i] = the member named names[i]; `names` is sorted and unique, so
  // one pass over the map serves all of them.
  static Status FindMembers(const Map& map, const std::vector<std::string_view>& names,
                            std::vector<std::optional<Value>>* found) {
    for (const value::AttributeView& entry : map) {
      auto it = std::lower_bound(names.begin(), names.end(), entry.name);
      if (it == names.end() || *it != entry.name) continue;
      std::optional<Value>& slot = (*found)[it - names.begin()];
      if (!slot.has_value()) slot = entry.value;
    }
    return Status::Ok();
  }

  // Same for list elements; `indexes` is sorted and unique.
  static Status FindElements(Value v, const std::vector<uint32_t>& indexes,
                             std::vector<std::optional<Value>>* found) {
    if (v.type != Type::kL) return Status::Ok();
    LMDDB_ASSIGN_OR_RETURN(value::ListView list, value::ListView::Open(v));
    size_t position = 0;
    size_t next = 0;
    for (auto it = list.begin(); it != list.end() && next < indexes.size(); ++it, ++position) {
      if (position == indexes[next]) (*found)[next++] = *it;
    }
    return Status::Ok();
  }

  // One member or element, for a path followed alone.
  static std::optional<Value> FindMember(const Map& map, std::string_view name) {
    return map.Find(name);
  }
  static StatusOr<std::optional<Value>> FindElement(Value v, uint32_t index) {
    if (v.type != Type::kL) return std::optional<Value>();
    LMDDB_ASSIGN_OR_RETURN(value::ListView list, value::ListView::Open(v));
    return list.At(index);
  }

  static StatusOr<AttributeValue> Materialize(Value v) { return value::DecodeValue(v); }
};

// Decoded items: values are pointers into the Item.
struct DecodedAccess {
  using Value = const AttributeValue*;
  using Map = const Item*;

  static StatusOr<std::optional<Map>> AsMap(Value v) {
    if (!v->is(Type::kM)) return std::optional<Map>();
    return std::optional<Map>(&v->m());
  }

  static Status FindMembers(const Map& map, const std::vector<std::string_view>& names,
                            std::vector<std::optional<Value>>* found) {
    for (size_t i = 0; i < names.size(); ++i) {
      auto it = map->find(names[i]);
      if (it != map->end()) (*found)[i] = &it->second;
    }
    return Status::Ok();
  }

  static Status FindElements(Value v, const std::vector<uint32_t>& indexes,
                             std::vector<std::optional<Value>>* found) {
    if (!v->is(Type::kL)) return Status::Ok();
    for (size_t i = 0; i < indexes.size(); ++i) {
      if (indexes[i] < v->l().size()) (*found)[i] = &v->l()[indexes[i]];
    }
    return Status::Ok();
  }

  static std::optional<Value> FindMember(const Map& map, std::string_view name) {
    auto it = map->find(name);
    if (it == map->end()) return std::nullopt;
    return &it->second;
  }
  static StatusOr<std::optional<Value>> FindElement(Value v, uint32_t index) {
    if (!v->is(Type::kL) || index >= v->l().size()) return std::optional<Value>();
    return std::optional<Value>(&v->l()[index]);
  }

  static StatusOr<AttributeValue> Materialize(Value v) { return *v; }
};

const PathElement& StepAt(const DocumentPath* path, size_t depth) { return path->elements[depth]; }

// The paths of `paths` whose step at `depth` has `kind`, sorted by that step
// (stable, so equal steps keep their order).
Paths StepsOfKind(PathSpan paths, size_t depth, PathElement::Kind kind) {
  Paths out;
  for (const DocumentPath* p : paths) {
    if (p->elements.size() > depth && StepAt(p, depth).kind == kind) out.push_back(p);
  }
  std::stable_sort(out.begin(), out.end(), [&](const DocumentPath* a, const DocumentPath* b) {
    const PathElement& x = StepAt(a, depth);
    const PathElement& y = StepAt(b, depth);
    return kind == PathElement::Kind::kName ? x.name < y.name : x.index < y.index;
  });
  return out;
}

template <typename Access>
class Projector {
 public:
  using Value = typename Access::Value;
  using Map = typename Access::Map;

  // Adds to *out the members of `map` that `paths` select, each path's
  // step at `depth` naming a member.
  static Status ProjectMembers(const Map& map, PathSpan paths, size_t depth, Item* out) {
    const Paths named = StepsOfKind(paths, depth, PathElement::Kind::kName);
    if (named.empty()) return Status::Ok();
    // Group boundaries: groups[g] is the first path of group g.
    std::vector<size_t> groups;
    std::vector<std::string_view> names;
    for (size_t i = 0; i < named.size(); ++i) {
      const std::string& name = StepAt(named[i], depth).name;
      if (names.empty() || names.back() != name) {
        groups.push_back(i);
        names.push_back(name);
      }
    }
    std::vector<std::optional<Value>> found(names.size());
    LMDDB_RETURN_IF_ERROR(Access::FindMembers(map, names, &found));
    for (size_t g = 0; g < names.size(); ++g) {
      if (!found[g].has_value()) continue;
      const size_t end = g + 1 < groups.size() ? groups[g + 1] : named.size();
      const PathSpan group(named.data() + groups[g], end - groups[g]);
      LMDDB_ASSIGN_OR_RETURN(std::optional<AttributeValue> sub,
                             ProjectValue(*found[g], group, depth + 1));
      if (sub.has_value()) out->insert_or_assign(std::string(names[g]), std::move(*sub));
    }
    return Status::Ok();
  }

  // The part of `value` selected by `paths`, which all lead to it (their
  // first `depth` steps); nullopt when nothing below it resolves.
  static StatusOr<std::optional<AttributeValue>> ProjectValue(Value value, PathSpan paths,
                                                              size_t depth) {
    using Result = std::optional<AttributeValue>;
    if (paths.size() == 1) return ProjectPath(value, *paths[0], depth);
    // A path ending here selects the whole value (the parser forbids
    // overlapping paths, but the whole value covers them anyway).
    for (const DocumentPath* p : paths) {
      if (p->elements.size() == depth) {
        LMDDB_ASSIGN_OR_RETURN(AttributeValue whole, Access::Materialize(value));
        return Result(std::move(whole));
      }
    }
    if (depth > kMaxDepth) return Result();
    LMDDB_ASSIGN_OR_RETURN(std::optional<Map> map, Access::AsMap(value));
    if (map.has_value()) {
      Item members;
      LMDDB_RETURN_IF_ERROR(ProjectMembers(*map, paths, depth, &members));
      if (members.empty()) return Result();
      return Result(AttributeValue::M(std::move(members)));
    }
    return ProjectElements(value, paths, depth);
  }

  // The usual case below the top level: one path leads to `value`, so it is
  // followed step by step and nothing needs grouping. Same result as the
  // grouped walk.
  static StatusOr<std::optional<AttributeValue>> ProjectPath(Value value, const DocumentPath& path,
                                                             size_t depth) {
    using Result = std::optional<AttributeValue>;
    if (path.elements.size() == depth) {
      LMDDB_ASSIGN_OR_RETURN(AttributeValue whole, Access::Materialize(value));
      return Result(std::move(whole));
    }
    if (depth > kMaxDepth) return Result();
    const PathElement& step = StepAt(&path, depth);
    if (step.kind == PathElement::Kind::kName) {
      LMDDB_ASSIGN_OR_RETURN(std::optional<Map> map, Access::AsMap(value));
      if (!map.has_value()) return Result();
      std::optional<Value> member = Access::FindMember(*map, step.name);
      if (!member.has_value()) return Result();
      LMDDB_ASSIGN_OR_RETURN(Result sub, ProjectPath(*member, path, depth + 1));
      if (!sub.has_value()) return Result();
      Item members;
      members.emplace(step.name, std::move(*sub));
      return Result(AttributeValue::M(std::move(members)));
    }
    LMDDB_ASSIGN_OR_RETURN(std::optional<Value> element, Access::FindElement(value, step.index));
    if (!element.has_value()) return Result();
    LMDDB_ASSIGN_OR_RETURN(Result sub, ProjectPath(*element, path, depth + 1));
    if (!sub.has_value()) return Result();
    AttributeValue::List elements;
    elements.push_back(std::move(*sub));
    return Result(AttributeValue::L(std::move(elements)));
  }

  // Index steps at `depth` into a list: the selected elements in index
  // order. (Name steps into a list, or any step into a scalar, select
  // nothing.)
  static StatusOr<std::optional<AttributeValue>> ProjectElements(Value value, PathSpan paths,
                                                                 size_t depth) {
    using Result = std::optional<AttributeValue>;
    const Paths indexed = StepsOfKind(paths, depth, PathElement::Kind::kIndex);
    if (indexed.empty()) return Result();
    std::vector<size_t> groups;
    std::vector<uint32_t> indexes;
    for (size_t i = 0; i < indexed.size(); ++i) {
      const uint32_t index = StepAt(indexed[i], depth).index;
      if (indexes.empty() || indexes.back() != index) {
        groups.push_back(i);
        indexes.push_back(index);
      }
    }
    std::vector<std::optional<Value>> found(indexes.size());
    LMDDB_RETURN_IF_ERROR(Access::FindElements(value, indexes, &found));
    AttributeValue::List elements;
    for (size_t g = 0; g < indexes.size(); ++g) {
      if (!found[g].has_value()) continue;
      const size_t end = g + 1 < groups.size() ? groups[g + 1] : indexed.size();
      const PathSpan group(indexed.data() + groups[g], end - groups[g]);
      LMDDB_ASSIGN_OR_RETURN(Result sub, ProjectValue(*found[g], group, depth + 1));
      if (sub.has_value()) elements.push_back(std::move(*sub));
    }
    if (elements.empty()) return Result();
    return Result(AttributeValue::L(std::move(elements)));
  }
};

Paths PointersTo(const std::vector<DocumentPath>& paths) {
  Paths out;
  out.reserve(paths.size());
  for (const DocumentPath& p : paths) out.push_back(&p);
  return out;
}

// Up to this many paths, the top level is one pass over the stored entries
// matching each against every path (a bit per path marks it served), with
// no grouping. Longer lists go through the walker, whose sorted lookup
// keeps paths x attributes from adding up.
constexpr size_t kMaxFlatPaths = 16;

bool IsTopLevelName(const DocumentPath& path) {
  return path.elements.size() == 1 && path.elements[0].kind == PathElement::Kind::kName;
}

// Decodes only the selected values (the parts the walker selects below
// the top level) and appends them in stored order, which is the Item's.
// The first entry of a name wins, as in the walker.
// REQUIRES: paths.size() <= kMaxFlatPaths.
Status ProjectTopLevel(const std::vector<DocumentPath>& paths, const value::ItemView& item,
                       Item* out) {
  static_assert(kMaxFlatPaths < 32);
  uint32_t pending = 0;  // paths that can still select an entry
  for (size_t i = 0; i < paths.size(); ++i) {
    const DocumentPath& p = paths[i];
    if (!p.elements.empty() && p.elements[0].kind == PathElement::Kind::kName) {
      pending |= uint32_t{1} << i;
    }
  }
  if (pending == 0) return Status::Ok();
  const DocumentPath* matched[kMaxFlatPaths];
  for (const value::AttributeView& entry : item) {
    size_t count = 0;
    bool whole = false;
    for (size_t i = 0; i < paths.size(); ++i) {
      // Every path through the entry is served by it (`a.b, a.c`).
      if ((pending >> i & 1) != 0 && paths[i].elements[0].name == entry.name) {
        pending &= ~(uint32_t{1} << i);
        matched[count++] = &paths[i];
        whole = whole || paths[i].elements.size() == 1;
      }
    }
    if (count == 0) continue;
    if (whole) {
      // Covers any other path into it.
      LMDDB_ASSIGN_OR_RETURN(AttributeValue value, value::DecodeValue(entry.value));
      out->emplace_hint(out->end(), entry.name, std::move(value));
    } else {
      LMDDB_ASSIGN_OR_RETURN(
          std::optional<AttributeValue> sub,
          Projector<StoredAccess>::ProjectValue(entry.value, PathSpan(matched, count), 1));
      if (sub.has_value()) out->emplace_hint(out->end(), entry.name, std::move(*sub));
    }
    if (pending == 0) break;
  }
  return Status::Ok();
}

}  // namespace

StatusOr<Item> Project(const std::vector<DocumentPath>& paths, const value::ItemView& item) {
  Item out;
  if (paths.size() <= kMaxFlatPaths) {
    LMDDB_RETURN_IF_ERROR(ProjectTopLevel(paths, item, &out));
    return out;
  }
  LMDDB_RETURN_IF_ERROR(Projector<StoredAccess>::ProjectMembers(item, PointersTo(paths), 0, &out));
  return out;
}

Item Project(const std::vector<DocumentPath>& paths, const Item& item) {
  Item out;
  if (std::all_of(paths.begin(), paths.end(), IsTopLevelName)) {
    for (const DocumentPath& path : paths) {
      auto it = item.find(path.elements[0].name);
      if (it != item.end()) out.insert(*it);
    }
    return out;
  }
  // Decoded access cannot fail.
  Status status = Projector<DecodedAccess>::ProjectMembers(&item, PointersTo(paths), 0, &out);
  if (!status.ok()) return Item();
  return out;
}

}  // namespace lmddb::expr
