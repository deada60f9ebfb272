// Request-level expression checks (request_expressions.h).
#include "engine/ops/request_expressions.h"

#include "engine/common/status_macros.h"
#include "engine/common/strings.h"
#include "engine/expr/evaluate.h"
#include "engine/value/item_codec.h"
#include "engine/value/validate.h"

namespace lmddb::ops {
namespace {

Status InvalidKey(std::string_view parameter, std::string_view key) {
  return Status::Validation(
      StrCat(parameter, " contains invalid key: Syntax error; key: \"", key, "\""));
}

}  // namespace

Status ValidateExpressionAttributes(std::initializer_list<ExpressionParameter> expressions,
                                    const std::optional<ExpressionAttributeNames>& names,
                                    const std::optional<ExpressionAttributeValues>* values) {
  bool any_expression = false;
  for (const ExpressionParameter& e : expressions) any_expression |= e.second->has_value();
  const bool has_values = values != nullptr && values->has_value();
  if (!any_expression) {
    if (names) {
      return Status::Validation("ExpressionAttributeNames can only be specified when using expressions");
    }
    if (has_values) {
      std::string message = "ExpressionAttributeValues can only be specified when using expressions: ";
      const char* separator = "";
      for (const ExpressionParameter& e : expressions) {
        StrAppend(&message, separator, e.first, " is null");
        separator = " and ";
      }
      return Status::Validation(std::move(message));
    }
    return Status::Ok();
  }
  if (names) {
    if (names->empty()) return Status::Validation("ExpressionAttributeNames must not be empty");
    for (const auto& [key, name] : *names) {
      if (key.empty() || key[0] != '#') return InvalidKey("ExpressionAttributeNames", key);
    }
  }
  if (has_values) {
    if ((*values)->empty()) return Status::Validation("ExpressionAttributeValues must not be empty");
    for (const auto& [key, value] : **values) {
      if (key.empty() || key[0] != ':') return InvalidKey("ExpressionAttributeValues", key);
    }
    for (const auto& [key, value] : **values) {
      Status s = value::ValidateAttributeValue(value);
      if (!s.ok()) {
        return Status::Validation(StrCat("ExpressionAttributeValues contains invalid value: ",
                                         s.message(), " for key ", key));
      }
    }
  }
  return Status::Ok();
}

StatusOr<std::optional<expr::Condition>> ParseConditionExpression(
    expr::ExpressionContext& context, const std::optional<std::string>& text) {
  if (!text) return std::optional<expr::Condition>();
  LMDDB_ASSIGN_OR_RETURN(expr::Condition condition,
                         context.ParseCondition(*text, expr::ExpressionKind::kCondition));
  return std::optional<expr::Condition>(std::move(condition));
}

Status CheckWriteCondition(const expr::Condition& condition,
                           const std::optional<value::ItemRecord>& old,
                           std::optional<ReturnValuesOnConditionCheckFailure> on_failure) {
  value::ItemView view;
  if (old) {
    LMDDB_ASSIGN_OR_RETURN(view, value::ItemView::Open(old->encoded));
  }
  LMDDB_ASSIGN_OR_RETURN(bool holds, expr::Evaluate(condition, view));
  if (holds) return Status::Ok();
  Status failed = Status::ConditionalCheckFailed("The conditional request failed");
  if (old && on_failure == ReturnValuesOnConditionCheckFailure::kAllOld) {
    LMDDB_ASSIGN_OR_RETURN(Item item, value::DecodeItem(old->encoded));
    return std::move(failed).WithItem(std::move(item));
  }
  return failed;
}

}  // namespace lmddb::ops
