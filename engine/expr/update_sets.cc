// Set union and difference for ADD and DELETE (update_sets.h).
#include "engine/expr/update_sets.h"

#include <algorithm>
#include <string>
#include <vector>

namespace lmddb::expr {
namespace {

using Type = AttributeValue::Type;

// Members are looked up through a sorted vector of pointers: no hashing is
// needed (Number has an order but no hash), and nothing is copied.
template <typename T>
class MemberIndex {
 public:
  explicit MemberIndex(const std::vector<T>& members) {
    sorted_.reserve(members.size());
    for (const T& m : members) sorted_.push_back(&m);
    std::sort(sorted_.begin(), sorted_.end(), [](const T* x, const T* y) { return *x < *y; });
  }
  bool Contains(const T& m) const {
    auto it = std::lower_bound(sorted_.begin(), sorted_.end(), m,
                               [](const T* x, const T& y) { return *x < y; });
    return it != sorted_.end() && !(m < **it);
  }

 private:
  std::vector<const T*> sorted_;
};

template <typename T>
std::vector<T> Union(const std::vector<T>& a, const std::vector<T>& b) {
  // Stored sets have no duplicates; b is deduplicated against a and against
  // itself, so an operand that repeats a member still yields a set.
  const MemberIndex<T> in_a(a);
  std::vector<const T*> added;  // b's new members, first occurrence only
  {
    std::vector<const T*> sorted_b;
    sorted_b.reserve(b.size());
    for (const T& m : b) sorted_b.push_back(&m);
    // Stable, so equal members keep b's order and the first one wins.
    std::stable_sort(sorted_b.begin(), sorted_b.end(),
                     [](const T* x, const T* y) { return *x < *y; });
    for (size_t i = 0; i < sorted_b.size(); ++i) {
      if (i > 0 && !(*sorted_b[i - 1] < *sorted_b[i])) continue;  // repeat within b
      if (!in_a.Contains(*sorted_b[i])) added.push_back(sorted_b[i]);
    }
    // Back to b's order: the pointers all point into b's array.
    std::sort(added.begin(), added.end());
  }
  std::vector<T> out;
  out.reserve(a.size() + added.size());
  out.insert(out.end(), a.begin(), a.end());
  for (const T* m : added) out.push_back(*m);
  return out;
}

template <typename T>
std::vector<T> Difference(const std::vector<T>& a, const std::vector<T>& b) {
  const MemberIndex<T> in_b(b);
  std::vector<T> out;
  out.reserve(a.size());
  for (const T& m : a) {
    if (!in_b.Contains(m)) out.push_back(m);
  }
  return out;
}

}  // namespace

bool IsSetType(Type type) { return type == Type::kSS || type == Type::kNS || type == Type::kBS; }

AttributeValue SetUnion(const AttributeValue& a, const AttributeValue& b) {
  switch (a.type()) {
    case Type::kNS: return AttributeValue::NS(Union(a.ns(), b.ns()));
    case Type::kBS: return AttributeValue::BS(Union(a.bs(), b.bs()));
    default: return AttributeValue::SS(Union(a.ss(), b.ss()));
  }
}

AttributeValue SetDifference(const AttributeValue& a, const AttributeValue& b) {
  switch (a.type()) {
    case Type::kNS: return AttributeValue::NS(Difference(a.ns(), b.ns()));
    case Type::kBS: return AttributeValue::BS(Difference(a.bs(), b.bs()));
    default: return AttributeValue::SS(Difference(a.ss(), b.ss()));
  }
}

size_t SetSize(const AttributeValue& set) {
  switch (set.type()) {
    case Type::kNS: return set.ns().size();
    case Type::kBS: return set.bs().size();
    default: return set.ss().size();
  }
}

}  // namespace lmddb::expr
