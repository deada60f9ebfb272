// A small blocking HTTP client and a server fixture for the lmddb-server
// tests: a Server on a free port over a fresh Database.
#ifndef LMDDB_TESTS_API_HTTP_HTTP_CLIENT_H_
#define LMDDB_TESTS_API_HTTP_HTTP_CLIENT_H_

#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "api/cpp/test_util.h"
#include "api/http/server.h"
#include "gtest/gtest.h"
#include "testing/test_util.h"

namespace lmddb::http_test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Request = bhttp::request<bhttp::string_body>;
using Response = bhttp::response<bhttp::string_body>;

inline constexpr std::string_view kUnknownOperationBody =
    R"({"__type":"com.amazon.coral.service#UnknownOperationException"})";

inline std::string Header(const Response& response, std::string_view name) {
  const beast::string_view value = response[beast::string_view(name.data(), name.size())];
  return std::string(value.data(), value.size());
}

inline Request Post(std::string_view target, std::string body) {
  Request request{bhttp::verb::post, "/", 11};
  request.set(bhttp::field::host, "localhost");
  request.set(bhttp::field::content_type, "application/x-amz-json-1.0");
  if (!target.empty()) {
    request.set("X-Amz-Target", beast::string_view(target.data(), target.size()));
  }
  request.body() = std::move(body);
  request.prepare_payload();
  return request;
}

// One client connection. Failures are reported through ok()/error().
class Connection {
 public:
  explicit Connection(uint16_t port) : socket_(io_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec_);
  }
  bool ok() const { return !ec_; }
  beast::error_code error() const { return ec_; }
  tcp::socket& socket() { return socket_; }

  // Sends `request` and reads one response; check ok() afterwards.
  Response RoundTrip(const Request& request) {
    Send(request);
    return Read();
  }
  void Send(const Request& request) {
    if (ec_) return;
    bhttp::write(socket_, request, ec_);
  }
  void SendRaw(std::string_view bytes) {
    if (ec_) return;
    asio::write(socket_, asio::buffer(bytes.data(), bytes.size()), ec_);
  }
  Response Read() {
    Response response;
    if (ec_) return response;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 << 20);
    bhttp::read(socket_, buffer_, parser, ec_);
    if (!ec_) response = parser.release();
    return response;
  }
  // True once the server has closed the connection (EOF or reset).
  bool ClosedByPeer() {
    char byte;
    beast::error_code ec;
    if (buffer_.size() > 0) return false;
    socket_.read_some(asio::buffer(&byte, 1), ec);
    return ec == asio::error::eof || ec == asio::error::connection_reset;
  }

 private:
  asio::io_context io_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
  beast::error_code ec_;
};

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override { StartServer(http::ServerOptions()); }
  void StartServer(http::ServerOptions options) {
    server_.reset();
    if (db_ == nullptr) db_ = testing_util::OpenDb(dir_.path());
    ASSERT_NE(db_, nullptr);
    options.port = 0;
    auto server = http::Server::Start(*db_, options);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
    ASSERT_NE(server_->port(), 0);
  }
  void TearDown() override {
    server_.reset();
    db_.reset();
  }
  uint16_t port() const { return server_->port(); }

  testing_util::TempDir dir_{"lmddb_http"};
  std::unique_ptr<Database> db_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace lmddb::http_test

#endif  // LMDDB_TESTS_API_HTTP_HTTP_CLIENT_H_
