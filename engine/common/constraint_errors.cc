#include "engine/common/constraint_errors.h"

#include "engine/common/strings.h"

namespace lmddb {

bool IsValidResourceName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

void ConstraintErrors::Add(std::optional<std::string_view> value, std::string_view path,
                           std::string_view rule) {
  std::string shown = value ? StrCat("'", *value, "'") : std::string("null");
  messages_.push_back(
      StrCat("Value ", shown, " at '", path, "' failed to satisfy constraint: ", rule));
}

void ConstraintErrors::CheckName(std::string_view value, std::string_view path, size_t min_len,
                                 size_t max_len) {
  if (!IsValidResourceName(value)) {
    Add(value, path, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  }
  CheckLength(value, path, min_len, max_len);
}

void ConstraintErrors::CheckLength(std::string_view value, std::string_view path, size_t min_len,
                                   size_t max_len) {
  if (value.size() < min_len) {
    Add(value, path, StrCat("Member must have length greater than or equal to ", min_len));
  }
  if (value.size() > max_len) {
    Add(value, path, StrCat("Member must have length less than or equal to ", max_len));
  }
}

void ConstraintErrors::CheckMinimum(int64_t value, std::string_view path, int64_t minimum) {
  if (value < minimum) {
    Add(StrCat(value), path,
        StrCat("Member must have value greater than or equal to ", minimum));
  }
}

void ConstraintErrors::CheckMaximum(int64_t value, std::string_view path, int64_t maximum) {
  if (value > maximum) {
    Add(StrCat(value), path,
        StrCat("Member must have value less than or equal to ", maximum));
  }
}

Status ConstraintErrors::ToStatus() const {
  if (messages_.empty()) return Status::Ok();
  std::string head = messages_.size() == 1
                         ? std::string("1 validation error detected: ")
                         : StrCat(messages_.size(), " validation errors detected: ");
  return Status::Validation(StrCat(head, StrJoin(messages_, "; ")));
}

}  // namespace lmddb
