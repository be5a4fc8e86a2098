// Student's t distribution (degrees of freedom, location, scale).
#include "alea/dist/student_t.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <numbers>

#include "log_density_terms.hpp"
#include "cdf_detail.hpp"
#include "partials_detail.hpp"
#include "scalar_adapter.hpp"
#include "variates.hpp"

namespace alea::dist {
namespace {

// lgamma(h + 1/2) - lgamma(h). For large h the two lgammas are huge and cancel, so
// there the asymptotic expansion from Stirling's series with Bernoulli polynomials
// takes over; at h >= 30 its first omitted term is below 1e-16.
double lgamma_half_step(double h) {
  if (h < 30.0) return std::lgamma(h + 0.5) - std::lgamma(h);
  const double r = 1.0 / h, r2 = r * r;
  return 0.5 * std::log(h) - r * (1.0 / 8 - r2 * (1.0 / 192 - r2 * (1.0 / 640 - r2 * (17.0 / 14336))));
}

}  // namespace

std::string check(const StudentT& d) {
  auto why = check_positive_finite("degrees of freedom nu", d.nu);
  if (why.empty()) why = check_finite("location parameter mu", d.mu);
  return why.empty() ? check_positive_finite("scale parameter sigma", d.sigma) : why;
}

double logpdf(const StudentT& d, double x) {
  if (std::isnan(x) || std::isinf(x)) return kNegInf;
  const double z = (x - d.mu) / d.sigma;
  return lgamma_half_step(0.5 * d.nu) - 0.5 * std::log(d.nu * std::numbers::pi) - std::log(d.sigma) -
         0.5 * (d.nu + 1.0) * std::log1p(z * z / d.nu);
}

// Z / sqrt(V / nu) with V ~ chi-squared(nu) = 2 gamma(nu / 2).
double draw(const StudentT& d, Rng& rng) {
  const double v = 2.0 * detail::std_gamma(0.5 * d.nu, rng);
  return d.mu + d.sigma * rng.std_normal() * std::sqrt(d.nu / v);
}

double mean(const StudentT& d) { return d.nu > 1 ? d.mu : std::numeric_limits<double>::quiet_NaN(); }

double variance(const StudentT& d) {
  if (d.nu > 2) return d.sigma * d.sigma * d.nu / (d.nu - 2.0);
  return d.nu > 1 ? kInf : std::numeric_limits<double>::quiet_NaN();
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials student_t_partials(const double* p, double x) {
  Partials t;
  const double nu = p[0], s = p[2], z = (x - p[1]) / s, q = nu + z * z;
  t.lp = std::lgamma(0.5 * (nu + 1)) - std::lgamma(0.5 * nu) - 0.5 * std::log(nu * std::numbers::pi) -
         std::log(s) - 0.5 * (nu + 1) * std::log1p(z * z / nu);
  t.dx = -(nu + 1) * z / (s * q);
  t.dp[1] = -t.dx;
  t.dp[2] = -1 / s + (nu + 1) * z * z / (s * q);
  t.dp[0] =
      0.5 * (grad::digamma(0.5 * (nu + 1)) - grad::digamma(0.5 * nu) - 1 / nu - std::log1p(z * z / nu)) +
      0.5 * (nu + 1) * z * z / (nu * q);
  return t;
}

// Boost's Student t on the standardized value (x - mu) / sigma.
boost::math::students_t_distribution<double, CdfPolicy> standard_t(const double* p) {
  return boost::math::students_t_distribution<double, CdfPolicy>(p[0]);
}
double student_t_cdf(const double* p, double x) { return boost::math::cdf(standard_t(p), (x - p[1]) / p[2]); }
double student_t_ccdf(const double* p, double x) {
  return boost::math::cdf(boost::math::complement(standard_t(p), (x - p[1]) / p[2]));
}
double student_t_quantile(const double* p, double u) { return p[1] + p[2] * boost::math::quantile(standard_t(p), u); }
double student_t_cquantile(const double* p, double q) {
  return p[1] + p[2] * boost::math::quantile(boost::math::complement(standard_t(p), q));
}

const DistOps& student_t_ops() {
  static const DistOps ops = with_cdf(scalar_ops<StudentT>(
      &student_t_partials, BugsForm{"dt",
                                    3,
                                    {{{BugsConv::Arg, 2}, {BugsConv::Arg, 0}, {BugsConv::PrecisionToSd, 1}}},
                                    {{{1, "precision tau"}}}}), {&student_t_cdf, &student_t_ccdf, &student_t_quantile, &student_t_cquantile});
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
