// AttributeValue JSON codec (attribute_value_json.h).
#include "api/json/attribute_value_json.h"

#include <string>
#include <utility>

#include "absl/strings/escaping.h"
#include "api/json/json_reader.h"
#include "engine/common/status_macros.h"
#include "engine/common/strings.h"
#include "engine/value/validate.h"

namespace lmddb::json {
namespace {

using simdjson::dom::element;

constexpr std::string_view kAttributeValueClass =
    "com.amazonaws.dynamodb.v20120810.AttributeValue";

Status TooDeep() {
  return Status::Validation(
      "Nesting Levels have exceeded supported limits: "
      "Attributes in the item have nested levels beyond supported limit");
}

StatusOr<AttributeValue> DecodeValue(element value, int level);

StatusOr<Item> DecodeMap(element value, int level) {
  LMDDB_ASSIGN_OR_RETURN(simdjson::dom::object object, AsMap(value, kAttributeValueClass));
  Item item;
  for (simdjson::dom::key_value_pair member : object) {
    // A null entry is dropped, as DynamoDB's deserializer does.
    if (member.value.type() == simdjson::dom::element_type::NULL_VALUE) continue;
    LMDDB_ASSIGN_OR_RETURN(AttributeValue v, DecodeValue(member.value, level));
    item.insert_or_assign(std::string(member.key), std::move(v));
  }
  return item;
}

StatusOr<AttributeValue> DecodeSet(element value, AttributeValue::Type type) {
  LMDDB_ASSIGN_OR_RETURN(simdjson::dom::array array, AsList(value));
  std::vector<std::string> texts;
  std::vector<Number> numbers;
  for (element member : array) {
    // Null members are dropped, as DynamoDB's list deserializer does.
    if (member.type() == simdjson::dom::element_type::NULL_VALUE) continue;
    if (type == AttributeValue::Type::kBS) {
      LMDDB_ASSIGN_OR_RETURN(std::string bytes, AsBlob(member));
      texts.push_back(std::move(bytes));
      continue;
    }
    LMDDB_ASSIGN_OR_RETURN(std::string_view text, AsString(member));
    if (type == AttributeValue::Type::kNS) {
      LMDDB_ASSIGN_OR_RETURN(Number n, Number::Parse(text));
      numbers.push_back(n);
    } else {
      texts.emplace_back(text);
    }
  }
  switch (type) {
    case AttributeValue::Type::kSS: return AttributeValue::SS(std::move(texts));
    case AttributeValue::Type::kNS: return AttributeValue::NS(std::move(numbers));
    default: return AttributeValue::BS(std::move(texts));
  }
}

// `level` counts values along the path as the engine does: a top-level
// attribute value is level 1.
StatusOr<AttributeValue> DecodeValue(element value, int level) {
  if (level > value::kMaxNestingLevels + 1) return TooDeep();
  LMDDB_ASSIGN_OR_RETURN(simdjson::dom::object object, AsValueStruct(value, "AttributeValue"));
  int types = 0;
  AttributeValue result;
  for (simdjson::dom::key_value_pair member : object) {
    if (member.value.type() == simdjson::dom::element_type::NULL_VALUE) continue;
    const std::string_view key = member.key;
    AttributeValue decoded;
    if (key == "S") {
      LMDDB_ASSIGN_OR_RETURN(std::string_view s, AsString(member.value));
      decoded = AttributeValue::S(std::string(s));
    } else if (key == "N") {
      LMDDB_ASSIGN_OR_RETURN(std::string_view s, AsString(member.value));
      LMDDB_ASSIGN_OR_RETURN(Number n, Number::Parse(s));
      decoded = AttributeValue::N(n);
    } else if (key == "B") {
      LMDDB_ASSIGN_OR_RETURN(std::string bytes, AsBlob(member.value));
      decoded = AttributeValue::B(std::move(bytes));
    } else if (key == "BOOL") {
      LMDDB_ASSIGN_OR_RETURN(bool b, AsBool(member.value));
      decoded = AttributeValue::Bool(b);
    } else if (key == "NULL") {
      LMDDB_ASSIGN_OR_RETURN(bool b, AsBool(member.value));
      if (!b) {
        return Status::Validation(
            "One or more parameter values were invalid: "
            "Null attribute value types must have the value of true");
      }
      decoded = AttributeValue::Null();
    } else if (key == "SS") {
      LMDDB_ASSIGN_OR_RETURN(decoded, DecodeSet(member.value, AttributeValue::Type::kSS));
    } else if (key == "NS") {
      LMDDB_ASSIGN_OR_RETURN(decoded, DecodeSet(member.value, AttributeValue::Type::kNS));
    } else if (key == "BS") {
      LMDDB_ASSIGN_OR_RETURN(decoded, DecodeSet(member.value, AttributeValue::Type::kBS));
    } else if (key == "L") {
      LMDDB_ASSIGN_OR_RETURN(simdjson::dom::array array, AsList(member.value));
      AttributeValue::List list;
      for (element e : array) {
        if (e.type() == simdjson::dom::element_type::NULL_VALUE) continue;
        LMDDB_ASSIGN_OR_RETURN(AttributeValue v, DecodeValue(e, level + 1));
        list.push_back(std::move(v));
      }
      decoded = AttributeValue::L(std::move(list));
    } else if (key == "M") {
      LMDDB_ASSIGN_OR_RETURN(Item map, DecodeMap(member.value, level + 1));
      decoded = AttributeValue::M(std::move(map));
    } else {
      continue;  // unknown members are ignored
    }
    ++types;
    result = std::move(decoded);
  }
  if (types == 0) {
    return Status::Validation(
        "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  }
  if (types > 1) {
    return Status::Validation(
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of "
        "the supported datatypes");
  }
  return result;
}

}  // namespace

StatusOr<AttributeValue> DecodeAttributeValue(element value) { return DecodeValue(value, 1); }

StatusOr<Item> DecodeItem(element value) { return DecodeMap(value, 1); }

void WriteAttributeValue(const AttributeValue& value, JsonWriter* w) {
  w->BeginObject();
  w->Key(TypeName(value.type()));
  switch (value.type()) {
    case AttributeValue::Type::kS: w->String(value.s()); break;
    case AttributeValue::Type::kN: w->String(value.n().ToString()); break;
    case AttributeValue::Type::kB: w->String(absl::Base64Escape(value.b())); break;
    case AttributeValue::Type::kBool: w->Bool(value.boolean()); break;
    case AttributeValue::Type::kNull: w->Bool(true); break;
    case AttributeValue::Type::kL:
      w->BeginArray();
      for (const AttributeValue& e : value.l()) WriteAttributeValue(e, w);
      w->EndArray();
      break;
    case AttributeValue::Type::kM: WriteItem(value.m(), w); break;
    case AttributeValue::Type::kSS:
      w->BeginArray();
      for (const std::string& s : value.ss()) w->String(s);
      w->EndArray();
      break;
    case AttributeValue::Type::kNS:
      w->BeginArray();
      for (const Number& n : value.ns()) w->String(n.ToString());
      w->EndArray();
      break;
    case AttributeValue::Type::kBS:
      w->BeginArray();
      for (const std::string& b : value.bs()) w->String(absl::Base64Escape(b));
      w->EndArray();
      break;
  }
  w->EndObject();
}

void WriteItem(const Item& item, JsonWriter* w) {
  w->BeginObject();
  for (const auto& [name, value] : item) {
    w->Key(name);
    WriteAttributeValue(value, w);
  }
  w->EndObject();
}

}  // namespace lmddb::json
