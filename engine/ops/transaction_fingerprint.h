// The fingerprint of a TransactWriteItems request that decides whether a
// repeat with the same ClientRequestToken is the same request: XXH3_128 of a
// canonical encoding of every action (kind, table, item or key, expressions,
// ExpressionAttributeNames/Values, ReturnValuesOnConditionCheckFailure), in
// request order. ReturnConsumedCapacity is not part of it: a repeat may ask
// for capacity differently and still be the same request.
//
// Thread safety: pure function.
#ifndef LMDDB_ENGINE_OPS_TRANSACTION_FINGERPRINT_H_
#define LMDDB_ENGINE_OPS_TRANSACTION_FINGERPRINT_H_

#include "engine/ops/transaction_tokens.h"
#include "lmddb/operations.hpp"

namespace lmddb::ops {

RequestFingerprint FingerprintTransactWrite(const TransactWriteItemsRequest& request);

}  // namespace lmddb::ops

#endif  // LMDDB_ENGINE_OPS_TRANSACTION_FINGERPRINT_H_
