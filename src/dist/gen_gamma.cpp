// Generalized gamma distribution (r, lambda, b), JAGS's dgen.gamma: (lambda x)^b ~
// gamma(r, 1). Distribution function and draws through that gamma.
#include "alea/dist/gen_gamma.hpp"

#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <limits>

#include "cdf_detail.hpp"
#include "partials_detail.hpp"
#include "scalar_adapter.hpp"
#include "variates.hpp"

namespace alea::dist {

std::string check(const GenGamma& d) {
  if (auto why = check_positive_finite("shape parameter r", d.r); !why.empty()) return why;
  if (auto why = check_positive_finite("rate parameter lambda", d.lambda); !why.empty()) return why;
  return check_positive_finite("power parameter b", d.b);
}

// log f = log b + b r log(lambda x) - log x - (lambda x)^b - lgamma(r): the powers of
// lambda and x taken together, so that a large b r does not overflow either alone.
double logpdf(const GenGamma& d, double x) {
  if (std::isnan(x) || x < 0 || std::isinf(x)) return kNegInf;
  const double br = d.b * d.r;
  if (x == 0) {
    if (br == 1) return std::log(d.b) + std::log(d.lambda) - std::lgamma(d.r);
    return br < 1 ? kInf : kNegInf;
  }
  const double log_y = std::log(d.lambda) + std::log(x);  // log(lambda x), without overflow
  return std::log(d.b) + br * log_y - std::log(x) - std::exp(d.b * log_y) - std::lgamma(d.r);
}

double draw(const GenGamma& d, Rng& rng) { return std::pow(detail::std_gamma(d.r, rng), 1 / d.b) / d.lambda; }

// E[x^k] = Gamma(r + k / b) / (Gamma(r) lambda^k).
double mean(const GenGamma& d) { return std::exp(std::lgamma(d.r + 1 / d.b) - std::lgamma(d.r)) / d.lambda; }
double variance(const GenGamma& d) {
  const double m1 = std::exp(std::lgamma(d.r + 1 / d.b) - std::lgamma(d.r));
  const double m2 = std::exp(std::lgamma(d.r + 2 / d.b) - std::lgamma(d.r));
  return (m2 - m1 * m1) / (d.lambda * d.lambda);
}

namespace detail {
// The log density with its partials (p: r, lambda, b), checked against finite
// differences in tests/infer/test_dist_gradient.cpp. With L = log(lambda x), y = e^(b L):
// d/dr = b L - digamma(r); d/dlambda = b (r - y) / lambda; d/db = 1 / b + (r - y) L;
// d/dx = (b (r - y) - 1) / x.
Partials gen_gamma_partials(const double* p, double x) {
  Partials t;
  if (!(x > 0) || std::isinf(x)) return t;
  const double r = p[0], lambda = p[1], b = p[2];
  const double L = std::log(lambda) + std::log(x), y = std::exp(b * L);
  t.lp = std::log(b) + b * r * L - std::log(x) - y - std::lgamma(r);
  t.dp[0] = b * L - grad::digamma(r);
  t.dp[1] = b * (r - y) / lambda;
  t.dp[2] = 1 / b + (r - y) * L;
  t.dx = (b * (r - y) - 1) / x;
  return t;
}

// P(r, (lambda x)^b) and its complement; the quantile inverts the gamma's.
double gen_gamma_cdf(const double* p, double x) {
  return x <= 0 ? 0 : boost::math::gamma_p(p[0], std::pow(p[1] * x, p[2]), CdfPolicy());
}
double gen_gamma_ccdf(const double* p, double x) {
  return x <= 0 ? 1 : boost::math::gamma_q(p[0], std::pow(p[1] * x, p[2]), CdfPolicy());
}
double gen_gamma_quantile(const double* p, double u) {
  return std::pow(boost::math::gamma_p_inv(p[0], u, CdfPolicy()), 1 / p[2]) / p[1];
}
double gen_gamma_cquantile(const double* p, double q) {
  return std::pow(boost::math::gamma_q_inv(p[0], q, CdfPolicy()), 1 / p[2]) / p[1];
}

const DistOps& gen_gamma_ops() {
  static const DistOps ops = [] {
    DistOps r = scalar_ops<GenGamma>(
        &gen_gamma_partials,
        BugsForm{"dgen.gamma", 3, {{{BugsConv::Arg, 0}, {BugsConv::Arg, 1}, {BugsConv::Arg, 2}}}});
    r.cdf = {&gen_gamma_cdf, &gen_gamma_ccdf, &gen_gamma_quantile, &gen_gamma_cquantile};
    return r;
  }();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
