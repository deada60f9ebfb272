// LEB128 varints (7 bits a byte, low bits first), used by the item codec
// and the item record header.
#ifndef LMDDB_ENGINE_VALUE_VARINT_H_
#define LMDDB_ENGINE_VALUE_VARINT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace lmddb::value {

inline constexpr int kMaxVarintBytes = 10;

inline int VarintLength(uint64_t v) {
  int n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

// Writes v to buf and returns the byte count. REQUIRES: kMaxVarintBytes room.
inline int EncodeVarint(uint64_t v, char* buf) {
  int n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  return n;
}

inline void PutVarint(std::string* out, uint64_t v) {
  char buf[kMaxVarintBytes];
  out->append(buf, EncodeVarint(v, buf));
}

// Consumes a varint from the front of *in. False when the bytes run out or
// are malformed; never reads past the view's end.
inline bool GetVarint(std::string_view* in, uint64_t* v) {
  uint64_t result = 0;
  for (int i = 0; i < kMaxVarintBytes && static_cast<size_t>(i) < in->size(); ++i) {
    const uint8_t byte = static_cast<uint8_t>((*in)[i]);
    // The tenth byte may only hold the 64th bit.
    if (i == kMaxVarintBytes - 1 && byte > 1) return false;
    result |= static_cast<uint64_t>(byte & 0x7f) << (7 * i);
    if ((byte & 0x80) == 0) {
      in->remove_prefix(i + 1);
      *v = result;
      return true;
    }
  }
  return false;
}

}  // namespace lmddb::value

#endif  // LMDDB_ENGINE_VALUE_VARINT_H_
