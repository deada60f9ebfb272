// The lmddb-server executable: start-up line, serving, SIGTERM/SIGINT
// shutdown with exit status 0, and usage errors with exit status 2.
//
// The binary is looked up next to this test's build tree (api/lmddb-server
// in the same build directory); the tests fail when it is missing.
#include <signal.h>

#include <string>
#include <vector>

#include "api/http/http_client.h"
#include "api/http/server_process.h"

namespace lmddb::http_test {
namespace {

class BinaryTest : public ::testing::TestWithParam<int> {};

TEST_P(BinaryTest, ServesAndExitsCleanlyOnSignal) {
  const std::string binary = FindServerBinary();
  ASSERT_FALSE(binary.empty()) << "lmddb-server not found in the build tree";
  testing_util::TempDir dir("lmddb_http_bin");
  ServerProcess child;
  ASSERT_TRUE(child.Spawn({binary, "--data", dir.path() + "/db", "--port", "0", "--nosync",
                           "--threads", "2"}));
  const std::string line = child.ReadLine();
  const std::string prefix = "lmddb-server listening on 127.0.0.1:";
  ASSERT_EQ(line.substr(0, prefix.size()), prefix) << line;
  const int port = std::stoi(line.substr(prefix.size()));
  ASSERT_GT(port, 0);

  Connection c(static_cast<uint16_t>(port));
  Response response = c.RoundTrip(Post("DynamoDB_20120810.Nope", "{}"));
  ASSERT_TRUE(c.ok()) << c.error().message();
  EXPECT_EQ(response.body(), kUnknownOperationBody);

  ASSERT_EQ(kill(child.pid(), GetParam()), 0);
  EXPECT_EQ(child.Wait(), 0);
  EXPECT_TRUE(c.ClosedByPeer());
}

INSTANTIATE_TEST_SUITE_P(Signals, BinaryTest, ::testing::Values(SIGTERM, SIGINT));

TEST(BinaryUsageTest, BadArgumentsExitWith2) {
  const std::string binary = FindServerBinary();
  ASSERT_FALSE(binary.empty()) << "lmddb-server not found in the build tree";
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{binary, "--port", "70000"},
                                             {binary, "--port"},
                                             {binary, "--threads", "0"},
                                             {binary, "--bogus"},
                                             {binary, "--port", "12x"},
                                             {binary, "--nosync=1"}}) {
    ServerProcess child;
    ASSERT_TRUE(child.Spawn(args));
    EXPECT_EQ(child.Wait(), 2) << args[1];
  }
}

}  // namespace
}  // namespace lmddb::http_test
