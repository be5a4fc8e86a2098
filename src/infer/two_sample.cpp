// Two-sample KS statistic by merging sorted samples; ties advance both sides.
#include "alea/infer/two_sample.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace alea {

TwoSampleResult ks_two_sample(std::vector<double> a, std::vector<double> b) {
  if (a.empty() || b.empty()) throw std::invalid_argument("ks_two_sample: both samples need draws");
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  const double n = static_cast<double>(a.size()), m = static_cast<double>(b.size());
  std::size_t i = 0, j = 0;
  double d = 0;
  while (i < a.size() && j < b.size()) {
    const double x = std::min(a[i], b[j]);
    while (i < a.size() && a[i] == x) ++i;
    while (j < b.size() && b[j] == x) ++j;
    d = std::max(d, std::abs(static_cast<double>(i) / n - static_cast<double>(j) / m));
  }
  return {d, kolmogorov_pvalue(n * m / (n + m), d)};
}

double kolmogorov_pvalue(double n, double d) {
  const double t = (std::sqrt(n) + 0.12 + 0.11 / std::sqrt(n)) * d;
  double p = 0;
  for (int k = 1; k < 100; ++k) p += 2 * ((k % 2) ? 1.0 : -1.0) * std::exp(-2.0 * k * k * t * t);
  return std::clamp(p, 0.0, 1.0);
}

}  // namespace alea
