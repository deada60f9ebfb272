// The lmddb-server executable as a child process, for the tests that run
// the binary: FindServerBinary() looks for api/lmddb-server in the build
// tree above the test binary; ServerProcess spawns it with stdout on a pipe
// (stderr discarded) and kills it if a test ends early.
#ifndef LMDDB_TESTS_API_HTTP_SERVER_PROCESS_H_
#define LMDDB_TESTS_API_HTTP_SERVER_PROCESS_H_

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace lmddb::http_test {

// The path of lmddb-server in this build tree, or "" when missing.
inline std::string FindServerBinary() {
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

class ServerProcess {
 public:
  ServerProcess() = default;
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  ~ServerProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (out_ != nullptr) std::fclose(out_);
  }

  // Starts args[0] with `args`; false if it could not be started.
  bool Spawn(const std::vector<std::string>& args) {
    int fds[2];
    if (pipe(fds) != 0) return false;
    pid_ = fork();
    if (pid_ == 0) {
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
    out_ = fdopen(fds[0], "r");
    return pid_ > 0 && out_ != nullptr;
  }
  // The next line the server printed, or "" at end of output.
  std::string ReadLine() {
    char line[256];
    return std::fgets(line, sizeof(line), out_) == nullptr ? "" : line;
  }
  // Waits for exit: the exit status, 128 + signal when killed, -1 on error.
  int Wait() {
    int status = 0;
    if (waitpid(pid_, &status, 0) != pid_) return -1;
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  FILE* out_ = nullptr;
};

}  // namespace lmddb::http_test

#endif  // LMDDB_TESTS_API_HTTP_SERVER_PROCESS_H_
