// Matching a child's parameter against its latent (affine and power forms), the
// layout of a pair, and node builders that keep posteriors readable.
#include <cmath>
#include <memory>

#include "alea/dist/ops.hpp"
#include "conjugacy_rules.hpp"

namespace alea::rewrite::detail {
namespace {

std::optional<double> constant_scalar(const Graph& g, NodeId id) {
  const Node& n = g.node(id);
  if (n.op == Op::Constant && n.constant->is_scalar()) return n.constant->scalar();
  if (n.op == Op::Neg)
    if (auto v = constant_scalar(g, n.inputs[0])) return -*v;
  return std::nullopt;
}

// Whether a node reads variable `var` (stopping at every variable's draw), memoized.
struct ReadsVariable {
  const Graph* g;
  std::function<int(NodeId)> owner;
  int var;
  std::shared_ptr<std::vector<signed char>> memo = std::make_shared<std::vector<signed char>>();

  bool operator()(NodeId id) const {
    if (memo->size() <= id) memo->resize(id + 1, -1);
    if ((*memo)[id] >= 0) return (*memo)[id] != 0;
    bool r = false;
    if (const int o = owner(id); o >= 0) {
      r = o == var;
    } else {
      for (NodeId i : g->node(id).inputs)
        if ((*this)(i)) r = true;
    }
    (*memo)[id] = r ? 1 : 0;  // the recursion may have grown the vector: index again
    return r;
  }
};

}  // namespace

PairInput relative_to(const PairInput& in, int var) {
  const auto owner = in.owner;
  return PairInput{in.g, in.prior, in.child, ReadsVariable{&in.g, owner, var},
                   [owner, var](NodeId id) { return owner(id) == var; }, owner};
}

ReadVar first_variable(const PairInput& in, NodeId e) {
  std::vector<NodeId> stack{e};
  std::vector<char> seen(in.g.size(), 0);
  while (!stack.empty()) {
    const NodeId id = stack.back();
    stack.pop_back();
    if (seen[id]) continue;
    seen[id] = 1;
    if (const int o = in.owner(id); o >= 0) return {o, id};
    const Node& n = in.g.node(id);
    if (n.op == Op::Draw) return {-2, id};
    stack.insert(stack.end(), n.inputs.begin(), n.inputs.end());
  }
  return {-1, e};
}

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

bool is_const(const Graph& g, NodeId id, double x) {
  auto v = constant_scalar(g, id);
  return v && *v == x;
}

NodeId num(Graph& g, double x) { return g.constant(Value(x)); }

NodeId add(Graph& g, NodeId x, NodeId y) {
  if (is_const(g, x, 0.0)) return y;
  if (is_const(g, y, 0.0)) return x;
  return g.apply(Op::Add, {x, y});
}

NodeId sub(Graph& g, NodeId x, NodeId y) {
  if (is_const(g, y, 0.0)) return x;
  return g.apply(Op::Sub, {x, y});
}

NodeId mul(Graph& g, NodeId x, NodeId y) {
  if (is_const(g, x, 1.0)) return y;
  if (is_const(g, y, 1.0)) return x;
  // A scalar zero broadcasts wherever the product would have gone.
  if (is_const(g, x, 0.0)) return x;
  if (is_const(g, y, 0.0)) return y;
  return g.apply(Op::Mul, {x, y});
}

NodeId div(Graph& g, NodeId x, NodeId y) {
  if (is_const(g, y, 1.0) || is_const(g, x, 0.0)) return x;
  return g.apply(Op::Div, {x, y});
}

NodeId op(Graph& g, Op o, NodeId x) {
  if ((o == Op::Square || o == Op::Sqrt) && is_const(g, x, 1.0)) return x;
  return g.apply(o, {x});
}

NodeId total(Graph& g, NodeId x, Layout l, std::int64_t n) {
  if (l == Layout::Elementwise) return x;
  if (g.node(x).shape.is_scalar()) return n == 1 ? x : mul(g, x, num(g, static_cast<double>(n)));
  return g.apply(Op::Sum, {x});
}

std::optional<Layout> layout(const PairInput& in) {
  const Shape& p = in.g.node(in.prior).shape;
  const Shape& c = in.g.node(in.child).shape;
  if (p.is_scalar() && c.rank() <= 1) return Layout::Shared;
  if (p.rank() == 1 && p == c) return Layout::Elementwise;
  return std::nullopt;
}

std::optional<Affine> match_affine(PairInput& in, NodeId e) {
  Graph& g = in.g;
  if (!in.depends(e)) return Affine{e, num(g, 0.0)};
  if (in.is_latent(e)) return Affine{num(g, 0.0), num(g, 1.0)};
  const Node n = g.node(e);  // a copy: the builders below grow the graph
  switch (n.op) {
    case Op::Add:
    case Op::Sub: {
      auto x = match_affine(in, n.inputs[0]), y = match_affine(in, n.inputs[1]);
      if (!x || !y) return std::nullopt;
      if (n.op == Op::Add) return Affine{add(g, x->a, y->a), add(g, x->b, y->b)};
      return Affine{sub(g, x->a, y->a), sub(g, x->b, y->b)};
    }
    case Op::Neg: {
      auto x = match_affine(in, n.inputs[0]);
      if (!x) return std::nullopt;
      return Affine{op(g, Op::Neg, x->a), op(g, Op::Neg, x->b)};
    }
    case Op::Mul:
    case Op::Div: {
      const bool left = in.depends(n.inputs[0]), right = in.depends(n.inputs[1]);
      if (left && right) return std::nullopt;
      if (n.op == Op::Div && right) return std::nullopt;
      const NodeId k = left ? n.inputs[1] : n.inputs[0];
      auto x = match_affine(in, left ? n.inputs[0] : n.inputs[1]);
      if (!x) return std::nullopt;
      if (n.op == Op::Div) return Affine{div(g, x->a, k), div(g, x->b, k)};
      return Affine{mul(g, x->a, k), mul(g, x->b, k)};
    }
    default: return std::nullopt;
  }
}

std::optional<ScaledPower> match_scaled_power(PairInput& in, NodeId e) {
  Graph& g = in.g;
  if (in.is_latent(e)) return ScaledPower{num(g, 1.0), 1.0};
  if (!in.depends(e)) return ScaledPower{e, 0.0};
  const Node n = g.node(e);
  const auto left = [&] { return match_scaled_power(in, n.inputs[0]); };
  const auto right = [&] { return match_scaled_power(in, n.inputs[1]); };
  switch (n.op) {
    case Op::Sqrt:
      if (auto x = left()) return ScaledPower{op(g, Op::Sqrt, x->coef), x->p / 2};
      break;
    case Op::Square:
      if (auto x = left()) return ScaledPower{op(g, Op::Square, x->coef), x->p * 2};
      break;
    case Op::Mul:
      if (auto x = left())
        if (auto y = right()) return ScaledPower{mul(g, x->coef, y->coef), x->p + y->p};
      break;
    case Op::Div:
      if (auto x = left())
        if (auto y = right()) return ScaledPower{div(g, x->coef, y->coef), x->p - y->p};
      break;
    case Op::Add:
      // c1 L^p + c2 L^p = (c1 + c2) L^p; terms with different powers do not factor.
      if (auto x = left())
        if (auto y = right(); y && x->p == y->p && x->p != 0.0) return ScaledPower{add(g, x->coef, y->coef), x->p};
      break;
    case Op::Pow:
      if (auto k = constant_scalar(g, n.inputs[1]))
        if (auto x = left()) {
          const NodeId c = is_const(g, x->coef, 1.0) ? x->coef : g.apply(Op::Pow, {x->coef, n.inputs[1]});
          return ScaledPower{c, x->p * *k};
        }
      break;
    default: break;
  }
  return std::nullopt;
}

}  // namespace alea::rewrite::detail
