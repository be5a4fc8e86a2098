// Negative binomial distribution: log mass against Boost.Math, draws (Poisson-gamma
// mixture, through PTRS for large means), parameter checks.
#include <boost/math/distributions/negative_binomial.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "alea/dist/check.hpp"
#include "alea/dist/negative_binomial.hpp"
#include "alea/dist/registry.hpp"
#include "stat_tests.hpp"

using namespace alea;
using namespace alea::dist;

namespace {

double boost_log_pmf(double r, double p, double k) {
  try {
    const double f = boost::math::pdf(boost::math::negative_binomial(r, p), k);
    return f >= 1e-300 ? std::log(f) : NAN;
  } catch (...) {
    return NAN;
  }
}

void check_draws(const NegativeBinomial& d, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<double> xs(100000);
  for (double& x : xs) x = draw(d, rng);
  const double v = variance(d);
  const double kurt = 3 + 6 / d.r + d.p * d.p / (d.r * (1 - d.p));
  CHECK(test::mean_within_clt(xs, mean(d), v));
  CHECK(test::var_within_clt(xs, v, kurt * v * v));
  const double hi = std::ceil(mean(d) + 30 * std::sqrt(v));
  CHECK(test::chi_square_pvalue(
            xs, [&](double k) { return boost::math::pdf(boost::math::negative_binomial(d.r, d.p), k); }, 0, hi) >
        test::kFalseAlarm);
}

}  // namespace

TEST_CASE("negative binomial log pmf matches Boost.Math at 2000 random points including extremes",
          "[dist][neg_binomial]") {
  Rng rng(61);
  int compared = 0;
  for (int i = 0; i < 2000; ++i) {
    const double r = std::pow(10.0, -3 + 9 * rng.uniform01());
    const double t = std::pow(10.0, -12 * rng.uniform01());
    const double p = i % 3 == 0 ? rng.uniform01() : i % 3 == 1 ? t : 1 - t;
    const double m = r * (1 - p) / p, sd = std::sqrt(m / p);
    double k = std::max(0.0, std::floor(m + sd * 12 * (rng.uniform01() - 0.5)));
    if (i % 10 == 0) k = 0;
    if (i % 10 == 1) k = std::floor(10 * rng.uniform01());
    const double expected = boost_log_pmf(r, p, k);
    if (std::isnan(expected)) continue;
    ++compared;
    INFO("r=" << r << " p=" << p << " k=" << k);
    REQUIRE(logpdf(NegativeBinomial{r, p}, k) == Approx(expected).epsilon(1e-12).margin(1e-12));
  }
  CHECK(compared >= 1000);
  CHECK(logpdf(NegativeBinomial{3, 1}, 0) == 0.0);
  CHECK(logpdf(NegativeBinomial{3, 1}, 1) == -INFINITY);
  CHECK(logpdf(NegativeBinomial{3, 0.5}, 1.5) == -INFINITY);
  CHECK(logpdf(NegativeBinomial{3, 0.5}, -1) == -INFINITY);
}

TEST_CASE("negative binomial draws: moments within CLT bounds and chi-square at level 1e-4", "[dist][neg_binomial]") {
  check_draws(NegativeBinomial{2.5, 0.3}, 62);
  check_draws(NegativeBinomial{0.4, 0.6}, 63);   // r < 1: gamma by the boost step
  check_draws(NegativeBinomial{500, 0.1}, 64);   // mean 4500: Poisson by PTRS
  Rng rng(65);
  CHECK(draw(NegativeBinomial{3, 1}, rng) == 0);
}

TEST_CASE("negative binomial parameter checks and registry", "[dist][neg_binomial]") {
  CHECK_THROWS_WITH(validated(NegativeBinomial{0, 0.5}),
                    "neg_binomial: size parameter r is 0, but must be positive and finite");
  CHECK_THROWS_WITH(validated(NegativeBinomial{2, 0}),
                    "neg_binomial: probability parameter p is 0, but must be in (0, 1]");
  CHECK_NOTHROW(validated(NegativeBinomial{2.5, 1}));
  const std::vector<Value> params{Value(2.0), Value(0.5)};
  CHECK(dist::logpdf(DistKind::NegativeBinomial, params, Value::integer(1)) ==
        Approx(std::log(2 * 0.125)).epsilon(1e-14));
  CHECK(dist_info(NegativeBinomial::kind).name == NegativeBinomial::name);
}
