// Tests for engine/keycodec/value_codec.h: memcmp order of encodings must
// be DynamoDB order, encodings must round-trip and be canonical, and
// decoders must reject corrupt bytes without reading past them.
#include "testing/test_util.h"
#include "engine/keycodec/value_codec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace lmddb::keycodec {
namespace {

using testing_util::TestSeed;


int Sign(int c) { return (c > 0) - (c < 0); }

int CompareBytes(std::string_view a, std::string_view b) { return Sign(a.compare(b)); }

// A number as the test sees it, independent of Number: sign, significant
// digits (no leading or trailing zeros) and the exponent of the first
// digit. Zero has no digits.
struct NumSpec {
  bool negative = false;
  std::string digits;
  int adjusted = 0;
};

Number ToNumber(const NumSpec& spec) {
  if (spec.digits.empty()) return Number();
  unsigned __int128 coefficient = 0;
  for (char c : spec.digits) coefficient = coefficient * 10 + (c - '0');
  const int exponent = spec.adjusted - static_cast<int>(spec.digits.size()) + 1;
  StatusOr<Number> n = Number::FromParts(spec.negative, coefficient, exponent);
  EXPECT_TRUE(n.ok()) << n.status().ToString();
  return n.ok() ? *n : Number();
}

// Numeric order from the parts alone: a reference that shares no code with
// Number or the codec.
int CompareSpecs(const NumSpec& a, const NumSpec& b) {
  auto signum = [](const NumSpec& s) { return s.digits.empty() ? 0 : (s.negative ? -1 : 1); };
  if (signum(a) != signum(b)) return signum(a) < signum(b) ? -1 : 1;
  if (signum(a) == 0) return 0;
  int magnitude = a.adjusted != b.adjusted ? (a.adjusted < b.adjusted ? -1 : 1)
                                           : CompareBytes(a.digits, b.digits);
  return a.negative ? -magnitude : magnitude;
}

std::string RandomDigits(std::mt19937_64& rng, int count) {
  std::string d(count, '0');
  for (char& c : d) c = static_cast<char>('0' + rng() % 10);
  if (d.front() == '0') d.front() = static_cast<char>('1' + rng() % 9);
  if (d.back() == '0') d.back() = static_cast<char>('1' + rng() % 9);
  return d;
}

NumSpec RandomSpec(std::mt19937_64& rng, const std::vector<NumSpec>& pool) {
  NumSpec s;
  const int kind = static_cast<int>(rng() % 20);
  if (kind == 0) return s;  // zero
  s.negative = rng() % 2 == 0;
  if (kind < 7 && !pool.empty()) {
    // A relative of an earlier number: same leading digits, so pairs that
    // differ only late in the mantissa or by one digit are common.
    s = pool[rng() % pool.size()];
    if (s.digits.empty()) s.digits = "1";
    const int edit = static_cast<int>(rng() % 4);
    if (edit == 0 && s.digits.size() < 38) {
      s.digits += static_cast<char>('1' + rng() % 9);
    } else if (edit == 1 && s.digits.size() > 1) {
      s.digits.pop_back();
      while (s.digits.back() == '0') s.digits.pop_back();
    } else if (edit == 2) {
      s.digits.back() = static_cast<char>('1' + rng() % 9);
    } else {
      s.negative = !s.negative;
    }
    return s;
  }
  const int count = rng() % 2 ? 1 + static_cast<int>(rng() % 38) : 1 + static_cast<int>(rng() % 4);
  s.digits = RandomDigits(rng, count);
  static constexpr int kEdges[] = {-130, -129, -128, -127, -126, -3, -2, -1,
                                   0,    1,    2,    3,    123,  124,  125};
  s.adjusted = rng() % 2 ? -130 + static_cast<int>(rng() % 256)
                         : kEdges[rng() % (sizeof(kEdges) / sizeof(kEdges[0]))];
  return s;
}

std::string Enc(const Number& n) {
  std::string out;
  AppendNumber(&out, n);
  return out;
}

// Copies bytes into an allocation of exactly their size, so ASan flags any
// read past the end (a std::string has slack and a terminator).
class ExactBuffer {
 public:
  explicit ExactBuffer(std::string_view bytes)
      : data_(new char[bytes.size() == 0 ? 1 : bytes.size()]), size_(bytes.size()) {
    if (size_ != 0) std::memcpy(data_.get(), bytes.data(), size_);
  }
  std::string_view view() const { return std::string_view(data_.get(), size_); }

 private:
  std::unique_ptr<char[]> data_;
  size_t size_;
};

TEST(KeyCodec, NumbersSortNumerically) {
  std::mt19937_64 rng(TestSeed());
  std::vector<NumSpec> specs;
  for (int i = 0; i < 1500; ++i) specs.push_back(RandomSpec(rng, specs));
  std::vector<Number> numbers;
  std::vector<std::string> encodings;
  for (const NumSpec& s : specs) {
    numbers.push_back(ToNumber(s));
    encodings.push_back(Enc(numbers.back()));
  }
  // All pairs: ~1.1 M comparisons.
  for (size_t i = 0; i < specs.size(); ++i) {
    for (size_t j = 0; j < specs.size(); ++j) {
      const int expected = CompareSpecs(specs[i], specs[j]);
      ASSERT_EQ(CompareBytes(encodings[i], encodings[j]), expected)
          << numbers[i].ToString() << " vs " << numbers[j].ToString();
      ASSERT_EQ(CompareKeyValues(AttributeValue::N(numbers[i]), AttributeValue::N(numbers[j])),
                expected)
          << numbers[i].ToString() << " vs " << numbers[j].ToString();
    }
  }
}

TEST(KeyCodec, NumbersRoundTrip) {
  std::mt19937_64 rng(TestSeed());
  std::vector<NumSpec> specs;
  for (int i = 0; i < 5000; ++i) {
    specs.push_back(RandomSpec(rng, specs));
    const Number n = ToNumber(specs.back());
    const std::string enc = Enc(n);
    ASSERT_LE(enc.size(), kMaxNumberEncodingLength) << n.ToString();
    // Self-delimiting: the decoder stops at the end of the number.
    const std::string with_suffix = enc + std::string("\x00\xFF\x01x", 4);
    std::string_view in = with_suffix;
    StatusOr<Number> decoded = DecodeNumber(&in);
    ASSERT_TRUE(decoded.ok()) << n.ToString() << ": " << decoded.status().ToString();
    EXPECT_EQ(*decoded, n) << n.ToString() << " decoded as " << decoded->ToString();
    EXPECT_EQ(in.size(), 4u) << n.ToString();
    // Every proper prefix is incomplete.
    for (size_t len = 0; len < enc.size(); ++len) {
      ExactBuffer truncated(std::string_view(enc).substr(0, len));
      std::string_view t = truncated.view();
      EXPECT_FALSE(DecodeNumber(&t).ok()) << n.ToString() << " prefix " << len;
    }
  }
}

TEST(KeyCodec, NumberEncodingIsCanonical) {
  const char* kSame[][2] = {{"1e3", "1000"},     {"1.10", "1.1"},  {"-0", "0"},
                            {"0.000", "0"},      {"5E-1", ".5"},   {"007", "7"},
                            {"-1E+2", "-100.0"}, {"12.5e1", "125"}};
  for (const auto& pair : kSame) {
    StatusOr<Number> a = Number::Parse(pair[0]);
    StatusOr<Number> b = Number::Parse(pair[1]);
    ASSERT_TRUE(a.ok() && b.ok()) << pair[0] << " " << pair[1];
    EXPECT_EQ(Enc(*a), Enc(*b)) << pair[0] << " vs " << pair[1];
  }
  // Unnormalized parts normalize before encoding.
  StatusOr<Number> a = Number::FromParts(false, 1200, -2);
  StatusOr<Number> b = Number::FromParts(false, 12, 0);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(Enc(*a), Enc(*b));
}

TEST(KeyCodec, NumberExtremesSortInOrder) {
  // 38 significant digits: the largest and smallest such mantissas.
  const std::string nines38 = "9." + std::string(37, '9');
  const std::string ones38 = "1." + std::string(36, '0') + "1";
  const std::vector<std::string> ascending = {
      "-" + nines38 + "E+125",
      "-1E+125",
      "-9.9E+124",
      "-1E+124",
      "-100",
      "-99.5",
      "-10",
      "-1",
      "-0.5",
      "-1E-128",
      "-9.9999E-129",
      "-1E-129",
      "-" + nines38 + "E-130",
      "-" + ones38 + "E-130",
      "-1E-130",
      "0",
      "1E-130",
      ones38 + "E-130",
      nines38 + "E-130",
      "1E-129",
      ones38 + "E-129",
      "9.9999E-129",
      "1E-128",
      "1.5E-128",
      "1E-127",
      "0.01",
      "0.0999",
      "0.1",
      "0.5",
      "1",
      ones38,
      "1.01",
      "1.1",
      "9",
      "9.9",
      "10",
      "10.5",
      "99",
      "100",
      "123456789012345678901234567890.12345678",
      "1E+124",
      "9.9E+124",
      "1E+125",
      nines38 + "E+125",
  };
  std::vector<std::string> encodings;
  for (const std::string& text : ascending) {
    StatusOr<Number> n = Number::Parse(text);
    ASSERT_TRUE(n.ok()) << text << ": " << n.status().ToString();
    encodings.push_back(Enc(*n));
    EXPECT_LE(encodings.back().size(), kMaxNumberEncodingLength) << text;
    std::string_view in = encodings.back();
    StatusOr<Number> back = DecodeNumber(&in);
    ASSERT_TRUE(back.ok()) << text;
    EXPECT_EQ(*back, *n) << text;
  }
  for (size_t i = 1; i < encodings.size(); ++i) {
    EXPECT_LT(encodings[i - 1], encodings[i]) << ascending[i - 1] << " < " << ascending[i];
  }
  // The longest encodings: 38 digits at an even adjusted exponent below
  // 1E-128 need a zero pair, a padding digit and 20 pairs.
  StatusOr<Number> longest = Number::Parse(ones38 + "E-130");
  ASSERT_TRUE(longest.ok());
  EXPECT_EQ(Enc(*longest).size(), kMaxNumberEncodingLength);
}

TEST(KeyCodec, NumberDecodeRejectsCorruptInput) {
  // 1 is 0.01 * 100^1: tag 0xC1, last pair 01 -> 0x02. 10 is 0.10 * 100^1.
  ASSERT_EQ(Enc(Number::FromInt64(1)), std::string("\xC1\x02", 2));
  ASSERT_EQ(Enc(Number::FromInt64(10)), std::string("\xC1\x14", 2));
  ASSERT_EQ(Enc(Number::FromInt64(-10)), std::string("\x3F\xEB", 2));
  const std::vector<std::string> corrupt = {
      std::string(),                     // empty
      std::string("\x00", 1),            // tag 0x00 is unused
      std::string("\xC1", 1),            // no digits
      std::string("\xC1\x15", 2),        // no final (even) digit byte
      std::string("\xC1\x00", 2),        // final pair 00
      std::string("\xC1\xC8", 2),        // 200: pair 100
      std::string("\xC1\xFF", 2),        // 255
      std::string("\xC1\x01\x14", 3),    // leading zero pair outside E = -64
      std::string("\x81\x01\x01\x14", 4),  // two leading zero pairs
      std::string("\x3E\xEA", 2),        // negative, no final digit byte
      std::string("\xC1") + std::string(21, '\x03') + "\x02",  // 22 pairs
  };
  for (const std::string& bytes : corrupt) {
    ExactBuffer buffer(bytes);
    std::string_view in = buffer.view();
    StatusOr<Number> n = DecodeNumber(&in);
    EXPECT_FALSE(n.ok()) << testing::PrintToString(bytes);
    if (!n.ok()) {
      EXPECT_EQ(n.status().type(), ErrorType::kInternalServerError);
    }
    EXPECT_EQ(in.size(), bytes.size()) << "nothing consumed on error";
  }
  // 40 nines: well-formed bytes, but more than 38 significant digits.
  std::string too_many("\xD4", 1);  // E = 20
  too_many.append(19, static_cast<char>(2 * 99 + 1));
  too_many.push_back(static_cast<char>(2 * 99));
  ExactBuffer buffer(too_many);
  std::string_view in = buffer.view();
  EXPECT_FALSE(DecodeNumber(&in).ok());
}

TEST(KeyCodec, NumberDecodeSurvivesRandomBytes) {
  std::mt19937_64 rng(TestSeed());
  int decoded = 0;
  for (int i = 0; i < 200000; ++i) {
    std::string bytes(1 + rng() % 24, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    if (i % 2) bytes[0] = static_cast<char>(0xB0 + rng() % 32);  // plausible tags
    ExactBuffer buffer(bytes);
    std::string_view in = buffer.view();
    StatusOr<Number> n = DecodeNumber(&in);
    if (!n.ok()) continue;
    ++decoded;
    // Whatever decodes is canonical: it re-encodes to the bytes it used.
    const size_t used = bytes.size() - in.size();
    EXPECT_EQ(Enc(*n), bytes.substr(0, used)) << testing::PrintToString(bytes);
  }
  EXPECT_GT(decoded, 0);
}

// Bytes drawn from a small alphabet around the escape bytes, often as a
// prefix or extension of an earlier value.
std::string RandomBytes(std::mt19937_64& rng, const std::vector<std::string>& pool) {
  static constexpr char kAlphabet[] = {'\x00', '\x01', '\x02', '\x7F', '\x80', '\xFE', '\xFF', 'a'};
  std::string s;
  if (!pool.empty() && rng() % 2) {
    s = pool[rng() % pool.size()];
    if (rng() % 2 && !s.empty()) s.resize(rng() % s.size());
  }
  const size_t extra = rng() % 6;
  for (size_t i = 0; i < extra; ++i) s.push_back(kAlphabet[rng() % sizeof(kAlphabet)]);
  return s;
}

TEST(KeyCodec, EscapedBytesSortWithSuffixes) {
  std::mt19937_64 rng(TestSeed());
  std::vector<std::string> values;
  for (int i = 0; i < 1000; ++i) values.push_back(RandomBytes(rng, values));
  std::vector<std::string> encodings;
  for (const std::string& v : values) {
    std::string enc;
    AppendEscaped(&enc, v);
    // Another component follows: arbitrary bytes.
    const std::string suffix = RandomBytes(rng, {});
    enc += suffix;
    std::string_view in = enc;
    std::string decoded;
    ASSERT_TRUE(DecodeEscaped(&in, &decoded).ok()) << testing::PrintToString(v);
    EXPECT_EQ(decoded, v);
    EXPECT_EQ(in, suffix);
    encodings.push_back(std::move(enc));
  }
  for (size_t i = 0; i < values.size(); ++i) {
    for (size_t j = 0; j < values.size(); ++j) {
      const int expected = CompareBytes(values[i], values[j]);
      if (expected == 0) continue;  // equal values: the suffixes decide
      ASSERT_EQ(CompareBytes(encodings[i], encodings[j]), expected)
          << testing::PrintToString(values[i]) << " vs " << testing::PrintToString(values[j]);
    }
  }
}

TEST(KeyCodec, EscapedDecodeRejectsCorruptInput) {
  const std::vector<std::string> corrupt = {
      std::string(),        std::string("abc"),         std::string("ab\x00", 3),
      std::string("\x00\x02", 2), std::string("a\x00\xFF", 3), std::string("\x00\x00\x01", 3),
  };
  for (const std::string& bytes : corrupt) {
    ExactBuffer buffer(bytes);
    std::string_view in = buffer.view();
    std::string out = "keep";
    Status status = DecodeEscaped(&in, &out);
    EXPECT_FALSE(status.ok()) << testing::PrintToString(bytes);
    EXPECT_EQ(status.type(), ErrorType::kInternalServerError);
    EXPECT_EQ(out, "keep");
    EXPECT_EQ(in.size(), bytes.size());
  }
}

TEST(KeyCodec, StringsAndBinariesCompareAsUnsignedBytes) {
  std::mt19937_64 rng(TestSeed());
  std::vector<std::string> values;
  for (int i = 0; i < 400; ++i) values.push_back(RandomBytes(rng, values));
  for (const std::string& a : values) {
    for (const std::string& b : values) {
      int expected = 0;
      for (size_t k = 0; k < std::min(a.size(), b.size()) && expected == 0; ++k) {
        const auto x = static_cast<uint8_t>(a[k]);
        const auto y = static_cast<uint8_t>(b[k]);
        expected = x < y ? -1 : (x > y ? 1 : 0);
      }
      if (expected == 0) expected = a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
      ASSERT_EQ(CompareKeyValues(AttributeValue::B(a), AttributeValue::B(b)), expected);
      ASSERT_EQ(CompareKeyValues(AttributeValue::S(a), AttributeValue::S(b)), expected);
      std::string ea;
      std::string eb;
      AppendKeyValue(&ea, AttributeValue::B(a));
      AppendKeyValue(&eb, AttributeValue::B(b));
      ASSERT_EQ(CompareBytes(ea, eb), expected);
    }
  }
  // UTF-8 byte order, not UTF-16 code unit order: U+FF61 sorts before
  // U+10000 in UTF-8 (EF BD A1 < F0 90 80 80), as DynamoDB sorts them.
  EXPECT_LT(CompareKeyValues(AttributeValue::S("\xEF\xBD\xA1"),
                             AttributeValue::S("\xF0\x90\x80\x80")),
            0);
}

TEST(KeyCodec, KeyValuesRoundTripInBothForms) {
  std::mt19937_64 rng(TestSeed());
  std::vector<NumSpec> specs;
  std::vector<std::string> bytes_pool;
  for (int i = 0; i < 2000; ++i) {
    specs.push_back(RandomSpec(rng, specs));
    bytes_pool.push_back(RandomBytes(rng, bytes_pool));
    const AttributeValue values[] = {AttributeValue::N(ToNumber(specs.back())),
                                     AttributeValue::S(bytes_pool.back()),
                                     AttributeValue::B(bytes_pool.back())};
    for (const AttributeValue& v : values) {
      std::string raw;
      AppendKeyValue(&raw, v);
      StatusOr<AttributeValue> back = DecodeKeyValue(v.type(), raw);
      ASSERT_TRUE(back.ok()) << back.status().ToString();
      EXPECT_TRUE(*back == v);
      EXPECT_EQ(back->type(), v.type());

      std::string escaped;
      AppendKeyValueEscaped(&escaped, v);
      escaped += "tail";
      std::string_view in = escaped;
      StatusOr<AttributeValue> back2 = DecodeKeyValueEscaped(v.type(), &in);
      ASSERT_TRUE(back2.ok()) << back2.status().ToString();
      EXPECT_TRUE(*back2 == v);
      EXPECT_EQ(in, "tail");
    }
  }
  // Trailing bytes after a raw number, and non-key types, are errors.
  std::string n = Enc(Number::FromInt64(5)) + "x";
  EXPECT_FALSE(DecodeKeyValue(AttributeValue::Type::kN, n).ok());
  EXPECT_FALSE(DecodeKeyValue(AttributeValue::Type::kBool, "x").ok());
}

TEST(KeyCodec, CompositeKeysSortComponentwise) {
  // (S escaped, N, B raw): the layout a GSI key with a base key suffix uses.
  std::mt19937_64 rng(TestSeed());
  struct Row {
    std::string s;
    NumSpec n;
    std::string b;
    std::string key;
  };
  std::vector<Row> rows;
  std::vector<std::string> strings;
  std::vector<NumSpec> specs;
  for (int i = 0; i < 600; ++i) {
    Row r;
    // Few distinct first components so later ones decide often.
    r.s = rng() % 3 ? (strings.empty() ? "" : strings[rng() % strings.size()])
                    : RandomBytes(rng, strings);
    strings.push_back(r.s);
    r.n = rng() % 2 && !specs.empty() ? specs[rng() % specs.size()] : RandomSpec(rng, specs);
    specs.push_back(r.n);
    r.b = RandomBytes(rng, {});
    AppendKeyValueEscaped(&r.key, AttributeValue::S(r.s));
    AppendKeyValueEscaped(&r.key, AttributeValue::N(ToNumber(r.n)));
    AppendKeyValue(&r.key, AttributeValue::B(r.b));
    rows.push_back(std::move(r));
  }
  for (const Row& x : rows) {
    for (const Row& y : rows) {
      int expected = CompareBytes(x.s, y.s);
      if (expected == 0) expected = CompareSpecs(x.n, y.n);
      if (expected == 0) expected = CompareBytes(x.b, y.b);
      ASSERT_EQ(CompareBytes(x.key, y.key), expected);
    }
  }
}

}  // namespace
}  // namespace lmddb::keycodec
