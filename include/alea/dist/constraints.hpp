// Observed constraints of JAGS's bugs module, as distributions: y ~ dsum(x1, x2, ...)
// (y equals the sum) and y ~ dround(t, d) (y equals t rounded to d decimal places).
// Each has mass 1 at its value and 0 elsewhere; a draw is that value. Equality allows
// 16 ulps of the value (as JAGS), since a decimal fraction is rarely exact in binary.
// The BUGS reader sums the arguments of dsum, so that SumConstraint has one parameter.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct SumConstraint {
  static constexpr DistKind kind = DistKind::Sum;
  static constexpr std::string_view name = "sum_constraint";
  static constexpr std::size_t nparams = 1;
  static constexpr SupportSpec support_spec = kRealLine;
  double s = 0;  // the sum
};

struct RoundConstraint {
  static constexpr DistKind kind = DistKind::Round;
  static constexpr std::string_view name = "round_constraint";
  static constexpr std::size_t nparams = 2;
  static constexpr SupportSpec support_spec = kRealLine;
  double t = 0;  // the value rounded
  double d = 0;  // decimal places, an integer (negative: to a power of 10)
};

// t rounded to d decimal places, halves away from zero.
double round_to_digits(double t, double d);
// Whether y equals v up to 16 ulps of the larger.
bool equal_constraint(double y, double v);
// The values t that round to y at d digits: [y - h, y + h] with h = 10^-d / 2.
Support rounding_bounds(double y, double d);

std::string check(const SumConstraint& c);
double logpdf(const SumConstraint& c, double x);
double draw(const SumConstraint& c, Rng& rng);
double mean(const SumConstraint& c);
double variance(const SumConstraint& c);

std::string check(const RoundConstraint& c);
double logpdf(const RoundConstraint& c, double x);
double draw(const RoundConstraint& c, Rng& rng);
double mean(const RoundConstraint& c);
double variance(const RoundConstraint& c);

}  // namespace alea::dist
