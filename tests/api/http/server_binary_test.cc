// The lmddb-server executable: start-up line, serving, SIGTERM/SIGINT
// shutdown with exit status 0, and usage errors with exit status 2.
//
// The binary is looked up next to this test's build tree (api/lmddb-server
// in the same build directory); the tests fail when it is missing.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "api/http/http_client.h"

namespace lmddb::http_test {
namespace {

std::string FindServerBinary() {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::read_symlink("/proc/self/exe", ec).parent_path();
  if (ec) return "";
  for (int up = 0; up < 4 && !dir.empty(); ++up, dir = dir.parent_path()) {
    const std::filesystem::path candidate = dir / "api" / "lmddb-server";
    if (std::filesystem::exists(candidate, ec)) return candidate.string();
    if (dir == dir.parent_path()) break;
  }
  return "";
}

// A running lmddb-server child with its stdout on a pipe.
struct Child {
  pid_t pid = -1;
  FILE* out = nullptr;

  bool Spawn(const std::vector<std::string>& args) {
    int fds[2];
    if (pipe(fds) != 0) return false;
    pid = fork();
    if (pid == 0) {
      dup2(fds[1], STDOUT_FILENO);
      close(fds[0]);
      close(fds[1]);
      const int devnull = open("/dev/null", O_WRONLY);
      if (devnull >= 0) dup2(devnull, STDERR_FILENO);
      std::vector<char*> argv;
      for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(fds[1]);
    out = fdopen(fds[0], "r");
    return pid > 0 && out != nullptr;
  }
  std::string ReadLine() {
    char line[256];
    if (std::fgets(line, sizeof(line), out) == nullptr) return "";
    return line;
  }
  int Wait() {
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) return -1;
    pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  ~Child() {
    if (pid > 0) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
    if (out != nullptr) std::fclose(out);
  }
};

class BinaryTest : public ::testing::TestWithParam<int> {};

TEST_P(BinaryTest, ServesAndExitsCleanlyOnSignal) {
  const std::string binary = FindServerBinary();
  ASSERT_FALSE(binary.empty()) << "lmddb-server not found in the build tree";
  testing_util::TempDir dir("lmddb_http_bin");
  Child child;
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

  ASSERT_EQ(kill(child.pid, GetParam()), 0);
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
    Child child;
    ASSERT_TRUE(child.Spawn(args));
    EXPECT_EQ(child.Wait(), 2) << args[1];
  }
}

}  // namespace
}  // namespace lmddb::http_test
