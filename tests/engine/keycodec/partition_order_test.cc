// Query order for long keys: items are put into a std::map (LMDB's byte
// order), one partition is iterated from a seek position in either
// direction through SortKeyOrderer, and the result must be DynamoDB's
// sort key order exactly.
#include "testing/test_util.h"
#include "engine/keycodec/partition_order.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "engine/keycodec/primary_key.h"
#include "engine/keycodec/value_codec.h"

namespace lmddb::keycodec {
namespace {

using testing_util::TestSeed;


std::string RandomBytes(std::mt19937_64& rng, size_t n) {
  // Mostly the bytes around escapes and order boundaries.
  static constexpr char kAlphabet[] = {'\x00', '\x01', '\x7F', '\x80', '\xFE', '\xFF', 'a', 'b'};
  std::string s(n, '\0');
  for (char& c : s) c = rng() % 4 ? kAlphabet[rng() % sizeof(kAlphabet)] : static_cast<char>(rng());
  return s;
}

// Unsigned byte comparison written out, independent of the codec.
bool BytesLess(const std::string& a, const std::string& b) {
  const size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    const auto x = static_cast<uint8_t>(a[i]);
    const auto y = static_cast<uint8_t>(b[i]);
    if (x != y) return x < y;
  }
  return a.size() < b.size();
}

struct Stored {
  int partition;
  AttributeValue sort_key;
};
using Table = std::map<std::string, Stored>;  // byte order, as LMDB

// Sort keys for a partition whose inline limit is p: short keys, keys
// around p, and 255..1024-byte keys sharing 300, 600 or 1000 leading
// bytes, plus prefixes of long keys and 0xFF-padded neighbours.
std::vector<std::string> SortKeysFor(std::mt19937_64& rng, size_t p, const std::string& base) {
  std::vector<std::string> keys;
  for (int i = 0; i < 40; ++i) keys.push_back(RandomBytes(rng, rng() % 12));
  for (size_t common : {size_t{300}, size_t{600}, size_t{1000}, p - 2, p, p + 3}) {
    for (int i = 0; i < 25; ++i) {
      const size_t len = std::max<size_t>(common + 1, 255 + rng() % 770);
      std::string k = base.substr(0, std::min(common, base.size()));
      k += RandomBytes(rng, std::min<size_t>(len, 1024) - k.size());
      keys.push_back(k);
    }
  }
  for (size_t len : {size_t{255}, p - 1, p, p + 1, p + 15, p + 16, p + 17, size_t{1023},
                     size_t{1024}}) {
    keys.push_back(base.substr(0, len));
    std::string ff = base.substr(0, len - 1) + '\xFF';
    keys.push_back(ff);
    std::string zero = base.substr(0, len - 1) + '\x00';
    keys.push_back(zero);
  }
  const size_t long_keys = keys.size();
  for (size_t i = 0; i < 30; ++i) {  // prefixes of other keys
    const std::string& k = keys[rng() % long_keys];
    keys.push_back(k.substr(0, rng() % (k.size() + 1)));
  }
  std::sort(keys.begin(), keys.end(), BytesLess);
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

struct Partition {
  AttributeValue pk;
  std::string prefix;
  std::vector<AttributeValue> sorted;  // DynamoDB order
};

class PartitionOrderTest : public testing::Test {
 protected:
  void SetUp() override {
    std::mt19937_64 rng(TestSeed());
    const std::string base = RandomBytes(rng, 1024);
    std::vector<AttributeValue> pks = {
        AttributeValue::S("user#1"),
        AttributeValue::S(""),
        AttributeValue::S(std::string(128, 'k')),
        AttributeValue::S(std::string(129, 'k')),
        AttributeValue::S(std::string(2048, 'k')),
        AttributeValue::B(RandomBytes(rng, 300)),
        AttributeValue::N(Number::FromInt64(12345)),
    };
    for (int i = 0; i < 3; ++i) {
      pks.push_back(AttributeValue::S(RandomBytes(rng, 129 + rng() % 1920)));
    }
    for (size_t i = 0; i < pks.size(); ++i) {
      Partition part;
      part.pk = pks[i];
      part.prefix = EncodePartitionPrefix(pks[i]);
      const size_t p = SortKeyInlineLimit(part.prefix.size());
      std::vector<std::string> sks = SortKeysFor(rng, p, base);
      for (const std::string& sk : sks) {
        // Alternate S and B sort keys between partitions: same order.
        part.sorted.push_back(i % 2 ? AttributeValue::B(sk) : AttributeValue::S(sk));
      }
      // Shuffled insertion: the map orders them.
      std::vector<size_t> order(part.sorted.size());
      for (size_t j = 0; j < order.size(); ++j) order[j] = j;
      std::shuffle(order.begin(), order.end(), rng);
      for (size_t j : order) {
        const std::string key = EncodePrimaryKey(part.pk, &part.sorted[j]);
        ASSERT_LE(key.size(), kMaxKeyLength);
        ASSERT_EQ(IsOverflowKey(key), sks[j].size() > p);
        ASSERT_TRUE(table_.emplace(key, Stored{static_cast<int>(i), part.sorted[j]}).second)
            << "distinct keys collided";
        ASSERT_EQ(EncodePrimaryKey(part.pk, &part.sorted[j]), key) << "not deterministic";
      }
      partitions_.push_back(std::move(part));
    }
  }

  // Feeds [first, last) (forward) or (last, first] walking down (reverse)
  // into an orderer and returns the sort keys it yields.
  std::vector<AttributeValue> Run(Table::const_iterator it, Table::const_iterator end,
                                  const std::string& prefix, Direction dir,
                                  bool lazy_sort_keys) {
    SortKeyOrderer<const Stored*> orderer(dir);
    std::vector<AttributeValue> out;
    SortKeyOrderer<const Stored*>::Entry e;
    size_t largest_pending = 0;
    auto feed = [&](Table::const_iterator i) {
      const bool overflow = IsOverflowKey(i->first);
      orderer.Add(i->first, &i->second,
                  overflow || !lazy_sort_keys ? i->second.sort_key : AttributeValue());
      if (!overflow) {
        EXPECT_EQ(orderer.pending(), 0u) << "an inline key releases the bucket before it";
      }
      largest_pending = std::max(largest_pending, orderer.pending());
      while (orderer.Next(&e)) out.push_back(e.payload->sort_key);
    };
    if (dir == Direction::kForward) {
      for (; it != end && std::string_view(it->first).starts_with(prefix); ++it) feed(it);
    } else {
      while (it != end) {
        --it;
        if (!std::string_view(it->first).starts_with(prefix)) break;
        feed(it);
      }
    }
    orderer.Finish();
    while (orderer.Next(&e)) out.push_back(e.payload->sort_key);
    largest_bucket_ = std::max(largest_bucket_, largest_pending);
    return out;
  }

  static void ExpectSame(const std::vector<AttributeValue>& got,
                         const std::vector<AttributeValue>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i) {
      ASSERT_TRUE(got[i] == want[i]) << "position " << i;
    }
  }

  Table table_;
  std::vector<Partition> partitions_;
  size_t largest_bucket_ = 0;
};

TEST_F(PartitionOrderTest, IteratesLongKeysInSortKeyOrder) {
  int overflow_keys = 0;
  for (const auto& [key, stored] : table_) overflow_keys += IsOverflowKey(key);
  ASSERT_GT(overflow_keys, 500);
  std::printf("%zu keys, %d overflow keys\n", table_.size(), overflow_keys);
  for (const Partition& part : partitions_) {
    SCOPED_TRACE("partition key length " + std::to_string(part.prefix.size()));
    std::vector<AttributeValue> reversed(part.sorted.rbegin(), part.sorted.rend());
    for (bool lazy : {false, true}) {
      ExpectSame(Run(table_.lower_bound(part.prefix), table_.end(), part.prefix,
                     Direction::kForward, lazy),
                 part.sorted);
      // Reverse: seek past the partition's last key and walk down.
      const std::string after = part.prefix + std::string(kMaxKeyLength, '\xFF');
      ExpectSame(Run(table_.lower_bound(after), table_.begin(), part.prefix,
                     Direction::kReverse, lazy),
                 reversed);
    }
  }
  EXPECT_GT(largest_bucket_, 50u) << "the data should form large buckets";
}

TEST_F(PartitionOrderTest, SortKeyBoundsCoverRanges) {
  std::mt19937_64 rng(TestSeed() + 1);
  for (const Partition& part : partitions_) {
    SCOPED_TRACE("partition key length " + std::to_string(part.prefix.size()));
    const bool binary = part.sorted.front().is(AttributeValue::Type::kB);
    auto bytes_of = [&](const AttributeValue& v) { return binary ? v.b() : v.s(); };
    auto make = [&](std::string s) {
      return binary ? AttributeValue::B(std::move(s)) : AttributeValue::S(std::move(s));
    };
    // Probes: stored keys, their neighbours, prefixes and extensions.
    std::vector<AttributeValue> probes;
    for (int i = 0; i < 60; ++i) {
      std::string s = bytes_of(part.sorted[rng() % part.sorted.size()]);
      const int kind = static_cast<int>(rng() % 4);
      if (kind == 1 && !s.empty()) s.resize(rng() % s.size());
      if (kind == 2 && s.size() < 1024) s.push_back(static_cast<char>(rng()));
      if (kind == 3 && !s.empty()) s.back() = static_cast<char>(rng());
      probes.push_back(make(s));
    }
    for (const AttributeValue& v : probes) {
      std::vector<AttributeValue> at_least;
      std::vector<AttributeValue> at_most;
      for (const AttributeValue& sk : part.sorted) {
        if (CompareKeyValues(sk, v) >= 0) at_least.push_back(sk);
      }
      for (auto it = part.sorted.rbegin(); it != part.sorted.rend(); ++it) {
        if (CompareKeyValues(*it, v) <= 0) at_most.push_back(*it);
      }
      // Forward from the lower bound: everything >= v, in order, after
      // dropping the (bucket-mates) < v at the start.
      std::vector<AttributeValue> got = Run(table_.lower_bound(EncodeSortKeyLowerBound(part.pk, v)),
                                            table_.end(), part.prefix, Direction::kForward, true);
      size_t skip = 0;
      while (skip < got.size() && CompareKeyValues(got[skip], v) < 0) ++skip;
      ExpectSame(std::vector<AttributeValue>(got.begin() + skip, got.end()), at_least);
      // Reverse from the upper bound: everything <= v, descending.
      got = Run(table_.upper_bound(EncodeSortKeyUpperBound(part.pk, v)), table_.begin(),
                part.prefix, Direction::kReverse, true);
      skip = 0;
      while (skip < got.size() && CompareKeyValues(got[skip], v) > 0) ++skip;
      ExpectSame(std::vector<AttributeValue>(got.begin() + skip, got.end()), at_most);

      // begins_with(v): every match lies between the prefix bounds.
      const std::string lo = EncodeSortKeyLowerBound(part.pk, v);
      const std::string hi = EncodeSortKeyPrefixUpperBound(part.pk, v);
      ASSERT_EQ(hi.size(), kMaxKeyLength);
      for (const AttributeValue& sk : part.sorted) {
        if (!std::string_view(bytes_of(sk)).starts_with(bytes_of(v))) continue;
        const std::string key = EncodePrimaryKey(part.pk, &sk);
        EXPECT_LE(lo, key);
        EXPECT_LE(key, hi);
      }
    }
  }
}

TEST(KeyCodec, NumberSortKeysIterateNumerically) {
  std::mt19937_64 rng(TestSeed());
  const AttributeValue pk = AttributeValue::S("nums");
  std::vector<AttributeValue> values;
  for (int i = 0; i < 2000; ++i) {
    unsigned __int128 c = rng() % 2 ? rng() : (static_cast<unsigned __int128>(rng()) << 60) + rng();
    if (c == 0) c = 1;
    unsigned __int128 limit = 1;
    for (int d = 0; d < 38; ++d) limit *= 10;
    while (c >= limit) c /= 10;
    const int exponent = -160 + static_cast<int>(rng() % 250);
    StatusOr<Number> n = Number::FromParts(rng() % 2 == 0, c, exponent);
    if (n.ok()) values.push_back(AttributeValue::N(*n));
  }
  values.push_back(AttributeValue::N(Number()));
  std::map<std::string, AttributeValue> table;
  for (const AttributeValue& v : values) table.emplace(EncodePrimaryKey(pk, &v), v);
  std::sort(values.begin(), values.end(), [](const AttributeValue& a, const AttributeValue& b) {
    return a.n() < b.n();
  });
  values.erase(std::unique(values.begin(), values.end()), values.end());
  ASSERT_EQ(table.size(), values.size());
  size_t i = 0;
  for (const auto& [key, v] : table) {
    EXPECT_FALSE(IsOverflowKey(key));
    ASSERT_TRUE(v == values[i++]);
    StatusOr<AttributeValue> back = DecodeSortKey(key, AttributeValue::Type::kN);
    ASSERT_TRUE(back.ok());
    EXPECT_TRUE(*back == v);
  }
}

TEST(KeyCodec, OrdererReleasesBucketsInBothDirections) {
  // A bucket fed in digest order comes out sorted by the full sort key;
  // an inline key after it waits behind it.
  const AttributeValue pk = AttributeValue::S("p");
  const size_t p = SortKeyInlineLimit(EncodePartitionPrefix(pk).size());
  const std::string head(p, 'h');
  std::vector<std::pair<std::string, AttributeValue>> bucket;
  for (const char* tail : {"c", "a", "b", "ab"}) {
    AttributeValue sk = AttributeValue::S(head + tail);
    bucket.emplace_back(EncodePrimaryKey(pk, &sk), sk);
  }
  std::sort(bucket.begin(), bucket.end(),
            [](const auto& x, const auto& y) { return x.first < y.first; });
  const AttributeValue after = AttributeValue::S("i");
  const std::string after_key = EncodePrimaryKey(pk, &after);
  for (Direction dir : {Direction::kForward, Direction::kReverse}) {
    SortKeyOrderer<std::string> orderer(dir);
    if (dir == Direction::kReverse) std::reverse(bucket.begin(), bucket.end());
    for (const auto& [key, sk] : bucket) orderer.Add(key, sk.s(), sk);
    SortKeyOrderer<std::string>::Entry e;
    EXPECT_FALSE(orderer.Next(&e)) << "a bucket waits until it is complete";
    EXPECT_EQ(orderer.pending(), 4u);
    std::vector<std::string> got;
    if (dir == Direction::kForward) {
      orderer.Add(after_key, "i");
    } else {
      orderer.Finish();
    }
    while (orderer.Next(&e)) got.push_back(e.payload);
    const std::vector<std::string> want_forward = {head + "a", head + "ab", head + "b",
                                                   head + "c", "i"};
    const std::vector<std::string> want_reverse = {head + "c", head + "b", head + "ab",
                                                   head + "a"};
    EXPECT_EQ(got, dir == Direction::kForward ? want_forward : want_reverse);
  }
}

}  // namespace
}  // namespace lmddb::keycodec
