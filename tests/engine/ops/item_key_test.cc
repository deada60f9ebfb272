// Tests for engine/ops/item_key.h: the LMDB key of an item and the
// digest-collision guard (CheckStoredItem). Long keys are stored with
// digests, so the record found under an LMDB key may belong to another key;
// reads must report no item and writes must be refused.
#include "engine/ops/item_key.h"

#include <optional>
#include <string>

#include "engine/catalog/table_schema.h"
#include "engine/keycodec/primary_key.h"
#include "engine/value/item_codec.h"
#include "engine/value/item_record.h"
#include "engine/value/item_size.h"
#include "gtest/gtest.h"

namespace lmddb::ops {
namespace {

using T = AttributeValue::Type;
using AV = AttributeValue;

catalog::Table MakeTable(T hash_type, std::optional<T> range_type) {
  TableDescription d;
  d.table_name = "collide";
  d.attribute_definitions.push_back({"pk", hash_type});
  d.key_schema.push_back({"pk", KeyType::kHash});
  if (range_type) {
    d.attribute_definitions.push_back({"sk", *range_type});
    d.key_schema.push_back({"sk", KeyType::kRange});
  }
  catalog::Table table;
  table.schema = catalog::MakeTableSchema(7, d);
  return table;
}

std::string Record(const Item& item) {
  std::string out;
  value::AppendItemRecord(item, value::ItemSize(item), &out);
  return out;
}

// The item a caller asked for, keeping the Item alive next to its KeyValues.
struct Request {
  Item key;
  KeyValues values;
  std::string lmdb_key;
};

Request MakeRequest(const catalog::Table& table, Item key) {
  Request r;
  r.key = std::move(key);
  r.values = KeyValuesOf(table.schema, r.key);
  r.lmdb_key = EncodeItemKey(r.values);
  return r;
}

// Expects `stored` to be reported as absent for reads and refused for writes
// when looked up under the request's LMDB key.
void ExpectCollision(const catalog::Table& table, const Request& req, const std::string& stored) {
  auto read = CheckStoredItem(table, stored, req.lmdb_key, req.values, /*for_write=*/false);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_FALSE(read->has_value()) << "a read returned another key's item";
  auto write = CheckStoredItem(table, stored, req.lmdb_key, req.values, /*for_write=*/true);
  ASSERT_FALSE(write.ok()) << "a write would overwrite another key's item";
  EXPECT_EQ(write.status().type(), ErrorType::kInternalServerError);
  EXPECT_EQ(write.status().message(),
            "Key digest collision with an existing item; the write was refused to keep that item");
}

// Expects `stored` to be returned as the request's item, for reads and writes.
void ExpectMatch(const catalog::Table& table, const Request& req, const std::string& stored,
                 const Item& expected) {
  for (bool for_write : {false, true}) {
    auto got = CheckStoredItem(table, stored, req.lmdb_key, req.values, for_write);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ASSERT_TRUE(got->has_value());
    EXPECT_EQ((*got)->size, value::ItemSize(expected));
    auto decoded = value::DecodeItem((*got)->encoded);
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(*decoded, expected);
  }
}

TEST(ItemKey, EncodeItemKeyMatchesPrimaryKeyCodec) {
  catalog::Table table = MakeTable(T::kS, T::kN);
  Request r = MakeRequest(table, {{"pk", AV::S("a")}, {"sk", AV::N(Number::FromInt64(5))}});
  AV pk = AV::S("a"), sk = AV::N(Number::FromInt64(5));
  EXPECT_EQ(r.lmdb_key, keycodec::EncodePrimaryKey(pk, &sk));
  catalog::Table hash_only = MakeTable(T::kB, std::nullopt);
  Request h = MakeRequest(hash_only, {{"pk", AV::B(std::string("\0\1", 2))}});
  AV b = AV::B(std::string("\0\1", 2));
  EXPECT_EQ(h.lmdb_key, keycodec::EncodePrimaryKey(b, nullptr));
}

TEST(ItemKey, NothingStoredIsNoItem) {
  catalog::Table table = MakeTable(T::kS, std::nullopt);
  Request r = MakeRequest(table, {{"pk", AV::S(std::string(300, 'p'))}});
  for (bool for_write : {false, true}) {
    auto got = CheckStoredItem(table, std::nullopt, r.lmdb_key, r.values, for_write);
    ASSERT_TRUE(got.ok());
    EXPECT_FALSE(got->has_value());
  }
}

// Hash-only table, partition key longer than 128 bytes: stored as a digest.
TEST(ItemKey, HashedPartitionKeyCollisionIsNoItemForReadsAndRefusedForWrites) {
  catalog::Table table = MakeTable(T::kS, std::nullopt);
  std::string base(1000, 'x');
  Request r = MakeRequest(table, {{"pk", AV::S(base + "A")}});
  auto parts = keycodec::ParsePrimaryKey(r.lmdb_key);
  ASSERT_TRUE(parts.ok());
  ASSERT_TRUE(parts->partition_key_hashed);

  // Another key's item under this LMDB key (as a digest collision would put it).
  Item other = {{"pk", AV::S(base + "B")}, {"v", AV::S("other's data")}};
  ExpectCollision(table, r, Record(other));

  // The right item is returned.
  Item mine = {{"pk", AV::S(base + "A")}, {"v", AV::S("mine")}};
  ExpectMatch(table, r, Record(mine), mine);
}

TEST(ItemKey, KeyAttributeOfAnotherTypeWithSameBytesIsACollision) {
  catalog::Table table = MakeTable(T::kS, std::nullopt);
  std::string pk(500, 'k');
  Request r = MakeRequest(table, {{"pk", AV::S(pk)}});
  ExpectCollision(table, r, Record({{"pk", AV::B(pk)}}));
}

TEST(ItemKey, StoredItemWithoutTheKeyAttributeIsACollision) {
  catalog::Table table = MakeTable(T::kB, std::nullopt);
  std::string pk(200, '\xAB');
  Request r = MakeRequest(table, {{"pk", AV::B(pk)}});
  ExpectCollision(table, r, Record({{"other", AV::B(pk)}}));
  ExpectCollision(table, r, Record({}));
}

// Inline partition key, sort key longer than P: the sort part is truncated
// plus a digest. The partition matches, only the sort key differs.
TEST(ItemKey, OverflowSortKeyCollisionIsNoItemForReadsAndRefusedForWrites) {
  catalog::Table table = MakeTable(T::kS, T::kS);
  std::string common(1000, 's');
  Request r = MakeRequest(table, {{"pk", AV::S("user#1")}, {"sk", AV::S(common + "1")}});
  ASSERT_TRUE(keycodec::IsOverflowKey(r.lmdb_key));
  auto parts = keycodec::ParsePrimaryKey(r.lmdb_key);
  ASSERT_TRUE(parts.ok());
  EXPECT_FALSE(parts->partition_key_hashed);
  EXPECT_TRUE(parts->sort_key_overflow);

  ExpectCollision(table, r, Record({{"pk", AV::S("user#1")}, {"sk", AV::S(common + "2")}}));
  // Same sort key, other partition: also not this item.
  ExpectCollision(table, r, Record({{"pk", AV::S("user#2")}, {"sk", AV::S(common + "1")}}));
  // A sort key that is a prefix of the requested one.
  ExpectCollision(table, r, Record({{"pk", AV::S("user#1")}, {"sk", AV::S(common)}}));
  // Missing sort key attribute.
  ExpectCollision(table, r, Record({{"pk", AV::S("user#1")}}));

  Item mine = {{"pk", AV::S("user#1")}, {"sk", AV::S(common + "1")}, {"n", AV::N(Number::FromInt64(3))}};
  ExpectMatch(table, r, Record(mine), mine);
}

// Hashed partition key and overflow sort key together, binary keys.
TEST(ItemKey, HashedPartitionAndOverflowSortBinary) {
  catalog::Table table = MakeTable(T::kB, T::kB);
  std::string pk(2048, '\x00'), sk(1024, '\xFF');
  Request r = MakeRequest(table, {{"pk", AV::B(pk)}, {"sk", AV::B(sk)}});
  auto parts = keycodec::ParsePrimaryKey(r.lmdb_key);
  ASSERT_TRUE(parts.ok());
  EXPECT_TRUE(parts->partition_key_hashed);
  EXPECT_TRUE(parts->sort_key_overflow);
  std::string pk2 = pk, sk2 = sk;
  pk2.back() = '\x01';
  sk2.back() = '\xFE';
  ExpectCollision(table, r, Record({{"pk", AV::B(pk2)}, {"sk", AV::B(sk)}}));
  ExpectCollision(table, r, Record({{"pk", AV::B(pk)}, {"sk", AV::B(sk2)}}));
  Item mine = {{"pk", AV::B(pk)}, {"sk", AV::B(sk)}};
  ExpectMatch(table, r, Record(mine), mine);
}

// Number sort keys never overflow, but a hashed partition with an N sort key
// still compares the sort key numerically (1e3 == 1000).
TEST(ItemKey, HashedPartitionWithNumberSortKeyComparesNumerically) {
  catalog::Table table = MakeTable(T::kS, T::kN);
  std::string pk(129, 'p');
  auto n1000 = Number::Parse("1e3");
  auto n1001 = Number::Parse("1001");
  ASSERT_TRUE(n1000.ok() && n1001.ok());
  Request r = MakeRequest(table, {{"pk", AV::S(pk)}, {"sk", AV::N(*n1000)}});
  ASSERT_TRUE(keycodec::ParsePrimaryKey(r.lmdb_key)->partition_key_hashed);
  Item same = {{"pk", AV::S(pk)}, {"sk", AV::N(Number::FromInt64(1000))}};
  ExpectMatch(table, r, Record(same), same);
  ExpectCollision(table, r, Record({{"pk", AV::S(pk)}, {"sk", AV::N(*n1001)}}));
}

// Keys that fit inline are unique by construction: no comparison is made
// (a stored item is trusted, whatever it contains).
TEST(ItemKey, InlineKeysAreNotCompared) {
  catalog::Table table = MakeTable(T::kS, T::kS);
  Request r = MakeRequest(table, {{"pk", AV::S(std::string(128, 'p'))}, {"sk", AV::S("short")}});
  auto parts = keycodec::ParsePrimaryKey(r.lmdb_key);
  ASSERT_TRUE(parts.ok());
  ASSERT_FALSE(parts->partition_key_hashed);
  ASSERT_FALSE(parts->sort_key_overflow);
  Item stored = {{"pk", AV::S("unrelated")}, {"sk", AV::S("x")}};
  ExpectMatch(table, r, Record(stored), stored);
}

TEST(ItemKey, CorruptRecordIsInternal) {
  catalog::Table table = MakeTable(T::kS, std::nullopt);
  for (std::string pk : {std::string("short"), std::string(300, 'l')}) {
    Request r = MakeRequest(table, {{"pk", AV::S(pk)}});
    for (std::string bad : {std::string(), std::string("\xFF\xFF\xFF", 3)}) {
      auto got = CheckStoredItem(table, bad, r.lmdb_key, r.values, false);
      EXPECT_FALSE(got.ok()) << "pk length " << pk.size();
      EXPECT_EQ(got.status().type(), ErrorType::kInternalServerError);
    }
  }
  // A well-framed record whose item bytes are garbage, under a digest key.
  Request r = MakeRequest(table, {{"pk", AV::S(std::string(300, 'l'))}});
  std::string record = Record({{"pk", AV::S(std::string(300, 'l'))}});
  record.resize(record.size() - 10);
  auto got = CheckStoredItem(table, record, r.lmdb_key, r.values, false);
  EXPECT_FALSE(got.ok());
  EXPECT_EQ(got.status().type(), ErrorType::kInternalServerError);
}

}  // namespace
}  // namespace lmddb::ops
