// Helpers shared by the test binaries: a self-deleting temporary directory,
// an ASSERT for lmddb::Status, and the printed, overridable random seed.
#ifndef LMDDB_TESTS_TESTING_TEST_UTIL_H_
#define LMDDB_TESTS_TESTING_TEST_UTIL_H_

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <system_error>

#include <sys/wait.h>
#include <unistd.h>

#include "gtest/gtest.h"
#include "lmddb/status.hpp"

#define LMDDB_ASSERT_OK(expr)                                           \
  do {                                                                  \
    const ::lmddb::Status lmddb_assert_ok_ = (expr);                    \
    ASSERT_TRUE(lmddb_assert_ok_.ok()) << lmddb_assert_ok_.ToString(); \
  } while (0)

#define LMDDB_EXPECT_OK(expr)                                           \
  do {                                                                  \
    const ::lmddb::Status lmddb_expect_ok_ = (expr);                    \
    EXPECT_TRUE(lmddb_expect_ok_.ok()) << lmddb_expect_ok_.ToString(); \
  } while (0)

namespace lmddb::testing_util {

// A fresh directory under the test temp dir, removed with everything in it.
class TempDir {
 public:
  explicit TempDir(const std::string& tag = "lmddb_test") {
    std::string pattern = ::testing::TempDir() + tag + "_XXXXXX";
    path_ = mkdtemp(pattern.data()) != nullptr ? pattern : std::string();
    EXPECT_FALSE(path_.empty()) << "mkdtemp failed";
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A fixed seed, printed so a failure can be replayed; LMDDB_TEST_SEED
// overrides it.
inline uint64_t TestSeed(uint64_t fixed = 20240611) {
  uint64_t seed = fixed;
  if (const char* env = std::getenv("LMDDB_TEST_SEED")) seed = std::strtoull(env, nullptr, 10);
  std::printf("seed=%llu\n", static_cast<unsigned long long>(seed));
  return seed;
}

// Runs `child` in a forked process and returns its exit code (-1 when it
// did not exit normally). The child must open its own environment (lmdb.h:
// an MDB_env must not be used after fork()) and ends with _exit, so no gtest
// or parent destructor runs there.
inline int ChildExitCode(const std::function<int()>& child) {
  const pid_t pid = fork();
  if (pid == 0) _exit(child());
  int wstatus = 0;
  if (pid < 0 || waitpid(pid, &wstatus, 0) != pid) return -1;
  return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
}

// As ChildExitCode: 0 when `child` returns true, 1 when false.
inline int RunInChild(const std::function<bool()>& child) {
  return ChildExitCode([&] { return child() ? 0 : 1; });
}

}  // namespace lmddb::testing_util

#endif  // LMDDB_TESTS_TESTING_TEST_UTIL_H_
