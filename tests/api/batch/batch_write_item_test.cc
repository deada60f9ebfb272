#include <string>
#include <vector>

#include "api/batch/batch_test_util.h"

namespace lmddb::testing_util {
namespace {

using BatchWriteItemTest = BatchTest;

TEST_F(BatchWriteItemTest, PutsAndDeletesAcrossTwoTables) {
  Put("Hash", {{"pk", S("old")}, {"v", N(1)}});
  Put("Range", {{"pk", S("old")}, {"sk", N(7)}});
  BatchWriteItemRequest request;
  request.request_items["Hash"] = {PutOf({{"pk", S("a")}, {"v", N(1)}}), DeleteOf(HashKey("old")),
                                   PutOf({{"pk", S("b")}, {"v", S("x")}})};
  request.request_items["Range"] = {PutOf({{"pk", S("a")}, {"sk", N(1)}}),
                                    DeleteOf(RangeKey("old", 7)), DeleteOf(RangeKey("never", 1))};
  auto r = db_->BatchWriteItem(request);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->unprocessed_items.empty());
  EXPECT_FALSE(r->consumed_capacity.has_value());
  EXPECT_EQ(Get("Hash", HashKey("a")), (Item{{"pk", S("a")}, {"v", N(1)}}));
  EXPECT_EQ(Get("Hash", HashKey("b")), (Item{{"pk", S("b")}, {"v", S("x")}}));
  EXPECT_EQ(Get("Hash", HashKey("old")), std::nullopt);
  EXPECT_EQ(Get("Range", RangeKey("a", 1)), (Item{{"pk", S("a")}, {"sk", N(1)}}));
  EXPECT_EQ(Get("Range", RangeKey("old", 7)), std::nullopt);

  DescribeTableRequest describe;
  describe.table_name = "Hash";
  auto d = db_->DescribeTable(describe);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->table.item_count, 2);
}

TEST_F(BatchWriteItemTest, PutReplacesTheWholeItem) {
  Put("Hash", {{"pk", S("a")}, {"v", N(1)}, {"w", N(2)}});
  BatchWriteItemRequest request;
  request.request_items["Hash"] = {PutOf({{"pk", S("a")}, {"z", N(3)}})};
  ASSERT_TRUE(db_->BatchWriteItem(request).ok());
  EXPECT_EQ(Get("Hash", HashKey("a")), (Item{{"pk", S("a")}, {"z", N(3)}}));
}

TEST_F(BatchWriteItemTest, TwentyFiveAcceptedAndTwentySixRefused) {
  BatchWriteItemRequest request;
  for (int i = 0; i < 15; ++i) request.request_items["Hash"].push_back(PutOf(HashKey(std::to_string(i))));
  for (int i = 0; i < 10; ++i) request.request_items["Range"].push_back(DeleteOf(RangeKey("x", i)));
  auto r = db_->BatchWriteItem(request);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Get("Hash", HashKey("14")), HashKey("14"));
  request.request_items["Range"].push_back(DeleteOf(RangeKey("x", 10)));
  EXPECT_TRUE(IsError(db_->BatchWriteItem(request).status(), ErrorType::kValidation,
                      "Too many items requested for the BatchWriteItem call"));
}

TEST_F(BatchWriteItemTest, MoreThanTwentyFiveInOneTableIsAConstraintError) {
  BatchWriteItemRequest request;
  for (int i = 0; i < 26; ++i) request.request_items["Hash"].push_back(DeleteOf(HashKey("k")));
  Status s = db_->BatchWriteItem(request).status();
  EXPECT_EQ(s.type(), ErrorType::kValidation);
  EXPECT_EQ(s.message().rfind(
                "1 validation error detected: Value '{Hash=[{DeleteRequest: {Key: {pk={S: k,}},},}",
                0),
            0u)
      << s.message();
  EXPECT_NE(s.message().find("' at 'requestItems' failed to satisfy constraint: Map value must "
                             "satisfy constraint: [Member must have length less than or equal to "
                             "25, Member must have length greater than or equal to 1]"),
            std::string::npos)
      << s.message();
}

TEST_F(BatchWriteItemTest, RequestItemsShapeErrors) {
  BatchWriteItemRequest request;
  EXPECT_TRUE(IsError(db_->BatchWriteItem(request).status(), ErrorType::kValidation,
                      "1 validation error detected: Value '{}' at 'requestItems' failed to "
                      "satisfy constraint: Member must have length greater than or equal to 1"));
  request.request_items["ab"] = {};
  EXPECT_TRUE(IsError(db_->BatchWriteItem(request).status(), ErrorType::kValidation,
                      "2 validation errors detected: Value '{ab=[]}' at 'requestItems' failed to "
                      "satisfy constraint: Map keys must satisfy constraint: [Member must have "
                      "length less than or equal to 255, Member must have length greater than or "
                      "equal to 3, Member must satisfy regular expression pattern: "
                      "[a-zA-Z0-9_.-]+]; Value '{ab=[]}' at 'requestItems' failed to satisfy "
                      "constraint: Map value must satisfy constraint: [Member must have length "
                      "less than or equal to 25, Member must have length greater than or equal "
                      "to 1]"));
  request.request_items.clear();
  request.request_items["Hash"] = {WriteRequest{}};
  const char* kOneOf =
      "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
      "supported datatypes";
  EXPECT_TRUE(IsError(db_->BatchWriteItem(request).status(), ErrorType::kValidation, kOneOf));
  WriteRequest both = PutOf(HashKey("a"));
  both.delete_request = DeleteRequest{HashKey("a")};
  request.request_items["Hash"] = {both};
  EXPECT_TRUE(IsError(db_->BatchWriteItem(request).status(), ErrorType::kValidation, kOneOf));
}

TEST_F(BatchWriteItemTest, ItemsAndKeysAreCheckedAsPutItemAndDeleteItemCheckThem) {
  BatchWriteItemRequest request;
  request.request_items["Range"] = {PutOf({{"pk", S("a")}})};
  EXPECT_TRUE(IsError(db_->BatchWriteItem(request).status(), ErrorType::kValidation,
                      "One or more parameter values were invalid: Missing the key sk in the item"));
  request.request_items["Range"] = {PutOf({{"pk", S("a")}, {"sk", S("1")}})};
  EXPECT_TRUE(IsError(db_->BatchWriteItem(request).status(), ErrorType::kValidation,
                      "One or more parameter values were invalid: Type mismatch for key sk "
                      "expected: N actual: S"));
  request.request_items["Range"] = {DeleteOf(HashKey("a"))};
  EXPECT_TRUE(IsError(db_->BatchWriteItem(request).status(), ErrorType::kValidation,
                      "The provided key element does not match the schema"));
  request.request_items["Range"] = {
      PutOf({{"pk", S("a")}, {"sk", N(1)}, {"big", S(std::string(400 * 1024, 'x'))}})};
  EXPECT_TRUE(IsError(db_->BatchWriteItem(request).status(), ErrorType::kValidation,
                      "Item size has exceeded the maximum allowed size"));
  request.request_items["Range"] = {
      PutOf({{"pk", S("a")}, {"sk", N(1)}, {"s", AttributeValue::SS({})}})};
  EXPECT_TRUE(IsError(db_->BatchWriteItem(request).status(), ErrorType::kValidation,
                      "One or more parameter values were invalid: An string set  may not be "
                      "empty"));
  request.request_items.clear();
  request.request_items["Nope"] = {PutOf(HashKey("a"))};
  EXPECT_TRUE(IsError(db_->BatchWriteItem(request).status(), ErrorType::kResourceNotFound,
                      "Requested resource not found"));
}

TEST_F(BatchWriteItemTest, DuplicateKeysAreRefused) {
  BatchWriteItemRequest request;
  request.request_items["Hash"] = {PutOf({{"pk", S("a")}, {"v", N(1)}}),
                                   PutOf({{"pk", S("a")}, {"v", N(2)}})};
  EXPECT_TRUE(IsError(db_->BatchWriteItem(request).status(), ErrorType::kValidation,
                      "Provided list of item keys contains duplicates"));
  request.request_items["Hash"] = {DeleteOf(HashKey("a")), PutOf(HashKey("a"))};
  EXPECT_TRUE(IsError(db_->BatchWriteItem(request).status(), ErrorType::kValidation,
                      "Provided list of item keys contains duplicates"));
  request.request_items["Hash"] = {DeleteOf(HashKey("a"))};
  request.request_items["Range"] = {DeleteOf(RangeKey("a", 1)),
                                    DeleteOf(Item{{"pk", S("a")}, {"sk", N("1.00")}})};
  EXPECT_TRUE(IsError(db_->BatchWriteItem(request).status(), ErrorType::kValidation,
                      "Provided list of item keys contains duplicates"));
  // The same key in two tables is two items.
  request.request_items["Range"] = {PutOf(RangeKey("a", 1))};
  request.request_items["Hash"] = {PutOf(Item{{"pk", S("a")}, {"sk", N(1)}})};
  EXPECT_TRUE(db_->BatchWriteItem(request).ok());
}

TEST_F(BatchWriteItemTest, ABadRequestChangesNothing) {
  Put("Hash", {{"pk", S("keep")}, {"v", N(1)}});
  BatchWriteItemRequest request;
  request.request_items["Hash"] = {PutOf({{"pk", S("new")}}), DeleteOf(HashKey("keep"))};
  request.request_items["Range"] = {PutOf({{"pk", S("new")}, {"sk", N(1)}}),
                                    PutOf({{"pk", S("bad")}})};  // no sort key
  EXPECT_EQ(db_->BatchWriteItem(request).status().type(), ErrorType::kValidation);
  EXPECT_EQ(Get("Hash", HashKey("keep")), (Item{{"pk", S("keep")}, {"v", N(1)}}));
  EXPECT_EQ(Get("Hash", HashKey("new")), std::nullopt);
  EXPECT_EQ(Get("Range", RangeKey("new", 1)), std::nullopt);

  // A missing table refuses the whole batch, too.
  request.request_items["Range"] = {PutOf({{"pk", S("new")}, {"sk", N(1)}})};
  request.request_items["Zzz"] = {PutOf(HashKey("x"))};
  EXPECT_EQ(db_->BatchWriteItem(request).status().type(), ErrorType::kResourceNotFound);
  EXPECT_EQ(Get("Hash", HashKey("keep")), (Item{{"pk", S("keep")}, {"v", N(1)}}));
  EXPECT_EQ(Get("Hash", HashKey("new")), std::nullopt);
}

TEST_F(BatchWriteItemTest, ConsumedCapacityPerTable) {
  Put("Hash", {{"pk", S("big")}, {"v", S(std::string(3000, 'x'))}});
  BatchWriteItemRequest request;
  request.return_consumed_capacity = ReturnConsumedCapacity::kTotal;
  // Replacing a ~3 KB item with a small one: 3 units (the larger image);
  // a new 1.5 KB item 2; a delete of a missing item 1.
  request.request_items["Hash"] = {PutOf({{"pk", S("big")}}),
                                   PutOf({{"pk", S("mid")}, {"v", S(std::string(1500, 'y'))}}),
                                   DeleteOf(HashKey("missing"))};
  request.request_items["Range"] = {DeleteOf(RangeKey("missing", 1))};
  auto r = db_->BatchWriteItem(request);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->consumed_capacity.has_value());
  ASSERT_EQ(r->consumed_capacity->size(), 2u);
  EXPECT_EQ((*r->consumed_capacity)[0].table_name, "Hash");
  EXPECT_EQ((*r->consumed_capacity)[0].capacity_units, 6.0);
  EXPECT_FALSE((*r->consumed_capacity)[0].write_capacity_units.has_value());
  EXPECT_EQ((*r->consumed_capacity)[1].table_name, "Range");
  EXPECT_EQ((*r->consumed_capacity)[1].capacity_units, 1.0);

  // Deleting the 1.5 KB item costs 2.
  request.request_items.clear();
  request.request_items["Hash"] = {DeleteOf(HashKey("mid"))};
  request.return_consumed_capacity = ReturnConsumedCapacity::kIndexes;
  r = db_->BatchWriteItem(request);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->consumed_capacity->size(), 1u);
  EXPECT_EQ((*r->consumed_capacity)[0].capacity_units, 2.0);
  ASSERT_TRUE((*r->consumed_capacity)[0].table.has_value());
  EXPECT_EQ((*r->consumed_capacity)[0].table->capacity_units, 2.0);
  EXPECT_EQ(Get("Hash", HashKey("mid")), std::nullopt);
}

}  // namespace
}  // namespace lmddb::testing_util
