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
// A joint marginal's parameter checks, split so that a log density checks the scalar
// (prior) parameters once, not once per observation: `scalars` returns why they are
// invalid (empty when they are fine), `at` why observation i's parameters are.
using ScalarWhy = std::string (*)(std::span<const Value>);
using ElementWhy = std::string (*)(std::span<const Value>, std::size_t);
// Throws std::domain_error "<name>: <why>" for the scalar parameters, then for the
// first observation whose per-observation parameters fail.
void joint_check_values(DistKind k, std::span<const Value> p, ScalarWhy scalars, ElementWhy at);
// check_params of a joint marginal: shapes, then values.
void joint_check(DistKind k, std::span<const Value> p, const Shape& shape, ScalarWhy scalars, ElementWhy at);

// The Gaussian part shared by normal_mean_joint and normal_gamma_joint, whose first five
// parameters are (c, d, m, s, sigma): y ~ normal(c + d mu, sigma) with mu ~ normal(m, s)
// integrated out has covariance diag(sigma^2) + s^2 d d'. With r = y - c - d m and
// w = d / sigma^2, by the matrix determinant lemma and Sherman-Morrison:
//   log det = sum log sigma^2 + log(1 + s^2 sum(d w)),
//   quad    = sum(r^2 / sigma^2) - s^2 (sum(w r))^2 / (1 + s^2 sum(d w)).
// `valid` is false when an observation's parameters fail rank_one_why_at or a value is
// not finite; the scalars m and s are checked by rank_one_why_scalars.
struct RankOneGaussian {
  double log_det = 0.0, quad = 0.0;
  bool valid = true;
};
RankOneGaussian rank_one_gaussian(std::span<const Value> p, const Value& y);
std::string rank_one_why_scalars(std::span<const Value> p);
std::string rank_one_why_at(std::span<const Value> p, std::size_t i);
// A value of `shape` filled element by element (moments).
using ElementMoment = double (*)(std::span<const Value>, std::size_t);
Value joint_fill(const Shape& shape, std::span<const Value> p, ElementMoment f);
// The operations of a joint marginal of kind K whose moments are filled element by element.
template <DistKind K, ElementMoment Mean, ElementMoment Variance>
DistOps joint_ops(decltype(DistOps::check_params) check, decltype(DistOps::logpdf) logpdf,
                  decltype(DistOps::draw) draw, decltype(DistOps::support) support) {
  return {[](std::span<const Shape> s) { return joint_natural_shape(K, s); },
          check,
          logpdf,
          draw,
          [](std::span<const Value> p, const Shape& s) { return joint_fill(s, p, Mean); },
          [](std::span<const Value> p, const Shape& s) { return joint_fill(s, p, Variance); },
          support};
}
double log_beta(double a, double b);
double log_choose(double n, double k);

}  // namespace alea::dist::detail
