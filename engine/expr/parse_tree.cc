// Helpers of the parser's syntax tree (parse_tree.h).
#include "engine/expr/parse_tree.h"

#include "engine/common/strings.h"

namespace lmddb::expr::internal {

Status Source::Invalid(std::string_view message) const {
  return Status::Validation(StrCat("Invalid ", ExpressionKindName(kind), ": ", message));
}

std::string PathText(const Tree& tree, const Node& path) {
  std::string out = "[";
  for (uint32_t i = 0; i < path.count; ++i) {
    if (i > 0) out += ", ";
    const PathElement& e = tree.elems[path.first + i];
    if (e.kind == PathElement::Kind::kIndex) {
      StrAppend(&out, "[", e.index, "]");
    } else {
      out.append(e.name);
    }
  }
  out += "]";
  return out;
}

}  // namespace lmddb::expr::internal
