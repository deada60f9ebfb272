// AttributesToGet (legacy_projection.h).
#include "api/json/legacy_projection.h"

#include <set>
#include <utility>

#include "api/json/json_reader.h"
#include "engine/common/status_macros.h"
#include "engine/common/strings.h"

namespace lmddb::json {

StatusOr<std::optional<std::vector<std::string>>> ReadAttributesToGet(simdjson::dom::object o,
                                                                      std::string_view path,
                                                                      ConstraintErrors* errors) {
  auto member = Member(o, "AttributesToGet");
  if (!member) return std::optional<std::vector<std::string>>();
  LMDDB_ASSIGN_OR_RETURN(simdjson::dom::array list, AsList(*member));
  std::vector<std::string> names;
  for (simdjson::dom::element e : list) {
    LMDDB_ASSIGN_OR_RETURN(std::string_view name, AsString(e));
    names.emplace_back(name);
  }
  if (names.empty() || names.size() > 255) {
    errors->Add(StrCat("[", StrJoin(names, ", "), "]"), path,
                names.empty() ? "Member must have length greater than or equal to 1"
                              : "Member must have length less than or equal to 255");
  }
  return std::optional<std::vector<std::string>>(std::move(names));
}

Status CheckAttributesToGet(const std::vector<std::string>& attributes) {
  std::set<std::string_view> seen;
  for (const std::string& name : attributes) {
    if (!seen.insert(name).second) {
      return Status::Validation(StrCat(
          "One or more parameter values were invalid: Duplicate value in attribute name: ", name));
    }
  }
  return Status::Ok();
}

std::string TranslateAttributesToGet(const std::vector<std::string>& attributes,
                                     LegacyPlaceholders* placeholders) {
  std::vector<std::string> paths;
  paths.reserve(attributes.size());
  for (const std::string& name : attributes) paths.push_back(placeholders->Name(name));
  return StrJoin(paths, ", ");
}

Status ApplyLegacyKeysAndAttributes(simdjson::dom::object o, std::string_view path,
                                    KeysAndAttributes* keys, ConstraintErrors* errors) {
  LMDDB_ASSIGN_OR_RETURN(std::optional<std::vector<std::string>> attributes,
                         ReadAttributesToGet(o, path, errors));
  if (!attributes || !errors->empty()) return Status::Ok();
  LMDDB_RETURN_IF_ERROR(CheckNoMixing({{"AttributesToGet", true}},
                                      {{"ProjectionExpression",
                                        keys->projection_expression.has_value()}}));
  LMDDB_RETURN_IF_ERROR(
      CheckNoExpressionMaps(keys->expression_attribute_names.has_value(), false, {}));
  LMDDB_RETURN_IF_ERROR(CheckAttributesToGet(*attributes));
  LegacyPlaceholders placeholders(keys->expression_attribute_names, std::nullopt);
  keys->projection_expression = TranslateAttributesToGet(*attributes, &placeholders);
  std::optional<ExpressionAttributeValues> no_values;
  std::move(placeholders).MergeInto(&keys->expression_attribute_names, &no_values);
  return Status::Ok();
}

}  // namespace lmddb::json
