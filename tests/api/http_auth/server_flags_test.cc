// lmddb-server's SigV4 flags: --verify-sigv4 with --access-key or
// --credentials turns verification on; inconsistent flags are usage errors
// (exit status 2); --help exits with 0.
//
// The binary is looked up in the build tree (api/lmddb-server); the tests
// fail when it is missing (CMake builds it before them).
#include <signal.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

#include "api/http/http_client.h"
#include "api/http/server_process.h"
#include "api/http/sigv4.h"

namespace lmddb::http_test {
namespace {

int ExitStatus(const std::vector<std::string>& args) {
  ServerProcess child;
  if (!child.Spawn(args)) return -1;
  return child.Wait();
}

// The current time as X-Amz-Date wants it.
std::string AmzDateNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof(text), "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

Request SignedNow(std::string_view key_id, std::string_view secret) {
  Request request = Post("DynamoDB_20120810.ListTables", "{}");
  const std::string amz_date = AmzDateNow();
  request.set("X-Amz-Date", amz_date);
  http::SignedRequest view;
  view.method = "POST";
  view.target = "/";
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
  params.amz_date = amz_date;
  params.signed_headers = {"host", "x-amz-date", "x-amz-target"};
  request.set(bhttp::field::authorization, http::AuthorizationHeader(params, view));
  return request;
}

TEST(ServerFlagsTest, UsageErrorsAndHelp) {
  const std::string binary = FindServerBinary();
  ASSERT_FALSE(binary.empty()) << "lmddb-server not found in the build tree";
  testing_util::TempDir dir("lmddb_http_flags");
  const std::string bad_file = dir.path() + "/bad";
  std::ofstream(bad_file) << "# comment\nAKID:SECRET\nno-colon\n";
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {binary, "--verify-sigv4"},                             // no keys
           {binary, "--access-key", "AKID:SECRET"},                // keys, verification off
           {binary, "--verify-sigv4", "--access-key", "AKID"},     // no secret
           {binary, "--verify-sigv4", "--access-key", ":SECRET"},  // no id
           {binary, "--verify-sigv4", "--access-key", "A:B:"},     // empty token
           {binary, "--verify-sigv4=1", "--access-key", "A:B"},
           {binary, "--verify-sigv4", "--credentials", bad_file},
           {binary, "--verify-sigv4", "--credentials", dir.path() + "/missing"},
           {binary, "--verify-sigv4", "--access-key", "A:B", "--max-clock-skew", "-1"},
       }) {
    EXPECT_EQ(ExitStatus(args), 2) << args[1] << " " << args.back();
  }
  EXPECT_EQ(ExitStatus({binary, "--help"}), 0);
}

TEST(ServerFlagsTest, VerifiesWithKeysFromTheCredentialsFile) {
  const std::string binary = FindServerBinary();
  ASSERT_FALSE(binary.empty()) << "lmddb-server not found in the build tree";
  testing_util::TempDir dir("lmddb_http_flags");
  const std::string file = dir.path() + "/credentials";
  std::ofstream(file) << "# keys\n\nAKIDFILE:file/secret\r\n  AKIDTWO:two  \n";
  ServerProcess child;
  ASSERT_TRUE(child.Spawn({binary, "--data", dir.path() + "/db", "--port", "0", "--nosync",
                           "--verify-sigv4", "--credentials", file, "--access-key",
                           "AKIDFLAG:flag"}));
  const std::string line = child.ReadLine();
  const std::string prefix = "lmddb-server listening on 127.0.0.1:";
  ASSERT_EQ(line.substr(0, prefix.size()), prefix) << line;
  const auto port = static_cast<uint16_t>(std::stoi(line.substr(prefix.size())));

  Connection c(port);
  for (const auto& [key, secret] : std::vector<std::pair<std::string, std::string>>{
           {"AKIDFILE", "file/secret"}, {"AKIDTWO", "two"}, {"AKIDFLAG", "flag"}}) {
    const Response ok = c.RoundTrip(SignedNow(key, secret));
    ASSERT_TRUE(c.ok()) << c.error().message();
    EXPECT_EQ(ok.result_int(), 200u) << key << ": " << ok.body();
  }
  const Response wrong = c.RoundTrip(SignedNow("AKIDFILE", "flag"));
  EXPECT_EQ(wrong.result_int(), 400u);
  EXPECT_NE(wrong.body().find("InvalidSignatureException"), std::string::npos) << wrong.body();
  const Response missing = c.RoundTrip(Post("DynamoDB_20120810.ListTables", "{}"));
  EXPECT_EQ(missing.body(),
            R"({"__type":"com.amazon.coral.service#MissingAuthenticationTokenException",)"
            R"("message":"Request is missing Authentication Token"})");

  ASSERT_EQ(kill(child.pid(), SIGTERM), 0);
  EXPECT_EQ(child.Wait(), 0);
}

}  // namespace
}  // namespace lmddb::http_test
