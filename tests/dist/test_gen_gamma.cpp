// Generalized gamma distribution (r, lambda, b), JAGS's dgen.gamma: log density against
// the change of variables from a Boost.Math gamma, its gamma and Weibull special cases,
// draws, checks, moments and distribution function.
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/dist/check.hpp"
#include "alea/dist/gen_gamma.hpp"
#include "alea/dist/record.hpp"
#include "alea/dist/registry.hpp"
#include "continuous_checks.hpp"

using namespace alea;
using namespace alea::dist;

namespace {
// y = (lambda x)^b ~ gamma(r, 1): f(x) = g(y) dy/dx with dy/dx = b lambda (lambda x)^(b - 1).
double reference_pdf(const GenGamma& d, double x) {
  const double y = std::pow(d.lambda * x, d.b);
  return boost::math::pdf(boost::math::gamma_distribution<>(d.r, 1.0), y) * d.b * d.lambda *
         std::pow(d.lambda * x, d.b - 1);
}
double reference_cdf(const GenGamma& d, double x) {
  return boost::math::cdf(boost::math::gamma_distribution<>(d.r, 1.0), std::pow(d.lambda * x, d.b));
}
}  // namespace

TEST_CASE("gen_gamma logpdf matches a gamma's change of variables at random points", "[dist][gen_gamma]") {
  Rng rng(91);
  int compared = 0;
  for (int i = 0; i < 1000; ++i) {
    const GenGamma d{std::pow(10.0, -1 + 2 * rng.uniform01()), std::pow(10.0, -2 + 4 * rng.uniform01()),
                     std::pow(10.0, -1 + 1.5 * rng.uniform01())};
    const double x = (i % 2 == 0) ? draw(d, rng) : std::pow(10.0, -3 + 6 * rng.uniform01()) / d.lambda;
    if (!(x > 0) || std::isinf(x)) continue;
    INFO("r " << d.r << " lambda " << d.lambda << " b " << d.b << " x " << x);
    compared += test::logpdf_matches(logpdf(d, x), [&] { return reference_pdf(d, x); }, 1e-10);
  }
  CHECK(compared > 600);
  // b = 1: gamma(r, rate lambda); r = 1: weibull(shape b, scale 1 / lambda)
  CHECK(logpdf(GenGamma{2.5, 1.5, 1}, 1.2) ==
        Approx(std::log(boost::math::pdf(boost::math::gamma_distribution<>(2.5, 1 / 1.5), 1.2))).epsilon(1e-13));
  CHECK(logpdf(GenGamma{1, 0.5, 1.7}, 2.3) ==
        Approx(std::log(boost::math::pdf(boost::math::weibull_distribution<>(1.7, 2.0), 2.3))).epsilon(1e-13));
  CHECK(logpdf(GenGamma{2, 1, 1}, -1.0) == -INFINITY);
  CHECK(logpdf(GenGamma{2, 1, 1}, 0.0) == -INFINITY);
  CHECK(logpdf(GenGamma{0.5, 1, 1}, 0.0) == INFINITY);
  CHECK(logpdf(GenGamma{0.5, 3, 2}, 0.0) == Approx(std::log(2.0 * 3.0) - std::lgamma(0.5)).epsilon(1e-15));
  CHECK(logpdf(GenGamma{2, 1, 1}, NAN) == -INFINITY);
}

TEST_CASE("gen_gamma draws: moments within CLT bounds and KS at level 1e-4", "[dist][gen_gamma]") {
  std::uint64_t seed = 92;
  for (const GenGamma d : {GenGamma{2.0, 1.5, 0.7}, GenGamma{0.6, 0.2, 2.5}}) {
    INFO("r " << d.r << " lambda " << d.lambda << " b " << d.b);
    const auto xs = test::sample(d, seed++);
    auto raw = [&](int k) { return std::exp(std::lgamma(d.r + k / d.b) - std::lgamma(d.r)) / std::pow(d.lambda, k); };
    const double mu = raw(1);
    const double mu4 = raw(4) - 4 * mu * raw(3) + 6 * mu * mu * raw(2) - 3 * mu * mu * mu * mu;
    CHECK(mean(d) == Approx(mu).epsilon(1e-12));
    CHECK(variance(d) == Approx(raw(2) - mu * mu).epsilon(1e-12));
    test::check_mean_var(xs, mean(d), variance(d), mu4);
    test::check_ks(xs, [&](double x) { return reference_cdf(d, x); });
  }
}

TEST_CASE("gen_gamma parameter checks name the parameter and the value", "[dist][gen_gamma]") {
  CHECK_THROWS_WITH(validated(GenGamma{0, 1, 1}), "gen_gamma: shape parameter r is 0, but must be positive and finite");
  CHECK_THROWS_WITH(validated(GenGamma{1, -2, 1}),
                    "gen_gamma: rate parameter lambda is -2, but must be positive and finite");
  CHECK_THROWS_WITH(validated(GenGamma{1, 2, NAN}), "gen_gamma: power parameter b is NaN, but must be positive and finite");
  CHECK_NOTHROW(validated(GenGamma{0.1, 10, 3}));
}

TEST_CASE("gen_gamma distribution function against the gamma's, and its BUGS name", "[dist][gen_gamma]") {
  const Cdf& f = record(DistKind::GenGamma).cdf;
  const GenGamma d{1.7, 0.8, 1.9};
  const double p[3] = {d.r, d.lambda, d.b};
  for (const double x : {0.05, 0.7, 1.5, 4.0}) {
    INFO("x " << x);
    CHECK(f.cdf(p, x) == Approx(reference_cdf(d, x)).epsilon(1e-13));
    CHECK(f.ccdf(p, x) == Approx(1 - reference_cdf(d, x)).epsilon(1e-12));
    CHECK(f.quantile(p, f.cdf(p, x)) == Approx(x).epsilon(1e-10));
    CHECK(f.cquantile(p, f.ccdf(p, x)) == Approx(x).epsilon(1e-10));
  }
  CHECK(f.cdf(p, 0.0) == 0);
  CHECK(record(DistKind::GenGamma).bugs.name == "dgen.gamma");
  const std::vector<Value> params{Value(1.7), Value(0.8), Value(1.9)};
  CHECK(dist::logpdf(DistKind::GenGamma, params, Value(1.1)) == Approx(logpdf(d, 1.1)).epsilon(1e-15));
}
