// Query through the public API: order, paging, key conditions, Select,
// projections, long keys, the 1 MB page and consumed capacity.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "query_test_util.h"

namespace lmddb::query_test {
namespace {

class QueryTest : public QueryFixture {
 protected:
  // Table T (pk S, sk N) with partition "p" holding sk 0..count-1 written in
  // a shuffled order, each with attribute "odd" (BOOL) and "v" = sk * 10;
  // partition "other" holds a few items too.
  void FillNumbers(int count) {
    Create("Tab", Type::kS, Type::kN);
    std::vector<int> order(count);
    for (int i = 0; i < count; ++i) order[i] = i;
    std::mt19937 rng(12345);  // fixed seed
    std::shuffle(order.begin(), order.end(), rng);
    for (int i : order) {
      Put("Tab", {{"pk", S("p")}, {"sk", N(i)}, {"odd", AttributeValue::Bool(i % 2 == 1)},
                {"v", N(i * 10)}});
    }
    for (int i = 0; i < 5; ++i) Put("Tab", {{"pk", S("other")}, {"sk", N(i)}});
  }

  static std::vector<int64_t> SortKeys(const std::vector<Item>& items) {
    std::vector<int64_t> out;
    for (const Item& item : items) {
      auto it = item.find("sk");
      out.push_back(it == item.end() ? -1 : std::stoll(it->second.n().ToString()));
    }
    return out;
  }

  static std::vector<int64_t> Range(int64_t from, int64_t to, bool forward = true) {
    std::vector<int64_t> out;
    for (int64_t i = from; i <= to; ++i) out.push_back(i);
    if (!forward) std::reverse(out.begin(), out.end());
    return out;
  }
};

TEST_F(QueryTest, ReturnsThePartitionInSortKeyOrder) {
  FillNumbers(40);
  auto r = db_->Query(Q("pk = :p", {{":p", S("p")}}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(SortKeys(r->items), Range(0, 39));
  EXPECT_EQ(r->count, 40);
  EXPECT_EQ(r->scanned_count, 40);
  EXPECT_FALSE(r->last_evaluated_key.has_value());
  EXPECT_FALSE(r->consumed_capacity.has_value());
  QueryRequest reverse = Q("pk = :p", {{":p", S("p")}});
  reverse.scan_index_forward = false;
  r = db_->Query(reverse);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(SortKeys(r->items), Range(0, 39, false));
}

TEST_F(QueryTest, PagesToTheEndInBothDirections) {
  FillNumbers(40);
  for (bool forward : {true, false}) {
    for (int64_t limit : {1, 2, 3, 7, 39, 40, 41, 100}) {
      QueryRequest q = Q("pk = :p", {{":p", S("p")}});
      q.limit = limit;
      q.scan_index_forward = forward;
      int pages = 0;
      EXPECT_EQ(SortKeys(All(q, &pages)), Range(0, 39, forward)) << limit << " " << forward;
      // A page that ends at Limit carries a LastEvaluatedKey even when
      // nothing follows: 40 items at Limit 40 take a second, empty page.
      EXPECT_EQ(pages, 40 / limit + 1) << limit;
    }
  }
}

TEST_F(QueryTest, PagesWithAFilter) {
  FillNumbers(40);
  for (bool forward : {true, false}) {
    for (int64_t limit : {1, 3, 10}) {
      QueryRequest q = Q("pk = :p", {{":p", S("p")}, {":t", AttributeValue::Bool(true)}});
      q.filter_expression = "odd = :t";
      q.limit = limit;
      q.scan_index_forward = forward;
      int64_t scanned = 0;
      std::vector<int64_t> want;
      for (int64_t i : Range(0, 39, forward)) {
        if (i % 2 == 1) want.push_back(i);
      }
      EXPECT_EQ(SortKeys(All(q, nullptr, &scanned)), want);
      EXPECT_EQ(scanned, 40);
    }
  }
}

TEST_F(QueryTest, LimitCountsItemsBeforeTheFilter) {
  FillNumbers(10);
  QueryRequest q = Q("pk = :p", {{":p", S("p")}, {":t", AttributeValue::Bool(true)}});
  q.filter_expression = "odd = :t";
  q.limit = 1;
  auto r = db_->Query(q);  // sk 0 is evaluated and filtered out
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->items.empty());
  EXPECT_EQ(r->count, 0);
  EXPECT_EQ(r->scanned_count, 1);
  ASSERT_TRUE(r->last_evaluated_key.has_value());
  EXPECT_EQ(*r->last_evaluated_key, (Item{{"pk", S("p")}, {"sk", N(0)}}));
  q.limit = 4;
  q.exclusive_start_key = r->last_evaluated_key;
  r = db_->Query(q);  // sk 1..4
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(SortKeys(r->items), (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(r->count, 2);
  EXPECT_EQ(r->scanned_count, 4);
  EXPECT_EQ(*r->last_evaluated_key, (Item{{"pk", S("p")}, {"sk", N(4)}}));
}

TEST_F(QueryTest, SelectCountAndProjections) {
  FillNumbers(6);
  QueryRequest q = Q("pk = :p", {{":p", S("p")}});
  q.select = Select::kCount;
  auto r = db_->Query(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->items.empty());
  EXPECT_EQ(r->count, 6);
  EXPECT_EQ(r->scanned_count, 6);

  q = Q("pk = :p", {{":p", S("p")}});
  q.projection_expression = "v, #m";
  q.expression_attribute_names = ExpressionAttributeNames{{"#m", "missing"}};
  for (std::optional<Select> select : {std::optional<Select>(), std::optional(Select::kSpecificAttributes)}) {
    q.select = select;
    r = db_->Query(q);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->items.size(), 6u);
    for (int i = 0; i < 6; ++i) EXPECT_EQ(r->items[i], (Item{{"v", N(i * 10)}}));
  }
  q.select = Select::kAllAttributes;
  q.projection_expression.reset();
  q.expression_attribute_names.reset();
  r = db_->Query(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->items.at(2).size(), 4u);
}

TEST_F(QueryTest, EveryOperatorOnNumberSortKeys) {
  FillNumbers(20);
  struct Case {
    std::string kce;
    Item values;
    std::vector<int64_t> want;
  };
  const std::vector<Case> cases = {
      {"pk = :p AND sk = :a", {{":a", N(7)}}, {7}},
      {"pk = :p AND sk = :a", {{":a", N("7.5")}}, {}},
      {"pk = :p AND sk < :a", {{":a", N(3)}}, {0, 1, 2}},
      {"pk = :p AND sk <= :a", {{":a", N(3)}}, {0, 1, 2, 3}},
      {"pk = :p AND sk > :a", {{":a", N(16)}}, {17, 18, 19}},
      {"pk = :p AND sk >= :a", {{":a", N(16)}}, {16, 17, 18, 19}},
      {"pk = :p AND :a < sk", {{":a", N(17)}}, {18, 19}},
      {"pk = :p AND sk BETWEEN :a AND :b", {{":a", N("4.5")}, {":b", N(8)}}, {5, 6, 7, 8}},
      {"pk = :p AND sk BETWEEN :a AND :b", {{":a", N(-5)}, {":b", N(0)}}, {0}},
  };
  for (const Case& c : cases) {
    Item values = c.values;
    values[":p"] = S("p");
    for (bool forward : {true, false}) {
      QueryRequest q = Q(c.kce, values);
      q.scan_index_forward = forward;
      std::vector<int64_t> want = c.want;
      if (!forward) std::reverse(want.begin(), want.end());
      EXPECT_EQ(SortKeys(All(q)), want) << c.kce;
      q.limit = 1;
      EXPECT_EQ(SortKeys(All(q)), want) << c.kce << " limit 1";
    }
  }
}

// String and binary sort keys: every operator against a brute-force answer.
TEST_F(QueryTest, EveryOperatorOnStringAndBinarySortKeys) {
  for (Type type : {Type::kS, Type::kB}) {
    SCOPED_TRACE(type == Type::kS ? "S" : "B");
    const std::string table = type == Type::kS ? "Tab" : "TabB";
    Create(table, Type::kS, type);
    auto value = [type](const std::string& s) { return type == Type::kS ? S(s) : B(s); };
    std::vector<std::string> keys = {"a", "ab", "abc", "abd", "b", "ba", "c", std::string("\x7f"),
                                     std::string("\x80"), std::string("\xff\x01")};
    if (type == Type::kS) keys.resize(7);  // S must stay UTF-8
    for (const std::string& k : keys) Put(table, {{"pk", S("p")}, {"sk", value(k)}});
    Put(table, {{"pk", S("q")}, {"sk", value("ab")}});
    struct Op {
      std::string kce;
      std::function<bool(const std::string&)> match;
    };
    const std::string a = "ab", b = type == Type::kS ? "b" : "\x80";
    const std::vector<Op> ops = {
        {"sk = :a", [&](const std::string& k) { return k == a; }},
        {"sk < :a", [&](const std::string& k) { return k < a; }},
        {"sk <= :a", [&](const std::string& k) { return k <= a; }},
        {"sk > :a", [&](const std::string& k) { return k > a; }},
        {"sk >= :a", [&](const std::string& k) { return k >= a; }},
        {"sk BETWEEN :a AND :b", [&](const std::string& k) { return k >= a && k <= b; }},
        {"begins_with(sk, :a)", [&](const std::string& k) { return k.rfind(a, 0) == 0; }},
    };
    for (const Op& op : ops) {
      for (bool forward : {true, false}) {
        QueryRequest q = Q("pk = :p AND " + op.kce, {{":p", S("p")}, {":a", value(a)}});
        q.table_name = table;
        if (op.kce.find(":b") != std::string::npos) (*q.expression_attribute_values)[":b"] = value(b);
        q.scan_index_forward = forward;
        q.limit = 2;
        std::vector<std::string> want;
        for (const std::string& k : keys) {
          if (op.match(k)) want.push_back(k);
        }
        std::sort(want.begin(), want.end());
        if (!forward) std::reverse(want.begin(), want.end());
        std::vector<std::string> got;
        for (const Item& item : All(q)) {
          const AttributeValue& sk = item.at("sk");
          got.push_back(type == Type::kS ? sk.s() : sk.b());
        }
        EXPECT_EQ(got, want) << op.kce << (forward ? " forward" : " reverse");
      }
    }
  }
}

// Sort keys longer than the inline part share buckets (same first P bytes,
// ordered by digest on disk); Query must still return them in order, and
// resume from inside a bucket in both directions.
TEST_F(QueryTest, LongSortKeysSharingPrefixesPageInOrder) {
  Create("Tab", Type::kS, Type::kS);
  const std::string common(500, 'x');  // longer than P (485 for pk "p")
  std::vector<std::string> keys;
  std::mt19937 rng(7);
  for (int i = 0; i < 30; ++i) {
    std::string k = common + std::string(1, static_cast<char>('a' + i % 5));
    k += std::to_string(rng() % 1000);
    k.resize(std::min<size_t>(k.size() + (rng() % 400), 1024), static_cast<char>('a' + i % 3));
    keys.push_back(k);
  }
  keys.push_back(common.substr(0, 485));   // inline, equal to the bucket prefix
  keys.push_back(common.substr(0, 484) + "y");
  keys.push_back(std::string(485, 'x') + "\x01");  // overflow, bucket start
  keys.push_back("short");
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  std::vector<std::string> shuffled = keys;
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  for (const std::string& k : shuffled) Put("Tab", {{"pk", S("p")}, {"sk", S(k)}, {"n", N(1)}});

  auto sks = [](const std::vector<Item>& items) {
    std::vector<std::string> out;
    for (const Item& item : items) out.push_back(item.at("sk").s());
    return out;
  };
  for (bool forward : {true, false}) {
    std::vector<std::string> want = keys;
    if (!forward) std::reverse(want.begin(), want.end());
    for (int64_t limit : {1, 2, 5, 1000}) {
      QueryRequest q = Q("pk = :p", {{":p", S("p")}});
      q.scan_index_forward = forward;
      q.limit = limit;
      EXPECT_EQ(sks(All(q)), want) << limit << (forward ? " forward" : " reverse");
    }
    // Conditions whose bounds fall inside the bucket.
    const std::string lower = keys[keys.size() / 3], upper = keys[2 * keys.size() / 3];
    QueryRequest q = Q("pk = :p AND sk BETWEEN :a AND :b",
                       {{":p", S("p")}, {":a", S(lower)}, {":b", S(upper)}});
    q.scan_index_forward = forward;
    q.limit = 1;
    std::vector<std::string> between;
    for (const std::string& k : keys) {
      if (k >= lower && k <= upper) between.push_back(k);
    }
    if (!forward) std::reverse(between.begin(), between.end());
    EXPECT_EQ(sks(All(q)), between);
    const std::string prefix = common + "c";
    q = Q("pk = :p AND begins_with(sk, :a)", {{":p", S("p")}, {":a", S(prefix)}});
    q.scan_index_forward = forward;
    q.limit = 1;
    std::vector<std::string> begins;
    for (const std::string& k : keys) {
      if (k.rfind(prefix, 0) == 0) begins.push_back(k);
    }
    if (!forward) std::reverse(begins.begin(), begins.end());
    ASSERT_FALSE(begins.empty());
    EXPECT_EQ(sks(All(q)), begins);
    q = Q("pk = :p AND sk > :a", {{":p", S("p")}, {":a", S(lower)}});
    q.scan_index_forward = forward;
    q.limit = 3;
    std::vector<std::string> greater;
    for (const std::string& k : keys) {
      if (k > lower) greater.push_back(k);
    }
    if (!forward) std::reverse(greater.begin(), greater.end());
    EXPECT_EQ(sks(All(q)), greater);
  }
}

TEST_F(QueryTest, LongPartitionKeys) {
  Create("Tab", Type::kS, Type::kN);
  const std::string a(300, 'a'), b(300, 'b');
  for (int i = 0; i < 5; ++i) {
    Put("Tab", {{"pk", S(a)}, {"sk", N(i)}});
    Put("Tab", {{"pk", S(b)}, {"sk", N(i)}});
  }
  QueryRequest q = Q("pk = :p AND sk >= :s", {{":p", S(a)}, {":s", N(2)}});
  q.limit = 1;
  EXPECT_EQ(SortKeys(All(q)), (std::vector<int64_t>{2, 3, 4}));
}

TEST_F(QueryTest, HashOnlyTable) {
  Create("Tab", Type::kN);
  for (int i = 0; i < 5; ++i) Put("Tab", {{"pk", N(i)}, {"x", S("y")}});
  QueryRequest q = Q("pk = :p", {{":p", N(3)}});
  auto r = db_->Query(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->items.size(), 1u);
  EXPECT_EQ(r->items[0], (Item{{"pk", N(3)}, {"x", S("y")}}));
  q.limit = 1;
  r = db_->Query(q);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->last_evaluated_key.has_value());
  EXPECT_EQ(*r->last_evaluated_key, (Item{{"pk", N(3)}}));
  q.exclusive_start_key = r->last_evaluated_key;
  r = db_->Query(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->items.empty());
  EXPECT_FALSE(r->last_evaluated_key.has_value());
  EXPECT_EQ(db_->Query(Q("pk = :p", {{":p", N(9)}}))->count, 0);
}

// Pages end after 1 MB of item data: with ~300 KB items, four per page.
TEST_F(QueryTest, PageStopsAtOneMegabyte) {
  Create("Tab", Type::kS, Type::kN);
  const std::string big(300 * 1024, 'z');
  for (int i = 0; i < 10; ++i) Put("Tab", {{"pk", S("p")}, {"sk", N(i)}, {"data", S(big)}});
  QueryRequest q = Q("pk = :p", {{":p", S("p")}});
  q.projection_expression = "sk";
  auto r = db_->Query(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->scanned_count, 4);
  ASSERT_TRUE(r->last_evaluated_key.has_value());
  EXPECT_EQ(*r->last_evaluated_key, (Item{{"pk", S("p")}, {"sk", N(3)}}));
  int pages = 0;
  EXPECT_EQ(SortKeys(All(q, &pages)), Range(0, 9));
  EXPECT_EQ(pages, 3);
  q.scan_index_forward = false;
  EXPECT_EQ(SortKeys(All(q)), Range(0, 9, false));
}

TEST_F(QueryTest, ConsumedCapacityChargesTheEvaluatedBytesOnce) {
  Create("Tab", Type::kS, Type::kN);
  // pk(2)+1, sk(2)+N, body(4)+990: about 1000 bytes each; 10 of them
  // read as ceil(~10000 / 4096) = 3 units.
  for (int i = 0; i < 10; ++i) {
    Put("Tab", {{"pk", S("p")}, {"sk", N(i)}, {"body", S(std::string(990, 'd'))}});
  }
  QueryRequest q = Q("pk = :p", {{":p", S("p")}, {":no", S("none")}});
  q.filter_expression = "body = :no";  // filtered items are still read
  q.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  q.consistent_read = true;
  auto r = db_->Query(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->count, 0);
  ASSERT_TRUE(r->consumed_capacity.has_value());
  EXPECT_EQ(r->consumed_capacity->table_name, "Tab");
  EXPECT_EQ(r->consumed_capacity->capacity_units, 3);
  EXPECT_FALSE(r->consumed_capacity->table.has_value());
  q.consistent_read.reset();
  q.return_consumed_capacity = ReturnConsumedCapacity::kIndexes;
  r = db_->Query(q);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->consumed_capacity->capacity_units, 1.5);
  ASSERT_TRUE(r->consumed_capacity->table.has_value());
  EXPECT_EQ(r->consumed_capacity->table->capacity_units, 1.5);
  // An empty result still costs the minimum.
  q = Q("pk = :p", {{":p", S("nothing")}});
  q.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  r = db_->Query(q);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->consumed_capacity->capacity_units, 0.5);
}

}  // namespace
}  // namespace lmddb::query_test
