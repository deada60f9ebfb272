// SigV4 signing against known answers, and VerifySigV4's checks, order and
// DynamoDB's message texts, without a server.
#include "api/http/sigv4.h"

#include <cctype>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "api/http/sha256.h"
#include "api/json/handler.h"
#include "gtest/gtest.h"

namespace lmddb::http {
namespace {

using namespace sigv4_internal;  // NOLINT: the functions under test

constexpr std::string_view kExampleKeyId = "AKIDEXAMPLE";
constexpr std::string_view kExampleSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

// A request that owns its strings; view() is what VerifySigV4 takes.
struct OwnedRequest {
  std::string method = "POST";
  std::string target = "/";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  SignedRequest view() const {
    SignedRequest request{method, target, {}, body};
    for (const auto& [name, value] : headers) request.headers.emplace_back(name, value);
    return request;
  }
  void Set(std::string name, std::string value) {
    for (auto& [n, v] : headers) {
      if (n == name) {
        v = std::move(value);
        return;
      }
    }
    headers.emplace_back(std::move(name), std::move(value));
  }
};

// The AWS Signature Version 4 test suite's "get-vanilla" request.
OwnedRequest GetVanilla() {
  OwnedRequest request;
  request.method = "GET";
  request.headers = {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", "20150830T123600Z"}};
  return request;
}

SigningParams SuiteParams() {
  SigningParams params;
  params.access_key_id = std::string(kExampleKeyId);
  params.secret_access_key = std::string(kExampleSecret);
  params.region = "us-east-1";
  params.service = "service";
  params.amz_date = "20150830T123600Z";
  params.signed_headers = {"host", "x-amz-date"};
  return params;
}

TEST(SigV4KnownAnswerTest, TestSuiteGetVanilla) {
  // Published with the AWS Signature Version 4 test suite (get-vanilla).
  EXPECT_EQ(AuthorizationHeader(SuiteParams(), GetVanilla().view()),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            "SignedHeaders=host;x-amz-date, "
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  EXPECT_EQ(CanonicalRequest(GetVanilla().view(), {"host", "x-amz-date"}),
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
            "host;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(SigV4KnownAnswerTest, TestSuiteQueryOrderKeyCase) {
  // get-vanilla-query-order-key-case: parameters are sorted before signing.
  OwnedRequest request = GetVanilla();
  request.target = "/?Param2=value2&Param1=value1";
  const std::string header = AuthorizationHeader(SuiteParams(), request.view());
  EXPECT_EQ(header.substr(header.size() - 64),
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
}

TEST(SigV4KnownAnswerTest, DocumentedSigningKey) {
  // The AWS General Reference's key-derivation example.
  EXPECT_EQ(HexLower(SigningKey(kExampleSecret, "20120215", "us-east-1", "iam")),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

// A DynamoDB DescribeTable POST. The expected signature was computed with
// python3's hmac and hashlib, following the SigV4 steps by hand:
//   creq = 'POST\n/\n\ncontent-type:application/x-amz-json-1.0\n'
//          'host:localhost:8000\nx-amz-date:20240115T083000Z\n'
//          'x-amz-target:DynamoDB_20120810.DescribeTable\n\n'
//          'content-type;host;x-amz-date;x-amz-target\n' + sha256(body).hexdigest()
//   sts  = 'AWS4-HMAC-SHA256\n20240115T083000Z\n20240115/us-west-2/dynamodb/'
//          'aws4_request\n' + sha256(creq).hexdigest()
//   key  = HMAC chain over 'AWS4' + secret, '20240115', 'us-west-2',
//          'dynamodb', 'aws4_request'; signature = HMAC(key, sts).hexdigest()
OwnedRequest DescribeMusic() {
  OwnedRequest request;
  request.headers = {{"Host", "localhost:8000"},
                     {"Content-Type", "application/x-amz-json-1.0"},
                     {"X-Amz-Date", "20240115T083000Z"},
                     {"X-Amz-Target", "DynamoDB_20120810.DescribeTable"},
                     {"Content-Length", "21"}};
  request.body = R"({"TableName":"Music"})";
  return request;
}
constexpr std::string_view kDescribeMusicSignature =
    "494f5cece5993a183e65e45a97f6c494860af3ff7fef295a870911720e55397c";

SigningParams DynamoParams() {
  SigningParams params;
  params.access_key_id = std::string(kExampleKeyId);
  params.secret_access_key = std::string(kExampleSecret);
  params.region = "us-west-2";
  params.amz_date = "20240115T083000Z";
  params.signed_headers = {"content-type", "host", "x-amz-date", "x-amz-target"};
  return params;
}

TEST(SigV4KnownAnswerTest, DynamoDbPost) {
  EXPECT_EQ(
      AuthorizationHeader(DynamoParams(), DescribeMusic().view()),
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240115/us-west-2/dynamodb/aws4_request, "
      "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" +
          std::string(kDescribeMusicSignature));
}

TEST(SigV4CanonicalTest, UriAndQuery) {
  EXPECT_EQ(CanonicalUri(""), "/");
  EXPECT_EQ(CanonicalUri("/"), "/");
  EXPECT_EQ(CanonicalUri("/a b/%41~_.-"), "/a%20b/%2541~_.-");
  EXPECT_EQ(CanonicalQueryString(""), "");
  EXPECT_EQ(CanonicalQueryString("b=2&a=1&A=0"), "A=0&a=1&b=2");
  EXPECT_EQ(CanonicalQueryString("a=2&a=1"), "a=1&a=2");
  EXPECT_EQ(CanonicalQueryString("x&y="), "x=&y=");
  EXPECT_EQ(CanonicalQueryString("k=%7e%20v+%zz"), "k=~%20v%2B%25zz");
  EXPECT_EQ(CanonicalQueryString("&&a=1&"), "a=1");
}

TEST(SigV4CanonicalTest, HeaderValuesTrimmedAndCollapsed) {
  EXPECT_EQ(CanonicalHeaderValue("  a   b \t c  "), "a b c");
  EXPECT_EQ(CanonicalHeaderValue(""), "");
  EXPECT_EQ(CanonicalHeaderValue(" \t "), "");
  OwnedRequest request;
  request.headers = {{"Host", "h"}, {"X-Multi", " one "}, {"x-multi", "two  three"}};
  EXPECT_EQ(CanonicalRequest(request.view(), {"host", "x-multi"}),
            "POST\n/\n\nhost:h\nx-multi:one,two three\n\nhost;x-multi\n" +
                HexLower(Sha256Of("")));
}

// Verification with a fixed clock at the request's date.
class VerifyTest : public ::testing::Test {
 protected:
  VerifyTest() {
    options_.access_keys[std::string(kExampleKeyId)].secret_access_key =
        std::string(kExampleSecret);
    options_.clock = [this] { return now_; };
    now_ = std::chrono::sys_days(std::chrono::year(2024) / 1 / 15) + std::chrono::hours(8) +
           std::chrono::minutes(30);
  }

  // DescribeMusic() with its Authorization header.
  OwnedRequest Signed(const SigningParams& params = DynamoParams()) {
    OwnedRequest request = DescribeMusic();
    request.Set("Authorization", AuthorizationHeader(params, request.view()));
    return request;
  }

  ::testing::AssertionResult Refused(const OwnedRequest& request, std::string_view exception,
                                     std::string_view message) {
    const Status error = VerifySigV4(options_, request.view());
    if (error.ok()) return ::testing::AssertionFailure() << "accepted";
    if (ErrorTypeName(error.type()) != exception || error.message() != message) {
      return ::testing::AssertionFailure() << ErrorTypeName(error.type()) << ": "
                                           << error.message();
    }
    return ::testing::AssertionSuccess();
  }

  SigV4Options options_;
  std::chrono::system_clock::time_point now_;
};

constexpr std::string_view kMismatch =
    "The request signature we calculated does not match the signature you provided. Check your "
    "AWS Secret Access Key and signing method. Consult the service documentation for details.";

TEST_F(VerifyTest, AcceptsAGoodSignature) {
  const OwnedRequest request = Signed();
  EXPECT_TRUE(VerifySigV4(options_, request.view()).ok());
  // Header names in any case; components separated by commas only.
  OwnedRequest compact = request;
  std::string auth = compact.headers.back().second;
  for (size_t pos; (pos = auth.find(", ")) != std::string::npos;) auth.erase(pos + 1, 1);
  compact.headers.back() = {"AUTHORIZATION", auth};
  EXPECT_TRUE(VerifySigV4(options_, compact.view()).ok());
}

TEST_F(VerifyTest, SignatureFromTheKnownAnswerIsAccepted) {
  OwnedRequest request = DescribeMusic();
  request.Set("Authorization",
              "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240115/us-west-2/dynamodb/aws4_request, "
              "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" +
                  std::string(kDescribeMusicSignature));
  EXPECT_TRUE(VerifySigV4(options_, request.view()).ok());
}

TEST_F(VerifyTest, MissingOrForeignAuthorization) {
  const std::string_view kMessage = "Request is missing Authentication Token";
  EXPECT_TRUE(Refused(DescribeMusic(), "MissingAuthenticationTokenException", kMessage));
  OwnedRequest request = DescribeMusic();
  request.Set("Authorization", "Bearer abc");
  EXPECT_TRUE(Refused(request, "MissingAuthenticationTokenException", kMessage));
  request.Set("Authorization", "");
  EXPECT_TRUE(Refused(request, "MissingAuthenticationTokenException", kMessage));
}

TEST_F(VerifyTest, IncompleteAuthorization) {
  OwnedRequest request = DescribeMusic();
  request.Set("Authorization", "AWS4-HMAC-SHA256 Signature=abc");
  EXPECT_TRUE(Refused(request, "IncompleteSignatureException",
                      "Authorization header requires 'Credential' parameter. Authorization header "
                      "requires 'SignedHeaders' parameter. "
                      "Authorization=AWS4-HMAC-SHA256 Signature=abc"));
  request.headers.erase(request.headers.begin() + 2);  // X-Amz-Date
  request.Set("Authorization", "AWS4-X");
  EXPECT_TRUE(Refused(
      request, "IncompleteSignatureException",
      "Authorization header requires 'Credential' parameter. Authorization header requires "
      "'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. "
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
      "Authorization=AWS4-X"));
  request.Set("Authorization", "AWS4-HMAC-SHA256 Signature=b,    Credential,    SignedHeaders");
  EXPECT_TRUE(Refused(request, "IncompleteSignatureException",
                      "'Credential' not a valid key=value pair (missing equal-sign) in "
                      "Authorization header: 'AWS4-HMAC-SHA256 Signature=b,    Credential,    "
                      "SignedHeaders'."));
}

TEST_F(VerifyTest, DateFormat) {
  OwnedRequest request = Signed();
  request.Set("X-Amz-Date", "201");
  EXPECT_TRUE(Refused(request, "IncompleteSignatureException",
                      "Date must be in ISO-8601 'basic format'. Got '201'. "
                      "See http://en.wikipedia.org/wiki/ISO_8601"));
  request.Set("X-Amz-Date", "20240230T083000Z");  // no February 30th
  EXPECT_FALSE(VerifySigV4(options_, request.view()).ok());
  // Date is read when X-Amz-Date is absent.
  request.headers.erase(request.headers.begin() + 2);
  request.Set("Date", "Mon, 15 Jan 2024 08:30:00 GMT");
  EXPECT_TRUE(Refused(request, "IncompleteSignatureException",
                      "Date must be in ISO-8601 'basic format'. Got 'Mon, 15 Jan 2024 08:30:00 "
                      "GMT'. See http://en.wikipedia.org/wiki/ISO_8601"));
}

TEST_F(VerifyTest, ClockWindow) {
  const OwnedRequest request = Signed();
  now_ += std::chrono::minutes(15);
  EXPECT_TRUE(VerifySigV4(options_, request.view()).ok());  // the edge is inside
  now_ += std::chrono::seconds(1);
  EXPECT_TRUE(Refused(request, "InvalidSignatureException",
                      "Signature expired: 20240115T083000Z is now earlier than 20240115T083001Z "
                      "(20240115T084501Z - 15 min.)"));
  now_ -= std::chrono::minutes(30) + std::chrono::seconds(2);
  EXPECT_TRUE(Refused(request, "InvalidSignatureException",
                      "Signature not yet current: 20240115T083000Z is still later than "
                      "20240115T082959Z (20240115T081459Z + 15 min.)"));
  options_.max_clock_skew_minutes = 0;  // check off
  EXPECT_TRUE(VerifySigV4(options_, request.view()).ok());
}

TEST_F(VerifyTest, HostMustBeSigned) {
  SigningParams params = DynamoParams();
  params.signed_headers = {"content-type", "x-amz-date", "x-amz-target"};
  EXPECT_TRUE(Refused(Signed(params), "InvalidSignatureException",
                      "'Host' must be a 'SignedHeader' in the AWS Authorization."));
}

TEST_F(VerifyTest, AlgorithmAndCredentialShape) {
  OwnedRequest request = Signed();
  std::string auth = request.headers.back().second;
  request.Set("Authorization", "AWS4-HMAC-SHA25" + auth.substr(16));
  EXPECT_TRUE(Refused(request, "IncompleteSignatureException",
                      "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA25' (only AWS4-HMAC-SHA256 for "
                      "now). "));
  request.Set("Authorization",
              "AWS4-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host, Signature=x");
  EXPECT_TRUE(Refused(request, "IncompleteSignatureException",
                      "Credential must have exactly 5 slash-delimited elements, e.g. "
                      "keyid/date/region/service/term, got 'a/b/c/d'"));
  request.Set("Authorization",
              "AWS4-HMAC-SHA256 Credential=a/b/c/d/e/f, SignedHeaders=host, Signature=x");
  EXPECT_TRUE(Refused(request, "IncompleteSignatureException",
                      "Credential must have exactly 5 slash-delimited elements, e.g. "
                      "keyid/date/region/service/term, got 'a/b/c/d/e/f'"));
  request.Set("Authorization",
              "AWS4-HMAC-SHA256 Credential=a/b/c/d/e///, SignedHeaders=host, Signature=x");
  EXPECT_TRUE(Refused(request, "InvalidSignatureException",
                      "Credential should be scoped to correct service: 'dynamodb'. Credential "
                      "should be scoped with a valid terminator: 'aws4_request', not 'e'. Date in "
                      "Credential scope does not match YYYYMMDD from ISO-8601 version of date "
                      "from HTTP: 'b' != '20240115', from '20240115T083000Z'."));
}

TEST_F(VerifyTest, UnknownKeyWrongSecretTamperedRequest) {
  SigningParams params = DynamoParams();
  params.access_key_id = "AKIDUNKNOWN";
  EXPECT_TRUE(Refused(Signed(params), "UnrecognizedClientException",
                      "The security token included in the request is invalid."));
  params = DynamoParams();
  params.secret_access_key = "not the secret";
  EXPECT_TRUE(Refused(Signed(params), "InvalidSignatureException", kMismatch));

  OwnedRequest request = Signed();
  request.body = R"({"TableName":"Musik"})";
  EXPECT_TRUE(Refused(request, "InvalidSignatureException", kMismatch));
  request = Signed();
  request.Set("X-Amz-Target", "DynamoDB_20120810.DeleteTable");
  EXPECT_TRUE(Refused(request, "InvalidSignatureException", kMismatch));
  request = Signed();
  request.target = "/other";
  EXPECT_TRUE(Refused(request, "InvalidSignatureException", kMismatch));
  // Unsigned headers may change freely; signed ones only in whitespace.
  request = Signed();
  request.Set("User-Agent", "anything");
  request.Set("Content-Type", "  application/x-amz-json-1.0  ");
  EXPECT_TRUE(VerifySigV4(options_, request.view()).ok());
  // A signature in capitals is not the signature.
  request = Signed();
  std::string& auth = request.headers.back().second;
  for (size_t i = auth.size() - 64; i < auth.size(); ++i) {
    auth[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(auth[i])));
  }
  EXPECT_TRUE(Refused(request, "InvalidSignatureException", kMismatch));
}

TEST_F(VerifyTest, SessionToken) {
  SigningParams params = DynamoParams();
  params.signed_headers.push_back("x-amz-security-token");
  OwnedRequest request = DescribeMusic();
  request.Set("X-Amz-Security-Token", "FwoGZXIvYXdzEXAMPLE");
  request.Set("Authorization", AuthorizationHeader(params, request.view()));
  // No token configured: a signed token is accepted.
  EXPECT_TRUE(VerifySigV4(options_, request.view()).ok());

  options_.access_keys[std::string(kExampleKeyId)].session_token = "FwoGZXIvYXdzEXAMPLE";
  EXPECT_TRUE(VerifySigV4(options_, request.view()).ok());
  const std::string_view kBadToken = "The security token included in the request is invalid";
  options_.access_keys[std::string(kExampleKeyId)].session_token = "another";
  EXPECT_TRUE(Refused(request, "UnrecognizedClientException", kBadToken));
  // The configured token, but sent without signing it.
  options_.access_keys[std::string(kExampleKeyId)].session_token = "FwoGZXIvYXdzEXAMPLE";
  request = Signed();
  request.Set("X-Amz-Security-Token", "FwoGZXIvYXdzEXAMPLE");
  EXPECT_TRUE(Refused(request, "UnrecognizedClientException", kBadToken));
  EXPECT_TRUE(Refused(Signed(), "UnrecognizedClientException", kBadToken));
}

TEST(SigV4ErrorResponseTest, DynamoDbErrorShape) {
  const json::Response response = json::ErrorResponse(Status(
      ErrorType::kIncompleteSignature, "Authorization header requires 'Credential' parameter."));
  EXPECT_EQ(response.http_status, 400);
  EXPECT_EQ(response.body,
            R"({"__type":"com.amazon.coral.service#IncompleteSignatureException",)"
            R"("message":"Authorization header requires 'Credential' parameter."})");
}

}  // namespace
}  // namespace lmddb::http
