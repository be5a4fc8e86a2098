// Binomial distribution: log mass by Loader's saddle-point form, draws by inversion
// (n min(p, 1 - p) < 10) and Hormann's BTRS rejection otherwise.
#include "alea/dist/binomial.hpp"

#include <cmath>

#include "discrete_detail.hpp"
#include "scalar_adapter.hpp"

namespace alea::dist {
namespace {

// Inversion by the recurrence f(k) = f(k - 1) (n - k + 1)/k * p/q from f(0) = q^n,
// for p <= 1/2 and n p < 10, where f(0) >= e^-10 keeps the search short and safe.
double draw_inversion(double n, double p, Rng& rng) {
  const double q = 1.0 - p;
  const double s = p / q;
  const double a = (n + 1.0) * s;
  const double f0 = std::exp(n * std::log1p(-p));
  for (;;) {
    double u = rng.uniform01();
    double f = f0;
    double k = 0.0;
    while (u > f) {
      u -= f;
      k += 1.0;
      if (k > n) break;  // rounding left u above the total mass: draw u again
      f *= a / k - s;
    }
    if (k <= n) return k;
  }
}

// W. Hormann (1993), "The generation of binomial random variables", J. Statist. Comput.
// Simul. 46: transformed rejection with a box of immediate acceptance, for p <= 1/2
// and n p >= 10. The final test compares with the pmf ratio f(k)/f(m) at the mode m.
double draw_btrs(double n, double p, Rng& rng) {
  const double q = 1.0 - p;
  const double spq = std::sqrt(n * p * q);
  const double b = 1.15 + 2.53 * spq;
  const double a = -0.0873 + 0.0248 * b + 0.01 * p;
  const double c = n * p + 0.5;
  const double v_r = 0.92 - 4.2 / b;
  const double alpha = (2.83 + 5.1 / b) * spq;
  const double m = std::floor((n + 1.0) * p);
  const double log_fm = detail::binomial_log_pmf_raw(m, n, p, q);
  for (;;) {
    const double u = rng.uniform01() - 0.5;
    const double v = rng.uniform01();
    const double us = 0.5 - std::abs(u);
    const double k = std::floor((2.0 * a / us + b) * u + c);
    if (k < 0.0 || k > n) continue;
    if (us >= 0.07 && v <= v_r) return k;
    if (std::log(v * alpha / (a / (us * us) + b)) <= detail::binomial_log_pmf_raw(k, n, p, q) - log_fm) return k;
  }
}

}  // namespace

std::string check(const Binomial& d) {
  auto why = check_nonnegative_integer("number of trials n", d.n);
  return why.empty() ? check_probability("probability parameter p", d.p) : why;
}

double logpdf(const Binomial& d, double x) {
  if (!(x >= 0.0 && x <= d.n) || x != std::floor(x)) return kNegInf;
  return detail::binomial_log_pmf_raw(x, d.n, d.p, 1.0 - d.p);
}

double draw(const Binomial& d, Rng& rng) {
  if (d.n == 0.0 || d.p == 0.0) return 0.0;
  if (d.p == 1.0) return d.n;
  // By symmetry draw with the smaller of p and 1 - p (1 - p is exact for p >= 1/2).
  const bool flip = d.p > 0.5;
  const double p = flip ? 1.0 - d.p : d.p;
  const double k = d.n * p < 10.0 ? draw_inversion(d.n, p, rng) : draw_btrs(d.n, p, rng);
  return flip ? d.n - k : k;
}

double mean(const Binomial& d) { return d.n * d.p; }
double variance(const Binomial& d) { return d.n * d.p * (1.0 - d.p); }
Support support(const Binomial& d) { return {0.0, d.n, true}; }

namespace detail {
const DistOps& binomial_ops() {
  static const DistOps ops = scalar_ops<Binomial>();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
