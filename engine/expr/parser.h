// Parsing DynamoDB expressions into syntax trees (ast.h), with DynamoDB's
// error messages (all ValidationException):
//   Invalid <Kind>: Syntax error; token: "<tok>", near: "<text>"
//   Invalid <Kind>: The expression can not be empty;
//   Invalid <Kind>: Expression size has exceeded the maximum allowed size; expression size: <n>
//   Invalid <Kind>: Attribute name is a reserved keyword; reserved keyword: <w>
//   Invalid <Kind>: An expression attribute name used in the document path is not defined; attribute name: #x
//   Invalid <Kind>: An expression attribute value used in expression is not defined; attribute value: :x
//   Invalid <Kind>: The expression has redundant parentheses;
//   Invalid UpdateExpression: Two document paths overlap with each other; ...
//   ... and the operator/function, operand-type and limit checks DynamoDB
//   makes before reading any item.
//
// One ExpressionContext serves one request: every expression of the
// request is parsed through it, so it can tell afterwards which
// ExpressionAttributeNames/Values no expression used (CheckAllUsed).
//
// Thread safety: an ExpressionContext is used by one thread at a time.
#ifndef LMDDB_ENGINE_EXPR_PARSER_H_
#define LMDDB_ENGINE_EXPR_PARSER_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/expr/ast.h"
#include "lmddb/attribute_value.hpp"
#include "lmddb/status.hpp"

namespace lmddb::expr {

// Longest expression DynamoDB accepts, in bytes. (DynamoDB measures in
// UTF-16 code units, as Java counts; for the ASCII that valid expressions
// are made of, that is the byte count. The parser measures the same way.)
inline constexpr size_t kMaxExpressionSize = 4096;

using AttributeNames = std::map<std::string, std::string, std::less<>>;

class ExpressionContext {
 public:
  // `names` and `values` are the request's ExpressionAttributeNames and
  // ExpressionAttributeValues (null when the request has none). They must
  // outlive the context and every tree it returns: value operands point
  // into `values`.
  ExpressionContext(const AttributeNames* names, const Item* values);

  // kind: kCondition or kFilter (they differ only in messages).
  StatusOr<Condition> ParseCondition(std::string_view text, ExpressionKind kind);
  // Parse a request's KeyConditionExpression after its other expressions:
  // DynamoDB reports unused names and values before the key condition's
  // shape errors ("Invalid operator used in KeyConditionExpression: OR"),
  // so this checks CheckAllUsed() first when the shape is wrong.
  StatusOr<KeyCondition> ParseKeyCondition(std::string_view text);
  StatusOr<Projection> ParseProjection(std::string_view text);
  StatusOr<UpdateExpression> ParseUpdate(std::string_view text);

  // After every expression of the request was parsed: DynamoDB's error for
  // a name or value no expression used, e.g.
  //   Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}
  //   Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}
  Status CheckAllUsed() const;

 private:
  const AttributeNames* names_;
  const Item* values_;
  std::vector<std::string_view> used_names_;   // keys of names_ referenced so far
  std::vector<std::string_view> used_values_;  // keys of values_ referenced so far
};

}  // namespace lmddb::expr

#endif  // LMDDB_ENGINE_EXPR_PARSER_H_
