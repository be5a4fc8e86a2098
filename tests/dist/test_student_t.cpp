// Student's t distribution (nu, mu, sigma): log density against Boost.Math, draws,
// checks, moments.
#include <boost/math/distributions/students_t.hpp>
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/dist/check.hpp"
#include "alea/dist/registry.hpp"
#include "alea/dist/student_t.hpp"
#include "continuous_checks.hpp"

using namespace alea;
using namespace alea::dist;

namespace {
// Boost's students_t is standard; location and scale are applied here.
double boost_pdf(const StudentT& d, double x) {
  return boost::math::pdf(boost::math::students_t(d.nu), (x - d.mu) / d.sigma) / d.sigma;
}
double boost_cdf(const StudentT& d, double x) {
  return boost::math::cdf(boost::math::students_t(d.nu), (x - d.mu) / d.sigma);
}
}  // namespace

TEST_CASE("student_t logpdf matches Boost.Math at 2000 random points including extremes", "[dist][student_t]") {
  Rng rng(71);
  int compared = 0;
  for (int i = 0; i < 2000; ++i) {
    const StudentT d{std::pow(10.0, -2 + 8 * rng.uniform01()), (rng.uniform01() - 0.5) * 1e3,
                     std::pow(10.0, -6 + 12 * rng.uniform01())};
    const double z = std::pow(10.0, -4 + 8 * rng.uniform01()) * (rng.uniform01() < 0.5 ? -1 : 1);
    const double x = d.mu + d.sigma * z;
    INFO("nu " << d.nu << " mu " << d.mu << " sigma " << d.sigma << " x " << x);
    compared += test::logpdf_matches(logpdf(d, x), [&] { return boost_pdf(d, x); }, 1e-12);
  }
  CHECK(compared > 1500);
  CHECK(logpdf(StudentT{3, 0, 1}, NAN) == -INFINITY);
  CHECK(logpdf(StudentT{3, 0, 1}, INFINITY) == -INFINITY);
}

TEST_CASE("student_t draws: moments within CLT bounds and KS at level 1e-4", "[dist][student_t]") {
  {
    const StudentT d{10.0, 1.0, 2.0};
    const auto xs = test::sample(d, 72);
    // nu > 4: excess kurtosis 6 / (nu - 4).
    const double mu4 = (3 + 6 / (d.nu - 4)) * variance(d) * variance(d);
    test::check_mean_var(xs, mean(d), variance(d), mu4);
    test::check_ks(xs, [&](double x) { return boost_cdf(d, x); });
  }
  // Infinite fourth moment, variance or mean: only the KS test applies.
  std::uint64_t seed = 73;
  for (const StudentT d : {StudentT{3.0, -1.0, 0.5}, StudentT{0.5, 0.0, 1.0}}) {
    INFO("nu " << d.nu);
    test::check_ks(test::sample(d, seed++), [&](double x) { return boost_cdf(d, x); });
  }
}

TEST_CASE("student_t parameter checks name the parameter and the value", "[dist][student_t]") {
  CHECK_THROWS_WITH(validated(StudentT{0, 0, 1}), "student_t: degrees of freedom nu is 0, but must be positive and finite");
  CHECK_THROWS_WITH(validated(StudentT{NAN, 0, 1}),
                    "student_t: degrees of freedom nu is NaN, but must be positive and finite");
  CHECK_THROWS_WITH(validated(StudentT{3, INFINITY, 1}), "student_t: location parameter mu is Inf, but must be finite");
  CHECK_THROWS_WITH(validated(StudentT{3, 0, -1}), "student_t: scale parameter sigma is -1, but must be positive and finite");
  CHECK_NOTHROW(validated(StudentT{0.5, 0, 1}));
}

TEST_CASE("student_t mean and variance match Boost.Math; undefined moments are NaN", "[dist][student_t]") {
  for (const double nu : {2.5, 10.0, 1e6}) {
    const boost::math::students_t b(nu);
    CHECK(mean(StudentT{nu, 0, 1}) == Approx(boost::math::mean(b)).margin(1e-300));
    CHECK(variance(StudentT{nu, 0, 1}) == Approx(boost::math::variance(b)).epsilon(1e-14));
    CHECK(variance(StudentT{nu, 3, 2}) == Approx(4 * boost::math::variance(b)).epsilon(1e-14));
  }
  CHECK(mean(StudentT{1.5, 3, 2}) == 3);
  CHECK(variance(StudentT{1.5, 3, 2}) == INFINITY);
  CHECK(std::isnan(mean(StudentT{1, 3, 2})));
  CHECK(std::isnan(variance(StudentT{1, 3, 2})));
}

TEST_CASE("student_t through the registry", "[dist][student_t]") {
  const std::vector<Value> params{Value(3.0), Value(1.0), Value(2.0)};
  CHECK(dist::logpdf(DistKind::StudentT, params, Value(0.2)) == Approx(logpdf(StudentT{3, 1, 2}, 0.2)).epsilon(1e-15));
}
