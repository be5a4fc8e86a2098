// Scalar link functions that BUGS models use (phi, probit, cloglog, icloglog), written
// for accuracy in the tails, with the derivatives the gradient needs.
#pragma once

namespace alea::dist::jags {

// The standard normal CDF, 0.5 erfc(-x / sqrt 2) (no cancellation for x << 0).
double phi(double x);
// Its inverse, -sqrt(2) erfc^-1(2 p) (accurate for p near 0 and near 1).
double probit(double p);
// log(-log(1 - p)) and its inverse 1 - exp(-exp(x)).
double cloglog(double p);
double icloglog(double x);

// The standard normal density: d phi / dx.
double normal_density(double x);
// d cloglog / dp = 1 / ((1 - p) (-log(1 - p))); d icloglog / dx = exp(x - exp(x)).
double cloglog_derivative(double p);
double icloglog_derivative(double x);

}  // namespace alea::dist::jags
