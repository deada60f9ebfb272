// Scan through the public API: completeness, paging, parallel segments,
// filters, Select, the 1 MB page and consumed capacity.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "query_test_util.h"

namespace lmddb::query_test {
namespace {

class ScanTest : public QueryFixture {
 protected:
  // Tab (pk S, sk N): `partitions` partitions of `per` items each.
  void Fill(int partitions, int per) {
    Create("Tab", Type::kS, Type::kN);
    for (int p = 0; p < partitions; ++p) {
      for (int i = 0; i < per; ++i) {
        Put("Tab", {{"pk", S("p" + std::to_string(p))}, {"sk", N(i)}, {"odd", AttributeValue::Bool(i % 2)}});
      }
    }
  }
  static std::string Id(const Item& item) {
    return item.at("pk").s() + "/" + item.at("sk").n().ToString();
  }
};

TEST_F(ScanTest, PagesSeeEveryItemOnceWithSortKeysInOrder) {
  Fill(30, 7);
  for (int64_t limit : {1, 4, 7, 50, 1000}) {
    ScanRequest s = Sc("Tab");
    s.limit = limit;
    std::vector<Item> items = All(s);
    ASSERT_EQ(items.size(), 210u) << limit;
    std::set<std::string> seen;
    std::map<std::string, int64_t> last_sk;
    std::string previous_pk;
    std::set<std::string> finished;
    for (const Item& item : items) {
      EXPECT_TRUE(seen.insert(Id(item)).second) << Id(item);
      const std::string pk = item.at("pk").s();
      const int64_t sk = std::stoll(item.at("sk").n().ToString());
      if (pk != previous_pk) {
        // A partition is read in one run.
        EXPECT_TRUE(finished.insert(pk).second) << pk;
        previous_pk = pk;
      } else {
        EXPECT_LT(last_sk[pk], sk);
      }
      last_sk[pk] = sk;
    }
  }
}

TEST_F(ScanTest, FilterCountsAndEmptyPages) {
  Fill(5, 4);
  ScanRequest s = Sc("Tab");
  s.filter_expression = "odd = :t";
  s.expression_attribute_values = Item{{":t", AttributeValue::Bool(true)}};
  auto r = db_->Scan(s);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->count, 10);
  EXPECT_EQ(r->scanned_count, 20);
  EXPECT_EQ(r->items.size(), 10u);
  s.limit = 1;
  int pages = 0;
  int64_t scanned = 0;
  EXPECT_EQ(All(s, &pages, &scanned).size(), 10u);
  EXPECT_EQ(scanned, 20);
  EXPECT_EQ(pages, 21);  // the 20th page ends at Limit; the 21st is empty
  s.select = Select::kCount;
  s.limit.reset();
  r = db_->Scan(s);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->items.empty());
  EXPECT_EQ(r->count, 10);
  s.select = Select::kSpecificAttributes;
  s.projection_expression = "sk";
  r = db_->Scan(s);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  for (const Item& item : r->items) EXPECT_EQ(item.size(), 1u);
}

TEST_F(ScanTest, ParallelSegmentsTogetherSeeEveryItemOnce) {
  Create("Tab", Type::kS);
  const int kItems = 3000;
  for (int i = 0; i < kItems; ++i) Put("Tab", {{"pk", S("item" + std::to_string(i))}});
  for (int64_t total : {1, 2, 7, 16}) {
    std::set<std::string> seen;
    size_t returned = 0;
    for (int64_t segment = 0; segment < total; ++segment) {
      ScanRequest s = Sc("Tab");
      s.segment = segment;
      s.total_segments = total;
      s.limit = 500;
      for (const Item& item : All(s)) {
        ++returned;
        seen.insert(item.at("pk").s());
      }
    }
    EXPECT_EQ(returned, static_cast<size_t>(kItems)) << total;
    EXPECT_EQ(seen.size(), static_cast<size_t>(kItems)) << total;
  }
  // Many more segments than items: most are empty, none loses an item.
  ScanRequest s = Sc("Tab");
  s.segment = 999999;
  s.total_segments = 1000000;
  EXPECT_TRUE(db_->Scan(s).ok());
}

TEST_F(ScanTest, StartKeyMustLieInTheSegment) {
  Create("Tab", Type::kS);
  for (int i = 0; i < 50; ++i) Put("Tab", {{"pk", S("k" + std::to_string(i))}});
  ScanRequest s = Sc("Tab");
  s.segment = 0;
  s.total_segments = 2;
  s.limit = 1;
  auto r = db_->Scan(s);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->last_evaluated_key.has_value());
  s.segment = 1;
  s.exclusive_start_key = r->last_evaluated_key;
  EXPECT_EQ(Error(s),
            "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use "
            "ExclusiveStartKey with correct Segment. TotalSegments: 2 Segment: 0");
  s.segment = 0;
  EXPECT_TRUE(db_->Scan(s).ok());
}

TEST_F(ScanTest, LongKeysAndBuckets) {
  Create("Tab", Type::kS, Type::kB);
  const std::string long_pk(200, 'L');
  std::set<std::string> want;
  for (int i = 0; i < 12; ++i) {
    std::string sk(600, 'b');
    sk += static_cast<char>(i * 7);
    Put("Tab", {{"pk", S(long_pk)}, {"sk", B(sk)}});
    Put("Tab", {{"pk", S("short")}, {"sk", B(sk)}});
    want.insert(long_pk + "/" + sk);
    want.insert("short/" + sk);
  }
  ScanRequest s = Sc("Tab");
  s.limit = 1;
  std::vector<Item> items = All(s);
  std::set<std::string> got;
  std::map<std::string, std::string> last;
  for (const Item& item : items) {
    const std::string pk = item.at("pk").s(), sk = item.at("sk").b();
    got.insert(pk + "/" + sk);
    EXPECT_LT(last[pk], sk);  // binary sort keys in unsigned byte order
    last[pk] = sk;
  }
  EXPECT_EQ(items.size(), 24u);
  EXPECT_EQ(got, want);
}

TEST_F(ScanTest, PageStopsAtOneMegabyteAndChargesOnce) {
  Create("Tab", Type::kS);
  for (int i = 0; i < 7; ++i) {
    Put("Tab", {{"pk", S("k" + std::to_string(i))}, {"blob", S(std::string(300 * 1024, 'q'))}});
  }
  ScanRequest s = Sc("Tab");
  s.select = Select::kCount;
  s.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  s.consistent_read = true;
  auto r = db_->Scan(s);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->scanned_count, 4);
  EXPECT_TRUE(r->last_evaluated_key.has_value());
  // Four items of 300 KB plus names and keys: 301 units of 4 KB.
  ASSERT_TRUE(r->consumed_capacity.has_value());
  EXPECT_EQ(r->consumed_capacity->capacity_units, 301);
  s.exclusive_start_key = r->last_evaluated_key;
  r = db_->Scan(s);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->scanned_count, 3);
  EXPECT_FALSE(r->last_evaluated_key.has_value());
}

}  // namespace
}  // namespace lmddb::query_test
