// The Server (server.h): an acceptor and one Session per connection on an
// io_context, plus a separate pool that runs json::Handle.
//
// Why two pools: json::Handle may block for a whole group commit (an fsync)
// on a write. Running writes on the I/O threads would let a few concurrent
// writes stall every other connection, reads included. So each write (and
// any request the server cannot tell is a read) is handed to the worker
// pool and its response posted back to the connection's strand. Reads never
// wait for a commit (LMDB readers see a snapshot; they pause only while the
// map grows), so small ones are answered on the I/O thread directly
// (ServerOptions::inline_reads). A connection handles one request at a time
// (HTTP/1.1 without pipelining overlap), so per-connection order holds.
#include "api/http/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "api/http/response.h"
#include "api/http/sigv4.h"
#include "api/json/handler.h"

namespace lmddb::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using beast::error_code;

// What a GET answers. DynamoDB's endpoint answers a GET with 200 and
// "healthy: dynamodb.<region>.amazonaws.com"; load balancers and scripts
// probe for the "healthy" prefix.
constexpr std::string_view kHealthBody = "healthy: lmddb";
// What DynamoDB answers to a method other than POST (and GET).
constexpr std::string_view kNotFoundBody = "<UnknownOperationException/>\n";
// Bodies over the limit (DynamoDB's is 16 MB) and bytes that are not HTTP
// are answered in DynamoDB's JSON error shape, which SDKs know how to read.
constexpr std::string_view kTooLargeBody =
    R"({"__type":"com.amazon.coral.service#RequestEntityTooLargeException",)"
    R"("message":"Request entity too large"})";
constexpr std::string_view kBadRequestBody =
    R"({"__type":"com.amazon.coral.service#SerializationException",)"
    R"("message":"Malformed HTTP request"})";

// Headers beyond this are refused as malformed (Beast's default is 8 KB;
// signed AWS requests stay far below this).
constexpr uint32_t kMaxHeaderBytes = 64 * 1024;
// A client that stops reading cannot hold a response (or Stop()) forever.
constexpr auto kWriteTimeout = std::chrono::seconds(60);
// After refusing a request, unread request bytes are drained this long so
// closing does not reset the connection before the client reads the answer.
constexpr auto kLingerTimeout = std::chrono::seconds(2);

}  // namespace

class Session;

class Server::Impl {
 public:
  Impl(Database& db, const ServerOptions& options)
      : db_(db),
        options_(options),
        workers_(static_cast<size_t>(std::max(1, options.worker_threads))),
        acceptor_(asio::make_strand(io_)) {}

  ~Impl() { Stop(); }

  Status Listen();
  void Run();
  void Stop();
  uint16_t port() const { return port_; }
  // True once Stop() began. Sessions read it when answering: their own
  // Shutdown() may be posted only after a worker already finished.
  bool stopping_started() const { return stopping_started_.load(std::memory_order_acquire); }

  Database& db() { return db_; }
  const ServerOptions& options() const { return options_; }
  asio::thread_pool& workers() { return workers_; }
  // Whether `request` is a small read, answered on the I/O thread.
  bool AnswersInline(const bhttp::request<bhttp::string_body>& request) const {
    if (!options_.inline_reads || request.body().size() > kInlineReadBytes) return false;
    const beast::string_view target = request["X-Amz-Target"];
    return json::ReadsOnly(std::string_view(target.data(), target.size()));
  }
  // Answers a POST that names a target: checks its signature when
  // configured, then runs it.
  json::Response Handle(const bhttp::request<bhttp::string_body>& request) {
    const beast::string_view header = request["X-Amz-Target"];
    const std::string_view target(header.data(), header.size());
    const std::string_view body = request.body();
    if (options_.sigv4) {
      SignedRequest signed_request;
      const beast::string_view method = request.method_string();
      const beast::string_view request_target = request.target();
      signed_request.method = std::string_view(method.data(), method.size());
      signed_request.target = std::string_view(request_target.data(), request_target.size());
      for (const auto& field : request) {
        const beast::string_view name = field.name_string();
        const beast::string_view value = field.value();
        signed_request.headers.emplace_back(std::string_view(name.data(), name.size()),
                                            std::string_view(value.data(), value.size()));
      }
      signed_request.body = body;
      if (Status refused = VerifySigV4(*options_.sigv4, signed_request); !refused.ok()) {
        return json::ErrorResponse(refused);
      }
    }
    return options_.handler ? options_.handler(db_, target, body) : json::Handle(db_, target, body);
  }
  void SessionEnded(Session* session);

 private:
  void Accept();
  void OnAccept(error_code ec, tcp::socket socket);

  Database& db_;
  const ServerOptions options_;
  asio::io_context io_;
  asio::thread_pool workers_;
  tcp::acceptor acceptor_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  std::vector<std::thread> io_threads_;
  uint16_t port_ = 0;

  std::mutex mu_;
  std::condition_variable sessions_done_;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;  // guarded by mu_
  bool stopping_ = false;                                          // guarded by mu_
  std::atomic<bool> stopping_started_{false};
};

// One connection: reads a request, answers it, and repeats while the
// connection stays alive. Every member is touched only on the strand that
// owns the socket.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Impl* server)
      : stream_(std::move(socket)), server_(server) {}
  ~Session() { server_->SessionEnded(this); }

  void Begin() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadRequest(); });
  }

  // Graceful stop: an idle connection (no complete request pending) closes
  // now; one whose request is being handled closes after the response.
  void Shutdown() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      self->stopping_ = true;
      if (!self->busy_) self->Close();
    });
  }

 private:
  void ReadRequest() {
    if (stopping_) return Close();
    parser_.emplace();
    parser_->body_limit(server_->options().max_request_bytes);
    parser_->header_limit(kMaxHeaderBytes);
    stream_.expires_never();
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](error_code ec, size_t) { self->OnHeader(ec); });
  }

  // Clients sending "Expect: 100-continue" (curl and some SDKs, for large
  // bodies) wait for the interim response before sending the body.
  void OnHeader(error_code ec) {
    if (ec || parser_->is_done()) return OnRead(ec);
    const beast::string_view expect = parser_->get()[bhttp::field::expect];
    if (beast::iequals(expect, "100-continue") && parser_->get().version() >= 11) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                        [self = shared_from_this()](error_code ec, size_t) {
                          if (ec) return self->Close();
                          self->ReadBody();
                        });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(error_code ec) {
    if (ec == bhttp::error::body_limit) {
      return Send(MakeResponse(11, 413, json::kContentType, std::string(kTooLargeBody), false),
                  /*linger=*/true);
    }
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) {
      return Close();  // the client hung up, between or within requests
    }
    if (ec && ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category()) {
      return Send(MakeResponse(11, 400, json::kContentType, std::string(kBadRequestBody), false),
                  /*linger=*/true);
    }
    if (ec) return Close();  // reset, aborted by Shutdown(), ...
    if (!stream_.socket().is_open()) return;
    busy_ = true;
    Route(parser_->release());
  }

  void Route(bhttp::request<bhttp::string_body> request) {
    const unsigned version = request.version();
    // A HEAD answer must not carry a body; closing after it keeps the body
    // sent below from being read as the next response.
    const bool keep_alive = request.keep_alive() && request.method() != bhttp::verb::head;
    if (request.method() == bhttp::verb::post) {
      if (request["X-Amz-Target"].empty()) {
        json::Response error = json::ErrorResponse(Status(ErrorType::kUnknownOperation, ""));
        return Answer(version, keep_alive, error.http_status, json::kContentType,
                      std::move(error.body));
      }
      if (server_->AnswersInline(request)) {
        json::Response response = server_->Handle(request);
        return Answer(version, keep_alive, response.http_status, json::kContentType,
                      std::move(response.body));
      }
      // Off the I/O threads (see the top of this file), signature check
      // included: it hashes the whole body.
      asio::post(server_->workers(), [self = shared_from_this(), request = std::move(request),
                                      version, keep_alive] {
        json::Response response = self->server_->Handle(request);
        asio::post(self->stream_.get_executor(),
                   [self, version, keep_alive, response = std::move(response)]() mutable {
                     self->Answer(version, keep_alive, response.http_status, json::kContentType,
                                  std::move(response.body));
                   });
      });
      return;
    }
    if (request.method() == bhttp::verb::get) {
      return Answer(version, keep_alive, 200, kTextContentType, std::string(kHealthBody));
    }
    Answer(version, keep_alive, 404, kTextContentType, std::string(kNotFoundBody));
  }

  void Answer(unsigned version, bool keep_alive, int status, std::string_view content_type,
              std::string body) {
    if (server_->stopping_started()) stopping_ = true;
    Send(MakeResponse(version, status, content_type, std::move(body), keep_alive && !stopping_),
         /*linger=*/false);
  }

  void Send(HttpResponse response, bool linger) {
    busy_ = true;
    response_ = std::move(response);
    stream_.expires_after(kWriteTimeout);
    bhttp::async_write(stream_, response_,
                       [self = shared_from_this(), linger](error_code ec, size_t) {
                         self->OnWrite(ec, linger);
                       });
  }

  void OnWrite(error_code ec, bool linger) {
    busy_ = false;
    if (ec) return Close();
    if (linger) return Linger();
    if (!response_.keep_alive() || stopping_) {
      error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      return Close();
    }
    ReadRequest();
  }

  // Half-closes, then discards what the client still sends until it
  // closes or the linger time runs out.
  void Linger() {
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLingerTimeout);
    busy_ = true;  // Shutdown() must not cut the linger short
    DrainSome();
  }

  void DrainSome() {
    stream_.async_read_some(asio::buffer(drain_),
                            [self = shared_from_this()](error_code ec, size_t) {
                              if (ec) {
                                self->busy_ = false;
                                return self->Close();
                              }
                              self->DrainSome();
                            });
  }

  void Close() {
    error_code ignored;
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  HttpResponse response_;  // alive until its async_write completes
  std::array<char, 16 * 1024> drain_;
  Server::Impl* const server_;
  bool busy_ = false;      // a request is being answered (or lingering)
  bool stopping_ = false;  // Shutdown() was called
};

Status Server::Impl::Listen() {
  error_code ec;
  const asio::ip::address address = asio::ip::make_address(options_.bind_address, ec);
  if (ec) return Status::Internal("invalid bind address '" + options_.bind_address + "'");
  const tcp::endpoint endpoint(address, options_.port);
  const auto fail = [&](const char* what) {
    return Status::Internal(std::string(what) + " " + options_.bind_address + ":" +
                            std::to_string(options_.port) + ": " + ec.message());
  };
  if (acceptor_.open(endpoint.protocol(), ec); ec) return fail("cannot open socket for");
  if (acceptor_.set_option(asio::socket_base::reuse_address(true), ec); ec) {
    return fail("cannot set SO_REUSEADDR on");
  }
  if (acceptor_.bind(endpoint, ec); ec) return fail("cannot bind");
  if (acceptor_.listen(asio::socket_base::max_listen_connections, ec); ec) {
    return fail("cannot listen on");
  }
  const tcp::endpoint bound = acceptor_.local_endpoint(ec);
  if (ec) return fail("cannot read the bound port of");
  port_ = bound.port();
  return Status::Ok();
}

void Server::Impl::Run() {
  work_.emplace(io_.get_executor());
  asio::dispatch(acceptor_.get_executor(), [this] { Accept(); });
  const int threads =
      options_.io_threads > 0
          ? options_.io_threads
          : std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 4);
  for (int i = 0; i < threads; ++i) io_threads_.emplace_back([this] { io_.run(); });
}

void Server::Impl::Accept() {
  acceptor_.async_accept(asio::make_strand(io_), [this](error_code ec, tcp::socket socket) {
    OnAccept(ec, std::move(socket));
  });
}

void Server::Impl::OnAccept(error_code ec, tcp::socket socket) {
  if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
  if (!ec) {
    // Responses go out in one write; waiting to coalesce them only adds
    // latency.
    error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    std::shared_ptr<Session> session;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) return;  // `socket` closes as it goes out of scope
      session = std::make_shared<Session>(std::move(socket), this);
      sessions_.emplace(session.get(), session);
    }
    session->Begin();
    return Accept();
  }
  // Out of file descriptors and the like: back off briefly, then retry.
  auto timer = std::make_shared<asio::steady_timer>(acceptor_.get_executor());
  timer->expires_after(std::chrono::milliseconds(50));
  timer->async_wait([this, timer](error_code) {
    if (acceptor_.is_open()) Accept();
  });
}

void Server::Impl::SessionEnded(Session* session) {
  std::lock_guard<std::mutex> lock(mu_);
  sessions_.erase(session);
  if (sessions_.empty()) sessions_done_.notify_all();
}

void Server::Impl::Stop() {
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    stopping_ = true;
    stopping_started_.store(true, std::memory_order_release);
    for (auto& [ptr, weak] : sessions_) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  asio::post(acceptor_.get_executor(), [this] {
    error_code ignored;
    acceptor_.close(ignored);
  });
  for (auto& session : live) session->Shutdown();
  live.clear();  // the last reference must not be held here while we wait
  {
    std::unique_lock<std::mutex> lock(mu_);
    sessions_done_.wait(lock, [this] { return sessions_.empty(); });
  }
  work_.reset();
  for (std::thread& thread : io_threads_) thread.join();
  io_threads_.clear();
  workers_.join();
}

StatusOr<std::unique_ptr<Server>> Server::Start(Database& db, const ServerOptions& options) {
  auto impl = std::make_unique<Impl>(db, options);
  if (Status listening = impl->Listen(); !listening.ok()) return listening;
  impl->Run();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Stop(); }

uint16_t Server::port() const { return impl_->port(); }

void Server::Stop() { impl_->Stop(); }

}  // namespace lmddb::http
