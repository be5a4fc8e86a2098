// Dispatch from a DistKind to its distribution's operations.
#include "alea/dist/registry.hpp"

#include <stdexcept>
#include <string>

#include "dist_table.hpp"

// The registration list: one line per distribution, its kind and the function in its
// own .cpp file that returns its record (as `const DistRecord& <name>_ops()`). The
// truncated kinds come from ALEA_TRUNCATABLE (graph/dist_kind.hpp) and truncated.cpp.
#define ALEA_DISTRIBUTIONS(X)                               \
  X(Normal, normal)                                         \
  X(HalfNormal, half_normal)                                \
  X(LogNormal, lognormal)                                   \
  X(StudentT, student_t)                                    \
  X(Cauchy, cauchy)                                         \
  X(HalfCauchy, half_cauchy)                                \
  X(Uniform, uniform)                                       \
  X(Exponential, exponential)                               \
  X(Gamma, gamma)                                           \
  X(InverseGamma, inverse_gamma)                            \
  X(ChiSquared, chi_squared)                                \
  X(Beta, beta)                                             \
  X(Laplace, laplace)                                       \
  X(Logistic, logistic)                                     \
  X(Weibull, weibull)                                       \
  X(Pareto, pareto)                                         \
  X(Bernoulli, bernoulli)                                   \
  X(Binomial, binomial)                                     \
  X(Poisson, poisson)                                       \
  X(Geometric, geometric)                                   \
  X(NegativeBinomial, negative_binomial)                    \
  X(Categorical, categorical)                               \
  X(DiscreteUniform, discrete_uniform)                      \
  X(MvNormal, mv_normal)                                    \
  X(MvStudentT, mv_student_t)                               \
  X(Dirichlet, dirichlet)                                   \
  X(Multinomial, multinomial)                               \
  X(BetaBinomial, beta_binomial)                            \
  X(PoissonGammaJoint, poisson_gamma_joint)                 \
  X(BinomialBetaJoint, binomial_beta_joint)                 \
  X(NegBinomialBetaJoint, neg_binomial_beta_joint)          \
  X(GammaRateJoint, gamma_rate_joint)                       \
  X(NormalMeanJoint, normal_mean_joint)                     \
  X(NormalPrecisionJoint, normal_precision_joint)           \
  X(NormalGammaJoint, normal_gamma_joint)                   \
  X(DirichletMultinomial, dirichlet_multinomial)            \
  X(CategoricalDirichletJoint, categorical_dirichlet_joint) \
  X(NormalMixture, normal_mixture)                          \
  X(Interval, interval)                                     \
  X(Hypergeometric, hypergeometric)                         \
  X(Sample, sample)                                         \
  X(Sum, sum_constraint)                                    \
  X(Round, round_constraint)                                \
  X(Wishart, wishart)                                       \
  X(NoncentralChiSquared, noncentral_chi_squared)           \
  X(FisherF, fisher_f)                                      \
  X(GenGamma, gen_gamma)                                    \
  /* end */

namespace alea::dist {
namespace detail {
#define ALEA_DECLARE(kind, fn) const DistRecord& fn##_ops();
ALEA_DISTRIBUTIONS(ALEA_DECLARE)
#undef ALEA_DECLARE
const DistRecord& truncated_ops(DistKind kind);
}  // namespace detail
namespace {

const detail::DistOps& ops(DistKind k) {
  switch (k) {
#define ALEA_CASE(kind, fn) \
  case DistKind::kind:      \
    return detail::fn##_ops();
    ALEA_DISTRIBUTIONS(ALEA_CASE)
#undef ALEA_CASE
#define ALEA_TRUNCATED_CASE(Base, name) case DistKind::Truncated##Base:
    ALEA_TRUNCATABLE(ALEA_TRUNCATED_CASE)
#undef ALEA_TRUNCATED_CASE
    return detail::truncated_ops(k);
  }
  throw std::logic_error("unknown distribution kind " + std::to_string(static_cast<int>(k)));
}
#undef ALEA_DISTRIBUTIONS  // this file's list only (a unity build compiles other files after it)

}  // namespace

Shape natural_shape(DistKind k, std::span<const Shape> param_shapes) {
  return ops(k).natural_shape(param_shapes);
}

void check_params(DistKind k, std::span<const Value> params, const Shape& shape) {
  if (params.size() != dist_info(k).params.size())
    throw std::invalid_argument(std::string(dist_info(k).name) + " takes " +
                                std::to_string(dist_info(k).params.size()) + " parameters, got " +
                                std::to_string(params.size()));
  ops(k).check_params(params, shape);
}

double logpdf(DistKind k, std::span<const Value> params, const Value& x) { return ops(k).logpdf(params, x); }

// The distributions of scalars with scalar parameters are those lifted by scalar_ops,
// which gives each its logpdf_each.
bool has_logpdf_each(DistKind k) { return ops(k).logpdf_each != nullptr; }

void logpdf_each(DistKind k, std::span<const Value> params, std::span<const double> x, std::span<double> out) {
  if (!has_logpdf_each(k))
    throw std::logic_error("logpdf_each: " + std::string(dist_info(k).name) +
                           " is not a distribution of scalars with scalar parameters");
  if (out.size() != x.size())
    throw std::invalid_argument("logpdf_each: " + std::to_string(x.size()) + " values but room for " +
                                std::to_string(out.size()) + " log densities");
  for (const Value& p : params)
    if (p.size() != 1 && p.size() != x.size())
      throw std::invalid_argument("logpdf_each: a parameter of " + std::to_string(p.size()) + " values for " +
                                  std::to_string(x.size()) + " elements");
  ops(k).logpdf_each(params, x.data(), out.data(), x.size());
}

Value draw(DistKind k, std::span<const Value> params, const Shape& shape, Rng& rng) {
  return ops(k).draw(params, shape, rng);
}

Value mean(DistKind k, std::span<const Value> params, const Shape& shape) {
  return ops(k).mean(params, shape);
}

Value variance(DistKind k, std::span<const Value> params, const Shape& shape) {
  return ops(k).variance(params, shape);
}

Support support(DistKind k, std::span<const Value> params) { return ops(k).support(params); }

const DistRecord& record(DistKind k) {
  return ops(k);
}

}  // namespace alea::dist
