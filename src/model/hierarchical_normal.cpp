// The conditional of hierarchical normal group effects given Gaussian observations.
#include "alea/model/hierarchical_normal.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace alea {

NormalConditional hierarchical_normal_conditional(double mu, double tau, const std::vector<double>& y,
                                                  const std::vector<double>& sigma) {
  if (!(tau > 0) || !std::isfinite(tau))
    throw std::invalid_argument("hierarchical_normal_conditional: tau is " + std::to_string(tau) +
                                ", but must be positive and finite");
  if (y.size() != sigma.size())
    throw std::invalid_argument("hierarchical_normal_conditional: " + std::to_string(y.size()) + " observations but " +
                                std::to_string(sigma.size()) + " standard deviations");
  NormalConditional out;
  for (std::size_t j = 0; j < y.size(); ++j) {
    if (!(sigma[j] > 0) || !std::isfinite(sigma[j]))
      throw std::invalid_argument("hierarchical_normal_conditional: sigma[" + std::to_string(j + 1) + "] is " +
                                  std::to_string(sigma[j]) + ", but must be positive and finite");
    const double prior = 1 / (tau * tau), data = 1 / (sigma[j] * sigma[j]);
    out.mean.push_back((prior * mu + data * y[j]) / (prior + data));
    out.sd.push_back(1 / std::sqrt(prior + data));
  }
  return out;
}

}  // namespace alea
