// Checks shared by the continuous distribution tests: log density against a reference
// density, and draws at a fixed seed by CLT moment bounds and a Kolmogorov-Smirnov test.
#pragma once
#include <catch2/catch.hpp>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <functional>
#include <vector>

#include "alea/dist/rng.hpp"
#include "stat_tests.hpp"

namespace alea::test {

// Compares logpdf with the log of a reference pdf where that pdf is a normal (not
// subnormal, not overflowed) double and the reference did not throw. Returns whether
// the point was compared, so that a test can make sure most of its points were.
inline bool logpdf_matches(double got, const std::function<double()>& reference_pdf, double tol) {
  double pdf = 0;
  try {
    pdf = reference_pdf();
  } catch (const std::exception&) {
    return false;
  }
  if (!(pdf >= DBL_MIN && pdf <= DBL_MAX)) return false;
  const double expected = std::log(pdf);
  INFO("logpdf " << got << " vs log(reference pdf) " << expected);
  REQUIRE(got == Approx(expected).epsilon(tol).margin(tol));
  return true;
}

template <class D>
std::vector<double> sample(const D& d, std::uint64_t seed, std::size_t n = 100000) {
  Rng rng(seed);
  std::vector<double> xs(n);
  for (double& x : xs) x = draw(d, rng);
  return xs;
}

// Sample mean and variance within their CLT bounds; mu4 is the fourth central moment.
inline void check_mean_var(const std::vector<double>& xs, double mean, double var, double mu4) {
  INFO("mean " << mean << ", variance " << var << ", fourth central moment " << mu4);
  CHECK(mean_within_clt(xs, mean, var));
  CHECK(var_within_clt(xs, var, mu4));
}

inline void check_ks(const std::vector<double>& xs, const std::function<double(double)>& cdf) {
  const double p = ks_pvalue(xs, cdf);
  INFO("KS p-value " << p);
  CHECK(p > kFalseAlarm);
}

}  // namespace alea::test
