// Tests for the C++ API (lmddb/lmddb.hpp), control plane and item
// operations, asserting DynamoDB's behaviour: result fields, error types
// and message texts as DynamoDB gives them.
#include <chrono>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "lmddb/lmddb.hpp"
#include "tests/api/cpp/test_util.h"

namespace lmddb {
namespace {

using namespace lmddb::testing_util;  // NOLINT
using T = AttributeValue::Type;

constexpr char kInvalid[] = "One or more parameter values were invalid: ";
constexpr char kNoSchemaMatch[] = "The provided key element does not match the schema";
constexpr char kNotFound[] = "Requested resource not found";
constexpr char kTooLarge[] = "Item size has exceeded the maximum allowed size";
constexpr char kReturnValues[] = "ReturnValues can only be ALL_OLD or NONE";

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class DbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = OpenDb(dir_.path());
    ASSERT_NE(db_, nullptr);
  }

  void Create(const CreateTableRequest& r) {
    auto result = db_->CreateTable(r);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
  }
  void CreateHash(const std::string& name, T type = T::kS) {
    ASSERT_NO_FATAL_FAILURE(Create(TableRequest(name, type)));
  }
  void CreateHashRange(const std::string& name, T hash = T::kS, T range = T::kS) {
    ASSERT_NO_FATAL_FAILURE(Create(TableRequest(name, hash, range)));
  }

  Status Put(const std::string& table, Item item) {
    return db_->PutItem(PutItemRequest{table, std::move(item), std::nullopt}).status();
  }
  StatusOr<PutItemResult> PutRv(const std::string& table, Item item, ReturnValue rv) {
    return db_->PutItem(PutItemRequest{table, std::move(item), rv});
  }
  // The item, or nullopt; a failed GetItem fails the test.
  std::optional<Item> Get(const std::string& table, Item key) {
    auto r = db_->GetItem(GetItemRequest{table, std::move(key), std::nullopt});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->item : std::nullopt;
  }
  Status GetStatus(const std::string& table, Item key) {
    return db_->GetItem(GetItemRequest{table, std::move(key), std::nullopt}).status();
  }
  Status Delete(const std::string& table, Item key) {
    return db_->DeleteItem(DeleteItemRequest{table, std::move(key), std::nullopt}).status();
  }
  TableDescription Describe(const std::string& table) {
    auto r = db_->DescribeTable(DescribeTableRequest{table});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->table : TableDescription();
  }
  std::vector<std::string> AllTables() {
    auto r = db_->ListTables(ListTablesRequest{});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->table_names : std::vector<std::string>();
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
};

// ---------------------------------------------------------------- CreateTable

bool IsUuidV4(const std::string& s) {
  static const std::regex re(
      "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  return std::regex_match(s, re);
}

TEST_F(DbTest, CreateTableAnswersCreatingAndDescribeTableActive) {
  CreateTableRequest r = TableRequest("Music", T::kS, T::kN, "Artist", "Year");
  r.billing_mode = BillingMode::kProvisioned;
  r.provisioned_throughput = ProvisionedThroughput{5, 10};
  const int64_t before = NowMs();
  auto created = db_->CreateTable(r);
  const int64_t after = NowMs();
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const TableDescription& c = created->table_description;

  EXPECT_EQ(c.table_name, "Music");
  EXPECT_EQ(c.table_status, TableStatus::kCreating);
  ASSERT_EQ(c.key_schema.size(), 2u);
  EXPECT_EQ(c.key_schema[0].attribute_name, "Artist");
  EXPECT_EQ(c.key_schema[0].key_type, KeyType::kHash);
  EXPECT_EQ(c.key_schema[1].attribute_name, "Year");
  EXPECT_EQ(c.key_schema[1].key_type, KeyType::kRange);
  ASSERT_EQ(c.attribute_definitions.size(), 2u);
  EXPECT_EQ(c.attribute_definitions[0].attribute_name, "Artist");
  EXPECT_EQ(c.attribute_definitions[0].attribute_type, T::kS);
  EXPECT_EQ(c.attribute_definitions[1].attribute_name, "Year");
  EXPECT_EQ(c.attribute_definitions[1].attribute_type, T::kN);
  EXPECT_GE(c.creation_date_time_ms, before);
  EXPECT_LE(c.creation_date_time_ms, after);
  EXPECT_EQ(c.table_arn, "arn:aws:dynamodb:us-east-1:000000000000:table/Music");
  EXPECT_TRUE(IsUuidV4(c.table_id)) << c.table_id;
  EXPECT_EQ(c.provisioned_throughput.read_capacity_units, 5);
  EXPECT_EQ(c.provisioned_throughput.write_capacity_units, 10);
  EXPECT_EQ(c.provisioned_throughput.number_of_decreases_today, 0);
  EXPECT_FALSE(c.billing_mode.has_value());  // no BillingModeSummary for provisioned
  EXPECT_EQ(c.item_count, 0);
  EXPECT_EQ(c.table_size_bytes, 0);
  EXPECT_FALSE(c.deletion_protection_enabled);

  TableDescription d = Describe("Music");
  EXPECT_EQ(d.table_status, TableStatus::kActive);
  EXPECT_EQ(d.table_name, "Music");
  EXPECT_EQ(d.creation_date_time_ms, c.creation_date_time_ms);
  EXPECT_EQ(d.table_arn, c.table_arn);
  EXPECT_EQ(d.table_id, c.table_id);
  ASSERT_EQ(d.key_schema.size(), 2u);
  EXPECT_EQ(d.key_schema[1].attribute_name, "Year");
  EXPECT_EQ(d.key_schema[1].key_type, KeyType::kRange);
  ASSERT_EQ(d.attribute_definitions.size(), 2u);
  EXPECT_EQ(d.attribute_definitions[1].attribute_type, T::kN);
  EXPECT_EQ(d.provisioned_throughput.read_capacity_units, 5);
  EXPECT_EQ(d.provisioned_throughput.write_capacity_units, 10);
  EXPECT_EQ(d.provisioned_throughput.number_of_decreases_today, 0);
  EXPECT_FALSE(d.billing_mode.has_value());
  EXPECT_EQ(d.item_count, 0);
  EXPECT_EQ(d.table_size_bytes, 0);

  // The Table wrapper describes the same table.
  auto via_handle = db_->table("Music").Describe();
  ASSERT_TRUE(via_handle.ok());
  EXPECT_EQ(via_handle->table_id, c.table_id);
  EXPECT_EQ(via_handle->table_status, TableStatus::kActive);
}

TEST_F(DbTest, CreateTablePayPerRequestEchoesBillingMode) {
  auto created = db_->CreateTable(TableRequest("OnDemand", T::kB));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->table_description.billing_mode, BillingMode::kPayPerRequest);
  EXPECT_EQ(created->table_description.provisioned_throughput.read_capacity_units, 0);
  EXPECT_EQ(created->table_description.provisioned_throughput.write_capacity_units, 0);
  EXPECT_EQ(created->table_description.provisioned_throughput.number_of_decreases_today, 0);
  TableDescription d = Describe("OnDemand");
  EXPECT_EQ(d.billing_mode, BillingMode::kPayPerRequest);
  ASSERT_EQ(d.key_schema.size(), 1u);
  EXPECT_EQ(d.key_schema[0].key_type, KeyType::kHash);
  ASSERT_EQ(d.attribute_definitions.size(), 1u);
  EXPECT_EQ(d.attribute_definitions[0].attribute_type, T::kB);
}

TEST_F(DbTest, CreateTableGivesEachTableItsOwnUuid) {
  std::set<std::string> ids;
  for (int i = 0; i < 20; ++i) {
    auto created = db_->CreateTable(TableRequest("uuid" + std::to_string(i), T::kS));
    ASSERT_TRUE(created.ok());
    EXPECT_TRUE(IsUuidV4(created->table_description.table_id))
        << created->table_description.table_id;
    ids.insert(created->table_description.table_id);
  }
  EXPECT_EQ(ids.size(), 20u);
}

TEST(CreateTable, ArnUsesConfiguredRegionAndAccount) {
  TempDir dir;
  Options options = FastOptions();
  options.region = "eu-west-2";
  options.account_id = "123456789012";
  auto db = OpenDb(dir.path(), options);
  ASSERT_NE(db, nullptr);
  auto created = db->CreateTable(TableRequest("arn.table-1", T::kS));
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created->table_description.table_arn,
            "arn:aws:dynamodb:eu-west-2:123456789012:table/arn.table-1");
}

TEST_F(DbTest, CreateTableOfExistingNameIsResourceInUse) {
  CreateHash("Existing");
  ASSERT_TRUE(Put("Existing", {{"pk", S("a")}}).ok());
  auto again = db_->CreateTable(TableRequest("Existing", T::kN));
  EXPECT_TRUE(IsError(again.status(), ErrorType::kResourceInUse, "Table already exists: Existing"));
  // The original table is untouched.
  TableDescription d = Describe("Existing");
  EXPECT_EQ(d.attribute_definitions[0].attribute_type, T::kS);
  EXPECT_EQ(d.item_count, 1);
}

TEST_F(DbTest, CreateTableRejectsInvalidRequestsWithoutCreating) {
  CreateTableRequest r = TableRequest("ab", T::kS);
  EXPECT_TRUE(IsError(db_->CreateTable(r).status(), ErrorType::kValidation,
                      "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy "
                      "constraint: Member must have length greater than or equal to 3"));
  r = TableRequest("NoThroughput", T::kS);
  r.billing_mode.reset();
  EXPECT_TRUE(IsError(db_->CreateTable(r).status(), ErrorType::kValidation,
                      std::string(kInvalid) +
                          "ReadCapacityUnits and WriteCapacityUnits must both be specified when "
                          "BillingMode is PROVISIONED"));
  EXPECT_TRUE(AllTables().empty());
}

// ----------------------------------------------------- missing tables

TEST_F(DbTest, DescribeAndDeleteOfMissingTableAreResourceNotFound) {
  EXPECT_TRUE(IsError(db_->DescribeTable(DescribeTableRequest{"Nope"}).status(),
                      ErrorType::kResourceNotFound,
                      "Requested resource not found: Table: Nope not found"));
  EXPECT_TRUE(IsError(db_->DeleteTable(DeleteTableRequest{"Nope"}).status(),
                      ErrorType::kResourceNotFound,
                      "Requested resource not found: Table: Nope not found"));
  EXPECT_TRUE(IsError(db_->table("Nope").Describe().status(), ErrorType::kResourceNotFound,
                      "Requested resource not found: Table: Nope not found"));
}

TEST_F(DbTest, ItemOperationsOnMissingTableAreResourceNotFound) {
  CreateHash("Other");  // a different table exists
  EXPECT_TRUE(IsError(Put("Missing", {{"pk", S("a")}}), ErrorType::kResourceNotFound, kNotFound));
  EXPECT_TRUE(IsError(GetStatus("Missing", {{"pk", S("a")}}), ErrorType::kResourceNotFound,
                      kNotFound));
  EXPECT_TRUE(IsError(Delete("Missing", {{"pk", S("a")}}), ErrorType::kResourceNotFound,
                      kNotFound));
  Table t = db_->table("Missing");
  EXPECT_TRUE(IsError(t.PutItem({{"pk", S("a")}}), ErrorType::kResourceNotFound, kNotFound));
  EXPECT_TRUE(IsError(t.GetItem({{"pk", S("a")}}).status(), ErrorType::kResourceNotFound,
                      kNotFound));
  EXPECT_TRUE(IsError(t.DeleteItem({{"pk", S("a")}}), ErrorType::kResourceNotFound, kNotFound));
  // Names are case-sensitive.
  EXPECT_TRUE(IsError(GetStatus("other", {{"pk", S("a")}}), ErrorType::kResourceNotFound,
                      kNotFound));
  EXPECT_EQ(AllTables(), std::vector<std::string>{"Other"});
}

// ----------------------------------------------------------------- ListTables

TEST_F(DbTest, ListTablesPagesThroughAllTablesInByteOrder) {
  // Byte order puts digits and upper case before '_' and lower case.
  const std::vector<std::string> names = {"delta", "Alpha", "charlie", "_under", "Bravo",
                                          "0zero", "echo"};
  for (const std::string& n : names) CreateHash(n);
  std::vector<std::string> sorted = names;
  std::sort(sorted.begin(), sorted.end());
  ASSERT_EQ(sorted, (std::vector<std::string>{"0zero", "Alpha", "Bravo", "_under", "charlie",
                                              "delta", "echo"}));

  ListTablesRequest req;
  req.limit = 3;
  std::vector<std::vector<std::string>> pages;
  for (int i = 0; i < 10; ++i) {
    auto page = db_->ListTables(req);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    pages.push_back(page->table_names);
    if (!page->last_evaluated_table_name) break;
    ASSERT_FALSE(page->table_names.empty());
    EXPECT_EQ(*page->last_evaluated_table_name, page->table_names.back());
    req.exclusive_start_table_name = page->last_evaluated_table_name;
  }
  EXPECT_EQ(pages, (std::vector<std::vector<std::string>>{{"0zero", "Alpha", "Bravo"},
                                                          {"_under", "charlie", "delta"},
                                                          {"echo"}}));

  // No limit: everything, no LastEvaluatedTableName.
  auto all = db_->ListTables(ListTablesRequest{});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->table_names, sorted);
  EXPECT_FALSE(all->last_evaluated_table_name.has_value());

  // Start from a name that is not a table.
  auto mid = db_->ListTables(ListTablesRequest{std::string("Azz"), 2});
  ASSERT_TRUE(mid.ok());
  EXPECT_EQ(mid->table_names, (std::vector<std::string>{"Bravo", "_under"}));
  EXPECT_EQ(mid->last_evaluated_table_name, std::optional<std::string>("_under"));

  // After the last table: an empty page.
  auto after = db_->ListTables(ListTablesRequest{std::string("echo"), std::nullopt});
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->table_names.empty());
  EXPECT_FALSE(after->last_evaluated_table_name.has_value());
  auto way_after = db_->ListTables(ListTablesRequest{std::string("zzz"), 5});
  ASSERT_TRUE(way_after.ok());
  EXPECT_TRUE(way_after->table_names.empty());
  EXPECT_FALSE(way_after->last_evaluated_table_name.has_value());
}

TEST_F(DbTest, ListTablesOfEmptyDatabase) {
  auto r = db_->ListTables(ListTablesRequest{});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->table_names.empty());
  EXPECT_FALSE(r->last_evaluated_table_name.has_value());
}

TEST_F(DbTest, ListTablesLimitOutsideOneToHundredIsValidation) {
  CreateHash("tbl");
  auto limit = [&](int64_t l) { return db_->ListTables(ListTablesRequest{std::nullopt, l}).status(); };
  EXPECT_TRUE(IsError(limit(0), ErrorType::kValidation,
                      "1 validation error detected: Value '0' at 'limit' failed to satisfy "
                      "constraint: Member must have value greater than or equal to 1"));
  EXPECT_TRUE(IsError(limit(-5), ErrorType::kValidation,
                      "1 validation error detected: Value '-5' at 'limit' failed to satisfy "
                      "constraint: Member must have value greater than or equal to 1"));
  EXPECT_TRUE(IsError(limit(101), ErrorType::kValidation,
                      "1 validation error detected: Value '101' at 'limit' failed to satisfy "
                      "constraint: Member must have value less than or equal to 100"));
  LMDDB_EXPECT_OK(limit(1));
  LMDDB_EXPECT_OK(limit(100));
}

TEST_F(DbTest, ListTablesValidatesExclusiveStartTableName) {
  EXPECT_TRUE(IsError(db_->ListTables(ListTablesRequest{std::string("ab"), std::nullopt}).status(),
                      ErrorType::kValidation,
                      "1 validation error detected: Value 'ab' at 'exclusiveStartTableName' "
                      "failed to satisfy constraint: Member must have length greater than or "
                      "equal to 3"));
}

TEST_F(DbTest, ListTablesHundredTablesFitOnePage) {
  for (int i = 0; i < 101; ++i) {
    char name[16];
    snprintf(name, sizeof(name), "t%03d", i);
    CreateHash(name);
  }
  auto first = db_->ListTables(ListTablesRequest{});  // default limit 100
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->table_names.size(), 100u);
  EXPECT_EQ(first->table_names.front(), "t000");
  EXPECT_EQ(first->last_evaluated_table_name, std::optional<std::string>("t099"));
  auto second = db_->ListTables(ListTablesRequest{first->last_evaluated_table_name, std::nullopt});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->table_names, std::vector<std::string>{"t100"});
  EXPECT_FALSE(second->last_evaluated_table_name.has_value());
}

// ---------------------------------------------------------------- DeleteTable

TEST_F(DbTest, DeleteTableAnswersDeletingAndFreesEverything) {
  CreateHashRange("Doomed", T::kS, T::kN);
  CreateHash("Survivor");
  const std::string id = Describe("Doomed").table_id;
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(Put("Doomed", {{"pk", S("p")}, {"sk", N(i)}, {"v", S("0123456789")}}).ok());
  }
  ASSERT_TRUE(Put("Survivor", {{"pk", S("p")}}).ok());
  auto deleted = db_->DeleteTable(DeleteTableRequest{"Doomed"});
  ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
  const TableDescription& d = deleted->table_description;
  EXPECT_EQ(d.table_status, TableStatus::kDeleting);
  EXPECT_EQ(d.table_name, "Doomed");
  EXPECT_EQ(d.table_id, id);
  EXPECT_EQ(d.table_arn, "arn:aws:dynamodb:us-east-1:000000000000:table/Doomed");
  EXPECT_EQ(d.item_count, 10);
  // (2 + 1) + (2 + N size) + (1 + 10); N 0 is 1 byte, 1..9 are 2.
  EXPECT_EQ(d.table_size_bytes, 17 + 9 * 18);

  EXPECT_TRUE(IsError(db_->DescribeTable(DescribeTableRequest{"Doomed"}).status(),
                      ErrorType::kResourceNotFound,
                      "Requested resource not found: Table: Doomed not found"));
  EXPECT_TRUE(IsError(db_->DeleteTable(DeleteTableRequest{"Doomed"}).status(),
                      ErrorType::kResourceNotFound,
                      "Requested resource not found: Table: Doomed not found"));
  EXPECT_EQ(AllTables(), std::vector<std::string>{"Survivor"});
  EXPECT_TRUE(IsError(GetStatus("Doomed", {{"pk", S("p")}, {"sk", N(1)}}),
                      ErrorType::kResourceNotFound, kNotFound));
  EXPECT_TRUE(Get("Survivor", {{"pk", S("p")}}).has_value());

  // The same name again is a new, empty table (even with another schema).
  CreateHashRange("Doomed", T::kS, T::kN);
  TableDescription again = Describe("Doomed");
  EXPECT_NE(again.table_id, id);
  EXPECT_EQ(again.item_count, 0);
  EXPECT_EQ(again.table_size_bytes, 0);
  for (int i = 0; i < 10; ++i) EXPECT_FALSE(Get("Doomed", {{"pk", S("p")}, {"sk", N(i)}}));
}

TEST_F(DbTest, DeleteTableThenRecreateWithOtherKeySchema) {
  CreateHash("Morph", T::kS);
  ASSERT_TRUE(Put("Morph", {{"pk", S("x")}}).ok());
  ASSERT_TRUE(db_->DeleteTable(DeleteTableRequest{"Morph"}).ok());
  CreateHash("Morph", T::kN);
  EXPECT_TRUE(IsError(Put("Morph", {{"pk", S("x")}}), ErrorType::kValidation,
                      std::string(kInvalid) + "Type mismatch for key pk expected: N actual: S"));
  ASSERT_TRUE(Put("Morph", {{"pk", N(1)}}).ok());
  EXPECT_EQ(Describe("Morph").item_count, 1);
}

// ---------------------------------------------------------- item round trips

Item AllTypesItem() {
  AttributeValue::List list = {S("x"), N("-1.5"), B(std::string("\x00\xff", 2)),
                               AttributeValue::Bool(false), AttributeValue::Null(),
                               AttributeValue::L({}), AttributeValue::M({})};
  Item nested = {{"inner", AttributeValue::M({{"deep", AttributeValue::L({N(1), N(2)})}})},
                 {"other", S("value")}};
  return {
      {"pk", S("all-types")},
      {"s", S("h\xC3\xA9llo \xF0\x9F\x98\x80")},  // UTF-8
      {"s_empty", S("")},
      {"n", N("123.456")},
      {"n_neg", N("-0.000001")},
      {"n_big", N("9.9999999999999999999999999999999999999E+125")},
      {"n_small", N("1E-130")},
      {"b", B(std::string("\x00\x01\x02\xff\xfe", 5))},
      {"b_empty", B("")},
      {"bool_t", AttributeValue::Bool(true)},
      {"bool_f", AttributeValue::Bool(false)},
      {"null", AttributeValue::Null()},
      {"l", AttributeValue::L(list)},
      {"m", AttributeValue::M(nested)},
      {"ss", AttributeValue::SS({"b", "a", "", "c"})},
      {"ns", AttributeValue::NS({Number::FromInt64(3), Number::FromInt64(-1),
                                 *Number::Parse("0.5")})},
      {"bs", AttributeValue::BS({std::string("\x00", 1), "", "\xff"})},
  };
}

TEST_F(DbTest, PutGetDeleteRoundTripsAllTenTypes) {
  CreateHash("Types");
  Item item = AllTypesItem();
  LMDDB_ASSERT_OK(Put("Types", item));
  std::optional<Item> got = Get("Types", {{"pk", S("all-types")}});
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(*got, item);
  ASSERT_EQ(got->size(), item.size());
  // Spot checks on exact representations.
  EXPECT_EQ(got->at("s").s(), "h\xC3\xA9llo \xF0\x9F\x98\x80");
  EXPECT_EQ(got->at("b").b(), std::string("\x00\x01\x02\xff\xfe", 5));
  EXPECT_EQ(got->at("n").n().ToString(), "123.456");
  EXPECT_EQ(got->at("n_neg").n().ToString(), "-0.000001");
  EXPECT_EQ(got->at("s_empty").type(), T::kS);
  EXPECT_EQ(got->at("b_empty").type(), T::kB);
  EXPECT_TRUE(got->at("s_empty").s().empty());
  EXPECT_TRUE(got->at("b_empty").b().empty());
  EXPECT_EQ(got->at("null").type(), T::kNull);
  EXPECT_TRUE(got->at("bool_t").boolean());
  EXPECT_FALSE(got->at("bool_f").boolean());
  EXPECT_EQ(got->at("l").l().size(), 7u);
  EXPECT_EQ(got->at("l").l()[2].b(), std::string("\x00\xff", 2));
  EXPECT_EQ(got->at("m").m().at("inner").m().at("deep").l()[1].n().ToString(), "2");
  std::multiset<std::string> ss(got->at("ss").ss().begin(), got->at("ss").ss().end());
  EXPECT_EQ(ss, (std::multiset<std::string>{"", "a", "b", "c"}));
  EXPECT_EQ(got->at("ns").ns().size(), 3u);
  EXPECT_EQ(got->at("bs").bs().size(), 3u);

  // Through the Table wrapper too.
  Table t = db_->table("Types");
  auto via = t.GetItem({{"pk", S("all-types")}});
  ASSERT_TRUE(via.ok());
  ASSERT_TRUE(via->has_value());
  EXPECT_EQ(**via, item);

  LMDDB_ASSERT_OK(Delete("Types", {{"pk", S("all-types")}}));
  EXPECT_FALSE(Get("Types", {{"pk", S("all-types")}}).has_value());
  EXPECT_EQ(Describe("Types").item_count, 0);
  EXPECT_EQ(Describe("Types").table_size_bytes, 0);
}

TEST_F(DbTest, EachTypeRoundTripsAlone) {
  CreateHashRange("Each", T::kB, T::kN);
  Item all = AllTypesItem();
  int i = 0;
  for (const auto& [name, value] : all) {
    if (name == "pk") continue;
    Item item = {{"pk", B(std::string("\x00k", 2))}, {"sk", N(i++)}, {name, value}};
    LMDDB_ASSERT_OK(Put("Each", item));
    auto got = Get("Each", {{"pk", B(std::string("\x00k", 2))}, {"sk", item.at("sk")}});
    ASSERT_TRUE(got.has_value()) << name;
    EXPECT_EQ(*got, item) << name;
    EXPECT_EQ(got->at(name).type(), value.type()) << name;
  }
  EXPECT_EQ(Describe("Each").item_count, i);
}

TEST_F(DbTest, GetItemOfMissingItemHasNoItem) {
  CreateHashRange("Sparse", T::kS, T::kS);
  LMDDB_ASSERT_OK(Put("Sparse", {{"pk", S("a")}, {"sk", S("1")}}));
  EXPECT_FALSE(Get("Sparse", {{"pk", S("a")}, {"sk", S("2")}}).has_value());
  EXPECT_FALSE(Get("Sparse", {{"pk", S("b")}, {"sk", S("1")}}).has_value());
  EXPECT_FALSE(Get("Sparse", {{"pk", S("a")}, {"sk", S("1 ")}}).has_value());
  auto r = db_->GetItem(GetItemRequest{"Sparse", {{"pk", S("a")}, {"sk", S("9")}}, true});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->item.has_value());
  auto wrapped = db_->table("Sparse").GetItem({{"pk", S("zz")}, {"sk", S("1")}});
  ASSERT_TRUE(wrapped.ok());
  EXPECT_FALSE(wrapped->has_value());
  // ConsistentRead is accepted either way.
  for (bool consistent : {false, true}) {
    auto c = db_->GetItem(GetItemRequest{"Sparse", {{"pk", S("a")}, {"sk", S("1")}}, consistent});
    ASSERT_TRUE(c.ok());
    EXPECT_TRUE(c->item.has_value());
  }
}

TEST_F(DbTest, PutItemReplacesTheWholeItem) {
  CreateHash("Replace");
  LMDDB_ASSERT_OK(Put("Replace", {{"pk", S("k")}, {"a", S("1")}, {"b", S("2")}}));
  LMDDB_ASSERT_OK(Put("Replace", {{"pk", S("k")}, {"c", S("3")}}));
  auto got = Get("Replace", {{"pk", S("k")}});
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, (Item{{"pk", S("k")}, {"c", S("3")}}));
  EXPECT_EQ(Describe("Replace").item_count, 1);
}

// ------------------------------------------------------------- ReturnValues

TEST_F(DbTest, PutItemReturnsOldItemWithAllOld) {
  CreateHash("RvTable");
  Item v1 = {{"pk", S("k")}, {"v", N(1)}, {"tags", AttributeValue::SS({"x"})}};
  Item v2 = {{"pk", S("k")}, {"v", N(2)}};
  auto first = PutRv("RvTable", v1, ReturnValue::kAllOld);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->attributes.has_value()) << "no old item, no Attributes";
  auto second = PutRv("RvTable", v2, ReturnValue::kAllOld);
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(second->attributes.has_value());
  EXPECT_EQ(*second->attributes, v1);
  auto third = PutRv("RvTable", v1, ReturnValue::kNone);
  ASSERT_TRUE(third.ok());
  EXPECT_FALSE(third->attributes.has_value());
  auto fourth = db_->PutItem(PutItemRequest{"RvTable", v2, std::nullopt});
  ASSERT_TRUE(fourth.ok());
  EXPECT_FALSE(fourth->attributes.has_value());
  EXPECT_EQ(Get("RvTable", {{"pk", S("k")}}), v2);
}

TEST_F(DbTest, PutItemRejectsReturnValuesOtherThanNoneAndAllOld) {
  CreateHash("RvBad");
  Item v1 = {{"pk", S("k")}, {"v", N(1)}};
  LMDDB_ASSERT_OK(Put("RvBad", v1));
  for (ReturnValue rv : {ReturnValue::kAllNew, ReturnValue::kUpdatedOld, ReturnValue::kUpdatedNew}) {
    auto r = PutRv("RvBad", {{"pk", S("k")}, {"v", N(2)}}, rv);
    EXPECT_TRUE(IsError(r.status(), ErrorType::kValidation, kReturnValues))
        << ReturnValueName(rv);
    r = PutRv("RvBad", {{"pk", S("new")}}, rv);
    EXPECT_TRUE(IsError(r.status(), ErrorType::kValidation, kReturnValues));
  }
  EXPECT_EQ(Get("RvBad", {{"pk", S("k")}}), v1);
  EXPECT_FALSE(Get("RvBad", {{"pk", S("new")}}).has_value());
  EXPECT_EQ(Describe("RvBad").item_count, 1);
}

TEST_F(DbTest, DeleteItemReturnsOldItemWithAllOld) {
  CreateHashRange("Del", T::kS, T::kB);
  Item item = {{"pk", S("k")}, {"sk", B("\x01")}, {"m", AttributeValue::M({{"a", N(1)}})}};
  LMDDB_ASSERT_OK(Put("Del", item));
  Item key = {{"pk", S("k")}, {"sk", B("\x01")}};
  auto r = db_->DeleteItem(DeleteItemRequest{"Del", key, ReturnValue::kAllOld});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->attributes.has_value());
  EXPECT_EQ(*r->attributes, item);
  EXPECT_FALSE(Get("Del", key).has_value());
  // Deleting a missing item succeeds, with no Attributes even for ALL_OLD.
  auto again = db_->DeleteItem(DeleteItemRequest{"Del", key, ReturnValue::kAllOld});
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->attributes.has_value());
  LMDDB_EXPECT_OK(Delete("Del", {{"pk", S("never")}, {"sk", B("x")}}));
  LMDDB_EXPECT_OK(db_->table("Del").DeleteItem({{"pk", S("never")}, {"sk", B("x")}}));
  // NONE returns nothing.
  LMDDB_ASSERT_OK(Put("Del", item));
  auto none = db_->DeleteItem(DeleteItemRequest{"Del", key, ReturnValue::kNone});
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->attributes.has_value());
  EXPECT_FALSE(Get("Del", key).has_value());
  EXPECT_EQ(Describe("Del").item_count, 0);
  EXPECT_EQ(Describe("Del").table_size_bytes, 0);
}

TEST_F(DbTest, DeleteItemRejectsReturnValuesOtherThanNoneAndAllOld) {
  CreateHash("DelBad");
  LMDDB_ASSERT_OK(Put("DelBad", {{"pk", S("k")}}));
  for (ReturnValue rv : {ReturnValue::kAllNew, ReturnValue::kUpdatedOld, ReturnValue::kUpdatedNew}) {
    auto r = db_->DeleteItem(DeleteItemRequest{"DelBad", {{"pk", S("k")}}, rv});
    EXPECT_TRUE(IsError(r.status(), ErrorType::kValidation, kReturnValues));
  }
  EXPECT_TRUE(Get("DelBad", {{"pk", S("k")}}).has_value()) << "a rejected delete deleted";
}

// ----------------------------------------------------------- key validation

TEST_F(DbTest, PutItemMissingKeyAttribute) {
  CreateHashRange("Keys", T::kS, T::kN);
  EXPECT_TRUE(IsError(Put("Keys", {{"sk", N(1)}, {"a", S("x")}}), ErrorType::kValidation,
                      std::string(kInvalid) + "Missing the key pk in the item"));
  EXPECT_TRUE(IsError(Put("Keys", {{"pk", S("a")}, {"a", S("x")}}), ErrorType::kValidation,
                      std::string(kInvalid) + "Missing the key sk in the item"));
  EXPECT_TRUE(IsError(Put("Keys", {{"a", S("x")}}), ErrorType::kValidation,
                      std::string(kInvalid) + "Missing the key pk in the item"));
  // Key names are case-sensitive.
  EXPECT_TRUE(IsError(Put("Keys", {{"PK", S("a")}, {"sk", N(1)}}), ErrorType::kValidation,
                      std::string(kInvalid) + "Missing the key pk in the item"));
  EXPECT_EQ(Describe("Keys").item_count, 0);
}

TEST_F(DbTest, PutItemKeyTypeMismatch) {
  CreateHashRange("Types2", T::kS, T::kN);
  EXPECT_TRUE(IsError(Put("Types2", {{"pk", N(1)}, {"sk", N(1)}}), ErrorType::kValidation,
                      std::string(kInvalid) + "Type mismatch for key pk expected: S actual: N"));
  EXPECT_TRUE(IsError(Put("Types2", {{"pk", S("a")}, {"sk", S("1")}}), ErrorType::kValidation,
                      std::string(kInvalid) + "Type mismatch for key sk expected: N actual: S"));
  EXPECT_TRUE(IsError(Put("Types2", {{"pk", B("a")}, {"sk", N(1)}}), ErrorType::kValidation,
                      std::string(kInvalid) + "Type mismatch for key pk expected: S actual: B"));
  EXPECT_TRUE(IsError(Put("Types2", {{"pk", AttributeValue::SS({"a"})}, {"sk", N(1)}}),
                      ErrorType::kValidation,
                      std::string(kInvalid) + "Type mismatch for key pk expected: S actual: SS"));
  EXPECT_TRUE(IsError(Put("Types2", {{"pk", S("a")}, {"sk", AttributeValue::Null()}}),
                      ErrorType::kValidation,
                      std::string(kInvalid) + "Type mismatch for key sk expected: N actual: NULL"));
  CreateHash("BinKey", T::kB);
  EXPECT_TRUE(IsError(Put("BinKey", {{"pk", S("a")}}), ErrorType::kValidation,
                      std::string(kInvalid) + "Type mismatch for key pk expected: B actual: S"));
  EXPECT_EQ(Describe("Types2").item_count, 0);
}

TEST_F(DbTest, EmptyStringOrBinaryKeyIsRejected) {
  CreateHashRange("EmptyS", T::kS, T::kS);
  CreateHashRange("EmptyB", T::kB, T::kB);
  const std::string empty_s =
      "One or more parameter values are not valid. The AttributeValue for a key attribute "
      "cannot contain an empty string value. Key: ";
  const std::string empty_b =
      "One or more parameter values are not valid. The AttributeValue for a key attribute "
      "cannot contain an empty binary value. Key: ";
  EXPECT_TRUE(IsError(Put("EmptyS", {{"pk", S("")}, {"sk", S("x")}}), ErrorType::kValidation,
                      empty_s + "pk"));
  EXPECT_TRUE(IsError(Put("EmptyS", {{"pk", S("x")}, {"sk", S("")}}), ErrorType::kValidation,
                      empty_s + "sk"));
  EXPECT_TRUE(IsError(Put("EmptyB", {{"pk", B("")}, {"sk", B("x")}}), ErrorType::kValidation,
                      empty_b + "pk"));
  EXPECT_TRUE(IsError(Put("EmptyB", {{"pk", B("x")}, {"sk", B("")}}), ErrorType::kValidation,
                      empty_b + "sk"));
  // The same for Key parameters.
  EXPECT_TRUE(IsError(GetStatus("EmptyS", {{"pk", S("")}, {"sk", S("x")}}),
                      ErrorType::kValidation, empty_s + "pk"));
  EXPECT_TRUE(IsError(Delete("EmptyS", {{"pk", S("x")}, {"sk", S("")}}), ErrorType::kValidation,
                      empty_s + "sk"));
  EXPECT_TRUE(IsError(GetStatus("EmptyB", {{"pk", B("x")}, {"sk", B("")}}),
                      ErrorType::kValidation, empty_b + "sk"));
  EXPECT_TRUE(IsError(Delete("EmptyB", {{"pk", B("")}, {"sk", B("x")}}), ErrorType::kValidation,
                      empty_b + "pk"));
  EXPECT_EQ(Describe("EmptyS").item_count, 0);
  EXPECT_EQ(Describe("EmptyB").item_count, 0);
}

TEST_F(DbTest, EmptyStringAndBinaryInNonKeyAttributesRoundTrip) {
  CreateHash("EmptyAttrs");
  Item item = {{"pk", S("k")},
               {"s", S("")},
               {"b", B("")},
               {"l", AttributeValue::L({S(""), B("")})},
               {"m", AttributeValue::M({{"e", S("")}})},
               {"ss", AttributeValue::SS({""})},
               {"bs", AttributeValue::BS({""})}};
  LMDDB_ASSERT_OK(Put("EmptyAttrs", item));
  EXPECT_EQ(Get("EmptyAttrs", {{"pk", S("k")}}), item);
  // Size: names + 0-byte values; L/M 3 + 1 per element.
  EXPECT_EQ(Describe("EmptyAttrs").table_size_bytes,
            (2 + 1) + 1 + 1 + (1 + 3 + 2) + (1 + 3 + 1 + 1) + 2 + 2);
}

TEST_F(DbTest, HashKeySizeLimitIs2048Bytes) {
  CreateHash("BigHash");
  CreateHash("BigHashB", T::kB);
  const std::string msg =
      std::string(kInvalid) + "Size of hashkey has exceeded the maximum size limit of2048 bytes";
  LMDDB_EXPECT_OK(Put("BigHash", {{"pk", S(std::string(2048, 'h'))}}));
  EXPECT_TRUE(IsError(Put("BigHash", {{"pk", S(std::string(2049, 'h'))}}), ErrorType::kValidation,
                      msg));
  // Bytes, not characters: 1025 two-byte characters are 2050 bytes.
  std::string e_acute;
  for (int i = 0; i < 1024; ++i) e_acute += "\xC3\xA9";
  LMDDB_EXPECT_OK(Put("BigHash", {{"pk", S(e_acute)}}));
  EXPECT_TRUE(IsError(Put("BigHash", {{"pk", S(e_acute + "\xC3\xA9")}}), ErrorType::kValidation,
                      msg));
  LMDDB_EXPECT_OK(Put("BigHashB", {{"pk", B(std::string(2048, '\0'))}}));
  EXPECT_TRUE(IsError(Put("BigHashB", {{"pk", B(std::string(2049, '\0'))}}),
                      ErrorType::kValidation, msg));
  // Key parameters too.
  EXPECT_TRUE(IsError(GetStatus("BigHash", {{"pk", S(std::string(2049, 'h'))}}),
                      ErrorType::kValidation, msg));
  EXPECT_TRUE(IsError(Delete("BigHashB", {{"pk", B(std::string(4096, 'x'))}}),
                      ErrorType::kValidation, msg));
  EXPECT_TRUE(Get("BigHash", {{"pk", S(std::string(2048, 'h'))}}).has_value());
  EXPECT_EQ(Describe("BigHash").item_count, 2);
  EXPECT_EQ(Describe("BigHashB").item_count, 1);
}

TEST_F(DbTest, SortKeySizeLimitIs1024Bytes) {
  CreateHashRange("BigRange", T::kS, T::kS);
  CreateHashRange("BigRangeB", T::kN, T::kB);
  const std::string msg =
      std::string(kInvalid) +
      "Aggregated size of all range keys has exceeded the size limit of 1024 bytes";
  LMDDB_EXPECT_OK(Put("BigRange", {{"pk", S("p")}, {"sk", S(std::string(1024, 's'))}}));
  EXPECT_TRUE(IsError(Put("BigRange", {{"pk", S("p")}, {"sk", S(std::string(1025, 's'))}}),
                      ErrorType::kValidation, msg));
  LMDDB_EXPECT_OK(Put("BigRangeB", {{"pk", N(1)}, {"sk", B(std::string(1024, '\xff'))}}));
  EXPECT_TRUE(IsError(Put("BigRangeB", {{"pk", N(1)}, {"sk", B(std::string(1025, '\xff'))}}),
                      ErrorType::kValidation, msg));
  EXPECT_TRUE(IsError(GetStatus("BigRange", {{"pk", S("p")}, {"sk", S(std::string(1025, 's'))}}),
                      ErrorType::kValidation, msg));
  EXPECT_TRUE(IsError(Delete("BigRangeB", {{"pk", N(1)}, {"sk", B(std::string(1025, 'x'))}}),
                      ErrorType::kValidation, msg));
  // A 2048-byte partition key with a 1024-byte sort key is fine.
  LMDDB_EXPECT_OK(
      Put("BigRange", {{"pk", S(std::string(2048, 'p'))}, {"sk", S(std::string(1024, 's'))}}));
  EXPECT_EQ(Describe("BigRange").item_count, 2);
  EXPECT_EQ(Describe("BigRangeB").item_count, 1);
}

TEST_F(DbTest, NumberKeysHaveNoByteLimit) {
  CreateHashRange("NumKeys", T::kN, T::kN);
  AttributeValue big = N("-9.9999999999999999999999999999999999999E+125");
  AttributeValue tiny = N("1E-130");
  LMDDB_ASSERT_OK(Put("NumKeys", {{"pk", big}, {"sk", tiny}}));
  EXPECT_TRUE(Get("NumKeys", {{"pk", big}, {"sk", tiny}}).has_value());
}

TEST_F(DbTest, KeyParameterMustMatchSchemaExactly) {
  CreateHashRange("Schema", T::kS, T::kN);
  CreateHash("HashOnly", T::kS);
  LMDDB_ASSERT_OK(Put("Schema", {{"pk", S("a")}, {"sk", N(1)}, {"x", S("y")}}));
  LMDDB_ASSERT_OK(Put("HashOnly", {{"pk", S("a")}, {"x", S("y")}}));
  const std::vector<std::pair<std::string, Item>> bad = {
      {"Schema", {{"pk", S("a")}}},                                 // missing range
      {"Schema", {{"sk", N(1)}}},                                   // missing hash
      {"Schema", {}},                                               // empty
      {"Schema", {{"pk", S("a")}, {"sk", N(1)}, {"x", S("y")}}},    // extra
      {"Schema", {{"pk", S("a")}, {"sk", S("1")}}},                 // wrong range type
      {"Schema", {{"pk", N(1)}, {"sk", N(1)}}},                     // wrong hash type
      {"Schema", {{"pk", S("a")}, {"SK", N(1)}}},                   // wrong name
      {"HashOnly", {{"pk", S("a")}, {"x", S("y")}}},                // extra
      {"HashOnly", {{"pk", S("a")}, {"sk", N(1)}}},                 // range on hash-only
      {"HashOnly", {{"pk", B("a")}}},                               // wrong type
      {"HashOnly", {{"x", S("y")}}},                                // other attribute
      {"HashOnly", {}},                                             // empty
  };
  for (const auto& [table, key] : bad) {
    EXPECT_TRUE(IsError(GetStatus(table, key), ErrorType::kValidation, kNoSchemaMatch)) << table;
    EXPECT_TRUE(IsError(Delete(table, key), ErrorType::kValidation, kNoSchemaMatch)) << table;
    auto rv = db_->DeleteItem(DeleteItemRequest{table, key, ReturnValue::kAllOld});
    EXPECT_TRUE(IsError(rv.status(), ErrorType::kValidation, kNoSchemaMatch)) << table;
  }
  // Nothing was deleted.
  EXPECT_TRUE(Get("Schema", {{"pk", S("a")}, {"sk", N(1)}}).has_value());
  EXPECT_TRUE(Get("HashOnly", {{"pk", S("a")}}).has_value());
}

TEST_F(DbTest, InvalidValuesInKeyParameterAreRejected) {
  CreateHash("KeyVals");
  // Value-level validation of the key happens before the schema match.
  EXPECT_TRUE(IsError(GetStatus("KeyVals", {{"pk", AttributeValue::SS({})}}),
                      ErrorType::kValidation,
                      std::string(kInvalid) + "An string set  may not be empty"));
}

// ---------------------------------------------------------------- item size

TEST_F(DbTest, ItemOfExactly400KBIsStoredAndOneByteMoreIsRejected) {
  CreateHash("Size");
  // pk: 2 + 1; data: 4 + n.
  const size_t n = 409600 - (2 + 1) - 4;
  Item max = {{"pk", S("k")}, {"data", S(std::string(n, 'd'))}};
  LMDDB_ASSERT_OK(Put("Size", max));
  TableDescription d = Describe("Size");
  EXPECT_EQ(d.item_count, 1);
  EXPECT_EQ(d.table_size_bytes, 409600);

  Item over = {{"pk", S("k")}, {"data", S(std::string(n + 1, 'e'))}};
  EXPECT_TRUE(IsError(Put("Size", over), ErrorType::kValidation, kTooLarge));
  auto rv = PutRv("Size", over, ReturnValue::kAllOld);
  EXPECT_TRUE(IsError(rv.status(), ErrorType::kValidation, kTooLarge));
  Item over_new = {{"pk", S("j")}, {"data", S(std::string(n + 1, 'e'))}};
  EXPECT_TRUE(IsError(Put("Size", over_new), ErrorType::kValidation, kTooLarge));
  // Over by a name byte rather than a value byte.
  Item over_name = {{"pk", S("j")}, {"datax", S(std::string(n, 'e'))}};
  EXPECT_TRUE(IsError(Put("Size", over_name), ErrorType::kValidation, kTooLarge));

  // Nothing changed.
  EXPECT_EQ(Get("Size", {{"pk", S("k")}}), max);
  EXPECT_FALSE(Get("Size", {{"pk", S("j")}}).has_value());
  d = Describe("Size");
  EXPECT_EQ(d.item_count, 1);
  EXPECT_EQ(d.table_size_bytes, 409600);
}

TEST_F(DbTest, ItemSizeLimitCountsBinaryAndNestedValues) {
  CreateHash("Size2", T::kB);
  // pk B 1 byte: 2 + 1. "l": 1 + (3 + 1 + n).
  const size_t n = 409600 - 3 - 1 - 4;
  Item max = {{"pk", B("\x01")}, {"l", AttributeValue::L({B(std::string(n, '\0'))})}};
  LMDDB_ASSERT_OK(Put("Size2", max));
  EXPECT_EQ(Describe("Size2").table_size_bytes, 409600);
  Item over = {{"pk", B("\x01")}, {"l", AttributeValue::L({B(std::string(n + 1, '\0'))})}};
  EXPECT_TRUE(IsError(Put("Size2", over), ErrorType::kValidation, kTooLarge));
  EXPECT_EQ(Get("Size2", {{"pk", B("\x01")}}), max);
}

TEST_F(DbTest, FailedWritesChangeNothing) {
  CreateHashRange("Atomic", T::kS, T::kN);
  Item item = {{"pk", S("a")}, {"sk", N(1)}, {"v", S("original")}};
  LMDDB_ASSERT_OK(Put("Atomic", item));
  const TableDescription before = Describe("Atomic");
  std::vector<Status> failures;
  failures.push_back(Put("Atomic", {{"pk", S("a")}, {"sk", N(1)}, {"v", S(std::string(409600, 'x'))}}));
  failures.push_back(Put("Atomic", {{"pk", S("a")}, {"v", S("missing sk")}}));
  failures.push_back(Put("Atomic", {{"pk", S("a")}, {"sk", S("1")}, {"v", S("wrong type")}}));
  failures.push_back(Put("Atomic", {{"pk", S("a")}, {"sk", N(1)}, {"v", AttributeValue::SS({"a", "a"})}}));
  failures.push_back(Put("Atomic", {{"pk", S("a")}, {"sk", N(1)}, {"v", AttributeValue::NS({})}}));
  failures.push_back(PutRv("Atomic", {{"pk", S("a")}, {"sk", N(1)}}, ReturnValue::kAllNew).status());
  failures.push_back(Delete("Atomic", {{"pk", S("a")}}));
  failures.push_back(
      db_->DeleteItem(DeleteItemRequest{"Atomic", {{"pk", S("a")}, {"sk", N(1)}}, ReturnValue::kUpdatedNew})
          .status());
  for (const Status& s : failures) EXPECT_EQ(s.type(), ErrorType::kValidation) << s.ToString();
  EXPECT_EQ(Get("Atomic", {{"pk", S("a")}, {"sk", N(1)}}), item);
  const TableDescription after = Describe("Atomic");
  EXPECT_EQ(after.item_count, before.item_count);
  EXPECT_EQ(after.table_size_bytes, before.table_size_bytes);
}

// ------------------------------------------- ItemCount and TableSizeBytes

TEST(ItemCount, ExactAfterPutsReplacesDeletesAndReopen) {
  TempDir dir;
  auto db = OpenDb(dir.path());
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->CreateTable(TableRequest("Stats", T::kS)).ok());
  ASSERT_TRUE(db->CreateTable(TableRequest("Other", T::kS)).ok());
  Table t = db->table("Stats");
  auto expect = [&](int64_t count, int64_t size) {
    auto d = t.Describe();
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->item_count, count);
    EXPECT_EQ(d->table_size_bytes, size);
  };
  expect(0, 0);
  // {"pk": "a", "v": "12345"}: (2 + 1) + (1 + 5) = 9
  LMDDB_ASSERT_OK(t.PutItem({{"pk", S("a")}, {"v", S("12345")}}));
  expect(1, 9);
  // {"pk": "bb", "n": 12345}: (2 + 2) + (1 + 4) = 9; N 12345 is 1 + 3 bytes
  LMDDB_ASSERT_OK(t.PutItem({{"pk", S("bb")}, {"n", N(12345)}}));
  expect(2, 18);
  // {"pk": "c"}: 3
  LMDDB_ASSERT_OK(t.PutItem({{"pk", S("c")}}));
  expect(3, 21);
  // Replace "a" with a larger item: (2 + 1) + (1 + 20) = 24.
  LMDDB_ASSERT_OK(t.PutItem({{"pk", S("a")}, {"v", S(std::string(20, 'z'))}}));
  expect(3, 36);
  // Replace "a" with a smaller one: 3.
  LMDDB_ASSERT_OK(t.PutItem({{"pk", S("a")}}));
  expect(3, 15);
  // Identical replace.
  LMDDB_ASSERT_OK(t.PutItem({{"pk", S("a")}}));
  expect(3, 15);
  // Writes to another table do not count here.
  LMDDB_ASSERT_OK(db->table("Other").PutItem({{"pk", S("a")}, {"x", S("xxxxxxxx")}}));
  expect(3, 15);
  LMDDB_ASSERT_OK(t.DeleteItem({{"pk", S("bb")}}));
  expect(2, 6);
  LMDDB_ASSERT_OK(t.DeleteItem({{"pk", S("bb")}}));  // missing: no change
  expect(2, 6);
  LMDDB_ASSERT_OK(t.PutItem({{"pk", S("d")}, {"bool", AttributeValue::Bool(true)},
                             {"nul", AttributeValue::Null()}}));  // 3 + 5 + 4 = 12
  expect(3, 18);

  db.reset();
  db = OpenDb(dir.path());
  ASSERT_NE(db, nullptr);
  t = db->table("Stats");
  expect(3, 18);
  LMDDB_ASSERT_OK(t.DeleteItem({{"pk", S("d")}}));
  expect(2, 6);
  LMDDB_ASSERT_OK(t.DeleteItem({{"pk", S("a")}}));
  LMDDB_ASSERT_OK(t.DeleteItem({{"pk", S("c")}}));
  expect(0, 0);
  auto other = db->table("Other").Describe();
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->item_count, 1);
  EXPECT_EQ(other->table_size_bytes, 3 + 9);
}

TEST_F(DbTest, NumberSizesFollowDynamoDbRule) {
  CreateHash("NumSize");
  // (2 + 1) for pk + 1 for the name "n" + the number's size.
  struct Case {
    const char* text;
    int64_t size;
  };
  const Case cases[] = {
      {"0", 1},      {"1", 2},       {"10", 2},    {"-1", 3},       {"12", 2},
      {"123", 3},    {"1234", 3},    {"123.4", 4}, {"12345", 4},    {"0.5", 2},
      {"-0.05", 3},  {"1e125", 2},   {"1E-130", 2},
  };
  for (const Case& c : cases) {
    LMDDB_ASSERT_OK(Put("NumSize", {{"pk", S("k")}, {"n", N(c.text)}}));
    EXPECT_EQ(Describe("NumSize").table_size_bytes, 3 + 1 + c.size) << c.text;
  }
}

// ---------------------------------------------------------------- numbers

TEST_F(DbTest, NumberKeysAreCanonical) {
  CreateHashRange("Nums", T::kN, T::kN);
  LMDDB_ASSERT_OK(Put("Nums", {{"pk", N("1e3")}, {"sk", N("-0")}, {"v", S("first")}}));
  // The same key written other ways.
  for (const char* pk : {"1000", "1E3", "1000.000", "+1000", "0001000", "10e2", "1e+3"}) {
    for (const char* sk : {"0", "-0.0", "0e10", "+0"}) {
      auto got = Get("Nums", {{"pk", N(pk)}, {"sk", N(sk)}});
      ASSERT_TRUE(got.has_value()) << pk << " / " << sk;
      EXPECT_EQ(got->at("pk").n().ToString(), "1000");
      EXPECT_EQ(got->at("sk").n().ToString(), "0");
      EXPECT_EQ(got->at("v").s(), "first");
    }
  }
  // A put with an equal number replaces the item.
  auto rv = PutRv("Nums", {{"pk", N("1000")}, {"sk", N("0")}, {"v", S("second")}},
                  ReturnValue::kAllOld);
  ASSERT_TRUE(rv.ok());
  ASSERT_TRUE(rv->attributes.has_value());
  EXPECT_EQ(rv->attributes->at("v").s(), "first");
  EXPECT_EQ(Describe("Nums").item_count, 1);
  // Different numbers are different keys.
  EXPECT_FALSE(Get("Nums", {{"pk", N("1000.0001")}, {"sk", N("0")}}).has_value());
  EXPECT_FALSE(Get("Nums", {{"pk", N("-1000")}, {"sk", N("0")}}).has_value());
  EXPECT_FALSE(Get("Nums", {{"pk", N("1000")}, {"sk", N("1E-130")}}).has_value());
  LMDDB_ASSERT_OK(Delete("Nums", {{"pk", N("10E2")}, {"sk", N("0.000")}}));
  EXPECT_EQ(Describe("Nums").item_count, 0);
}

TEST_F(DbTest, NumbersComeBackCanonical) {
  CreateHash("Canon", T::kN);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"007", "7"},        {"1.10", "1.1"},   {"-0.0", "0"},      {".5", "0.5"},
      {"1.5e2", "150"},    {"1e-3", "0.001"}, {"+3", "3"},        {"0001.23", "1.23"},
      {"1e+5", "100000"},  {"-12.500", "-12.5"},
      {"1e125", "1" + std::string(125, '0')},
      {"12345678901234567890123456789012345678", "12345678901234567890123456789012345678"},
  };
  Item item = {{"pk", N("5")}};
  AttributeValue::List list;
  for (size_t i = 0; i < cases.size(); ++i) {
    item["n" + std::to_string(i)] = N(cases[i].first);
    list.push_back(N(cases[i].first));
  }
  item["list"] = AttributeValue::L(list);
  item["ns"] = AttributeValue::NS({*Number::Parse("1.50"), *Number::Parse("2e1")});
  LMDDB_ASSERT_OK(Put("Canon", item));
  auto got = Get("Canon", {{"pk", N("5.0")}});
  ASSERT_TRUE(got);
  EXPECT_EQ(got->at("pk").n().ToString(), "5");
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(got->at("n" + std::to_string(i)).n().ToString(), cases[i].second) << cases[i].first;
    EXPECT_EQ(got->at("list").l()[i].n().ToString(), cases[i].second) << cases[i].first;
  }
  std::set<std::string> ns;
  for (const Number& n : got->at("ns").ns()) ns.insert(n.ToString());
  EXPECT_EQ(ns, (std::set<std::string>{"1.5", "20"}));
}

}  // namespace
}  // namespace lmddb
