// The linear-Gaussian pair (multivariate normal mean, known covariances):
//   x ~ mv_normal(m, S),  y ~ mv_normal(A x + b, R)   or   y[i] ~ normal((A x + b)[i], sigma[i])
// with A, S, R (R = diag(sigma^2) for the elementwise normal child) computed from
// constants and b, m any expressions free of x (m may depend on other latents); a vector
// of independent normals x[j] ~ normal(m[j], s[j]) is the prior S = diag(s^2). A x is
// recognized through matvec, inprod, constant scalings, sums and indexing x[j]:
//   y ~ mv_normal(A m + b, A S A' + R),
//   x | y ~ mv_normal(C m + K (y - b), V),  V = (S^-1 + A' R^-1 A)^-1,  K = V A' R^-1,
//                                          C = V S^-1 = I - K A.
// The matrices V, K, C and A S A' + R are computed here once (constant folding: the
// pair only fires when A, S and R are constants); the posterior's k x k information
// form keeps its cost independent of the number of observations. The marginal of y is
// dense n x n, so the rule is meant for moderate n (a few thousand observations).
// Bayesian linear regression with known noise, y ~ normal(X w + b, sigma), is the case
// A = X (matvec(X, w)), R = sigma^2 I. A scalar normal prior x ~ normal(m, s) (k = 1) is
// this rule's when the child is multivariate: mv_normal, or normal_mean_joint(c, d, m', s',
// sigma), the law of y[i] ~ normal(alpha + x t[i], sigma) once alpha ~ normal(m', s') was
// integrated out (mean c + d m', covariance diag(sigma^2) + s'^2 d d'), so separate
// scalar priors on intercept and slope are both eliminated.
// Unknown noise with the conjugate normal-inverse-gamma prior: when S = S0 g and
// R = R0 g with one scalar factor g = v^p of another latent v (s2 * V0 and sqrt(s2) * d;
// BUGS's precisions tau * lambda, p = -1) and S0, R0 constant, K and C do not depend on
// g and V = V0 g, so
//   x | y, v ~ mv_normal(C m + K (y - b), V0 g),  y | v ~ mv_normal(A m + b, (A S0 A' + R0) g)
// and v is then conjugate to y's law (mv_normal_scale_rule, conjugacy_nig.cpp).
#include <Eigen/Dense>
#include <cmath>

#include "alea/dist/ops.hpp"
#include "conjugacy_rules.hpp"

namespace alea::rewrite::detail {
namespace {

// e = A x + b with A a constant matrix (n x k; one row for a scalar form, which
// broadcasts) and b free of the latent x (k elements).
struct Linear {
  Eigen::MatrixXd A;
  NodeId b;
};

// x + y or x - y of two linear forms, a one-row form broadcast over the other's rows.
std::optional<Eigen::MatrixXd> combine(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, double sign) {
  if (x.rows() == y.rows()) return Eigen::MatrixXd(x + sign * y);
  if (x.rows() == 1) return Eigen::MatrixXd(x.replicate(y.rows(), 1) + sign * y);
  if (y.rows() == 1) return Eigen::MatrixXd(x + sign * y.replicate(x.rows(), 1));
  return std::nullopt;
}

// c * A for a constant c: a scalar, or a vector scaling A's rows (a one-row A broadcast).
std::optional<Eigen::MatrixXd> scale(const Value& c, const Eigen::MatrixXd& a) {
  if (c.is_scalar()) return Eigen::MatrixXd(c.scalar() * a);
  if (c.shape().rank() != 1) return std::nullopt;
  const Eigen::VectorXd v = as_vector(c);
  if (a.rows() == 1) return Eigen::MatrixXd(v * a);
  if (a.rows() == v.size()) return Eigen::MatrixXd(v.asDiagonal() * a);
  return std::nullopt;
}

std::optional<Linear> match_linear(PairInput& in, NodeId e, Eigen::Index k) {
  Graph& g = in.g;
  if (in.is_latent(e)) return Linear{Eigen::MatrixXd::Identity(k, k), num(g, 0.0)};
  const Node n = g.node(e);  // a copy: the builders below grow the graph
  switch (n.op) {
    case Op::Add:
    case Op::Sub: {
      const bool left = in.depends(n.inputs[0]), right = in.depends(n.inputs[1]);
      const double sign = n.op == Op::Sub ? -1.0 : 1.0;
      if (left && right) {
        auto x = match_linear(in, n.inputs[0], k), y = match_linear(in, n.inputs[1], k);
        if (!x || !y) return std::nullopt;
        auto a = combine(x->A, y->A, sign);
        if (!a) return std::nullopt;
        return Linear{*a, n.op == Op::Add ? add(g, x->b, y->b) : sub(g, x->b, y->b)};
      }
      if (left) {
        auto x = match_linear(in, n.inputs[0], k);
        if (!x) return std::nullopt;
        return Linear{x->A, n.op == Op::Add ? add(g, x->b, n.inputs[1]) : sub(g, x->b, n.inputs[1])};
      }
      auto y = match_linear(in, n.inputs[1], k);
      if (!y) return std::nullopt;
      return Linear{sign * y->A, n.op == Op::Add ? add(g, n.inputs[0], y->b) : sub(g, n.inputs[0], y->b)};
    }
    case Op::Neg: {
      auto x = match_linear(in, n.inputs[0], k);
      if (!x) return std::nullopt;
      return Linear{-x->A, op(g, Op::Neg, x->b)};
    }
    case Op::Mul: {  // by a constant
      if (in.depends(n.inputs[0]) && in.depends(n.inputs[1])) return std::nullopt;
      const bool left = in.depends(n.inputs[0]);
      const NodeId c_node = n.inputs[left ? 1 : 0];
      const auto c = fold(g, c_node);
      auto x = match_linear(in, n.inputs[left ? 0 : 1], k);
      if (!c || !x) return std::nullopt;
      auto a = scale(*c, x->A);
      if (!a) return std::nullopt;
      return Linear{*a, mul(g, x->b, c_node)};
    }
    case Op::MatVec: {  // a constant matrix times a linear form
      if (in.depends(n.inputs[0])) return std::nullopt;
      const auto a = fold(g, n.inputs[0]);
      if (!a || a->shape().rank() != 2) return std::nullopt;
      auto x = match_linear(in, n.inputs[1], k);
      if (!x || a->shape().dims[1] != x->A.rows()) return std::nullopt;
      const NodeId b = is_const(g, x->b, 0.0) ? x->b : g.apply(Op::MatVec, {n.inputs[0], x->b});
      return Linear{as_matrix(*a) * x->A, b};
    }
    case Op::Dot: {  // inprod(c, x) with a constant vector c
      const bool left = in.depends(n.inputs[0]);
      if (left && in.depends(n.inputs[1])) return std::nullopt;
      const NodeId c_node = n.inputs[left ? 1 : 0];
      const auto c = fold(g, c_node);
      auto x = match_linear(in, n.inputs[left ? 0 : 1], k);
      if (!c || !x || c->shape().rank() != 1 || c->shape().dims[0] != x->A.rows()) return std::nullopt;
      const NodeId b = is_const(g, x->b, 0.0) ? x->b : g.apply(Op::Dot, {c_node, x->b});
      return Linear{as_vector(*c).transpose() * x->A, b};
    }
    case Op::Index: {  // x[j], or a gather x[j_1..j_n], with constant 0-based indices
      if (n.inputs.size() != 2 || in.depends(n.inputs[1])) return std::nullopt;
      const auto j = fold(g, n.inputs[1]);
      auto x = match_linear(in, n.inputs[0], k);
      if (!j || !x || j->shape().rank() > 1) return std::nullopt;
      Eigen::MatrixXd a(static_cast<Eigen::Index>(j->data().size()), k);
      for (Eigen::Index r = 0; r < a.rows(); ++r) {
        const double idx = j->data()[static_cast<std::size_t>(r)];
        if (idx < 0 || idx >= static_cast<double>(x->A.rows())) return std::nullopt;
        a.row(r) = x->A.row(static_cast<Eigen::Index>(idx));
      }
      const NodeId b = is_const(g, x->b, 0.0) || g.node(x->b).shape.is_scalar()
                           ? x->b
                           : g.apply(Op::Index, {x->b, n.inputs[1]});
      return Linear{a, b};
    }
    default: return std::nullopt;
  }
}

// The covariance of a normal law as S0 * g: S0 computed from constants (its mv_normal
// covariance, or diag(sd^2) for a vector of independent normals, sd a scalar or one per
// element) and g = v^p a power of one other latent v (p = 0: no factor). Nothing when
// the covariance is not of that form.
struct ScaledCovariance {
  Eigen::MatrixXd S0;
  int var = -1;  // v's planner index, -1 when there is no factor
  double p = 0;
  NodeId v = 0;  // a node that stands for v
};

std::optional<Eigen::MatrixXd> constant_covariance(const Value& c, const Node& d, Eigen::Index n) {
  if (d.dist == DistKind::MvNormal) {
    if (c.shape().rank() != 2 || c.shape().dims[0] != n || c.shape().dims[1] != n) return std::nullopt;
    return as_matrix(c);
  }
  Eigen::VectorXd sd(n);
  if (c.is_scalar()) sd.setConstant(c.scalar());
  else if (c.shape().rank() == 1 && c.shape().dims[0] == n) sd = as_vector(c);
  else return std::nullopt;
  return Eigen::MatrixXd(sd.array().square().matrix().asDiagonal());
}

std::optional<ScaledCovariance> covariance(PairInput& in, const Node& d, Eigen::Index n) {
  const NodeId c = d.inputs[1];
  if (const auto v = fold(in.g, c)) {
    auto s0 = constant_covariance(*v, d, n);
    if (!s0) return std::nullopt;
    return ScaledCovariance{*s0};
  }
  const ReadVar read = first_variable(in, c);
  if (read.var < 0) return std::nullopt;
  PairInput about = relative_to(in, read.var);
  const auto sp = match_scaled_power(about, c);
  if (!sp || sp->p == 0.0) return std::nullopt;
  const auto coef = fold(in.g, sp->coef);  // also fails when a third latent is in it
  if (!coef) return std::nullopt;
  auto s0 = constant_covariance(*coef, d, n);
  if (!s0) return std::nullopt;
  // A standard deviation's power doubles on the covariance scale.
  return ScaledCovariance{*s0, read.var, d.dist == DistKind::MvNormal ? sp->p : 2 * sp->p, read.node};
}

// g = v^p as a node: v, 1 / v or pow(v, p).
NodeId power_node(Graph& g, NodeId v, double p) {
  if (p == 1.0) return v;
  if (p == -1.0) return div(g, num(g, 1.0), v);
  return g.apply(Op::Pow, {v, num(g, p)});
}

// A child y ~ normal_mean_joint(c, d, m, s, sigma) (a scalar normal mean integrated
// out before) is mv_normal(c + d m, diag(sigma^2) + s^2 d d'): its covariance when d, s
// and sigma are constants.
std::optional<ScaledCovariance> joint_covariance(PairInput& in, const Node& y, Eigen::Index n) {
  const auto d = fold(in.g, y.inputs[1]), s = fold(in.g, y.inputs[3]), sigma = fold(in.g, y.inputs[4]);
  if (!d || !s || !sigma || !s->is_scalar()) return std::nullopt;
  const auto per_obs = [n](const Value& v) -> std::optional<Eigen::VectorXd> {
    if (v.is_scalar()) return Eigen::VectorXd::Constant(n, v.scalar());
    if (v.shape() == Shape::vector(n)) return as_vector(v);
    return std::nullopt;
  };
  const auto dv = per_obs(*d), sv = per_obs(*sigma);
  if (!dv || !sv) return std::nullopt;
  Eigen::MatrixXd R = sv->array().square().matrix().asDiagonal();
  R += s->scalar() * s->scalar() * *dv * dv->transpose();
  return ScaledCovariance{R};
}

bool normal_law(DistKind d) { return d == DistKind::MvNormal || d == DistKind::Normal; }

}  // namespace

std::optional<PairOutput> mv_normal_rule(PairInput& in) {
  Graph& g = in.g;
  const Node prior = g.node(in.prior), child = g.node(in.child);
  const bool joint = child.dist == DistKind::NormalMeanJoint;
  if (!normal_law(prior.dist) || (!normal_law(child.dist) && !joint)) return std::nullopt;
  // Scalar normal priors with normal children are the normal-normal rule's; with a
  // multivariate child (mv_normal, normal_mean_joint) they are this rule's, k = 1.
  const bool scalar_prior = prior.shape.rank() == 0;
  if (scalar_prior && (prior.dist != DistKind::Normal || child.dist == DistKind::Normal)) return std::nullopt;
  if (child.shape.rank() != 1 || (!scalar_prior && prior.shape.rank() != 1)) return std::nullopt;
  // Every parameter but the mean (c and m for normal_mean_joint) is free of the latent.
  for (std::size_t i = 1; i < child.inputs.size(); ++i)
    if ((!joint || i != 2) && in.depends(child.inputs[i])) return std::nullopt;
  const Eigen::Index k = scalar_prior ? 1 : prior.shape.dims[0], n = child.shape.dims[0];
  const auto S_g = covariance(in, prior, k);
  const auto R_g = joint ? joint_covariance(in, child, n) : covariance(in, child, n);
  // Known covariances, or both scaled by the same power of one latent (the conjugate
  // normal-inverse-gamma prior): then K and C are free of it and V, P scale with it.
  if (!S_g || !R_g || S_g->var != R_g->var || S_g->p != R_g->p) return std::nullopt;
  const Eigen::MatrixXd* S = &S_g->S0;
  const Eigen::MatrixXd* R = &R_g->S0;
  // normal_mean_joint's mean is c + d m: linear in the latent through c (beta x) or
  // through m (a chain mu -> alpha -> y[i]).
  const NodeId child_mean = joint ? add(g, child.inputs[0], mul(g, child.inputs[1], child.inputs[2])) : child.inputs[0];
  auto lin = match_linear(in, child_mean, k);
  if (!lin || lin->A.cols() != k || (lin->A.rows() != n && lin->A.rows() != 1)) return std::nullopt;
  if (lin->A.rows() == 1) lin->A = lin->A.replicate(n, 1).eval();
  const Eigen::LLT<Eigen::MatrixXd> s_chol(*S), r_chol(*R);
  if (s_chol.info() != Eigen::Success || r_chol.info() != Eigen::Success) return std::nullopt;
  const Eigen::MatrixXd& A = lin->A;
  // Information form: V^-1 = S^-1 + A' R^-1 A.
  const Eigen::MatrixXd s_inv = s_chol.solve(Eigen::MatrixXd::Identity(k, k));
  const Eigen::MatrixXd rinv_a = r_chol.solve(A);  // R^-1 A, n x k
  const Eigen::LLT<Eigen::MatrixXd> post_chol(s_inv + A.transpose() * rinv_a);
  if (post_chol.info() != Eigen::Success) return std::nullopt;
  Eigen::MatrixXd V = post_chol.solve(Eigen::MatrixXd::Identity(k, k));
  V = 0.5 * (V + V.transpose());
  const Eigen::MatrixXd K = V * rinv_a.transpose();  // V A' R^-1, k x n
  const Eigen::MatrixXd C = V * s_inv;               // I - K A
  Eigen::MatrixXd P = A * *S * A.transpose() + *R;
  P = 0.5 * (P + P.transpose());

  PairOutput out;
  const bool scaled = S_g->var >= 0;
  const NodeId factor = scaled ? power_node(g, S_g->v, S_g->p) : num(g, 1.0);
  out.rule = std::string(child.dist == DistKind::Normal ? "linear-gaussian (regression)" : "linear-gaussian") +
             (scaled ? ", covariances scaled by a common latent" : "");
  out.marginal_kind = DistKind::MvNormal;
  const NodeId resid = sub(g, in.child, lin->b);
  NodeId m = prior.inputs[0];
  if (scalar_prior) {
    // k = 1: x | y ~ normal(C m + K (y - b), sqrt(V g)),  y ~ mv_normal(A m + b, P g).
    const Eigen::VectorXd a = A.col(0), gain = K.row(0).transpose();
    const NodeId mean = add(g, mul(g, num(g, C(0, 0)), m), g.apply(Op::Dot, {g.constant(Value(std::vector<double>(
                                                                              gain.data(), gain.data() + n))),
                                                                          resid}));
    out.posterior_kind = DistKind::Normal;
    out.posterior_params = {mean, mul(g, num(g, std::sqrt(V(0, 0))), op(g, Op::Sqrt, factor))};
    const NodeId a_node = g.constant(Value(std::vector<double>(a.data(), a.data() + n)));
    NodeId y_mean = add(g, mul(g, a_node, m), lin->b);
    if (g.node(y_mean).shape.is_scalar())  // m = 0 and b = 0 fold to a scalar zero
      y_mean = g.apply(Op::Mul, {y_mean, g.constant(Value(std::vector<double>(static_cast<std::size_t>(n), 1.0)))});
    out.marginal_params = {y_mean, mul(g, matrix_node(g, P), factor)};
    return out;
  }
  // A scalar prior mean (independent normals sharing it) as a k-vector.
  if (g.node(m).shape.is_scalar())
    m = g.apply(Op::Mul, {m, g.constant(Value(std::vector<double>(static_cast<std::size_t>(k), 1.0)))});
  const NodeId gain = g.apply(Op::MatVec, {matrix_node(g, K), resid});
  out.posterior_kind = DistKind::MvNormal;
  out.posterior_params = {add(g, g.apply(Op::MatVec, {matrix_node(g, C), m}), gain), mul(g, matrix_node(g, V), factor)};
  out.marginal_params = {add(g, g.apply(Op::MatVec, {matrix_node(g, A), m}), lin->b), mul(g, matrix_node(g, P), factor)};
  return out;
}

}  // namespace alea::rewrite::detail
