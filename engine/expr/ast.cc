// Names and displays of syntax-tree parts (ast.h).
#include "engine/expr/ast.h"

#include "absl/strings/str_cat.h"

namespace lmddb::expr {

const char* ExpressionKindName(ExpressionKind kind) {
  switch (kind) {
    case ExpressionKind::kCondition: return "ConditionExpression";
    case ExpressionKind::kFilter: return "FilterExpression";
    case ExpressionKind::kKeyCondition: return "KeyConditionExpression";
    case ExpressionKind::kProjection: return "ProjectionExpression";
    case ExpressionKind::kUpdate: return "UpdateExpression";
  }
  return "Expression";
}

std::string PathToString(const DocumentPath& path) {
  std::string out = "[";
  for (size_t i = 0; i < path.elements.size(); ++i) {
    if (i > 0) out += ", ";
    const PathElement& e = path.elements[i];
    if (e.kind == PathElement::Kind::kName) {
      out += e.name;
    } else {
      absl::StrAppend(&out, "[", e.index, "]");
    }
  }
  out += "]";
  return out;
}

}  // namespace lmddb::expr
