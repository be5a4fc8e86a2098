// Truncated distributions (T(lo, hi)): the density integrates to 1, matches the hand
// formula f(x) / (F(hi) - F(lo)), and draws pass a Kolmogorov-Smirnov test.
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <vector>

#include "../stat_tests.hpp"
#include "alea/dist/record.hpp"
#include "alea/dist/registry.hpp"
#include "alea/dist/truncated.hpp"
#include "param_values.hpp"

using namespace alea;
using test::values;

namespace {

double lpdf(DistKind k, const std::vector<Value>& p, double x) { return dist::logpdf(k, p, Value(x)); }

// Composite Simpson's rule over [a, b] with n (even) panels.
double integrate(DistKind k, const std::vector<Value>& p, double a, double b, int n = 20000) {
  const double h = (b - a) / n;
  double s = 0;
  for (int i = 0; i <= n; ++i) {
    const double w = (i == 0 || i == n) ? 1 : (i % 2 ? 4 : 2);
    s += w * std::exp(lpdf(k, p, a + i * h));
  }
  return s * h / 3;
}

double phi_cdf(double z) { return 0.5 * std::erfc(-z / std::numbers::sqrt2); }

}  // namespace

TEST_CASE("truncated densities integrate to 1 over [lo, hi]", "[dist][truncated]") {
  CHECK(integrate(DistKind::TruncatedNormal, values({1, 2, 0, 3}), 0, 3) == Approx(1).epsilon(1e-9));
  // T(0,): hi = +inf; the mass beyond 0 + 40 sd is below double precision.
  CHECK(integrate(DistKind::TruncatedNormal, values({-1, 0.5, 0, INFINITY}), 0, 20) == Approx(1).epsilon(1e-9));
  // Far in the upper tail (mass 1e-23 before truncation): kept by the complementary CDF.
  CHECK(integrate(DistKind::TruncatedNormal, values({0, 1, 10, 12}), 10, 12) == Approx(1).epsilon(1e-8));
  CHECK(integrate(DistKind::TruncatedBeta, values({2, 3, 0, 0.9999}), 0, 0.9999) == Approx(1).epsilon(1e-9));
  CHECK(integrate(DistKind::TruncatedBeta, values({2.5, 1.5, 0.2, 0.7}), 0.2, 0.7) == Approx(1).epsilon(1e-9));
  CHECK(integrate(DistKind::TruncatedGamma, values({3, 2, 0.5, 4}), 0.5, 4) == Approx(1).epsilon(1e-9));
}

TEST_CASE("truncated log density is the base's less log(F(hi) - F(lo)), -inf outside", "[dist][truncated]") {
  const auto p = values({1, 2, 0, 3});
  const double mass = phi_cdf((3 - 1) / 2.0) - phi_cdf((0 - 1) / 2.0);
  const double x = 0.7, z = (x - 1) / 2;
  CHECK(lpdf(DistKind::TruncatedNormal, p, x) ==
        Approx(-0.5 * z * z - std::log(2.0) - 0.5 * std::log(2 * std::numbers::pi) - std::log(mass)).epsilon(1e-13));
  CHECK(lpdf(DistKind::TruncatedNormal, p, -0.1) == -INFINITY);
  CHECK(lpdf(DistKind::TruncatedNormal, p, 3.1) == -INFINITY);
  const auto b = values({2, 3, 0, 0.9});
  const double y = 0.4;
  const double hand = std::log(12.0 * y * (1 - y) * (1 - y)) - std::log(boost::math::ibeta(2.0, 3.0, 0.9));
  CHECK(lpdf(DistKind::TruncatedBeta, b, y) == Approx(hand).epsilon(1e-13));
  // Upper tail: log(1 - Phi(10)) is about -53.2; the mass comes from erfc, not 1 - Phi.
  const double tail = lpdf(DistKind::TruncatedNormal, values({0, 1, 10, INFINITY}), 10.0);
  CHECK(tail == Approx(-50 - 0.5 * std::log(2 * std::numbers::pi) - std::log(0.5 * std::erfc(10 / std::numbers::sqrt2)))
                    .epsilon(1e-12));
}

TEST_CASE("truncated parameters: lo < hi and positive mass, support from the bounds", "[dist][truncated]") {
  CHECK_THROWS_WITH(dist::check_params(DistKind::TruncatedNormal, values({0, 1, 2, 1}), Shape{}),
                    Catch::Contains("truncation bound lo"));
  CHECK_THROWS_WITH(dist::check_params(DistKind::TruncatedBeta, values({2, 3, 1.5, 2}), Shape{}),
                    Catch::Contains("probability 0"));
  const dist::Support s = dist::support(DistKind::TruncatedGamma, values({2, 1, 0.5, 3}));
  CHECK((s.lo == 0.5 && s.hi == 3));
  CHECK(dist::truncated_kind(DistKind::Beta) == DistKind::TruncatedBeta);
  CHECK(dist::truncated_kind(DistKind::Poisson) == DistKind::TruncatedPoisson);
  CHECK(dist::truncation_base(DistKind::TruncatedGamma) == DistKind::Gamma);
}

// Each KS test at the suite's false-alarm rate kFalseAlarm (1e-4), fixed seeds.
TEST_CASE("truncated draws follow the truncated distribution (KS)", "[dist][truncated][statistical]") {
  constexpr int kN = 4000;
  Rng rng(20261204);
  {
    const auto p = values({1, 2, 0, 3});
    const double flo = phi_cdf(-0.5), fhi = phi_cdf(1);
    const Value d = dist::draw(DistKind::TruncatedNormal, p, Shape{kN}, rng);
    CHECK(test::ks_pvalue(d.data(), [&](double x) { return (phi_cdf((x - 1) / 2) - flo) / (fhi - flo); }) >
          test::kFalseAlarm);
  }
  {
    const auto p = values({0, 1, 3, INFINITY});  // upper tail, by the complementary quantile
    const double slo = 0.5 * std::erfc(3 / std::numbers::sqrt2);
    const Value d = dist::draw(DistKind::TruncatedNormal, p, Shape{kN}, rng);
    CHECK(test::ks_pvalue(d.data(), [&](double x) { return 1 - 0.5 * std::erfc(x / std::numbers::sqrt2) / slo; }) >
          test::kFalseAlarm);
  }
  {
    const auto p = values({0.7, 2.0, 0, 0.5});
    const double fhi = boost::math::ibeta(0.7, 2.0, 0.5);
    const Value d = dist::draw(DistKind::TruncatedBeta, p, Shape{kN}, rng);
    CHECK(test::ks_pvalue(d.data(), [&](double x) { return boost::math::ibeta(0.7, 2.0, x) / fhi; }) > test::kFalseAlarm);
  }
  {
    const auto p = values({3, 2, 0.5, 4});
    const double flo = boost::math::gamma_p(3.0, 1.0), fhi = boost::math::gamma_p(3.0, 8.0);
    const Value d = dist::draw(DistKind::TruncatedGamma, p, Shape{kN}, rng);
    CHECK(test::ks_pvalue(d.data(), [&](double x) { return (boost::math::gamma_p(3.0, 2 * x) - flo) / (fhi - flo); }) >
          test::kFalseAlarm);
    for (double x : d.data()) REQUIRE((x >= 0.5 && x <= 4));
  }
}
