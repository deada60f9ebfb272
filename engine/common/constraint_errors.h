// Collects AWS "constraint" validation failures and renders them the way
// DynamoDB's request validator does:
//   1 validation error detected: Value 'ab' at 'tableName' failed to satisfy
//   constraint: Member must have length greater than or equal to 3
// Several failures are joined by "; " under "N validation errors detected: ".
#ifndef LMDDB_ENGINE_COMMON_CONSTRAINT_ERRORS_H_
#define LMDDB_ENGINE_COMMON_CONSTRAINT_ERRORS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lmddb/status.hpp"

namespace lmddb {

class ConstraintErrors {
 public:
  // `value` is printed quoted; std::nullopt prints "Value null".
  void Add(std::optional<std::string_view> value, std::string_view path, std::string_view rule);

  // Checks [a-zA-Z0-9_.-]+ and the length bounds of a table or index name,
  // in DynamoDB's order (pattern, then minimum, then maximum length).
  void CheckName(std::string_view value, std::string_view path, size_t min_len, size_t max_len);
  void CheckLength(std::string_view value, std::string_view path, size_t min_len, size_t max_len);
  void CheckMinimum(int64_t value, std::string_view path, int64_t minimum);
  void CheckMaximum(int64_t value, std::string_view path, int64_t maximum);

  bool empty() const { return messages_.empty(); }
  // OK when nothing was added; otherwise a ValidationException.
  Status ToStatus() const;

 private:
  std::vector<std::string> messages_;
};

// True when `name` matches [a-zA-Z0-9_.-]+.
bool IsValidResourceName(std::string_view name);

}  // namespace lmddb

#endif  // LMDDB_ENGINE_COMMON_CONSTRAINT_ERRORS_H_
