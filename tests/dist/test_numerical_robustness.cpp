// Numerical robustness of the log densities: at extreme parameters (shapes 1e-8..1e8,
// rates and scales 1e-300..1e300, counts up to 1e9) and at values at and near the edges
// of the support, every distribution with a Boost.Math counterpart gives a finite log
// density wherever the true one is finite, and agrees with the log of Boost.Math's pdf
// computed in long double.
//
// Why long double: its exponent reaches 1e-4951, so Boost's pdf does not underflow at
// points where the double pdf is 0 and alea must work in log space (log pdf down to
// about -11,000); its 64-bit significand makes the reference 2,048 times finer than a
// double. Tolerance: alea's inputs are exact doubles, so its only error is evaluation.
// A log density is a sum of a handful of terms (logs, lgamma, products), each within
// a few ulp of itself; with the large terms rearranged so they do not cancel
// (deviance and Stirling-error forms), the absolute error stays within a few hundred
// ulp of max(1, |log p|). We allow 1e-12 x (1 + |log p|), about 4,500 ulp: loose
// enough for every correct evaluation, and a million times tighter than the error
// of a naive lgamma(a) - a log(y) form at a = 1e8 (1e-7 absolute), which it must catch.
#include <boost/math/distributions.hpp>
#include <catch2/catch.hpp>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "alea/dist/bernoulli.hpp"
#include "alea/dist/beta.hpp"
#include "alea/dist/binomial.hpp"
#include "alea/dist/cauchy.hpp"
#include "alea/dist/chi_squared.hpp"
#include "alea/dist/exponential.hpp"
#include "alea/dist/gamma.hpp"
#include "alea/dist/geometric.hpp"
#include "alea/dist/half_normal.hpp"
#include "alea/dist/inverse_gamma.hpp"
#include "alea/dist/laplace.hpp"
#include "alea/dist/logistic.hpp"
#include "alea/dist/lognormal.hpp"
#include "alea/dist/negative_binomial.hpp"
#include "alea/dist/normal.hpp"
#include "alea/dist/pareto.hpp"
#include "alea/dist/poisson.hpp"
#include "alea/dist/student_t.hpp"
#include "alea/dist/uniform.hpp"
#include "alea/dist/weibull.hpp"

using namespace alea;
using namespace alea::dist;
namespace bm = boost::math;

namespace {

using LD = long double;
// Boost reports under- and overflow by value, not by exception: the test decides.
using Quiet = bm::policies::policy<bm::policies::overflow_error<bm::policies::ignore_error>,
                                   bm::policies::underflow_error<bm::policies::ignore_error>,
                                   bm::policies::denorm_error<bm::policies::ignore_error>,
                                   bm::policies::evaluation_error<bm::policies::ignore_error>,
                                   bm::policies::domain_error<bm::policies::ignore_error>>;

constexpr double kTol = 1e-12;

struct Tally {
  int compared = 0, finite_only = 0;
};

// The sensitivity |x d/dx log p(x)|, by a central difference of Boost's long double
// log pdf (one-sided at an edge of the support): rounding x's neighbourhood by one ulp,
// which any double evaluation does (log(x), x / scale), moves log p by eps times it.
LD sensitivity(const std::function<LD(LD)>& pdf, double x) {
  const LD d = 1e-9L, lx = std::log(pdf(LD(x)));
  const LD up = pdf(LD(x) * (1 + d)), down = pdf(LD(x) * (1 - d));
  const bool has_up = up > 0 && std::isfinite(up), has_down = down > 0 && std::isfinite(down);
  if (has_up && has_down) return std::abs(std::log(up) - std::log(down)) / (2 * d);
  if (has_up) return std::abs(std::log(up) - lx) / d;
  if (has_down) return std::abs(lx - std::log(down)) / d;
  return 0;
}

// One point: x inside the support, where the true log density is finite. alea's value
// must be finite, and equal log(Boost's long double pdf) where that pdf is a normal
// number, within 1e-12 (1 + |log p|) plus 32 eps |x d/dx log p| (the conditioning of
// log p in x; not for counts, which are exact).
struct Where {
  std::string text;
  double x;
};

void check_point(const Where& w, double got, const std::function<LD(LD)>& boost_pdf, Tally& t,
                 bool continuous = true) {
  char shown[64];
  std::snprintf(shown, sizeof shown, "%.17g", got);
  INFO(w.text << ": alea " << shown);
  REQUIRE(std::isfinite(got));
  const LD pdf = boost_pdf(LD(w.x));
  if (!(pdf >= std::numeric_limits<LD>::min() && pdf <= std::numeric_limits<LD>::max())) {
    ++t.finite_only;
    return;
  }
  const double expected = static_cast<double>(std::log(pdf));
  const double kappa = continuous ? static_cast<double>(sensitivity(boost_pdf, w.x)) : 0.0;
  std::snprintf(shown, sizeof shown, "%.17g", expected);
  INFO("log(Boost pdf) = " << shown << ", |x d/dx log p| = " << kappa);
  CHECK(std::abs(got - expected) <= kTol * (1 + std::abs(expected)) + 32 * DBL_EPSILON * kappa);
  ++t.compared;
}

Where at(const std::string& name, std::initializer_list<double> params, double x) {
  std::string s = name + "(";
  char buf[64];
  for (const double* p = params.begin(); p != params.end(); ++p) {
    std::snprintf(buf, sizeof buf, "%s%.17g", p == params.begin() ? "" : ", ", *p);
    s += buf;
  }
  std::snprintf(buf, sizeof buf, ") at x = %.17g", x);
  return {s + buf, x};
}

const std::vector<double> kShapes{1e-8, 1e-4, 0.5, 1.0, 3.0, 1e4, 1e8};
const std::vector<double> kScales{1e-300, 1e-100, 1e-8, 1.0, 1e8, 1e100, 1e300};

// Values relative to a typical point m of the distribution: from far below to far above.
std::vector<double> around(double m) {
  std::vector<double> xs;
  for (double f : {1e-300, 1e-100, 1e-10, 1e-3, 0.5, 1.0, 1.0 + 1e-12, 2.0, 1e3, 1e10})
    if (std::isfinite(m * f) && m * f > 0) xs.push_back(m * f);
  xs.push_back(std::nextafter(0.0, 1.0) * 4);  // just above the edge at 0 (subnormal)
  xs.push_back(DBL_MIN);
  return xs;
}

}  // namespace

TEST_CASE("robustness: gamma, exponential, chi-squared and inverse gamma at extreme shapes and rates",
          "[dist][robustness]") {
  Tally t;
  for (double a : kShapes)
    for (double rate : kScales) {
      const Gamma g{a, rate};
      for (double x : around(a / rate)) {
        check_point(at("gamma", {a, rate}, x), logpdf(g, x),
                    [&](LD v) { return bm::pdf(bm::gamma_distribution<LD, Quiet>(a, 1.0L / rate), v); }, t);
        const InverseGamma ig{a, rate};
        const double y = rate / a * (x * rate / a);  // values around scale / shape
        // Past scale / y = 1e300 the true log density is below -1e300: -inf in double.
        if (y > 0 && std::isfinite(y) && rate / y < 1e300)
          check_point(at("inv_gamma", {a, rate}, y), logpdf(ig, y),
                      [&](LD v) { return bm::pdf(bm::inverse_gamma_distribution<LD, Quiet>(a, rate), v); }, t);
      }
    }
  for (double rate : kScales)
    for (double x : around(1 / rate))
      check_point(at("exponential", {rate}, x), logpdf(Exponential{rate}, x),
                  [&](LD v) { return bm::pdf(bm::exponential_distribution<LD, Quiet>(rate), v); }, t);
  for (double nu : {1e-8, 1e-3, 1.0, 2.0, 7.5, 1e6, 1e9})
    for (double x : around(nu))
      check_point(at("chi_squared", {nu}, x), logpdf(ChiSquared{nu}, x),
                  [&](LD v) { return bm::pdf(bm::chi_squared_distribution<LD, Quiet>(nu), v); }, t);
  INFO("compared " << t.compared << ", finite only " << t.finite_only);
  CHECK(t.compared > 600);
}

TEST_CASE("robustness: beta at extreme shapes and at the edges 0 and 1", "[dist][robustness]") {
  Tally t;
  const std::vector<double> xs{1e-300, 1e-100, 1e-12, 1e-3, 0.25, 0.5, 0.75, 1 - 1e-3, 1 - 1e-12,
                               std::nextafter(1.0, 0.0)};
  for (double a : kShapes)
    for (double b : kShapes)
      for (double x : xs)
        check_point(at("beta", {a, b}, x), logpdf(Beta{a, b}, x),
                    [&](LD v) { return bm::pdf(bm::beta_distribution<LD, Quiet>(a, b), v); }, t);
  INFO("compared " << t.compared << ", finite only " << t.finite_only);
  CHECK(t.compared > 300);
}

TEST_CASE("robustness: location-scale families at extreme scales and far tails", "[dist][robustness]") {
  Tally t;
  for (double s : kScales)
    for (double mu : {0.0, -3.0, 1e10})
      for (double z : {0.0, 1e-8, 1.0, -2.5, 10.0, 40.0, -100.0, 1e4}) {
        const double x = mu + z * s;
        if (!std::isfinite(x)) continue;
        check_point(at("normal", {mu, s}, x), logpdf(Normal{mu, s}, x),
                    [&](LD v) { return bm::pdf(bm::normal_distribution<LD, Quiet>(mu, s), v); }, t);
        check_point(at("cauchy", {mu, s}, x), logpdf(Cauchy{mu, s}, x),
                    [&](LD v) { return bm::pdf(bm::cauchy_distribution<LD, Quiet>(mu, s), v); }, t);
        check_point(at("laplace", {mu, s}, x), logpdf(Laplace{mu, s}, x),
                    [&](LD v) { return bm::pdf(bm::laplace_distribution<LD, Quiet>(mu, s), v); }, t);
        check_point(at("logistic", {mu, s}, x), logpdf(Logistic{mu, s}, x),
                    [&](LD v) { return bm::pdf(bm::logistic_distribution<LD, Quiet>(mu, s), v); }, t);
        for (double nu : {1e-3, 1.0, 4.5, 1e8}) {
          // Boost's t is standard: the density of mu + s T is pdf((x - mu) / s) / s.
          check_point(at("student_t", {nu, mu, s}, x), logpdf(StudentT{nu, mu, s}, x),
                      [&](LD v) { return bm::pdf(bm::students_t_distribution<LD, Quiet>(nu), (v - LD(mu)) / LD(s)) / LD(s); }, t);
        }
        if (mu == 0 && z >= 0)
          check_point(at("half_normal", {s}, x), logpdf(HalfNormal{s}, x),
                      [&](LD v) { return 2 * bm::pdf(bm::normal_distribution<LD, Quiet>(0, s), v); }, t);
      }
  INFO("compared " << t.compared << ", finite only " << t.finite_only);
  CHECK(t.compared > 800);
}

TEST_CASE("robustness: lognormal, weibull, pareto and uniform at extreme parameters", "[dist][robustness]") {
  Tally t;
  for (double mu : {-500.0, -3.0, 0.0, 600.0})
    for (double s : {1e-8, 0.1, 1.0, 30.0})
      for (double z : {-30.0, -1.0, 0.0, 1e-9, 2.0, 15.0}) {
        const double x = std::exp(mu + z * s);
        if (!(x > 0) || !std::isfinite(x)) continue;
        check_point(at("lognormal", {mu, s}, x), logpdf(LogNormal{mu, s}, x),
                    [&](LD v) { return bm::pdf(bm::lognormal_distribution<LD, Quiet>(mu, s), v); }, t);
      }
  for (double k : {1e-3, 0.5, 1.0, 3.0, 1e3})
    for (double lambda : kScales)
      for (double x : around(lambda))
        // Past (x / lambda)^k = 1e300 the true log density is below -1e300: -inf in double.
        if (std::pow(x / lambda, k) < 1e300)
          check_point(at("weibull", {k, lambda}, x), logpdf(Weibull{k, lambda}, x),
                    [&](LD v) { return bm::pdf(bm::weibull_distribution<LD, Quiet>(k, lambda), v); }, t);
  for (double xm : {1e-300, 1e-8, 1.0, 1e100})
    for (double alpha : {1e-8, 0.5, 3.0, 1e8})
      for (double f : {1.0, 1.0 + 1e-15, 1.0 + 1e-8, 2.0, 1e10, 1e100})
        if (std::isfinite(xm * f))
          check_point(at("pareto", {xm, alpha}, xm * f), logpdf(Pareto{xm, alpha}, xm * f),
                      [&](LD v) { return bm::pdf(bm::pareto_distribution<LD, Quiet>(xm, alpha), v); }, t);
  for (double lo : {-1e300, -1.0, 0.0, 1e-300})
    for (double w : {1e-300, 1e-8, 1.0, 1e300}) {
      const double hi = lo + w;
      if (!(hi > lo) || !std::isfinite(hi)) continue;
      for (double x : {lo, hi, lo + (hi - lo) / 2})
        check_point(at("uniform", {lo, hi}, x), logpdf(Uniform{lo, hi}, x),
                    [&](LD v) { return bm::pdf(bm::uniform_distribution<LD, Quiet>(lo, hi), v); }, t);
    }
  INFO("compared " << t.compared << ", finite only " << t.finite_only);
  CHECK(t.compared > 300);
}

TEST_CASE("robustness: discrete distributions with counts up to 1e9 and probabilities at the edges",
          "[dist][robustness]") {
  Tally t;
  for (double lambda : {1e-300, 1e-8, 0.5, 30.0, 1e4, 1e9})
    for (double k : {0.0, 1.0, 2.0, std::floor(lambda), std::floor(lambda) + 1, std::floor(lambda * 1.01) + 3,
                     std::floor(lambda / 2), 1e3, 1e9})
      check_point(at("poisson", {lambda}, k), logpdf(Poisson{lambda}, k),
                  [&](LD v) { return bm::pdf(bm::poisson_distribution<LD, Quiet>(lambda), v); }, t, false);
  const std::vector<double> ps{1e-300, 1e-12, 1e-3, 0.3, 0.5, 1 - 1e-9, std::nextafter(1.0, 0.0)};
  // Boost's long double binomial pdf is itself off by about 4e-9 (relative) at n = 1e9
  // (at k = 0, p = 1e-12 it gives -0.000999999996, where n log1p(-p) is
  // -0.0010000000000005), and at n = 1e6, p = 1 - 1e-9, k = n - 1 the two differ by
  // 2e-12 (relative; not resolved which is right), so it is the reference up to n = 1e4;
  // the closed forms at k = 0 and k = n cover n = 1e9 below.
  for (double n : {1.0, 10.0, 1e2, 1e4})
    for (double p : ps)
      for (double k : {0.0, 1.0, std::floor(n * p), std::floor(n / 2), n - 1, n}) {
        if (k < 0 || k > n) continue;
        check_point(at("binomial", {n, p}, k), logpdf(Binomial{n, p}, k),
                    [&](LD v) { return bm::pdf(bm::binomial_distribution<LD, Quiet>(n, p), v); }, t, false);
      }
  for (double p : ps) {
    for (double k : {0.0, 1.0})
      check_point(at("bernoulli", {p}, k), logpdf(Bernoulli{p}, k),
                  [&](LD v) { return bm::pdf(bm::bernoulli_distribution<LD, Quiet>(p), v); }, t, false);
    for (double k : {0.0, 1.0, 1e3, 1e9})
      check_point(at("geometric", {p}, k), logpdf(Geometric{p}, k),
                  [&](LD v) { return bm::pdf(bm::geometric_distribution<LD, Quiet>(p), v); }, t, false);
    for (double r : {1e-8, 0.5, 3.0, 1e4, 1e6})
      for (double k : {0.0, 1.0, 1e3, 1e9, std::floor(r * (1 - p) / p)})
        if (std::isfinite(k))
          check_point(at("neg_binomial", {r, p}, k), logpdf(NegativeBinomial{r, p}, k),
                      [&](LD v) { return bm::pdf(bm::negative_binomial_distribution<LD, Quiet>(r, p), v); }, t, false);
  }
  for (double p : ps) {
    // Closed forms in long double: p(0) = (1 - p)^n, p(n) = p^n, and for the negative
    // binomial p(0) = p^r.
    const double n = 1e9;
    char what[96];
    std::snprintf(what, sizeof what, "binomial(1e9, %.17g) at 0 and at n, neg_binomial(1e9, p) at 0", p);
    INFO(what);
    const LD at0 = LD(n) * std::log1p(-LD(p)), atn = LD(n) * std::log(LD(p));
    CHECK(std::abs(logpdf(Binomial{n, p}, 0) - double(at0)) <= kTol * (1 + std::abs(double(at0))));
    CHECK(std::abs(logpdf(Binomial{n, p}, n) - double(atn)) <= kTol * (1 + std::abs(double(atn))));
    CHECK(std::abs(logpdf(NegativeBinomial{n, p}, 0) - double(atn)) <= kTol * (1 + std::abs(double(atn))));
  }
  INFO("compared " << t.compared << ", finite only " << t.finite_only);
  CHECK(t.compared > 300);
}
