// Query and Scan request errors, with DynamoDB's exact messages.
#include <string>

#include "query_test_util.h"

namespace lmddb::query_test {
namespace {

class ReadValidationTest : public QueryFixture {
 protected:
  void SetUp() override {
    QueryFixture::SetUp();
    Create("Tab", Type::kS, Type::kN);
    Create("Hash", Type::kS);
    Put("Tab", {{"pk", S("p")}, {"sk", N(5)}});
  }
  static QueryRequest Kq(const std::string& kce, Item values) { return Q(kce, std::move(values)); }
};

TEST_F(ReadValidationTest, QueryRequestChecks) {
  QueryRequest q = Q("pk = :p", {{":p", S("p")}});
  q.table_name = "Tab";
  q.limit = 0;
  EXPECT_EQ(Error(q),
            "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member "
            "must have value greater than or equal to 1");
  q.limit.reset();
  q.key_condition_expression.reset();
  q.expression_attribute_values.reset();
  EXPECT_EQ(Error(q),
            "Either the KeyConditions or KeyConditionExpression parameter must be specified in the "
            "request.");
  q = Q("pk = :p", {{":p", S("p")}});
  q.table_name = "Missing";
  auto r = db_->Query(q);
  EXPECT_TRUE(IsError(r.status(), ErrorType::kResourceNotFound, "Requested resource not found"));
  q.table_name = "Tab";
  q.index_name = "byOther";
  EXPECT_EQ(Error(q), "The table does not have the specified index: byOther");
  q.index_name.reset();
  q.key_condition_expression = "";
  EXPECT_EQ(Error(q), "Invalid KeyConditionExpression: The expression can not be empty;");
  q = Q("pk = :p", {{":p", S("p")}, {":unused", S("x")}});
  q.table_name = "Tab";
  EXPECT_EQ(Error(q), "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
}

TEST_F(ReadValidationTest, SelectCombinations) {
  QueryRequest q = Q("pk = :p", {{":p", S("p")}});
  q.table_name = "Tab";
  q.projection_expression = "sk";
  q.select = Select::kAllAttributes;
  EXPECT_EQ(Error(q),
            "1 validation error detected: Cannot specify the ProjectionExpression when choosing to "
            "get ALL_ATTRIBUTES");
  q.select = Select::kCount;
  EXPECT_EQ(Error(q),
            "1 validation error detected: Cannot specify the ProjectionExpression when choosing to "
            "get only the Count");
  q.select = Select::kAllProjectedAttributes;
  EXPECT_EQ(Error(q),
            "1 validation error detected: Cannot specify the ProjectionExpression when choosing to "
            "get ALL_PROJECTED_ATTRIBUTES");
  q.projection_expression.reset();
  EXPECT_EQ(Error(q),
            "1 validation error detected: ALL_PROJECTED_ATTRIBUTES can be used only when Querying "
            "using an IndexName");
  q.select = Select::kSpecificAttributes;
  EXPECT_EQ(Error(q),
            "1 validation error detected: Must specify the AttributesToGet or ProjectionExpression "
            "when choosing to get SPECIFIC_ATTRIBUTES");
  ScanRequest s = Sc("Tab");
  s.select = Select::kSpecificAttributes;
  EXPECT_EQ(Error(s),
            "Must specify the AttributesToGet or ProjectionExpression when choosing to get "
            "SPECIFIC_ATTRIBUTES");
  s.select = Select::kAllProjectedAttributes;
  EXPECT_EQ(Error(s), "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
  s.select = Select::kCount;
  s.projection_expression = "pk";
  EXPECT_EQ(Error(s), "Cannot specify the ProjectionExpression when choosing to get only the Count");
}

TEST_F(ReadValidationTest, KeyConditionAgainstTheSchema) {
  EXPECT_EQ(Error(Q("sk = :s", {{":s", N(1)}})), "Query condition missed key schema element: pk");
  EXPECT_EQ(Error(Q("attr1 = :s", {{":s", N(1)}})), "Query condition missed key schema element: pk");
  EXPECT_EQ(Error(Q("sk > :s", {{":s", N(1)}})), "Query condition missed key schema element: pk");
  EXPECT_EQ(Error(Q("pk = :p AND attr1 = :s", {{":p", S("p")}, {":s", N(1)}})),
            "Query condition missed key schema element: sk");
  EXPECT_EQ(Error(Q("pk < :p", {{":p", S("p")}})), "Query key condition not supported");
  EXPECT_EQ(Error(Q("begins_with(pk, :p)", {{":p", S("p")}})), "Query key condition not supported");
  EXPECT_EQ(Error(Q("pk = :p", {{":p", N(1)}})),
            "One or more parameter values were invalid: Condition parameter type does not match "
            "schema type");
  EXPECT_EQ(Error(Q("pk = :p AND sk BETWEEN :a AND :b", {{":p", S("p")}, {":a", S("a")}, {":b", S("b")}})),
            "One or more parameter values were invalid: Condition parameter type does not match "
            "schema type");
  EXPECT_EQ(Error(Q("pk = :p AND begins_with(sk, :a)", {{":p", S("p")}, {":a", S("a")}})),
            "One or more parameter values were invalid: Condition parameter type does not match "
            "schema type");
  EXPECT_EQ(Error(Q("pk = :p", {{":p", S("")}})),
            "One or more parameter values are not valid. The AttributeValue for a key attribute "
            "cannot contain an empty string value. Key: pk");
  QueryRequest hash = Q("pk = :p AND sk = :s", {{":p", S("p")}, {":s", N(1)}});
  hash.table_name = "Hash";
  EXPECT_EQ(Error(hash), "Query key condition not supported");
  QueryRequest filter = Q("pk = :p", {{":p", S("p")}, {":s", N(1)}});
  filter.filter_expression = "size(sk) > :s";
  EXPECT_EQ(Error(filter),
            "Filter Expression can only contain non-primary key attributes: Primary key attribute: "
            "sk");
}

TEST_F(ReadValidationTest, QueryStartKey) {
  QueryRequest q = Q("pk = :p AND sk > :s", {{":p", S("p")}, {":s", N(1)}});
  q.exclusive_start_key = Item{{"pk", S("p")}};
  EXPECT_EQ(Error(q), "The provided starting key is invalid");
  q.exclusive_start_key = Item{{"pk", S("p")}, {"sk", S("1")}};
  EXPECT_EQ(Error(q), "The provided starting key is invalid");
  q.exclusive_start_key = Item{{"pk", S("p")}, {"other", N(1)}};
  EXPECT_EQ(Error(q), "The provided starting key is invalid");
  q.exclusive_start_key = Item{{"pk", S("p")}, {"sk", N(2)}, {"x", N(1)}};
  EXPECT_EQ(Error(q), "The provided starting key is invalid");
  q.exclusive_start_key = Item{{"pk", S("p")}, {"sk", AttributeValue::SS({})}};
  EXPECT_EQ(Error(q).rfind("The provided starting key is invalid: ", 0), 0u);
  q.exclusive_start_key = Item{{"pk", S("")}, {"sk", N(2)}};
  EXPECT_EQ(Error(q),
            "The provided starting key is invalid: One or more parameter values are not valid. The "
            "AttributeValue for a key attribute cannot contain an empty string value. Key: pk");
  q.exclusive_start_key = Item{{"pk", S("q")}, {"sk", N(2)}};
  EXPECT_EQ(Error(q),
            "The provided starting key is outside query boundaries based on provided conditions");
  q.exclusive_start_key = Item{{"pk", S("p")}, {"sk", N(1)}};
  EXPECT_EQ(Error(q), "The provided starting key does not match the range key predicate");
  q.exclusive_start_key = Item{{"pk", S("p")}, {"sk", N(2)}};  // need not exist
  auto r = db_->Query(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->items.size(), 1u);
  EXPECT_EQ(r->items[0].at("sk"), N(5));
}

TEST_F(ReadValidationTest, ScanRequestChecks) {
  ScanRequest s = Sc("Tab");
  s.total_segments = 4;
  EXPECT_EQ(Error(s),
            "The Segment parameter is required but was not present in the request when parameter "
            "TotalSegments is present");
  s.total_segments.reset();
  s.segment = 1;
  EXPECT_EQ(Error(s),
            "The TotalSegments parameter is required but was not present in the request when "
            "Segment parameter is present");
  s.segment = 5;
  s.total_segments = 5;
  EXPECT_EQ(Error(s),
            "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
            "Segment: 5 is not less than TotalSegments: 5");
  s.segment = -1;
  s.total_segments = 1000001;
  EXPECT_EQ(Error(s),
            "2 validation errors detected: Value '-1' at 'segment' failed to satisfy constraint: "
            "Member must have value greater than or equal to 0; Value '1000001' at 'totalSegments' "
            "failed to satisfy constraint: Member must have value less than or equal to 1000000");
  s = Sc("Tab");
  s.limit = 0;
  EXPECT_EQ(Error(s),
            "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member "
            "must have value greater than or equal to 1");
  s.limit.reset();
  s.exclusive_start_key = Item{{"pk", S("p")}, {"sk", AttributeValue::Bool(true)}};
  EXPECT_EQ(Error(s),
            "The provided starting key is invalid: The provided key element does not match the "
            "schema");
  s.exclusive_start_key.reset();
  s.index_name = "gsi";
  EXPECT_EQ(Error(s), "The table does not have the specified index: gsi");
  s = Sc("Missing");
  auto r = db_->Scan(s);
  EXPECT_TRUE(IsError(r.status(), ErrorType::kResourceNotFound, "Requested resource not found"));
  s = Sc("Tab");
  s.expression_attribute_values = Item{{":v", N(1)}};
  EXPECT_EQ(Error(s),
            "ExpressionAttributeValues can only be specified when using expressions: "
            "FilterExpression is null and ProjectionExpression is null");
}

}  // namespace
}  // namespace lmddb::query_test
