// ClientRequestToken: a repeat within 10 minutes of completion succeeds
// without writing again; another request with the token is refused; after
// the window the token is new. Time is moved with the engine's test clock.
#include <atomic>
#include <string>

#include "api/transact/transact_test_util.h"
#include "engine/ops/engine.h"

namespace lmddb {
namespace {

using testing_util::IsError;
using testing_util::N;
using testing_util::PutAction;
using testing_util::S;
using testing_util::TransactTest;
using testing_util::UpdateAction;

std::atomic<int64_t> fake_now_ms{1'700'000'000'000};
int64_t FakeNow() { return fake_now_ms.load(); }

class TransactIdempotencyTest : public TransactTest {
 protected:
  void SetUp() override {
    ops::Engine::SetClockForTesting(&FakeNow);
    TransactTest::SetUp();
    ASSERT_TRUE(Put({{"pk", S("counter")}, {"n", N(0)}}).ok());
  }
  void TearDown() override { ops::Engine::SetClockForTesting(nullptr); }

  static TransactWriteItem Increment() {
    return UpdateAction("Tab", {{"pk", S("counter")}}, "SET n = n + :one", Item{{":one", N(1)}});
  }
  std::optional<Item> Counter() { return Get({{"pk", S("counter")}}); }
  Item CounterAt(int n) { return Item{{"pk", S("counter")}, {"n", N(n)}}; }
};

TEST_F(TransactIdempotencyTest, WithoutTokenEveryCallWrites) {
  ASSERT_TRUE(Transact({Increment()}).ok());
  ASSERT_TRUE(Transact({Increment()}).ok());
  EXPECT_EQ(Counter(), CounterAt(2));
}

TEST_F(TransactIdempotencyTest, RepeatWithinTheWindowWritesOnce) {
  auto first = Transact({Increment()}, "token-1", ReturnConsumedCapacity::kTotal);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(first->consumed_capacity);
  EXPECT_EQ((*first->consumed_capacity)[0].write_capacity_units, 2);
  EXPECT_FALSE((*first->consumed_capacity)[0].read_capacity_units);

  fake_now_ms += 9 * 60 * 1000;
  auto again = Transact({Increment()}, "token-1", ReturnConsumedCapacity::kTotal);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(Counter(), CounterAt(1));
  // A repeat reports the read units of reading the items, doubled.
  ASSERT_TRUE(again->consumed_capacity);
  ASSERT_EQ(again->consumed_capacity->size(), 1u);
  EXPECT_EQ((*again->consumed_capacity)[0].table_name, "Tab");
  EXPECT_EQ((*again->consumed_capacity)[0].capacity_units, 2);
  EXPECT_EQ((*again->consumed_capacity)[0].read_capacity_units, 2);
  EXPECT_FALSE((*again->consumed_capacity)[0].write_capacity_units);

  auto quiet = Transact({Increment()}, "token-1");
  ASSERT_TRUE(quiet.ok());
  EXPECT_FALSE(quiet->consumed_capacity);
  EXPECT_EQ(Counter(), CounterAt(1));
}

TEST_F(TransactIdempotencyTest, SameTokenDifferentRequestIsAMismatch) {
  ASSERT_TRUE(Transact({Increment()}, "token-2").ok());
  auto other = Transact({PutAction("Tab", {{"pk", S("other")}})}, "token-2");
  EXPECT_TRUE(IsError(other.status(), ErrorType::kIdempotentParameterMismatch,
                      "The request uses the same client token as a previous, but non-identical "
                      "request."));
  EXPECT_FALSE(Get({{"pk", S("other")}}));
  // A different value in an otherwise equal action differs too.
  auto changed = Transact({UpdateAction("Tab", {{"pk", S("counter")}}, "SET n = n + :one",
                                        Item{{":one", N(2)}})},
                          "token-2");
  EXPECT_EQ(changed.status().type(), ErrorType::kIdempotentParameterMismatch);
  EXPECT_EQ(Counter(), CounterAt(1));
}

TEST_F(TransactIdempotencyTest, AfterTheWindowTheTokenIsNew) {
  ASSERT_TRUE(Transact({Increment()}, "token-3").ok());
  fake_now_ms += 10 * 60 * 1000;
  ASSERT_TRUE(Transact({Increment()}, "token-3").ok());
  EXPECT_EQ(Counter(), CounterAt(2));
  // Reused after expiry, it now remembers the second completion.
  ASSERT_TRUE(Transact({Increment()}, "token-3").ok());
  EXPECT_EQ(Counter(), CounterAt(2));
  fake_now_ms += 11 * 60 * 1000;
  // Expired: even a different request is accepted.
  ASSERT_TRUE(Transact({PutAction("Tab", {{"pk", S("later")}})}, "token-3").ok());
  EXPECT_TRUE(Get({{"pk", S("later")}}));
}

TEST_F(TransactIdempotencyTest, CancelledTransactionDoesNotUseUpTheToken) {
  auto cancelled = Transact({PutAction("Tab", {{"pk", S("x")}}, "attribute_exists(pk)")}, "token-4");
  ASSERT_EQ(cancelled.status().type(), ErrorType::kTransactionCanceled);
  ASSERT_TRUE(Transact({PutAction("Tab", {{"pk", S("y")}})}, "token-4").ok());
  EXPECT_TRUE(Get({{"pk", S("y")}}));
}

TEST_F(TransactIdempotencyTest, TokensSurviveReopeningAndExpireFromTheDatabase) {
  ASSERT_TRUE(Transact({Increment()}, "durable").ok());
  db_.reset();
  db_ = testing_util::OpenDb(dir_.path());
  ASSERT_NE(db_, nullptr);
  ASSERT_TRUE(Transact({Increment()}, "durable").ok());
  EXPECT_EQ(Counter(), CounterAt(1));
  // Expired tokens are new again; storing new tokens sweeps expired ones.
  for (int i = 0; i < 40; ++i) {
    ASSERT_TRUE(Transact({Increment()}, "t" + std::to_string(i)).ok());
  }
  fake_now_ms += 20 * 60 * 1000;
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(Transact({Increment()}).ok());
  EXPECT_EQ(Counter(), CounterAt(51));
  for (int i = 0; i < 40; ++i) {
    ASSERT_TRUE(Transact({PutAction("Tab", {{"pk", S("new" + std::to_string(i))}})},
                         "t" + std::to_string(i))
                    .ok());
  }
}

TEST_F(TransactIdempotencyTest, TokenLength) {
  ASSERT_TRUE(Transact({Increment()}, std::string(36, 'a')).ok());
  EXPECT_TRUE(IsError(Transact({Increment()}, std::string(37, 'a')).status(),
                      ErrorType::kValidation,
                      "1 validation error detected: Value '" + std::string(37, 'a') +
                          "' at 'clientRequestToken' failed to satisfy constraint: Member must "
                          "have length less than or equal to 36"));
  EXPECT_TRUE(IsError(Transact({Increment()}, std::string()).status(), ErrorType::kValidation,
                      "1 validation error detected: Value '' at 'clientRequestToken' failed to "
                      "satisfy constraint: Member must have length greater than or equal to 1"));
  EXPECT_EQ(Counter(), CounterAt(1));
}

}  // namespace
}  // namespace lmddb
