// Engine: an open database as the operations see it: the LMDB environment,
// the catalog, the database of TransactWriteItems' ClientRequestTokens, and
// the options it was opened with. api/cpp owns one per Database; every
// function in engine/ops takes it as its first argument.
//
// Thread safety: thread-safe (Env and Catalog are; the clock hook is atomic).
#ifndef LMDDB_ENGINE_OPS_ENGINE_H_
#define LMDDB_ENGINE_OPS_ENGINE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "engine/catalog/catalog.h"
#include "engine/storage/env.h"
#include "engine/storage/group_commit.h"
#include "lmddb/lmddb.hpp"

namespace lmddb::ops {

class Engine {
 public:
  static StatusOr<std::unique_ptr<Engine>> Open(const std::string& path, const Options& options);

  storage::Env& env() { return *env_; }
  // Runs `fn` in a write transaction, grouped with concurrent writers into
  // one commit (storage/group_commit.h). All operations write through here.
  Status Write(absl::FunctionRef<Status(storage::WriteTxn&)> fn) { return committer_->Write(fn); }
  catalog::Catalog& catalog() { return *catalog_; }
  const Options& options() const { return options_; }
  // The database "transaction_tokens" (transaction_tokens.h), created when
  // the environment is opened.
  storage::Dbi transaction_tokens() const { return transaction_tokens_; }

  // arn:aws:dynamodb:<region>:<account>:table/<name>
  std::string TableArn(std::string_view table_name) const;
  // Wall-clock time in epoch milliseconds, or the test clock when one is set.
  static int64_t NowMs();

  // Tests only: makes NowMs() return `now_ms()` (process-wide); null restores
  // the system clock. Lets tests move time (token expiry) without sleeping.
  using ClockFn = int64_t (*)();
  static void SetClockForTesting(ClockFn now_ms);

 private:
  Engine(Options options, std::unique_ptr<storage::Env> env,
         std::unique_ptr<catalog::Catalog> catalog)
      : options_(std::move(options)),
        env_(std::move(env)),
        catalog_(std::move(catalog)),
        committer_(std::make_unique<storage::GroupCommitter>(env_.get())) {}

  Options options_;
  std::unique_ptr<storage::Env> env_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<storage::GroupCommitter> committer_;
  storage::Dbi transaction_tokens_;
};

}  // namespace lmddb::ops

#endif  // LMDDB_ENGINE_OPS_ENGINE_H_
