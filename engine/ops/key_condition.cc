#include "engine/ops/key_condition.h"

#include "engine/common/strings.h"
#include "engine/keycodec/value_codec.h"
#include "engine/ops/key_validation.h"

namespace lmddb::ops {
namespace {

constexpr char kInvalid[] = "One or more parameter values were invalid: ";

Status NotSupported() { return Status::Validation("Query key condition not supported"); }

Status Missed(const std::string& name) {
  return Status::Validation(StrCat("Query condition missed key schema element: ", name));
}

// The operand checks DynamoDB makes for a key attribute's condition value:
// its type, then the same emptiness and size rules as a key.
Status CheckOperand(const catalog::KeyAttribute& attr, const AttributeValue* v, bool is_hash) {
  if (v == nullptr) return Status::Internal("key condition without an operand");
  if (v->type() != attr.type) {
    return Status::Validation(
        StrCat(kInvalid, "Condition parameter type does not match schema type"));
  }
  return CheckKeyValue(attr, *v, is_hash);
}

}  // namespace

std::string KeyBytes(const AttributeValue& v) {
  std::string out;
  keycodec::AppendKeyValue(&out, v);
  return out;
}

bool SortKeyCondition::Matches(std::string_view sk) const {
  const std::string_view v = value_bytes;
  switch (op) {
    case SortKeyOp::kEq: return sk == v;
    case SortKeyOp::kLt: return sk < v;
    case SortKeyOp::kLe: return sk <= v;
    case SortKeyOp::kGt: return sk > v;
    case SortKeyOp::kGe: return sk >= v;
    case SortKeyOp::kBetween: return sk >= v && sk <= std::string_view(upper_bytes);
    case SortKeyOp::kBeginsWith: return sk.substr(0, v.size()) == v;
  }
  return false;
}

StatusOr<QueryKeyRange> MatchKeyCondition(const catalog::TableSchema& schema,
                                          const expr::KeyCondition& key) {
  if (key.parts.empty() || key.parts.size() > 2) {
    return Status::Validation("Conditions can be of length 1 or 2 only");
  }
  // DynamoDB walks the schema's keys in order: the partition key first.
  const expr::KeyCondition::Part* hash = nullptr;
  const expr::KeyCondition::Part* other = nullptr;
  for (const expr::KeyCondition::Part& part : key.parts) {
    (part.attribute == schema.hash_key.name ? hash : other) = &part;
  }
  if (!schema.range_key && key.parts.size() > 1) return NotSupported();
  if (hash == nullptr) return Missed(schema.hash_key.name);
  if (hash->op != SortKeyOp::kEq) return NotSupported();
  if (Status s = CheckOperand(schema.hash_key, hash->value, true); !s.ok()) return s;
  QueryKeyRange range;
  range.partition_key = hash->value;
  if (other == nullptr) return range;
  if (other->attribute != schema.range_key->name) return Missed(schema.range_key->name);
  if (Status s = CheckOperand(*schema.range_key, other->value, false); !s.ok()) return s;
  if (other->op == SortKeyOp::kBetween) {
    if (Status s = CheckOperand(*schema.range_key, other->upper, false); !s.ok()) return s;
  }
  if (other->op == SortKeyOp::kBeginsWith && schema.range_key->type == AttributeValue::Type::kN) {
    return Status::Validation(
        "Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
        "operator or function: begins_with, operand type: N");
  }
  SortKeyCondition sort;
  sort.op = other->op;
  sort.value = other->value;
  sort.value_bytes = KeyBytes(*other->value);
  if (other->op == SortKeyOp::kBetween) {
    sort.upper = other->upper;
    sort.upper_bytes = KeyBytes(*other->upper);
  }
  range.sort = std::move(sort);
  return range;
}

}  // namespace lmddb::ops
