// Tests for the C++ API (lmddb/lmddb.hpp) that exercise the storage
// underneath: long keys stored with digests, persistence across reopen in
// both durability modes, map growth, and concurrent use from many threads.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "lmddb/lmddb.hpp"
#include "tests/api/cpp/test_util.h"

namespace lmddb {
namespace {

using namespace lmddb::testing_util;  // NOLINT
using T = AttributeValue::Type;

std::string Id(int i) {
  char buf[16];
  snprintf(buf, sizeof(buf), "%06d", i);
  return buf;
}

// Key values of `len` bytes that share long prefixes: all `fill`; all
// `fill` but the last byte (two ways); and one differing in the first byte.
std::vector<std::string> Variants(size_t len, char fill, char last1, char last2, char first) {
  std::vector<std::string> out;
  out.push_back(std::string(len, fill));
  std::string a(len, fill), b(len, fill), c(len, fill);
  a.back() = last1;
  b.back() = last2;
  c.front() = first;
  out.push_back(a);
  out.push_back(b);
  if (len > 1) out.push_back(c);
  return out;
}

AttributeValue KeyValue(T type, const std::string& bytes) {
  return type == T::kS ? AttributeValue::S(bytes) : AttributeValue::B(bytes);
}

// Puts pk x sk items with long, prefix-sharing keys, reads each back
// exactly, deletes a third, and checks that exactly the others remain.
void LongKeysRoundTrip(T type) {
  TempDir dir;
  auto db = OpenDb(dir.path());
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->CreateTable(TableRequest("Long", type, type)).ok());
  const bool s = type == T::kS;
  std::vector<std::string> pks, sks;
  // 128 is the longest partition key stored inline, 129 the shortest as a
  // digest. With a 1-byte partition key, sort keys over 485 bytes overflow
  // (P = 511 - 16 - 10); with a 128-byte one, over 358; with a digest
  // partition, over 470.
  for (size_t len : {1, 127, 128, 129, 1000, 2048}) {
    for (auto& v : Variants(len, s ? 'p' : '\0', s ? 'q' : '\x01', s ? 'r' : '\xff', s ? 'P' : '\x7f')) {
      pks.push_back(v);
    }
  }
  for (size_t len : {1, 300, 357, 358, 359, 470, 471, 485, 486, 1000, 1023, 1024}) {
    for (auto& v : Variants(len, s ? 's' : '\xff', s ? 't' : '\0', s ? 'u' : '\x01', s ? 'S' : '\x80')) {
      sks.push_back(v);
    }
  }
  Table table = db->table("Long");
  auto item_of = [&](size_t p, size_t k) {
    return Item{{"pk", KeyValue(type, pks[p])},
                {"sk", KeyValue(type, sks[k])},
                {"id", AttributeValue::S(Id(static_cast<int>(p * 1000 + k)))}};
  };
  auto key_of = [&](size_t p, size_t k) {
    return Item{{"pk", KeyValue(type, pks[p])}, {"sk", KeyValue(type, sks[k])}};
  };
  auto size_of = [&](size_t p, size_t k) {
    return static_cast<int64_t>(2 + pks[p].size() + 2 + sks[k].size() + 2 + 6);
  };
  int64_t count = 0, size = 0;
  for (size_t p = 0; p < pks.size(); ++p) {
    for (size_t k = 0; k < sks.size(); ++k) {
      Status st = table.PutItem(item_of(p, k));
      ASSERT_TRUE(st.ok()) << "pk " << pks[p].size() << " sk " << sks[k].size() << ": "
                           << st.ToString();
      ++count;
      size += size_of(p, k);
    }
  }
  auto d = table.Describe();
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->item_count, count) << "some puts overwrote other keys' items";
  EXPECT_EQ(d->table_size_bytes, size);

  for (size_t p = 0; p < pks.size(); ++p) {
    for (size_t k = 0; k < sks.size(); ++k) {
      auto got = table.GetItem(key_of(p, k));
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      ASSERT_TRUE(got->has_value()) << "pk " << pks[p].size() << " sk " << sks[k].size();
      EXPECT_EQ(**got, item_of(p, k)) << "pk " << pks[p].size() << " sk " << sks[k].size();
    }
  }

  // Delete every third item, checking ALL_OLD names the right one.
  for (size_t p = 0; p < pks.size(); ++p) {
    for (size_t k = 0; k < sks.size(); ++k) {
      if ((p + k) % 3 != 0) continue;
      auto r = db->DeleteItem(DeleteItemRequest{"Long", key_of(p, k), ReturnValue::kAllOld});
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      ASSERT_TRUE(r->attributes.has_value());
      EXPECT_EQ(*r->attributes, item_of(p, k));
      --count;
      size -= size_of(p, k);
    }
  }
  for (size_t p = 0; p < pks.size(); ++p) {
    for (size_t k = 0; k < sks.size(); ++k) {
      auto got = table.GetItem(key_of(p, k));
      ASSERT_TRUE(got.ok());
      if ((p + k) % 3 == 0) {
        EXPECT_FALSE(got->has_value()) << "deleted item is back: pk " << pks[p].size() << " sk "
                                       << sks[k].size();
      } else {
        ASSERT_TRUE(got->has_value()) << "pk " << pks[p].size() << " sk " << sks[k].size();
        EXPECT_EQ(**got, item_of(p, k));
      }
    }
  }
  d = table.Describe();
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->item_count, count);
  EXPECT_EQ(d->table_size_bytes, size);
}

TEST(LongKeys, StringKeysSharingLongPrefixesRoundTrip) { LongKeysRoundTrip(T::kS); }
TEST(LongKeys, BinaryKeysSharingLongPrefixesRoundTrip) { LongKeysRoundTrip(T::kB); }

TEST(LongKeys, HashOnlyLongPartitionKeys) {
  TempDir dir;
  auto db = OpenDb(dir.path());
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->CreateTable(TableRequest("LongHash", T::kS)).ok());
  Table t = db->table("LongHash");
  std::vector<std::string> pks;
  for (size_t len : {128, 129, 130, 1000, 2047, 2048}) {
    for (char last = 'a'; last <= 'e'; ++last) {
      std::string k(len, 'k');
      k.back() = last;
      pks.push_back(k);
    }
    pks.push_back(std::string(len, 'k'));
  }
  for (size_t i = 0; i < pks.size(); ++i) {
    LMDDB_ASSERT_OK(t.PutItem({{"pk", S(pks[i])}, {"i", N(static_cast<int64_t>(i))}}));
  }
  for (size_t i = 0; i < pks.size(); ++i) {
    auto got = t.GetItem({{"pk", S(pks[i])}});
    ASSERT_TRUE(got.ok() && got->has_value()) << pks[i].size();
    EXPECT_EQ((**got).at("i").n(), Number::FromInt64(static_cast<int64_t>(i)));
    EXPECT_EQ((**got).at("pk").s(), pks[i]);
  }
  for (size_t i = 0; i < pks.size(); i += 2) LMDDB_ASSERT_OK(t.DeleteItem({{"pk", S(pks[i])}}));
  for (size_t i = 0; i < pks.size(); ++i) {
    auto got = t.GetItem({{"pk", S(pks[i])}});
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->has_value(), i % 2 == 1) << pks[i].size();
  }
  auto d = t.Describe();
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->item_count, static_cast<int64_t>(pks.size() / 2));
}

// Multi-byte UTF-8 keys near the limits: the limits are in bytes.
TEST(LongKeys, Utf8KeysAtTheByteLimits) {
  TempDir dir;
  auto db = OpenDb(dir.path());
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->CreateTable(TableRequest("Utf8", T::kS, T::kS)).ok());
  Table t = db->table("Utf8");
  std::string pk, sk;
  for (int i = 0; i < 512; ++i) pk += "\xF0\x9F\x98\x80";  // 2048 bytes
  for (int i = 0; i < 341; ++i) sk += "\xE2\x82\xAC";      // 1023 bytes
  std::string sk2 = sk + "a";                               // 1024 bytes
  LMDDB_ASSERT_OK(t.PutItem({{"pk", S(pk)}, {"sk", S(sk)}, {"v", N(1)}}));
  LMDDB_ASSERT_OK(t.PutItem({{"pk", S(pk)}, {"sk", S(sk2)}, {"v", N(2)}}));
  auto a = t.GetItem({{"pk", S(pk)}, {"sk", S(sk)}});
  auto b = t.GetItem({{"pk", S(pk)}, {"sk", S(sk2)}});
  ASSERT_TRUE(a.ok() && a->has_value() && b.ok() && b->has_value());
  EXPECT_EQ((**a).at("v").n(), Number::FromInt64(1));
  EXPECT_EQ((**b).at("v").n(), Number::FromInt64(2));
}

// ------------------------------------------------------------ persistence

class Persistence : public ::testing::TestWithParam<Durability> {};

TEST_P(Persistence, TablesItemsAndCountsSurviveReopen) {
  TempDir dir;
  Options options;
  options.durability = GetParam();
  std::vector<TableDescription> before;
  const std::string big(150000, 'B');
  const std::string long_pk(1500, 'L');
  const std::string long_sk(1024, '\x01');
  {
    auto db = OpenDb(dir.path(), options);
    ASSERT_NE(db, nullptr);
    CreateTableRequest prov = TableRequest("Prov", T::kS);
    prov.billing_mode.reset();
    prov.provisioned_throughput = ProvisionedThroughput{3, 4};
    ASSERT_TRUE(db->CreateTable(prov).ok());
    ASSERT_TRUE(db->CreateTable(TableRequest("Composite", T::kN, T::kB)).ok());
    ASSERT_TRUE(db->CreateTable(TableRequest("Dropped", T::kS)).ok());
    Table p = db->table("Prov"), c = db->table("Composite");
    for (int i = 0; i < 50; ++i) {
      LMDDB_ASSERT_OK(p.PutItem({{"pk", S("k" + std::to_string(i))}, {"v", N(i)}}));
    }
    LMDDB_ASSERT_OK(p.PutItem({{"pk", S("big")}, {"data", S(big)}}));
    LMDDB_ASSERT_OK(p.PutItem({{"pk", S(long_pk)}, {"x", AttributeValue::Bool(true)}}));
    for (int i = 0; i < 10; i += 2) LMDDB_ASSERT_OK(p.DeleteItem({{"pk", S("k" + std::to_string(i))}}));
    LMDDB_ASSERT_OK(c.PutItem({{"pk", N("1e3")}, {"sk", B(long_sk)}, {"m", AttributeValue::M({{"a", N(1)}})}}));
    LMDDB_ASSERT_OK(c.PutItem({{"pk", N(-7)}, {"sk", B(std::string(1, '\0'))}}));
    LMDDB_ASSERT_OK(db->table("Dropped").PutItem({{"pk", S("gone")}}));
    ASSERT_TRUE(db->DeleteTable(DeleteTableRequest{"Dropped"}).ok());
    for (const char* name : {"Composite", "Prov"}) {
      auto d = db->DescribeTable(DescribeTableRequest{name});
      ASSERT_TRUE(d.ok());
      before.push_back(d->table);
    }
  }
  for (Durability reopen : {GetParam(), GetParam() == Durability::kSync ? Durability::kNoSync
                                                                       : Durability::kSync}) {
    Options o;
    o.durability = reopen;
    auto db = OpenDb(dir.path(), o);
    ASSERT_NE(db, nullptr);
    auto list = db->ListTables(ListTablesRequest{});
    ASSERT_TRUE(list.ok());
    EXPECT_EQ(list->table_names, (std::vector<std::string>{"Composite", "Prov"}));
    for (const TableDescription& b : before) {
      auto d = db->DescribeTable(DescribeTableRequest{b.table_name});
      ASSERT_TRUE(d.ok()) << b.table_name;
      const TableDescription& a = d->table;
      EXPECT_EQ(a.table_id, b.table_id);
      EXPECT_EQ(a.table_arn, b.table_arn);
      EXPECT_EQ(a.creation_date_time_ms, b.creation_date_time_ms);
      EXPECT_EQ(a.table_status, TableStatus::kActive);
      EXPECT_EQ(a.item_count, b.item_count);
      EXPECT_EQ(a.table_size_bytes, b.table_size_bytes);
      EXPECT_EQ(a.billing_mode, b.billing_mode);
      EXPECT_EQ(a.provisioned_throughput.read_capacity_units, b.provisioned_throughput.read_capacity_units);
      EXPECT_EQ(a.provisioned_throughput.write_capacity_units, b.provisioned_throughput.write_capacity_units);
      ASSERT_EQ(a.key_schema.size(), b.key_schema.size());
      for (size_t i = 0; i < a.key_schema.size(); ++i) {
        EXPECT_EQ(a.key_schema[i].attribute_name, b.key_schema[i].attribute_name);
        EXPECT_EQ(a.key_schema[i].key_type, b.key_schema[i].key_type);
        EXPECT_EQ(a.attribute_definitions[i].attribute_type, b.attribute_definitions[i].attribute_type);
      }
    }
    EXPECT_EQ(before[1].item_count, 52 - 5);
    EXPECT_EQ(before[0].item_count, 2);
    Table p = db->table("Prov"), c = db->table("Composite");
    for (int i = 0; i < 50; ++i) {
      auto got = p.GetItem({{"pk", S("k" + std::to_string(i))}});
      ASSERT_TRUE(got.ok());
      if (i < 10 && i % 2 == 0) {
        EXPECT_FALSE(got->has_value()) << i;
      } else {
        ASSERT_TRUE(got->has_value()) << i;
        EXPECT_EQ((**got).at("v").n(), Number::FromInt64(i));
      }
    }
    auto got_big = p.GetItem({{"pk", S("big")}});
    ASSERT_TRUE(got_big.ok() && got_big->has_value());
    EXPECT_EQ((**got_big).at("data").s(), big);
    auto got_long = p.GetItem({{"pk", S(long_pk)}});
    ASSERT_TRUE(got_long.ok() && got_long->has_value());
    auto got_c = c.GetItem({{"pk", N(1000)}, {"sk", B(long_sk)}});
    ASSERT_TRUE(got_c.ok() && got_c->has_value());
    EXPECT_EQ((**got_c).at("pk").n().ToString(), "1000");
    EXPECT_EQ((**got_c).at("m").m().at("a").n(), Number::FromInt64(1));
    auto dropped = db->DescribeTable(DescribeTableRequest{"Dropped"});
    EXPECT_EQ(dropped.status().type(), ErrorType::kResourceNotFound);
  }
  // Writes after a reopen persist too; a table re-created under the dropped
  // name starts empty.
  {
    auto db = OpenDb(dir.path(), options);
    ASSERT_NE(db, nullptr);
    ASSERT_TRUE(db->CreateTable(TableRequest("Dropped", T::kS)).ok());
    LMDDB_ASSERT_OK(db->table("Prov").PutItem({{"pk", S("after")}}));
  }
  auto db = OpenDb(dir.path(), options);
  ASSERT_NE(db, nullptr);
  auto dropped = db->table("Dropped").Describe();
  ASSERT_TRUE(dropped.ok());
  EXPECT_EQ(dropped->item_count, 0);
  EXPECT_EQ(dropped->table_size_bytes, 0);
  auto gone = db->table("Dropped").GetItem({{"pk", S("gone")}});
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
  auto after = db->table("Prov").GetItem({{"pk", S("after")}});
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->has_value());
  auto prov = db->table("Prov").Describe();
  ASSERT_TRUE(prov.ok());
  EXPECT_EQ(prov->item_count, before[1].item_count + 1);
  EXPECT_EQ(prov->table_size_bytes, before[1].table_size_bytes + 2 + 5);
}

INSTANTIATE_TEST_SUITE_P(Durability, Persistence,
                         ::testing::Values(Durability::kSync, Durability::kNoSync),
                         [](const ::testing::TestParamInfo<Durability>& info) {
                           return info.param == Durability::kSync ? "Sync" : "NoSync";
                         });

// The smallest form of the reopen case above: the first read of a table in
// a new process must see its items.
TEST(Reopen, FirstGetItemAndDescribeAfterReopenSeeTheItems) {
  TempDir dir;
  {
    auto db = OpenDb(dir.path());
    ASSERT_NE(db, nullptr);
    ASSERT_TRUE(db->CreateTable(TableRequest("Kept", T::kS)).ok());
    ASSERT_TRUE(db->CreateTable(TableRequest("Kept2", T::kS)).ok());
    LMDDB_ASSERT_OK(db->table("Kept").PutItem({{"pk", S("a")}, {"v", S("x")}}));
    LMDDB_ASSERT_OK(db->table("Kept2").PutItem({{"pk", S("b")}}));
  }
  auto db = OpenDb(dir.path());
  ASSERT_NE(db, nullptr);
  auto got = db->table("Kept").GetItem({{"pk", S("a")}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_TRUE(got->has_value()) << "first GetItem after reopen found no item";
  auto d = db->table("Kept2").Describe();
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->item_count, 1) << "first DescribeTable after reopen counted no items";
  EXPECT_EQ(d->table_size_bytes, 3);
  // Later reads see them (the handle is open by now).
  got = db->table("Kept").GetItem({{"pk", S("a")}});
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(got->has_value());
}


TEST(MultiProcess, TablesAndItemsWrittenByAnotherProcessAreVisible) {
  TempDir dir;
  auto db = OpenDb(dir.path());
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->CreateTable(TableRequest("Shared", T::kS)).ok());
  LMDDB_ASSERT_OK(db->table("Shared").PutItem({{"pk", S("parent")}}));
  ASSERT_EQ(RunInChild([&] {
              auto child = Database::Open(dir.path(), FastOptions());
              if (!child.ok()) return false;
              Database& c = **child;
              if (!c.CreateTable(TableRequest("ChildMade", T::kS)).ok()) return false;
              if (!c.table("ChildMade").PutItem({{"pk", S("k")}, {"v", N(1)}}).ok()) return false;
              // A table the parent has open already.
              auto seen = c.table("Shared").GetItem({{"pk", S("parent")}});
              if (!seen.ok()) return false;
              return c.table("Shared").PutItem({{"pk", S("child")}}).ok();
            }),
            0);
  auto shared = db->table("Shared").GetItem({{"pk", S("child")}});
  ASSERT_TRUE(shared.ok());
  EXPECT_TRUE(shared->has_value()) << "item written by another process not seen";
  auto list = db->ListTables(ListTablesRequest{});
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->table_names, (std::vector<std::string>{"ChildMade", "Shared"}));
  auto got = db->table("ChildMade").GetItem({{"pk", S("k")}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_TRUE(got->has_value()) << "first GetItem of a table created by another process found no item";
  auto d = db->table("ChildMade").Describe();
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->item_count, 1);
  // The parent writes to the child's table, and deletes it.
  LMDDB_ASSERT_OK(db->table("ChildMade").PutItem({{"pk", S("p")}}));
  d = db->table("ChildMade").Describe();
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->item_count, 2);
  ASSERT_TRUE(db->DeleteTable(DeleteTableRequest{"ChildMade"}).ok());
  ASSERT_EQ(RunInChild([&] {
              auto child = Database::Open(dir.path(), FastOptions());
              if (!child.ok()) return false;
              auto gone = (*child)->DescribeTable(DescribeTableRequest{"ChildMade"});
              return gone.status().type() == ErrorType::kResourceNotFound;
            }),
            0);
}

// The first use in this process of a table another process created is a
// write that fails validation: the transaction that opened the table's
// database aborts, and with it the database handle. Nothing of that may
// linger: later reads and writes must reach the table's own items, never
// another table's.
TEST(MultiProcess, FailedFirstWriteToAnotherProcesssTableLeavesNoStaleHandle) {
  TempDir dir;
  auto db = OpenDb(dir.path());
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->CreateTable(TableRequest("Local", T::kS)).ok());
  ASSERT_EQ(RunInChild([&] {
              auto child = Database::Open(dir.path(), FastOptions());
              if (!child.ok()) return false;
              Database& c = **child;
              return c.CreateTable(TableRequest("Alpha", T::kS)).ok() &&
                     c.CreateTable(TableRequest("Beta", T::kS)).ok() &&
                     c.table("Alpha").PutItem({{"pk", S("a")}}).ok() &&
                     c.table("Beta").PutItem({{"pk", S("b")}}).ok();
            }),
            0);
  // Fails inside the write transaction, after the table was looked up.
  EXPECT_TRUE(IsError(db->table("Alpha").PutItem({{"nokey", S("x")}}), ErrorType::kValidation,
                      "One or more parameter values were invalid: Missing the key pk in the item"));
  // Opening Beta now may reuse the handle slot the aborted transaction freed.
  auto b = db->table("Beta").GetItem({{"pk", S("b")}});
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(b->has_value());
  auto a = db->table("Alpha").GetItem({{"pk", S("a")}});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_TRUE(a->has_value()) << "Alpha's item is not visible after a failed first write";
  auto wrong = db->table("Alpha").GetItem({{"pk", S("b")}});
  ASSERT_TRUE(wrong.ok());
  EXPECT_FALSE(wrong->has_value()) << "Alpha reads Beta's items";
  LMDDB_ASSERT_OK(db->table("Alpha").PutItem({{"pk", S("a2")}}));
  auto leaked = db->table("Beta").GetItem({{"pk", S("a2")}});
  ASSERT_TRUE(leaked.ok());
  EXPECT_FALSE(leaked->has_value()) << "a write to Alpha landed in Beta";
  auto alpha = db->table("Alpha").Describe();
  auto beta = db->table("Beta").Describe();
  ASSERT_TRUE(alpha.ok() && beta.ok());
  EXPECT_EQ(alpha->item_count, 2);
  EXPECT_EQ(beta->item_count, 1);
}

// ------------------------------------------------------------- map growth

TEST(MapGrowth, ThirtyMegabytesFromAOneMegabyteMap) {
  TempDir dir;
  Options options = FastOptions();
  options.initial_map_size = size_t{1} << 20;
  constexpr int kItems = 300;
  constexpr size_t kData = 100000;
  auto data_of = [](int i) {
    std::string d(kData, static_cast<char>('a' + i % 26));
    std::string tag = Id(i);
    d.replace(0, tag.size(), tag);
    d.replace(kData - tag.size(), tag.size(), tag);
    return d;
  };
  auto item_of = [&](int i) {
    return Item{{"pk", S("part" + std::to_string(i % 7))}, {"sk", N(i)}, {"data", B(data_of(i))}};
  };
  int64_t size = 0;
  {
    auto db = OpenDb(dir.path(), options);
    ASSERT_NE(db, nullptr);
    ASSERT_TRUE(db->CreateTable(TableRequest("Grow", T::kS, T::kN)).ok());
    Table t = db->table("Grow");
    for (int i = 0; i < kItems; ++i) {
      Status s = t.PutItem(item_of(i));
      ASSERT_TRUE(s.ok()) << i << ": " << s.ToString();
    }
    auto d = t.Describe();
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->item_count, kItems);
    size = d->table_size_bytes;
    EXPECT_GT(size, int64_t{kItems} * int64_t{kData});
    for (int i = 0; i < kItems; i += 37) {
      auto got = t.GetItem({{"pk", S("part" + std::to_string(i % 7))}, {"sk", N(i)}});
      ASSERT_TRUE(got.ok() && got->has_value()) << i;
    }
  }
  auto db = OpenDb(dir.path(), options);  // asks for 1 MiB again; the file keeps its size
  ASSERT_NE(db, nullptr);
  Table t = db->table("Grow");
  for (int i = 0; i < kItems; ++i) {
    auto got = t.GetItem({{"pk", S("part" + std::to_string(i % 7))}, {"sk", N(i)}});
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ASSERT_TRUE(got->has_value()) << i;
    EXPECT_TRUE(**got == item_of(i)) << i;
  }
  auto d = t.Describe();
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->item_count, kItems);
  EXPECT_EQ(d->table_size_bytes, size);
  // And it keeps growing after the reopen.
  for (int i = kItems; i < kItems + 50; ++i) LMDDB_ASSERT_OK(t.PutItem(item_of(i)));
  d = t.Describe();
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->item_count, kItems + 50);
}

// ------------------------------------------------------------ concurrency

TEST(Concurrency, ThreadsOnDistinctKeysWithInvariantCheckingReaders) {
  TempDir dir;
  auto db = OpenDb(dir.path());
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->CreateTable(TableRequest("Conc", T::kS)).ok());
  constexpr int kWriters = 8;
  constexpr int kKeys = 40;
  constexpr int kOps = 1500;
  // Every item has the same DynamoDB size, so in any consistent snapshot
  // TableSizeBytes == ItemCount * kItemSize.
  auto key_of = [](int w, int k) {
    char buf[16];
    snprintf(buf, sizeof(buf), "w%d-%03d", w, k);
    return std::string(buf);
  };
  auto value_of = [](int w, int version) {
    char buf[32];
    snprintf(buf, sizeof(buf), "%02d:%013d", w, version);
    return std::string(buf);  // 16 bytes
  };
  const int64_t kItemSize = (2 + 6) + (1 + 16) + (1 + 16);

  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::vector<std::vector<std::optional<std::string>>> models(
      kWriters, std::vector<std::optional<std::string>>(kKeys));

  auto fail = [&](const std::string& what) {
    if (failures.fetch_add(1) < 20) ADD_FAILURE() << what;
  };

  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      std::mt19937 rng(1234 + w);
      auto& model = models[w];
      Table t = db->table("Conc");
      for (int op = 0; op < kOps; ++op) {
        int k = static_cast<int>(rng() % kKeys);
        int kind = static_cast<int>(rng() % 10);
        std::string key = key_of(w, k);
        if (kind < 4) {
          std::string v = value_of(w, op);
          auto r = db->PutItem(
              PutItemRequest{"Conc", {{"pk", S(key)}, {"a", S(v)}, {"b", S(v)}}, ReturnValue::kAllOld});
          if (!r.ok()) {
            fail("put: " + r.status().ToString());
            continue;
          }
          std::optional<std::string> old =
              r->attributes ? std::optional<std::string>(r->attributes->at("a").s()) : std::nullopt;
          if (old != model[k]) fail("put returned a wrong old item for " + key);
          model[k] = v;
        } else if (kind < 8) {
          auto got = t.GetItem({{"pk", S(key)}});
          if (!got.ok()) {
            fail("get: " + got.status().ToString());
            continue;
          }
          std::optional<std::string> seen =
              got->has_value() ? std::optional<std::string>((**got).at("a").s()) : std::nullopt;
          if (seen != model[k]) fail("get saw a stale or foreign value for " + key);
        } else if (kind == 9) {
          // Writes that fail inside the (possibly shared) transaction must
          // change nothing, and not disturb the writes committed with them.
          Status st;
          std::string want;
          switch (op % 3) {
            case 0:
              st = t.PutItem({{"a", S(value_of(w, op))}, {"b", S(value_of(w, op))}});
              want = "One or more parameter values were invalid: Missing the key pk in the item";
              break;
            case 1:
              st = t.PutItem({{"pk", N(k)}, {"a", S(value_of(w, op))}});
              want = "One or more parameter values were invalid: Type mismatch for key pk "
                     "expected: S actual: N";
              break;
            default:
              st = t.DeleteItem({{"pk", S(key)}, {"extra", S("x")}});
              want = "The provided key element does not match the schema";
              break;
          }
          if (st.type() != ErrorType::kValidation || st.message() != want) {
            fail("failing write returned " + st.ToString());
          }
        } else {
          auto r = db->DeleteItem(DeleteItemRequest{"Conc", {{"pk", S(key)}}, ReturnValue::kAllOld});
          if (!r.ok()) {
            fail("delete: " + r.status().ToString());
            continue;
          }
          std::optional<std::string> old =
              r->attributes ? std::optional<std::string>(r->attributes->at("a").s()) : std::nullopt;
          if (old != model[k]) fail("delete returned a wrong old item for " + key);
          model[k].reset();
        }
      }
    });
  }
  std::atomic<int64_t> reader_checks{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&, r] {
      std::mt19937 rng(99 + r);
      while (!done.load()) {
        auto d = db->DescribeTable(DescribeTableRequest{"Conc"});
        if (!d.ok()) {
          fail("describe: " + d.status().ToString());
          continue;
        }
        if (d->table.table_size_bytes != d->table.item_count * kItemSize) {
          fail("TableSizeBytes " + std::to_string(d->table.table_size_bytes) + " != ItemCount " +
               std::to_string(d->table.item_count) + " * " + std::to_string(kItemSize));
        }
        if (d->table.item_count < 0 || d->table.item_count > kWriters * kKeys) {
          fail("ItemCount out of range: " + std::to_string(d->table.item_count));
        }
        int w = static_cast<int>(rng() % kWriters), k = static_cast<int>(rng() % kKeys);
        auto got = db->GetItem(GetItemRequest{"Conc", {{"pk", S(key_of(w, k))}}, true});
        if (!got.ok()) {
          fail("reader get: " + got.status().ToString());
        } else if (got->item) {
          const Item& item = *got->item;
          if (item.size() != 3 || item.at("pk").s() != key_of(w, k) ||
              !(item.at("a") == item.at("b")) || item.at("a").s().substr(0, 2) != value_of(w, 0).substr(0, 2)) {
            fail("torn or foreign item under " + key_of(w, k));
          }
        }
        reader_checks.fetch_add(1);
      }
    });
  }
  // Meanwhile another thread creates, uses and deletes a table over and over.
  std::thread churn([&] {
    for (int i = 0; i < 15; ++i) {
      auto c = db->CreateTable(TableRequest("Churn", T::kN));
      if (!c.ok()) {
        fail("churn create: " + c.status().ToString());
        continue;
      }
      for (int j = 0; j < 5; ++j) {
        Status s = db->table("Churn").PutItem({{"pk", N(j)}});
        if (!s.ok()) fail("churn put: " + s.ToString());
      }
      auto d = db->DescribeTable(DescribeTableRequest{"Churn"});
      if (!d.ok() || d->table.item_count != 5) fail("churn table not fresh at cycle " + std::to_string(i));
      auto del = db->DeleteTable(DeleteTableRequest{"Churn"});
      if (!del.ok()) fail("churn delete: " + del.status().ToString());
    }
  });
  for (auto& t : threads) t.join();
  churn.join();
  done.store(true);
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(reader_checks.load(), 0);

  // Final state: exactly the models.
  int64_t expected = 0;
  Table t = db->table("Conc");
  for (int w = 0; w < kWriters; ++w) {
    for (int k = 0; k < kKeys; ++k) {
      auto got = t.GetItem({{"pk", S(key_of(w, k))}});
      ASSERT_TRUE(got.ok());
      if (models[w][k]) {
        ++expected;
        ASSERT_TRUE(got->has_value()) << key_of(w, k);
        EXPECT_EQ((**got).at("a").s(), *models[w][k]);
        EXPECT_EQ((**got).at("b").s(), *models[w][k]);
      } else {
        EXPECT_FALSE(got->has_value()) << key_of(w, k);
      }
    }
  }
  auto d = t.Describe();
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->item_count, expected);
  EXPECT_EQ(d->table_size_bytes, expected * kItemSize);
  auto list = db->ListTables(ListTablesRequest{});
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->table_names, std::vector<std::string>{"Conc"});
}

}  // namespace
}  // namespace lmddb

namespace lmddb {
namespace {

using namespace lmddb::testing_util;  // NOLINT

// Concurrent CreateTable / DeleteTable of one name (their transactions may
// share a commit): exactly one of each succeeds, the rest get DynamoDB's
// errors, and the table is usable afterwards.
TEST(Concurrency, RacingCreateAndDeleteOfOneTable) {
  TempDir dir;
  auto db = OpenDb(dir.path());
  ASSERT_NE(db, nullptr);
  constexpr int kThreads = 8;
  for (int round = 0; round < 5; ++round) {
    std::atomic<int> created{0}, in_use{0}, other{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&] {
        auto r = db->CreateTable(TableRequest("Race", AttributeValue::Type::kS));
        if (r.ok()) {
          created.fetch_add(1);
        } else if (r.status().type() == ErrorType::kResourceInUse &&
                   r.status().message() == "Table already exists: Race") {
          in_use.fetch_add(1);
        } else {
          other.fetch_add(1);
          ADD_FAILURE() << r.status().ToString();
        }
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(created.load(), 1);
    EXPECT_EQ(in_use.load(), kThreads - 1);
    EXPECT_EQ(other.load(), 0);
    LMDDB_ASSERT_OK(db->table("Race").PutItem({{"pk", S("r" + std::to_string(round))}}));
    auto d = db->table("Race").Describe();
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->item_count, 1) << "round " << round;

    std::atomic<int> deleted{0}, not_found{0};
    threads.clear();
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&] {
        auto r = db->DeleteTable(DeleteTableRequest{"Race"});
        if (r.ok()) {
          deleted.fetch_add(1);
        } else if (r.status().type() == ErrorType::kResourceNotFound &&
                   r.status().message() == "Requested resource not found: Table: Race not found") {
          not_found.fetch_add(1);
        } else {
          ADD_FAILURE() << r.status().ToString();
        }
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(deleted.load(), 1);
    EXPECT_EQ(not_found.load(), kThreads - 1);
    auto list = db->ListTables(ListTablesRequest{});
    ASSERT_TRUE(list.ok());
    EXPECT_TRUE(list->table_names.empty());
  }
}


// Operations racing DeleteTable see the table (as before the delete) or
// ResourceNotFoundException (as after it), never an internal error: there is
// a moment while the delete commits when a new snapshot still holds the
// table's catalog record but its database handle is already retired.
TEST(Concurrency, OperationsRacingDeleteTableSeeTheTableOrNotFound) {
  TempDir dir;
  auto db = OpenDb(dir.path());
  ASSERT_NE(db, nullptr);
  std::atomic<bool> done{false};
  std::atomic<int> unexpected{0};
  std::atomic<int64_t> found{0}, not_found{0};
  auto check = [&](const Status& s, const std::string& not_found_message) {
    if (s.ok()) {
      found.fetch_add(1);
    } else if (s.type() == ErrorType::kResourceNotFound && s.message() == not_found_message) {
      not_found.fetch_add(1);
    } else if (unexpected.fetch_add(1) < 5) {
      ADD_FAILURE() << s.ToString();
    }
  };
  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r) {
    readers.emplace_back([&, r] {
      while (!done.load()) {
        switch (r) {
          case 0:
            check(db->GetItem(GetItemRequest{"Flicker", {{"pk", S("k")}}, std::nullopt}).status(),
                  "Requested resource not found");
            break;
          case 1:
            check(db->DescribeTable(DescribeTableRequest{"Flicker"}).status(),
                  "Requested resource not found: Table: Flicker not found");
            break;
          case 2:
            check(db->table("Flicker").PutItem({{"pk", S("w")}}), "Requested resource not found");
            break;
          default:
            check(db->table("Flicker").DeleteItem({{"pk", S("w")}}), "Requested resource not found");
            break;
        }
      }
    });
  }
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(600);
  int cycles = 0;
  while (std::chrono::steady_clock::now() < end && unexpected.load() == 0) {
    if (!db->CreateTable(TableRequest("Flicker", T::kS)).ok()) break;
    if (!db->table("Flicker").PutItem({{"pk", S("k")}}).ok()) break;
    if (!db->DeleteTable(DeleteTableRequest{"Flicker"}).ok()) break;
    ++cycles;
  }
  done.store(true);
  for (auto& t : readers) t.join();
  EXPECT_EQ(unexpected.load(), 0) << "after " << cycles << " create/delete cycles";
  EXPECT_GT(cycles, 0);
  EXPECT_GT(found.load() + not_found.load(), 0);
}

}  // namespace
}  // namespace lmddb
