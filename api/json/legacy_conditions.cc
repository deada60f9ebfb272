// Legacy condition maps (legacy_conditions.h).
#include "api/json/legacy_conditions.h"

#include <compare>
#include <utility>

#include "api/json/attribute_value_json.h"
#include "api/json/json_reader.h"
#include "engine/common/status_macros.h"
#include "engine/common/strings.h"
#include "engine/value/validate.h"

namespace lmddb::json {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;
using Type = AttributeValue::Type;

constexpr char kInvalid[] = "One or more parameter values were invalid: ";
// The enum as DynamoDB's model lists it.
constexpr char kOperatorSet[] =
    "Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, "
    "NE, LE, BEGINS_WITH, GE, CONTAINS]";
// IN takes at most this many operands in an expression; longer lists are
// split into ORed INs.
constexpr size_t kInChunk = 100;

constexpr std::pair<std::string_view, ComparisonOperator> kOperators[] = {
    {"EQ", ComparisonOperator::kEq},
    {"NE", ComparisonOperator::kNe},
    {"LE", ComparisonOperator::kLe},
    {"LT", ComparisonOperator::kLt},
    {"GE", ComparisonOperator::kGe},
    {"GT", ComparisonOperator::kGt},
    {"NOT_NULL", ComparisonOperator::kNotNull},
    {"NULL", ComparisonOperator::kNull},
    {"CONTAINS", ComparisonOperator::kContains},
    {"NOT_CONTAINS", ComparisonOperator::kNotContains},
    {"BEGINS_WITH", ComparisonOperator::kBeginsWith},
    {"IN", ComparisonOperator::kIn},
    {"BETWEEN", ComparisonOperator::kBetween},
};

// The lower-camel form of a member name, as DynamoDB's paths spell it.
std::string LowerFirst(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') out[0] = static_cast<char>(out[0] - 'A' + 'a');
  return out;
}

// Appends `c`, replacing an earlier entry for the same attribute (a JSON
// object with a repeated key means its last value).
void AddCondition(LegacyConditions* out, LegacyCondition c) {
  for (LegacyCondition& existing : *out) {
    if (existing.attribute == c.attribute) {
      existing = std::move(c);
      return;
    }
  }
  out->push_back(std::move(c));
}

StatusOr<std::optional<ComparisonOperator>> ReadOperator(object o, std::string_view path,
                                                         ConstraintErrors* errors) {
  LMDDB_ASSIGN_OR_RETURN(std::optional<std::string> text, OptionalString(o, "ComparisonOperator"));
  if (!text) return std::optional<ComparisonOperator>();
  for (const auto& [name, op] : kOperators) {
    if (name == *text) return std::optional<ComparisonOperator>(op);
  }
  errors->Add(*text, path, kOperatorSet);
  return std::optional<ComparisonOperator>();
}

Status ReadList(object o, LegacyCondition* c) {
  auto member = Member(o, "AttributeValueList");
  if (!member) return Status::Ok();
  LMDDB_ASSIGN_OR_RETURN(simdjson::dom::array list, AsList(*member));
  c->has_list = true;
  for (element e : list) {
    LMDDB_ASSIGN_OR_RETURN(AttributeValue v, DecodeAttributeValue(e));
    c->list.push_back(std::move(v));
  }
  return Status::Ok();
}

// The number of arguments `op` takes: exactly `n`, or at least one (IN).
bool ArgumentCountFits(ComparisonOperator op, size_t n) {
  switch (op) {
    case ComparisonOperator::kNull:
    case ComparisonOperator::kNotNull: return n == 0;
    case ComparisonOperator::kIn: return n >= 1;
    case ComparisonOperator::kBetween: return n == 2;
    default: return n == 1;
  }
}

bool IsScalar(Type t) { return t == Type::kS || t == Type::kN || t == Type::kB; }

// The argument types DynamoDB accepts for `op`.
bool TypeFits(ComparisonOperator op, Type t) {
  switch (op) {
    case ComparisonOperator::kEq:
    case ComparisonOperator::kNe: return true;
    case ComparisonOperator::kContains:
    case ComparisonOperator::kNotContains:
      return IsScalar(t) || t == Type::kBool || t == Type::kNull;
    case ComparisonOperator::kBeginsWith: return t == Type::kS || t == Type::kB;
    default: return IsScalar(t);
  }
}

// a > b for two values of one scalar type.
bool Greater(const AttributeValue& a, const AttributeValue& b) {
  switch (a.type()) {
    case Type::kS: return a.s() > b.s();
    case Type::kB: return a.b() > b.b();
    case Type::kN: return (a.n() <=> b.n()) == std::strong_ordering::greater;
    default: return false;
  }
}

// The checks shared by every condition: `args` for `op`.
Status ValidateArguments(ComparisonOperator op, const std::vector<AttributeValue>& args) {
  for (const AttributeValue& v : args) {
    LMDDB_RETURN_IF_ERROR(value::ValidateAttributeValue(v));
  }
  if (!ArgumentCountFits(op, args.size())) {
    return Status::Validation(StrCat(kInvalid, "Invalid number of argument(s) for the ",
                                     ComparisonOperatorName(op), " ComparisonOperator"));
  }
  for (const AttributeValue& v : args) {
    if (v.type() != args[0].type()) {
      return Status::Validation(
          StrCat(kInvalid, "AttributeValues inside AttributeValueList must be of same type"));
    }
  }
  for (const AttributeValue& v : args) {
    if (!TypeFits(op, v.type())) {
      return Status::Validation(StrCat(kInvalid, "ComparisonOperator ", ComparisonOperatorName(op),
                                       " is not valid for ", TypeName(v.type()),
                                       " AttributeValue type"));
    }
  }
  if (op == ComparisonOperator::kBetween && Greater(args[0], args[1])) {
    return Status::Validation(
        "The BETWEEN condition was provided a range where the lower bound is greater than the "
        "upper bound");
  }
  return Status::Ok();
}

// The arguments of a validated condition: its list, or Expected's Value.
const std::vector<AttributeValue>& ArgumentsOf(const LegacyCondition& c,
                                               std::vector<AttributeValue>* scratch) {
  if (c.has_list || !c.value) return c.list;
  scratch->assign(1, *c.value);
  return *scratch;
}

std::string TranslateOne(const LegacyCondition& c, LegacyPlaceholders* p) {
  const std::string a = p->Name(c.attribute);
  if (!c.op) {
    // Expected without ComparisonOperator: Exists false, or Value.
    if (c.exists == false) return StrCat("attribute_not_exists(", a, ")");
    return StrCat(a, " = ", p->Value(*c.value));
  }
  std::vector<AttributeValue> scratch;
  const std::vector<AttributeValue>& args = ArgumentsOf(c, &scratch);
  auto compare = [&](std::string_view op) { return StrCat(a, " ", op, " ", p->Value(args[0])); };
  switch (*c.op) {
    case ComparisonOperator::kEq: return compare("=");
    case ComparisonOperator::kNe: return compare("<>");
    case ComparisonOperator::kLe: return compare("<=");
    case ComparisonOperator::kLt: return compare("<");
    case ComparisonOperator::kGe: return compare(">=");
    case ComparisonOperator::kGt: return compare(">");
    case ComparisonOperator::kNotNull: return StrCat("attribute_exists(", a, ")");
    case ComparisonOperator::kNull: return StrCat("attribute_not_exists(", a, ")");
    case ComparisonOperator::kContains: return StrCat("contains(", a, ", ", p->Value(args[0]), ")");
    case ComparisonOperator::kNotContains:
      // A missing attribute neither contains nor "not contains" anything.
      return StrCat("(attribute_exists(", a, ") AND NOT contains(", a, ", ", p->Value(args[0]),
                    "))");
    case ComparisonOperator::kBeginsWith:
      return StrCat("begins_with(", a, ", ", p->Value(args[0]), ")");
    case ComparisonOperator::kBetween:
      return StrCat(a, " BETWEEN ", p->Value(args[0]), " AND ", p->Value(args[1]));
    case ComparisonOperator::kIn: {
      std::vector<std::string> groups;
      for (size_t i = 0; i < args.size(); i += kInChunk) {
        std::vector<std::string> operands;
        for (size_t j = i; j < args.size() && j < i + kInChunk; ++j) {
          operands.push_back(p->Value(args[j]));
        }
        groups.push_back(StrCat(a, " IN (", StrJoin(operands, ", "), ")"));
      }
      if (groups.size() == 1) return groups[0];
      return StrCat("(", StrJoin(groups, " OR "), ")");
    }
  }
  return std::string();
}

}  // namespace

const char* ComparisonOperatorName(ComparisonOperator op) {
  for (const auto& [name, value] : kOperators) {
    if (value == op) return name.data();
  }
  return "";
}

StatusOr<std::optional<LegacyConditions>> ReadConditionMap(object o, std::string_view member,
                                                           ConstraintErrors* errors) {
  auto map_element = Member(o, member);
  if (!map_element) return std::optional<LegacyConditions>();
  LMDDB_ASSIGN_OR_RETURN(object map,
                         AsMap(*map_element, StrCat(kModelPackage, "Condition")));
  LegacyConditions out;
  for (simdjson::dom::key_value_pair entry : map) {
    if (entry.value.type() == simdjson::dom::element_type::NULL_VALUE) {
      return Status::Validation("The filter condition for an attribute cannot be null");
    }
    LMDDB_ASSIGN_OR_RETURN(object condition, AsValueStruct(entry.value, "Condition"));
    LegacyCondition c;
    c.attribute = std::string(entry.key);
    const std::string path =
        StrCat(LowerFirst(member), ".", c.attribute, ".member.comparisonOperator");
    LMDDB_ASSIGN_OR_RETURN(c.op, ReadOperator(condition, path, errors));
    if (!c.op && !Member(condition, "ComparisonOperator")) {
      errors->Add(std::nullopt, path, "Member must not be null");
    }
    LMDDB_RETURN_IF_ERROR(ReadList(condition, &c));
    AddCondition(&out, std::move(c));
  }
  return std::optional<LegacyConditions>(std::move(out));
}

StatusOr<std::optional<LegacyConditions>> ReadExpected(object o, ConstraintErrors* errors) {
  auto map_element = Member(o, "Expected");
  if (!map_element) return std::optional<LegacyConditions>();
  LMDDB_ASSIGN_OR_RETURN(object map,
                         AsMap(*map_element, StrCat(kModelPackage, "ExpectedAttributeValue")));
  LegacyConditions out;
  for (simdjson::dom::key_value_pair entry : map) {
    if (entry.value.type() == simdjson::dom::element_type::NULL_VALUE) continue;
    LMDDB_ASSIGN_OR_RETURN(object expected, AsValueStruct(entry.value, "ExpectedAttributeValue"));
    LegacyCondition c;
    c.attribute = std::string(entry.key);
    LMDDB_ASSIGN_OR_RETURN(
        c.op, ReadOperator(expected, StrCat("expected.", c.attribute, ".member.comparisonOperator"),
                           errors));
    LMDDB_RETURN_IF_ERROR(ReadList(expected, &c));
    if (auto value = Member(expected, "Value")) {
      LMDDB_ASSIGN_OR_RETURN(AttributeValue v, DecodeAttributeValue(*value));
      c.value = std::move(v);
    }
    LMDDB_ASSIGN_OR_RETURN(c.exists, OptionalBool(expected, "Exists"));
    AddCondition(&out, std::move(c));
  }
  return std::optional<LegacyConditions>(std::move(out));
}

Status ValidateFilter(const LegacyConditions& conditions) {
  for (const LegacyCondition& c : conditions) {
    if (!c.op) return Status::Internal("legacy condition without an operator");
    LMDDB_RETURN_IF_ERROR(ValidateArguments(*c.op, c.list));
  }
  return Status::Ok();
}

Status ValidateExpected(const LegacyConditions& conditions) {
  for (const LegacyCondition& c : conditions) {
    const std::string& k = c.attribute;
    if (c.has_list && c.value) {
      return Status::Validation(StrCat(
          kInvalid, "Value and AttributeValueList cannot be used together for Attribute: ", k));
    }
    if (c.op) {
      if (c.exists) {
        return Status::Validation(StrCat(
            kInvalid, "Exists and ComparisonOperator cannot be used together for Attribute: ", k));
      }
      if (*c.op != ComparisonOperator::kNull && *c.op != ComparisonOperator::kNotNull &&
          !c.has_list && !c.value) {
        return Status::Validation(StrCat(kInvalid,
                                         "Value or AttributeValueList must be used with "
                                         "ComparisonOperator: ",
                                         ComparisonOperatorName(*c.op), " for Attribute: ", k));
      }
      std::vector<AttributeValue> scratch;
      LMDDB_RETURN_IF_ERROR(ValidateArguments(*c.op, ArgumentsOf(c, &scratch)));
      continue;
    }
    if (c.has_list) {
      return Status::Validation(StrCat(
          kInvalid, "AttributeValueList can only be used with a ComparisonOperator for Attribute: ",
          k));
    }
    const bool exists = c.exists.value_or(true);
    if (exists && !c.value) {
      return Status::Validation(StrCat(kInvalid, "Value must be provided when Exists is ",
                                       c.exists ? "true" : "null", " for Attribute: ", k));
    }
    if (!exists && c.value) {
      return Status::Validation(
          StrCat(kInvalid, "Value cannot be used when Exists is false for Attribute: ", k));
    }
    if (c.value) LMDDB_RETURN_IF_ERROR(value::ValidateAttributeValue(*c.value));
  }
  return Status::Ok();
}

Status ValidateKeyConditions(const LegacyConditions& conditions) {
  LMDDB_RETURN_IF_ERROR(ValidateFilter(conditions));
  if (conditions.empty() || conditions.size() > 2) {
    return Status::Validation("Conditions can be of length 1 or 2 only");
  }
  for (const LegacyCondition& c : conditions) {
    switch (*c.op) {
      case ComparisonOperator::kEq:
      case ComparisonOperator::kLe:
      case ComparisonOperator::kLt:
      case ComparisonOperator::kGe:
      case ComparisonOperator::kGt:
      case ComparisonOperator::kBeginsWith:
      case ComparisonOperator::kBetween: break;
      default:
        return Status::Validation("Attempted conditional constraint is not an indexable operation");
    }
  }
  return Status::Ok();
}

std::string TranslateConditions(const LegacyConditions& conditions, bool use_or,
                                LegacyPlaceholders* placeholders) {
  std::vector<std::string> parts;
  parts.reserve(conditions.size());
  for (const LegacyCondition& c : conditions) parts.push_back(TranslateOne(c, placeholders));
  return StrJoin(parts, use_or ? " OR " : " AND ");
}

}  // namespace lmddb::json
