// http_floor_server: the HTTP floor for bench/http/run.sh. It is
// lmddb-server's stack (lmddb::http::Server: Beast parsing, reads answered
// on the I/O threads and writes on the worker pool, request ids, CRC-32 of
// every body) with a handler that answers from memory
// without touching a database, so its throughput is what HTTP and framing
// alone cost on this machine.
//
//   http_floor_server --data DIR [--port N] [--bind ADDR] [--threads N]
//
// The fixed bodies are real lmddb answers: at startup the server creates the
// benchmark's tables in a scratch database under DIR, writes the items the
// benchmark reads (same shape, same sizes), and records what json::Handle
// answers to one GetItem, one Query of the 100-item partition and one
// PutItem. Afterwards every POST with one of those three targets gets the
// recorded body back, whatever its key; any other target gets
// UnknownOperationException.
//
// Prints "http_floor_server listening on ADDR:PORT" once it accepts
// connections; SIGINT or SIGTERM stops it (exit status 0). Bad arguments
// exit with 2, a database or socket failure with 1.
#include <charconv>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "api/http/server.h"
#include "api/json/handler.h"
#include "lmddb/lmddb.hpp"

namespace {

// The benchmark's data (must match bench/http/load.py and the wrk scripts):
// items of ~1 KiB with a 1000-byte payload.
constexpr std::string_view kGetTable = "bench_get";
constexpr std::string_view kQueryTable = "bench_query";
constexpr std::string_view kPutTable = "bench_put";
constexpr int kQueryPartitionItems = 100;
constexpr size_t kPayloadBytes = 1000;

struct FixedBodies {
  std::string get_item;
  std::string query;
  std::string put_item;
};

struct Flags {
  std::string data;
  lmddb::http::ServerOptions server;
};

void PrintUsage() {
  std::fputs(
      "usage: http_floor_server --data DIR [--port N] [--bind ADDR] [--threads N]\n"
      "  --data DIR    scratch database for recording the fixed bodies\n"
      "  --port N      TCP port, 0 picks a free one (default 0)\n"
      "  --bind ADDR   address to listen on (default 127.0.0.1)\n"
      "  --threads N   worker threads (default 64, as lmddb-server)\n",
      stderr);
}

bool ParseInt(std::string_view text, int min, int max, int* out) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return false;
  }
  *out = value;
  return true;
}

std::optional<Flags> ParseFlags(int argc, char** argv) {
  Flags flags;
  flags.server.port = 0;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    std::optional<std::string_view> value;
    if (const size_t eq = arg.find('='); eq != std::string_view::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      return std::nullopt;
    }
    int number = 0;
    if (arg == "--data" && !value->empty()) {
      flags.data = std::string(*value);
    } else if (arg == "--bind" && !value->empty()) {
      flags.server.bind_address = std::string(*value);
    } else if (arg == "--port" && ParseInt(*value, 0, 65535, &number)) {
      flags.server.port = static_cast<uint16_t>(number);
    } else if (arg == "--threads" && ParseInt(*value, 1, 1024, &number)) {
      flags.server.worker_threads = number;
    } else {
      return std::nullopt;
    }
  }
  if (flags.data.empty()) return std::nullopt;
  return flags;
}

std::string Target(std::string_view operation) {
  return std::string(lmddb::json::kTargetPrefix) + std::string(operation);
}

// Runs one JSON request against the scratch database; a non-200 answer is
// reported on stderr and ends the recording.
std::optional<std::string> Call(lmddb::Database& db, std::string_view operation,
                                const std::string& body) {
  lmddb::json::Response response = lmddb::json::Handle(db, Target(operation), body);
  if (response.http_status != 200) {
    std::fprintf(stderr, "http_floor_server: %.*s failed (%d): %s\n",
                 static_cast<int>(operation.size()), operation.data(), response.http_status,
                 response.body.c_str());
    return std::nullopt;
  }
  return std::move(response.body);
}

std::string CreateTableBody(std::string_view table, bool with_sort_key) {
  std::string body = R"({"TableName":")" + std::string(table) +
                     R"(","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"})";
  if (with_sort_key) body += R"(,{"AttributeName":"sk","AttributeType":"N"})";
  body += R"(],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"})";
  if (with_sort_key) body += R"(,{"AttributeName":"sk","KeyType":"RANGE"})";
  body += R"(],"ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5}})";
  return body;
}

// {"TableName":..,"Item":{"pk":..,["sk":..,]"payload":..,"version":..,"active":..}}
std::string PutItemBody(std::string_view table, const std::string& pk,
                        std::optional<int> sort_key) {
  std::string body = R"({"TableName":")" + std::string(table) + R"(","Item":{"pk":{"S":")" + pk +
                     R"("})";
  if (sort_key) body += R"(,"sk":{"N":")" + std::to_string(*sort_key) + R"("})";
  body += R"(,"payload":{"S":")" + std::string(kPayloadBytes, 'x') +
          R"("},"version":{"N":"1"},"active":{"BOOL":true}}})";
  return body;
}

// Creates the three tables, writes one GetItem item and the Query
// partition, and records the answers.
std::optional<FixedBodies> RecordBodies(lmddb::Database& db) {
  for (const auto& [table, sorted] :
       {std::pair{kGetTable, false}, std::pair{kQueryTable, true}, std::pair{kPutTable, false}}) {
    if (!Call(db, "CreateTable", CreateTableBody(table, sorted))) return std::nullopt;
  }
  FixedBodies bodies;
  if (!Call(db, "PutItem", PutItemBody(kGetTable, "user#0", std::nullopt))) return std::nullopt;
  for (int sk = 0; sk < kQueryPartitionItems; ++sk) {
    if (!Call(db, "PutItem", PutItemBody(kQueryTable, "part#0", sk))) return std::nullopt;
  }
  std::optional<std::string> body =
      Call(db, "GetItem", R"({"TableName":"bench_get","Key":{"pk":{"S":"user#0"}}})");
  if (!body) return std::nullopt;
  bodies.get_item = std::move(*body);
  body = Call(db, "Query",
              R"({"TableName":"bench_query","KeyConditionExpression":"pk = :p",)"
              R"("ExpressionAttributeValues":{":p":{"S":"part#0"}}})");
  if (!body) return std::nullopt;
  bodies.query = std::move(*body);
  body = Call(db, "PutItem", PutItemBody(kPutTable, "user#0", std::nullopt));
  if (!body) return std::nullopt;
  bodies.put_item = std::move(*body);
  return bodies;
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<Flags> flags = ParseFlags(argc, argv);
  if (!flags) {
    PrintUsage();
    return 2;
  }

  boost::asio::io_context signals_io;
  boost::asio::signal_set signals(signals_io);
  boost::system::error_code ec;
  signals.add(SIGINT, ec);
  signals.add(SIGTERM, ec);
  signals.async_wait([](const boost::system::error_code&, int) {});

  std::error_code fs_ec;
  std::filesystem::create_directories(flags->data, fs_ec);
  lmddb::Options options;
  options.durability = lmddb::Durability::kNoSync;
  auto db = lmddb::Database::Open(flags->data, options);
  if (!db.ok()) {
    std::fprintf(stderr, "http_floor_server: cannot open database %s: %s\n", flags->data.c_str(),
                 db.status().ToString().c_str());
    return 1;
  }
  std::unique_ptr<lmddb::Database> database = std::move(db).value();
  std::optional<FixedBodies> recorded = RecordBodies(*database);
  if (!recorded) return 1;

  const auto bodies = std::make_shared<const FixedBodies>(std::move(*recorded));
  const std::string get_target = Target("GetItem");
  const std::string query_target = Target("Query");
  const std::string put_target = Target("PutItem");
  flags->server.handler = [bodies, get_target, query_target, put_target](
                              lmddb::Database&, std::string_view target,
                              std::string_view) -> lmddb::json::Response {
    if (target == get_target) return {200, bodies->get_item};
    if (target == query_target) return {200, bodies->query};
    if (target == put_target) return {200, bodies->put_item};
    return lmddb::json::ErrorResponse(lmddb::Status(lmddb::ErrorType::kUnknownOperation, ""));
  };

  auto started = lmddb::http::Server::Start(*database, flags->server);
  if (!started.ok()) {
    std::fprintf(stderr, "http_floor_server: %s\n", started.status().ToString().c_str());
    return 1;
  }
  std::unique_ptr<lmddb::http::Server> server = std::move(started).value();
  std::printf("http_floor_server listening on %s:%u\n", flags->server.bind_address.c_str(),
              static_cast<unsigned>(server->port()));
  std::fflush(stdout);

  signals_io.run();  // returns once SIGINT or SIGTERM arrived

  server->Stop();
  server.reset();
  database.reset();
  return 0;
}
