// Order-preserving key value encodings; the byte layout is specified in
// docs/key_format.md ("Numbers", "Strings and binaries").
#include "engine/keycodec/value_codec.h"

#include <cassert>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

namespace lmddb::keycodec {
namespace {

using u128 = unsigned __int128;

constexpr uint64_t kPow19 = 10'000'000'000'000'000'000ULL;

// Tag byte: 0x80 is zero; positives use 0xC0 + E and negatives 0x40 - E,
// where E in [-63, 63] is the base-100 exponent of the leading digit pair
// (value = 0.d1 d2 ... * 100^E). Larger magnitudes get larger tags for
// positives and smaller tags for negatives, so the tag alone orders
// numbers of different sign or magnitude. 0x00 is never a tag.
constexpr uint8_t kZeroTag = 0x80;
constexpr int kPositiveTagBase = 0xC0;
constexpr int kNegativeTagBase = 0x40;
// DynamoDB's adjusted exponents -130..125 need E in [-64, 63]: 129 tag
// values per sign would overflow the byte by one, so E = -64 (magnitudes
// below 1E-128) is written as E = -63 with a leading zero digit pair. That
// pair encodes as 0x01 and sorts below every other E = -63 mantissa.
constexpr int kMinExp100 = -63;
constexpr int kMaxExp100 = 63;
// A 38-digit coefficient spans at most 20 digit pairs, plus the leading
// zero pair above.
constexpr size_t kMaxDigitPairs = kMaxNumberEncodingLength - 1;

Status Corrupt(const char* what) {
  return Status::Internal(std::string("corrupt key encoding: ") + what);
}

// Writes the decimal digits of v (as values 0..9) backwards, ending just
// before *start, and moves *start to the first one written; with pad, at
// least 19 digits (zero-padded).
void WriteDigitsBackwards(uint64_t v, bool pad, uint8_t* d, int* start) {
  int count = 0;
  while (v != 0 || (pad && count < 19)) {
    d[--*start] = static_cast<uint8_t>(v % 10);
    v /= 10;
    ++count;
  }
}

int Sign(int c) { return (c > 0) - (c < 0); }

}  // namespace

size_t EncodeNumber(const Number& n, char* buf) {
  if (n.is_zero()) {
    buf[0] = static_cast<char>(kZeroTag);
    return 1;
  }
  // The coefficient's digits end at d[kBase + 38): room before them for a
  // padding digit and a zero pair, and after them for a padding digit.
  constexpr int kBase = 4;
  uint8_t d[kBase + 38 + 1];
  const u128 c = n.coefficient();
  int end = kBase + 38;
  int start = end;
  if (c < kPow19) {
    WriteDigitsBackwards(static_cast<uint64_t>(c), false, d, &start);
  } else {  // one 128-bit division; 64-bit arithmetic after it
    WriteDigitsBackwards(static_cast<uint64_t>(c % kPow19), true, d, &start);
    WriteDigitsBackwards(static_cast<uint64_t>(c / kPow19), false, d, &start);
  }
  assert(start >= kBase && d[start] != 0);
  assert(d[end - 1] != 0 && "Number is normalized: no trailing zeros");

  const int adjusted = n.exponent() + (end - start) - 1;
  int exp100 = (adjusted >> 1) + 1;  // floor(adjusted / 2) + 1
  // Align pairs on even decimal positions: the leading pair holds decimal
  // positions 2E-1 and 2E-2, so an even adjusted exponent needs a zero
  // before the leading digit.
  if ((adjusted & 1) == 0) d[--start] = 0;
  if (((end - start) & 1) != 0) d[end++] = 0;
  if (exp100 < kMinExp100) {
    d[--start] = 0;
    d[--start] = 0;
    exp100 = kMinExp100;
  }
  assert(exp100 <= kMaxExp100);

  const bool negative = n.negative();
  buf[0] = static_cast<char>(negative ? kNegativeTagBase - exp100 : kPositiveTagBase + exp100);
  // Digit pair v encodes as 2v+1, the last one as 2v (never 0: the last
  // pair is nonzero). So a mantissa is prefix-free, ends at its first even
  // byte, and a longer mantissa with the same leading pairs (a larger
  // magnitude) sorts after the shorter one. Negatives complement the bytes.
  const uint8_t flip = negative ? 0xFF : 0x00;
  size_t len = 1;
  for (int i = start; i < end; i += 2) {
    const int pair = d[i] * 10 + d[i + 1];
    const int last = (i + 2 == end) ? 1 : 0;
    buf[len++] = static_cast<char>(static_cast<uint8_t>(2 * pair + 1 - last) ^ flip);
  }
  assert(len <= kMaxNumberEncodingLength);
  return len;
}

void AppendNumber(std::string* out, const Number& n) {
  char buf[kMaxNumberEncodingLength];
  out->append(buf, EncodeNumber(n, buf));
}

StatusOr<Number> DecodeNumber(std::string_view* in) {
  if (in->empty()) return Corrupt("empty number");
  const uint8_t tag = static_cast<uint8_t>((*in)[0]);
  if (tag == kZeroTag) {
    in->remove_prefix(1);
    return Number();
  }
  if (tag == 0) return Corrupt("invalid number tag");
  const bool negative = tag < kZeroTag;
  const int exp100 = negative ? kNegativeTagBase - tag : tag - kPositiveTagBase;
  const uint8_t flip = negative ? 0xFF : 0x00;

  uint8_t digits[2 * kMaxDigitPairs];
  size_t pairs = 0;
  size_t pos = 1;
  bool terminated = false;
  while (pos < in->size() && pairs < kMaxDigitPairs) {
    const uint8_t b = static_cast<uint8_t>((*in)[pos++]) ^ flip;
    if (b == 0 || b > 199) return Corrupt("invalid number digit");
    const int pair = b >> 1;
    digits[2 * pairs] = static_cast<uint8_t>(pair / 10);
    digits[2 * pairs + 1] = static_cast<uint8_t>(pair % 10);
    ++pairs;
    if ((b & 1) == 0) {
      terminated = true;
      break;
    }
  }
  if (!terminated) return Corrupt("unterminated number");
  // A leading zero pair is only the E = -64 form: smallest tag, one zero
  // pair, then a nonzero pair. Anything else is not canonical.
  if (digits[0] == 0 && digits[1] == 0) {
    if (exp100 != kMinExp100 || pairs < 2 || (digits[2] == 0 && digits[3] == 0)) {
      return Corrupt("non-canonical number");
    }
  }

  size_t first = 0;
  while (digits[first] == 0) ++first;  // some pair is nonzero
  size_t last = 2 * pairs;
  int trailing = 0;
  if (digits[last - 1] == 0) {
    --last;
    trailing = 1;
  }
  if (last - first > static_cast<size_t>(Number::kMaxDigits)) {
    return Corrupt("too many number digits");
  }
  u128 coefficient = 0;
  for (size_t i = first; i < last; ++i) coefficient = coefficient * 10 + digits[i];
  // value = (all 2*pairs digits as an integer) * 100^(E - pairs).
  const int exponent = 2 * (exp100 - static_cast<int>(pairs)) + trailing;
  StatusOr<Number> n = Number::FromParts(negative, coefficient, exponent);
  if (!n.ok()) return Corrupt("number out of range");
  in->remove_prefix(pos);
  return n;
}

void AppendEscaped(std::string* out, std::string_view bytes) {
  out->reserve(out->size() + bytes.size() + 2);
  const char* p = bytes.data();
  const char* const end = p + bytes.size();
  while (p != end) {
    const char* zero = static_cast<const char*>(std::memchr(p, 0, end - p));
    if (zero == nullptr) {
      out->append(p, end - p);
      break;
    }
    out->append(p, zero - p + 1);
    out->push_back('\xFF');
    p = zero + 1;
  }
  out->append("\x00\x01", 2);
}

Status DecodeEscaped(std::string_view* in, std::string* out) {
  const size_t original_size = out->size();
  size_t pos = 0;
  while (true) {
    const size_t zero = in->find('\0', pos);
    if (zero == std::string_view::npos || zero + 1 >= in->size()) {
      out->resize(original_size);
      return Corrupt("unterminated escaped value");
    }
    out->append(in->data() + pos, zero - pos);
    const uint8_t next = static_cast<uint8_t>((*in)[zero + 1]);
    if (next == 0x01) {
      in->remove_prefix(zero + 2);
      return Status::Ok();
    }
    if (next != 0xFF) {
      out->resize(original_size);
      return Corrupt("invalid escape");
    }
    out->push_back('\0');
    pos = zero + 2;
  }
}

void AppendKeyValue(std::string* out, const AttributeValue& v) {
  switch (v.type()) {
    case AttributeValue::Type::kS: out->append(v.s()); return;
    case AttributeValue::Type::kB: out->append(v.b()); return;
    case AttributeValue::Type::kN: AppendNumber(out, v.n()); return;
    default: assert(false && "key values are S, N or B"); return;
  }
}

void AppendKeyValueEscaped(std::string* out, const AttributeValue& v) {
  switch (v.type()) {
    case AttributeValue::Type::kS: AppendEscaped(out, v.s()); return;
    case AttributeValue::Type::kB: AppendEscaped(out, v.b()); return;
    case AttributeValue::Type::kN: AppendNumber(out, v.n()); return;
    default: assert(false && "key values are S, N or B"); return;
  }
}

StatusOr<AttributeValue> DecodeKeyValue(AttributeValue::Type type, std::string_view in) {
  switch (type) {
    case AttributeValue::Type::kS: return AttributeValue::S(std::string(in));
    case AttributeValue::Type::kB: return AttributeValue::B(std::string(in));
    case AttributeValue::Type::kN: {
      StatusOr<Number> n = DecodeNumber(&in);
      if (!n.ok()) return n.status();
      if (!in.empty()) return Corrupt("bytes after number");
      return AttributeValue::N(*n);
    }
    default: return Corrupt("key type is not S, N or B");
  }
}

StatusOr<AttributeValue> DecodeKeyValueEscaped(AttributeValue::Type type,
                                               std::string_view* in) {
  switch (type) {
    case AttributeValue::Type::kS:
    case AttributeValue::Type::kB: {
      std::string bytes;
      Status status = DecodeEscaped(in, &bytes);
      if (!status.ok()) return status;
      return type == AttributeValue::Type::kS ? AttributeValue::S(std::move(bytes))
                                              : AttributeValue::B(std::move(bytes));
    }
    case AttributeValue::Type::kN: {
      StatusOr<Number> n = DecodeNumber(in);
      if (!n.ok()) return n.status();
      return AttributeValue::N(*n);
    }
    default: return Corrupt("key type is not S, N or B");
  }
}

int CompareKeyValues(const AttributeValue& a, const AttributeValue& b) {
  if (a.type() != b.type()) return a.type() < b.type() ? -1 : 1;
  switch (a.type()) {
    case AttributeValue::Type::kS:
      // string_view::compare is memcmp: unsigned bytes, as DynamoDB orders
      // UTF-8 strings.
      return Sign(std::string_view(a.s()).compare(b.s()));
    case AttributeValue::Type::kB: return Sign(std::string_view(a.b()).compare(b.b()));
    case AttributeValue::Type::kN: {
      const std::strong_ordering c = a.n() <=> b.n();
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    default: assert(false && "key values are S, N or B"); return 0;
  }
}

}  // namespace lmddb::keycodec
