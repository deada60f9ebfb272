// Typed member reads with DynamoDB's deserializer texts (json_reader.h).
#include "api/json/json_reader.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "absl/strings/escaping.h"
#include "engine/common/status_macros.h"
#include "engine/common/strings.h"

namespace lmddb::json {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

constexpr std::string_view kStartOfMap = "Start of structure or map found where not expected";

// "NUMBER_VALUE", "DECIMAL_VALUE", "TRUE_VALUE", ... for a scalar.
std::string_view TokenName(element value) {
  switch (value.type()) {
    case element_type::INT64:
    case element_type::UINT64: return "NUMBER_VALUE";
    case element_type::DOUBLE: return "DECIMAL_VALUE";
    case element_type::STRING: return "STRING_VALUE";
    case element_type::BOOL: return value.get_bool().value_unsafe() ? "TRUE_VALUE" : "FALSE_VALUE";
    default: return "NULL_VALUE";
  }
}

}  // namespace

Status SerializationError(std::string message) {
  return Status(ErrorType::kSerialization, std::move(message));
}

Status ParseRequestBody(std::string_view body, simdjson::padded_string* padded,
                        simdjson::dom::object* root) {
  thread_local simdjson::dom::parser parser;
  *padded = simdjson::padded_string(body);
  element doc;
  if (parser.parse(*padded).get(doc) != simdjson::SUCCESS) return SerializationError("");
  if (doc.type() != element_type::OBJECT) {
    if (doc.type() == element_type::ARRAY) {
      return SerializationError("Start of list found where not expected");
    }
    return SerializationError("");
  }
  *root = doc.get_object().value_unsafe();
  return Status::Ok();
}

std::optional<element> Member(simdjson::dom::object object, std::string_view key) {
  element value;
  if (object.at_key(key).get(value) != simdjson::SUCCESS) return std::nullopt;
  if (value.type() == element_type::NULL_VALUE) return std::nullopt;
  return value;
}

bool HasAnyMember(simdjson::dom::object object, std::initializer_list<std::string_view> keys) {
  for (simdjson::dom::key_value_pair member : object) {
    for (std::string_view key : keys) {
      if (member.key == key) return true;
    }
  }
  return false;
}

StatusOr<std::string_view> AsString(element value) {
  switch (value.type()) {
    case element_type::STRING: return value.get_string().value_unsafe();
    case element_type::ARRAY:
      return SerializationError("Unrecognized collection type class java.lang.String");
    case element_type::OBJECT: return SerializationError(std::string(kStartOfMap));
    default: return SerializationError(StrCat(TokenName(value), " cannot be converted to String"));
  }
}

StatusOr<bool> AsBool(element value) {
  switch (value.type()) {
    case element_type::BOOL: return value.get_bool().value_unsafe();
    case element_type::STRING:
      return SerializationError("Unexpected token received from parser");
    case element_type::ARRAY:
      return SerializationError("Unrecognized collection type class java.lang.Boolean");
    case element_type::OBJECT: return SerializationError(std::string(kStartOfMap));
    default: return SerializationError(StrCat(TokenName(value), " cannot be converted to Boolean"));
  }
}

StatusOr<int64_t> AsInteger(element value, std::string_view java_type) {
  const int64_t max = java_type == "Integer" ? std::numeric_limits<int32_t>::max()
                                             : std::numeric_limits<int64_t>::max();
  const int64_t min = java_type == "Integer" ? std::numeric_limits<int32_t>::min()
                                             : std::numeric_limits<int64_t>::min();
  switch (value.type()) {
    case element_type::INT64: {
      int64_t v = value.get_int64().value_unsafe();
      if (v > max || v < min) break;
      return v;
    }
    case element_type::UINT64: break;
    case element_type::DOUBLE: {
      // Java truncates a decimal read into an integer type.
      double d = std::trunc(value.get_double().value_unsafe());
      if (!(d >= static_cast<double>(min) && d <= static_cast<double>(max))) break;
      return static_cast<int64_t>(d);
    }
    case element_type::ARRAY:
      return SerializationError(StrCat("Unrecognized collection type class java.lang.", java_type));
    case element_type::OBJECT: return SerializationError(std::string(kStartOfMap));
    default:
      return SerializationError(StrCat(TokenName(value), " cannot be converted to ", java_type));
  }
  return SerializationError(StrCat("Numeric value out of range of ", java_type));
}

StatusOr<std::string> AsBlob(element value) {
  if (value.type() == element_type::ARRAY) {
    return SerializationError("Unrecognized collection type class java.nio.ByteBuffer");
  }
  if (value.type() == element_type::OBJECT) return SerializationError(std::string(kStartOfMap));
  if (value.type() != element_type::STRING) {
    return SerializationError("only base-64-encoded strings are convertible to bytes");
  }
  std::string_view text = value.get_string().value_unsafe();
  if (text.size() % 4 != 0) {
    return SerializationError(
        StrCat("Base64 encoded length is expected a multiple of 4 bytes but found: ", text.size()));
  }
  // Standard alphabet; '=' only as one or two trailing pad characters.
  size_t pad = 0;
  if (!text.empty() && text.back() == '=') {
    pad = (text.size() >= 2 && text[text.size() - 2] == '=') ? 2 : 1;
  }
  for (size_t i = 0; i < text.size() - pad; ++i) {
    char c = text[i];
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '+' || c == '/';
    // A pad character before the end reads as a misplaced final character.
    if (c == '=') return SerializationError("Invalid last non-pad Base64 character dectected");
    if (!ok) {
      // The whole character, not its first byte: the body must stay UTF-8
      // (simdjson has validated the text, so the sequence is complete).
      const auto lead = static_cast<unsigned char>(c);
      const size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
      return SerializationError(StrCat("Invalid Base64 character: '",
                                       text.substr(i, std::min(length, text.size() - i)), "'"));
    }
  }
  // Only the canonical encoding is accepted: the bits of the last character
  // beyond the last byte (2 with one pad, 4 with two) must be zero.
  if (pad > 0) {
    const char last = text[text.size() - pad - 1];
    const int value = last >= 'a' ? last - 'a' + 26
                      : last >= 'A' ? last - 'A'
                      : last >= '0' ? last - '0' + 52
                      : last == '+' ? 62
                                    : 63;
    if ((value & (pad == 1 ? 0x3 : 0xF)) != 0) {
      return SerializationError("Invalid last non-pad Base64 character dectected");
    }
  }
  std::string bytes;
  if (!absl::Base64Unescape(absl::string_view(text.data(), text.size()), &bytes)) {
    return SerializationError("Invalid last non-pad Base64 character dectected");
  }
  return bytes;
}

StatusOr<simdjson::dom::array> AsList(element value) {
  if (value.type() == element_type::ARRAY) return value.get_array().value_unsafe();
  if (value.type() == element_type::OBJECT) return SerializationError(std::string(kStartOfMap));
  return SerializationError("Unexpected field type");
}

StatusOr<simdjson::dom::object> AsMap(element value, std::string_view value_class) {
  if (value.type() == element_type::OBJECT) return value.get_object().value_unsafe();
  if (value.type() == element_type::ARRAY) {
    return SerializationError(
        StrCat("Unrecognized collection type java.util.Map<java.lang.String, ", value_class, ">"));
  }
  return SerializationError("Unexpected field type");
}

StatusOr<simdjson::dom::object> AsValueStruct(element value, std::string_view type_name) {
  if (value.type() == element_type::OBJECT) return value.get_object().value_unsafe();
  if (value.type() == element_type::ARRAY) {
    return SerializationError(
        StrCat("Unrecognized collection type class ", kModelPackage, type_name));
  }
  return SerializationError("Unexpected value type in payload");
}

StatusOr<simdjson::dom::object> AsFieldStruct(element value, std::string_view type_name) {
  if (value.type() == element_type::OBJECT) return value.get_object().value_unsafe();
  if (value.type() == element_type::ARRAY) {
    return SerializationError(
        StrCat("Unrecognized collection type class ", kModelPackage, type_name));
  }
  return SerializationError("Unexpected field type");
}

StatusOr<std::optional<std::string>> OptionalString(simdjson::dom::object o, std::string_view key) {
  auto member = Member(o, key);
  if (!member) return std::optional<std::string>();
  LMDDB_ASSIGN_OR_RETURN(std::string_view s, AsString(*member));
  return std::optional<std::string>(std::string(s));
}

StatusOr<std::optional<bool>> OptionalBool(simdjson::dom::object o, std::string_view key) {
  auto member = Member(o, key);
  if (!member) return std::optional<bool>();
  LMDDB_ASSIGN_OR_RETURN(bool b, AsBool(*member));
  return std::optional<bool>(b);
}

StatusOr<std::optional<int64_t>> OptionalInteger(simdjson::dom::object o, std::string_view key,
                                                 std::string_view java_type) {
  auto member = Member(o, key);
  if (!member) return std::optional<int64_t>();
  LMDDB_ASSIGN_OR_RETURN(int64_t v, AsInteger(*member, java_type));
  return std::optional<int64_t>(v);
}

}  // namespace lmddb::json
