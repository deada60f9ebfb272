// lmddb/number.hpp: DynamoDB's exact decimal number.
//
// A Number holds up to 38 significant decimal digits and an exponent in
// DynamoDB's range (magnitudes 1E-130 through 9.99...9E+125, and zero).
// There are no doubles anywhere: parsing, comparison and arithmetic are
// exact, and ToString() prints the canonical form DynamoDB returns
// ("1.10" -> "1.1", "1e3" -> "1000", "-0" -> "0").
//
// Value = (negative ? -1 : 1) * coefficient * 10^exponent, kept normalized:
// the coefficient has no trailing decimal zeros, and zero is coefficient 0,
// exponent 0, not negative. Equal numbers therefore have equal fields.
//
// Thread safety: a value type; const methods may be called concurrently.
#ifndef LMDDB_NUMBER_HPP_
#define LMDDB_NUMBER_HPP_

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "lmddb/status.hpp"

namespace lmddb {

class Number {
 public:
  using Coefficient = unsigned __int128;

  static constexpr int kMaxDigits = 38;
  // Smallest and largest decimal exponent of the most significant digit:
  // 1E-130 is the smallest magnitude, 9.99..E+125 the largest.
  static constexpr int kMinAdjustedExponent = -130;
  static constexpr int kMaxAdjustedExponent = 125;

  Number() = default;  // zero

  // Parses DynamoDB's number syntax: optional sign, digits with an optional
  // point (".5", "5.", "007"), optional exponent ("1e10", "1E+5", "2e-3").
  // Errors (ValidationException, DynamoDB's texts):
  //   "The parameter cannot be converted to a numeric value: <text>"
  //   "Attempting to store more than 38 significant digits in a Number"
  //   "Number overflow. Attempting to store a number with magnitude larger than supported range"
  //   "Number underflow. Attempting to store a number with magnitude smaller than supported range"
  static StatusOr<Number> Parse(std::string_view text);

  static Number FromInt64(int64_t value);

  // Builds a number from normalized or unnormalized parts; checks range and
  // digit count as Parse does.
  static StatusOr<Number> FromParts(bool negative, Coefficient coefficient, int exponent);

  // Exact sum/difference. Fails with the overflow/underflow or
  // 38-digit errors above when the exact result is not representable.
  static StatusOr<Number> Add(const Number& a, const Number& b);
  static StatusOr<Number> Subtract(const Number& a, const Number& b);

  // Canonical decimal text, never scientific notation.
  std::string ToString() const;

  bool is_zero() const { return coefficient_ == 0; }
  bool negative() const { return negative_; }
  Coefficient coefficient() const { return coefficient_; }
  int exponent() const { return exponent_; }
  // Count of significant digits of the coefficient (0 for zero).
  int digits() const;
  // Exponent of the most significant digit: for 123.4, 2; for 0.05, -2.
  int adjusted_exponent() const { return exponent_ + digits() - 1; }

  // Numeric order.
  std::strong_ordering operator<=>(const Number& other) const;
  bool operator==(const Number& other) const = default;

 private:
  bool negative_ = false;
  int exponent_ = 0;
  Coefficient coefficient_ = 0;
};

}  // namespace lmddb

#endif  // LMDDB_NUMBER_HPP_
