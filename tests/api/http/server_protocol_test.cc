// The HTTP surface of lmddb-server: routing by X-Amz-Target and method,
// DynamoDB's response headers, keep-alive, and refusal of bad input.
#include <cctype>
#include <set>
#include <vector>
#include <string>

#include <zlib.h>

#include "api/http/http_client.h"
#include "api/json/handler.h"

namespace lmddb::http_test {
namespace {

using ProtocolTest = ServerTest;

uint32_t ZlibCrc(const std::string& bytes) {
  return static_cast<uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
}

void ExpectDynamoDbHeaders(const Response& response) {
  EXPECT_EQ(Header(response, "x-amz-crc32"), std::to_string(ZlibCrc(response.body())));
  const std::string id = Header(response, "x-amzn-RequestId");
  EXPECT_EQ(id.size(), 52u) << id;
  for (char c : id) EXPECT_TRUE(std::isdigit(c) || std::isupper(c)) << id;
}

TEST_F(ProtocolTest, UnknownTargetAnswersUnknownOperationException) {
  Connection c(port());
  Response response = c.RoundTrip(Post("DynamoDB_20120810.NoSuchOperation", "{}"));
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_EQ(response.result_int(), 400u);
  EXPECT_EQ(response.body(), kUnknownOperationBody);
  EXPECT_EQ(Header(response, "Content-Type"), "application/x-amz-json-1.0");
  EXPECT_EQ(Header(response, "Content-Length"), std::to_string(response.body().size()));
  ExpectDynamoDbHeaders(response);
}

TEST_F(ProtocolTest, MissingTargetAnswersUnknownOperationException) {
  Connection c(port());
  Response response = c.RoundTrip(Post("", "{}"));
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_EQ(response.result_int(), 400u);
  EXPECT_EQ(response.body(), kUnknownOperationBody);
  EXPECT_EQ(Header(response, "Content-Type"), "application/x-amz-json-1.0");
  ExpectDynamoDbHeaders(response);
}

TEST_F(ProtocolTest, TargetsGoThroughTheJsonHandler) {
  // Read-only requests, so the direct call sees the same database state.
  for (const std::string& target :
       std::vector<std::string>{"DynamoDB_20120810.ListTables",
                                "DynamoDBStreams_20120810.ListStreams",
                                "DynamoDB_20120810.DescribeTable"}) {
    const std::string body = R"({"TableName":"Missing"})";
    const json::Response expected = json::Handle(*db_, target, body);
    Connection c(port());
    Response response = c.RoundTrip(Post(target, body));
    ASSERT_TRUE(c.ok()) << c.error().message();
    EXPECT_EQ(static_cast<int>(response.result_int()), expected.http_status) << target;
    EXPECT_EQ(response.body(), expected.body) << target;
    ExpectDynamoDbHeaders(response);
  }
}

TEST_F(ProtocolTest, Crc32CoversTheBodyAsSent) {
  Connection c(port());
  Response response = c.RoundTrip(Post("Nonsense", "not json at all"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(Header(response, "x-amz-crc32"), std::to_string(ZlibCrc(response.body())));
  // The known value DynamoDB-compatible servers send with this body.
  EXPECT_EQ(Header(response, "x-amz-crc32"),
            std::to_string(ZlibCrc(std::string(kUnknownOperationBody))));
}

TEST_F(ProtocolTest, RequestIdsAreUniqueAndWellFormed) {
  Connection c(port());
  std::set<std::string> ids;
  for (int i = 0; i < 200; ++i) {
    Response response = c.RoundTrip(Post("DynamoDB_20120810.Nope", "{}"));
    ASSERT_TRUE(c.ok()) << i << ": " << c.error().message();
    ExpectDynamoDbHeaders(response);
    ids.insert(Header(response, "x-amzn-RequestId"));
  }
  EXPECT_EQ(ids.size(), 200u);
}

TEST_F(ProtocolTest, KeepAliveServesManyRequestsOnOneConnection) {
  Connection c(port());
  for (int i = 0; i < 10; ++i) {
    Response response = c.RoundTrip(Post("DynamoDB_20120810.Nope", "{}"));
    ASSERT_TRUE(c.ok()) << i << ": " << c.error().message();
    EXPECT_EQ(response.result_int(), 400u);
    EXPECT_TRUE(response.keep_alive());
  }
}

TEST_F(ProtocolTest, ConnectionCloseIsHonoured) {
  Connection c(port());
  Request request = Post("DynamoDB_20120810.Nope", "{}");
  request.keep_alive(false);
  Response response = c.RoundTrip(request);
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_EQ(response.body(), kUnknownOperationBody);
  EXPECT_FALSE(response.keep_alive());
  EXPECT_EQ(Header(response, "Connection"), "close");
  EXPECT_TRUE(c.ClosedByPeer());
}

TEST_F(ProtocolTest, Http10ClosesUnlessAskedToKeepAlive) {
  Connection c(port());
  Request request = Post("DynamoDB_20120810.Nope", "{}");
  request.version(10);
  Response response = c.RoundTrip(request);
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_EQ(response.body(), kUnknownOperationBody);
  EXPECT_TRUE(c.ClosedByPeer());
}

TEST_F(ProtocolTest, GetIsAHealthCheckOnAnyPath) {
  for (const char* path : {"/", "/health", "/some/where?x=1"}) {
    Connection c(port());
    Request request{bhttp::verb::get, path, 11};
    request.set(bhttp::field::host, "localhost");
    Response response = c.RoundTrip(request);
    ASSERT_TRUE(c.ok()) << c.error().message();
    EXPECT_EQ(response.result_int(), 200u);
    EXPECT_EQ(response.body(), "healthy: lmddb");
    ExpectDynamoDbHeaders(response);
  }
}

TEST_F(ProtocolTest, OtherMethodsAnswer404) {
  for (bhttp::verb verb : {bhttp::verb::put, bhttp::verb::delete_, bhttp::verb::patch,
                           bhttp::verb::options}) {
    Connection c(port());
    Request request{verb, "/", 11};
    request.set(bhttp::field::host, "localhost");
    request.prepare_payload();
    Response response = c.RoundTrip(request);
    ASSERT_TRUE(c.ok()) << c.error().message();
    EXPECT_EQ(response.result_int(), 404u);
    EXPECT_EQ(response.body(), "<UnknownOperationException/>\n");
    EXPECT_EQ(Header(response, "x-amz-crc32"), "3552371480");  // as DynamoDB sends it
    ExpectDynamoDbHeaders(response);
  }
}

TEST_F(ProtocolTest, PostOnAnyPathIsServed) {
  Connection c(port());
  Request request = Post("DynamoDB_20120810.Nope", "{}");
  request.target("/anything/at/all");
  Response response = c.RoundTrip(request);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(response.body(), kUnknownOperationBody);
}

TEST_F(ProtocolTest, ChunkedRequestBodyIsAccepted) {
  Connection c(port());
  c.SendRaw(
      "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.Nope\r\n"
      "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
  Response response = c.Read();
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_EQ(response.body(), kUnknownOperationBody);
}

TEST_F(ProtocolTest, ExpectContinueGetsAnInterimResponse) {
  Connection c(port());
  c.SendRaw("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.Nope\r\n"
            "Expect: 100-continue\r\nContent-Length: 2\r\n\r\n");
  Response interim = c.Read();
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_EQ(interim.result_int(), 100u);
  c.SendRaw("{}");
  Response response = c.Read();
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_EQ(response.body(), kUnknownOperationBody);
}

TEST_F(ProtocolTest, HeadIsAnswered404AndCloses) {
  Connection c(port());
  c.SendRaw("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
  char buffer[512];
  beast::error_code ec;
  const size_t n = c.socket().read_some(asio::buffer(buffer), ec);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(std::string(buffer, n).substr(0, 12), "HTTP/1.1 404");
  EXPECT_NE(std::string(buffer, n).find("Connection: close"), std::string::npos);
}

TEST_F(ProtocolTest, OversizedBodyIsRefusedWith413AndTheServerKeepsServing) {
  {
    Connection c(port());
    // Announce one byte over the limit; the server must answer without
    // waiting for the whole body.
    c.SendRaw("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\n"
              "Content-Length: " + std::to_string(http::kMaxRequestBytes + 1) + "\r\n\r\n{\"a\":");
    Response response = c.Read();
    ASSERT_TRUE(c.ok()) << c.error().message();
    EXPECT_EQ(response.result_int(), 413u);
    EXPECT_EQ(response.body(),
              R"({"__type":"com.amazon.coral.service#RequestEntityTooLargeException",)"
              R"("message":"Request entity too large"})");
    EXPECT_FALSE(response.keep_alive());
    ExpectDynamoDbHeaders(response);
    EXPECT_TRUE(c.ClosedByPeer());
  }
  {
    // A chunked body that grows past the limit is refused too.
    Connection c(port());
    c.SendRaw("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\n"
              "Transfer-Encoding: chunked\r\n\r\n");
    const std::string chunk(1 << 20, 'x');
    char size_line[32];
    std::snprintf(size_line, sizeof(size_line), "%zx\r\n", chunk.size());
    for (int i = 0; i < 17 && c.ok(); ++i) c.SendRaw(std::string(size_line) + chunk + "\r\n");
    Response response = c.Read();
    if (c.ok()) {
      EXPECT_EQ(response.result_int(), 413u);
    }  // else the server closed while we were still sending: also a refusal
  }
  // Exactly at the limit is accepted and reaches the handler.
  Connection c(port());
  Response response =
      c.RoundTrip(Post("DynamoDB_20120810.Nope", std::string(http::kMaxRequestBytes, ' ')));
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_EQ(response.body(), kUnknownOperationBody);
}

TEST_F(ProtocolTest, GarbageBytesGet400AndClose) {
  static constexpr char kTlsHello[] = "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 binary\r\n\r\n";
  for (const std::string& garbage :
       {std::string(kTlsHello, sizeof(kTlsHello) - 1),
        std::string("HELLO WORLD\r\n\r\n"), std::string("POST / HTTP/9.9\r\n\r\n"),
        std::string("POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n"),
        std::string("POST / HTTP/1.1\r\nBad Header Line\r\n\r\n")}) {
    Connection c(port());
    c.SendRaw(garbage);
    Response response = c.Read();
    ASSERT_TRUE(c.ok()) << c.error().message();
    EXPECT_EQ(response.result_int(), 400u);
    ExpectDynamoDbHeaders(response);
    EXPECT_TRUE(c.ClosedByPeer());
  }
  Connection c(port());
  EXPECT_EQ(c.RoundTrip(Post("DynamoDB_20120810.Nope", "{}")).body(), kUnknownOperationBody);
}

TEST_F(ProtocolTest, OversizedHeadersGet400) {
  Connection c(port());
  c.SendRaw("POST / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(100 * 1024, 'a') + "\r\n\r\n");
  Response response = c.Read();
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_EQ(response.result_int(), 400u);
}

TEST_F(ProtocolTest, ClientHangingUpMidRequestDoesNotDisturbTheServer) {
  {
    Connection c(port());
    c.SendRaw("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"par");
  }
  Connection c(port());
  EXPECT_EQ(c.RoundTrip(Post("DynamoDB_20120810.Nope", "{}")).body(), kUnknownOperationBody);
}

TEST(ServerStartTest, BadBindAddressFails) {
  testing_util::TempDir dir("lmddb_http");
  auto db = testing_util::OpenDb(dir.path());
  ASSERT_NE(db, nullptr);
  http::ServerOptions options;
  options.bind_address = "not an address";
  options.port = 0;
  auto server = http::Server::Start(*db, options);
  EXPECT_FALSE(server.ok());
}

}  // namespace
}  // namespace lmddb::http_test
