// Poisson distribution: log mass by Loader's saddle-point form, draws by inversion
// (lambda < 25) and Hormann's transformed rejection with squeeze, PTRS (lambda >= 25).
#include "alea/dist/poisson.hpp"

#include <boost/math/special_functions/gamma.hpp>
#include <array>
#include <cmath>
#include <numbers>

#include "discrete_detail.hpp"
#include "cdf_detail.hpp"
#include "partials_detail.hpp"
#include "scalar_adapter.hpp"

namespace alea::dist {

namespace detail {

// Sequential search from 0: the expected number of steps is lambda + 1, so it wins
// below the crossover measured by tests/bench/bench_discrete_draws.
double poisson_draw_inversion(double lambda, Rng& rng) {
  double u = rng.uniform01();
  double k = 0.0;
  double pk = std::exp(-lambda);
  // Stop if the terms underflow: the cdf then stands within rounding of 1 and u above it.
  while (u > pk && pk > 0.0) {
    u -= pk;
    k += 1.0;
    pk *= lambda / k;
  }
  return k;
}

// W. Hormann (1993), "The transformed rejection method for generating Poisson random
// variables", Insurance: Mathematics and Economics 12: a hat from the inverse of a
// rational function, a box under it where acceptance is immediate (about 86% of
// draws at lambda = 10, more above), and otherwise an exact comparison with the pmf.
double poisson_draw_ptrs(double lambda, Rng& rng) {
  const double slam = std::sqrt(lambda);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double v_r = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = rng.uniform01() - 0.5;
    const double v = rng.uniform01();
    const double us = 0.5 - std::abs(u);
    const double k = std::floor((2.0 * a / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= v_r) return k;
    if (k < 0.0 || (us < 0.013 && v > us)) continue;
    // log pmf(k) = k log(lambda / k) + k - lambda - log(sqrt(2 pi k)) - stirlerr(k), with
    // log(lambda / k) as log1p so that its two large terms cancel without rounding
    // error of order k ulp. Loader's bd0 would also give the tiny values relative
    // accuracy, which a comparison with a uniform does not need, at several times the cost.
    const double log_pmf =
        k == 0.0 ? -lambda
                 : k * std::log1p((lambda - k) / k) + (k - lambda) - 0.5 * std::log(2.0 * std::numbers::pi * k) -
                       stirlerr_int(k);
    if (std::log(v * inv_alpha / (a / (us * us) + b)) <= log_pmf) return k;
  }
}

}  // namespace detail

namespace {
// Crossover measured by tests/bench/bench_discrete_draws (sweep, median of 3 runs):
// inversion 51 vs PTRS 101 ns at lambda = 10, 70 vs 84 at 20, 81 vs 78 at 25, 86 vs 72
// at 30. PTRS pays for the log-pmf test on 14% of its draws at lambda = 10, while
// inversion's cost grows only by about 1.5 ns per unit of lambda.
constexpr double kPtrsFrom = 25.0;
}  // namespace

std::string check(const Poisson& d) { return check_nonnegative_finite("rate parameter lambda", d.lambda); }

double logpdf(const Poisson& d, double x) {
  if (!(x >= 0.0) || x != std::floor(x) || std::isinf(x)) return kNegInf;
  if (d.lambda == 0.0) return x == 0.0 ? 0.0 : kNegInf;
  return detail::poisson_log_pmf_raw(x, d.lambda);
}

// n counts: sum x log(lambda) - log(x!) - n lambda, with log(x!) from a table below
// 1024 (there the terms are below 1e4 and the cancellation costs under 1e-12 of
// the result); larger counts take the accurate per-element form.
double iid_logpdf(const Poisson& d, const double* x, std::size_t n) {
  constexpr std::size_t kTable = 1024;
  static const std::array<double, kTable> log_factorial = [] {
    std::array<double, kTable> t{};
    for (std::size_t k = 1; k < kTable; ++k) t[k] = t[k - 1] + std::log(static_cast<double>(k));
    return t;
  }();
  if (d.lambda == 0.0) {
    for (std::size_t i = 0; i < n; ++i)
      if (x[i] != 0.0) return kNegInf;
    return 0.0;
  }
  const double log_lambda = std::log(d.lambda);
  double small = 0.0, large = 0.0;
  std::size_t n_small = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double xi = x[i];
    if (xi >= 0.0 && xi < static_cast<double>(kTable) && xi == std::floor(xi)) {
      small += xi * log_lambda - log_factorial[static_cast<std::size_t>(xi)];
      ++n_small;
    } else {
      const double t = logpdf(d, xi);
      if (t == kNegInf) return kNegInf;
      large += t;
    }
  }
  return small - static_cast<double>(n_small) * d.lambda + large;
}

double draw(const Poisson& d, Rng& rng) {
  if (d.lambda == 0.0) return 0.0;
  return d.lambda < kPtrsFrom ? detail::poisson_draw_inversion(d.lambda, rng) : detail::poisson_draw_ptrs(d.lambda, rng);
}

double mean(const Poisson& d) { return d.lambda; }
double variance(const Poisson& d) {
  return d.lambda;
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials poisson_partials(const double* p, double x) {
  Partials t;
  const double lam = p[0];
  if (!grad::is_integer(x) || x < 0) return t;
  t.lp = (x > 0 ? x * std::log(lam) : 0.0) - lam - std::lgamma(x + 1);
  t.dp[0] = x / lam - 1;
  return t;
}

// Sufficient statistics of observed counts with a scalar lambda: {n, S = sum x,
// -sum lgamma(x + 1)}: lp = S log lambda - n lambda - sum lgamma(x + 1),
// d/dlambda = S / lambda - n.
// With one rate per count (a Poisson regression's), only the constant -sum log x! is
// folded: {-1 (this layout), the constant, x_1, ...}.
bool poisson_fold(std::span<const ArrayView> p, std::span<const bool>, ArrayView x,
                  std::vector<double>& stats) {
  const bool per_count = p[0].n == x.n && x.n > 1;
  if (p[0].n != 1 && !per_count) return false;
  double s = 0.0, constant = 0.0;
  for (std::size_t i = 0; i < x.n; ++i) {
    if (!grad::is_integer(x[i]) || x[i] < 0) return false;
    s += x[i];
    constant -= std::lgamma(x[i] + 1.0);
  }
  if (per_count) {
    stats = {-1.0, constant};
    stats.insert(stats.end(), x.data, x.data + x.n);
    return true;
  }
  stats = {static_cast<double>(x.n), s, constant};
  return true;
}

double poisson_stats_partials(std::span<const double> st, std::span<const ArrayView> p,
                              std::span<double* const> dp) {
  if (st[0] < 0) {  // one rate per count
    double lp = st[1];
    for (std::size_t i = 0; i + 2 < st.size(); ++i) {
      const double x = st[2 + i], lam = p[0][i];
      if (!(lam > 0) || !std::isfinite(lam)) return kNegInf;
      if (dp[0]) dp[0][i] += x / lam - 1;
      lp += (x > 0 ? x * std::log(lam) : 0.0) - lam;
    }
    return lp;
  }
  const double n = st[0], s = st[1], lam = p[0][0];
  if (!(lam > 0) || !std::isfinite(lam)) return kNegInf;
  if (dp[0]) dp[0][0] += s / lam - n;
  return (s > 0 ? s * std::log(lam) : 0.0) - n * lam + st[2];
}

// P(X <= k) = Q(k + 1, lambda), the regularized upper incomplete gamma function, for
// an integer k >= 0 (truncation's inversion searches the integers, so no quantile).
double poisson_cdf(const double* p, double k) { return boost::math::gamma_q(k + 1, p[0], CdfPolicy()); }
double poisson_ccdf(const double* p, double k) { return boost::math::gamma_p(k + 1, p[0], CdfPolicy()); }

const DistOps& poisson_ops() {
  static const DistOps ops = [] {
    DistOps r = with_cdf(scalar_ops<Poisson>(&poisson_partials, BugsForm{"dpois", 1, {{{BugsConv::Arg, 0}}}}),
                         {&poisson_cdf, &poisson_ccdf});
    r.fold_stats = &poisson_fold;
    r.stats_partials = &poisson_stats_partials;
    return r;
  }();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
