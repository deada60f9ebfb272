// AWS Signature Version 4 verification, as DynamoDB's endpoint applies it
// to every request, with DynamoDB's exceptions and message texts.
//
// A request carries
//   Authorization: AWS4-HMAC-SHA256 Credential=AKID/YYYYMMDD/region/dynamodb/aws4_request,
//                  SignedHeaders=host;x-amz-date;..., Signature=<64 hex digits>
// and X-Amz-Date (or Date) in ISO-8601 basic format (20150830T123600Z).
// VerifySigV4 rebuilds the canonical request (method, URI path, query
// string, the signed headers lowercased with values trimmed and inner runs
// of spaces collapsed, the SHA-256 of the body), the string to sign, the
// signing key derived from the secret, and compares the HMAC in constant
// time. The checks run in DynamoDB's order, each failure with its text:
//
//   no Authorization, or not "AWS4-..."   MissingAuthenticationTokenException
//   a component that is not key=value,
//   Credential / SignedHeaders / Signature
//   or the date missing, a date not in
//   basic format, an algorithm other than
//   AWS4-HMAC-SHA256, a Credential without
//   5 slash-separated parts                IncompleteSignatureException
//   the date outside the clock window
//   (default 15 minutes either way), Host
//   not signed, the scope's service not
//   "dynamodb", terminator not
//   "aws4_request", scope date not the
//   request's date, signature mismatch     InvalidSignatureException
//   unknown access key id, wrong session
//   token                                  UnrecognizedClientException
//
// Any region is accepted (a local server has no region of its own).
// Presigned requests (the signature in the query string) are not accepted.
//
// Thread safety: all functions may be called from any thread; SigV4Options
// is read only (its clock, if set, must be callable concurrently).
#ifndef LMDDB_API_HTTP_SIGV4_H_
#define LMDDB_API_HTTP_SIGV4_H_

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lmddb/status.hpp"

namespace lmddb::http {

inline constexpr std::string_view kSigV4Algorithm = "AWS4-HMAC-SHA256";
inline constexpr std::string_view kSigV4Service = "dynamodb";
inline constexpr std::string_view kSigV4Terminator = "aws4_request";

// One accepted credential.
struct AccessKey {
  std::string secret_access_key;
  // Non-empty: requests with this key must carry exactly this signed
  // X-Amz-Security-Token (temporary credentials). Empty: a token, if sent,
  // is covered by the signature like any signed header and otherwise
  // not checked.
  std::string session_token;
};

struct SigV4Options {
  // Access key id -> its secret.
  std::map<std::string, AccessKey, std::less<>> access_keys;
  // A request dated further than this from the clock, either way, is
  // refused, as DynamoDB does after 15 minutes. 0 turns the check off.
  int max_clock_skew_minutes = 15;
  // The current time; the system clock when empty (tests inject one).
  std::function<std::chrono::system_clock::time_point()> clock;
};

// The parts of an HTTP request that a signature covers. Views into the
// caller's request; they must outlive the call.
struct SignedRequest {
  std::string_view method;  // "POST"
  std::string_view target;  // the request-target: path, then "?query" if any
  // Every header as received (names in any case; repeats allowed).
  std::vector<std::pair<std::string_view, std::string_view>> headers;
  std::string_view body;
};

// Checks `request`'s signature against `options`: OK when it is valid,
// otherwise DynamoDB's refusal (MissingAuthenticationToken,
// IncompleteSignature, InvalidSignature or UnrecognizedClient with its text),
// which json::ErrorResponse renders.
Status VerifySigV4(const SigV4Options& options, const SignedRequest& request);

// What a client needs to sign a request: the inverse of VerifySigV4, used
// by tests and tools. `request.headers` must already hold every header in
// `signed_headers` (X-Amz-Date and Host included).
struct SigningParams {
  std::string access_key_id;
  std::string secret_access_key;
  std::string region;
  std::string service = std::string(kSigV4Service);
  std::string amz_date;                     // YYYYMMDDTHHMMSSZ
  std::vector<std::string> signed_headers;  // lowercase, sorted
};
// The Authorization header value for `request`.
std::string AuthorizationHeader(const SigningParams& params, const SignedRequest& request);

// The building blocks, exposed for tests.
namespace sigv4_internal {

// The URI path encoded as SigV4 wants it (every byte but unreserved
// characters and '/' as %XX); "/" when empty.
std::string CanonicalUri(std::string_view path);
// Parameters decoded, re-encoded strictly, sorted by name then value.
std::string CanonicalQueryString(std::string_view query);
// Leading and trailing whitespace removed, inner runs of spaces collapsed.
std::string CanonicalHeaderValue(std::string_view value);
// The canonical request for `signed_headers` (lowercase names, in order).
std::string CanonicalRequest(const SignedRequest& request,
                             const std::vector<std::string>& signed_headers);
std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request);
// The signing key: HMAC chain over date, region, service, "aws4_request".
std::string SigningKey(std::string_view secret, std::string_view date, std::string_view region,
                       std::string_view service);

}  // namespace sigv4_internal

}  // namespace lmddb::http

#endif  // LMDDB_API_HTTP_SIGV4_H_
