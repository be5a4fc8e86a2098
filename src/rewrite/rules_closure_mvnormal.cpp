// Closure of the multivariate normal under affine maps and sums:
//   A x + b, x ~ mv_normal(m, S)           ->  mv_normal(A m + b, A S A')
//   x + y, x ~ mv_normal(m1, S1), y ~ mv_normal(m2, S2) independent  ->  mv_normal(m1 + m2, S1 + S2)
//   c x, c a scalar                         ->  mv_normal(c m, c^2 S)
// A and S must be constants for the matrix product (the covariance is folded to a
// constant matrix); A S A' must be positive definite (A of full row rank), or the
// rule does not apply. The shift and the scale take anything independent of x.
#include <Eigen/Dense>

#include "alea/rewrite/rules.hpp"

namespace alea::rewrite {
namespace {

std::optional<ClassId> affine(EGraph& g, const Match& m) {
  const auto& a = g.data(m["?A"]).constant;
  const auto& s = g.data(m["?S"]).constant;
  if (!a || !s || a->shape().rank() != 2 || s->shape().rank() != 2) return std::nullopt;
  const auto rows = a->shape().dims[0], cols = a->shape().dims[1];
  const Eigen::Map<const Eigen::MatrixXd> A(a->data().data(), rows, cols);  // column-major, as Value stores it
  const Eigen::Map<const Eigen::MatrixXd> S(s->data().data(), cols, cols);
  const Eigen::MatrixXd cov = A * S * A.transpose();
  if (Eigen::LLT<Eigen::MatrixXd>(cov).info() != Eigen::Success) return std::nullopt;
  const ClassId sigma = g.add_constant(
      Value(Shape::matrix(rows, rows), std::vector<double>(cov.data(), cov.data() + cov.size()), ScalarType::Real));
  const ClassId mean = g.add(ENode{Op::MatVec, DistKind::Normal, 0, {m["?A"], m["?m"]}});
  return g.add_replacement_draw(DistKind::MvNormal, {mean, sigma}, Shape::vector(rows), matched_cover(g, m), m.root);
}

}  // namespace

std::vector<Rule> mv_normal_closure_rules() {
  const Guard shaped = draws_shaped_like_root();
  return {
      computed("mv-normal-linear", RuleKind::Distributional, "(matvec ?A (mv_normal ?m ?S))", affine,
               {is_constant("?A"), is_constant("?S")}, "(mv_normal (matvec ?A ?m) (A S A'))"),
      dist_rw("mv-normal-shift", "(+ (mv_normal ?m ?S) ?b)", "(mv_normal (+ ?m ?b) ?S)", {independent_of("?b"), shaped}),
      dist_rw("mv-normal-sum", "(+ (mv_normal ?m1 ?S1) (mv_normal ?m2 ?S2))", "(mv_normal (+ ?m1 ?m2) (+ ?S1 ?S2))",
              {draws_independent(), shaped}),
      dist_rw("mv-normal-scale", "(* ?c (mv_normal ?m ?S))", "(mv_normal (* ?c ?m) (* (square ?c) ?S))",
              {is_scalar("?c"), nonzero("?c"), independent_of("?c"), shaped}),
  };
}

}  // namespace alea::rewrite
