#include "engine/ops/batch_request_checks.h"

#include "engine/common/strings.h"

namespace lmddb::ops {
namespace {

// Deeper values print as "..." (request values are not validated yet when
// they are rendered, so their depth is not bounded otherwise).
constexpr int kMaxRenderDepth = 8;

void AppendValue(const AttributeValue& v, int depth, std::string* out);

void AppendItem(const Item& item, int depth, std::string* out) {
  out->push_back('{');
  bool first = true;
  for (const auto& [name, v] : item) {
    if (!first) out->append(", ");
    first = false;
    StrAppend(out, name, "=");
    AppendValue(v, depth + 1, out);
  }
  out->push_back('}');
}

template <typename Set, typename Fn>
void AppendMembers(const Set& members, Fn&& fn, std::string* out) {
  out->push_back('[');
  bool first = true;
  for (const auto& m : members) {
    if (!first) out->append(", ");
    first = false;
    fn(m);
  }
  out->push_back(']');
}

void AppendValue(const AttributeValue& v, int depth, std::string* out) {
  if (depth > kMaxRenderDepth) {
    out->append("...");
    return;
  }
  StrAppend(out, "{", TypeName(v.type()), ": ");
  switch (v.type()) {
    case AttributeValue::Type::kS:
      out->append(v.s());
      break;
    case AttributeValue::Type::kN:
      out->append(v.n().ToString());
      break;
    case AttributeValue::Type::kB:
      // Java prints the buffer object, not its bytes.
      StrAppend(out, "java.nio.HeapByteBuffer[pos=0 lim=", v.b().size(), " cap=", v.b().size(),
                "]");
      break;
    case AttributeValue::Type::kBool:
      out->append(v.boolean() ? "true" : "false");
      break;
    case AttributeValue::Type::kNull:
      out->append("true");
      break;
    case AttributeValue::Type::kL:
      AppendMembers(v.l(), [&](const AttributeValue& e) { AppendValue(e, depth + 1, out); }, out);
      break;
    case AttributeValue::Type::kM:
      AppendItem(v.m(), depth, out);
      break;
    case AttributeValue::Type::kSS:
      AppendMembers(v.ss(), [&](const std::string& s) { out->append(s); }, out);
      break;
    case AttributeValue::Type::kNS:
      AppendMembers(v.ns(), [&](const Number& n) { out->append(n.ToString()); }, out);
      break;
    case AttributeValue::Type::kBS:
      AppendMembers(v.bs(), [&](const std::string& b) {
        StrAppend(out, "java.nio.HeapByteBuffer[pos=0 lim=", b.size(), " cap=", b.size(), "]");
      }, out);
      break;
  }
  out->append(",}");
}

}  // namespace

std::string RenderValueForConstraint(const AttributeValue& value) {
  std::string out;
  AppendValue(value, 0, &out);
  return out;
}

std::string RenderItemForConstraint(const Item& item) {
  std::string out;
  AppendItem(item, 0, &out);
  return out;
}

std::string RenderItemListForConstraint(const std::vector<Item>& items) {
  std::string out;
  AppendMembers(items, [&](const Item& item) { AppendItem(item, 0, &out); }, &out);
  return out;
}

bool HasInvalidTableName(const std::vector<std::string_view>& names) {
  for (std::string_view name : names) {
    if (!IsValidResourceName(name) || name.size() < 3 || name.size() > 255) return true;
  }
  return false;
}

void AddInvalidTableNamesError(std::string_view rendered, ConstraintErrors& errors) {
  // DynamoDB lists every rule of the map keys, whichever failed.
  errors.Add(rendered, "requestItems",
             "Map keys must satisfy constraint: [Member must have length less than or equal to "
             "255, Member must have length greater than or equal to 3, Member must satisfy "
             "regular expression pattern: [a-zA-Z0-9_.-]+]");
}

}  // namespace lmddb::ops
