// Dispatch from a DistKind to its distribution's operations.
#include "alea/dist/registry.hpp"

#include <stdexcept>
#include <string>

#include "dist_table.hpp"

namespace alea::dist {
namespace {

const detail::DistOps& ops(DistKind k) {
  using namespace detail;
  switch (k) {
    case DistKind::Normal: return normal_ops();
    case DistKind::HalfNormal: return half_normal_ops();
    case DistKind::LogNormal: return lognormal_ops();
    case DistKind::StudentT: return student_t_ops();
    case DistKind::Cauchy: return cauchy_ops();
    case DistKind::HalfCauchy: return half_cauchy_ops();
    case DistKind::Uniform: return uniform_ops();
    case DistKind::Exponential: return exponential_ops();
    case DistKind::Gamma: return gamma_ops();
    case DistKind::InverseGamma: return inverse_gamma_ops();
    case DistKind::ChiSquared: return chi_squared_ops();
    case DistKind::Beta: return beta_ops();
    case DistKind::Laplace: return laplace_ops();
    case DistKind::Logistic: return logistic_ops();
    case DistKind::Weibull: return weibull_ops();
    case DistKind::Pareto: return pareto_ops();
    case DistKind::Bernoulli: return bernoulli_ops();
    case DistKind::Binomial: return binomial_ops();
    case DistKind::Poisson: return poisson_ops();
    case DistKind::Geometric: return geometric_ops();
    case DistKind::NegativeBinomial: return negative_binomial_ops();
    case DistKind::Categorical: return categorical_ops();
    case DistKind::DiscreteUniform: return discrete_uniform_ops();
    case DistKind::MvNormal: return mv_normal_ops();
    case DistKind::MvStudentT: return mv_student_t_ops();
    case DistKind::Dirichlet: return dirichlet_ops();
    case DistKind::Multinomial: return multinomial_ops();
    case DistKind::BetaBinomial: return beta_binomial_ops();
    case DistKind::PoissonGammaJoint: return poisson_gamma_joint_ops();
    case DistKind::BinomialBetaJoint: return binomial_beta_joint_ops();
    case DistKind::NegBinomialBetaJoint: return neg_binomial_beta_joint_ops();
    case DistKind::GammaRateJoint: return gamma_rate_joint_ops();
    case DistKind::NormalMeanJoint: return normal_mean_joint_ops();
    case DistKind::NormalPrecisionJoint: return normal_precision_joint_ops();
    case DistKind::NormalGammaJoint: return normal_gamma_joint_ops();
    case DistKind::DirichletMultinomial: return dirichlet_multinomial_ops();
    case DistKind::CategoricalDirichletJoint: return categorical_dirichlet_joint_ops();
    case DistKind::NormalMixture: return normal_mixture_ops();
  }
  throw std::logic_error("unknown distribution kind " + std::to_string(static_cast<int>(k)));
}

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

}  // namespace alea::dist
