// lmddb's HTTP/1.1 front end: serves the DynamoDB JSON protocol
// (api/json/handler.h) over Boost.Beast, the way DynamoDB's endpoint does.
//
//   POST (any path) with X-Amz-Target  -> json::Handle(db, target, body)
//   POST without X-Amz-Target          -> 400 UnknownOperationException
//   GET  (any path)                    -> 200 "healthy: ..." (health check)
//   any other method                   -> 404 "<UnknownOperationException/>"
//   body over max_request_bytes        -> 413, connection closed
//   malformed HTTP                     -> 400, connection closed
//
// Every response carries x-amzn-RequestId (52 characters [0-9A-Z]) and
// x-amz-crc32 (zlib CRC-32 of the body bytes, unsigned decimal), as
// DynamoDB's responses do. Connections are kept alive unless the client
// asks otherwise.
//
// Authentication: by default no request signing is checked and any
// credentials are accepted, as DynamoDB Local does. With
// ServerOptions::sigv4 set, every POST that names a target must carry a
// valid AWS Signature Version 4 from one of the configured access keys
// (api/http/sigv4.h); a request that does not is answered 400 with
// DynamoDB's error (MissingAuthenticationTokenException,
// IncompleteSignatureException, InvalidSignatureException or
// UnrecognizedClientException) and never reaches the database. GET health
// checks stay unauthenticated.
//
// Thread safety: Start() and Stop() may be called from any thread except
// the server's own. The Database must outlive the Server.
#ifndef LMDDB_API_HTTP_SERVER_H_
#define LMDDB_API_HTTP_SERVER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "api/http/sigv4.h"
#include "api/json/handler.h"
#include "lmddb/lmddb.hpp"

namespace lmddb::http {

// DynamoDB refuses requests larger than 16 MB.
inline constexpr size_t kMaxRequestBytes = size_t{16} << 20;
// Larger read requests (and their signature hashing) go to the workers.
inline constexpr size_t kInlineReadBytes = size_t{64} << 10;

struct ServerOptions {
  std::string bind_address = "127.0.0.1";
  uint16_t port = 8000;  // 0 picks a free port; see Server::port()
  // Threads running writes, which wait for their group commit (an fsync
  // unless nosync): concurrent writes share one commit only while they
  // wait together, so this bounds how many a commit can carry.
  int worker_threads = 64;
  // Threads doing socket I/O and HTTP parsing, and answering reads; 0 means
  // one per core, at most 4.
  int io_threads = 0;
  // Reads (json::ReadsOnly: GetItem, Query, Scan, BatchGetItem,
  // TransactGetItems, DescribeTable, ListTables) with bodies up to
  // kInlineReadBytes are answered on the I/O thread that parsed them: LMDB
  // readers never wait for commits (only, briefly, while the map grows), and
  // the hand-off to a worker and back cost more than a GetItem. A read still
  // occupies its I/O thread for its whole page (up to 1 MB of items).
  bool inline_reads = true;
  size_t max_request_bytes = kMaxRequestBytes;
  // Unset: any credentials (or none) are accepted. Set: requests must be
  // signed with SigV4 by one of its access keys (see the top of this file).
  std::optional<SigV4Options> sigv4;
  // Answers one POST (target, body); json::Handle when empty. Runs after
  // the signature check, on the worker threads (on the I/O thread for the
  // small reads inline_reads names). Lets tests observe requests in flight.
  std::function<json::Response(Database&, std::string_view target, std::string_view body)>
      handler;
};

class Server {
 public:
  // Binds, listens and starts serving `db`. Fails with an internal error
  // naming the cause if the address cannot be bound.
  static StatusOr<std::unique_ptr<Server>> Start(Database& db, const ServerOptions& options);

  // Stops (as Stop()) if still running.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port actually bound (useful with options.port == 0).
  uint16_t port() const;

  // Graceful shutdown: stops accepting, closes idle connections, lets
  // requests already received finish and send their responses, then joins
  // every thread. Idempotent.
  void Stop();

  class Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lmddb::http

#endif  // LMDDB_API_HTTP_SERVER_H_
