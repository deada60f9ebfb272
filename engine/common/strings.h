// String building over abseil for std::string_view arguments.
//
// Debian's abseil (20220623) is built with ABSL_OPTION_USE_STD_STRING_VIEW
// 0: absl::string_view is its own class and absl::StrCat / absl::StrJoin do
// not accept std::string_view. lmddb::StrCat and lmddb::StrJoin take the same
// arguments as abseil's plus std::string_view.
#ifndef LMDDB_ENGINE_COMMON_STRINGS_H_
#define LMDDB_ENGINE_COMMON_STRINGS_H_

#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace lmddb {

inline absl::string_view ToAbsl(std::string_view s) { return absl::string_view(s.data(), s.size()); }

namespace internal_strings {
inline absl::string_view Adapt(std::string_view s) { return ToAbsl(s); }
inline absl::string_view Adapt(const std::string& s) { return absl::string_view(s); }
inline absl::string_view Adapt(const char* s) { return absl::string_view(s); }
template <typename T>
const T& Adapt(const T& v) {
  return v;
}
}  // namespace internal_strings

template <typename... Args>
std::string StrCat(const Args&... args) {
  return absl::StrCat(internal_strings::Adapt(args)...);
}

template <typename... Args>
void StrAppend(std::string* out, const Args&... args) {
  absl::StrAppend(out, internal_strings::Adapt(args)...);
}

// Joins the elements of `range` (anything StrCat accepts) with `separator`.
template <typename Range>
std::string StrJoin(const Range& range, std::string_view separator) {
  std::string out;
  bool first = true;
  for (const auto& element : range) {
    if (!first) out.append(separator);
    first = false;
    StrAppend(&out, element);
  }
  return out;
}

}  // namespace lmddb

#endif  // LMDDB_ENGINE_COMMON_STRINGS_H_
