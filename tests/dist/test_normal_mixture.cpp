// normal_mixture(w, mu, sigma) through the registry: the density against the weighted
// sum of Boost.Math normal densities and by quadrature (it integrates to 1, its first
// two moments are mean() and variance()), draws by CLT moment bounds and KS against the
// mixture CDF, parameter checks naming the parameter and the value.
#include <boost/math/distributions/normal.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <vector>

#include "alea/dist/registry.hpp"
#include "continuous_checks.hpp"

using namespace alea;

namespace {

struct Mix {
  std::vector<double> w, mu, sigma;
  std::vector<Value> params() const { return {Value(w), Value(mu), Value(sigma)}; }
  double pdf(double x) const {  // independent of the code under test: Boost's normal pdf
    double p = 0;
    for (std::size_t k = 0; k < w.size(); ++k) p += w[k] * boost::math::pdf(boost::math::normal(mu[k], sigma[k]), x);
    return p;
  }
  double cdf(double x) const {
    double p = 0;
    for (std::size_t k = 0; k < w.size(); ++k) p += w[k] * boost::math::cdf(boost::math::normal(mu[k], sigma[k]), x);
    return p;
  }
};

const Mix kTwo{{0.3, 0.7}, {-2.0, 1.5}, {0.5, 1.0}};
const Mix kThree{{0.2, 0.5, 0.3}, {-10.0, 0.0, 4.0}, {2.0, 0.1, 1.5}};

double logpdf(const Mix& m, double x) { return dist::logpdf(DistKind::NormalMixture, m.params(), Value(x)); }

// Composite Simpson's rule of f over [lo, hi] with n (even) intervals; the mixtures
// here vanish beyond lo and hi far below the tolerances used.
template <class F>
double simpson(F f, double lo, double hi, int n) {
  const double h = (hi - lo) / n;
  double s = f(lo) + f(hi);
  for (int i = 1; i < n; ++i) s += (i % 2 ? 4 : 2) * f(lo + i * h);
  return s * h / 3;
}

}  // namespace

TEST_CASE("normal_mixture logpdf is the log of the weighted sum of normal densities", "[dist][normal_mixture]") {
  for (const Mix& m : {kTwo, kThree}) {
    for (double x = -20; x <= 20; x += 0.37) {
      INFO("x " << x);
      CHECK(test::logpdf_matches(logpdf(m, x), [&] { return m.pdf(x); }, 1e-12));
    }
  }
  // Far in a tail log-sum-exp stays finite where the plain sum underflows.
  CHECK(std::isfinite(logpdf(kTwo, 80.0)));
  CHECK(logpdf(kTwo, 80.0) == Approx(std::log(0.7) - 0.5 * 78.5 * 78.5 - 0.5 * std::log(2 * std::numbers::pi)).epsilon(1e-12));
  CHECK(logpdf(kTwo, NAN) == -INFINITY);
  // Elements of a vector draw are independent.
  CHECK(dist::logpdf(DistKind::NormalMixture, kTwo.params(), Value(std::vector<double>{0.1, -1.0})) ==
        Approx(logpdf(kTwo, 0.1) + logpdf(kTwo, -1.0)).epsilon(1e-14));
}

TEST_CASE("normal_mixture density integrates to 1 and its moments are mean() and variance()", "[dist][normal_mixture]") {
  for (const Mix& m : {kTwo, kThree}) {
    const auto p = [&](double x) { return std::exp(logpdf(m, x)); };
    const double total = simpson(p, -40, 40, 200000);
    const double m1 = simpson([&](double x) { return x * p(x); }, -40, 40, 200000);
    const double m2 = simpson([&](double x) { return x * x * p(x); }, -40, 40, 200000);
    CHECK(total == Approx(1.0).epsilon(1e-9));
    const double mean = dist::mean(DistKind::NormalMixture, m.params(), Shape{})[0];
    const double var = dist::variance(DistKind::NormalMixture, m.params(), Shape{})[0];
    CHECK(mean == Approx(m1).epsilon(1e-8).margin(1e-9));
    CHECK(var == Approx(m2 - m1 * m1).epsilon(1e-8));
  }
}

TEST_CASE("normal_mixture draws: moments within CLT bounds and KS at level 1e-4", "[dist][normal_mixture]") {
  std::uint64_t seed = 901;
  for (const Mix& m : {kTwo, kThree}) {
    Rng rng(seed++);
    const Value v = dist::draw(DistKind::NormalMixture, m.params(), Shape::vector(100000), rng);
    const std::vector<double> xs(v.data().begin(), v.data().end());
    double mean = 0, var = 0, mu4 = 0;
    for (std::size_t k = 0; k < m.w.size(); ++k) mean += m.w[k] * m.mu[k];
    for (std::size_t k = 0; k < m.w.size(); ++k) {
      // component k about the mixture mean: d + s Z, whose 2nd and 4th moments are
      // d^2 + s^2 and d^4 + 6 d^2 s^2 + 3 s^4
      const double d = m.mu[k] - mean, s2 = m.sigma[k] * m.sigma[k];
      var += m.w[k] * (d * d + s2);
      mu4 += m.w[k] * (d * d * d * d + 6 * d * d * s2 + 3 * s2 * s2);
    }
    test::check_mean_var(xs, mean, var, mu4);
    test::check_ks(xs, [&](double x) { return m.cdf(x); });
  }
}

TEST_CASE("normal_mixture parameter checks name the parameter and the value", "[dist][normal_mixture]") {
  const auto check = [](std::vector<double> w, std::vector<double> mu, std::vector<double> sigma) {
    dist::check_params(DistKind::NormalMixture, std::vector<Value>{Value(w), Value(mu), Value(sigma)}, Shape{});
  };
  CHECK_THROWS_WITH(check({0.5, 0.5}, {0, 1}, {1, -2}),
                    "normal_mixture: component sd sigma[2] is -2, but must be positive and finite");
  CHECK_THROWS_WITH(check({0.5, 0.5}, {NAN, 1}, {1, 2}),
                    "normal_mixture: component mean mu[1] is NaN, but must be finite");
  CHECK_THROWS_WITH(check({0.5, 0.6}, {0, 1}, {1, 2}), Catch::Contains("normal_mixture: weight vector w"));
  CHECK_THROWS_WITH(check({0.5, 0.5}, {0, 1, 2}, {1, 2}), Catch::Contains("must have one length"));
  CHECK_NOTHROW(check({0.5, 0.5}, {0, 1}, {1, 2}));
  CHECK(logpdf(Mix{{0.5, 0.5}, {0, 1}, {1, -2}}, 0.0) == -INFINITY);
  Rng rng(1);
  CHECK_THROWS_AS(dist::draw(DistKind::NormalMixture, Mix{{0.5, 0.5}, {0, 1}, {1, 0}}.params(), Shape{}, rng),
                  std::domain_error);
}
