// Request-level expression checks (request_expressions.h).
#include "engine/ops/request_expressions.h"

#include "engine/common/status_macros.h"
#include "engine/common/strings.h"
#include "engine/expr/evaluate.h"
#include "engine/ops/item_key.h"
#include "engine/ops/key_validation.h"
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

StatusOr<WriteExpressions> CompileWriteExpressions(
    const std::optional<std::string>* update_expression,
    const std::optional<std::string>& condition_expression,
    const std::optional<ExpressionAttributeNames>& names,
    const std::optional<ExpressionAttributeValues>& values) {
  static const std::optional<std::string> kNotAParameter;
  const std::optional<std::string>& update_text =
      update_expression != nullptr ? *update_expression : kNotAParameter;
  if (update_expression != nullptr) {
    LMDDB_RETURN_IF_ERROR(ValidateExpressionAttributes(
        {{"UpdateExpression", &update_text}, {"ConditionExpression", &condition_expression}}, names,
        &values));
  } else {
    LMDDB_RETURN_IF_ERROR(ValidateExpressionAttributes(
        {{"ConditionExpression", &condition_expression}}, names, &values));
  }
  expr::ExpressionContext context(OptionalPtr(names), OptionalPtr(values));
  WriteExpressions compiled;
  if (update_text) {
    LMDDB_ASSIGN_OR_RETURN(compiled.update, context.ParseUpdate(*update_text));
  }
  if (condition_expression) {
    LMDDB_ASSIGN_OR_RETURN(compiled.condition,
                           context.ParseCondition(*condition_expression, expr::ExpressionKind::kCondition));
  }
  LMDDB_RETURN_IF_ERROR(context.CheckAllUsed());
  return compiled;
}

StatusOr<WriteTarget> ReadWriteTarget(const storage::WriteTxn& txn, const catalog::Table& table,
                                      const Item& key_source, bool for_write,
                                      const std::optional<expr::Condition>& condition,
                                      std::optional<ReturnValuesOnConditionCheckFailure> on_failure) {
  const KeyValues key = KeyValuesOf(table.schema, key_source);
  WriteTarget target{EncodeItemKey(key), std::nullopt};
  LMDDB_ASSIGN_OR_RETURN(target.old, ReadStoredItem(txn, table, target.lmdb_key, key, for_write));
  if (!condition) return target;
  value::ItemView view;
  if (target.old) {
    LMDDB_ASSIGN_OR_RETURN(view, value::ItemView::Open(target.old->encoded));
  }
  LMDDB_ASSIGN_OR_RETURN(bool holds, expr::Evaluate(*condition, view));
  if (holds) return target;
  Status failed = Status::ConditionalCheckFailed("The conditional request failed");
  if (target.old && on_failure == ReturnValuesOnConditionCheckFailure::kAllOld) {
    LMDDB_ASSIGN_OR_RETURN(Item item, value::DecodeItem(target.old->encoded));
    return std::move(failed).WithItem(std::move(item));
  }
  return failed;
}

}  // namespace lmddb::ops
