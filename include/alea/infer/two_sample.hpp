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

// P(D > d) for the KS statistic d of a sample of effective size n: the asymptotic
// Kolmogorov distribution with Stephens' small-sample correction.
double kolmogorov_pvalue(double n, double d);

}  // namespace alea
