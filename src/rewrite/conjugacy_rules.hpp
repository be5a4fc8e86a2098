// Internal: the table of conjugate pairs and what every pair rule needs: the latent's
// prior draw, one observed child's draw, matchers that recognize the child's parameter
// as a function of the latent (affine a + b * mu, power c * tau^p), constant folding,
// and node builders.
// A rule returns the child's marginal and the latent's posterior as new draws' kinds
// and parameter nodes, or nothing when the pair does not match.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "alea/graph/graph.hpp"

namespace alea::rewrite::detail {

struct PairInput {
  Graph& g;
  NodeId prior;  // the latent's Draw
  NodeId child;  // the observed child's Draw (its value stands for the data)
  // True when the node depends on the latent (any version of it).
  std::function<bool(NodeId)> depends;
  // True when the node is the latent itself (any version of it).
  std::function<bool(NodeId)> is_latent;
  // The planner's index of the variable whose draw the node is (any version of it), -1
  // for any other node: how a rule recognizes a second latent in a parameter.
  std::function<int(NodeId)> owner;
};

// The same pair seen from another variable `var` (a latent that scales the pair's
// covariances, say): depends and is_latent answer for `var` instead of the prior.
PairInput relative_to(const PairInput& in, int var);
// The first variable (by owner) that the node reads, -1 when it reads none, and the
// node that stands for it; an anonymous draw on the way makes it -2.
struct ReadVar {
  int var;
  NodeId node;
};
ReadVar first_variable(const PairInput& in, NodeId e);

struct PairOutput {
  DistKind marginal_kind;
  std::vector<NodeId> marginal_params;
  DistKind posterior_kind;
  std::vector<NodeId> posterior_params;
  std::string rule;  // "gamma-poisson"
};

using PairRule = std::optional<PairOutput> (*)(PairInput&);

// How the observations of a child relate to its latent: one latent for all of them
// (shared: sums over the observations), or one latent element per observation.
enum class Layout { Shared, Elementwise };
std::optional<Layout> layout(const PairInput& in);

// e = a + b * latent with a, b free of the latent (b may be the constant 1).
struct Affine {
  NodeId a, b;
};
std::optional<Affine> match_affine(PairInput& in, NodeId e);
// e = coef * latent^p with coef free of the latent (p = 0 when e is free of it):
// 1/sqrt(k * tau) is coef 1/sqrt(k), p = -1/2; sqrt(1/tau + 1/(k tau)) is
// coef sqrt(1 + 1/k), p = -1/2. Products, quotients, sqrt, square, constant powers and
// sums of terms with the same power are recognized.
struct ScaledPower {
  NodeId coef;
  double p;
};
std::optional<ScaledPower> match_scaled_power(PairInput& in, NodeId e);

// Node builders that fold the neutral constants (x + 0, x * 1) so that printed
// posteriors stay readable.
NodeId num(Graph& g, double x);
NodeId add(Graph& g, NodeId x, NodeId y);
NodeId sub(Graph& g, NodeId x, NodeId y);
NodeId mul(Graph& g, NodeId x, NodeId y);
NodeId div(Graph& g, NodeId x, NodeId y);
NodeId op(Graph& g, Op o, NodeId x);
// Sum over the observations: x summed when it is a vector, n * x when it is a scalar
// broadcast over n observations (Layout::Shared); x itself elementwise.
NodeId total(Graph& g, NodeId x, Layout l, std::int64_t n);
bool is_const(const Graph& g, NodeId id, double x);

// The value of a node computed from constants only (data, literals, ops on them), and
// constant matrices and vectors in and out of Eigen.
std::optional<Value> fold(const Graph& g, NodeId id);
Eigen::MatrixXd as_matrix(const Value& v);
Eigen::VectorXd as_vector(const Value& v);
NodeId matrix_node(Graph& g, const Eigen::MatrixXd& a);

// The rule families, one file each.
std::optional<PairOutput> normal_mean_rule(PairInput& in);
std::optional<PairOutput> normal_precision_rule(PairInput& in);
std::optional<PairOutput> normal_gamma_rule(PairInput& in);
std::optional<PairOutput> gamma_rate_rules(PairInput& in);
std::optional<PairOutput> beta_rules(PairInput& in);
std::optional<PairOutput> dirichlet_rules(PairInput& in);
std::optional<PairOutput> mv_normal_rule(PairInput& in);
std::optional<PairOutput> mv_normal_scale_rule(PairInput& in);

}  // namespace alea::rewrite::detail
