// The hierarchical_normal composite's conditional formula: with group effects
// theta[j] ~ normal(mu, tau) and observations y[j] ~ normal(theta[j], sigma[j]),
// the group effects given mu, tau and y are independent normals. The rewriter's
// rule (rules_composite_normal.cpp) gives the marginal of y given mu and tau; a
// sampler that draws (mu, tau) from that marginal draws the group effects
// afterwards, exactly, from this conditional (p(theta, y) = p(y) p(theta | y)).
#pragma once
#include <vector>

namespace alea {

struct NormalConditional {
  std::vector<double> mean, sd;
};

// theta[j] | mu, tau, y ~ normal(mean[j], sd[j]): precision 1/tau^2 + 1/sigma[j]^2,
// mean the precision-weighted average of mu and y[j]. Throws std::invalid_argument
// naming the bad value when tau or a sigma[j] is not positive, or the sizes differ.
NormalConditional hierarchical_normal_conditional(double mu, double tau, const std::vector<double>& y,
                                                  const std::vector<double>& sigma);

}  // namespace alea
