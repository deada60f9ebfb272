#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "api/batch/batch_test_util.h"

namespace lmddb::testing_util {
namespace {

using BatchGetItemTest = BatchTest;

// Items of one table's response sorted by pk (the order is unspecified).
std::vector<Item> Sorted(std::vector<Item> items) {
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    auto ai = a.find("pk"), bi = b.find("pk");
    if (ai == a.end() || bi == b.end()) return ai == a.end() && bi != b.end();
    return ai->second.s() < bi->second.s();
  });
  return items;
}

TEST_F(BatchGetItemTest, ReadsFromTwoTablesAndLeavesOutMissingItems) {
  Put("Hash", {{"pk", S("a")}, {"v", N(1)}});
  Put("Hash", {{"pk", S("b")}, {"v", N(2)}});
  Put("Range", {{"pk", S("a")}, {"sk", N(1)}, {"w", S("x")}});
  BatchGetItemRequest request;
  request.request_items["Hash"].keys = {HashKey("a"), HashKey("b"), HashKey("missing")};
  request.request_items["Range"].keys = {RangeKey("a", 1), RangeKey("a", 2)};
  auto r = db_->BatchGetItem(request);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->responses.size(), 2u);
  EXPECT_EQ(Sorted(r->responses["Hash"]),
            (std::vector<Item>{{{"pk", S("a")}, {"v", N(1)}}, {{"pk", S("b")}, {"v", N(2)}}}));
  EXPECT_EQ(r->responses["Range"],
            (std::vector<Item>{{{"pk", S("a")}, {"sk", N(1)}, {"w", S("x")}}}));
  EXPECT_TRUE(r->unprocessed_keys.empty());
  EXPECT_FALSE(r->consumed_capacity.has_value());
}

TEST_F(BatchGetItemTest, TableWithNothingFoundHasAnEmptyList) {
  BatchGetItemRequest request;
  request.request_items["Hash"].keys = {HashKey("nope")};
  request.request_items["Range"].keys = {RangeKey("nope", 1)};
  auto r = db_->BatchGetItem(request);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->responses.size(), 2u);
  EXPECT_TRUE(r->responses["Hash"].empty());
  EXPECT_TRUE(r->responses["Range"].empty());
  EXPECT_TRUE(r->unprocessed_keys.empty());
}

TEST_F(BatchGetItemTest, ProjectionPerTable) {
  Put("Hash", {{"pk", S("a")}, {"v", N(1)}, {"w", N(2)}});
  Put("Hash", {{"pk", S("b")}});
  Put("Range", {{"pk", S("a")}, {"sk", N(1)}, {"name", S("big")}, {"w", N(3)}});
  BatchGetItemRequest request;
  KeysAndAttributes& hash = request.request_items["Hash"];
  hash.keys = {HashKey("a"), HashKey("b")};
  hash.projection_expression = "v";
  KeysAndAttributes& range = request.request_items["Range"];
  range.keys = {RangeKey("a", 1)};
  range.projection_expression = "#s, sk";
  range.expression_attribute_names = ExpressionAttributeNames{{"#s", "name"}};  // reserved word
  range.consistent_read = true;
  auto r = db_->BatchGetItem(request);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // An item with none of the projected attributes is returned empty.
  std::vector<Item> hash_items = r->responses["Hash"];
  ASSERT_EQ(hash_items.size(), 2u);
  EXPECT_TRUE(std::count(hash_items.begin(), hash_items.end(), Item{{"v", N(1)}}) == 1);
  EXPECT_TRUE(std::count(hash_items.begin(), hash_items.end(), Item{}) == 1);
  EXPECT_EQ(r->responses["Range"], (std::vector<Item>{{{"name", S("big")}, {"sk", N(1)}}}));
}

TEST_F(BatchGetItemTest, ProjectionErrorsAreGetItemErrors) {
  BatchGetItemRequest request;
  request.request_items["Hash"].keys = {HashKey("a")};
  request.request_items["Hash"].projection_expression = "name";
  EXPECT_TRUE(IsError(db_->BatchGetItem(request).status(), ErrorType::kValidation,
                      "Invalid ProjectionExpression: Attribute name is a reserved keyword; "
                      "reserved keyword: name"));
  request.request_items["Hash"].projection_expression = "a";
  request.request_items["Hash"].expression_attribute_names = ExpressionAttributeNames{{"#x", "x"}};
  EXPECT_TRUE(IsError(db_->BatchGetItem(request).status(), ErrorType::kValidation,
                      "Value provided in ExpressionAttributeNames unused in expressions: keys: "
                      "{#x}"));
  request.request_items["Hash"].projection_expression.reset();
  EXPECT_TRUE(IsError(db_->BatchGetItem(request).status(), ErrorType::kValidation,
                      "ExpressionAttributeNames can only be specified when using expressions"));
}

TEST_F(BatchGetItemTest, HundredKeysAcceptedAndHundredOneRefused) {
  BatchGetItemRequest request;
  for (int i = 0; i < 60; ++i) request.request_items["Hash"].keys.push_back(HashKey(std::to_string(i)));
  for (int i = 0; i < 40; ++i) request.request_items["Range"].keys.push_back(RangeKey("p", i));
  auto r = db_->BatchGetItem(request);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  request.request_items["Range"].keys.push_back(RangeKey("p", 40));
  EXPECT_TRUE(IsError(db_->BatchGetItem(request).status(), ErrorType::kValidation,
                      "Too many items requested for the BatchGetItem call"));
}

TEST_F(BatchGetItemTest, MoreThanHundredKeysInOneTableIsAConstraintError) {
  BatchGetItemRequest request;
  for (int i = 0; i < 101; ++i) request.request_items["Hash"].keys.push_back(HashKey("k"));
  Status s = db_->BatchGetItem(request).status();
  EXPECT_EQ(s.type(), ErrorType::kValidation);
  EXPECT_EQ(s.message().rfind("1 validation error detected: Value '[{pk={S: k,}}, ", 0), 0u)
      << s.message();
  EXPECT_NE(s.message().find("' at 'requestItems.Hash.member.keys' failed to satisfy constraint: "
                             "Member must have length less than or equal to 100"),
            std::string::npos)
      << s.message();
}

TEST_F(BatchGetItemTest, RequestItemsShapeErrors) {
  BatchGetItemRequest request;
  EXPECT_TRUE(IsError(db_->BatchGetItem(request).status(), ErrorType::kValidation,
                      "1 validation error detected: Value '{}' at 'requestItems' failed to "
                      "satisfy constraint: Member must have length greater than or equal to 1"));
  request.request_items["Hash"];  // no keys
  EXPECT_TRUE(IsError(db_->BatchGetItem(request).status(), ErrorType::kValidation,
                      "1 validation error detected: Value '[]' at 'requestItems.Hash.member.keys' "
                      "failed to satisfy constraint: Member must have length greater than or "
                      "equal to 1"));
  request.request_items.clear();
  request.request_items["a;"].keys = {HashKey("x")};
  EXPECT_TRUE(IsError(db_->BatchGetItem(request).status(), ErrorType::kValidation,
                      "1 validation error detected: Value '{a;={Keys: [{pk={S: x,}}],}}' at "
                      "'requestItems' failed to satisfy constraint: Map keys must satisfy "
                      "constraint: [Member must have length less than or equal to 255, Member "
                      "must have length greater than or equal to 3, Member must satisfy regular "
                      "expression pattern: [a-zA-Z0-9_.-]+]"));
}

TEST_F(BatchGetItemTest, MissingTableIsResourceNotFound) {
  BatchGetItemRequest request;
  request.request_items["Hash"].keys = {HashKey("a")};
  request.request_items["Nope"].keys = {HashKey("a")};
  EXPECT_TRUE(IsError(db_->BatchGetItem(request).status(), ErrorType::kResourceNotFound,
                      "Requested resource not found"));
}

TEST_F(BatchGetItemTest, KeysAreCheckedAsGetItemChecksThem) {
  BatchGetItemRequest request;
  request.request_items["Range"].keys = {RangeKey("a", 1), HashKey("a")};
  EXPECT_TRUE(IsError(db_->BatchGetItem(request).status(), ErrorType::kValidation,
                      "The provided key element does not match the schema"));
  request.request_items["Range"].keys = {Item{{"pk", S("a")}, {"sk", S("1")}}};
  EXPECT_TRUE(IsError(db_->BatchGetItem(request).status(), ErrorType::kValidation,
                      "The provided key element does not match the schema"));
  request.request_items["Range"].keys = {Item{{"pk", S("")}, {"sk", N(1)}}};
  EXPECT_TRUE(IsError(db_->BatchGetItem(request).status(), ErrorType::kValidation,
                      "One or more parameter values are not valid. The AttributeValue for a key "
                      "attribute cannot contain an empty string value. Key: pk"));
  request.request_items["Range"].keys = {Item{{"pk", S(std::string(2049, 'x'))}, {"sk", N(1)}}};
  EXPECT_TRUE(IsError(db_->BatchGetItem(request).status(), ErrorType::kValidation,
                      "One or more parameter values were invalid: Size of hashkey has exceeded "
                      "the maximum size limit of2048 bytes"));
  request.request_items["Range"].keys = {
      Item{{"pk", S("a")}, {"sk", AttributeValue::SS({"x", "x"})}}};
  EXPECT_TRUE(IsError(db_->BatchGetItem(request).status(), ErrorType::kValidation,
                      "One or more parameter values were invalid: Input collection [x, x] "
                      "contains duplicates."));
}

TEST_F(BatchGetItemTest, DuplicateKeysAreRefused) {
  BatchGetItemRequest request;
  request.request_items["Range"].keys = {RangeKey("a", 1), RangeKey("b", 1),
                                         Item{{"pk", S("a")}, {"sk", N("1.0")}}};
  EXPECT_TRUE(IsError(db_->BatchGetItem(request).status(), ErrorType::kValidation,
                      "Provided list of item keys contains duplicates"));
  // The same key in two tables is two items.
  request.request_items["Range"].keys = {RangeKey("a", 1)};
  request.request_items["Hash"].keys = {HashKey("a")};
  EXPECT_TRUE(db_->BatchGetItem(request).ok());
}

TEST_F(BatchGetItemTest, ConsumedCapacityPerTable) {
  // A 5000-byte item costs 2 units consistent, 1 eventually consistent; a
  // small or missing item 1 or 0.5.
  Put("Hash", {{"pk", S("big")}, {"v", S(std::string(5000, 'x'))}});
  Put("Hash", {{"pk", S("small")}});
  BatchGetItemRequest request;
  request.request_items["Hash"].keys = {HashKey("big"), HashKey("small"), HashKey("missing")};
  request.request_items["Range"].keys = {RangeKey("missing", 1)};
  request.request_items["Range"].consistent_read = true;
  request.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  auto r = db_->BatchGetItem(request);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->consumed_capacity.has_value());
  ASSERT_EQ(r->consumed_capacity->size(), 2u);
  EXPECT_EQ((*r->consumed_capacity)[0].table_name, "Hash");
  EXPECT_EQ((*r->consumed_capacity)[0].capacity_units, 2.0);
  EXPECT_FALSE((*r->consumed_capacity)[0].table.has_value());
  EXPECT_EQ((*r->consumed_capacity)[1].table_name, "Range");
  EXPECT_EQ((*r->consumed_capacity)[1].capacity_units, 1.0);

  request.request_items["Hash"].consistent_read = true;
  request.return_consumed_capacity = ReturnConsumedCapacity::kIndexes;
  r = db_->BatchGetItem(request);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r->consumed_capacity)[0].capacity_units, 4.0);
  ASSERT_TRUE((*r->consumed_capacity)[0].table.has_value());
  EXPECT_EQ((*r->consumed_capacity)[0].table->capacity_units, 4.0);
  EXPECT_FALSE((*r->consumed_capacity)[0].read_capacity_units.has_value());
}

// 100 items of ~390 KB are ~39 MB: one call returns at most 16 MB of them
// and the rest as UnprocessedKeys; sending those again finishes the job.
TEST_F(BatchGetItemTest, UnprocessedKeysPastSixteenMegabytes) {
  const std::string filler(390 * 1024, 'f');
  std::set<std::string> all;
  for (int i = 0; i < 100; ++i) {
    std::string pk = "k" + std::to_string(i);
    all.insert(pk);
    Put("Hash", {{"pk", S(pk)}, {"data", S(filler)}});
  }
  BatchGetItemRequest request;
  for (const std::string& pk : all) request.request_items["Hash"].keys.push_back(HashKey(pk));
  request.request_items["Hash"].projection_expression = "pk, #d";
  request.request_items["Hash"].expression_attribute_names = ExpressionAttributeNames{{"#d", "data"}};
  request.request_items["Hash"].consistent_read = true;

  std::multiset<std::string> seen;
  int calls = 0;
  while (!request.request_items.empty()) {
    ASSERT_LT(++calls, 10);
    auto r = db_->BatchGetItem(request);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    uint64_t bytes = 0;
    for (const Item& item : r->responses["Hash"]) {
      ASSERT_EQ(item.size(), 2u);
      EXPECT_EQ(item.at("data").s().size(), filler.size());
      bytes += item.at("data").s().size();
      seen.insert(item.at("pk").s());
    }
    EXPECT_LE(bytes, 16u << 20);
    EXPECT_FALSE(r->responses["Hash"].empty());
    if (calls == 1) {
      ASSERT_EQ(r->unprocessed_keys.size(), 1u);
      const KeysAndAttributes& rest = r->unprocessed_keys.at("Hash");
      EXPECT_EQ(rest.keys.size() + r->responses["Hash"].size(), 100u);
      EXPECT_EQ(rest.projection_expression, "pk, #d");
      EXPECT_EQ(rest.expression_attribute_names, (ExpressionAttributeNames{{"#d", "data"}}));
      EXPECT_EQ(rest.consistent_read, true);
    }
    request.request_items = r->unprocessed_keys;
  }
  EXPECT_GE(calls, 3);  // 39 MB needs three 16 MB responses
  EXPECT_EQ(seen.size(), 100u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), all);
}

}  // namespace
}  // namespace lmddb::testing_util
