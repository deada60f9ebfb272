#include "engine/ops/engine.h"

#include <atomic>
#include <chrono>

#include "engine/common/status_macros.h"
#include "engine/common/strings.h"

namespace lmddb::ops {
namespace {

constexpr std::string_view kTransactionTokensDb = "transaction_tokens";

std::atomic<Engine::ClockFn> test_clock{nullptr};

}  // namespace

StatusOr<std::unique_ptr<Engine>> Engine::Open(const std::string& path, const Options& options) {
  storage::EnvOptions env_options;
  env_options.durability = options.durability == Durability::kNoSync
                               ? storage::EnvOptions::Durability::kNoSync
                               : storage::EnvOptions::Durability::kSync;
  env_options.initial_map_size = options.initial_map_size;
  env_options.max_map_size = options.max_map_size;
  LMDDB_ASSIGN_OR_RETURN(std::unique_ptr<storage::Env> env,
                         storage::Env::Open(path, env_options));
  LMDDB_ASSIGN_OR_RETURN(std::unique_ptr<catalog::Catalog> catalog,
                         catalog::Catalog::Open(env.get()));
  storage::Dbi tokens;
  LMDDB_RETURN_IF_ERROR(env->Write([&](storage::WriteTxn& txn) -> Status {
    LMDDB_ASSIGN_OR_RETURN(tokens, env->OpenDbi(txn, kTransactionTokensDb, /*create=*/true));
    return Status::Ok();
  }));
  std::unique_ptr<Engine> engine(new Engine(options, std::move(env), std::move(catalog)));
  engine->transaction_tokens_ = tokens;
  return engine;
}

std::string Engine::TableArn(std::string_view table_name) const {
  return StrCat("arn:aws:dynamodb:", options_.region, ":", options_.account_id, ":table/",
                table_name);
}

void Engine::SetClockForTesting(ClockFn now_ms) { test_clock.store(now_ms); }

int64_t Engine::NowMs() {
  if (ClockFn clock = test_clock.load(); clock != nullptr) return clock();
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace lmddb::ops
