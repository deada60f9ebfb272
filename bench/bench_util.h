// Shared pieces of the benchmark programs: environment knobs, scratch
// directories, a deterministic RNG, page-cache warming and item payloads.
//
// Thread safety: Rng and WarmClock are per-user objects; the functions are
// thread-safe.
#ifndef LMDDB_BENCH_BENCH_UTIL_H_
#define LMDDB_BENCH_BENCH_UTIL_H_

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

namespace lmddb_bench {

using Clock = std::chrono::steady_clock;

// A positive integer from environment variable `var`, or `fallback` when it
// is unset or not a positive integer (then a note goes to stderr).
inline size_t EnvCount(const char* var, size_t fallback) {
  const char* s = std::getenv(var);
  if (s == nullptr || *s == '\0') return fallback;
  char* end = nullptr;
  unsigned long long v = std::strtoull(s, &end, 10);
  if (end != nullptr && *end == '\0' && v > 0) return static_cast<size_t>(v);
  std::fprintf(stderr, "ignoring %s='%s'\n", var, s);
  return fallback;
}

// Where scratch stores go: $LMDDB_BENCH_DIR, else $TMPDIR, else /tmp.
inline std::string BaseDir() {
  for (const char* var : {"LMDDB_BENCH_DIR", "TMPDIR"}) {
    const char* s = std::getenv(var);
    if (s != nullptr && *s != '\0') return s;
  }
  return "/tmp";
}

inline std::optional<std::string> MakeTempDir(const char* tag) {
  std::string tmpl = BaseDir() + "/lmddb-bench-" + tag + "-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr) return std::nullopt;
  return std::string(buf.data());
}

// splitmix64: tiny, fast and deterministic for a given seed.
struct Rng {
  explicit Rng(uint64_t seed) : s(seed) {}
  uint64_t Next() {
    uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint64_t Below(uint64_t n) { return Next() % n; }
  uint64_t s;
};

inline double SecondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Brings a file into the page cache without readahead's large folios.
//
// Why not simply read(2) it: on this kernel (Linux 6.18, ext4 with large
// folios) readahead and large writes put the file in large folios, and every
// later 4 KiB pwrite(2) of an LMDB commit into such a folio then costs tens of
// microseconds in ext4_block_write_begin() (perf, kernel samples). With 300k
// items, a one-put raw LMDB commit cost ~80 us CPU instead of ~8 us after the
// uncached data file had been read once with read(2). POSIX_FADV_WILLNEED
// reads ahead in order-0 folios, as LMDB's own page faults do under
// MDB_NORDAHEAD.
// With `drop_first`, the file is flushed and its cached pages (those not
// mapped) are dropped first, so that none stays in a large folio.
inline void PrefetchFile(const std::string& path, bool drop_first) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  if (drop_first) {
    ::fdatasync(fd);
    posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
  }
  posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED);
  ::close(fd);
}

// fdatasync of a file by path: flushes what an environment wrote without
// sync, so that the first timed fsync after reopening does not pay for it.
inline void SyncFile(const std::string& path) {
  if (int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC); fd >= 0) {
    ::fdatasync(fd);
    ::close(fd);
  }
}

// `size` bytes of filler text starting from `fill`.
inline std::string Payload(char fill, size_t size) {
  std::string s(size, fill);
  for (size_t i = 0; i < s.size(); i += 7) s[i] = static_cast<char>('a' + i % 26);
  return s;
}

// Decides when a store needs reading again before a timed section: these
// VMs may drop the page cache minutes after a load.
class WarmClock {
 public:
  static constexpr auto kRewarmAfter = std::chrono::seconds(60);
  bool Due() const { return !warmed_ || Clock::now() - last_ > kRewarmAfter; }
  void Done() {
    warmed_ = true;
    last_ = Clock::now();
  }
  void Invalidate() { warmed_ = false; }

 private:
  bool warmed_ = false;
  Clock::time_point last_;
};

}  // namespace lmddb_bench

#endif  // LMDDB_BENCH_BENCH_UTIL_H_
