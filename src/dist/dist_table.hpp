// Internal: the table of operations behind registry.hpp, one entry per DistKind,
// each defined in its distribution's own .cpp file.
#pragma once
#include <span>

#include "alea/dist/registry.hpp"

namespace alea::dist::detail {

struct DistOps {
  Shape (*natural_shape)(std::span<const Shape> param_shapes);
  void (*check_params)(std::span<const Value> params, const Shape& shape);
  double (*logpdf)(std::span<const Value> params, const Value& x);
  Value (*draw)(std::span<const Value> params, const Shape& shape, Rng& rng);
  Value (*mean)(std::span<const Value> params, const Shape& shape);
  Value (*variance)(std::span<const Value> params, const Shape& shape);
  Support (*support)(std::span<const Value> params);
  // Distributions of scalars only (nullptr otherwise): see dist::logpdf_each.
  void (*logpdf_each)(std::span<const Value> params, const double* x, double* out, std::size_t n) = nullptr;
};

#define ALEA_DECLARE_DIST_OPS(fn) const DistOps& fn();
ALEA_DECLARE_DIST_OPS(normal_ops)
ALEA_DECLARE_DIST_OPS(half_normal_ops)
ALEA_DECLARE_DIST_OPS(lognormal_ops)
ALEA_DECLARE_DIST_OPS(student_t_ops)
ALEA_DECLARE_DIST_OPS(cauchy_ops)
ALEA_DECLARE_DIST_OPS(half_cauchy_ops)
ALEA_DECLARE_DIST_OPS(uniform_ops)
ALEA_DECLARE_DIST_OPS(exponential_ops)
ALEA_DECLARE_DIST_OPS(gamma_ops)
ALEA_DECLARE_DIST_OPS(inverse_gamma_ops)
ALEA_DECLARE_DIST_OPS(chi_squared_ops)
ALEA_DECLARE_DIST_OPS(beta_ops)
ALEA_DECLARE_DIST_OPS(laplace_ops)
ALEA_DECLARE_DIST_OPS(logistic_ops)
ALEA_DECLARE_DIST_OPS(weibull_ops)
ALEA_DECLARE_DIST_OPS(pareto_ops)
ALEA_DECLARE_DIST_OPS(bernoulli_ops)
ALEA_DECLARE_DIST_OPS(binomial_ops)
ALEA_DECLARE_DIST_OPS(poisson_ops)
ALEA_DECLARE_DIST_OPS(geometric_ops)
ALEA_DECLARE_DIST_OPS(negative_binomial_ops)
ALEA_DECLARE_DIST_OPS(categorical_ops)
ALEA_DECLARE_DIST_OPS(discrete_uniform_ops)
ALEA_DECLARE_DIST_OPS(mv_normal_ops)
ALEA_DECLARE_DIST_OPS(mv_student_t_ops)
ALEA_DECLARE_DIST_OPS(dirichlet_ops)
ALEA_DECLARE_DIST_OPS(multinomial_ops)
ALEA_DECLARE_DIST_OPS(beta_binomial_ops)
ALEA_DECLARE_DIST_OPS(poisson_gamma_joint_ops)
ALEA_DECLARE_DIST_OPS(binomial_beta_joint_ops)
ALEA_DECLARE_DIST_OPS(neg_binomial_beta_joint_ops)
ALEA_DECLARE_DIST_OPS(gamma_rate_joint_ops)
ALEA_DECLARE_DIST_OPS(normal_mean_joint_ops)
ALEA_DECLARE_DIST_OPS(normal_precision_joint_ops)
ALEA_DECLARE_DIST_OPS(normal_gamma_joint_ops)
ALEA_DECLARE_DIST_OPS(dirichlet_multinomial_ops)
ALEA_DECLARE_DIST_OPS(categorical_dirichlet_joint_ops)
ALEA_DECLARE_DIST_OPS(normal_mixture_ops)
#undef ALEA_DECLARE_DIST_OPS

}  // namespace alea::dist::detail
