// Rules of the Gaussian composites, each matching the closed composite whole:
//   random_walk(m, s) [n]:           x[1] ~ normal(m, s), x[t] ~ normal(x[t-1], s)
//     endpoint     x[i] ~ normal(m, sqrt(i) s)
//     observed     y ~ normal(x, t) [n]  ->  y ~ mv_normal(m, s^2 min(i, j) + t^2 [i = j])
//                  (the Kalman filter's marginal likelihood, exactly; s and t constants)
//   hierarchical_normal(mu, tau) [n]: theta[j] ~ normal(mu, tau)
//     observed     y ~ normal(theta, sigma)  ->  y ~ normal(mu, sqrt(tau^2 + sigma^2))
//   dense_layer(X, m, s, b):          X w + b, w[k] ~ normal(m, s)
//     marginal     mv_normal(m X 1 + b, s^2 X X')   (X and s constants, X X' positive definite)
// Each replacement covers the composite's site: extraction refuses it wherever the
// composite itself (another element of the walk, a group effect) is still needed.
#include <Eigen/Dense>

#include "alea/rewrite/rules.hpp"

namespace alea::rewrite {
namespace {

const Value* constant_of(const EGraph& g, ClassId c) {
  const auto& k = g.data(c).constant;
  return k ? &*k : nullptr;
}

// The sites of ?var do not meet the composite's (the noise does not depend on the
// walk); the composite is the pattern's second draw, inside the observation's normal.
Guard apart_from_composite(std::string var) {
  return [var](const EGraph& g, const Match& m) { return disjoint(g.site(m.draws[1].site).cover, g.data(m[var]).sites); };
}

ClassId mv_normal_replacement(EGraph& g, const Match& m, ClassId mean, const Eigen::MatrixXd& cov) {
  const auto n = cov.rows();
  std::vector<double> data(cov.data(), cov.data() + cov.size());
  const ClassId sigma = g.add_constant(Value(Shape::matrix(n, n), std::move(data), ScalarType::Real));
  return g.add_replacement_draw(DistKind::MvNormal, {mean, sigma}, Shape::vector(n), matched_cover(g, m), m.root);
}

ClassId broadcast_mean(EGraph& g, ClassId m, std::int64_t n) {
  if (g.data(m).shape == Shape::vector(n)) return m;
  const ClassId ones = g.add_constant(Value(std::vector<double>(static_cast<std::size_t>(n), 1.0)));
  return g.add(ENode{Op::Mul, DistKind::Normal, 0, {m, ones}});
}

std::optional<ClassId> random_walk_observed(EGraph& g, const Match& m) {
  const Value* s = constant_of(g, m["?s"]);
  const Value* t = constant_of(g, m["?t"]);
  if (!s || !t || !s->is_scalar()) return std::nullopt;
  const std::int64_t n = g.site(m.draws[1].site).shape.size();
  if (!t->is_scalar() && static_cast<std::int64_t>(t->size()) != n) return std::nullopt;
  // Cov(x[i], x[j]) = s^2 min(i, j) (1-based); the noise adds t[i]^2 on the diagonal.
  Eigen::MatrixXd cov(n, n);
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t j = 0; j < n; ++j) {
      cov(i, j) = s->scalar() * s->scalar() * static_cast<double>(std::min(i, j) + 1);
      if (i == j) {
        const double ti = t->is_scalar() ? t->scalar() : (*t)[static_cast<std::size_t>(i)];
        cov(i, j) += ti * ti;
      }
    }
  return mv_normal_replacement(g, m, broadcast_mean(g, m["?m"], n), cov);
}

std::optional<ClassId> dense_layer_marginal(EGraph& g, const Match& m) {
  const Value* x = constant_of(g, m["?X"]);
  const Value* s = constant_of(g, m["?s"]);
  if (!x || !s || !s->is_scalar() || x->shape().rank() != 2) return std::nullopt;
  const auto rows = x->shape().dims[0], cols = x->shape().dims[1];
  const Eigen::Map<const Eigen::MatrixXd> X(x->data().data(), rows, cols);  // column-major, as Value stores it
  const Eigen::MatrixXd cov = s->scalar() * s->scalar() * X * X.transpose();
  if (Eigen::LLT<Eigen::MatrixXd>(cov).info() != Eigen::Success) return std::nullopt;  // X X' singular: no density
  const Eigen::VectorXd rowsums = X.rowwise().sum();
  const ClassId r = g.add_constant(Value(std::vector<double>(rowsums.data(), rowsums.data() + rows)));
  const ClassId mean = g.add(ENode{Op::Add, DistKind::Normal, 0, {g.add(ENode{Op::Mul, DistKind::Normal, 0, {m["?m"], r}}), m["?b"]}});
  return mv_normal_replacement(g, m, mean, cov);
}

}  // namespace

std::vector<Rule> normal_composite_rules() {
  const Guard shaped = draws_shaped_like_root();
  return {
      // x[i] (0-based index i) is the sum of m and i + 1 independent normal(0, s) steps.
      dist_rw("random-walk-endpoint", "(index (random_walk ?m ?s) ?i)", "(normal ?m (* (sqrt (+ ?i 1)) ?s))",
              {is_constant("?i"), is_scalar("?i")}),
      computed("random-walk-observed", RuleKind::Distributional, "(normal (random_walk ?m ?s) ?t)",
               random_walk_observed, {shaped, apart_from_composite("?t")},
               "(mv_normal ?m (+ (* (square ?s) min(i, j)) (diag (square ?t))))"),
      dist_rw("hierarchical-normal-observed", "(normal (hierarchical_normal ?mu ?tau) ?sigma)",
              "(normal ?mu (sqrt (+ (square ?tau) (square ?sigma))))", {shaped, apart_from_composite("?sigma")}),
      computed("dense-layer-marginal", RuleKind::Distributional, "(dense_layer ?X ?m ?s ?b)", dense_layer_marginal,
               {is_constant("?X"), is_constant("?s"), independent_of("?b")}, "(mv_normal (+ (* ?m (X 1)) ?b) (* (square ?s) (X X')))"),
  };
}

}  // namespace alea::rewrite
