// Two-sample Kolmogorov-Smirnov test: are two sets of draws from one distribution?
// Used to compare draws of the naive and simplified models.
#pragma once
#include <vector>

namespace alea {

struct TwoSampleResult {
  double statistic = 0;  // sup |F_a - F_b|
  double p_value = 1;    // asymptotic Kolmogorov distribution, effective size n m / (n + m)
};

TwoSampleResult ks_two_sample(std::vector<double> a, std::vector<double> b);

}  // namespace alea
