// The distributions the model graph knows by name, with their parameters.
// Names and parameterizations here are alea's own (documented in docs/distributions.md);
// the BUGS front end converts JAGS's parameterizations (precision, ...) to these.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "alea/graph/shape.hpp"

namespace alea {

// The families that T(lo, hi) truncates (dist/truncated.hpp), the one list of them:
// each line X(Base, name) makes the kind TruncatedBase, named "truncated_<name>", whose
// parameters are the base's then lo and hi. A family needs a distribution function
// (Cdf) in its record. Appending a line here is all a new truncated family takes; the
// enum, the name table, the registry and dist/truncated.cpp expand this list.
#define ALEA_TRUNCATABLE(X)                                                                   \
  X(Normal, normal) X(Beta, beta) X(Gamma, gamma) X(LogNormal, lognormal)                     \
  X(StudentT, student_t) X(Cauchy, cauchy) X(Exponential, exponential)                        \
  X(ChiSquared, chi_squared) X(Laplace, laplace) X(Logistic, logistic) X(Weibull, weibull)    \
  X(Pareto, pareto) X(Uniform, uniform) X(HalfNormal, half_normal) X(HalfCauchy, half_cauchy) \
  X(InverseGamma, inv_gamma) X(Poisson, poisson) X(Binomial, binomial)                    \
  X(NegativeBinomial, neg_binomial) X(Geometric, geometric)                                   \
  X(NoncentralChiSquared, noncentral_chi_squared) X(FisherF, fisher_f) X(GenGamma, gen_gamma)

enum class DistKind : std::uint8_t {
  // continuous
  Normal,        // (mu, sigma)      mean, standard deviation
  HalfNormal,    // (sigma)          |normal(0, sigma)|
  LogNormal,     // (mu, sigma)      log(x) ~ normal(mu, sigma)
  StudentT,      // (nu, mu, sigma)  degrees of freedom, location, scale
  Cauchy,        // (mu, sigma)      location, scale
  HalfCauchy,    // (sigma)          |cauchy(0, sigma)|
  Uniform,       // (lo, hi)
  Exponential,   // (rate)
  Gamma,         // (shape, rate)
  InverseGamma,  // (shape, scale)   1/x ~ gamma(shape, rate = scale)
  ChiSquared,    // (nu)
  Beta,          // (a, b)
  Laplace,       // (mu, b)          location, scale
  Logistic,      // (mu, s)          location, scale
  Weibull,       // (k, lambda)      shape, scale
  Pareto,        // (xm, alpha)      scale (minimum), shape
  // discrete
  Bernoulli,         // (p)
  Binomial,          // (n, p)
  Poisson,           // (lambda)
  Geometric,         // (p)           failures before the first success, support 0, 1, ...
  NegativeBinomial,  // (r, p)        failures before the r-th success, success probability p
  Categorical,       // (p vector)    values 1..K (as BUGS's dcat)
  DiscreteUniform,   // (lo, hi)      integers lo..hi inclusive
  // multivariate
  MvNormal,     // (mu vector, Sigma matrix)  covariance
  Dirichlet,    // (alpha vector)
  Multinomial,  // (n, p vector)
  MvStudentT,   // (nu, mu vector, Sigma matrix)  degrees of freedom, location, scale matrix
  // marginals of conjugate pairs (rewrite/conjugacy): a latent integrated out
  BetaBinomial,  // (n, a, b)  binomial(n, p) with p ~ beta(a, b), elementwise
  // joint marginals of observations y[i] that share one latent (not independent):
  // per-observation parameters are scalars or of the draw's shape
  PoissonGammaJoint,     // (a, b, e)        y[i] ~ poisson(e[i] lambda), lambda ~ gamma(a, b)
  BinomialBetaJoint,     // (n, a, b)        y[i] ~ binomial(n[i], p), p ~ beta(a, b)
  NegBinomialBetaJoint,  // (r, a, b)        y[i] ~ neg_binomial(r[i], p), p ~ beta(a, b)
  GammaRateJoint,        // (k, a, b)        y[i] ~ gamma(k[i], lambda), lambda ~ gamma(a, b)
  NormalMeanJoint,       // (c, d, m, s, sigma) y[i] ~ normal(c[i] + d[i] mu, sigma[i]), mu ~ normal(m, s)
  NormalPrecisionJoint,  // (m, a, b)        y[i] ~ normal(m[i], 1/sqrt(tau)), tau ~ gamma(a, b)
  NormalGammaJoint,      // (c, d, m, s, sigma, a, b) y[i] ~ normal(c[i] + d[i] mu, sigma[i]/sqrt(tau)),
                         //   mu ~ normal(m, s/sqrt(tau)), tau ~ gamma(a, b)
  DirichletMultinomial,  // (n, alpha)       multinomial(n, p) with p ~ dirichlet(alpha)
  CategoricalDirichletJoint,  // (alpha)     y[i] ~ categorical(p), p ~ dirichlet(alpha)
  // finite mixtures: the component indicator integrated out
  NormalMixture,  // (w, mu, sigma vectors[K])  y ~ normal(mu[z], sigma[z]), z ~ categorical(w)
  // censoring
  Interval,  // (t, c vector)  index of t among the cut points c (JAGS's dinterval)
  // truncation to [lo, hi] of a distribution with a distribution function
  // (dist/truncated.hpp): Truncated<Base> for each line of ALEA_TRUNCATABLE, in its order
#define ALEA_TRUNCATED_ENUM(Base, name) Truncated##Base,
  ALEA_TRUNCATABLE(ALEA_TRUNCATED_ENUM)
#undef ALEA_TRUNCATED_ENUM
  // JAGS's bugs module
  Hypergeometric,  // (n1, n2, m1, psi)  Fisher's non-central hypergeometric (JAGS's dhyper)
  Sample,          // (p vector, k)      k of N items drawn without replacement: 0/1 vector (dsample)
  Sum,             // (s)                observed sum constraint: mass 1 at s (dsum; the builder sums the arguments)
  Round,           // (t, d)             observed rounding: mass 1 at t rounded to d digits (dround)
  // symmetric positive definite matrices
  Wishart,  // (nu, Sigma matrix)  degrees of freedom, scale matrix; mean nu Sigma
  // JAGS's bugs module, continuous
  NoncentralChiSquared,  // (nu, delta)      degrees of freedom, non-centrality (dnchisqr)
  FisherF,               // (n, m)           numerator, denominator degrees of freedom (df)
  GenGamma,              // (r, lambda, b)   (lambda x)^b ~ gamma(r, 1) (dgen.gamma)
};

inline constexpr int kDistKindCount = static_cast<int>(DistKind::GenGamma) + 1;

// How a parameter or value is shaped for one (non-broadcast) draw.
enum class Arity : std::uint8_t { Scalar, Vector, Matrix };

struct DistInfo {
  DistKind kind;
  std::string_view name;  // alea's name, e.g. "normal", "inv_gamma"
  std::span<const std::string_view> params;
  std::span<const Arity> param_arity;
  Arity value_arity;
  ScalarType value_type;
};

const DistInfo& dist_info(DistKind k);
std::optional<DistKind> dist_by_name(std::string_view name);

}  // namespace alea
