// Statistical checks shared by the tests: moment checks with CLT bounds, the
// Kolmogorov-Smirnov test for continuous draws and the chi-square test for discrete
// ones. Every check runs at a fixed seed and a stated false-alarm rate.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <vector>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>

#include "alea/infer/two_sample.hpp"

namespace alea::test {

// Per-check false-alarm rate used throughout the suite. With a few hundred
// statistical checks at fixed seeds the suite's chance of a false alarm on any
// given seed is below 1e-3 * checks; the seeds are fixed, so a pass is repeatable.
inline constexpr double kFalseAlarm = 1e-4;

// ALEA_TEST_SCALE in [0.01, 1] (default 1): the sanitizer build of scripts/test.sh sets
// 0.1, and the heaviest tests run that fraction of their size with the same checks.
inline double test_scale() {
  const char* text = std::getenv("ALEA_TEST_SCALE");
  return text ? std::clamp(std::atof(text), 0.01, 1.0) : 1.0;
}

// Two-sided normal quantile for the false-alarm rate alpha.
inline double z_crit(double alpha = kFalseAlarm) {
  return boost::math::quantile(boost::math::complement(boost::math::normal(), alpha / 2));
}

struct Moments {
  double mean = 0, var = 0;
  std::size_t n = 0;
};

inline Moments moments(const std::vector<double>& xs) {
  Moments m;
  m.n = xs.size();
  for (double x : xs) m.mean += x;
  m.mean /= static_cast<double>(m.n);
  for (double x : xs) m.var += (x - m.mean) * (x - m.mean);
  m.var /= static_cast<double>(m.n - 1);
  return m;
}

// |sample mean - mu| within z * sqrt(var / n) (CLT).
inline bool mean_within_clt(const std::vector<double>& xs, double mu, double var, double alpha = kFalseAlarm) {
  const Moments m = moments(xs);
  return std::abs(m.mean - mu) <= z_crit(alpha) * std::sqrt(var / static_cast<double>(m.n));
}

// |sample variance - var| within z * sqrt((mu4 - var^2) / n), mu4 the fourth central moment.
inline bool var_within_clt(const std::vector<double>& xs, double var, double mu4, double alpha = kFalseAlarm) {
  const Moments m = moments(xs);
  return std::abs(m.var - var) <= z_crit(alpha) * std::sqrt((mu4 - var * var) / static_cast<double>(m.n));
}

// One-sample Kolmogorov-Smirnov test: the p-value of the sample against `cdf`
// (asymptotic Kolmogorov distribution with Stephens' small-sample correction).
inline double ks_pvalue(std::vector<double> xs, const std::function<double(double)>& cdf) {
  std::sort(xs.begin(), xs.end());
  const double n = static_cast<double>(xs.size());
  double d = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double f = cdf(xs[i]);
    d = std::max({d, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
  }
  return kolmogorov_pvalue(n, d);
}

// Pearson chi-square goodness-of-fit p-value of integer draws against `pmf`.
// Cells with expected count < 5 are pooled into the tails.
inline double chi_square_pvalue(const std::vector<double>& xs, const std::function<double(double)>& pmf,
                                double lo, double hi) {
  std::map<double, double> observed;
  for (double x : xs) observed[x] += 1;
  const double n = static_cast<double>(xs.size());
  double stat = 0, pooled_obs = 0, pooled_exp = 0, covered = 0;
  int cells = 0;
  for (double k = lo; k <= hi; k += 1) {
    const double e = n * pmf(k);
    covered += pmf(k);
    const double o = observed.count(k) ? observed[k] : 0.0;
    if (e < 5) {
      pooled_obs += o;
      pooled_exp += e;
      continue;
    }
    stat += (o - e) * (o - e) / e;
    ++cells;
  }
  // Everything outside [lo, hi] joins the pooled cell.
  double outside = 0;
  for (auto& [k, c] : observed)
    if (k < lo || k > hi) outside += c;
  pooled_obs += outside;
  pooled_exp += n * std::max(0.0, 1.0 - covered);
  if (pooled_exp > 0) {
    stat += (pooled_obs - pooled_exp) * (pooled_obs - pooled_exp) / pooled_exp;
    ++cells;
  }
  if (cells < 2) return 1.0;
  return boost::math::cdf(boost::math::complement(boost::math::chi_squared(cells - 1), stat));
}

}  // namespace alea::test
