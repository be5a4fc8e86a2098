// Cauchy distribution (mu, sigma): log density against Boost.Math, draws by KS only
// (no moments exist), checks.
#include <boost/math/distributions/cauchy.hpp>
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/dist/cauchy.hpp"
#include "alea/dist/check.hpp"
#include "alea/dist/registry.hpp"
#include "continuous_checks.hpp"

using namespace alea;
using namespace alea::dist;

TEST_CASE("cauchy logpdf matches Boost.Math at 1000 random points including extremes", "[dist][cauchy]") {
  Rng rng(101);
  int compared = 0;
  for (int i = 0; i < 1000; ++i) {
    const Cauchy d{(rng.uniform01() - 0.5) * 1e3, std::pow(10.0, -6 + 12 * rng.uniform01())};
    const double x = d.mu + d.sigma * std::pow(10.0, -4 + 12 * rng.uniform01()) * (rng.uniform01() < 0.5 ? -1 : 1);
    INFO("mu " << d.mu << " sigma " << d.sigma << " x " << x);
    compared += test::logpdf_matches(
        logpdf(d, x), [&] { return boost::math::pdf(boost::math::cauchy_distribution<>(d.mu, d.sigma), x); }, 1e-12);
  }
  CHECK(compared > 900);
  // Beyond where z^2 overflows the log density is still finite: -log(pi) - 2 log|z|.
  CHECK(logpdf(Cauchy{0, 1}, 1e200) == Approx(-std::log(M_PI) - 400 * std::log(10.0)).epsilon(1e-15));
  CHECK(logpdf(Cauchy{0, 1}, NAN) == -INFINITY);
}

TEST_CASE("cauchy draws: KS at level 1e-4 (no moments to check)", "[dist][cauchy]") {
  std::uint64_t seed = 102;
  for (const Cauchy d : {Cauchy{0.0, 1.0}, Cauchy{-5.0, 1e-3}}) {
    INFO("mu " << d.mu << " sigma " << d.sigma);
    test::check_ks(test::sample(d, seed++),
                   [&](double x) { return boost::math::cdf(boost::math::cauchy_distribution<>(d.mu, d.sigma), x); });
  }
}

TEST_CASE("cauchy parameter checks name the parameter and the value", "[dist][cauchy]") {
  CHECK_THROWS_WITH(validated(Cauchy{NAN, 1}), "cauchy: location parameter mu is NaN, but must be finite");
  CHECK_THROWS_WITH(validated(Cauchy{0, -1}), "cauchy: scale parameter sigma is -1, but must be positive and finite");
  CHECK_THROWS_WITH(validated(Cauchy{0, NAN}), "cauchy: scale parameter sigma is NaN, but must be positive and finite");
  CHECK_NOTHROW(validated(Cauchy{0, 1}));
}

TEST_CASE("cauchy mean and variance do not exist and are NaN", "[dist][cauchy]") {
  CHECK(std::isnan(mean(Cauchy{0, 1})));
  CHECK(std::isnan(variance(Cauchy{0, 1})));
}

TEST_CASE("cauchy through the registry", "[dist][cauchy]") {
  const std::vector<Value> params{Value(0.0), Value(1.0)};
  CHECK(dist::logpdf(DistKind::Cauchy, params, Value(2.0)) == Approx(logpdf(Cauchy{0, 1}, 2.0)).epsilon(1e-15));
}
