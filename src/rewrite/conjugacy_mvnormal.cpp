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
// A = X (matvec(X, w)), R = sigma^2 I.
#include <Eigen/Dense>

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

// The value of a node computed from constants only (data, literals, ops on them).
std::optional<Value> fold(const Graph& g, NodeId id) {
  const Node& n = g.node(id);
  if (n.op == Op::Constant) return *n.constant;
  if (n.op == Op::Draw || n.op == Op::Composite) return std::nullopt;
  std::vector<Value> in;
  for (NodeId i : n.inputs) {
    auto v = fold(g, i);
    if (!v) return std::nullopt;
    in.push_back(std::move(*v));
  }
  try {
    return dist::evaluate(n.op, in);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

Eigen::MatrixXd as_matrix(const Value& v) {
  const auto r = v.shape().dims.at(0), c = v.shape().dims.at(1);
  return Eigen::Map<const Eigen::MatrixXd>(v.data().data(), r, c);
}

Eigen::VectorXd as_vector(const Value& v) {
  return Eigen::Map<const Eigen::VectorXd>(v.data().data(), static_cast<Eigen::Index>(v.data().size()));
}

NodeId matrix_node(Graph& g, const Eigen::MatrixXd& a) {
  return g.constant(Value(Shape::matrix(a.rows(), a.cols()), std::vector<double>(a.data(), a.data() + a.size()),
                          ScalarType::Real));
}

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

// The covariance of a normal law: its mv_normal covariance, or diag(sd^2) for a
// vector of independent normals (sd a scalar or one per element); nothing when it is
// not computed from constants.
std::optional<Eigen::MatrixXd> covariance(const Graph& g, const Node& d, Eigen::Index n) {
  const auto c = fold(g, d.inputs[1]);
  if (!c) return std::nullopt;
  if (d.dist == DistKind::MvNormal) {
    if (c->shape().rank() != 2 || c->shape().dims[0] != n || c->shape().dims[1] != n) return std::nullopt;
    return as_matrix(*c);
  }
  Eigen::VectorXd sd(n);
  if (c->is_scalar()) sd.setConstant(c->scalar());
  else if (c->shape().rank() == 1 && c->shape().dims[0] == n) sd = as_vector(*c);
  else return std::nullopt;
  return Eigen::MatrixXd(sd.array().square().matrix().asDiagonal());
}

bool normal_law(DistKind d) { return d == DistKind::MvNormal || d == DistKind::Normal; }

}  // namespace

std::optional<PairOutput> mv_normal_rule(PairInput& in) {
  Graph& g = in.g;
  const Node prior = g.node(in.prior), child = g.node(in.child);
  if (!normal_law(prior.dist) || !normal_law(child.dist)) return std::nullopt;
  // Scalar normal priors with normal children are the normal-normal rule's.
  if (prior.dist == DistKind::Normal && child.dist == DistKind::Normal && prior.shape.rank() == 0) return std::nullopt;
  if (child.shape.rank() != 1 || prior.shape.rank() != 1 || in.depends(child.inputs[1])) return std::nullopt;
  const Eigen::Index k = prior.shape.dims[0], n = child.shape.dims[0];
  const auto S = covariance(g, prior, k);
  const auto R = covariance(g, child, n);
  if (!S || !R) return std::nullopt;
  auto lin = match_linear(in, child.inputs[0], k);
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

  // A scalar prior mean (independent normals sharing it) as a k-vector.
  NodeId m = prior.inputs[0];
  if (g.node(m).shape.is_scalar())
    m = g.apply(Op::Mul, {m, g.constant(Value(std::vector<double>(static_cast<std::size_t>(k), 1.0)))});
  const NodeId gain = g.apply(Op::MatVec, {matrix_node(g, K), sub(g, in.child, lin->b)});
  PairOutput out;
  out.rule = child.dist == DistKind::Normal ? "linear-gaussian (regression)" : "linear-gaussian";
  out.posterior_kind = DistKind::MvNormal;
  out.posterior_params = {add(g, g.apply(Op::MatVec, {matrix_node(g, C), m}), gain), matrix_node(g, V)};
  out.marginal_kind = DistKind::MvNormal;
  out.marginal_params = {add(g, g.apply(Op::MatVec, {matrix_node(g, A), m}), lin->b), matrix_node(g, P)};
  return out;
}

}  // namespace alea::rewrite::detail
