// VerifySigV4 (sigv4.h): parse the Authorization header, check it in the
// order DynamoDB does, then recompute the signature.
#include "api/http/sigv4.h"

#include <algorithm>
#include <cstdio>

#include "api/http/sha256.h"
#include "engine/common/status_macros.h"

namespace lmddb::http {
namespace {

namespace sys = std::chrono;

constexpr ErrorType kMissingToken = ErrorType::kMissingAuthenticationToken;
constexpr ErrorType kIncomplete = ErrorType::kIncompleteSignature;
constexpr ErrorType kInvalid = ErrorType::kInvalidSignature;
constexpr ErrorType kUnrecognized = ErrorType::kUnrecognizedClient;

constexpr std::string_view kMissingTokenMessage = "Request is missing Authentication Token";
constexpr std::string_view kUnknownKeyMessage =
    "The security token included in the request is invalid.";
// DynamoDB's text for a bad session token has no final period.
constexpr std::string_view kBadTokenMessage =
    "The security token included in the request is invalid";
constexpr std::string_view kMismatchMessage =
    "The request signature we calculated does not match the signature you provided. Check your "
    "AWS Secret Access Key and signing method. Consult the service documentation for details.";

Status Error(ErrorType type, std::string message) { return Status(type, std::move(message)); }

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToLower(c);
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ToLower(a[i]) != ToLower(b[i])) return false;
  }
  return true;
}

// The first header named `name` (any case), or nullopt.
std::optional<std::string_view> FindHeader(const SignedRequest& request, std::string_view name) {
  for (const auto& [header, value] : request.headers) {
    if (EqualsIgnoreCase(header, name)) return value;
  }
  return std::nullopt;
}

std::vector<std::string_view> Split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t end = s.find(separator, start);
    if (end == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, end - start));
    start = end + 1;
  }
}

bool IsUnreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

void AppendEncoded(std::string_view s, bool keep_slash, std::string* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char c : s) {
    if (IsUnreserved(c) || (keep_slash && c == '/')) {
      out->push_back(c);
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out->push_back('%');
      out->push_back(kHex[byte >> 4]);
      out->push_back(kHex[byte & 0xf]);
    }
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX sequences decoded; a '%' not followed by two hex digits stays.
std::string PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int high = HexValue(s[i + 1]);
      const int low = HexValue(s[i + 2]);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

// A moment of the request's date: "YYYYMMDDTHHMMSSZ", ISO-8601 basic.
std::optional<sys::sys_seconds> ParseBasicDate(std::string_view text) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return std::nullopt;
  const auto number = [&](size_t pos, size_t len) {
    int value = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const int year = number(0, 4), month = number(4, 2), day = number(6, 2);
  const int hour = number(9, 2), minute = number(11, 2), second = number(13, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
    return std::nullopt;
  }
  const sys::year_month_day date{sys::year(year), sys::month(static_cast<unsigned>(month)),
                                 sys::day(static_cast<unsigned>(day))};
  if (!date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  return sys::sys_days(date) + sys::hours(hour) + sys::minutes(minute) + sys::seconds(second);
}

std::string FormatBasicDate(sys::sys_seconds time) {
  const sys::sys_days day = sys::floor<sys::days>(time);
  const sys::year_month_day date(day);
  const sys::hh_mm_ss<sys::seconds> clock(time - day);
  char text[32];
  std::snprintf(text, sizeof(text), "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return text;
}

// DynamoDB's refusal of a date outside the window; OK inside it.
Status CheckClock(const SigV4Options& options, std::string_view amz_date,
                  sys::sys_seconds request_time) {
  if (options.max_clock_skew_minutes <= 0) return Status::Ok();
  const sys::system_clock::time_point now_exact =
      options.clock ? options.clock() : sys::system_clock::now();
  const sys::sys_seconds now = sys::floor<sys::seconds>(now_exact);
  const sys::minutes skew(options.max_clock_skew_minutes);
  const std::string minutes = std::to_string(options.max_clock_skew_minutes);
  if (request_time < now - skew) {
    return Error(kInvalid, "Signature expired: " + std::string(amz_date) + " is now earlier than " +
                               FormatBasicDate(now - skew) + " (" + FormatBasicDate(now) + " - " +
                               minutes + " min.)");
  }
  if (request_time > now + skew) {
    return Error(kInvalid, "Signature not yet current: " + std::string(amz_date) +
                               " is still later than " + FormatBasicDate(now + skew) + " (" +
                               FormatBasicDate(now) + " + " + minutes + " min.)");
  }
  return Status::Ok();
}

// The Authorization header's parts.
struct Authorization {
  std::string_view algorithm;
  std::optional<std::string_view> credential;
  std::optional<std::string_view> signed_headers;
  std::optional<std::string_view> signature;
};

// Splits "ALG k=v, k=v, ..." (commas, spaces or both between the
// components). Fails with IncompleteSignatureException on a component
// without '='.
Status ParseAuthorization(std::string_view header, Authorization* out) {
  std::string_view rest = Trim(header);
  size_t space = 0;
  while (space < rest.size() && !IsSpace(rest[space]) && rest[space] != ',') ++space;
  out->algorithm = rest.substr(0, space);
  rest.remove_prefix(space);
  while (!rest.empty()) {
    size_t start = 0;
    while (start < rest.size() && (IsSpace(rest[start]) || rest[start] == ',')) ++start;
    size_t end = start;
    while (end < rest.size() && !IsSpace(rest[end]) && rest[end] != ',') ++end;
    const std::string_view component = rest.substr(start, end - start);
    rest.remove_prefix(end);
    if (component.empty()) continue;
    const size_t eq = component.find('=');
    if (eq == std::string_view::npos) {
      return Error(kIncomplete, "'" + std::string(component) +
                                    "' not a valid key=value pair (missing equal-sign) in "
                                    "Authorization header: '" +
                                    std::string(header) + "'.");
    }
    const std::string_view key = component.substr(0, eq);
    const std::string_view value = component.substr(eq + 1);
    // The first occurrence of a parameter counts.
    if (key == "Credential" && !out->credential) out->credential = value;
    if (key == "SignedHeaders" && !out->signed_headers) out->signed_headers = value;
    if (key == "Signature" && !out->signature) out->signature = value;
  }
  return Status::Ok();
}

}  // namespace

namespace sigv4_internal {

std::string CanonicalUri(std::string_view path) {
  if (path.empty()) return "/";
  std::string out;
  AppendEncoded(path, /*keep_slash=*/true, &out);
  return out;
}

std::string CanonicalQueryString(std::string_view query) {
  if (query.empty()) return "";
  std::vector<std::pair<std::string, std::string>> params;
  for (const std::string_view param : Split(query, '&')) {
    if (param.empty()) continue;
    const size_t eq = param.find('=');
    std::string name;
    std::string value;
    AppendEncoded(PercentDecode(param.substr(0, eq)), /*keep_slash=*/false, &name);
    if (eq != std::string_view::npos) {
      AppendEncoded(PercentDecode(param.substr(eq + 1)), /*keep_slash=*/false, &value);
    }
    params.emplace_back(std::move(name), std::move(value));
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out.push_back('&');
    out += name;
    out.push_back('=');
    out += value;
  }
  return out;
}

std::string CanonicalHeaderValue(std::string_view value) {
  value = Trim(value);
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (IsSpace(c)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string CanonicalRequest(const SignedRequest& request,
                             const std::vector<std::string>& signed_headers) {
  const size_t question = request.target.find('?');
  const std::string_view path = request.target.substr(0, question);
  const std::string_view query =
      question == std::string_view::npos ? std::string_view() : request.target.substr(question + 1);
  std::string out(request.method);
  out.push_back('\n');
  out += CanonicalUri(path);
  out.push_back('\n');
  out += CanonicalQueryString(query);
  out.push_back('\n');
  for (const std::string& name : signed_headers) {
    out += name;
    out.push_back(':');
    bool first = true;
    // Repeated headers are joined with commas, in the order received.
    for (const auto& [header, value] : request.headers) {
      if (!EqualsIgnoreCase(header, name)) continue;
      if (!first) out.push_back(',');
      out += CanonicalHeaderValue(value);
      first = false;
    }
    out.push_back('\n');
  }
  out.push_back('\n');
  for (size_t i = 0; i < signed_headers.size(); ++i) {
    if (i > 0) out.push_back(';');
    out += signed_headers[i];
  }
  out.push_back('\n');
  out += HexLower(Sha256Of(request.body));
  return out;
}

std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request) {
  std::string out(kSigV4Algorithm);
  out.push_back('\n');
  out += amz_date;
  out.push_back('\n');
  out += scope;
  out.push_back('\n');
  out += HexLower(Sha256Of(canonical_request));
  return out;
}

std::string SigningKey(std::string_view secret, std::string_view date, std::string_view region,
                       std::string_view service) {
  const std::string date_key = DigestBytes(HmacSha256("AWS4" + std::string(secret), date));
  const std::string region_key = DigestBytes(HmacSha256(date_key, region));
  const std::string service_key = DigestBytes(HmacSha256(region_key, service));
  return DigestBytes(HmacSha256(service_key, kSigV4Terminator));
}

}  // namespace sigv4_internal

namespace {

std::string Signature(std::string_view secret, std::string_view date, std::string_view region,
                      std::string_view service, std::string_view amz_date,
                      std::string_view canonical_request) {
  const std::string scope = std::string(date) + "/" + std::string(region) + "/" +
                            std::string(service) + "/" + std::string(kSigV4Terminator);
  const std::string key = sigv4_internal::SigningKey(secret, date, region, service);
  return HexLower(
      HmacSha256(key, sigv4_internal::StringToSign(amz_date, scope, canonical_request)));
}

}  // namespace

Status VerifySigV4(const SigV4Options& options, const SignedRequest& request) {
  const std::optional<std::string_view> header = FindHeader(request, "Authorization");
  if (!header || Trim(*header).substr(0, 5) != "AWS4-") {
    return Error(kMissingToken, std::string(kMissingTokenMessage));
  }
  Authorization auth;
  LMDDB_RETURN_IF_ERROR(ParseAuthorization(*header, &auth));

  std::optional<std::string_view> amz_date = FindHeader(request, "X-Amz-Date");
  if (!amz_date) amz_date = FindHeader(request, "Date");
  std::string missing;
  const auto require = [&](const std::optional<std::string_view>& value, std::string_view name) {
    if (!value || value->empty()) {
      missing += "Authorization header requires '" + std::string(name) + "' parameter. ";
    }
  };
  require(auth.credential, "Credential");
  require(auth.signature, "Signature");
  require(auth.signed_headers, "SignedHeaders");
  if (!amz_date) {
    missing +=
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  }
  if (!missing.empty()) {
    return Error(kIncomplete, missing + "Authorization=" + std::string(*header));
  }

  const std::optional<sys::sys_seconds> request_time = ParseBasicDate(*amz_date);
  if (!request_time) {
    return Error(kIncomplete, "Date must be in ISO-8601 'basic format'. Got '" +
                                  std::string(*amz_date) +
                                  "'. See http://en.wikipedia.org/wiki/ISO_8601");
  }
  LMDDB_RETURN_IF_ERROR(CheckClock(options, *amz_date, *request_time));

  std::vector<std::string> signed_headers;
  for (const std::string_view name : Split(*auth.signed_headers, ';')) {
    signed_headers.push_back(Lowercase(name));
  }
  if (std::find(signed_headers.begin(), signed_headers.end(), "host") == signed_headers.end()) {
    return Error(kInvalid, "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }
  if (auth.algorithm != kSigV4Algorithm) {
    return Error(kIncomplete, "Unsupported AWS 'algorithm': '" + std::string(auth.algorithm) +
                                  "' (only AWS4-HMAC-SHA256 for now). ");
  }

  // Trailing slashes do not count as empty elements.
  std::string_view credential = *auth.credential;
  while (!credential.empty() && credential.back() == '/') credential.remove_suffix(1);
  const std::vector<std::string_view> scope = Split(credential, '/');
  if (scope.size() != 5) {
    return Error(kIncomplete,
                 "Credential must have exactly 5 slash-delimited elements, e.g. "
                 "keyid/date/region/service/term, got '" +
                     std::string(*auth.credential) + "'");
  }
  const std::string_view key_id = scope[0], date = scope[1], region = scope[2];
  const std::string_view service = scope[3], terminator = scope[4];
  std::vector<std::string> scope_errors;
  if (region.empty()) {
    scope_errors.push_back("Credential should be scoped to a valid region, not ''.");
  }
  if (service != kSigV4Service) {
    scope_errors.push_back("Credential should be scoped to correct service: 'dynamodb'.");
  }
  if (terminator != kSigV4Terminator) {
    scope_errors.push_back(
        "Credential should be scoped with a valid terminator: 'aws4_request', not '" +
        std::string(terminator) + "'.");
  }
  const std::string_view http_day = amz_date->substr(0, 8);
  if (date != http_day) {
    scope_errors.push_back(
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from "
        "HTTP: '" +
        std::string(date) + "' != '" + std::string(http_day) + "', from '" +
        std::string(*amz_date) + "'.");
  }
  if (!scope_errors.empty()) {
    std::string message;
    for (const std::string& sentence : scope_errors) {
      if (!message.empty()) message.push_back(' ');
      message += sentence;
    }
    return Error(kInvalid, std::move(message));
  }

  const auto key = options.access_keys.find(key_id);
  if (key == options.access_keys.end()) {
    return Error(kUnrecognized, std::string(kUnknownKeyMessage));
  }
  const std::string expected =
      Signature(key->second.secret_access_key, date, region, service, *amz_date,
                sigv4_internal::CanonicalRequest(request, signed_headers));
  if (!ConstantTimeEquals(expected, *auth.signature)) {
    return Error(kInvalid, std::string(kMismatchMessage));
  }

  if (!key->second.session_token.empty()) {
    const std::optional<std::string_view> token = FindHeader(request, "X-Amz-Security-Token");
    const bool token_signed = std::find(signed_headers.begin(), signed_headers.end(),
                                        "x-amz-security-token") != signed_headers.end();
    if (!token || !token_signed ||
        !ConstantTimeEquals(sigv4_internal::CanonicalHeaderValue(*token),
                            key->second.session_token)) {
      return Error(kUnrecognized, std::string(kBadTokenMessage));
    }
  }
  return Status::Ok();
}

std::string AuthorizationHeader(const SigningParams& params, const SignedRequest& request) {
  const std::string date = params.amz_date.substr(0, 8);
  std::string signed_list;
  for (const std::string& name : params.signed_headers) {
    if (!signed_list.empty()) signed_list.push_back(';');
    signed_list += name;
  }
  const std::string signature =
      Signature(params.secret_access_key, date, params.region, params.service, params.amz_date,
                sigv4_internal::CanonicalRequest(request, params.signed_headers));
  return std::string(kSigV4Algorithm) + " Credential=" + params.access_key_id + "/" + date + "/" +
         params.region + "/" + params.service + "/" + std::string(kSigV4Terminator) +
         ", SignedHeaders=" + signed_list + ", Signature=" + signature;
}

}  // namespace lmddb::http
