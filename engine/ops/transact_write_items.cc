// TransactWriteItems: up to 100 Put, Update, Delete and ConditionCheck
// actions on distinct items, applied all together or not at all.
//
// Order of checks, as DynamoDB reports them:
//   1. the request's shape (1..100 actions, table names, the token's
//      length), one action per entry, then each action's values and
//      expressions, then the 4 MB size limit: ValidationException;
//   2. inside the write transaction, a ClientRequestToken seen within the
//      last 10 minutes: the same request succeeds again without writing,
//      another request is IdempotentParameterMismatchException;
//   3. every table exists (ResourceNotFoundException), every key is non-empty
//      (ValidationException), no two actions address one item
//      (ValidationException);
//   4. each key against its table's schema: the first mismatch cancels the
//      transaction with a ValidationError reason, the other actions "None";
//   5. every action runs (item_write.h); all failing conditions and every
//      error found while applying are reported, one reason per action, in a
//      TransactionCanceledException.
// Everything runs in one Engine::Write call: a cancelled transaction
// returns its error from the transaction function, so LMDB undoes every
// write it made (storage/group_commit.h: a failed request's nested or
// top-level transaction is aborted). LMDB serializes writers, so two
// transactions never interleave and TransactionConflictException never
// arises here.
#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/common/constraint_errors.h"
#include "engine/common/status_macros.h"
#include "engine/common/strings.h"
#include "engine/ops/capacity.h"
#include "engine/ops/item_write.h"
#include "engine/ops/operations.h"
#include "engine/ops/table_lookup.h"
#include "engine/ops/transaction_fingerprint.h"
#include "engine/ops/transaction_tokens.h"
#include "engine/value/item_size.h"

namespace lmddb::ops {
namespace {

constexpr size_t kMaxActions = 100;
constexpr size_t kMaxTokenLength = 36;
constexpr uint64_t kMaxTransactionBytes = uint64_t{4} << 20;
constexpr size_t kTokensSweptPerTransaction = 8;

const char* ActionMember(const TransactWriteItem& item) {
  if (item.condition_check) return "conditionCheck";
  if (item.put) return "put";
  if (item.delete_) return "delete";
  return "update";
}

const std::string* ActionTableName(const TransactWriteItem& item) {
  if (item.condition_check) return &item.condition_check->table_name;
  if (item.put) return &item.put->table_name;
  if (item.delete_) return &item.delete_->table_name;
  if (item.update) return &item.update->table_name;
  return nullptr;
}

// TransactItems as the constraint message prints it.
std::string RenderTransactItems(const TransactWriteItemsRequest& request) {
  std::string out = "[";
  for (size_t i = 0; i < request.transact_items.size(); ++i) {
    const TransactWriteItem& item = request.transact_items[i];
    if (i > 0) out.append(", ");
    const std::string* table = ActionTableName(item);
    StrAppend(&out, "{", ActionMember(item), ": {TableName: ", table ? *table : "", ",},}");
  }
  out.push_back(']');
  return out;
}

// The request validator's constraints.
Status CheckShape(const TransactWriteItemsRequest& request) {
  ConstraintErrors errors;
  const size_t n = request.transact_items.size();
  if (n == 0) {
    errors.Add("[]", "transactItems", "Member must have length greater than or equal to 1");
  } else if (n > kMaxActions) {
    errors.Add(RenderTransactItems(request), "transactItems",
               StrCat("Member must have length less than or equal to ", kMaxActions));
  }
  for (size_t i = 0; i < n && n <= kMaxActions; ++i) {
    const std::string* table = ActionTableName(request.transact_items[i]);
    if (table == nullptr) continue;
    errors.CheckName(*table,
                     StrCat("transactItems.", i + 1, ".member.",
                            ActionMember(request.transact_items[i]), ".tableName"),
                     3, 255);
  }
  if (request.client_request_token) {
    errors.CheckLength(*request.client_request_token, "clientRequestToken", 1, kMaxTokenLength);
  }
  return errors.ToStatus();
}

Status CheckOneActionEach(const TransactWriteItemsRequest& request) {
  for (const TransactWriteItem& item : request.transact_items) {
    const int set = item.condition_check.has_value() + item.put.has_value() +
                    item.delete_.has_value() + item.update.has_value();
    if (set == 0) {
      return Status::Validation(
          "Invalid Request: TransactWriteRequest should contain Delete or Put or Update request");
    }
    if (set > 1) {
      return Status::Validation("TransactItems can only contain one of Check, Put, Update or Delete");
    }
  }
  return Status::Ok();
}

StatusOr<PreparedItemWrite> PrepareAction(const TransactWriteItem& item) {
  if (item.condition_check) return PrepareConditionCheck(*item.condition_check);
  if (item.put) return PreparePut(*item.put);
  if (item.delete_) return PrepareDelete(*item.delete_);
  return PrepareUpdate(*item.update);
}

// The bytes the 4 MB limit counts: the new items of puts and the keys of
// the other actions (the request's payload, not the items they touch).
uint64_t PayloadBytes(const PreparedItemWrite& write) {
  if (write.kind == ItemWriteKind::kPut) return write.new_size;
  return value::ItemSize(*write.key_source);
}

// Empty key values are rejected before the transaction starts, unlike
// other key mismatches, which cancel it with a ValidationError reason.
bool IsRequestLevelKeyError(const Status& s) {
  return s.message().rfind("One or more parameter values are not valid.", 0) == 0;
}

Status Cancelled(std::vector<CancellationReason> reasons) {
  std::string message = "Transaction cancelled, please refer cancellation reasons for specific reasons [";
  for (size_t i = 0; i < reasons.size(); ++i) {
    StrAppend(&message, i > 0 ? ", " : "", reasons[i].code);
  }
  message.push_back(']');
  return Status::TransactionCanceled(std::move(message))
      .WithCancellationReasons(std::move(reasons));
}

CancellationReason NoneReason() { return CancellationReason{"None", std::nullopt, std::nullopt}; }

// The reason an action's failure gives, or a non-transactional error
// (Internal) to return as it is.
StatusOr<CancellationReason> ReasonFor(const Status& s) {
  if (s.type() == ErrorType::kConditionalCheckFailed) {
    CancellationReason reason{"ConditionalCheckFailed", s.message(), std::nullopt};
    if (s.item() != nullptr) reason.item = *s.item();
    return reason;
  }
  if (s.type() == ErrorType::kValidation) {
    return CancellationReason{"ValidationError", s.message(), std::nullopt};
  }
  return s;
}

// What one attempt of the transaction function found.
struct Attempt {
  bool repeated = false;  // a live token with this request's fingerprint
  std::vector<std::pair<std::string, double>> repeat_read_units;
  CapacityTally capacity{std::nullopt, CapacityKind::kWrite, true};
};

// Steps 3 to 5 of the header comment, inside `txn`.
Status RunActions(Engine& engine, storage::WriteTxn& txn,
                  const std::vector<PreparedItemWrite>& writes, Attempt* attempt,
                  std::vector<std::pair<std::string, double>>* repeat_read_units) {
  const size_t n = writes.size();
  std::vector<std::shared_ptr<const catalog::Table>> tables(n);
  for (size_t i = 0; i < n; ++i) {
    LMDDB_ASSIGN_OR_RETURN(tables[i], FindTable(engine, txn, writes[i].table_name));
  }
  std::vector<Status> key_errors(n);
  for (size_t i = 0; i < n; ++i) {
    key_errors[i] = ValidateItemWriteKey(tables[i]->schema, writes[i]);
    if (IsRequestLevelKeyError(key_errors[i])) return key_errors[i];
  }
  std::set<std::pair<uint64_t, std::string>> items;
  for (size_t i = 0; i < n; ++i) {
    if (!key_errors[i].ok()) continue;
    if (!items.emplace(tables[i]->schema.id, ItemWriteLmdbKey(tables[i]->schema, writes[i]))
             .second) {
      return Status::Validation("Transaction request cannot include multiple operations on one item");
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (key_errors[i].ok()) continue;
    std::vector<CancellationReason> reasons(n, NoneReason());
    reasons[i] = CancellationReason{"ValidationError", key_errors[i].message(), std::nullopt};
    return Cancelled(std::move(reasons));
  }

  std::vector<CancellationReason> reasons(n, NoneReason());
  bool cancelled = false;
  for (size_t i = 0; i < n; ++i) {
    StatusOr<ItemWriteOutcome> outcome =
        RunItemWrite(engine, txn, *tables[i], writes[i], ItemWriteOptions());
    if (!outcome.ok()) {
      LMDDB_ASSIGN_OR_RETURN(reasons[i], ReasonFor(outcome.status()));
      cancelled = true;
      continue;
    }
    // A ConditionCheck is charged like a write of the item it checks.
    attempt->capacity.Add(writes[i].table_name, outcome->WriteCapacityUnits());
    const double read_units = ReadUnits(std::max(outcome->old_size, outcome->new_size), true);
    bool found = false;
    for (auto& [table, units] : *repeat_read_units) {
      if (table == writes[i].table_name) {
        units += read_units;
        found = true;
      }
    }
    if (!found) repeat_read_units->emplace_back(std::string(writes[i].table_name), read_units);
  }
  if (cancelled) return Cancelled(std::move(reasons));
  return Status::Ok();
}

}  // namespace

StatusOr<TransactWriteItemsResult> TransactWriteItems(Engine& engine,
                                                      const TransactWriteItemsRequest& request) {
  LMDDB_RETURN_IF_ERROR(CheckShape(request));
  LMDDB_RETURN_IF_ERROR(CheckOneActionEach(request));
  std::vector<PreparedItemWrite> writes;
  writes.reserve(request.transact_items.size());
  uint64_t payload_bytes = 0;
  for (const TransactWriteItem& item : request.transact_items) {
    LMDDB_ASSIGN_OR_RETURN(PreparedItemWrite write, PrepareAction(item));
    payload_bytes += PayloadBytes(write);
    writes.push_back(std::move(write));
  }
  if (payload_bytes > kMaxTransactionBytes) {
    return Status::Validation("Transaction payload size cannot exceed 4 MB");
  }
  std::optional<RequestFingerprint> fingerprint;
  if (request.client_request_token) fingerprint = FingerprintTransactWrite(request);

  Attempt attempt;
  const storage::Dbi tokens = engine.transaction_tokens();
  LMDDB_RETURN_IF_ERROR(engine.Write([&](storage::WriteTxn& txn) -> Status {
    attempt = Attempt();  // Write() may run this more than once
    attempt.capacity = CapacityTally(request.return_consumed_capacity, CapacityKind::kWrite,
                                     /*transactional=*/true);
    const int64_t now_ms = Engine::NowMs();
    if (fingerprint) {
      LMDDB_ASSIGN_OR_RETURN(std::optional<TokenRecord> seen,
                             FindLiveToken(txn, tokens, *request.client_request_token, now_ms));
      if (seen) {
        if (seen->fingerprint != *fingerprint) {
          return Status::IdempotentParameterMismatch(
              "The request uses the same client token as a previous, but non-identical request.");
        }
        attempt.repeated = true;
        attempt.repeat_read_units = std::move(seen->repeat_read_units);
        return Status::Ok();
      }
    }
    std::vector<std::pair<std::string, double>> repeat_read_units;
    LMDDB_RETURN_IF_ERROR(
        RunActions(engine, txn, writes, &attempt, &repeat_read_units));
    if (!fingerprint) return Status::Ok();
    LMDDB_RETURN_IF_ERROR(StoreToken(txn, tokens, *request.client_request_token,
                                     TokenRecord{*fingerprint, now_ms, repeat_read_units}));
    // Each stored token sweeps a few expired ones, so the token database
    // stays bounded by the live tokens without touching it in transactions
    // that carry no token.
    return SweepExpiredTokens(txn, tokens, now_ms, kTokensSweptPerTransaction);
  }));

  TransactWriteItemsResult result;
  if (attempt.repeated) {
    // DynamoDB answers a repeat with the read units of reading the items.
    CapacityTally reads(request.return_consumed_capacity, CapacityKind::kRead,
                        /*transactional=*/true);
    for (const auto& [table, units] : attempt.repeat_read_units) reads.Add(table, units);
    result.consumed_capacity = reads.PerTable();
  } else {
    result.consumed_capacity = attempt.capacity.PerTable();
  }
  return result;
}

}  // namespace lmddb::ops
