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

// The checks of the Gaussian part shared by normal_mean_joint and normal_gamma_joint
// (c, d, m, s, sigma; rank_one_gaussian.hpp computes it).
std::string rank_one_why_scalars(std::span<const Value> p);
std::string rank_one_why_at(std::span<const Value> p, std::size_t i);
// A value of `shape` filled element by element (moments).
using ElementMoment = double (*)(std::span<const Value>, std::size_t);
Value joint_fill(const Shape& shape, std::span<const Value> p, ElementMoment f);
// The operations of a joint marginal of kind K whose moments are filled element by element.
// With its closed-form partials and, where they exist, its sufficient statistics.
template <DistKind K, ElementMoment Mean, ElementMoment Variance>
DistOps joint_ops(decltype(DistOps::check_params) check, decltype(DistOps::logpdf) logpdf,
                  decltype(DistOps::draw) draw, decltype(DistOps::support) support,
                  ArrayPartialsFn partials = nullptr, FoldStatsFn fold = nullptr, StatsPartialsFn stats = nullptr) {
  DistOps r{[](std::span<const Shape> s) { return joint_natural_shape(K, s); },
            check,
            logpdf,
            draw,
            [](std::span<const Value> p, const Shape& s) { return joint_fill(s, p, Mean); },
            [](std::span<const Value> p, const Shape& s) { return joint_fill(s, p, Variance); },
            support};
  r.array_partials = partials;
  r.fold_stats = fold;
  r.stats_partials = stats;
  return r;
}
double log_beta(double a, double b);
// Read-only views of values (record.hpp), for the log densities that share their code
// with the partials.
inline ArrayView view(const Value& v) {
  return {v.data().data(), v.size()};
}
std::vector<ArrayView> views(std::span<const Value> p);

// A partial being summed: element i of a per-observation parameter, or a broadcast
// scalar's sum kept in a register and added once (flush).
struct PartialSlot {
  double* d;
  bool scalar;
  double sum = 0.0;
  void add(std::size_t i, double v) {
    if (!d) return;
    if (scalar)
      sum += v;
    else
      d[i] += v;
  }
  void flush() {
    if (d && scalar) d[0] += sum;
  }
};
double log_choose(double n, double k);

}  // namespace alea::dist::detail
