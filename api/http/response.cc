// Request ids, checksums and the common response headers (response.h).
#include "api/http/response.h"

#include <atomic>
#include <random>

#include <zlib.h>

namespace lmddb::http {

std::string NewRequestId() {
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  // One generator per thread, seeded from the OS and a process-wide counter
  // so two threads never share a sequence.
  static std::atomic<uint64_t> thread_counter{0};
  thread_local std::mt19937_64 rng = [] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device(),
                       static_cast<unsigned>(thread_counter.fetch_add(1))};
    return std::mt19937_64(seed);
  }();
  std::uniform_int_distribution<size_t> pick(0, kAlphabet.size() - 1);
  std::string id(kRequestIdLength, '0');
  for (char& c : id) c = kAlphabet[pick(rng)];
  return id;
}

uint32_t Crc32(std::string_view bytes) {
  uLong crc = crc32_z(0L, Z_NULL, 0);
  crc = crc32_z(crc, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size());
  return static_cast<uint32_t>(crc);
}

HttpResponse MakeResponse(unsigned http_version, int status, std::string_view content_type,
                          std::string body, bool keep_alive) {
  namespace bhttp = boost::beast::http;
  HttpResponse response{static_cast<bhttp::status>(status), http_version};
  response.set(bhttp::field::content_type,
               boost::beast::string_view(content_type.data(), content_type.size()));
  response.set("x-amzn-RequestId", NewRequestId());
  response.set("x-amz-crc32", std::to_string(Crc32(body)));
  response.body() = std::move(body);
  response.keep_alive(keep_alive);
  response.prepare_payload();
  return response;
}

}  // namespace lmddb::http
