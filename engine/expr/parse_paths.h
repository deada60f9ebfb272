// The document-path tree DynamoDB builds for a ProjectionExpression or the
// paths of an UpdateExpression, and the order in which it lists sets of
// keys: both follow Java's HashMap, so messages quote the same paths and
// keys DynamoDB quotes.
//
// Paths go into a tree one by one. A path that ends where another path
// goes on, or that meets one of its own length, overlaps it; a path that
// steps into a node with a list index where an earlier path used a map key
// (or the reverse) conflicts with it:
//   Two document paths overlap with each other; must remove or rewrite one
//     of these paths; path one: [a, b], path two: [a]
//   Two document paths conflict with each other; must remove or rewrite one
//     of these paths; path one: [a, b], path two: [a, [1]]
// "path one" is the path being inserted; "path two" is read off the tree:
// the prefix they share, then, at each level, the child a Java HashMap
// iterates first (so with paths a, b, a DynamoDB may name [b]).
//
// Thread safety: a PathTree is used by one thread; functions are pure.
#ifndef LMDDB_ENGINE_EXPR_PARSE_PATHS_H_
#define LMDDB_ENGINE_EXPR_PARSE_PATHS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/expr/parse_tree.h"
#include "lmddb/status.hpp"

namespace lmddb::expr::internal {

// Java's String.hashCode of UTF-8 text (computed over its UTF-16 units).
int32_t JavaStringHash(std::string_view utf8);

// The iteration order of a java.util.HashSet<String> built from `keys`
// (in that insertion order) with `new HashSet<>(collection)`, listing only
// those with keep[i] set. Tree bins (nine or more keys in one bucket of a
// table of 64 or more) are ordered as plain bins.
std::vector<std::string_view> JavaHashSetOrder(const std::vector<std::string_view>& keys,
                                               const std::vector<bool>& keep);

class PathTree {
 public:
  PathTree();
  // Inserts the validated path `path` of `tree`; returns the overlap or
  // conflict error (prefixed for `source`) if it clashes with a path
  // inserted before.
  Status Insert(const Source& source, const Tree& tree, const Node& path);

 private:
  struct Key {
    bool is_index = false;
    std::string_view name;
    uint32_t index = 0;
    bool operator==(const Key& other) const {
      return is_index == other.is_index && index == other.index && name == other.name;
    }
  };
  struct Child {
    Key key;
    int32_t hash = 0;   // the Java hash code of the key
    int32_t node = -1;  // -1: a path ends here
  };
  struct TreeNode {
    std::vector<Child> children;  // in insertion order
    uint32_t capacity = 0;        // the Java table size; 0 before the first key
  };

  static Key KeyOf(const PathElement& e);
  static int32_t HashOf(const Key& key);
  void AddChild(TreeNode* node, const Key& key, int32_t subtree);
  const Child& FirstChild(const TreeNode& node) const;
  std::string LeafPath(const std::vector<Key>& path, size_t depth, int32_t node) const;
  static std::string KeysText(const std::vector<Key>& keys);

  std::vector<TreeNode> nodes_;
  std::vector<Key> scratch_;
};

}  // namespace lmddb::expr::internal

#endif  // LMDDB_ENGINE_EXPR_PARSE_PATHS_H_
