// Normal distribution (mean, standard deviation).
#include "alea/dist/normal.hpp"

#include <cmath>

#include <boost/math/special_functions/erf.hpp>
#include <numbers>

#include "cdf_detail.hpp"
#include "partials_detail.hpp"
#include "scalar_adapter.hpp"

namespace alea::dist {

std::string check(const Normal& d) {
  auto why = check_finite("location parameter mu", d.mu);
  return why.empty() ? check_positive_finite("scale parameter sigma", d.sigma) : why;
}

double logpdf(const Normal& d, double x) {
  NormalTerms terms;
  return logpdf(d, x, terms);
}

double logpdf(const Normal& d, double x, NormalTerms& t) {
  if (std::isnan(x)) return kNegInf;
  constexpr double kHalfLog2Pi = 0.91893853320467274178;
  if (std::isnan(t.log_sigma)) t.log_sigma = std::log(d.sigma);
  const double z = (x - d.mu) / d.sigma;
  return -0.5 * z * z - t.log_sigma - kHalfLog2Pi;
}

// n observations: -sum (x - mu)^2 / (2 sigma^2) - n (log sigma + log(2 pi) / 2). A NaN
// or infinite x makes the sum NaN or +inf, and the result -inf, as per element.
double iid_logpdf(const Normal& d, const double* x, std::size_t n) {
  double ss = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double r = x[i] - d.mu;
    ss += r * r;
  }
  if (std::isnan(ss)) return kNegInf;
  constexpr double kHalfLog2Pi = 0.91893853320467274178;
  return -0.5 * ss / (d.sigma * d.sigma) - static_cast<double>(n) * (std::log(d.sigma) + kHalfLog2Pi);
}

double draw(const Normal& d, Rng& rng) { return d.mu + d.sigma * rng.std_normal(); }
double mean(const Normal& d) { return d.mu; }
double variance(const Normal& d) {
  return d.sigma * d.sigma;
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials normal_partials(const double* p, double x) {
  Partials t;
  const double s = p[1], z = (x - p[0]) / s;
  t.lp = -0.5 * z * z - std::log(s) - grad::kHalfLog2Pi;
  t.dp[0] = z / s, t.dp[1] = (z * z - 1) / s, t.dx = -z / s;
  return t;
}

// The distribution function through erfc, which keeps its digits in both tails.
double normal_cdf(const double* p, double x) { return 0.5 * std::erfc(-(x - p[0]) / (p[1] * std::numbers::sqrt2)); }
double normal_ccdf(const double* p, double x) { return 0.5 * std::erfc((x - p[0]) / (p[1] * std::numbers::sqrt2)); }
double normal_quantile(const double* p, double u) {
  return p[0] - p[1] * std::numbers::sqrt2 * boost::math::erfc_inv(2 * u, CdfPolicy());
}
double normal_cquantile(const double* p, double q) {
  return p[0] + p[1] * std::numbers::sqrt2 * boost::math::erfc_inv(2 * q, CdfPolicy());
}

const DistOps& normal_ops() {
  static const DistOps ops = [] {
    DistOps r = scalar_ops<Normal>(
        &normal_partials,
        BugsForm{"dnorm", 2, {{{BugsConv::Arg, 0}, {BugsConv::PrecisionToSd, 1}}}, {{{1, "precision tau"}}}});
    r.cdf = {&normal_cdf, &normal_ccdf, &normal_quantile, &normal_cquantile};
    return r;
  }();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
