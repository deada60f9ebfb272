// Document-path trees and Java hash order (parse_paths.h).
#include "engine/expr/parse_paths.h"

#include <algorithm>

#include "engine/common/strings.h"
#include "engine/expr/lexer.h"

namespace lmddb::expr::internal {
namespace {

// java.util.HashMap constants.
constexpr uint32_t kDefaultCapacity = 16;
constexpr uint32_t kTreeifyThreshold = 8;  // a bin holding more is treeified...
constexpr uint32_t kMinTreeifyCapacity = 64;  // ...or, in a smaller table, resized
constexpr uint32_t kMaxCapacity = 1u << 30;

// HashCodeBuilder(8191, 127).append(x): 8191 * 127 + x.hashCode().
constexpr uint32_t kPathElementSeed = 8191u * 127u;

uint32_t Bucket(int32_t hash, uint32_t capacity) {
  const auto h = static_cast<uint32_t>(hash);
  return (h ^ (h >> 16)) & (capacity - 1);
}

uint32_t TableSizeFor(uint32_t n) {
  uint32_t capacity = 1;
  while (capacity < n && capacity < kMaxCapacity) capacity <<= 1;
  return capacity;
}

// Decodes one UTF-8 sequence at text[*pos] (invalid bytes give U+FFFD).
uint32_t NextCodePoint(std::string_view text, size_t* pos) {
  const size_t n = Utf8SequenceLength(text, *pos);
  const auto b = [&](size_t i) {
    return static_cast<uint32_t>(static_cast<unsigned char>(text[*pos + i]));
  };
  uint32_t cp;
  switch (n) {
    case 1: cp = b(0) < 0x80 ? b(0) : 0xFFFD; break;
    case 2: cp = ((b(0) & 0x1F) << 6) | (b(1) & 0x3F); break;
    case 3: cp = ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F); break;
    default:
      cp = ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
      break;
  }
  *pos += n;
  return cp;
}

}  // namespace

int32_t JavaStringHash(std::string_view utf8) {
  uint32_t h = 0;
  size_t pos = 0;
  while (pos < utf8.size()) {
    const uint32_t cp = NextCodePoint(utf8, &pos);
    if (cp < 0x10000) {
      h = 31 * h + cp;
    } else {
      const uint32_t v = cp - 0x10000;
      h = 31 * h + (0xD800 + (v >> 10));
      h = 31 * h + (0xDC00 + (v & 0x3FF));
    }
  }
  return static_cast<int32_t>(h);
}

std::vector<std::string_view> JavaHashSetOrder(const std::vector<std::string_view>& keys,
                                               const std::vector<bool>& keep) {
  const size_t n = keys.size();
  // new HashSet<>(c): new HashMap<>(Math.max((int) (c.size() / .75f) + 1, 16)).
  const auto wanted = static_cast<uint32_t>(static_cast<float>(n) / 0.75f) + 1;
  uint32_t capacity = TableSizeFor(std::max(wanted, kDefaultCapacity));
  std::vector<int32_t> hashes(n);
  for (size_t i = 0; i < n; ++i) hashes[i] = JavaStringHash(keys[i]);
  // Replay the insertions: a bin growing past eight keys in a small table
  // doubles it (the table is already large enough for every key).
  std::vector<uint32_t> bins(capacity, 0);
  for (size_t i = 0; i < n; ++i) {
    if (++bins[Bucket(hashes[i], capacity)] > kTreeifyThreshold && capacity < kMinTreeifyCapacity) {
      capacity <<= 1;
      bins.assign(capacity, 0);
      for (size_t j = 0; j <= i; ++j) ++bins[Bucket(hashes[j], capacity)];
    }
  }
  std::vector<size_t> order;
  for (size_t i = 0; i < n; ++i) {
    if (keep[i]) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return Bucket(hashes[a], capacity) < Bucket(hashes[b], capacity);
  });
  std::vector<std::string_view> out;
  out.reserve(order.size());
  for (size_t i : order) out.push_back(keys[i]);
  return out;
}

PathTree::PathTree() { nodes_.emplace_back(); }

PathTree::Key PathTree::KeyOf(const PathElement& e) {
  Key key;
  if (e.kind == PathElement::Kind::kIndex) {
    key.is_index = true;
    key.index = e.index;
  } else {
    key.name = e.name;
  }
  return key;
}

int32_t PathTree::HashOf(const Key& key) {
  const uint32_t part =
      key.is_index ? key.index : static_cast<uint32_t>(JavaStringHash(key.name));
  return static_cast<int32_t>(kPathElementSeed + part);
}

void PathTree::AddChild(TreeNode* node, const Key& key, int32_t subtree) {
  if (node->capacity == 0) node->capacity = kDefaultCapacity;
  const int32_t hash = HashOf(key);
  const uint32_t bucket = Bucket(hash, node->capacity);
  uint32_t in_bin = 0;
  for (const Child& c : node->children) {
    if (Bucket(c.hash, node->capacity) == bucket) ++in_bin;
  }
  node->children.push_back(Child{key, hash, subtree});
  // HashMap.putVal: a long bin in a small table resizes it, then the size
  // is checked against three quarters of the capacity.
  if (in_bin >= kTreeifyThreshold && node->capacity < kMinTreeifyCapacity) node->capacity <<= 1;
  if (node->children.size() > node->capacity / 4 * 3 && node->capacity < kMaxCapacity) {
    node->capacity <<= 1;
  }
}

const PathTree::Child& PathTree::FirstChild(const TreeNode& node) const {
  size_t best = 0;
  for (size_t i = 1; i < node.children.size(); ++i) {
    if (Bucket(node.children[i].hash, node.capacity) <
        Bucket(node.children[best].hash, node.capacity)) {
      best = i;
    }
  }
  return node.children[best];
}

std::string PathTree::KeysText(const std::vector<Key>& keys) {
  std::string out = "[";
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) out += ", ";
    if (keys[i].is_index) {
      StrAppend(&out, "[", keys[i].index, "]");
    } else {
      out.append(keys[i].name);
    }
  }
  out += "]";
  return out;
}

std::string PathTree::LeafPath(const std::vector<Key>& path, size_t depth, int32_t node) const {
  std::vector<Key> keys(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(depth));
  int32_t current = node;
  do {
    const Child& child = FirstChild(nodes_[static_cast<size_t>(current)]);
    keys.push_back(child.key);
    current = child.node;
  } while (current != -1 && !nodes_[static_cast<size_t>(current)].children.empty());
  return KeysText(keys);
}

Status PathTree::Insert(const Source& source, const Tree& tree, const Node& path) {
  scratch_.clear();
  for (uint32_t i = 0; i < path.count; ++i) scratch_.push_back(KeyOf(tree.elems[path.first + i]));
  const size_t size = scratch_.size();
  auto clash = [&](const char* what, size_t depth, int32_t node) {
    return source.Invalid(StrCat("Two document paths ", what,
                                 " with each other; must remove or rewrite one of these paths;"
                                 " path one: ",
                                 KeysText(scratch_),
                                 ", path two: ", LeafPath(scratch_, depth, node)));
  };
  int32_t node = 0;
  for (size_t depth = 0;; ++depth) {
    const Key& key = scratch_[depth];
    const TreeNode& here = nodes_[static_cast<size_t>(node)];
    const Child* found = nullptr;
    for (const Child& c : here.children) {
      if (c.key == key) {
        found = &c;
        break;
      }
    }
    if (found == nullptr) {
      if (!here.children.empty() && FirstChild(here).key.is_index != key.is_index) {
        return clash("conflict", depth, node);
      }
      // The rest of the path becomes a chain of single-child nodes.
      int32_t subtree = -1;
      for (size_t j = size; j-- > depth + 1;) {
        nodes_.emplace_back();
        AddChild(&nodes_.back(), scratch_[j], subtree);
        subtree = static_cast<int32_t>(nodes_.size() - 1);
      }
      AddChild(&nodes_[static_cast<size_t>(node)], key, subtree);
      return Status::Ok();
    }
    if (found->node != -1 && depth + 1 < size) {
      node = found->node;
      continue;
    }
    return clash("overlap", depth, node);
  }
}

}  // namespace lmddb::expr::internal
