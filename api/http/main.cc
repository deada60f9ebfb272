// lmddb-server: serves one lmddb database over DynamoDB's HTTP protocol.
//
//   lmddb-server [--data DIR] [--port N] [--bind ADDR] [--threads N] [--nosync]
//                [--verify-sigv4 (--access-key ID:SECRET[:TOKEN] ... | --credentials FILE)
//                 [--max-clock-skew MINUTES]]
//
// By default any credentials are accepted, as DynamoDB Local does.
// --verify-sigv4 makes every request prove, by its AWS Signature Version 4,
// that it was signed with one of the given keys (api/http/sigv4.h). Keys
// come from --access-key (repeatable) and/or a credentials file: one
// ID:SECRET[:TOKEN] per line, blank lines and lines starting with '#'
// ignored. A TOKEN requires that key's requests to carry it, signed, as
// X-Amz-Security-Token.
//
// Prints "lmddb-server listening on ADDR:PORT" once it accepts connections.
// SIGINT or SIGTERM stops it gracefully (requests in flight are answered)
// and closes the database; the exit status is then 0. --help prints the
// usage and exits with 0; bad arguments print it and exit with 2; a
// database or socket failure exits with 1.
#include <charconv>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
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
  bool verify_sigv4 = false;
  lmddb::http::SigV4Options sigv4;
};

void PrintUsage() {
  std::fputs(
      "usage: lmddb-server [--data DIR] [--port N] [--bind ADDR] [--threads N] [--nosync]\n"
      "                    [--verify-sigv4 (--access-key ID:SECRET[:TOKEN]...\n"
      "                                     | --credentials FILE) [--max-clock-skew MINUTES]]\n"
      "  --data DIR    database directory (default ./data)\n"
      "  --port N      TCP port, 0 picks a free one (default 8000)\n"
      "  --bind ADDR   address to listen on (default 127.0.0.1)\n"
      "  --threads N   threads running writes; a group commit carries at most\n"
      "                this many (default 64)\n"
      "  --nosync      do not fsync commits (survives process crashes only)\n"
      "  --verify-sigv4\n"
      "                refuse requests without a valid AWS Signature Version 4 from one\n"
      "                of the keys below (default: accept any credentials)\n"
      "  --access-key ID:SECRET[:TOKEN]\n"
      "                an accepted key (repeatable); with TOKEN, requests must also\n"
      "                carry it, signed, as X-Amz-Security-Token\n"
      "  --credentials FILE\n"
      "                accepted keys, one ID:SECRET[:TOKEN] per line ('#' comments)\n"
      "  --max-clock-skew MINUTES\n"
      "                refuse signatures dated further from now (default 15, 0: no limit)\n",
      stderr);
}

// "ID:SECRET" or "ID:SECRET:TOKEN" (AWS ids, secrets and tokens hold no ':').
bool ParseAccessKey(std::string_view text, lmddb::http::SigV4Options* sigv4) {
  const size_t first = text.find(':');
  if (first == std::string_view::npos || first == 0) return false;
  const std::string_view id = text.substr(0, first);
  std::string_view secret = text.substr(first + 1);
  std::string_view token;
  if (const size_t second = secret.find(':'); second != std::string_view::npos) {
    token = secret.substr(second + 1);
    secret = secret.substr(0, second);
    if (token.empty() || token.find(':') != std::string_view::npos) return false;
  }
  if (secret.empty()) return false;
  lmddb::http::AccessKey& key = sigv4->access_keys[std::string(id)];
  key.secret_access_key = std::string(secret);
  key.session_token = std::string(token);
  return true;
}

bool ReadCredentialsFile(const std::string& path, lmddb::http::SigV4Options* sigv4) {
  std::ifstream file(path);
  if (!file) {
    std::fprintf(stderr, "lmddb-server: cannot read credentials file %s\n", path.c_str());
    return false;
  }
  std::string line;
  for (int number = 1; std::getline(file, line); ++number) {
    std::string_view text = line;
    while (!text.empty() && (text.back() == '\r' || text.back() == ' ' || text.back() == '\t')) {
      text.remove_suffix(1);
    }
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    if (text.empty() || text.front() == '#') continue;
    if (!ParseAccessKey(text, sigv4)) {
      std::fprintf(stderr, "lmddb-server: %s:%d: expected ID:SECRET[:TOKEN]\n", path.c_str(),
                   number);
      return false;
    }
  }
  return true;
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
  bool keys_given = false;  // any of the SigV4 flags
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    std::optional<std::string_view> value;
    if (const size_t eq = arg.find('='); eq != std::string_view::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    }
    if (arg == "--nosync" || arg == "--verify-sigv4") {
      if (value) return std::nullopt;
      (arg == "--nosync" ? flags.nosync : flags.verify_sigv4) = true;
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
    } else if (arg == "--access-key") {
      if (!ParseAccessKey(*value, &flags.sigv4)) return std::nullopt;
      keys_given = true;
    } else if (arg == "--credentials") {
      if (value->empty() || !ReadCredentialsFile(std::string(*value), &flags.sigv4)) {
        return std::nullopt;
      }
      keys_given = true;
    } else if (arg == "--max-clock-skew") {
      if (!ParseInt<int>(*value, 0, 7 * 24 * 60, &flags.sigv4.max_clock_skew_minutes)) {
        return std::nullopt;
      }
      keys_given = true;
    } else {
      return std::nullopt;
    }
  }
  // Keys without --verify-sigv4 would suggest a protection that is not on;
  // verification without keys would refuse everything.
  if (keys_given != flags.verify_sigv4 || (flags.verify_sigv4 && flags.sigv4.access_keys.empty())) {
    return std::nullopt;
  }
  if (flags.verify_sigv4) flags.server.sigv4 = flags.sigv4;
  return flags;
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--help" || std::string_view(argv[i]) == "-h") {
      PrintUsage();
      return 0;
    }
  }
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
  if (flags->verify_sigv4) {
    std::fprintf(stderr, "lmddb-server: verifying SigV4 signatures (%zu access keys)\n",
                 flags->sigv4.access_keys.size());
  }
  std::printf("lmddb-server listening on %s:%u\n", flags->server.bind_address.c_str(),
              static_cast<unsigned>(server->port()));
  std::fflush(stdout);

  signals_io.run();  // returns once SIGINT or SIGTERM arrived

  server->Stop();
  server.reset();
  database.reset();
  return 0;
}
