// Half-Cauchy distribution (sigma): log density against twice Boost.Math's Cauchy density
// (Boost has no half-Cauchy), draws by KS only (no moments exist), checks.
#include <boost/math/distributions/cauchy.hpp>
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/dist/check.hpp"
#include "alea/dist/half_cauchy.hpp"
#include "alea/dist/registry.hpp"
#include "continuous_checks.hpp"

using namespace alea;
using namespace alea::dist;

TEST_CASE("half_cauchy logpdf matches Boost.Math at 1000 random points including extremes", "[dist][half_cauchy]") {
  Rng rng(111);
  int compared = 0;
  for (int i = 0; i < 1000; ++i) {
    const HalfCauchy d{std::pow(10.0, -6 + 12 * rng.uniform01())};
    const double x = d.sigma * std::pow(10.0, -8 + 16 * rng.uniform01());
    INFO("sigma " << d.sigma << " x " << x);
    compared += test::logpdf_matches(
        logpdf(d, x), [&] { return 2 * boost::math::pdf(boost::math::cauchy_distribution<>(0, d.sigma), x); }, 1e-12);
  }
  CHECK(compared > 900);
  CHECK(logpdf(HalfCauchy{1}, -1e-300) == -INFINITY);
  CHECK(logpdf(HalfCauchy{1}, NAN) == -INFINITY);
}

TEST_CASE("half_cauchy draws: KS at level 1e-4 (no moments to check)", "[dist][half_cauchy]") {
  std::uint64_t seed = 112;
  for (const HalfCauchy d : {HalfCauchy{1.0}, HalfCauchy{250.0}}) {
    INFO("sigma " << d.sigma);
    test::check_ks(test::sample(d, seed++), [&](double x) { return 2 / M_PI * std::atan(x / d.sigma); });
  }
}

TEST_CASE("half_cauchy parameter checks name the parameter and the value", "[dist][half_cauchy]") {
  CHECK_THROWS_WITH(validated(HalfCauchy{0}), "half_cauchy: scale parameter sigma is 0, but must be positive and finite");
  CHECK_THROWS_WITH(validated(HalfCauchy{NAN}), "half_cauchy: scale parameter sigma is NaN, but must be positive and finite");
  CHECK_NOTHROW(validated(HalfCauchy{1}));
}

TEST_CASE("half_cauchy mean and variance diverge to +inf", "[dist][half_cauchy]") {
  CHECK(mean(HalfCauchy{1}) == INFINITY);
  CHECK(variance(HalfCauchy{1}) == INFINITY);
}

TEST_CASE("half_cauchy through the registry", "[dist][half_cauchy]") {
  const std::vector<Value> params{Value(2.0)};
  CHECK(dist::logpdf(DistKind::HalfCauchy, params, Value(1.0)) == Approx(logpdf(HalfCauchy{2}, 1.0)).epsilon(1e-15));
}
