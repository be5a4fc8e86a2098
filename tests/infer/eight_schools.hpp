// The eight schools model (Rubin 1981) built with the C++ API, as written (naive)
// and as the conjugacy rewrite leaves it (group effects integrated out of the
// likelihood and drawn exactly afterwards given mu, tau and the data).
#pragma once
#include <vector>

#include "alea/model/model.hpp"

namespace alea::test {

inline const std::vector<double> kSchoolsY = {28, 8, -3, 7, -1, 1, 18, 12};
inline const std::vector<double> kSchoolsSigma = {15, 10, 16, 11, 9, 11, 10, 18};

// mu ~ normal(0, 100); tau ~ half_cauchy(5); theta[j] ~ normal(mu, tau);
// y[j] ~ normal(theta[j], sigma[j]).
inline Model eight_schools_naive() {
  Model m;
  Expr mu = m.random("mu", normal(0.0, 100.0));
  Expr tau = m.random("tau", half_cauchy(5.0));
  Expr theta = m.random("theta", normal(mu, tau), Shape::vector(8));
  m.random("y", normal(theta, Value(kSchoolsSigma)));
  m.observe("y", Value(kSchoolsY));
  return m;
}

// y[j] ~ normal(mu, sqrt(tau^2 + sigma[j]^2)); theta[j] | mu, tau, y ~ normal(m_j, s_j)
// with precision 1/tau^2 + 1/sigma_j^2 and mean (mu/tau^2 + y_j/sigma_j^2) / precision.
inline Model eight_schools_marginalized() {
  Model m;
  Expr mu = m.random("mu", normal(0.0, 100.0));
  Expr tau = m.random("tau", half_cauchy(5.0));
  Expr sigma = m.data("sigma", Value(kSchoolsSigma));
  Expr y = m.random("y", normal(mu, sqrt(square(tau) + square(sigma))));
  m.observe("y", Value(kSchoolsY));
  Expr prec = 1.0 / square(tau) + 1.0 / square(sigma);
  m.random("theta", normal((mu / square(tau) + y / square(sigma)) / prec, 1.0 / sqrt(prec)));
  return m;
}

}  // namespace alea::test
