// Weibull distribution (shape k, scale lambda).
#include "alea/dist/weibull.hpp"

#include <cmath>

#include "partials_detail.hpp"
#include "scalar_adapter.hpp"
#include "variates.hpp"

namespace alea::dist {

std::string check(const Weibull& d) {
  auto why = check_positive_finite("shape parameter k", d.k);
  return why.empty() ? check_positive_finite("scale parameter lambda", d.lambda) : why;
}

double logpdf(const Weibull& d, double x) {
  if (std::isnan(x) || x < 0 || std::isinf(x)) return kNegInf;
  if (x == 0) {
    if (d.k == 1) return -std::log(d.lambda);
    return d.k < 1 ? kInf : kNegInf;
  }
  const double z = x / d.lambda;
  // A subnormal z has lost significant bits: then its log is taken apart.
  const double log_z = (z >= kMinNormal && std::isfinite(z)) ? std::log(z) : std::log(x) - std::log(d.lambda);
  return std::log(d.k) - std::log(d.lambda) + (d.k - 1) * log_z - std::exp(d.k * log_z);
}

// Inversion: lambda (-log U)^(1/k).
double draw(const Weibull& d, Rng& rng) { return d.lambda * std::pow(detail::std_exponential(rng), 1.0 / d.k); }

double mean(const Weibull& d) { return d.lambda * std::exp(std::lgamma(1.0 + 1.0 / d.k)); }

// lambda^2 (G(1 + 2/k) - G(1 + 1/k)^2) = m^2 expm1(L) with m the mean and
// L = lgamma(1 + 2/k) - 2 lgamma(1 + 1/k). For large k the plain difference cancels, and
// even L from lgamma loses digits because 1 + 1/k is rounded; there L comes from the
// series lgamma(1 + e) = -gamma e + sum_{n>=2} (-1)^n zeta(n) e^n / n, whose e^1 terms cancel.
double variance(const Weibull& d) {
  const double e = 1.0 / d.k;
  double log_ratio;
  if (d.k >= 100) {
    static constexpr double kZeta[] = {1.6449340668482264, 1.2020569031595943, 1.0823232337111382,
                                       1.0369277551433699, 1.0173430619844491, 1.0083492773819228,
                                       1.0040773561979443, 1.0020083928260822, 1.0009945751278181};
    log_ratio = 0;
    double power = e;  // e^n
    double two_n = 2;  // 2^n
    for (int n = 2; n <= 10; ++n) {
      power *= e;
      two_n *= 2;
      const double sign = n % 2 == 0 ? 1.0 : -1.0;
      log_ratio += sign * kZeta[n - 2] / n * (two_n - 2) * power;
    }
  } else {
    log_ratio = std::lgamma(1.0 + 2.0 * e) - 2.0 * std::lgamma(1.0 + e);
  }
  const double m = mean(d);
  return m * m * std::expm1(log_ratio);
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials weibull_partials(const double* p, double x) {
  Partials t;
  if (x <= 0 || std::isinf(x)) return t;
  const double kk = p[0], lam = p[1], lz = std::log(x) - std::log(lam), pw = std::exp(kk * lz);
  t.lp = std::log(kk) - std::log(lam) + (kk - 1) * lz - pw;
  t.dp[0] = 1 / kk + lz - pw * lz, t.dp[1] = kk * (pw - 1) / lam, t.dx = (kk - 1 - kk * pw) / x;
  return t;
}

double weibull_cdf(const double* p, double x) { return x <= 0 ? 0 : -std::expm1(-std::pow(x / p[1], p[0])); }
double weibull_ccdf(const double* p, double x) { return x <= 0 ? 1 : std::exp(-std::pow(x / p[1], p[0])); }
double weibull_quantile(const double* p, double u) { return p[1] * std::pow(-std::log1p(-u), 1 / p[0]); }
double weibull_cquantile(const double* p, double q) { return p[1] * std::pow(-std::log(q), 1 / p[0]); }

const DistOps& weibull_ops() {
  static const DistOps ops =
      with_cdf(scalar_ops<Weibull>(&weibull_partials, BugsForm{"dweib",
                                                      2,
                                                      {{{BugsConv::Arg, 0}, {BugsConv::WeibullScale, 1, 0}}},
                                                      {{{0, "shape v"}, {1, "rate lambda"}}}}), {&weibull_cdf, &weibull_ccdf, &weibull_quantile, &weibull_cquantile});
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
