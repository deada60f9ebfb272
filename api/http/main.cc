// lmddb-server: serves one lmddb database over DynamoDB's HTTP protocol.
//
//   lmddb-server [--data DIR] [--port N] [--bind ADDR] [--threads N] [--nosync]
//
// Prints "lmddb-server listening on ADDR:PORT" once it accepts connections.
// SIGINT or SIGTERM stops it gracefully (requests in flight are answered)
// and closes the database; the exit status is then 0. Bad arguments print
// the usage and exit with 2; a database or socket failure exits with 1.
#include <charconv>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "api/http/server.h"
#include "lmddb/lmddb.hpp"

namespace {

struct Flags {
  std::string data = "./data";
  lmddb::http::ServerOptions server;
  bool nosync = false;
};

void PrintUsage() {
  std::fputs(
      "usage: lmddb-server [--data DIR] [--port N] [--bind ADDR] [--threads N] [--nosync]\n"
      "  --data DIR    database directory (default ./data)\n"
      "  --port N      TCP port, 0 picks a free one (default 8000)\n"
      "  --bind ADDR   address to listen on (default 127.0.0.1)\n"
      "  --threads N   threads running requests (default 4)\n"
      "  --nosync      do not fsync commits (survives process crashes only)\n",
      stderr);
}

template <typename Int>
bool ParseInt(std::string_view text, Int min, Int max, Int* out) {
  Int value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return false;
  }
  *out = value;
  return true;
}

// Accepts "--flag value" and "--flag=value". Returns nullopt on any error.
std::optional<Flags> ParseFlags(int argc, char** argv) {
  Flags flags;
  flags.server.port = 8000;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    std::optional<std::string_view> value;
    if (const size_t eq = arg.find('='); eq != std::string_view::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    }
    if (arg == "--nosync") {
      if (value) return std::nullopt;
      flags.nosync = true;
      continue;
    }
    if (!value) {
      if (i + 1 >= argc) return std::nullopt;
      value = argv[++i];
    }
    if (arg == "--data") {
      if (value->empty()) return std::nullopt;
      flags.data = std::string(*value);
    } else if (arg == "--port") {
      if (!ParseInt<uint16_t>(*value, 0, 65535, &flags.server.port)) return std::nullopt;
    } else if (arg == "--bind") {
      if (value->empty()) return std::nullopt;
      flags.server.bind_address = std::string(*value);
    } else if (arg == "--threads") {
      if (!ParseInt<int>(*value, 1, 1024, &flags.server.worker_threads)) return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  return flags;
}

}  // namespace

int main(int argc, char** argv) {
  const std::optional<Flags> flags = ParseFlags(argc, argv);
  if (!flags) {
    PrintUsage();
    return 2;
  }

  // Catch the signals before any thread starts, so none of them is lost.
  boost::asio::io_context signals_io;
  boost::asio::signal_set signals(signals_io);
  boost::system::error_code ec;
  signals.add(SIGINT, ec);
  signals.add(SIGTERM, ec);
  signals.async_wait([](const boost::system::error_code&, int) {});

  std::error_code fs_ec;
  std::filesystem::create_directories(flags->data, fs_ec);
  lmddb::Options options;
  if (flags->nosync) options.durability = lmddb::Durability::kNoSync;
  auto db = lmddb::Database::Open(flags->data, options);
  if (!db.ok()) {
    std::fprintf(stderr, "lmddb-server: cannot open database %s: %s\n", flags->data.c_str(),
                 db.status().ToString().c_str());
    return 1;
  }
  std::unique_ptr<lmddb::Database> database = std::move(db).value();

  auto started = lmddb::http::Server::Start(*database, flags->server);
  if (!started.ok()) {
    std::fprintf(stderr, "lmddb-server: %s\n", started.status().ToString().c_str());
    return 1;
  }
  std::unique_ptr<lmddb::http::Server> server = std::move(started).value();
  std::printf("lmddb-server listening on %s:%u\n", flags->server.bind_address.c_str(),
              static_cast<unsigned>(server->port()));
  std::fflush(stdout);

  signals_io.run();  // returns once SIGINT or SIGTERM arrived

  server->Stop();
  server.reset();
  database.reset();
  return 0;
}
