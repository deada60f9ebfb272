// Primary key layout; see primary_key.h and docs/key_format.md.
#include "engine/keycodec/primary_key.h"

#include <cassert>
#include <cstring>
#include <string>
#include <string_view>

#include "engine/keycodec/value_codec.h"

// Inlined: keys are short, and a call into the shared library per key
// would cost as much as hashing it.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace lmddb::keycodec {
namespace {

Status Corrupt(const char* what) {
  return Status::Internal(std::string("corrupt primary key: ") + what);
}

// The encoded bytes of a key value: S and B as they are, N encoded into
// buf. REQUIRES: buf has kMaxNumberEncodingLength bytes.
std::string_view KeyBytes(const AttributeValue& v, char* buf) {
  switch (v.type()) {
    case AttributeValue::Type::kS: return v.s();
    case AttributeValue::Type::kB: return v.b();
    case AttributeValue::Type::kN: return std::string_view(buf, EncodeNumber(v.n(), buf));
    default: assert(false && "key values are S, N or B"); return {};
  }
}

void AppendBigEndian64(std::string* out, uint64_t v) {
  char b[8];
  for (int i = 7; i >= 0; --i) {
    b[i] = static_cast<char>(v & 0xFF);
    v >>= 8;
  }
  out->append(b, 8);
}

void AppendDigest(std::string* out, std::string_view bytes) {
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, XXH3_128bits(bytes.data(), bytes.size()));
  static_assert(sizeof(canonical.digest) == kDigestLength);
  out->append(reinterpret_cast<const char*>(canonical.digest), kDigestLength);
}

size_t PartitionPrefixLength(std::string_view pk_bytes) {
  return kPartitionHashLength + 1 +
         (pk_bytes.size() <= kMaxInlinePartitionKeyLength ? pk_bytes.size() : kDigestLength);
}

void AppendPartitionPrefixBytes(std::string* out, std::string_view pk_bytes) {
  AppendBigEndian64(out, XXH3_64bits(pk_bytes.data(), pk_bytes.size()));
  if (pk_bytes.size() <= kMaxInlinePartitionKeyLength) {
    // The length byte makes the part prefix-free, so one partition's
    // prefix never starts another's.
    out->push_back(static_cast<char>(pk_bytes.size()));
    out->append(pk_bytes);
  } else {
    // Only identity matters within a hash, not order. The full key stays
    // in the item; the write path must compare it to catch collisions.
    out->push_back(static_cast<char>(kHashedPartitionKeyMarker));
    AppendDigest(out, pk_bytes);
  }
}

// How many bytes of an encoded sort key the stored form keeps inline:
// all of it when it fits in P, else P (followed by a digest).
size_t SortInlineBytes(std::string_view sk_bytes, size_t prefix_length) {
  const size_t limit = SortKeyInlineLimit(prefix_length);
  return sk_bytes.size() <= limit ? sk_bytes.size() : limit;
}

// Appends the stored sort part for a key whose partition prefix is
// prefix_length bytes long.
void AppendSortPart(std::string* out, std::string_view sk_bytes, size_t prefix_length) {
  const size_t limit = SortKeyInlineLimit(prefix_length);
  if (sk_bytes.size() <= limit) {
    out->append(sk_bytes);
  } else {
    // Fixed P per partition: an inline key and an overflow key, or two
    // overflow keys differing within P bytes, still order correctly.
    out->append(sk_bytes.substr(0, limit));
    AppendDigest(out, sk_bytes);
  }
}

}  // namespace

uint64_t PartitionHash(const AttributeValue& pk) {
  char buf[kMaxNumberEncodingLength];
  const std::string_view bytes = KeyBytes(pk, buf);
  return XXH3_64bits(bytes.data(), bytes.size());
}

void AppendPartitionPrefix(std::string* out, const AttributeValue& pk) {
  char buf[kMaxNumberEncodingLength];
  const std::string_view bytes = KeyBytes(pk, buf);
  out->reserve(out->size() + PartitionPrefixLength(bytes));
  AppendPartitionPrefixBytes(out, bytes);
}

std::string EncodePartitionPrefix(const AttributeValue& pk) {
  std::string out;
  AppendPartitionPrefix(&out, pk);
  return out;
}

void AppendPrimaryKey(std::string* out, const AttributeValue& pk, const AttributeValue* sk) {
  char pk_buf[kMaxNumberEncodingLength];
  char sk_buf[kMaxNumberEncodingLength];
  const std::string_view pk_bytes = KeyBytes(pk, pk_buf);
  const size_t prefix_length = PartitionPrefixLength(pk_bytes);
  std::string_view sk_bytes;
  size_t sort_length = 0;
  if (sk != nullptr) {
    sk_bytes = KeyBytes(*sk, sk_buf);
    const size_t inline_bytes = SortInlineBytes(sk_bytes, prefix_length);
    sort_length = inline_bytes + (inline_bytes < sk_bytes.size() ? kDigestLength : 0);
  }
  const size_t begin = out->size();
  out->reserve(begin + prefix_length + sort_length);  // one allocation at most
  AppendPartitionPrefixBytes(out, pk_bytes);
  if (sk != nullptr) AppendSortPart(out, sk_bytes, prefix_length);
  assert(out->size() - begin <= kMaxKeyLength);
}

std::string EncodePrimaryKey(const AttributeValue& pk, const AttributeValue* sk) {
  std::string out;
  AppendPrimaryKey(&out, pk, sk);
  return out;
}

StatusOr<PrimaryKeyParts> ParsePrimaryKey(std::string_view key) {
  if (key.size() <= kPartitionHashLength) return Corrupt("too short");
  if (key.size() > kMaxKeyLength) return Corrupt("too long");
  PrimaryKeyParts parts;
  for (size_t i = 0; i < kPartitionHashLength; ++i) {
    parts.hash = (parts.hash << 8) | static_cast<uint8_t>(key[i]);
  }
  const uint8_t len = static_cast<uint8_t>(key[kPartitionHashLength]);
  size_t prefix_length;
  if (len == kHashedPartitionKeyMarker) {
    parts.partition_key_hashed = true;
    prefix_length = kPartitionHashLength + 1 + kDigestLength;
  } else if (len <= kMaxInlinePartitionKeyLength) {
    prefix_length = kPartitionHashLength + 1 + len;
  } else {
    return Corrupt("invalid partition key length");
  }
  if (key.size() < prefix_length) return Corrupt("truncated partition key");
  parts.partition_prefix = key.substr(0, prefix_length);
  if (!parts.partition_key_hashed) {
    parts.partition_key = key.substr(kPartitionHashLength + 1, len);
  }
  parts.sort_part = key.substr(prefix_length);
  const size_t limit = SortKeyInlineLimit(prefix_length);
  if (parts.sort_part.size() > limit) {
    if (parts.sort_part.size() != limit + kDigestLength) return Corrupt("invalid sort key length");
    parts.sort_key_overflow = true;
  }
  return parts;
}

StatusOr<AttributeValue> DecodePartitionKey(std::string_view key, AttributeValue::Type type) {
  StatusOr<PrimaryKeyParts> parts = ParsePrimaryKey(key);
  if (!parts.ok()) return parts.status();
  if (parts->partition_key_hashed) {
    return Status::Internal("partition key is stored as a digest; read it from the item");
  }
  return DecodeKeyValue(type, parts->partition_key);
}

StatusOr<AttributeValue> DecodeSortKey(std::string_view key, AttributeValue::Type type) {
  StatusOr<PrimaryKeyParts> parts = ParsePrimaryKey(key);
  if (!parts.ok()) return parts.status();
  if (parts->sort_key_overflow) {
    return Status::Internal("sort key is stored truncated; read it from the item");
  }
  return DecodeKeyValue(type, parts->sort_part);
}

std::string EncodeSortKeyLowerBound(const AttributeValue& pk, const AttributeValue& sk) {
  // Truncating to P bytes is monotone and every stored sort part starts
  // with its key's first P bytes, so this is <= every key with sort key
  // >= sk, and it precedes the whole of sk's bucket.
  std::string out;
  AppendPartitionPrefix(&out, pk);
  char buf[kMaxNumberEncodingLength];
  const std::string_view sk_bytes = KeyBytes(sk, buf);
  out.append(sk_bytes.substr(0, SortInlineBytes(sk_bytes, out.size())));
  return out;
}

std::string EncodeSortKeyUpperBound(const AttributeValue& pk, const AttributeValue& sk) {
  std::string out;
  AppendPartitionPrefix(&out, pk);
  char buf[kMaxNumberEncodingLength];
  const std::string_view sk_bytes = KeyBytes(sk, buf);
  const size_t inline_bytes = SortInlineBytes(sk_bytes, out.size());
  out.append(sk_bytes.substr(0, inline_bytes));
  // A sort key that fits inline is itself the bound: a smaller overflow
  // key differs from it within its first P bytes. A longer one ends its
  // bucket, whose digests are at most all 0xFF.
  if (inline_bytes < sk_bytes.size()) out.append(kDigestLength, '\xFF');
  return out;
}

std::string EncodeSortKeyPrefixUpperBound(const AttributeValue& pk,
                                          const AttributeValue& prefix) {
  // Every stored sort part of a key beginning with `prefix` starts with
  // prefix's first P bytes; padding with 0xFF to the longest key length
  // puts the bound after all of them.
  std::string out;
  AppendPartitionPrefix(&out, pk);
  char buf[kMaxNumberEncodingLength];
  const std::string_view bytes = KeyBytes(prefix, buf);
  out.append(bytes.substr(0, SortInlineBytes(bytes, out.size())));
  out.append(kMaxKeyLength - out.size(), '\xFF');
  return out;
}

}  // namespace lmddb::keycodec
