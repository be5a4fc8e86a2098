// A small Bayesian neural network as user-defined composite ops, registered through
// alea's public API from outside the library (graph/composite.hpp,
// rewrite::register_composite_rules): layers, a backbone made of layers, and a
// regression model made of the backbone and a readout, each an op with its own facts.
//
//   linear(H, A)            H A                        a fixed (pre-trained) layer      level 1
//   tanh_dense(H, s) [n, k] tanh(H W), W = s Z, Z ~ normal(0, 1) [cols(H), k]
//                                                      a Bayesian hidden layer          level 1
//   dense(H, s) [n]         H w, w ~ normal(0, s) [cols(H)]
//                                                      a Bayesian readout, identity activation
//                                                                                       level 1
//   backbone(X, A, B, s) [n, k]   tanh_dense(linear(linear(X, A), B), s)                level 2
//   bnn(X, A, B, s1, s2, sigma) [n]
//                           y ~ normal(dense(backbone(X, A, B, s1), s2), sigma)         level 3
//
// The facts, each at its op's level:
//   bnn-marginal    bnn(X, A, B, s1, s2, sigma)  ->  mv_normal(0, s2^2 H H' + sigma^2 I),
//                   H = backbone(X, A, B, s1): the readout's weights and the noise
//                   integrate out (the model's level, before anything expands)
//   dense-observed  y ~ normal(dense(H, s), sigma)  ->  y ~ mv_normal(0, s^2 H H' + sigma^2 I):
//                   a dense layer with Gaussian weights and identity activation is one
//                   multivariate normal given its input (the layer's level)
//   linear-compose  linear(linear(H, A), B)  ->  linear(H, A B): two linear layers are one
//
// Both normal facts hold for any H independent of the weights (exactly: given H, H w
// is normal with covariance s^2 H H'), so H may itself be random, as the backbone is.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "alea/graph/composite.hpp"
#include "alea/model/composite.hpp"
#include "alea/rewrite/rules.hpp"

namespace bnn {

struct Ops {
  alea::CompositeId linear, tanh_dense, dense, backbone, model;
};

namespace detail {

using alea::Shape;

inline void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument(what);
}

inline void positive_scale(const alea::CompositeArgs& a, std::size_t k, const std::string& op, const std::string& name) {
  require(a.shapes[k].is_scalar(), op + ": " + name + " must be a scalar");
  if (a.constants[k] && !(a.constants[k]->scalar() > 0))
    throw std::domain_error(op + ": " + name + " is " + alea::to_string(*a.constants[k]) + ", but must be positive");
}

inline void arity(const alea::CompositeArgs& a, std::size_t n, const std::string& op) {
  require(a.shapes.size() == n, op + ": " + std::to_string(a.shapes.size()) + " arguments for its " +
                                    std::to_string(n) + " parameters");
}

inline void matrix(const alea::CompositeArgs& a, std::size_t k, const std::string& op, const std::string& name) {
  require(a.shapes[k].rank() == 2, op + ": " + name + " must be a matrix, not of shape " + alea::to_string(a.shapes[k]));
}

// cols(H) == rows(A): H A's shape.
inline Shape product(const Shape& h, const Shape& a, const std::string& op) {
  require(h.dims[1] == a.dims[0], op + ": " + alea::to_string(h) + " times " + alea::to_string(a) + " do not fit");
  return Shape::matrix(h.dims[0], a.dims[1]);
}

// mv_normal(0, s^2 H H' + sigma^2 I) for H of n rows: the covariance built in the
// e-graph from H's class, so H may be random.
inline alea::rewrite::ClassId gram_normal(alea::rewrite::EGraph& g, const alea::rewrite::Match& m, alea::rewrite::ClassId h,
                                          alea::rewrite::ClassId s, alea::rewrite::ClassId sigma) {
  using alea::Op;
  using alea::rewrite::ENode;
  const std::int64_t n = g.data(h).shape.dims[0];
  const auto op = [&](Op o, std::vector<alea::rewrite::ClassId> in) {
    return g.add(ENode{o, alea::DistKind::Normal, 0, std::move(in)});
  };
  std::vector<double> eye(static_cast<std::size_t>(n * n), 0.0);
  for (std::int64_t i = 0; i < n; ++i) eye[static_cast<std::size_t>(i * n + i)] = 1.0;
  const auto identity = g.add_constant(alea::Value(Shape::matrix(n, n), std::move(eye), alea::ScalarType::Real));
  const auto gram = op(Op::MatMul, {h, op(Op::Transpose, {h})});
  const auto cov = op(Op::Add, {op(Op::Mul, {op(Op::Square, {s}), gram}), op(Op::Mul, {op(Op::Square, {sigma}), identity})});
  const auto mean = g.add_constant(alea::Value(std::vector<double>(static_cast<std::size_t>(n), 0.0)));
  return g.add_replacement_draw(alea::DistKind::MvNormal, {mean, cov}, Shape::vector(n), alea::rewrite::matched_cover(g, m),
                                m.root);
}

inline Ops register_ops() {
  using namespace alea;
  using rewrite::Guard;
  Ops ops{};

  CompositeDef linear;
  linear.name = "linear";
  linear.params = {"H", "A"};
  linear.check = [](const CompositeArgs& a) {
    arity(a, 2, "linear");
    matrix(a, 0, "linear", "H");
    matrix(a, 1, "linear", "A");
    return product(a.shapes[0], a.shapes[1], "linear");
  };
  linear.expand = [](Graph& g, DistKind, std::span<const NodeId> p, const Shape&) {
    return g.apply(Op::MatMul, {p[0], p[1]});
  };
  ops.linear = register_composite(std::move(linear));

  CompositeDef tanh_dense;
  tanh_dense.name = "tanh_dense";
  tanh_dense.params = {"H", "s"};
  tanh_dense.check = [](const CompositeArgs& a) {
    arity(a, 2, "tanh_dense");
    matrix(a, 0, "tanh_dense", "H");
    positive_scale(a, 1, "tanh_dense", "s");
    require(a.shape.rank() == 2 && a.shape.dims[0] == a.shapes[0].dims[0],
            "tanh_dense: its value is [rows(H), units], not " + to_string(a.shape));
    return a.shape;
  };
  // The weights as initializers write them: standard normal draws scaled by s. Once
  // the layer is expanded, the primitive rules fold the scale into the draw
  // (normal-scale, or mul-one for s = 1): W ~ normal(0, s).
  tanh_dense.expand = [](Graph& g, DistKind, std::span<const NodeId> p, const Shape& shape) {
    const NodeId z = g.draw(DistKind::Normal, {g.constant(Value(0.0)), g.constant(Value(1.0))},
                            Shape::matrix(g.node(p[0]).shape.dims[1], shape.dims[1]));
    const NodeId w = g.apply(Op::Mul, {p[1], z});
    return g.apply(Op::Tanh, {g.apply(Op::MatMul, {p[0], w})});
  };
  ops.tanh_dense = register_composite(std::move(tanh_dense));

  CompositeDef dense;
  dense.name = "dense";
  dense.params = {"H", "s"};
  dense.check = [](const CompositeArgs& a) {
    arity(a, 2, "dense");
    matrix(a, 0, "dense", "H");
    positive_scale(a, 1, "dense", "s");
    return Shape::vector(a.shapes[0].dims[0]);
  };
  dense.expand = [](Graph& g, DistKind, std::span<const NodeId> p, const Shape&) {
    const NodeId w = g.draw(DistKind::Normal, {g.constant(Value(0.0)), p[1]}, Shape::vector(g.node(p[0]).shape.dims[1]));
    return g.apply(Op::MatVec, {p[0], w});
  };
  ops.dense = register_composite(std::move(dense));

  CompositeDef backbone;
  backbone.name = "backbone";
  backbone.level = 2;
  backbone.params = {"X", "A", "B", "s"};
  backbone.check = [](const CompositeArgs& a) {
    arity(a, 4, "backbone");
    for (std::size_t k = 0; k < 3; ++k) matrix(a, k, "backbone", k == 0 ? "X" : k == 1 ? "A" : "B");
    positive_scale(a, 3, "backbone", "s");
    const Shape features = product(product(a.shapes[0], a.shapes[1], "backbone"), a.shapes[2], "backbone");
    require(a.shape.rank() == 2 && a.shape.dims[0] == features.dims[0],
            "backbone: its value is [rows(X), units], not " + to_string(a.shape));
    return a.shape;
  };
  backbone.expand = [ops](Graph& g, DistKind, std::span<const NodeId> p, const Shape& shape) {
    const auto shape_of = [&](NodeId id) { return g.node(id).shape; };
    const NodeId h1 = g.composite(ops.linear, DistKind::Normal, {p[0], p[1]},
                                  Shape::matrix(shape_of(p[0]).dims[0], shape_of(p[1]).dims[1]));
    const NodeId h2 = g.composite(ops.linear, DistKind::Normal, {h1, p[2]},
                                  Shape::matrix(shape_of(p[0]).dims[0], shape_of(p[2]).dims[1]));
    return g.composite(ops.tanh_dense, DistKind::Normal, {h2, p[3]}, shape);
  };
  ops.backbone = register_composite(std::move(backbone));

  CompositeDef model;
  model.name = "bnn";
  model.level = 3;
  model.params = {"X", "A", "B", "s1", "s2", "sigma"};
  model.check = [](const CompositeArgs& a) {
    arity(a, 6, "bnn");
    for (std::size_t k = 0; k < 3; ++k) matrix(a, k, "bnn", k == 0 ? "X" : k == 1 ? "A" : "B");
    product(product(a.shapes[0], a.shapes[1], "bnn"), a.shapes[2], "bnn");
    positive_scale(a, 3, "bnn", "s1");
    positive_scale(a, 4, "bnn", "s2");
    positive_scale(a, 5, "bnn", "sigma");
    return Shape::vector(a.shapes[0].dims[0]);
  };
  model.expand = [ops](Graph& g, DistKind, std::span<const NodeId> p, const Shape& shape) {
    const NodeId h = g.composite(ops.backbone, DistKind::Normal, {p[0], p[1], p[2], p[3]},
                                 Shape::matrix(shape.dims[0], g.node(p[2]).shape.dims[1]));
    const NodeId f = g.composite(ops.dense, DistKind::Normal, {h, p[4]}, shape);
    return g.draw(DistKind::Normal, {f, p[5]}, shape);
  };
  ops.model = register_composite(std::move(model));

  // Facts. The scales are scalars; nothing they or H depend on is a matched draw.
  const Guard scalars = [](const rewrite::EGraph& g, const rewrite::Match& m) {
    for (const char* v : {"?s", "?sigma"})
      if (m.subst.find(v) && !g.data(m[v]).shape.is_scalar()) return false;
    return true;
  };
  rewrite::register_composite_rules(
      ops.model,
      {rewrite::computed(
          "bnn-marginal", rewrite::RuleKind::Distributional, "(bnn ?X ?A ?B ?s1 ?s ?sigma)",
          [ops](rewrite::EGraph& g, const rewrite::Match& m) -> std::optional<rewrite::ClassId> {
            const Shape& b = g.data(m["?B"]).shape;
            const std::int64_t n = g.data(m.root).shape.dims[0];
            // The backbone is a fresh random variable: the model's hidden layer.
            const rewrite::ClassId h = g.add_fresh_site(DistKind::Normal, ops.backbone,
                                                        {m["?X"], m["?A"], m["?B"], m["?s1"]},
                                                        Shape::matrix(n, b.dims[1]), m.root, 0);
            return gram_normal(g, m, h, m["?s"], m["?sigma"]);
          },
          {scalars}, "(mv_normal 0 (+ (* (square ?s) (H H')) (* (square ?sigma) I))), H = (backbone ?X ?A ?B ?s1)")});
  rewrite::register_composite_rules(
      ops.dense,
      {rewrite::computed(
          "dense-observed", rewrite::RuleKind::Distributional, "(normal (dense ?H ?s) ?sigma)",
          [](rewrite::EGraph& g, const rewrite::Match& m) -> std::optional<rewrite::ClassId> {
            return gram_normal(g, m, m["?H"], m["?s"], m["?sigma"]);
          },
          {scalars, rewrite::independent_of("?H"), rewrite::independent_of("?s"), rewrite::independent_of("?sigma")},
          "(mv_normal 0 (+ (* (square ?s) (H H')) (* (square ?sigma) I)))")});
  rewrite::register_composite_rules(
      ops.linear, {rewrite::dist_rw("linear-compose", "(linear (linear ?H ?A) ?B)", "(linear ?H (%*% ?A ?B))")});
  return ops;
}

}  // namespace detail

// The ops, registered once per process (on first use).
inline const Ops& ops() {
  static const Ops o = detail::register_ops();
  return o;
}

// The calls that put them in a model.
inline alea::CompositeCall linear(alea::Arg h, alea::Arg a, alea::Shape shape) {
  return {ops().linear, alea::DistKind::Normal, {std::move(h), std::move(a)}, std::move(shape)};
}
inline alea::CompositeCall tanh_dense(alea::Arg h, alea::Arg s, alea::Shape shape) {
  return {ops().tanh_dense, alea::DistKind::Normal, {std::move(h), std::move(s)}, std::move(shape)};
}
inline alea::CompositeCall dense(alea::Arg h, alea::Arg s, alea::Shape shape) {
  return {ops().dense, alea::DistKind::Normal, {std::move(h), std::move(s)}, std::move(shape)};
}
inline alea::CompositeCall backbone(alea::Arg x, alea::Arg a, alea::Arg b, alea::Arg s, alea::Shape shape) {
  return {ops().backbone, alea::DistKind::Normal, {std::move(x), std::move(a), std::move(b), std::move(s)}, std::move(shape)};
}
inline alea::CompositeCall model(alea::Arg x, alea::Arg a, alea::Arg b, alea::Arg s1, alea::Arg s2, alea::Arg sigma,
                                 std::int64_t n) {
  return {ops().model,
          alea::DistKind::Normal,
          {std::move(x), std::move(a), std::move(b), std::move(s1), std::move(s2), std::move(sigma)},
          alea::Shape::vector(n)};
}

}  // namespace bnn
