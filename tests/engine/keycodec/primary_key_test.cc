// Tests for engine/keycodec/primary_key.h: the byte layout, parsing, and
// the key length limit.
#include "testing/test_util.h"
#include "engine/keycodec/primary_key.h"

#include <gtest/gtest.h>
#include <xxhash.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/keycodec/value_codec.h"

namespace lmddb::keycodec {
namespace {

using testing_util::TestSeed;


std::string BigEndian64(uint64_t v) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i, v >>= 8) out[i] = static_cast<char>(v & 0xFF);
  return out;
}

std::string Digest(std::string_view bytes) {
  XXH128_canonical_t c;
  XXH128_canonicalFromHash(&c, XXH3_128bits(bytes.data(), bytes.size()));
  return std::string(reinterpret_cast<const char*>(c.digest), sizeof(c.digest));
}

std::string RandomBytes(std::mt19937_64& rng, size_t n) {
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng());
  return s;
}

AttributeValue S(std::string s) { return AttributeValue::S(std::move(s)); }

TEST(KeyCodec, ShortKeyLayout) {
  const AttributeValue pk = S("user#1");
  const AttributeValue sk = S("2024-06-11");
  const std::string key = EncodePrimaryKey(pk, &sk);
  EXPECT_EQ(key, BigEndian64(XXH3_64bits("user#1", 6)) + "\x06" "user#1" "2024-06-11");
  EXPECT_EQ(PartitionHash(pk), XXH3_64bits("user#1", 6));
  EXPECT_EQ(EncodePartitionPrefix(pk), key.substr(0, 15));
  // A table without a sort key stores just the partition prefix.
  EXPECT_EQ(EncodePrimaryKey(pk, nullptr), EncodePartitionPrefix(pk));

  // N keys hash and store their order-preserving encoding.
  const AttributeValue n = AttributeValue::N(Number::FromInt64(-42));
  std::string n_bytes;
  AppendNumber(&n_bytes, n.n());
  EXPECT_EQ(EncodePrimaryKey(pk, &n), EncodePartitionPrefix(pk) + n_bytes);
  EXPECT_EQ(EncodePartitionPrefix(n),
            BigEndian64(XXH3_64bits(n_bytes.data(), n_bytes.size())) +
                static_cast<char>(n_bytes.size()) + n_bytes);
}

TEST(KeyCodec, AppendsToCallerBuffer) {
  const AttributeValue pk = AttributeValue::B(std::string("\x00\xFF", 2));
  const AttributeValue sk = AttributeValue::N(Number::FromInt64(7));
  std::string out = "head";
  AppendPrimaryKey(&out, pk, &sk);
  EXPECT_EQ(out, "head" + EncodePrimaryKey(pk, &sk));
  out = "x";
  AppendPartitionPrefix(&out, pk);
  EXPECT_EQ(out, "x" + EncodePartitionPrefix(pk));
}

TEST(KeyCodec, LongPartitionKeysUseDigest) {
  std::mt19937_64 rng(TestSeed());
  for (size_t len : {128u, 129u, 130u, 500u, 1024u, 2047u, 2048u}) {
    const std::string bytes = RandomBytes(rng, len);
    const AttributeValue pk = AttributeValue::B(bytes);
    const std::string prefix = EncodePartitionPrefix(pk);
    const std::string hash = BigEndian64(XXH3_64bits(bytes.data(), bytes.size()));
    if (len <= kMaxInlinePartitionKeyLength) {
      EXPECT_EQ(prefix, hash + static_cast<char>(len) + bytes);
    } else {
      EXPECT_EQ(prefix, hash + static_cast<char>(kHashedPartitionKeyMarker) + Digest(bytes));
    }
    EXPECT_LE(prefix.size(), kMaxPartitionPrefixLength);
  }
}

TEST(KeyCodec, SortKeysBeyondInlineLimitOverflow) {
  std::mt19937_64 rng(TestSeed());
  for (size_t pk_len : {0u, 1u, 36u, 128u, 129u, 2048u}) {
    const AttributeValue pk = S(std::string(pk_len, 'p'));
    const std::string prefix = EncodePartitionPrefix(pk);
    const size_t p = SortKeyInlineLimit(prefix.size());
    EXPECT_GE(p, 358u);
    EXPECT_LE(p, 486u);
    const std::string base = RandomBytes(rng, 1024);
    for (size_t sk_len : {p - 1, p, p + 1, p + 15, p + 16, p + 17, size_t{1024}}) {
      const AttributeValue sk = S(base.substr(0, sk_len));
      const std::string key = EncodePrimaryKey(pk, &sk);
      ASSERT_LE(key.size(), kMaxKeyLength);
      if (sk_len <= p) {
        EXPECT_EQ(key, prefix + sk.s());
        EXPECT_FALSE(IsOverflowKey(key));
      } else {
        EXPECT_EQ(key, prefix + sk.s().substr(0, p) + Digest(sk.s()));
        EXPECT_EQ(key.size(), kMaxKeyLength);
        EXPECT_TRUE(IsOverflowKey(key));
        EXPECT_EQ(BucketPrefix(key), prefix + sk.s().substr(0, p));
      }
    }
  }
}

TEST(KeyCodec, ParsesPrimaryKeys) {
  std::mt19937_64 rng(TestSeed());
  for (int i = 0; i < 2000; ++i) {
    const size_t pk_len = rng() % 3 == 0 ? 129 + rng() % 1920 : rng() % 129;
    const size_t sk_len = rng() % 3 == 0 ? 255 + rng() % 770 : rng() % 40;
    const AttributeValue pk = S(RandomBytes(rng, pk_len));
    const AttributeValue sk = AttributeValue::B(RandomBytes(rng, sk_len));
    const bool has_sort_key = rng() % 4 != 0;
    const std::string key = EncodePrimaryKey(pk, has_sort_key ? &sk : nullptr);
    ASSERT_LE(key.size(), kMaxKeyLength);
    StatusOr<PrimaryKeyParts> parts = ParsePrimaryKey(key);
    ASSERT_TRUE(parts.ok()) << parts.status().ToString();
    EXPECT_EQ(parts->hash, PartitionHash(pk));
    EXPECT_EQ(parts->partition_prefix, EncodePartitionPrefix(pk));
    EXPECT_EQ(parts->partition_key_hashed, pk_len > kMaxInlinePartitionKeyLength);
    const size_t p = SortKeyInlineLimit(parts->partition_prefix.size());
    EXPECT_EQ(parts->sort_key_overflow, has_sort_key && sk_len > p);
    EXPECT_EQ(parts->sort_key_overflow, IsOverflowKey(key));

    StatusOr<AttributeValue> pk_back = DecodePartitionKey(key, AttributeValue::Type::kS);
    if (parts->partition_key_hashed) {
      EXPECT_FALSE(pk_back.ok());
    } else {
      ASSERT_TRUE(pk_back.ok()) << pk_back.status().ToString();
      EXPECT_TRUE(*pk_back == pk);
    }
    if (!has_sort_key) {
      EXPECT_TRUE(parts->sort_part.empty());
      continue;
    }
    StatusOr<AttributeValue> sk_back = DecodeSortKey(key, AttributeValue::Type::kB);
    if (parts->sort_key_overflow) {
      EXPECT_FALSE(sk_back.ok());
    } else {
      ASSERT_TRUE(sk_back.ok()) << sk_back.status().ToString();
      EXPECT_TRUE(*sk_back == sk);
    }
  }
  // N sort keys decode from the key.
  const AttributeValue pk = S("a");
  const AttributeValue n = AttributeValue::N(*Number::Parse("-1.5e-7"));
  StatusOr<AttributeValue> n_back =
      DecodeSortKey(EncodePrimaryKey(pk, &n), AttributeValue::Type::kN);
  ASSERT_TRUE(n_back.ok());
  EXPECT_TRUE(*n_back == n);
}

TEST(KeyCodec, RejectsMalformedPrimaryKeys) {
  const AttributeValue pk = S("abc");
  const std::string prefix = EncodePartitionPrefix(pk);
  const std::string hash = prefix.substr(0, 8);
  const size_t p = SortKeyInlineLimit(prefix.size());
  const std::vector<std::string> bad = {
      std::string(),
      hash,                                       // no partition part
      hash + "\x05" "abc",                        // truncated partition key
      hash + "\x81" + std::string(129, 'x'),      // length above 128, not the marker
      hash + "\xFF" + std::string(15, 'd'),       // truncated digest
      prefix + std::string(p + 1, 's'),           // neither inline nor overflow
      prefix + std::string(p + 15, 's'),
      std::string(kMaxKeyLength + 1, '\x01'),     // longer than LMDB allows
  };
  for (const std::string& key : bad) {
    StatusOr<PrimaryKeyParts> parts = ParsePrimaryKey(key);
    EXPECT_FALSE(parts.ok()) << testing::PrintToString(key);
    if (!parts.ok()) {
      EXPECT_EQ(parts.status().type(), ErrorType::kInternalServerError);
    }
  }
  // A corrupt N sort key is reported, not misread.
  EXPECT_FALSE(DecodeSortKey(prefix + "\xC1\x15", AttributeValue::Type::kN).ok());
}

TEST(KeyCodec, PartitionPrefixesArePrefixFree) {
  // A cursor that stops when the key no longer starts with the partition
  // prefix must never wander into another partition: no prefix starts
  // another (hash ties included, so compare the partition parts alone).
  std::mt19937_64 rng(TestSeed());
  std::vector<std::string> parts;
  std::set<std::string> seen;
  std::vector<std::string> raw;
  for (int i = 0; i < 600; ++i) {
    std::string bytes;
    if (!raw.empty() && rng() % 3 == 0) {  // prefixes and extensions of others
      bytes = raw[rng() % raw.size()];
      if (rng() % 2) {
        bytes.resize(rng() % (bytes.size() + 1));
      } else {
        bytes += RandomBytes(rng, 1 + rng() % 3);
      }
    } else {
      const size_t len = rng() % 2 ? rng() % 140 : 120 + rng() % 1929;
      bytes = RandomBytes(rng, len);
    }
    if (bytes.size() > 2048 || !seen.insert(bytes).second) continue;
    raw.push_back(bytes);
    parts.push_back(EncodePartitionPrefix(AttributeValue::B(bytes)).substr(8));
  }
  for (size_t i = 0; i < parts.size(); ++i) {
    for (size_t j = 0; j < parts.size(); ++j) {
      if (i == j) continue;
      ASSERT_FALSE(std::string_view(parts[j]).starts_with(parts[i]))
          << "partition " << i << " is a prefix of " << j;
    }
  }
}

TEST(KeyCodec, EqualKeysEncodeEquallyDistinctKeysDistinctly) {
  std::mt19937_64 rng(TestSeed());
  // Numbers written differently are the same key.
  const AttributeValue a = AttributeValue::N(*Number::Parse("1e3"));
  const AttributeValue b = AttributeValue::N(*Number::Parse("1000.00"));
  EXPECT_EQ(EncodePrimaryKey(a, &b), EncodePrimaryKey(b, &a));
  // (pk, sk) pairs with long shared prefixes, some repeated: keys are equal
  // exactly when the pairs are.
  const std::string shared = RandomBytes(rng, 2048);
  std::map<std::pair<std::string, std::string>, std::string> key_of;
  std::map<std::string, std::pair<std::string, std::string>> pair_of;
  for (size_t pk_len : {1u, 128u, 129u, 1000u, 2048u}) {
    for (int i = 0; i < 400; ++i) {
      std::string sk = shared.substr(0, 255 + rng() % 770) + RandomBytes(rng, rng() % 2);
      if (sk.size() > 1024) sk.erase(0, sk.size() - 1024);
      std::pair<std::string, std::string> kv(shared.substr(0, pk_len), sk);
      const AttributeValue pk_value = S(kv.first);
      const AttributeValue sk_value = S(kv.second);
      const std::string key = EncodePrimaryKey(pk_value, &sk_value);
      ASSERT_LE(key.size(), kMaxKeyLength);
      auto [it, inserted] = key_of.emplace(kv, key);
      EXPECT_EQ(it->second, key);  // equal pairs, equal keys
      auto [it2, inserted2] = pair_of.emplace(key, kv);
      EXPECT_TRUE(it2->second == kv) << "two pairs share a key";
    }
  }
  EXPECT_EQ(key_of.size(), pair_of.size());
  EXPECT_LT(key_of.size(), 2000u);  // some pairs repeated
}

TEST(KeyCodec, ScanOrderIsHashOrder) {
  std::mt19937_64 rng(TestSeed());
  std::vector<std::pair<std::string, uint64_t>> keys;
  for (int i = 0; i < 1000; ++i) {
    const AttributeValue pk = S(RandomBytes(rng, 1 + rng() % 300));
    const AttributeValue sk = S(RandomBytes(rng, rng() % 600));
    keys.emplace_back(EncodePrimaryKey(pk, &sk), PartitionHash(pk));
  }
  std::sort(keys.begin(), keys.end());
  for (size_t i = 1; i < keys.size(); ++i) EXPECT_LE(keys[i - 1].second, keys[i].second);
}

}  // namespace
}  // namespace lmddb::keycodec
