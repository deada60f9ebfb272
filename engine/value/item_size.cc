// DynamoDB item size accounting (item_size.h).
#include "engine/value/item_size.h"

#include "absl/container/inlined_vector.h"

namespace lmddb::value {
namespace {

using Type = AttributeValue::Type;

// L and M cost 3 bytes of their own plus 1 per element.
constexpr size_t kContainerOverhead = 3;
constexpr size_t kElementOverhead = 1;

bool IsContainer(const AttributeValue& v) { return v.is(Type::kL) || v.is(Type::kM); }

// Size of a value that is not an L or M.
size_t ScalarSize(const AttributeValue& v) {
  switch (v.type()) {
    case Type::kS:
      return v.s().size();
    case Type::kB:
      return v.b().size();
    case Type::kN:
      return NumberSize(v.n());
    case Type::kBool:
    case Type::kNull:
      return 1;
    case Type::kSS: {
      size_t size = 0;
      for (const std::string& s : v.ss()) size += s.size();
      return size;
    }
    case Type::kBS: {
      size_t size = 0;
      for (const std::string& b : v.bs()) size += b.size();
      return size;
    }
    case Type::kNS: {
      size_t size = 0;
      for (const Number& n : v.ns()) size += NumberSize(n);
      return size;
    }
    case Type::kL:
    case Type::kM:
      break;
  }
  return 0;
}

// One open container in the walk: the next list index or map entry.
struct Frame {
  const AttributeValue* container;
  size_t next_index;
  Item::const_iterator next_entry;
};

Frame OpenFrame(const AttributeValue& container) {
  return Frame{&container, 0,
               container.is(Type::kM) ? container.m().begin() : Item::const_iterator()};
}

}  // namespace

size_t NumberSize(const Number& n) {
  if (n.is_zero()) return 1;
  const int digits = n.digits();
  const bool extra_pair = digits % 2 == 0 && n.adjusted_exponent() % 2 == 0;
  return 1 + static_cast<size_t>((digits + 1) / 2) + (extra_pair ? 1 : 0) + (n.negative() ? 1 : 0);
}

// Every node contributes a fixed amount (its own size, or 3 for a container,
// plus 1 and its key for being an element), so the walk order does not
// matter. An explicit stack of open containers keeps deep input off the
// call stack; it stays inline for the usual shallow documents.
size_t AttributeValueSize(const AttributeValue& value) {
  if (!IsContainer(value)) return ScalarSize(value);
  size_t total = kContainerOverhead;
  absl::InlinedVector<Frame, 16> stack;
  stack.push_back(OpenFrame(value));
  while (!stack.empty()) {
    Frame& frame = stack.back();
    const AttributeValue* child;
    if (frame.container->is(Type::kL)) {
      const AttributeValue::List& list = frame.container->l();
      if (frame.next_index == list.size()) {
        stack.pop_back();
        continue;
      }
      child = &list[frame.next_index++];
      total += kElementOverhead;
    } else {
      if (frame.next_entry == frame.container->m().end()) {
        stack.pop_back();
        continue;
      }
      total += kElementOverhead + frame.next_entry->first.size();
      child = &frame.next_entry->second;
      ++frame.next_entry;
    }
    // `frame` may dangle after push_back; it is not used again.
    if (IsContainer(*child)) {
      total += kContainerOverhead;
      stack.push_back(OpenFrame(*child));
    } else {
      total += ScalarSize(*child);
    }
  }
  return total;
}

size_t ItemSize(const Item& item) {
  size_t size = 0;
  for (const auto& [name, value] : item) size += name.size() + AttributeValueSize(value);
  return size;
}

}  // namespace lmddb::value
