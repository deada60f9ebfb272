// DynamoDB value comparisons on stored or decoded values (compare.h).
#include "engine/expr/compare.h"

#include <compare>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/common/status_macros.h"
#include "engine/value/varint.h"

namespace lmddb::expr {
namespace {

using Type = AttributeValue::Type;

Status Corrupt(std::string_view what) {
  std::string message = "Corrupt item encoding: ";
  message.append(what);
  return Status::Internal(std::move(message));
}

// A stored N payload as a Number (decoding validates it).
StatusOr<Number> StoredNumber(std::string_view payload) {
  LMDDB_ASSIGN_OR_RETURN(AttributeValue v, value::DecodeValue(value::ValueView{Type::kN, payload}));
  return v.n();
}

// Element count at the start of a stored L, M or set body. Every element
// takes at least one byte, so a larger count is corrupt.
StatusOr<uint64_t> StoredCount(std::string_view body) {
  uint64_t count;
  if (!value::GetVarint(&body, &count) || count > body.size()) return Corrupt("bad count");
  return count;
}

// Calls `match(member)` on each member payload of a stored SS, NS or BS
// body until it returns true. Every member (SS and BS strings, NS numbers)
// is length-prefixed, so one walker serves all three.
template <typename Match>
StatusOr<bool> AnyStoredSetMember(std::string_view body, Match match) {
  uint64_t count;
  if (!value::GetVarint(&body, &count) || count > body.size()) return Corrupt("bad set count");
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t length;
    if (!value::GetVarint(&body, &length) || length > body.size()) {
      return Corrupt("malformed set member");
    }
    const std::string_view member = body.substr(0, length);
    body.remove_prefix(length);
    LMDDB_ASSIGN_OR_RETURN(bool hit, match(member));
    if (hit) return true;
  }
  if (!body.empty()) return Corrupt("trailing bytes after set");
  return false;
}

// S or B members of a set (the operand has the set's element type).
StatusOr<bool> ContainsBytesMember(const ValueRef& set, std::string_view operand) {
  if (set.is_stored()) {
    return AnyStoredSetMember(set.stored().payload,
                              [&](std::string_view m) -> StatusOr<bool> { return m == operand; });
  }
  const std::vector<std::string>& members =
      set.type() == Type::kSS ? set.decoded()->ss() : set.decoded()->bs();
  for (const std::string& m : members) {
    if (m == operand) return true;
  }
  return false;
}

StatusOr<bool> ContainsNumberMember(const ValueRef& set, const Number& operand) {
  if (set.is_stored()) {
    return AnyStoredSetMember(set.stored().payload, [&](std::string_view m) -> StatusOr<bool> {
      LMDDB_ASSIGN_OR_RETURN(Number n, StoredNumber(m));
      return n == operand;
    });
  }
  for (const Number& n : set.decoded()->ns()) {
    if (n == operand) return true;
  }
  return false;
}

StatusOr<bool> ContainsElement(const ValueRef& list, const ValueRef& operand) {
  if (list.is_stored()) {
    LMDDB_ASSIGN_OR_RETURN(value::ListView elements, value::ListView::Open(list.stored()));
    for (const value::ValueView& element : elements) {
      LMDDB_ASSIGN_OR_RETURN(bool equal, Equal(ValueRef::Stored(element), operand));
      if (equal) return true;
    }
    return false;
  }
  for (const AttributeValue& element : list.decoded()->l()) {
    LMDDB_ASSIGN_OR_RETURN(bool equal, Equal(ValueRef::Decoded(element), operand));
    if (equal) return true;
  }
  return false;
}

int Sign(int c) { return (c > 0) - (c < 0); }

}  // namespace

AttributeValue::Type ValueRef::type() const {
  switch (kind_) {
    case Kind::kStored: return stored_.type;
    case Kind::kDecoded: return decoded_->type();
    case Kind::kComputed: return Type::kN;
  }
  return Type::kNull;
}

std::string_view ValueRef::bytes() const {
  if (kind_ == Kind::kStored) return stored_.payload;
  return decoded_->is(Type::kS) ? std::string_view(decoded_->s()) : std::string_view(decoded_->b());
}

StatusOr<Number> ValueRef::number() const {
  switch (kind_) {
    case Kind::kStored: return StoredNumber(stored_.payload);
    case Kind::kDecoded: return decoded_->n();
    case Kind::kComputed: return number_;
  }
  return number_;
}

StatusOr<AttributeValue> ValueRef::Decode() const {
  switch (kind_) {
    case Kind::kStored: return value::DecodeValue(stored_);
    case Kind::kDecoded: return *decoded_;
    case Kind::kComputed: return AttributeValue::N(number_);
  }
  return AttributeValue::N(number_);
}

StatusOr<bool> Equal(const ValueRef& a, const ValueRef& b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case Type::kS:
    case Type::kB:
      return a.bytes() == b.bytes();
    case Type::kN: {
      LMDDB_ASSIGN_OR_RETURN(Number x, a.number());
      LMDDB_ASSIGN_OR_RETURN(Number y, b.number());
      return x == y;  // normalized, so field equality is numeric equality
    }
    case Type::kNull:
      return true;
    default:
      break;
  }
  // BOOL, documents and sets: compare decoded values (AttributeValue's ==
  // already has DynamoDB's set semantics, recursively). Decoded operands
  // are used as they are; stored ones are decoded once.
  std::optional<AttributeValue> a_copy;
  std::optional<AttributeValue> b_copy;
  if (a.decoded() == nullptr) {
    LMDDB_ASSIGN_OR_RETURN(a_copy, a.Decode());
  }
  if (b.decoded() == nullptr) {
    LMDDB_ASSIGN_OR_RETURN(b_copy, b.Decode());
  }
  return (a_copy ? *a_copy : *a.decoded()) == (b_copy ? *b_copy : *b.decoded());
}

StatusOr<std::optional<int>> Order(const ValueRef& a, const ValueRef& b) {
  if (a.type() != b.type()) return std::optional<int>();
  switch (a.type()) {
    case Type::kS:
    case Type::kB:
      // std::char_traits<char> compares as unsigned char: byte order, as
      // DynamoDB orders S (UTF-8) and B.
      return std::optional<int>(Sign(a.bytes().compare(b.bytes())));
    case Type::kN: {
      LMDDB_ASSIGN_OR_RETURN(Number x, a.number());
      LMDDB_ASSIGN_OR_RETURN(Number y, b.number());
      const std::strong_ordering c = x <=> y;
      return std::optional<int>(c < 0 ? -1 : c > 0 ? 1 : 0);
    }
    default:
      return std::optional<int>();
  }
}

bool BeginsWith(const ValueRef& value, const ValueRef& prefix) {
  const Type type = value.type();
  if (type != prefix.type() || (type != Type::kS && type != Type::kB)) return false;
  return value.bytes().starts_with(prefix.bytes());
}

StatusOr<bool> Contains(const ValueRef& container, const ValueRef& operand) {
  const Type operand_type = operand.type();
  switch (container.type()) {
    case Type::kS:
    case Type::kB:
      if (operand_type != container.type()) return false;
      return container.bytes().find(operand.bytes()) != std::string_view::npos;
    case Type::kSS:
      if (operand_type != Type::kS) return false;
      return ContainsBytesMember(container, operand.bytes());
    case Type::kBS:
      if (operand_type != Type::kB) return false;
      return ContainsBytesMember(container, operand.bytes());
    case Type::kNS: {
      if (operand_type != Type::kN) return false;
      LMDDB_ASSIGN_OR_RETURN(Number n, operand.number());
      return ContainsNumberMember(container, n);
    }
    case Type::kL:
      return ContainsElement(container, operand);
    default:
      return false;
  }
}

StatusOr<std::optional<Number>> Size(const ValueRef& value) {
  uint64_t size = 0;
  switch (value.type()) {
    case Type::kS:
    case Type::kB:
      size = value.bytes().size();
      break;
    case Type::kL:
    case Type::kM:
    case Type::kSS:
    case Type::kNS:
    case Type::kBS:
      if (value.is_stored()) {
        LMDDB_ASSIGN_OR_RETURN(size, StoredCount(value.stored().payload));
      } else {
        const AttributeValue& v = *value.decoded();
        switch (v.type()) {
          case Type::kL: size = v.l().size(); break;
          case Type::kM: size = v.m().size(); break;
          case Type::kSS: size = v.ss().size(); break;
          case Type::kNS: size = v.ns().size(); break;
          default: size = v.bs().size(); break;
        }
      }
      break;
    default:
      return std::optional<Number>();
  }
  // Sizes are bounded by the stored item, far below int64's range.
  return std::optional<Number>(Number::FromInt64(static_cast<int64_t>(size)));
}

}  // namespace lmddb::expr
