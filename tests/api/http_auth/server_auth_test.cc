// lmddb-server with SigV4 verification on: signed requests are served,
// every other one is refused with DynamoDB's error body before it reaches
// the database; with verification off (the default) anything is accepted.
#include <chrono>
#include <string>

#include "api/http/http_client.h"
#include "api/http/response.h"
#include "api/http/sigv4.h"
#include "gtest/gtest.h"

namespace lmddb::http_test {
namespace {

constexpr std::string_view kKeyId = "AKIDLOCAL";
constexpr std::string_view kSecret = "local/secret+KEY";
constexpr std::string_view kAmzDate = "20240115T083000Z";

constexpr std::string_view kMissingBody =
    R"({"__type":"com.amazon.coral.service#MissingAuthenticationTokenException",)"
    R"("message":"Request is missing Authentication Token"})";
constexpr std::string_view kUnknownKeyBody =
    R"({"__type":"com.amazon.coral.service#UnrecognizedClientException",)"
    R"("message":"The security token included in the request is invalid."})";
constexpr std::string_view kMismatchBody =
    R"({"__type":"com.amazon.coral.service#InvalidSignatureException",)"
    R"("message":"The request signature we calculated does not match the signature you )"
    R"(provided. Check your AWS Secret Access Key and signing method. Consult the service )"
    R"(documentation for details."})";
constexpr std::string_view kNoTablesBody = R"({"TableNames":[]})";
constexpr std::string_view kCreateTable =
    R"({"TableName":"Tab","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],)"
    R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"})";

// Adds X-Amz-Date and an Authorization header signed with `key_id` and
// `secret` over host, content-type, x-amz-date and x-amz-target.
void Sign(Request& request, std::string_view key_id, std::string_view secret) {
  request.set("X-Amz-Date", beast::string_view(kAmzDate.data(), kAmzDate.size()));
  http::SignedRequest view;
  const beast::string_view method = request.method_string();
  const beast::string_view target = request.target();
  view.method = std::string_view(method.data(), method.size());
  view.target = std::string_view(target.data(), target.size());
  for (const auto& field : request) {
    view.headers.emplace_back(
        std::string_view(field.name_string().data(), field.name_string().size()),
        std::string_view(field.value().data(), field.value().size()));
  }
  view.body = request.body();
  http::SigningParams params;
  params.access_key_id = std::string(key_id);
  params.secret_access_key = std::string(secret);
  params.region = "us-east-1";
  params.amz_date = std::string(kAmzDate);
  params.signed_headers = {"content-type", "host", "x-amz-date", "x-amz-target"};
  request.set(bhttp::field::authorization, http::AuthorizationHeader(params, view));
}

Request Signed(std::string_view target, std::string body, std::string_view key_id = kKeyId,
               std::string_view secret = kSecret) {
  Request request = Post(target, std::move(body));
  Sign(request, key_id, secret);
  return request;
}

class ServerAuthTest : public ServerTest {
 protected:
  void SetUp() override {
    http::ServerOptions options;
    options.sigv4.emplace();
    options.sigv4->access_keys[std::string(kKeyId)].secret_access_key = std::string(kSecret);
    options.sigv4->clock = [] {
      return std::chrono::system_clock::time_point(
          std::chrono::sys_days(std::chrono::year(2024) / 1 / 15) + std::chrono::hours(8) +
          std::chrono::minutes(31));
    };
    StartServer(options);
  }

  Response RoundTrip(const Request& request) {
    Connection c(port());
    Response response = c.RoundTrip(request);
    EXPECT_TRUE(c.ok()) << c.error().message();
    return response;
  }

  void ExpectRefused(const Request& request, std::string_view body) {
    const Response response = RoundTrip(request);
    EXPECT_EQ(response.result_int(), 400u);
    EXPECT_EQ(response.body(), body);
    EXPECT_EQ(Header(response, "Content-Type"), "application/x-amz-json-1.0");
    EXPECT_EQ(Header(response, "x-amzn-RequestId").size(), http::kRequestIdLength);
    EXPECT_EQ(Header(response, "x-amz-crc32"), std::to_string(http::Crc32(response.body())));
  }
};

TEST_F(ServerAuthTest, GoodSignatureIsServed) {
  Response response = RoundTrip(Signed("DynamoDB_20120810.ListTables", "{}"));
  EXPECT_EQ(response.result_int(), 200u);
  EXPECT_EQ(response.body(), kNoTablesBody);
  response = RoundTrip(Signed("DynamoDB_20120810.CreateTable", std::string(kCreateTable)));
  EXPECT_EQ(response.result_int(), 200u) << response.body();
  response = RoundTrip(Signed("DynamoDB_20120810.ListTables", "{}"));
  EXPECT_EQ(response.body(), R"({"TableNames":["Tab"]})");
}

TEST_F(ServerAuthTest, SeveralRequestsOnOneConnection) {
  Connection c(port());
  for (int i = 0; i < 3; ++i) {
    const Response good = c.RoundTrip(Signed("DynamoDB_20120810.ListTables", "{}"));
    ASSERT_TRUE(c.ok()) << c.error().message();
    EXPECT_EQ(good.body(), kNoTablesBody);
    const Response bad = c.RoundTrip(Post("DynamoDB_20120810.ListTables", "{}"));
    ASSERT_TRUE(c.ok()) << c.error().message();
    EXPECT_EQ(bad.body(), kMissingBody);
  }
}

TEST_F(ServerAuthTest, MissingAuthorization) {
  ExpectRefused(Post("DynamoDB_20120810.ListTables", "{}"), kMissingBody);
}

TEST_F(ServerAuthTest, UnknownAccessKey) {
  ExpectRefused(Signed("DynamoDB_20120810.ListTables", "{}", "AKIDOTHER", kSecret),
                kUnknownKeyBody);
}

TEST_F(ServerAuthTest, WrongSecretNeverReachesTheDatabase) {
  ExpectRefused(Signed("DynamoDB_20120810.CreateTable", std::string(kCreateTable), kKeyId,
                       "wrong secret"),
                kMismatchBody);
  EXPECT_EQ(RoundTrip(Signed("DynamoDB_20120810.ListTables", "{}")).body(), kNoTablesBody);
}

TEST_F(ServerAuthTest, TamperedBodyOrTarget) {
  Request request = Signed("DynamoDB_20120810.CreateTable", std::string(kCreateTable));
  request.body()[request.body().find("\"Tab\"") + 1] = 'U';
  request.prepare_payload();
  ExpectRefused(request, kMismatchBody);
  request = Signed("DynamoDB_20120810.ListTables", "{}");
  request.set("X-Amz-Target", "DynamoDB_20120810.CreateTable");
  ExpectRefused(request, kMismatchBody);
  EXPECT_EQ(RoundTrip(Signed("DynamoDB_20120810.ListTables", "{}")).body(), kNoTablesBody);
}

TEST_F(ServerAuthTest, ExpiredSignature) {
  Request request = Post("DynamoDB_20120810.ListTables", "{}");
  request.set("X-Amz-Date", "20170101T010101Z");
  request.set(bhttp::field::authorization,
              "AWS4-HMAC-SHA256 Credential=AKIDLOCAL/2/3/4/aws4_request "
              "SignedHeaders=x-amz-date;host Signature=123");
  ExpectRefused(request,
                R"({"__type":"com.amazon.coral.service#InvalidSignatureException",)"
                R"("message":"Signature expired: 20170101T010101Z is now earlier than )"
                R"js(20240115T081600Z (20240115T083100Z - 15 min.)"})js");
}

TEST_F(ServerAuthTest, IncompleteSignature) {
  Request request = Post("DynamoDB_20120810.ListTables", "{}");
  request.set(bhttp::field::authorization, "AWS4-HMAC-SHA256 Signature=abc");
  ExpectRefused(request,
                R"({"__type":"com.amazon.coral.service#IncompleteSignatureException",)"
                R"("message":"Authorization header requires 'Credential' parameter. )"
                R"(Authorization header requires 'SignedHeaders' parameter. Authorization )"
                R"(header requires existence of either a 'X-Amz-Date' or a 'Date' header. )"
                R"(Authorization=AWS4-HMAC-SHA256 Signature=abc"})");
}

TEST_F(ServerAuthTest, HealthCheckAndMissingTargetNeedNoSignature) {
  Request get{bhttp::verb::get, "/", 11};
  get.set(bhttp::field::host, "localhost");
  const Response health = RoundTrip(get);
  EXPECT_EQ(health.result_int(), 200u);
  EXPECT_EQ(health.body(), "healthy: lmddb");
  const Response no_target = RoundTrip(Post("", "{}"));
  EXPECT_EQ(no_target.result_int(), 400u);
  EXPECT_EQ(no_target.body(), kUnknownOperationBody);
}

// The default: no verification, as DynamoDB Local.
using DefaultAuthTest = ServerTest;

TEST_F(DefaultAuthTest, AcceptsAnyOrNoCredentials) {
  Connection c(port());
  Response response = c.RoundTrip(Post("DynamoDB_20120810.ListTables", "{}"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(response.result_int(), 200u);
  EXPECT_EQ(response.body(), kNoTablesBody);
  response = c.RoundTrip(Signed("DynamoDB_20120810.ListTables", "{}", "ANYONE", "anything"));
  EXPECT_EQ(response.body(), kNoTablesBody);
  Request garbage = Post("DynamoDB_20120810.ListTables", "{}");
  garbage.set(bhttp::field::authorization, "AWS4-HMAC-SHA256 Signature=abc");
  response = c.RoundTrip(garbage);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(response.body(), kNoTablesBody);
}

}  // namespace
}  // namespace lmddb::http_test
