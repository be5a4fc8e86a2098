// dsum and dround: point masses at a function of their parameters (constraints.hpp).
#include "alea/dist/constraints.hpp"

#include <cmath>
#include <limits>

#include "alea/dist/check.hpp"
#include "scalar_adapter.hpp"

namespace alea::dist {

double round_to_digits(double t, double d) {
  const double scale = std::pow(10.0, d);
  return std::round(t * scale) / scale;
}

bool equal_constraint(double y, double v) {
  return std::abs(y - v) <= 16 * std::numeric_limits<double>::epsilon() * std::max({1.0, std::abs(y), std::abs(v)});
}

Support rounding_bounds(double y, double d) {
  const double h = 0.5 * std::pow(10.0, -d);
  return {y - h, y + h};
}

std::string check(const SumConstraint& c) { return check_finite("sum s", c.s); }
double logpdf(const SumConstraint& c, double x) { return equal_constraint(x, c.s) ? 0.0 : kNegInf; }
double draw(const SumConstraint& c, Rng&) { return c.s; }
double mean(const SumConstraint& c) { return c.s; }
double variance(const SumConstraint&) { return 0; }

std::string check(const RoundConstraint& c) {
  auto why = check_finite("value t", c.t);
  if (!why.empty()) return why;
  if (!std::isfinite(c.d) || c.d != std::floor(c.d))
    return "number of digits d is " + format_number(c.d) + ", but must be an integer";
  return {};
}
double logpdf(const RoundConstraint& c, double x) {
  return equal_constraint(x, round_to_digits(c.t, c.d)) ? 0.0 : kNegInf;
}
double draw(const RoundConstraint& c, Rng&) { return round_to_digits(c.t, c.d); }
double mean(const RoundConstraint& c) { return round_to_digits(c.t, c.d); }
double variance(const RoundConstraint&) { return 0; }

namespace detail {
namespace {

// 0 or -inf; no partials (the constraint is flat where it holds).
Partials sum_partials(const double* p, double x) {
  Partials t;
  t.lp = logpdf(SumConstraint{p[0]}, x);
  return t;
}
Partials round_partials(const double* p, double x) {
  Partials t;
  if (check(RoundConstraint{p[0], p[1]}).empty()) t.lp = logpdf(RoundConstraint{p[0], p[1]}, x);
  return t;
}

}  // namespace

const DistOps& sum_constraint_ops() {
  static const DistOps ops =
      scalar_ops<SumConstraint>(&sum_partials, BugsForm{"dsum", 1, {{{BugsConv::SumOfArgs, 0}}}});
  return ops;
}

const DistOps& round_constraint_ops() {
  static const DistOps ops = scalar_ops<RoundConstraint>(
      &round_partials, BugsForm{"dround", 2, {{{BugsConv::Arg, 0}, {BugsConv::Arg, 1}}}});
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
