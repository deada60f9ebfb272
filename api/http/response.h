// The parts every lmddb-server response shares: a fresh request id and the
// x-amz-crc32 checksum DynamoDB clients verify (the AWS SDKs retry a
// response whose body does not match it).
//
// Thread safety: all functions may be called from any thread.
#ifndef LMDDB_API_HTTP_RESPONSE_H_
#define LMDDB_API_HTTP_RESPONSE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace lmddb::http {

using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

inline constexpr size_t kRequestIdLength = 52;
inline constexpr std::string_view kTextContentType = "text/plain; charset=utf-8";

// 52 random characters from [0-9A-Z], the shape of DynamoDB's request ids.
std::string NewRequestId();

// zlib's CRC-32 of `bytes`.
uint32_t Crc32(std::string_view bytes);

// A complete response: status, body, Content-Type, Content-Length,
// x-amzn-RequestId and x-amz-crc32; Connection: close unless `keep_alive`.
HttpResponse MakeResponse(unsigned http_version, int status, std::string_view content_type,
                          std::string body, bool keep_alive);

}  // namespace lmddb::http

#endif  // LMDDB_API_HTTP_RESPONSE_H_
