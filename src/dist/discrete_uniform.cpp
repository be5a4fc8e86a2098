// Discrete uniform distribution on lo..hi, drawn with Boost.Random's unbiased integer
// sampler rather than by scaling a double, which is biased for wide ranges.
#include "alea/dist/discrete_uniform.hpp"

#include <boost/random/uniform_int_distribution.hpp>
#include <cmath>
#include <cstdint>

#include "alea/graph/value.hpp"
#include "partials_detail.hpp"
#include "scalar_adapter.hpp"

namespace alea::dist {
namespace {

constexpr double kMaxExact = 9007199254740992.0;  // 2^53: beyond it doubles skip integers

std::string check_bound(std::string_view what, double x) {
  if (std::isfinite(x) && x == std::floor(x) && std::abs(x) <= kMaxExact) return {};
  return std::string(what) + " is " + format_number(x) + ", but must be an integer in [-2^53, 2^53]";
}

}  // namespace

std::string check(const DiscreteUniform& d) {
  auto why = check_bound("lower bound lo", d.lo);
  if (why.empty()) why = check_bound("upper bound hi", d.hi);
  if (why.empty() && d.lo > d.hi)
    why = "lower bound lo is " + format_number(d.lo) + " and upper bound hi is " + format_number(d.hi) +
          ", but lo must not exceed hi";
  return why;
}

double logpdf(const DiscreteUniform& d, double x) {
  if (!(x >= d.lo && x <= d.hi) || x != std::floor(x)) return kNegInf;
  return -std::log(d.hi - d.lo + 1.0);
}

double draw(const DiscreteUniform& d, Rng& rng) {
  boost::random::uniform_int_distribution<std::int64_t> u(static_cast<std::int64_t>(d.lo),
                                                           static_cast<std::int64_t>(d.hi));
  return static_cast<double>(u(rng.engine()));
}

double mean(const DiscreteUniform& d) { return 0.5 * (d.lo + d.hi); }
double variance(const DiscreteUniform& d) {
  const double m = d.hi - d.lo + 1.0;
  return (m * m - 1.0) / 12.0;
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials discrete_uniform_partials(const double* p, double x) {
  Partials t;
  if (!grad::is_integer(x) || x < p[0] || x > p[1]) return t;
  t.lp = -std::log(p[1] - p[0] + 1);
  return t;
}

const DistOps& discrete_uniform_ops() {
  static const DistOps ops = scalar_ops<DiscreteUniform>(&discrete_uniform_partials);
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
