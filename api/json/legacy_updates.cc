// AttributeUpdates (legacy_updates.h).
#include "api/json/legacy_updates.h"

#include <utility>

#include "api/json/attribute_value_json.h"
#include "api/json/json_reader.h"
#include "engine/common/status_macros.h"
#include "engine/common/strings.h"
#include "engine/value/validate.h"

namespace lmddb::json {
namespace {

using Type = AttributeValue::Type;

constexpr char kInvalid[] = "One or more parameter values were invalid: ";

bool IsSet(Type t) { return t == Type::kSS || t == Type::kNS || t == Type::kBS; }

}  // namespace

StatusOr<std::optional<LegacyUpdates>> ReadAttributeUpdates(simdjson::dom::object o,
                                                           ConstraintErrors* errors) {
  auto member = Member(o, "AttributeUpdates");
  if (!member) return std::optional<LegacyUpdates>();
  LMDDB_ASSIGN_OR_RETURN(simdjson::dom::object map,
                         AsMap(*member, StrCat(kModelPackage, "AttributeValueUpdate")));
  LegacyUpdates out;
  for (simdjson::dom::key_value_pair entry : map) {
    if (entry.value.type() == simdjson::dom::element_type::NULL_VALUE) {
      return Status::Validation(
          "Supplied AttributeValueUpdate is empty, must contain one of the supported actions");
    }
    LMDDB_ASSIGN_OR_RETURN(simdjson::dom::object update,
                           AsValueStruct(entry.value, "AttributeValueUpdate"));
    LegacyUpdate u;
    u.attribute = std::string(entry.key);
    LMDDB_ASSIGN_OR_RETURN(std::optional<std::string> action, OptionalString(update, "Action"));
    if (action) {
      if (*action == "ADD") {
        u.action = LegacyUpdate::Action::kAdd;
      } else if (*action == "DELETE") {
        u.action = LegacyUpdate::Action::kDelete;
      } else if (*action != "PUT") {
        errors->Add(*action, StrCat("attributeUpdates.", u.attribute, ".member.action"),
                    "Member must satisfy enum value set: [ADD, PUT, DELETE]");
      }
    }
    if (auto value = Member(update, "Value")) {
      LMDDB_ASSIGN_OR_RETURN(AttributeValue v, DecodeAttributeValue(*value));
      u.value = std::move(v);
    }
    bool replaced = false;
    for (LegacyUpdate& existing : out) {
      if (existing.attribute == u.attribute) {
        existing = std::move(u);
        replaced = true;
        break;
      }
    }
    if (!replaced) out.push_back(std::move(u));
  }
  return std::optional<LegacyUpdates>(std::move(out));
}

Status ValidateAttributeUpdates(const LegacyUpdates& updates) {
  for (const LegacyUpdate& u : updates) {
    if (u.value) LMDDB_RETURN_IF_ERROR(value::ValidateAttributeValue(*u.value));
    if (!u.value) {
      if (u.action != LegacyUpdate::Action::kDelete) {
        return Status::Validation(
            StrCat(kInvalid, "Only DELETE action is allowed when no attribute value is specified"));
      }
      continue;
    }
    const Type t = u.value->type();
    if (u.action == LegacyUpdate::Action::kDelete && !IsSet(t)) {
      return Status::Validation(StrCat(
          kInvalid, "DELETE action with value is not supported for the type ", TypeName(t)));
    }
    if (u.action == LegacyUpdate::Action::kAdd && !IsSet(t) && t != Type::kN && t != Type::kL) {
      return Status::Validation(
          StrCat(kInvalid, "ADD action is not supported for the type ", TypeName(t)));
    }
  }
  return Status::Ok();
}

std::optional<std::string> TranslateAttributeUpdates(const LegacyUpdates& updates,
                                                     LegacyPlaceholders* placeholders) {
  std::vector<std::string> set, remove, add, del;
  for (const LegacyUpdate& u : updates) {
    const std::string a = placeholders->Name(u.attribute);
    switch (u.action) {
      case LegacyUpdate::Action::kPut:
        set.push_back(StrCat(a, " = ", placeholders->Value(*u.value)));
        break;
      case LegacyUpdate::Action::kAdd:
        if (u.value->type() == Type::kL) {
          const std::string empty = placeholders->Value(AttributeValue::L({}));
          set.push_back(StrCat(a, " = list_append(if_not_exists(", a, ", ", empty, "), ",
                               placeholders->Value(*u.value), ")"));
        } else {
          add.push_back(StrCat(a, " ", placeholders->Value(*u.value)));
        }
        break;
      case LegacyUpdate::Action::kDelete:
        if (u.value) {
          del.push_back(StrCat(a, " ", placeholders->Value(*u.value)));
        } else {
          remove.push_back(a);
        }
        break;
    }
  }
  std::vector<std::string> sections;
  if (!set.empty()) sections.push_back(StrCat("SET ", StrJoin(set, ", ")));
  if (!remove.empty()) sections.push_back(StrCat("REMOVE ", StrJoin(remove, ", ")));
  if (!add.empty()) sections.push_back(StrCat("ADD ", StrJoin(add, ", ")));
  if (!del.empty()) sections.push_back(StrCat("DELETE ", StrJoin(del, ", ")));
  if (sections.empty()) return std::nullopt;
  return StrJoin(sections, " ");
}

Status LegacyUpdateError(Status s) {
  if (!s.ok() && s.type() == ErrorType::kValidation &&
      s.message().find("An operand in the update expression has an incorrect data type") !=
          std::string::npos) {
    return Status::Validation("Type mismatch for attribute to update");
  }
  return s;
}

}  // namespace lmddb::json
