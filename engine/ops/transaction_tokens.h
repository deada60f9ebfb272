// The ClientRequestTokens of completed TransactWriteItems calls, kept in the
// LMDB database "transaction_tokens" (Engine::transaction_tokens()) and
// written in the same write transaction as the transaction's effects, so a
// token is recorded exactly when its transaction commits: exactly-once holds
// across crashes and across processes sharing the directory.
//
// Keys:
//   "t/" token                     -> fingerprint (16 bytes) | completion ms
//                                     (8, big-endian) | per-table read units
//                                     of a repeat (u32 count, then u32 name
//                                     length, name, f64 bits big-endian)
//   "e/" completion ms (8) token   -> "" (time order, for expiry)
//
// A token is live for kTokenWindowMs after its transaction completed
// (DynamoDB: 10 minutes); then it is treated as new and its entries are
// removed, a bounded number per transaction.
//
// Thread safety: functions run inside the caller's write transaction.
#ifndef LMDDB_ENGINE_OPS_TRANSACTION_TOKENS_H_
#define LMDDB_ENGINE_OPS_TRANSACTION_TOKENS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/storage/txn.h"
#include "lmddb/status.hpp"

namespace lmddb::ops {

inline constexpr int64_t kTokenWindowMs = 10 * 60 * 1000;

// XXH3_128 of a request's canonical encoding (transaction_fingerprint.h).
struct RequestFingerprint {
  uint64_t low = 0;
  uint64_t high = 0;
  friend bool operator==(const RequestFingerprint&, const RequestFingerprint&) = default;
};

struct TokenRecord {
  RequestFingerprint fingerprint;
  int64_t completed_ms = 0;
  // What a repeat of the request reports as ConsumedCapacity: DynamoDB
  // answers a repeat with the read units of reading the items, per table.
  std::vector<std::pair<std::string, double>> repeat_read_units;
};

// The token's record when it completed less than kTokenWindowMs before
// `now_ms`; nullopt when unknown or expired. Errors: Internal when corrupt.
StatusOr<std::optional<TokenRecord>> FindLiveToken(const storage::WriteTxn& txn,
                                                   storage::Dbi dbi, std::string_view token,
                                                   int64_t now_ms);

// Records `token`, replacing an expired record of the same token.
Status StoreToken(storage::WriteTxn& txn, storage::Dbi dbi, std::string_view token,
                  const TokenRecord& record);

// Removes up to `max_tokens` tokens that expired before `now_ms`, oldest
// first, so that the database does not grow without bound.
Status SweepExpiredTokens(storage::WriteTxn& txn, storage::Dbi dbi, int64_t now_ms,
                          size_t max_tokens);

}  // namespace lmddb::ops

#endif  // LMDDB_ENGINE_OPS_TRANSACTION_TOKENS_H_
