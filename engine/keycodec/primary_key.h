// LMDB keys of items in a table's items database.
//
// Layout (docs/key_format.md, "Primary keys"):
//
//   hash (8, big-endian xxh3_64 of the encoded partition key)
//   | partition part:  len (1 byte, 0..128) + encoded partition key
//                      or 0xFF + XXH3_128 digest (16) when longer than 128
//   | sort part:       order-preserving sort key encoding, if it fits in P
//                      bytes; else its first P bytes + XXH3_128 digest (16)
//
// P = 511 - 16 - length(hash + partition part), so P is fixed within a
// partition (358..486) and an overflow key is exactly 511 bytes, LMDB's
// limit in Debian's build. Scan order is hash order. Within a partition
// LMDB order is DynamoDB sort-key order except inside a "bucket": overflow
// keys sharing their first P sort key bytes, which sort by digest.
// SortKeyOrderer (partition_order.h) restores their order.
//
// Key lengths are validated elsewhere: REQUIRES everywhere that partition
// keys are at most 2048 bytes, sort keys at most 1024, values S, N or B.
//
// Thread safety: stateless functions; safe to call concurrently.
#ifndef LMDDB_ENGINE_KEYCODEC_PRIMARY_KEY_H_
#define LMDDB_ENGINE_KEYCODEC_PRIMARY_KEY_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "lmddb/attribute_value.hpp"
#include "lmddb/status.hpp"

namespace lmddb::keycodec {

// mdb_env_get_maxkeysize() of Debian's liblmdb.
inline constexpr size_t kMaxKeyLength = 511;
inline constexpr size_t kPartitionHashLength = 8;
// Longer encoded partition keys are stored as a digest.
inline constexpr size_t kMaxInlinePartitionKeyLength = 128;
// Partition part's first byte when the key is stored as a digest.
inline constexpr uint8_t kHashedPartitionKeyMarker = 0xFF;
inline constexpr size_t kDigestLength = 16;
// Longest partition prefix: hash + marker + digest, or hash + len + 128.
inline constexpr size_t kMaxPartitionPrefixLength =
    kPartitionHashLength + 1 + kMaxInlinePartitionKeyLength;

// xxh3_64 of the encoded partition key (S/B bytes, N encoding): the first
// 8 key bytes, big-endian, and the order of Scan.
uint64_t PartitionHash(const AttributeValue& pk);

// Appends the bytes every key of pk's partition starts with (hash and
// partition part). No two partitions' prefixes are prefixes of each other,
// so a cursor positioned at it iterates exactly that partition while the
// key starts with it.
void AppendPartitionPrefix(std::string* out, const AttributeValue& pk);
std::string EncodePartitionPrefix(const AttributeValue& pk);

// Appends the LMDB key of the item with partition key pk and sort key *sk
// (null for a table without a sort key). Deterministic: GetItem looks this
// key up directly. Allocates nothing beyond growing *out.
void AppendPrimaryKey(std::string* out, const AttributeValue& pk, const AttributeValue* sk);
std::string EncodePrimaryKey(const AttributeValue& pk, const AttributeValue* sk);

// P: how many sort key bytes a key with this partition prefix stores
// inline. REQUIRES: partition_prefix_length is a valid prefix length.
constexpr size_t SortKeyInlineLimit(size_t partition_prefix_length) {
  return kMaxKeyLength - kDigestLength - partition_prefix_length;
}

// A primary key split into its parts; views point into the parsed key.
struct PrimaryKeyParts {
  uint64_t hash = 0;
  std::string_view partition_prefix;  // hash + partition part
  std::string_view partition_key;     // encoded partition key; empty when hashed
  bool partition_key_hashed = false;
  std::string_view sort_part;         // as stored; empty without a sort key
  bool sort_key_overflow = false;     // sort_part is P encoding bytes + digest
};

// Splits an LMDB key of the items database.
// Errors: Internal when the key is not a well-formed primary key.
StatusOr<PrimaryKeyParts> ParsePrimaryKey(std::string_view key);

// True when key stores its sort key truncated (P bytes + digest). Overflow
// keys are exactly kMaxKeyLength bytes long and inline keys are shorter.
// REQUIRES: key is a primary key.
inline bool IsOverflowKey(std::string_view key) { return key.size() == kMaxKeyLength; }

// The bucket an overflow key belongs to: the key without its digest.
// Adjacent overflow keys with equal bucket prefixes sort by digest, not by
// sort key. REQUIRES: IsOverflowKey(key).
inline std::string_view BucketPrefix(std::string_view key) {
  return key.substr(0, key.size() - kDigestLength);
}

// Decodes the partition key of `type` from an LMDB key.
// Errors: Internal when the key is corrupt or stores the partition key as
// a digest (then the full key is only in the item).
StatusOr<AttributeValue> DecodePartitionKey(std::string_view key, AttributeValue::Type type);

// Decodes the sort key of `type` from an LMDB key.
// Errors: Internal when the key is corrupt or is an overflow key (then the
// full sort key is only in the item).
StatusOr<AttributeValue> DecodeSortKey(std::string_view key, AttributeValue::Type type);

// Seek bounds for KeyConditionExpression ranges inside pk's partition.
// They cut at bucket granularity: keys between the bounds may still hold
// sort keys outside the range (only in the bound's own bucket), so the
// caller checks each item's full sort key.
//
// Every item with sort key >= sk has an LMDB key >= the result.
std::string EncodeSortKeyLowerBound(const AttributeValue& pk, const AttributeValue& sk);
// Every item with sort key <= sk has an LMDB key <= the result.
std::string EncodeSortKeyUpperBound(const AttributeValue& pk, const AttributeValue& sk);
// Every item whose sort key begins with `prefix` (S or B) has an LMDB key
// <= the result; EncodeSortKeyLowerBound(pk, prefix) is the lower bound.
std::string EncodeSortKeyPrefixUpperBound(const AttributeValue& pk,
                                          const AttributeValue& prefix);

}  // namespace lmddb::keycodec

#endif  // LMDDB_ENGINE_KEYCODEC_PRIMARY_KEY_H_
