// SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104), for verifying AWS
// Signature Version 4 (api/http/sigv4.h). lmddb's dependencies (LMDB,
// abseil, Boost headers, zlib, simdjson, xxHash) offer no SHA-2, and the
// server must not depend on a TLS library just for a hash, so this is a
// small portable implementation. It is not hardened against timing side
// channels beyond what SHA-256 itself is (no table lookups on secret data).
//
// Thread safety: a Sha256 object is used by one thread at a time; the free
// functions may be called from any thread.
#ifndef LMDDB_API_HTTP_SHA256_H_
#define LMDDB_API_HTTP_SHA256_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace lmddb::http {

inline constexpr size_t kSha256DigestBytes = 32;
inline constexpr size_t kSha256BlockBytes = 64;
using Sha256Digest = std::array<uint8_t, kSha256DigestBytes>;

// Incremental hashing: Update() any number of times, then Finish() once.
class Sha256 {
 public:
  Sha256();
  void Update(std::string_view bytes);
  // Returns the digest; the object must not be used afterwards.
  Sha256Digest Finish();

 private:
  void Compress(const uint8_t* block);

  std::array<uint32_t, 8> state_;
  std::array<uint8_t, kSha256BlockBytes> buffer_;
  size_t buffered_ = 0;
  uint64_t total_bytes_ = 0;
};

Sha256Digest Sha256Of(std::string_view bytes);

// HMAC-SHA256 of `message` under `key` (any length; longer keys are hashed).
Sha256Digest HmacSha256(std::string_view key, std::string_view message);

// The digest's bytes as a string (for chaining HMAC keys).
std::string DigestBytes(const Sha256Digest& digest);

// Lowercase hexadecimal, as SigV4 writes hashes and signatures.
std::string HexLower(std::string_view bytes);
std::string HexLower(const Sha256Digest& digest);

// True if `a` and `b` are equal; the time taken depends only on their
// lengths, not on where they differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace lmddb::http

#endif  // LMDDB_API_HTTP_SHA256_H_
