// Placeholders and request-level checks of the legacy parameters
// (legacy_placeholders.h).
#include "api/json/legacy_placeholders.h"

#include <vector>

#include "api/json/json_reader.h"
#include "engine/common/status_macros.h"
#include "engine/common/strings.h"

namespace lmddb::json {
namespace {

// True when a key of `map` begins with `marker` + `prefix`.
template <typename Map>
bool AnyKeyBeginsWith(const std::optional<Map>& map, char marker, std::string_view prefix) {
  if (!map) return false;
  for (const auto& [key, unused] : *map) {
    if (key.size() > prefix.size() && key[0] == marker &&
        std::string_view(key).substr(1, prefix.size()) == prefix) {
      return true;
    }
  }
  return false;
}

}  // namespace

LegacyPlaceholders::LegacyPlaceholders(const std::optional<ExpressionAttributeNames>& names,
                                       const std::optional<ExpressionAttributeValues>& values)
    : prefix_("L") {
  // Each round lengthens the prefix, so this ends once it outgrows every key.
  while (AnyKeyBeginsWith(names, '#', prefix_) || AnyKeyBeginsWith(values, ':', prefix_)) {
    prefix_ += '_';
  }
}

std::string LegacyPlaceholders::Name(std::string_view name) {
  auto it = name_of_attribute_.find(name);
  if (it != name_of_attribute_.end()) return it->second;
  std::string placeholder = StrCat("#", prefix_, name_of_attribute_.size());
  names_.emplace(placeholder, std::string(name));
  name_of_attribute_.emplace(std::string(name), placeholder);
  return placeholder;
}

std::string LegacyPlaceholders::Value(AttributeValue value) {
  std::string placeholder = StrCat(":", prefix_, value_count_++);
  values_.emplace(placeholder, std::move(value));
  return placeholder;
}

void LegacyPlaceholders::MergeInto(std::optional<ExpressionAttributeNames>* names,
                                   std::optional<ExpressionAttributeValues>* values) && {
  if (!names_.empty()) {
    if (!*names) names->emplace();
    (*names)->merge(names_);
  }
  if (!values_.empty()) {
    if (!*values) values->emplace();
    (*values)->merge(values_);
  }
}

Status CheckNoMixing(std::initializer_list<PresentMember> non_expression,
                     std::initializer_list<PresentMember> expression) {
  std::vector<std::string_view> legacy;
  std::vector<std::string_view> modern;
  for (const PresentMember& m : non_expression) {
    if (m.second) legacy.push_back(m.first);
  }
  for (const PresentMember& m : expression) {
    if (m.second) modern.push_back(m.first);
  }
  if (legacy.empty() || modern.empty()) return Status::Ok();
  return Status::Validation(
      StrCat("Can not use both expression and non-expression parameters in the same request: "
             "Non-expression parameters: {",
             StrJoin(legacy, ", "), "} Expression parameters: {", StrJoin(modern, ", "), "}"));
}

Status CheckNoExpressionMaps(bool has_names, bool has_values,
                             std::initializer_list<std::string_view> value_expressions) {
  if (has_names) {
    return Status::Validation("ExpressionAttributeNames can only be specified when using expressions");
  }
  if (has_values) {
    std::vector<std::string> parts;
    for (std::string_view e : value_expressions) parts.push_back(StrCat(e, " is null"));
    return Status::Validation(StrCat(
        "ExpressionAttributeValues can only be specified when using expressions: ",
        StrJoin(parts, " and ")));
  }
  return Status::Ok();
}

StatusOr<std::optional<bool>> ReadConditionalOperator(simdjson::dom::object o,
                                                      ConstraintErrors* errors) {
  LMDDB_ASSIGN_OR_RETURN(std::optional<std::string> text, OptionalString(o, "ConditionalOperator"));
  if (!text) return std::optional<bool>();
  if (*text == "AND") return std::optional<bool>(false);
  if (*text == "OR") return std::optional<bool>(true);
  errors->Add(*text, "conditionalOperator", "Member must satisfy enum value set: [OR, AND]");
  return std::optional<bool>();
}

Status CheckConditionalOperator(bool has_operator, std::optional<size_t> conditions) {
  if (!has_operator) return Status::Ok();
  if (!conditions || *conditions == 0) {
    return Status::Validation("ConditionalOperator cannot be used without Filter or Expected");
  }
  if (*conditions == 1) {
    return Status::Validation(
        "ConditionalOperator can only be used when Filter or Expected has two or more elements");
  }
  return Status::Ok();
}

Status RenameInError(Status s, std::string_view from, std::string_view to) {
  if (s.ok() || s.type() != ErrorType::kValidation) return s;
  const std::string& message = s.message();
  const size_t at = message.find(from);
  if (at == std::string::npos) return s;
  std::string renamed = message;
  renamed.replace(at, from.size(), to);
  return Status::Validation(std::move(renamed));
}

bool TableNameIsValid(std::string_view table_name) {
  return table_name.size() >= 3 && table_name.size() <= 255 && IsValidResourceName(table_name);
}

}  // namespace lmddb::json
