// A gamma or inverse-gamma latent that scales a multivariate normal's covariance: the
// second half of the normal-inverse-gamma prior (after the linear-Gaussian rule has
// integrated the weights out, y | v ~ mv_normal(mu, Sigma0 * g), g = v or 1/v).
//   v ~ inv_gamma(a, b),  y ~ mv_normal(mu, Sigma0 * v)       (variance scale)
//   tau ~ gamma(a, b),    y ~ mv_normal(mu, Sigma0 / tau)     (precision scale)
// with mu and Sigma0 free of the latent, Sigma0 constant, n = dim(y):
//   v | y ~ inv_gamma(a + n/2, b + Q/2)  (tau | y ~ gamma(a + n/2, b + Q/2)),
//   Q = (y - mu)' Sigma0^-1 (y - mu),
//   y ~ mv_student_t(2a, mu, (b / a) Sigma0).
// Sigma0^-1 is computed here once; Q is a node of the data (and of mu), which the
// posterior sampler evaluates once when mu is data, so a draw costs the same whatever n.
#include <Eigen/Cholesky>

#include "conjugacy_rules.hpp"

namespace alea::rewrite::detail {

std::optional<PairOutput> mv_normal_scale_rule(PairInput& in) {
  Graph& g = in.g;
  const Node prior = g.node(in.prior), child = g.node(in.child);
  const bool precision = prior.dist == DistKind::Gamma, variance = prior.dist == DistKind::InverseGamma;
  if ((!precision && !variance) || !prior.shape.is_scalar()) return std::nullopt;
  if (child.dist != DistKind::MvNormal || child.shape.rank() != 1) return std::nullopt;
  const NodeId mu = child.inputs[0];
  if (in.depends(mu)) return std::nullopt;
  const auto sp = match_scaled_power(in, child.inputs[1]);
  if (!sp || sp->p != (precision ? -1.0 : 1.0)) return std::nullopt;
  const auto sigma0 = fold(g, sp->coef);
  const Eigen::Index n = child.shape.dims[0];
  if (!sigma0 || sigma0->shape() != Shape::matrix(n, n)) return std::nullopt;
  const Eigen::MatrixXd s0 = as_matrix(*sigma0);
  const Eigen::LLT<Eigen::MatrixXd> chol(s0);
  if (chol.info() != Eigen::Success) return std::nullopt;
  Eigen::MatrixXd s0_inv = chol.solve(Eigen::MatrixXd::Identity(n, n));
  s0_inv = 0.5 * (s0_inv + s0_inv.transpose());

  const NodeId al = prior.inputs[0], be = prior.inputs[1];
  const NodeId r = sub(g, in.child, mu);
  const NodeId q = g.apply(Op::Dot, {r, g.apply(Op::MatVec, {matrix_node(g, s0_inv), r})});
  PairOutput out;
  out.rule = precision ? "normal-gamma (covariance scale)" : "normal-inverse-gamma (covariance scale)";
  out.posterior_kind = prior.dist;
  out.posterior_params = {add(g, al, num(g, 0.5 * static_cast<double>(n))), add(g, be, div(g, q, num(g, 2.0)))};
  out.marginal_kind = DistKind::MvStudentT;
  out.marginal_params = {mul(g, num(g, 2.0), al), mu, mul(g, div(g, be, al), matrix_node(g, s0))};
  return out;
}

}  // namespace alea::rewrite::detail
