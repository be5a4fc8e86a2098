// Conjugate pairs with a normal likelihood.
//   normal-normal (mean, known sd):  mu ~ normal(m, s),  y[i] ~ normal(a[i] + b[i] mu, sigma[i])
//     mu | y ~ normal(M / P, 1 / sqrt(P)),  P = 1/s^2 + sum(b^2 / sigma^2),
//                                           M = m/s^2 + sum(b (y - a) / sigma^2)
//     y ~ normal(a + b m, sqrt(sigma^2 + b^2 s^2))  (one observation, or one mu each),
//     y ~ normal_mean_joint(a, b, m, s, sigma)       (observations sharing mu).
//   normal-gamma (precision, known mean): tau ~ gamma(al, be), y[i] ~ normal(m[i], k[i] / sqrt(tau))
//     tau | y ~ gamma(al + n/2, be + sum(((y - m) / k)^2)/2),
//     y ~ student_t(2 al, m, k sqrt(be / al)), normal_precision_joint(m, al, be) (k = 1)
//       or normal_gamma_joint(m, 0, 0, 1, k, al, be) (a normal-gamma joint without the mean).
//   normal-inverse-gamma (variance, known mean): v ~ inv_gamma(al, be), y[i] ~ normal(m[i], k[i] sqrt(v))
//     v | y ~ inv_gamma(al + n/2, be + sum(((y - m) / k)^2)/2), same marginals.
//   The scale k free of the latent is what normal_mean_rule leaves when it integrates out
//   one mu per observation, mu[i] ~ normal(m, 1/sqrt(c tau)): sd sqrt(1/tau + 1/(c tau)).
#include "conjugacy_rules.hpp"

namespace alea::rewrite::detail {

std::optional<PairOutput> normal_mean_rule(PairInput& in) {
  Graph& g = in.g;
  const Node prior = g.node(in.prior), child = g.node(in.child);
  if (prior.dist != DistKind::Normal || child.dist != DistKind::Normal) return std::nullopt;
  const auto l = layout(in);
  const NodeId sigma = child.inputs[1];
  if (!l || in.depends(sigma)) return std::nullopt;
  const auto ab = match_affine(in, child.inputs[0]);
  if (!ab) return std::nullopt;
  const NodeId m = prior.inputs[0], s = prior.inputs[1], y = in.child;
  const std::int64_t n = child.shape.size();
  const NodeId s2 = op(g, Op::Square, s);
  const NodeId resid = mul(g, ab->b, sub(g, y, ab->a));
  NodeId precision, weighted;
  if (g.node(sigma).shape.is_scalar()) {
    // A common sigma leaves the sums free of it: sum(b^2) and sum(b (y - a)) are data.
    const NodeId v = op(g, Op::Square, sigma);
    precision = add(g, div(g, num(g, 1.0), s2), div(g, total(g, op(g, Op::Square, ab->b), *l, n), v));
    weighted = add(g, div(g, m, s2), div(g, total(g, resid, *l, n), v));
  } else {
    const NodeId v = op(g, Op::Square, sigma);
    precision = add(g, div(g, num(g, 1.0), s2), total(g, div(g, op(g, Op::Square, ab->b), v), *l, n));
    weighted = add(g, div(g, m, s2), total(g, div(g, resid, v), *l, n));
  }
  PairOutput out;
  out.rule = "normal-normal";
  out.posterior_kind = DistKind::Normal;
  out.posterior_params = {div(g, weighted, precision), div(g, num(g, 1.0), op(g, Op::Sqrt, precision))};
  if (*l == Layout::Elementwise || child.shape.is_scalar()) {
    out.marginal_kind = DistKind::Normal;
    const NodeId spread = mul(g, op(g, Op::Square, ab->b), s2);
    out.marginal_params = {add(g, ab->a, mul(g, ab->b, m)),
                           op(g, Op::Sqrt, add(g, op(g, Op::Square, sigma), spread))};
  } else {
    out.marginal_kind = DistKind::NormalMeanJoint;
    out.marginal_params = {ab->a, ab->b, m, s, sigma};
  }
  return out;
}

std::optional<PairOutput> normal_precision_rule(PairInput& in) {
  Graph& g = in.g;
  const Node prior = g.node(in.prior), child = g.node(in.child);
  if (child.dist != DistKind::Normal) return std::nullopt;
  const bool precision = prior.dist == DistKind::Gamma, variance = prior.dist == DistKind::InverseGamma;
  if (!precision && !variance) return std::nullopt;
  const auto l = layout(in);
  const NodeId mean = child.inputs[0];
  if (!l || in.depends(mean)) return std::nullopt;
  const auto sd = match_scaled_power(in, child.inputs[1]);
  if (!sd || sd->p != (precision ? -0.5 : 0.5)) return std::nullopt;
  const NodeId k = sd->coef, al = prior.inputs[0], be = prior.inputs[1];
  const std::int64_t n = child.shape.size();
  const double half_n = *l == Layout::Elementwise ? 0.5 : 0.5 * static_cast<double>(n);
  // A common scale comes out of the sum, which is then over data.
  const NodeId resid2 = op(g, Op::Square, sub(g, in.child, mean)), k2 = op(g, Op::Square, k);
  const NodeId q =
      g.node(k).shape.is_scalar() ? div(g, total(g, resid2, *l, n), k2) : total(g, div(g, resid2, k2), *l, n);
  PairOutput out;
  out.rule = precision ? "normal-gamma (precision)" : "normal-inverse-gamma (variance)";
  out.posterior_kind = prior.dist;
  out.posterior_params = {add(g, al, num(g, half_n)), add(g, be, div(g, q, num(g, 2.0)))};
  if (*l == Layout::Elementwise || child.shape.is_scalar()) {
    out.marginal_kind = DistKind::StudentT;
    out.marginal_params = {mul(g, num(g, 2.0), al), mean, mul(g, k, op(g, Op::Sqrt, div(g, be, al)))};
  } else if (is_const(g, k, 1.0)) {
    out.marginal_kind = DistKind::NormalPrecisionJoint;
    out.marginal_params = {mean, al, be};
  } else {
    out.marginal_kind = DistKind::NormalGammaJoint;
    out.marginal_params = {mean, num(g, 0.0), num(g, 0.0), num(g, 1.0), k, al, be};
  }
  return out;
}

}  // namespace alea::rewrite::detail
