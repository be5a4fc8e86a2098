// The joint conjugate prior of a normal sample's mean and precision (normal-gamma) or
// variance (normal-inverse-gamma):
//   tau ~ gamma(a, b),  mu ~ normal(m, c / sqrt(tau)),  y[i] ~ normal(a0[i] + b0[i] mu, d[i] / sqrt(tau))
//   (BUGS: mu ~ dnorm(m, k * tau), c = 1/sqrt(k)); or v ~ inv_gamma(a, b) with sds c sqrt(v), d sqrt(v).
// It is not one rule but two steps of the planner: normal_mean_rule integrates mu out
// first (its child's sd depends on tau, not on mu), leaving
//   y ~ normal_mean_joint(a0, b0, m, c tau^p, d tau^p)      (p = -1/2, or +1/2 for v),
// which is normal with covariance tau^(2p) Sigma0, Sigma0 = D + c^2 b0 b0', D = diag(d^2).
// This rule then integrates tau out of that:
//   tau | y ~ gamma(a + n/2, b + Q/2)   (v | y ~ inv_gamma(a + n/2, b + Q/2)),
//   y ~ normal_gamma_joint(a0, b0, m, c, d, a, b),
// Q = r' Sigma0^-1 r, r = y - a0 - b0 m, by Sherman-Morrison from three sums over the data,
//   Q = S_rr - c^2 S_br^2 / (1 + c^2 S_bb),  S_rr = sum r^2/d^2, S_br = sum b0 r/d^2, S_bb = sum b0^2/d^2,
// so that nothing loops over the observations per draw when a0, b0, m, c, d are data.
// mu's posterior, normal given tau and y, stays as normal_mean_rule wrote it.
#include "conjugacy_rules.hpp"

namespace alea::rewrite::detail {

std::optional<PairOutput> normal_gamma_rule(PairInput& in) {
  Graph& g = in.g;
  const Node prior = g.node(in.prior), child = g.node(in.child);
  if (child.dist != DistKind::NormalMeanJoint || !prior.shape.is_scalar()) return std::nullopt;
  const bool precision = prior.dist == DistKind::Gamma, variance = prior.dist == DistKind::InverseGamma;
  if (!precision && !variance) return std::nullopt;
  const NodeId a0 = child.inputs[0], b0 = child.inputs[1], m = child.inputs[2];
  if (in.depends(a0) || in.depends(b0) || in.depends(m)) return std::nullopt;
  const double want = precision ? -0.5 : 0.5;
  const auto c = match_scaled_power(in, child.inputs[3]), d = match_scaled_power(in, child.inputs[4]);
  if (!c || !d || c->p != want || d->p != want) return std::nullopt;

  const std::int64_t n = child.shape.size();
  const NodeId r = sub(g, sub(g, in.child, a0), mul(g, b0, m));
  // sum(x / d^2); a common d comes out of the sum, which is then a data sum.
  const NodeId d2 = op(g, Op::Square, d->coef);
  const bool common = g.node(d->coef).shape.is_scalar();
  const auto weighted_sum = [&](NodeId x) {
    return common ? div(g, total(g, x, Layout::Shared, n), d2) : total(g, div(g, x, d2), Layout::Shared, n);
  };
  const NodeId s_rr = weighted_sum(op(g, Op::Square, r)), s_br = weighted_sum(mul(g, b0, r)),
               s_bb = weighted_sum(op(g, Op::Square, b0));
  const NodeId c2 = op(g, Op::Square, c->coef);
  const NodeId q =
      sub(g, s_rr, div(g, mul(g, c2, op(g, Op::Square, s_br)), add(g, num(g, 1.0), mul(g, c2, s_bb))));

  const NodeId al = prior.inputs[0], be = prior.inputs[1];
  PairOutput out;
  out.rule = precision ? "normal-gamma (mean and precision)" : "normal-inverse-gamma (mean and variance)";
  out.posterior_kind = prior.dist;
  out.posterior_params = {add(g, al, num(g, 0.5 * static_cast<double>(n))),
                          add(g, be, div(g, q, num(g, 2.0)))};
  out.marginal_kind = DistKind::NormalGammaJoint;
  out.marginal_params = {a0, b0, m, c->coef, d->coef, al, be};
  return out;
}

}  // namespace alea::rewrite::detail
