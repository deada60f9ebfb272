// Applying an UpdateExpression to a decoded item (update.h).
//
// The update runs in two passes, so that every operand reads the item as it
// was before the update, and a failing update leaves the item untouched:
//
//  1. Plan (reads only). Evaluate every SET operand; locate every action's
//     target slot (a map entry or a list element); compute what the slot
//     receives (ADD and DELETE read the slot's old value). Every error is
//     raised here.
//  2. Apply (cannot fail). Write map entries and in-range list elements in
//     place. Then reshape lists, deepest first: drop removed elements
//     (REMOVE, or a DELETE that empties a set held in a list) by their
//     pre-update index, and append the elements written past the end (SET,
//     ADD) ordered by the index written. DynamoDB's guide: "If you add
//     multiple elements in a single SET operation, the elements are sorted
//     in order by element number"; an ADD past the end joins the same order.
//
// Because indexes keep their pre-update meaning, `REMOVE a[1] SET a[3] = :v`
// on [2, 3, 4, 5, 6, 7] gives [2, 4, :v, 6, 7] in either clause order, as
// DynamoDB does.
//
// The plan holds raw pointers into *item. They stay valid: pass 1 changes
// nothing, and in pass 2 an edit could destroy or move a container another
// edit points into only if one action's path were a prefix of another's.
// Such overlapping paths are refused first (the parser refuses them too;
// checking here keeps this file memory-safe for any tree). Lists are
// reshaped deepest first, so no list moves before its own edits are done.
#include "engine/expr/update.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/common/status_macros.h"
#include "engine/common/strings.h"
#include "engine/expr/document_path.h"
#include "engine/expr/operand_types.h"
#include "engine/expr/update_sets.h"

namespace lmddb::expr {
namespace {

using Type = AttributeValue::Type;
using List = AttributeValue::List;
using Kind = PathElement::Kind;

constexpr char kInvalidPath[] =
    "The document path provided in the update expression is invalid for update";
constexpr char kMissingAttribute[] =
    "The provided expression refers to an attribute that does not exist in the item";
constexpr char kIncorrectType[] = "An operand in the update expression has an incorrect data type";
constexpr char kInvalidUpdate[] = "Invalid UpdateExpression: ";

// Operands nest only through if_not_exists, list_append, + and -;
// DynamoDB's limit of 300 operators keeps parsed trees far below this.
constexpr int kMaxOperandDepth = 512;

// ---------------------------------------------------------------------------
// Checks on the tree alone. DynamoDB makes them while parsing, before it
// reads the item, and the parser repeats them; here they keep a malformed
// tree away from pass 1 and give DynamoDB's texts if one gets through.

// An ADD (`add`) or DELETE value must be of a type the action takes.
Status CheckActionOperand(bool add, const AttributeValue* value) {
  if (value == nullptr) {
    return Status::Internal(add ? "ADD action has no value" : "DELETE action has no value");
  }
  if (IsAddOrDeleteOperand(add, value->type())) return Status::Ok();
  return Status::Validation(StrCat(kInvalidUpdate, AddOrDeleteOperandMessage(add, value->type())));
}

Status CheckOperand(const Operand& op, int depth) {
  if (depth > kMaxOperandDepth) {
    return Status::Internal("UpdateExpression operands nest too deeply");
  }
  switch (op.kind) {
    case Operand::Kind::kPath: return Status::Ok();
    case Operand::Kind::kValue:
      if (op.value == nullptr) {
        return Status::Internal("UpdateExpression value operand has no value");
      }
      return Status::Ok();
    case Operand::Kind::kSize:
      return Status::Validation(StrCat(
          kInvalidUpdate, "The function is not allowed in an update expression; function: size"));
    case Operand::Kind::kIfNotExists:
      if (op.right == nullptr) return Status::Internal("if_not_exists operand is incomplete");
      return CheckOperand(*op.right, depth + 1);
    case Operand::Kind::kListAppend:
    case Operand::Kind::kPlus:
    case Operand::Kind::kMinus: {
      if (op.left == nullptr || op.right == nullptr) {
        return Status::Internal("UpdateExpression operand is incomplete");
      }
      const bool append = op.kind == Operand::Kind::kListAppend;
      const char* function = append ? "list_append" : op.kind == Operand::Kind::kPlus ? "+" : "-";
      const Type wanted = append ? Type::kL : Type::kN;
      for (const Operand* arg : {op.left.get(), op.right.get()}) {
        LMDDB_RETURN_IF_ERROR(CheckOperand(*arg, depth + 1));
        if (arg->kind == Operand::Kind::kValue && arg->value->type() != wanted) {
          return Status::Validation(
              StrCat(kInvalidUpdate, OperandTypeMessage(function, TypeName(arg->value->type()))));
        }
      }
      return Status::Ok();
    }
  }
  return Status::Internal("unknown UpdateExpression operand");
}

// Path elements compare the way LocateSlot reads them: a name step by its
// name, any other step by its index. So stray values in an unused field
// cannot hide an overlap.
bool IsName(const PathElement& e) { return e.kind == Kind::kName; }

bool ElementEqual(const PathElement& a, const PathElement& b) {
  if (IsName(a) != IsName(b)) return false;
  return IsName(a) ? a.name == b.name : a.index == b.index;
}

bool ElementLess(const PathElement& a, const PathElement& b) {
  if (IsName(a) != IsName(b)) return IsName(a);
  return IsName(a) ? a.name < b.name : a.index < b.index;
}

// Element by element; a path sorts right before the paths it prefixes.
bool PathLess(const DocumentPath& a, const DocumentPath& b) {
  return std::lexicographical_compare(a.elements.begin(), a.elements.end(), b.elements.begin(),
                                      b.elements.end(), ElementLess);
}

bool IsPrefix(const DocumentPath& prefix, const DocumentPath& path) {
  return prefix.elements.size() <= path.elements.size() &&
         std::equal(prefix.elements.begin(), prefix.elements.end(), path.elements.begin(),
                    ElementEqual);
}

// Every action's target path, in the order SET, REMOVE, ADD, DELETE.
std::vector<const DocumentPath*> ActionPaths(const UpdateExpression& update) {
  std::vector<const DocumentPath*> paths;
  paths.reserve(update.set.size() + update.remove.size() + update.add.size() + update.del.size());
  for (const auto& a : update.set) paths.push_back(&a.path);
  for (const auto& a : update.remove) paths.push_back(&a.path);
  for (const auto& a : update.add) paths.push_back(&a.path);
  for (const auto& a : update.del) paths.push_back(&a.path);
  return paths;
}

// DynamoDB's error when one path equals or contains another. In sorted
// order a path that prefixes others sorts right before them, so comparing
// neighbours finds every overlap.
Status CheckNoOverlap(const std::vector<const DocumentPath*>& paths) {
  std::vector<size_t> order(paths.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return PathLess(*paths[x], *paths[y]); });
  for (size_t i = 1; i < order.size(); ++i) {
    if (!IsPrefix(*paths[order[i - 1]], *paths[order[i]])) continue;
    const size_t one = std::min(order[i - 1], order[i]);
    const size_t two = std::max(order[i - 1], order[i]);
    return Status::Validation(StrCat(
        kInvalidUpdate,
        "Two document paths overlap with each other; must remove or rewrite one of these paths; "
        "path one: ",
        PathToString(*paths[one]), ", path two: ", PathToString(*paths[two])));
  }
  return Status::Ok();
}

Status CheckTree(const UpdateExpression& update) {
  for (const auto& a : update.set) LMDDB_RETURN_IF_ERROR(CheckOperand(a.value, 0));
  for (const auto& a : update.add) LMDDB_RETURN_IF_ERROR(CheckActionOperand(true, a.value));
  for (const auto& a : update.del) LMDDB_RETURN_IF_ERROR(CheckActionOperand(false, a.value));
  const std::vector<const DocumentPath*> paths = ActionPaths(update);
  for (const DocumentPath* path : paths) {
    // A path starts with an attribute name; anything else names no slot.
    if (path->elements.empty() || !IsName(path->elements[0])) {
      return Status::Validation(kInvalidPath);
    }
  }
  return CheckNoOverlap(paths);
}

// ---------------------------------------------------------------------------
// Pass 1: operands.

// An operand's value: borrowed from the old item or the request where it
// can be, computed otherwise.
class OperandValue {
 public:
  static OperandValue Borrow(const AttributeValue* value) {
    OperandValue v;
    v.borrowed_ = value;
    return v;
  }
  static OperandValue Own(AttributeValue value) {
    OperandValue v;
    v.owned_ = std::move(value);
    return v;
  }
  const AttributeValue& get() const { return borrowed_ != nullptr ? *borrowed_ : owned_; }
  AttributeValue Take() && { return borrowed_ != nullptr ? *borrowed_ : std::move(owned_); }

 private:
  const AttributeValue* borrowed_ = nullptr;
  AttributeValue owned_;
};

// Evaluates a SET operand against the old item. Each argument is checked
// as soon as it is known, left first (dynalite does the same): in
// `list_append(a, b)` with a not a list and b missing, the type error wins.
// REQUIRES: CheckOperand(op) passed (so nesting is bounded).
StatusOr<OperandValue> Evaluate(const Operand& op, const Item& old_item) {
  switch (op.kind) {
    case Operand::Kind::kPath: {
      const AttributeValue* v = ResolvePath(op.path, old_item);
      if (v == nullptr) return Status::Validation(kMissingAttribute);
      return OperandValue::Borrow(v);
    }
    case Operand::Kind::kValue: return OperandValue::Borrow(op.value);
    case Operand::Kind::kIfNotExists: {
      const AttributeValue* v = ResolvePath(op.path, old_item);
      if (v != nullptr) return OperandValue::Borrow(v);
      return Evaluate(*op.right, old_item);
    }
    case Operand::Kind::kListAppend: {
      LMDDB_ASSIGN_OR_RETURN(OperandValue left, Evaluate(*op.left, old_item));
      if (!left.get().is(Type::kL)) return Status::Validation(kIncorrectType);
      LMDDB_ASSIGN_OR_RETURN(OperandValue right, Evaluate(*op.right, old_item));
      if (!right.get().is(Type::kL)) return Status::Validation(kIncorrectType);
      List joined;
      joined.reserve(left.get().l().size() + right.get().l().size());
      joined.insert(joined.end(), left.get().l().begin(), left.get().l().end());
      joined.insert(joined.end(), right.get().l().begin(), right.get().l().end());
      return OperandValue::Own(AttributeValue::L(std::move(joined)));
    }
    case Operand::Kind::kPlus:
    case Operand::Kind::kMinus: {
      LMDDB_ASSIGN_OR_RETURN(OperandValue left, Evaluate(*op.left, old_item));
      if (!left.get().is(Type::kN)) return Status::Validation(kIncorrectType);
      LMDDB_ASSIGN_OR_RETURN(OperandValue right, Evaluate(*op.right, old_item));
      if (!right.get().is(Type::kN)) return Status::Validation(kIncorrectType);
      // Exact decimal arithmetic, with DynamoDB's overflow, underflow and
      // 38-digit errors from Number.
      LMDDB_ASSIGN_OR_RETURN(Number result,
                             op.kind == Operand::Kind::kPlus
                                 ? Number::Add(left.get().n(), right.get().n())
                                 : Number::Subtract(left.get().n(), right.get().n()));
      return OperandValue::Own(AttributeValue::N(result));
    }
    case Operand::Kind::kSize: break;  // refused by CheckOperand
  }
  return Status::Internal("unexpected UpdateExpression operand");
}

// ---------------------------------------------------------------------------
// Pass 1: target slots and the edits planned for them.

// Where an action writes: an entry of a map (the item itself or an M
// value) or an element of an L value, and what is there now.
struct Slot {
  Item* map = nullptr;                // map slots
  const std::string* name = nullptr;  // map slots: the key (points into the tree)
  List* list = nullptr;               // list slots
  uint32_t index = 0;                 // list slots: the pre-update index
  AttributeValue* current = nullptr;  // the value there; null if absent or past the end
};

// Finds the slot `path` names. Every step above the last must exist and be
// a map (for a name) or a list (for an index); the last step must match
// its parent's type but need not exist. Otherwise DynamoDB's "invalid for
// update" error: SET a.b needs map a, SET a[0] needs list a.
StatusOr<Slot> LocateSlot(const DocumentPath& path, Item* item) {
  const std::vector<PathElement>& elements = path.elements;
  Item* map = item;
  List* list = nullptr;
  for (size_t i = 0; i < elements.size(); ++i) {
    const PathElement& step = elements[i];
    const bool last = i + 1 == elements.size();
    AttributeValue* child = nullptr;
    if (IsName(step)) {
      if (map == nullptr) return Status::Validation(kInvalidPath);
      auto it = map->find(step.name);
      if (it != map->end()) child = &it->second;
      if (last) return Slot{map, &step.name, nullptr, 0, child};
    } else {
      if (list == nullptr) return Status::Validation(kInvalidPath);
      if (step.index < list->size()) child = &(*list)[step.index];
      if (last) return Slot{nullptr, nullptr, list, step.index, child};
    }
    if (child == nullptr) return Status::Validation(kInvalidPath);
    map = child->is(Type::kM) ? &child->m() : nullptr;
    list = child->is(Type::kL) ? &child->l() : nullptr;
  }
  return Status::Validation(kInvalidPath);  // empty path; refused by CheckTree
}

struct Edit {
  enum class Op : uint8_t {
    kPut,     // write value into the slot (a map entry, or an existing list element)
    kErase,   // drop the slot's value (a map entry, or a list element)
    kAppend,  // add value at the end of the slot's list (it was past the end)
  };
  Op op;
  Slot slot;
  size_t depth;  // steps above the slot: reshaping goes deepest list first
  AttributeValue value;
};

void PlanWrite(const Slot& slot, const DocumentPath& path, AttributeValue value,
               std::vector<Edit>* edits) {
  const bool past_end = slot.list != nullptr && slot.current == nullptr;
  edits->push_back(Edit{past_end ? Edit::Op::kAppend : Edit::Op::kPut, slot,
                        path.elements.size() - 1, std::move(value)});
}

// REQUIRES: slot.current != nullptr.
void PlanErase(const Slot& slot, const DocumentPath& path, std::vector<Edit>* edits) {
  edits->push_back(Edit{Edit::Op::kErase, slot, path.elements.size() - 1, AttributeValue()});
}

AttributeValue EmptySetLike(const AttributeValue& set) {
  switch (set.type()) {
    case Type::kNS: return AttributeValue::NS({});
    case Type::kBS: return AttributeValue::BS({});
    default: return AttributeValue::SS({});
  }
}

// ADD: a number adds to a number (a missing attribute counts as 0); a set
// joins a set of the same type (a missing attribute counts as empty).
// REQUIRES: operand is N, SS, NS or BS.
StatusOr<AttributeValue> AddResult(const AttributeValue* current, const AttributeValue& operand) {
  if (operand.is(Type::kN)) {
    if (current == nullptr) return operand;
    if (!current->is(Type::kN)) return Status::Validation(kIncorrectType);
    LMDDB_ASSIGN_OR_RETURN(Number sum, Number::Add(current->n(), operand.n()));
    return AttributeValue::N(sum);
  }
  if (current == nullptr) return SetUnion(EmptySetLike(operand), operand);
  if (current->type() != operand.type()) return Status::Validation(kIncorrectType);
  return SetUnion(*current, operand);
}

// ---------------------------------------------------------------------------
// Pass 2.

// Drops the erased elements of one list and appends the new ones.
// REQUIRES: edits all target `list`, sorted by index; erased indexes lie
// inside the list, appended ones at or past its end, so erasures come
// first.
void Reshape(List* list, const std::vector<Edit*>& edits, size_t begin, size_t end) {
  size_t next = begin;
  size_t kept = 0;
  for (size_t i = 0; i < list->size(); ++i) {
    if (next < end && edits[next]->op == Edit::Op::kErase && edits[next]->slot.index == i) {
      ++next;
      continue;
    }
    if (kept != i) (*list)[kept] = std::move((*list)[i]);
    ++kept;
  }
  list->resize(kept);
  for (; next < end; ++next) {
    if (edits[next]->op == Edit::Op::kAppend) list->push_back(std::move(edits[next]->value));
  }
}

void ApplyEdits(std::vector<Edit>* edits) {
  std::vector<Edit*> reshapes;
  for (Edit& e : *edits) {
    if (e.slot.map != nullptr) {
      if (e.op == Edit::Op::kErase) {
        e.slot.map->erase(*e.slot.name);
      } else {
        e.slot.map->insert_or_assign(*e.slot.name, std::move(e.value));
      }
    } else if (e.op == Edit::Op::kPut) {
      (*e.slot.list)[e.slot.index] = std::move(e.value);
    } else {
      reshapes.push_back(&e);
    }
  }
  // Deepest lists first: reshaping a list moves the lists nested in it.
  // Lists at one depth are disjoint, so their order does not matter.
  std::sort(reshapes.begin(), reshapes.end(), [](const Edit* x, const Edit* y) {
    if (x->depth != y->depth) return x->depth > y->depth;
    if (x->slot.list != y->slot.list) return std::less<List*>()(x->slot.list, y->slot.list);
    return x->slot.index < y->slot.index;
  });
  for (size_t begin = 0; begin < reshapes.size();) {
    size_t end = begin + 1;
    while (end < reshapes.size() && reshapes[end]->slot.list == reshapes[begin]->slot.list) ++end;
    Reshape(reshapes[begin]->slot.list, reshapes, begin, end);
    begin = end;
  }
}

}  // namespace

Status ApplyUpdate(const UpdateExpression& update, Item* item) {
  if (item == nullptr) return Status::Internal("ApplyUpdate needs an item");
  LMDDB_RETURN_IF_ERROR(CheckTree(update));

  // Pass 1. Every SET operand first, against the untouched item (so
  // `SET a = :v, b = a` copies the old a, and a missing attribute is
  // reported before any path problem, as dynalite does).
  std::vector<AttributeValue> set_values;
  set_values.reserve(update.set.size());
  for (const auto& action : update.set) {
    LMDDB_ASSIGN_OR_RETURN(OperandValue value, Evaluate(action.value, *item));
    set_values.push_back(std::move(value).Take());
  }

  std::vector<Edit> edits;
  edits.reserve(update.set.size() + update.remove.size() + update.add.size() + update.del.size());
  for (size_t i = 0; i < update.set.size(); ++i) {
    LMDDB_ASSIGN_OR_RETURN(Slot slot, LocateSlot(update.set[i].path, item));
    PlanWrite(slot, update.set[i].path, std::move(set_values[i]), &edits);
  }
  // REMOVE of something absent (a missing map key, an index past the end)
  // does nothing; only a missing or mistyped parent is an error.
  for (const auto& action : update.remove) {
    LMDDB_ASSIGN_OR_RETURN(Slot slot, LocateSlot(action.path, item));
    if (slot.current != nullptr) PlanErase(slot, action.path, &edits);
  }
  for (const auto& action : update.add) {
    LMDDB_ASSIGN_OR_RETURN(Slot slot, LocateSlot(action.path, item));
    LMDDB_ASSIGN_OR_RETURN(AttributeValue value, AddResult(slot.current, *action.value));
    PlanWrite(slot, action.path, std::move(value), &edits);
  }
  // DELETE from a missing attribute does nothing; a set left empty goes
  // away (DynamoDB stores no empty sets), from a map or from a list.
  for (const auto& action : update.del) {
    LMDDB_ASSIGN_OR_RETURN(Slot slot, LocateSlot(action.path, item));
    if (slot.current == nullptr) continue;
    if (slot.current->type() != action.value->type()) return Status::Validation(kIncorrectType);
    AttributeValue rest = SetDifference(*slot.current, *action.value);
    if (SetSize(rest) == 0) {
      PlanErase(slot, action.path, &edits);
    } else {
      PlanWrite(slot, action.path, std::move(rest), &edits);
    }
  }

  // Pass 2.
  ApplyEdits(&edits);
  return Status::Ok();
}

std::vector<DocumentPath> UpdatedPaths(const UpdateExpression& update) {
  std::vector<DocumentPath> paths;
  for (const DocumentPath* path : ActionPaths(update)) paths.push_back(*path);
  return paths;
}

}  // namespace lmddb::expr
