// Order-preserving byte encodings of key attribute values (S, N, B).
//
// LMDB compares keys with memcmp, so a key value is stored in a form whose
// byte order is DynamoDB's order for its type:
//   - N: numeric order. Canonical (equal numbers encode equally) and
//     self-delimiting: a decoder finds its end without a length.
//   - S, B: unsigned byte order of the UTF-8 bytes / raw bytes. "Raw" form
//     is the bytes themselves and is used when the value ends the key;
//     "escaped" form is self-delimiting and order-preserving even with more
//     bytes appended, for values followed by another key component.
// docs/key_format.md describes the bytes.
//
// Decoders take a std::string_view, never read past its end, and report
// corrupt input as Status::Internal.
//
// Thread safety: stateless functions; safe to call concurrently.
#ifndef LMDDB_ENGINE_KEYCODEC_VALUE_CODEC_H_
#define LMDDB_ENGINE_KEYCODEC_VALUE_CODEC_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "lmddb/attribute_value.hpp"
#include "lmddb/number.hpp"
#include "lmddb/status.hpp"

namespace lmddb::keycodec {

// Longest N encoding: a tag byte plus 21 base-100 digit bytes.
inline constexpr size_t kMaxNumberEncodingLength = 22;

// Appends the order-preserving encoding of `n` (1..22 bytes) to *out.
void AppendNumber(std::string* out, const Number& n);

// Writes the encoding of `n` to buf and returns its length.
// REQUIRES: buf has room for kMaxNumberEncodingLength bytes.
size_t EncodeNumber(const Number& n, char* buf);

// Decodes one number from the front of *in and advances *in past it.
// Errors: Internal when the bytes are not a canonical N encoding.
StatusOr<Number> DecodeNumber(std::string_view* in);

// Appends the self-delimiting escaped form of `bytes`: each 0x00 becomes
// 0x00 0xFF and the value ends with 0x00 0x01. Order-preserving even when
// other bytes follow the terminator.
void AppendEscaped(std::string* out, std::string_view bytes);

// Decodes an escaped value from the front of *in, appends its bytes to *out
// and advances *in past the terminator.
// Errors: Internal on a missing terminator or an invalid escape.
Status DecodeEscaped(std::string_view* in, std::string* out);

// Appends the encoding of a key value when it is the last key component:
// S and B raw, N as above. REQUIRES: v is S, N or B.
void AppendKeyValue(std::string* out, const AttributeValue& v);

// Appends the self-delimiting encoding of a key value (S and B escaped, N
// as above), for a component that other bytes follow.
// REQUIRES: v is S, N or B.
void AppendKeyValueEscaped(std::string* out, const AttributeValue& v);

// Decodes a key value of `type` that occupies all of `in` (raw form).
// Errors: Internal on corrupt input, trailing bytes, or a type other than
// S, N, B.
StatusOr<AttributeValue> DecodeKeyValue(AttributeValue::Type type, std::string_view in);

// Decodes an escaped key value of `type` from the front of *in and
// advances *in past it.
StatusOr<AttributeValue> DecodeKeyValueEscaped(AttributeValue::Type type,
                                               std::string_view* in);

// DynamoDB's key order: <0, 0, >0 as a is before, equal to, after b.
// S and B compare as unsigned bytes, N numerically. Values of different
// types (never both in one key attribute) order by type.
// REQUIRES: a and b are S, N or B.
int CompareKeyValues(const AttributeValue& a, const AttributeValue& b);

}  // namespace lmddb::keycodec

#endif  // LMDDB_ENGINE_KEYCODEC_VALUE_CODEC_H_
