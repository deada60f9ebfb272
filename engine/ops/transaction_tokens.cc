// ClientRequestToken records (transaction_tokens.h).
#include "engine/ops/transaction_tokens.h"

#include <cstring>

#include "absl/base/internal/endian.h"
#include "engine/common/status_macros.h"
#include "engine/common/strings.h"

namespace lmddb::ops {
namespace {

constexpr std::string_view kTokenPrefix = "t/";
constexpr std::string_view kExpiryPrefix = "e/";

void AppendU64(uint64_t v, std::string* out) {
  char buf[8];
  absl::big_endian::Store64(buf, v);
  out->append(buf, 8);
}

void AppendU32(uint32_t v, std::string* out) {
  char buf[4];
  absl::big_endian::Store32(buf, v);
  out->append(buf, 4);
}

// Reads big-endian integers off the front of `in`; false when too short.
bool ReadU64(std::string_view* in, uint64_t* v) {
  if (in->size() < 8) return false;
  *v = absl::big_endian::Load64(in->data());
  in->remove_prefix(8);
  return true;
}

bool ReadU32(std::string_view* in, uint32_t* v) {
  if (in->size() < 4) return false;
  *v = absl::big_endian::Load32(in->data());
  in->remove_prefix(4);
  return true;
}

std::string TokenKey(std::string_view token) { return StrCat(kTokenPrefix, token); }

std::string ExpiryKey(int64_t completed_ms, std::string_view token) {
  std::string key(kExpiryPrefix);
  AppendU64(static_cast<uint64_t>(completed_ms), &key);
  key.append(token);
  return key;
}

std::string EncodeRecord(const TokenRecord& record) {
  std::string out;
  AppendU64(record.fingerprint.low, &out);
  AppendU64(record.fingerprint.high, &out);
  AppendU64(static_cast<uint64_t>(record.completed_ms), &out);
  AppendU32(static_cast<uint32_t>(record.repeat_read_units.size()), &out);
  for (const auto& [table, units] : record.repeat_read_units) {
    AppendU32(static_cast<uint32_t>(table.size()), &out);
    out.append(table);
    uint64_t bits;
    static_assert(sizeof(bits) == sizeof(units));
    std::memcpy(&bits, &units, sizeof(bits));
    AppendU64(bits, &out);
  }
  return out;
}

StatusOr<TokenRecord> DecodeRecord(std::string_view in) {
  const Status corrupt = Status::Internal("Corrupt transaction token record");
  TokenRecord record;
  uint64_t completed = 0;
  uint32_t tables = 0;
  if (!ReadU64(&in, &record.fingerprint.low) || !ReadU64(&in, &record.fingerprint.high) ||
      !ReadU64(&in, &completed) || !ReadU32(&in, &tables)) {
    return corrupt;
  }
  record.completed_ms = static_cast<int64_t>(completed);
  for (uint32_t i = 0; i < tables; ++i) {
    uint32_t length = 0;
    if (!ReadU32(&in, &length) || in.size() < length) return corrupt;
    std::string table(in.substr(0, length));
    in.remove_prefix(length);
    uint64_t bits = 0;
    if (!ReadU64(&in, &bits)) return corrupt;
    double units;
    std::memcpy(&units, &bits, sizeof(units));
    record.repeat_read_units.emplace_back(std::move(table), units);
  }
  if (!in.empty()) return corrupt;
  return record;
}

bool Live(const TokenRecord& record, int64_t now_ms) {
  return now_ms - record.completed_ms < kTokenWindowMs;
}

}  // namespace

StatusOr<std::optional<TokenRecord>> FindLiveToken(const storage::WriteTxn& txn,
                                                   storage::Dbi dbi, std::string_view token,
                                                   int64_t now_ms) {
  std::optional<std::string_view> stored = txn.Get(dbi, TokenKey(token));
  if (!stored) return std::optional<TokenRecord>();
  LMDDB_ASSIGN_OR_RETURN(TokenRecord record, DecodeRecord(*stored));
  if (!Live(record, now_ms)) return std::optional<TokenRecord>();
  return std::optional<TokenRecord>(std::move(record));
}

Status StoreToken(storage::WriteTxn& txn, storage::Dbi dbi, std::string_view token,
                  const TokenRecord& record) {
  const std::string key = TokenKey(token);
  if (std::optional<std::string_view> old = txn.Get(dbi, key)) {
    LMDDB_ASSIGN_OR_RETURN(TokenRecord previous, DecodeRecord(*old));
    LMDDB_RETURN_IF_ERROR(txn.Delete(dbi, ExpiryKey(previous.completed_ms, token)));
  }
  LMDDB_RETURN_IF_ERROR(txn.Put(dbi, key, EncodeRecord(record)));
  return txn.Put(dbi, ExpiryKey(record.completed_ms, token), "");
}

Status SweepExpiredTokens(storage::WriteTxn& txn, storage::Dbi dbi, int64_t now_ms,
                          size_t max_tokens) {
  // Collected first and deleted after the cursor is gone, so deletions never
  // move a live cursor.
  std::vector<std::pair<int64_t, std::string>> expired;  // completion ms, token
  {
    LMDDB_ASSIGN_OR_RETURN(storage::Cursor cursor, txn.OpenCursor(dbi));
    for (bool more = cursor.Seek(kExpiryPrefix); more && expired.size() < max_tokens;
         more = cursor.Next()) {
      std::string_view key = cursor.Key();
      if (key.substr(0, kExpiryPrefix.size()) != kExpiryPrefix) break;
      key.remove_prefix(kExpiryPrefix.size());
      uint64_t completed = 0;
      if (!ReadU64(&key, &completed)) return Status::Internal("Corrupt transaction token key");
      if (now_ms - static_cast<int64_t>(completed) < kTokenWindowMs) break;  // time order
      expired.emplace_back(static_cast<int64_t>(completed), std::string(key));
    }
    LMDDB_RETURN_IF_ERROR(cursor.status());
  }
  for (const auto& [completed_ms, token] : expired) {
    LMDDB_RETURN_IF_ERROR(txn.Delete(dbi, ExpiryKey(completed_ms, token)));
    const std::string key = TokenKey(token);
    std::optional<std::string_view> stored = txn.Get(dbi, key);
    if (!stored) continue;
    LMDDB_ASSIGN_OR_RETURN(TokenRecord record, DecodeRecord(*stored));
    if (record.completed_ms == completed_ms) LMDDB_RETURN_IF_ERROR(txn.Delete(dbi, key));
  }
  return Status::Ok();
}

}  // namespace lmddb::ops
