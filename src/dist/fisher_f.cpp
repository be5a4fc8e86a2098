// F distribution (n, m): log density in closed form, distribution function from
// Boost.Math's fisher_f, draws as a ratio of two gamma draws.
#include "alea/dist/fisher_f.hpp"

#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>
#include <limits>

#include "cdf_detail.hpp"
#include "partials_detail.hpp"
#include "scalar_adapter.hpp"
#include "variates.hpp"

namespace alea::dist {

std::string check(const FisherF& d) {
  auto why = check_positive_finite("numerator degrees of freedom n", d.n);
  return why.empty() ? check_positive_finite("denominator degrees of freedom m", d.m) : why;
}

// log f = lgamma((n + m) / 2) - lgamma(n / 2) - lgamma(m / 2) + (n / 2) log(n / m)
//         + (n / 2 - 1) log x - ((n + m) / 2) log(1 + n x / m)
double logpdf(const FisherF& d, double x) {
  if (std::isnan(x) || x < 0 || std::isinf(x)) return kNegInf;
  const double a = 0.5 * d.n, b = 0.5 * d.m;
  const double norm = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(d.n / d.m);
  if (x == 0) return a < 1 ? kInf : (a == 1 ? norm : kNegInf);
  return norm + (a - 1) * std::log(x) - (a + b) * std::log1p(d.n * x / d.m);
}

// (G1 / n) / (G2 / m) with G1 ~ gamma(n / 2), G2 ~ gamma(m / 2): the factors of 2 cancel.
double draw(const FisherF& d, Rng& rng) {
  const double g1 = detail::std_gamma(0.5 * d.n, rng), g2 = detail::std_gamma(0.5 * d.m, rng);
  return (g1 * d.m) / (g2 * d.n);
}

double mean(const FisherF& d) { return d.m > 2 ? d.m / (d.m - 2) : kInf; }
double variance(const FisherF& d) {
  if (d.m <= 2) return std::numeric_limits<double>::quiet_NaN();
  if (d.m <= 4) return kInf;
  const double m2 = d.m - 2;
  return 2 * d.m * d.m * (d.n + d.m - 2) / (d.n * m2 * m2 * (d.m - 4));
}

namespace detail {
// The log density with its partials (p: n, m), checked against finite differences in
// tests/infer/test_dist_gradient.cpp. With a = n / 2, b = m / 2, t = n x / m.
Partials fisher_f_partials(const double* p, double x) {
  Partials r;
  if (!(x > 0) || std::isinf(x)) return r;
  const double n = p[0], m = p[1], a = 0.5 * n, b = 0.5 * m;
  const double t = n * x / m, log1pt = std::log1p(t), psi_ab = grad::digamma(a + b);
  r.lp = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(n / m) + (a - 1) * std::log(x) -
         (a + b) * log1pt;
  r.dp[0] = 0.5 * (psi_ab - grad::digamma(a) + std::log(n / m) + 1 + std::log(x) - log1pt) -
            (a + b) * (x / m) / (1 + t);
  r.dp[1] = 0.5 * (psi_ab - grad::digamma(b) - log1pt) - a / m + (a + b) * (t / m) / (1 + t);
  r.dx = (a - 1) / x - (a + b) * (n / m) / (1 + t);
  return r;
}

using Boost = boost::math::fisher_f_distribution<double, CdfPolicy>;
double fisher_f_cdf(const double* p, double x) { return x <= 0 ? 0 : boost::math::cdf(Boost(p[0], p[1]), x); }
double fisher_f_ccdf(const double* p, double x) {
  return x <= 0 ? 1 : boost::math::cdf(boost::math::complement(Boost(p[0], p[1]), x));
}
// With z ~ beta(n / 2, m / 2), x = m z / (n (1 - z)); the inverses give z and 1 - z
// both, so that neither is taken as a difference.
double fisher_f_from_beta(const double* p, double z, double one_minus_z) {
  return p[1] * z / (p[0] * one_minus_z);
}
double fisher_f_quantile(const double* p, double u) {
  if (u <= 0) return u == 0 ? 0 : std::numeric_limits<double>::quiet_NaN();
  double rest = 0;
  const double z = boost::math::ibeta_inv(0.5 * p[0], 0.5 * p[1], u, &rest, CdfPolicy());
  return fisher_f_from_beta(p, z, rest);
}
double fisher_f_cquantile(const double* p, double q) {
  if (q >= 1) return q == 1 ? 0 : std::numeric_limits<double>::quiet_NaN();
  double rest = 0;
  const double z = boost::math::ibetac_inv(0.5 * p[0], 0.5 * p[1], q, &rest, CdfPolicy());
  return fisher_f_from_beta(p, z, rest);
}

const DistOps& fisher_f_ops() {
  static const DistOps ops = [] {
    DistOps r = scalar_ops<FisherF>(&fisher_f_partials, BugsForm{"df", 2, {{{BugsConv::Arg, 0}, {BugsConv::Arg, 1}}}});
    r.cdf = {&fisher_f_cdf, &fisher_f_ccdf, &fisher_f_quantile, &fisher_f_cquantile};
    return r;
  }();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
