// Number: DynamoDB's exact 38-digit decimal (lmddb/number.hpp).
//
// Everything is integer arithmetic on the coefficient. Sums are formed
// exactly in 256 bits, so a result that DynamoDB cannot store is reported
// rather than rounded.
#include "lmddb/number.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace lmddb {
namespace {

using u128 = unsigned __int128;

constexpr char kNotNumericPrefix[] = "The parameter cannot be converted to a numeric value: ";
constexpr char kTooManyDigits[] = "Attempting to store more than 38 significant digits in a Number";
constexpr char kOverflow[] =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";
constexpr char kUnderflow[] =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";

constexpr uint64_t kPow19 = 10'000'000'000'000'000'000ULL;

constexpr std::array<u128, 40> MakePowersOfTen() {
  std::array<u128, 40> p{};
  p[0] = 1;
  for (size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}
// kPow10[i] = 10^i for i <= 39 (10^39 < 2^128).
constexpr std::array<u128, 40> kPow10 = MakePowersOfTen();

// Decimal digit count of v (0 for 0): estimate from the bit width
// (log10(2) ~ 1233/4096), then correct by one table compare.
int DigitCount(u128 v) {
  if (v == 0) return 0;
  const uint64_t hi = static_cast<uint64_t>(v >> 64);
  const int bits = hi != 0 ? 64 + std::bit_width(hi) : std::bit_width(static_cast<uint64_t>(v));
  const int estimate = (bits * 1233) >> 12;  // floor(log10(2^bits)) or one less
  return estimate + (v >= kPow10[estimate] ? 1 : 0);
}

Status NotNumeric(std::string_view text) {
  std::string message(kNotNumericPrefix);
  message.append(text);
  return Status::Validation(std::move(message));
}

// Range and digit checks shared by Parse, FromParts and Add. `digits` is
// the significant digit count, `adjusted` the exponent of the leading digit;
// both are int64 so out-of-range inputs are compared, not overflowed.
// Range errors win over the digit error, so 9.99..E+125 + 1E+125 reports
// overflow (dynalite's checkNum uses the same order).
Status CheckStorable(int64_t digits, int64_t adjusted) {
  if (adjusted > Number::kMaxAdjustedExponent) return Status::Validation(kOverflow);
  if (adjusted < Number::kMinAdjustedExponent) return Status::Validation(kUnderflow);
  if (digits > Number::kMaxDigits) return Status::Validation(kTooManyDigits);
  return Status::Ok();
}

// A 256-bit unsigned integer, just wide enough for two coefficients aligned
// up to 38 decimal places apart (< 2 * 10^76 < 2^256). Limbs little-endian.
struct U256 {
  std::array<uint64_t, 4> limb{};

  static U256 From(u128 v) {
    U256 r;
    r.limb[0] = static_cast<uint64_t>(v);
    r.limb[1] = static_cast<uint64_t>(v >> 64);
    return r;
  }
  bool is_zero() const { return (limb[0] | limb[1] | limb[2] | limb[3]) == 0; }
  bool fits_u128() const { return (limb[2] | limb[3]) == 0; }
  u128 low128() const { return (static_cast<u128>(limb[1]) << 64) | limb[0]; }

  // REQUIRES: the product fits in 256 bits.
  void MulSmall(uint64_t m) {
    u128 carry = 0;
    for (uint64_t& l : limb) {
      const u128 t = static_cast<u128>(l) * m + carry;
      l = static_cast<uint64_t>(t);
      carry = t >> 64;
    }
  }
  // Divides in place; returns the remainder.
  uint64_t DivSmall(uint64_t d) {
    u128 rem = 0;
    for (int i = 3; i >= 0; --i) {
      const u128 cur = (rem << 64) | limb[i];
      limb[i] = static_cast<uint64_t>(cur / d);
      rem = cur % d;
    }
    return static_cast<uint64_t>(rem);
  }
  // REQUIRES: no overflow.
  void Add(const U256& o) {
    uint64_t carry = 0;
    for (size_t i = 0; i < 4; ++i) {
      const u128 t = static_cast<u128>(limb[i]) + o.limb[i] + carry;
      limb[i] = static_cast<uint64_t>(t);
      carry = static_cast<uint64_t>(t >> 64);
    }
  }
  // REQUIRES: *this >= o.
  void Sub(const U256& o) {
    uint64_t borrow = 0;
    for (size_t i = 0; i < 4; ++i) {
      const uint64_t a = limb[i];
      const uint64_t b = o.limb[i];
      limb[i] = a - b - borrow;
      borrow = (a < b || (a == b && borrow)) ? 1 : 0;
    }
  }
  friend bool operator<(const U256& a, const U256& b) {
    for (int i = 3; i >= 0; --i) {
      if (a.limb[i] != b.limb[i]) return a.limb[i] < b.limb[i];
    }
    return false;
  }
};

// Multiplies by 10^n, n <= 38, in at most three word-sized steps.
void MulPow10(U256& v, int n) {
  while (n > 0) {
    const int step = n < 19 ? n : 19;
    v.MulSmall(static_cast<uint64_t>(kPow10[step]));
    n -= step;
  }
}

int DigitCount(U256 v) {
  int digits = 0;
  while (!v.fits_u128()) {
    v.DivSmall(kPow19);  // v >= 2^128 > 10^19, so this drops exactly 19 digits
    digits += 19;
  }
  return digits + DigitCount(v.low128());
}

// Writes the decimal digits of v (v < 10^38) right-aligned ending at `end`;
// returns the count written.
int WriteDigits(u128 v, char* end) {
  // Split so the loops run on 64-bit words: u128 division is a libcall.
  uint64_t lo = static_cast<uint64_t>(v % kPow19);
  uint64_t hi = static_cast<uint64_t>(v / kPow19);
  char* p = end;
  if (hi == 0) {
    do {
      *--p = static_cast<char>('0' + lo % 10);
      lo /= 10;
    } while (lo != 0);
  } else {
    for (int i = 0; i < 19; ++i) {
      *--p = static_cast<char>('0' + lo % 10);
      lo /= 10;
    }
    do {
      *--p = static_cast<char>('0' + hi % 10);
      hi /= 10;
    } while (hi != 0);
  }
  return static_cast<int>(end - p);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

StatusOr<Number> Number::Parse(std::string_view text) {
  const char* p = text.data();
  const char* const end = p + text.size();

  bool negative = false;
  if (p != end && (*p == '+' || *p == '-')) {
    negative = *p == '-';
    ++p;
  }

  // Mantissa: digits with at most one point, at least one digit.
  const char* const mantissa_begin = p;
  const char* point = nullptr;
  bool any_digit = false;
  for (; p != end; ++p) {
    if (IsDigit(*p)) {
      any_digit = true;
    } else if (*p == '.' && point == nullptr) {
      point = p;
    } else {
      break;
    }
  }
  const char* const mantissa_end = p;
  if (!any_digit) return NotNumeric(text);

  // Exponent. Its value saturates: anything past the cap is far outside the
  // range either way, and the cap leaves room to add a position within any
  // in-memory string without overflowing int64.
  constexpr int64_t kExponentCap = int64_t{1} << 50;
  int64_t exponent = 0;
  if (p != end && (*p == 'e' || *p == 'E')) {
    ++p;
    bool exponent_negative = false;
    if (p != end && (*p == '+' || *p == '-')) {
      exponent_negative = *p == '-';
      ++p;
    }
    if (p == end || !IsDigit(*p)) return NotNumeric(text);
    for (; p != end && IsDigit(*p); ++p) {
      if (exponent < kExponentCap) exponent = exponent * 10 + (*p - '0');
    }
    if (exponent_negative) exponent = -exponent;
  }
  if (p != end) return NotNumeric(text);

  // Leading and trailing zeros are not significant: find the outermost
  // nonzero digits. No nonzero digit means zero, whatever the exponent.
  const char* first = mantissa_begin;
  while (first != mantissa_end && (*first == '0' || *first == '.')) ++first;
  if (first == mantissa_end) return Number();
  const char* last = mantissa_end - 1;
  while (*last == '0' || *last == '.') --last;

  // Place value (power of ten) of the digit at q, before the exponent.
  const char* const int_end = point != nullptr ? point : mantissa_end;
  auto place = [&](const char* q) -> int64_t {
    return q < int_end ? int_end - q - 1 : -(q - int_end);
  };
  const int64_t first_place = place(first);
  const int64_t last_place = place(last);
  Status status = CheckStorable(first_place - last_place + 1, first_place + exponent);
  if (!status.ok()) return status;

  u128 coefficient = 0;
  for (const char* q = first; q <= last; ++q) {
    if (*q != '.') coefficient = coefficient * 10 + static_cast<unsigned>(*q - '0');
  }
  Number n;
  n.negative_ = negative;
  n.coefficient_ = coefficient;
  n.exponent_ = static_cast<int>(last_place + exponent);
  return n;
}

Number Number::FromInt64(int64_t value) {
  Number n;
  if (value == 0) return n;
  n.negative_ = value < 0;
  // Unsigned negation is defined for INT64_MIN.
  uint64_t magnitude = n.negative_ ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  int exponent = 0;
  while (magnitude % 10 == 0) {
    magnitude /= 10;
    ++exponent;
  }
  n.coefficient_ = magnitude;
  n.exponent_ = exponent;
  return n;
}

StatusOr<Number> Number::FromParts(bool negative, Coefficient coefficient, int exponent) {
  if (coefficient == 0) return Number();
  int64_t e = exponent;
  while (coefficient % 10 == 0) {
    coefficient /= 10;
    ++e;
  }
  const int digits = DigitCount(coefficient);
  Status status = CheckStorable(digits, e + digits - 1);
  if (!status.ok()) return status;
  Number n;
  n.negative_ = negative;
  n.coefficient_ = coefficient;
  n.exponent_ = static_cast<int>(e);
  return n;
}

StatusOr<Number> Number::Add(const Number& a, const Number& b) {
  if (a.is_zero()) return b;
  if (b.is_zero()) return a;

  // hi has the larger coefficient exponent.
  const bool a_is_hi = a.exponent_ >= b.exponent_;
  const Number& hi = a_is_hi ? a : b;
  const Number& lo = a_is_hi ? b : a;
  const int64_t shift = static_cast<int64_t>(hi.exponent_) - lo.exponent_;

  // lo's last digit is nonzero and sits more than 38 places below hi's last
  // digit, so the exact result has more than 38 significant digits. (It
  // stays in range: lo is below one unit of hi's last place.)
  if (shift > kMaxDigits) return Status::Validation(kTooManyDigits);

  U256 hi_aligned = U256::From(hi.coefficient_);
  MulPow10(hi_aligned, static_cast<int>(shift));
  const U256 lo_value = U256::From(lo.coefficient_);

  U256 sum;
  bool negative;
  if (hi.negative_ == lo.negative_) {
    sum = hi_aligned;
    sum.Add(lo_value);
    negative = hi.negative_;
  } else if (lo_value < hi_aligned) {
    sum = hi_aligned;
    sum.Sub(lo_value);
    negative = hi.negative_;
  } else {
    sum = lo_value;
    sum.Sub(hi_aligned);
    negative = lo.negative_;
  }
  if (sum.is_zero()) return Number();

  // Trailing zeros appear only when the exponents were equal.
  int64_t exponent = lo.exponent_;
  if (shift == 0) {
    for (;;) {
      U256 q = sum;
      if (q.DivSmall(10) != 0) break;
      sum = q;
      ++exponent;
    }
  }

  const int digits = DigitCount(sum);
  Status status = CheckStorable(digits, exponent + digits - 1);
  if (!status.ok()) return status;

  Number n;
  n.negative_ = negative;
  n.coefficient_ = sum.low128();
  n.exponent_ = static_cast<int>(exponent);
  return n;
}

StatusOr<Number> Number::Subtract(const Number& a, const Number& b) {
  Number negated = b;
  if (!negated.is_zero()) negated.negative_ = !negated.negative_;
  return Add(a, negated);
}

std::string Number::ToString() const {
  if (is_zero()) return "0";
  char buf[40];
  char* const buf_end = buf + sizeof(buf);
  const int n = WriteDigits(coefficient_, buf_end);
  const char* const digits = buf_end - n;
  const int sign = negative_ ? 1 : 0;

  std::string out;
  if (exponent_ >= 0) {
    // Integer: digits then exponent_ zeros.
    out.resize(sign + n + exponent_, '0');
    char* o = out.data();
    if (negative_) *o++ = '-';
    std::copy(digits, digits + n, o);
  } else if (-exponent_ < n) {
    // Point inside the digits.
    const int int_digits = n + exponent_;
    out.resize(sign + n + 1);
    char* o = out.data();
    if (negative_) *o++ = '-';
    o = std::copy(digits, digits + int_digits, o);
    *o++ = '.';
    std::copy(digits + int_digits, digits + n, o);
  } else {
    // Pure fraction: "0." then zeros, then the digits.
    const int zeros = -exponent_ - n;
    out.resize(sign + 2 + zeros + n, '0');
    char* o = out.data();
    if (negative_) *o++ = '-';
    o[1] = '.';
    std::copy(digits, digits + n, o + 2 + zeros);
  }
  return out;
}

int Number::digits() const { return DigitCount(coefficient_); }

std::strong_ordering Number::operator<=>(const Number& other) const {
  // Sign class: -1, 0 or +1.
  const int s = is_zero() ? 0 : (negative_ ? -1 : 1);
  const int t = other.is_zero() ? 0 : (other.negative_ ? -1 : 1);
  if (s != t) return s <=> t;
  if (s == 0) return std::strong_ordering::equal;

  // Same sign: compare magnitudes, then flip for negatives.
  std::strong_ordering magnitude = std::strong_ordering::equal;
  const int da = digits();
  const int db = other.digits();
  const int adj_a = exponent_ + da - 1;
  const int adj_b = other.exponent_ + db - 1;
  if (adj_a != adj_b) {
    magnitude = adj_a <=> adj_b;
  } else {
    // Same leading place: align the shorter coefficient to the longer's
    // digit count; both stay below 10^38.
    const u128 ca = da < db ? coefficient_ * kPow10[db - da] : coefficient_;
    const u128 cb = db < da ? other.coefficient_ * kPow10[da - db] : other.coefficient_;
    magnitude = ca < cb ? std::strong_ordering::less
                        : (ca > cb ? std::strong_ordering::greater : std::strong_ordering::equal);
  }
  return s > 0 ? magnitude : 0 <=> magnitude;
}

}  // namespace lmddb
