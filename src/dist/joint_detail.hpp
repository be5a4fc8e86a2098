// Internal: what the joint marginals of conjugate pairs share (poisson_gamma_joint,
// normal_mean_joint, ...): observations y[i] that share one integrated-out latent. Their
// prior parameters are scalars; per-observation parameters are scalars or have the
// draw's shape. Log densities are computed from sufficient statistics in one pass.
#pragma once
#include <cmath>
#include <span>
#include <string>

#include "alea/dist/check.hpp"
#include "dist_table.hpp"

namespace alea::dist::detail {

// The broadcast of the parameters' shapes (a scalar when every parameter is one).
Shape joint_natural_shape(DistKind k, std::span<const Shape> shapes);
// Scalar parameters are scalars, per-observation ones scalars or of `shape`: else
// std::invalid_argument naming the parameter and both shapes.
void joint_check_shapes(DistKind k, std::span<const Value> p, const Shape& shape);
// Throws std::domain_error "<name>: <why>" for the first element whose check fails.
template <class F>
void joint_check_values(DistKind k, std::span<const Value> p, F&& why_at) {
  std::size_t n = 1;
  for (const Value& v : p) n = std::max(n, v.size());
  for (std::size_t i = 0; i < n; ++i) throw_if_invalid(dist_info(k).name, why_at(i));
}
// A constant-filled value of `shape` (moments).
Value joint_fill(const Shape& shape, std::span<const Value> p, double (*f)(std::span<const Value>, std::size_t));
double log_beta(double a, double b);
double log_choose(double n, double k);

}  // namespace alea::dist::detail
