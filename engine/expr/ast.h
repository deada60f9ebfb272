// The typed syntax tree of DynamoDB's five expression kinds, as produced by
// the parser (parser.h) and consumed by the evaluator (evaluate.h), the
// update applier (update.h) and projections (projection.h).
//
// Placeholders are resolved while parsing: a path holds real attribute
// names (a "#n" is replaced by its ExpressionAttributeNames entry) and a
// value operand points at its ExpressionAttributeValues entry. So a tree is
// only valid while the request's ExpressionAttributeValues live; it is
// built once per request and never re-parsed.
//
// Nesting depth is bounded by the parser (operator and length limits), so
// the recursive destructors and evaluators cannot exhaust the stack.
//
// Thread safety: immutable after parsing; shareable between threads.
#ifndef LMDDB_ENGINE_EXPR_AST_H_
#define LMDDB_ENGINE_EXPR_AST_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lmddb/attribute_value.hpp"

namespace lmddb::expr {

enum class ExpressionKind : uint8_t {
  kCondition,
  kFilter,
  kKeyCondition,
  kProjection,
  kUpdate,
};

// The request parameter's name, as DynamoDB uses it in messages:
// "ConditionExpression", "FilterExpression", "KeyConditionExpression",
// "ProjectionExpression", "UpdateExpression".
const char* ExpressionKindName(ExpressionKind kind);

// One step of a document path: an attribute (or map key) name, or a list
// index. The first element of a path is always a name.
struct PathElement {
  enum class Kind : uint8_t { kName, kIndex };
  Kind kind = Kind::kName;
  std::string name;    // kName: the resolved name
  uint32_t index = 0;  // kIndex

  bool operator==(const PathElement&) const = default;
};

struct DocumentPath {
  std::vector<PathElement> elements;

  bool operator==(const DocumentPath&) const = default;
};

// DynamoDB's display of a path in messages: "[a, b, [2]]" (names resolved).
std::string PathToString(const DocumentPath& path);

// A value-producing term: in conditions (both sides of a comparison,
// function arguments) and on the right of an update's SET.
struct Operand {
  enum class Kind : uint8_t {
    kPath,         // path
    kValue,        // value
    kSize,         // size(path); size(:value) keeps the value operand in *left
    kIfNotExists,  // if_not_exists(path, *right)          (SET only)
    kListAppend,   // list_append(*left, *right)           (SET only)
    kPlus,         // *left + *right                       (SET only)
    kMinus,        // *left - *right                       (SET only)
  };
  Kind kind = Kind::kPath;
  DocumentPath path;                      // kPath, kSize, kIfNotExists
  const AttributeValue* value = nullptr;  // kValue: the ExpressionAttributeValues entry
  std::unique_ptr<Operand> left;
  std::unique_ptr<Operand> right;
};

enum class Comparator : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };

// A ConditionExpression or FilterExpression (and, syntactically, a
// KeyConditionExpression before its key-specific checks).
struct Condition {
  enum class Kind : uint8_t {
    kCompare,             // operands[0] <comparator> operands[1]
    kBetween,             // operands[0] BETWEEN operands[1] AND operands[2]
    kIn,                  // operands[0] IN (operands[1], ...)
    kAnd,                 // *left AND *right
    kOr,                  // *left OR *right
    kNot,                 // NOT *left
    kAttributeExists,     // attribute_exists(operands[0])       operands[0] is a kPath
    kAttributeNotExists,  // attribute_not_exists(operands[0])   operands[0] is a kPath
    kAttributeType,       // attribute_type(operands[0], operands[1])
    kBeginsWith,          // begins_with(operands[0], operands[1])
    kContains,            // contains(operands[0], operands[1])
  };
  Kind kind = Kind::kCompare;
  Comparator comparator = Comparator::kEq;  // kCompare
  std::vector<Operand> operands;
  std::unique_ptr<Condition> left;
  std::unique_ptr<Condition> right;
};

// A KeyConditionExpression in the only shape DynamoDB accepts: one or two
// conditions joined by AND, each comparing one top-level attribute with
// :values, on distinct attributes, kept in the order written. Which part
// is the partition key and which the sort key (and whether they are keys
// at all) only Query can tell: it knows the table's or index's schema.
struct KeyCondition {
  struct Part {
    // ":v < a" is stored as "a > :v".
    enum class Op : uint8_t { kEq, kLt, kLe, kGt, kGe, kBetween, kBeginsWith };
    std::string attribute;
    Op op = Op::kEq;
    const AttributeValue* value = nullptr;  // the bound, the prefix, or BETWEEN's lower bound
    const AttributeValue* upper = nullptr;  // kBetween only
  };
  std::vector<Part> parts;  // 1 or 2
};

// A ProjectionExpression: the paths to return, in the order given, with no
// two overlapping or conflicting (checked by the parser).
struct Projection {
  std::vector<DocumentPath> paths;
};

// An UpdateExpression: each clause at most once; actions in the order
// written. No two actions' paths overlap or conflict (checked by the parser).
struct UpdateExpression {
  struct SetAction {
    DocumentPath path;
    Operand value;
  };
  struct RemoveAction {
    DocumentPath path;
  };
  struct AddAction {  // ADD path :value   (a number or a set)
    DocumentPath path;
    const AttributeValue* value = nullptr;
  };
  struct DeleteAction {  // DELETE path :set
    DocumentPath path;
    const AttributeValue* value = nullptr;
  };
  std::vector<SetAction> set;
  std::vector<RemoveAction> remove;
  std::vector<AddAction> add;
  std::vector<DeleteAction> del;
};

}  // namespace lmddb::expr

#endif  // LMDDB_ENGINE_EXPR_AST_H_
