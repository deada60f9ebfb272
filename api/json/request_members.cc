// Shared request members (request_members.h).
#include "api/json/request_members.h"

#include <charconv>
#include <cmath>
#include <utility>

#include "api/json/attribute_value_json.h"
#include "api/json/json_reader.h"
#include "engine/common/status_macros.h"
#include "engine/common/strings.h"

namespace lmddb::json {
namespace {

constexpr std::string_view kNotNull = kMustNotBeNull;

// What Java says when a scalar meets a parameterized collection type.
constexpr std::string_view kParameterizedCast =
    "class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to class "
    "java.lang.Class (sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and "
    "java.lang.Class are in module java.base of loader 'bootstrap')";

// The enum value whose wire name is `text`.
template <typename E, size_t N>
std::optional<E> Lookup(std::string_view text, const std::pair<std::string_view, E> (&table)[N]) {
  for (const auto& [name, value] : table) {
    if (name == text) return value;
  }
  return std::nullopt;
}

template <typename E, size_t N>
StatusOr<std::optional<E>> OptionalEnum(simdjson::dom::object o, std::string_view key,
                                        std::string_view path, std::string_view value_set,
                                        const std::pair<std::string_view, E> (&table)[N],
                                        ConstraintErrors* errors) {
  LMDDB_ASSIGN_OR_RETURN(std::optional<std::string> text, OptionalString(o, key));
  if (!text) return std::optional<E>();
  std::optional<E> value = Lookup(*text, table);
  if (!value) errors->Add(*text, path, StrCat("Member must satisfy enum value set: ", value_set));
  return value;
}

}  // namespace

StatusOr<std::string> RequiredString(simdjson::dom::object o, std::string_view key,
                                     std::string_view path, ConstraintErrors* errors) {
  LMDDB_ASSIGN_OR_RETURN(std::optional<std::string> s, OptionalString(o, key));
  if (!s) {
    errors->Add(std::nullopt, path, kNotNull);
    return std::string();
  }
  return std::move(*s);
}

StatusOr<Item> RequiredItem(simdjson::dom::object o, std::string_view key, std::string_view path,
                            ConstraintErrors* errors) {
  LMDDB_ASSIGN_OR_RETURN(std::optional<Item> item, OptionalItem(o, key));
  if (!item) {
    errors->Add(std::nullopt, path, kNotNull);
    return Item();
  }
  return std::move(*item);
}

StatusOr<std::optional<Item>> OptionalItem(simdjson::dom::object o, std::string_view key) {
  auto member = Member(o, key);
  if (!member) return std::optional<Item>();
  LMDDB_ASSIGN_OR_RETURN(Item item, DecodeItem(*member));
  return std::optional<Item>(std::move(item));
}

StatusOr<std::optional<ExpressionAttributeNames>> OptionalNames(simdjson::dom::object o) {
  auto member = Member(o, "ExpressionAttributeNames");
  if (!member) return std::optional<ExpressionAttributeNames>();
  LMDDB_ASSIGN_OR_RETURN(simdjson::dom::object map, AsMap(*member, "java.lang.String"));
  ExpressionAttributeNames names;
  for (simdjson::dom::key_value_pair entry : map) {
    if (entry.value.type() == simdjson::dom::element_type::NULL_VALUE) continue;
    LMDDB_ASSIGN_OR_RETURN(std::string_view name, AsString(entry.value));
    names.insert_or_assign(std::string(entry.key), std::string(name));
  }
  return std::optional<ExpressionAttributeNames>(std::move(names));
}

StatusOr<std::optional<ReturnValue>> OptionalReturnValues(simdjson::dom::object o,
                                                          ConstraintErrors* errors) {
  static constexpr std::pair<std::string_view, ReturnValue> kTable[] = {
      {"NONE", ReturnValue::kNone},           {"ALL_OLD", ReturnValue::kAllOld},
      {"UPDATED_OLD", ReturnValue::kUpdatedOld}, {"ALL_NEW", ReturnValue::kAllNew},
      {"UPDATED_NEW", ReturnValue::kUpdatedNew}};
  return OptionalEnum(o, "ReturnValues", "returnValues",
                      "[UPDATED_NEW, UPDATED_OLD, ALL_NEW, ALL_OLD, NONE]", kTable, errors);
}

StatusOr<std::optional<ReturnConsumedCapacity>> OptionalReturnConsumedCapacity(
    simdjson::dom::object o, ConstraintErrors* errors) {
  static constexpr std::pair<std::string_view, ReturnConsumedCapacity> kTable[] = {
      {"INDEXES", ReturnConsumedCapacity::kIndexes},
      {"TOTAL", ReturnConsumedCapacity::kTotal},
      {"NONE", ReturnConsumedCapacity::kNone}};
  return OptionalEnum(o, "ReturnConsumedCapacity", "returnConsumedCapacity",
                      "[INDEXES, TOTAL, NONE]", kTable, errors);
}

StatusOr<std::optional<ReturnValuesOnConditionCheckFailure>> OptionalReturnValuesOnFailure(
    simdjson::dom::object o, ConstraintErrors* errors) {
  return OptionalReturnValuesOnFailure(o, "returnValuesOnConditionCheckFailure", errors);
}

StatusOr<std::optional<ReturnValuesOnConditionCheckFailure>> OptionalReturnValuesOnFailure(
    simdjson::dom::object o, std::string_view path, ConstraintErrors* errors) {
  static constexpr std::pair<std::string_view, ReturnValuesOnConditionCheckFailure> kTable[] = {
      {"ALL_OLD", ReturnValuesOnConditionCheckFailure::kAllOld},
      {"NONE", ReturnValuesOnConditionCheckFailure::kNone}};
  return OptionalEnum(o, "ReturnValuesOnConditionCheckFailure", path, "[ALL_OLD, NONE]", kTable,
                      errors);
}

Status CheckReturnItemCollectionMetrics(simdjson::dom::object o, ConstraintErrors* errors) {
  enum class Metrics { kSize, kNone };
  static constexpr std::pair<std::string_view, Metrics> kTable[] = {{"SIZE", Metrics::kSize},
                                                                    {"NONE", Metrics::kNone}};
  LMDDB_ASSIGN_OR_RETURN(std::optional<Metrics> ignored,
                         OptionalEnum(o, "ReturnItemCollectionMetrics",
                                      "returnItemCollectionMetrics", "[SIZE, NONE]", kTable,
                                      errors));
  (void)ignored;
  return Status::Ok();
}

StatusOr<simdjson::dom::array> AsParameterizedList(simdjson::dom::element value) {
  switch (value.type()) {
    case simdjson::dom::element_type::ARRAY: return value.get_array().value_unsafe();
    case simdjson::dom::element_type::OBJECT:
      return SerializationError("Start of structure or map found where not expected");
    default: return SerializationError(std::string(kParameterizedCast));
  }
}

StatusOr<Item> DecodeParameterizedItem(simdjson::dom::element value) {
  // Objects decode as any item; arrays get DecodeItem's collection text.
  if (value.type() != simdjson::dom::element_type::OBJECT &&
      value.type() != simdjson::dom::element_type::ARRAY) {
    return SerializationError(std::string(kParameterizedCast));
  }
  return DecodeItem(value);
}

std::string EpochSeconds(int64_t ms) {
  std::string out = StrCat(ms / 1000);
  int64_t frac = ms % 1000;
  if (frac < 0) frac = -frac;
  if (frac != 0) {
    std::string digits = StrCat(frac + 1000).substr(1);  // three digits, zero padded
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return out;
}

std::string JavaDouble(double v) {
  if (!std::isfinite(v)) return "0.0";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  std::string out(buf, ec == std::errc() ? end : buf);
  if (out.find_first_of(".e") == std::string::npos) out += ".0";
  return out;
}

}  // namespace lmddb::json
