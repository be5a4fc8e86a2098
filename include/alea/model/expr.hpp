// The C++ modelling API: expressions over model variables with ordinary operators,
// and distribution calls such as normal(mu, 1.0) that a Model turns into draws.
#pragma once
#include <concepts>
#include <memory>
#include <variant>
#include <vector>

#include "alea/graph/graph.hpp"

namespace alea {

// A handle to a node of a model's graph.
class Expr {
 public:
  Expr(std::shared_ptr<Graph> graph, NodeId id) : graph_(std::move(graph)), id_(id) {}

  NodeId id() const { return id_; }
  const std::shared_ptr<Graph>& graph() const { return graph_; }
  const Node& node() const { return graph_->node(id_); }
  const Shape& shape() const { return node().shape; }

  // Element i (0-based) of a vector; (i, j) of a matrix.
  Expr operator[](std::int64_t i) const;
  Expr operator()(std::int64_t i, std::int64_t j) const;

 private:
  std::shared_ptr<Graph> graph_;
  NodeId id_;
};

// An operand: an expression or a constant.
class Arg {
 public:
  Arg(const Expr& e) : v_(e) {}                                        // NOLINT: implicit by design
  Arg(double x) : v_(Value(x)) {}                                      // NOLINT
  Arg(int x) : v_(Value(x)) {}                                         // NOLINT
  Arg(Value v) : v_(std::move(v)) {}                                   // NOLINT
  Arg(std::vector<double> v) : v_(Value(std::move(v))) {}             // NOLINT
  Arg(std::initializer_list<double> v) : v_(Value(std::vector<double>(v))) {}  // NOLINT

  const Expr* expr() const { return std::get_if<Expr>(&v_); }
  const Value* value() const { return std::get_if<Value>(&v_); }
  // The node for this operand in `g` (constants are added to it).
  NodeId node_in(Graph& g) const;

 private:
  std::variant<Expr, Value> v_;
};

// A deterministic op on operands, at least one of them an expression.
Expr apply(Op op, std::vector<Arg> args);

template <class T>
concept IsExpr = std::same_as<std::remove_cvref_t<T>, Expr>;
template <class A, class B>
concept HasExpr = IsExpr<A> || IsExpr<B>;

template <class A, class B> requires HasExpr<A, B>
Expr operator+(const A& a, const B& b) { return apply(Op::Add, {Arg(a), Arg(b)}); }
template <class A, class B> requires HasExpr<A, B>
Expr operator-(const A& a, const B& b) { return apply(Op::Sub, {Arg(a), Arg(b)}); }
template <class A, class B> requires HasExpr<A, B>
Expr operator*(const A& a, const B& b) { return apply(Op::Mul, {Arg(a), Arg(b)}); }
template <class A, class B> requires HasExpr<A, B>
Expr operator/(const A& a, const B& b) { return apply(Op::Div, {Arg(a), Arg(b)}); }
inline Expr operator-(const Expr& a) { return apply(Op::Neg, {a}); }

inline Expr exp(const Expr& x) { return apply(Op::Exp, {x}); }
inline Expr log(const Expr& x) { return apply(Op::Log, {x}); }
inline Expr log1p(const Expr& x) { return apply(Op::Log1p, {x}); }
inline Expr expm1(const Expr& x) { return apply(Op::Expm1, {x}); }
inline Expr sqrt(const Expr& x) { return apply(Op::Sqrt, {x}); }
inline Expr square(const Expr& x) { return apply(Op::Square, {x}); }
inline Expr abs(const Expr& x) { return apply(Op::Abs, {x}); }
inline Expr logistic(const Expr& x) { return apply(Op::Logistic, {x}); }
inline Expr logit(const Expr& x) { return apply(Op::Logit, {x}); }
inline Expr sum(const Expr& x) { return apply(Op::Sum, {x}); }
inline Expr mean(const Expr& x) { return apply(Op::Mean, {x}); }
inline Expr pow(const Arg& x, const Arg& y) { return apply(Op::Pow, {x, y}); }
inline Expr min(const Arg& x, const Arg& y) { return apply(Op::Min, {x, y}); }
inline Expr max(const Arg& x, const Arg& y) { return apply(Op::Max, {x, y}); }
inline Expr dot(const Arg& x, const Arg& y) { return apply(Op::Dot, {x, y}); }
inline Expr matvec(const Arg& a, const Arg& x) { return apply(Op::MatVec, {a, x}); }
Expr stack(const std::vector<Expr>& scalars);

// A distribution with its parameters, not yet drawn: Model::random turns it into a site.
struct DistCall {
  DistKind kind;
  std::vector<Arg> params;
};

// Parameterizations are alea's (see dist_kind.hpp): sd for normal, rate for gamma.
inline DistCall normal(Arg mu, Arg sigma) { return {DistKind::Normal, {mu, sigma}}; }
inline DistCall half_normal(Arg sigma) { return {DistKind::HalfNormal, {sigma}}; }
inline DistCall lognormal(Arg mu, Arg sigma) { return {DistKind::LogNormal, {mu, sigma}}; }
inline DistCall student_t(Arg nu, Arg mu, Arg sigma) { return {DistKind::StudentT, {nu, mu, sigma}}; }
inline DistCall cauchy(Arg mu, Arg sigma) { return {DistKind::Cauchy, {mu, sigma}}; }
inline DistCall half_cauchy(Arg sigma) { return {DistKind::HalfCauchy, {sigma}}; }
inline DistCall uniform(Arg lo, Arg hi) { return {DistKind::Uniform, {lo, hi}}; }
inline DistCall exponential(Arg rate) { return {DistKind::Exponential, {rate}}; }
inline DistCall gamma(Arg shape, Arg rate) { return {DistKind::Gamma, {shape, rate}}; }
inline DistCall inv_gamma(Arg shape, Arg scale) { return {DistKind::InverseGamma, {shape, scale}}; }
inline DistCall chi_squared(Arg nu) { return {DistKind::ChiSquared, {nu}}; }
inline DistCall beta(Arg a, Arg b) { return {DistKind::Beta, {a, b}}; }
inline DistCall laplace(Arg mu, Arg b) { return {DistKind::Laplace, {mu, b}}; }
inline DistCall logistic_dist(Arg mu, Arg s) { return {DistKind::Logistic, {mu, s}}; }
inline DistCall weibull(Arg k, Arg lambda) { return {DistKind::Weibull, {k, lambda}}; }
inline DistCall pareto(Arg xm, Arg alpha) { return {DistKind::Pareto, {xm, alpha}}; }
inline DistCall bernoulli(Arg p) { return {DistKind::Bernoulli, {p}}; }
inline DistCall binomial(Arg n, Arg p) { return {DistKind::Binomial, {n, p}}; }
inline DistCall poisson(Arg lambda) { return {DistKind::Poisson, {lambda}}; }
inline DistCall geometric(Arg p) { return {DistKind::Geometric, {p}}; }
inline DistCall neg_binomial(Arg r, Arg p) { return {DistKind::NegativeBinomial, {r, p}}; }
inline DistCall categorical(Arg p) { return {DistKind::Categorical, {p}}; }
inline DistCall discrete_uniform(Arg lo, Arg hi) { return {DistKind::DiscreteUniform, {lo, hi}}; }
inline DistCall mv_normal(Arg mu, Arg sigma) { return {DistKind::MvNormal, {mu, sigma}}; }
inline DistCall mv_student_t(Arg nu, Arg mu, Arg sigma) { return {DistKind::MvStudentT, {nu, mu, sigma}}; }
inline DistCall dirichlet(Arg alpha) { return {DistKind::Dirichlet, {alpha}}; }
inline DistCall multinomial(Arg n, Arg p) { return {DistKind::Multinomial, {n, p}}; }

}  // namespace alea
