// lmddb-server under many connections, and its graceful Stop().
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "api/http/http_client.h"

namespace lmddb::http_test {
namespace {

using ConcurrencyTest = ServerTest;

TEST_F(ConcurrencyTest, FiftyConnectionsAtOnce) {
  constexpr int kConnections = 50;
  constexpr int kRequestsEach = 20;
  std::vector<std::vector<std::string>> ids(kConnections);
  std::atomic<int> failures{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < kConnections; ++i) {
    clients.emplace_back([&, i] {
      Connection c(port());
      for (int r = 0; r < kRequestsEach; ++r) {
        Response response = c.RoundTrip(Post("DynamoDB_20120810.Nope", "{}"));
        if (!c.ok() || response.body() != kUnknownOperationBody) {
          ++failures;
          return;
        }
        ids[i].push_back(Header(response, "x-amzn-RequestId"));
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(failures.load(), 0);
  std::set<std::string> unique;
  for (const auto& list : ids) unique.insert(list.begin(), list.end());
  EXPECT_EQ(unique.size(), size_t{kConnections} * kRequestsEach);
}

// A handler that blocks until released, to hold requests in flight.
struct Gate {
  std::mutex mu;
  std::condition_variable cv;
  int entered = 0;
  bool open = false;

  json::Response Pass(std::string_view target) {
    std::unique_lock<std::mutex> lock(mu);
    ++entered;
    cv.notify_all();
    cv.wait(lock, [this] { return open; });
    return json::Response{200, "{\"target\":\"" + std::string(target) + "\"}"};
  }
  void WaitForEntered(int n) {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return entered >= n; });
  }
  void Open() {
    std::lock_guard<std::mutex> lock(mu);
    open = true;
    cv.notify_all();
  }
};

TEST_F(ConcurrencyTest, BlockedHandlersDoNotStallOtherConnections) {
  Gate gate;
  http::ServerOptions options;
  options.worker_threads = 2;
  options.handler = [&](Database& db, std::string_view target, std::string_view body) {
    if (target == "Block") return gate.Pass(target);
    return json::Handle(db, target, body);
  };
  StartServer(options);
  Connection blocked(port());
  blocked.Send(Post("Block", "{}"));
  gate.WaitForEntered(1);
  // Health checks are answered on the I/O threads, requests by the other worker.
  Connection other(port());
  Request get{bhttp::verb::get, "/", 11};
  EXPECT_EQ(other.RoundTrip(get).result_int(), 200u);
  EXPECT_EQ(other.RoundTrip(Post("DynamoDB_20120810.Nope", "{}")).body(), kUnknownOperationBody);
  gate.Open();
  EXPECT_EQ(blocked.Read().body(), R"({"target":"Block"})");
}

TEST_F(ConcurrencyTest, SmallReadsAreAnsweredWhileEveryWorkerIsBusy) {
  Gate gate;
  http::ServerOptions options;
  options.worker_threads = 1;
  options.handler = [&](Database& db, std::string_view target, std::string_view body) {
    if (target == "DynamoDB_20120810.PutItem") return gate.Pass(target);
    return json::Handle(db, target, body);
  };
  StartServer(options);
  Connection writer(port());
  writer.Send(Post("DynamoDB_20120810.PutItem", "{}"));
  gate.WaitForEntered(1);
  // The only worker is held by the write; reads still get answers.
  Connection reader(port());
  Response missing = reader.RoundTrip(
      Post("DynamoDB_20120810.GetItem", R"({"TableName":"Nope","Key":{"k":{"S":"a"}}})"));
  EXPECT_EQ(missing.result_int(), 400u);
  EXPECT_NE(missing.body().find("ResourceNotFoundException"), std::string::npos);
  EXPECT_EQ(reader.RoundTrip(Post("DynamoDB_20120810.ListTables", "{}")).body(),
            R"({"TableNames":[]})");
  gate.Open();
  EXPECT_EQ(writer.Read().body(), R"({"target":"DynamoDB_20120810.PutItem"})");
}

TEST_F(ConcurrencyTest, StopAnswersRequestsInFlightAndClosesIdleConnections) {
  Gate gate;
  http::ServerOptions options;
  options.worker_threads = 4;
  options.handler = [&](Database&, std::string_view target, std::string_view) {
    return gate.Pass(target);
  };
  StartServer(options);
  constexpr int kInFlight = 3;
  std::vector<std::unique_ptr<Connection>> busy;
  for (int i = 0; i < kInFlight; ++i) {
    busy.push_back(std::make_unique<Connection>(port()));
    busy.back()->Send(Post("T" + std::to_string(i), "{}"));
  }
  Connection idle(port());
  Request get{bhttp::verb::get, "/", 11};
  ASSERT_EQ(idle.RoundTrip(get).result_int(), 200u);
  gate.WaitForEntered(kInFlight);

  std::thread stopper([&] { server_->Stop(); });
  // The idle connection is closed while the busy ones wait.
  EXPECT_TRUE(idle.ClosedByPeer());
  gate.Open();
  stopper.join();

  for (int i = 0; i < kInFlight; ++i) {
    Response response = busy[i]->Read();
    ASSERT_TRUE(busy[i]->ok()) << i << ": " << busy[i]->error().message();
    EXPECT_EQ(response.result_int(), 200u);
    EXPECT_EQ(response.body(), "{\"target\":\"T" + std::to_string(i) + "\"}");
    EXPECT_FALSE(response.keep_alive());
    EXPECT_TRUE(busy[i]->ClosedByPeer());
  }
  // No longer accepting.
  Connection late(port());
  if (late.ok()) {
    late.RoundTrip(get);
    EXPECT_FALSE(late.ok());
  }
  server_->Stop();  // idempotent
}

TEST_F(ConcurrencyTest, StopWhileClientsHammer) {
  std::atomic<bool> done{false};
  std::vector<std::thread> clients;
  for (int i = 0; i < 8; ++i) {
    clients.emplace_back([&] {
      while (!done.load()) {
        Connection c(port());
        for (int r = 0; r < 5 && c.ok(); ++r) {
          Response response = c.RoundTrip(Post("DynamoDB_20120810.Nope", "{}"));
          // Either a whole, correct answer or a closed connection.
          if (c.ok()) {
            EXPECT_EQ(response.body(), kUnknownOperationBody);
          }
        }
      }
    });
  }
  Connection probe(port());
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(probe.RoundTrip(Post("X", "{}")).result_int() == 400);
  server_->Stop();
  done = true;
  for (std::thread& t : clients) t.join();
}

}  // namespace
}  // namespace lmddb::http_test
