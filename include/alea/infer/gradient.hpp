// The compiled log density of a model with its observed variables fixed at their
// data, as a function of one unconstrained vector, with its gradient by one reverse
// sweep over the graph. The free parameters are the continuous latent draws that have
// an observed descendant (named variables, elements of arrays, anonymous draws),
// each transformed to the real line by its support (transform.hpp). Discrete latent
// draws with an observed descendant are held at values the caller sets (a Gibbs
// sampler updates them). Latent draws with no observed descendant are not in the
// density: the sampler draws them forward.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "alea/infer/transform.hpp"
#include "alea/model/model.hpp"

namespace alea::dist {
struct ArrayView;
}

namespace alea::infer {

struct FreeVariable {
  NodeId node;
  std::string name;        // "mu", "theta[3]", "_s7"
  std::size_t offset = 0;  // first index in the unconstrained vector
  std::size_t size = 0;    // its length there
  TransformKind transform = TransformKind::Identity;
  bool bounds_from_parameters = false;  // uniform(a, b), pareto, a random cut point: bounds are node values
  // A signed scale or one of its partners (SignedScale): the offset of the scale's
  // coordinate, whose sign multiplies this variable's coordinates before its transform;
  // -1 otherwise.
  std::ptrdiff_t sign_of = -1;
};

// A positive scale sampled with a sign (the sign-symmetric extension of a non-centred
// scale). When a scale s > 0 (uniform(0, U), half-normal, half-Cauchy) enters the
// density only as the factor of standard normal draws u (oxford's sigma * b[i],
// b ~ normal(0, 1)), each used only there (directly or through elements selected by
// constant indices, sigma * b[g[i]]), (s, u) and (-s, -u) give the same product:
// the scale's coordinate then ranges over (-U, U) (the real line), the scale's value is
// |s| and each partner's is sign(s) u. Both halves map onto the model's (s, u) with
// Jacobian 1, so the law of the values is the model's exactly, whatever the density
// (the map is a 2-to-1 change of variables; a coordinate's sign picks the half). The
// geometry is what changes: the product's curvature along s is sum_i I_i u_i^2, the same
// for every s, where along log s it grows as s^2 (the stiff upper tail of a
// non-centred scale, where a step size adapted to the bulk diverges), and s = 0 is an
// ordinary point, not the end of a funnel.
struct SignedScale {
  NodeId scale = 0;
  std::vector<NodeId> partners;  // normal(0, c) draws, each read only as a factor of the scale
};

class LogDensityFunction;
// The signed scales of f's density (SignedScale): the scalar free draws with support
// (0, U) or (0, inf) whose density is smooth and even once mirrored (a uniform from 0,
// half-normal, half-Cauchy), read in the density only as a factor of a product with a
// free normal(0, c) draw (constant c) that is read only in such products. `held`: per
// coordinate, true for one that another update (Gibbs, slice) moves: those are left.
std::vector<SignedScale> find_signed_scales(const Graph& g, const LogDensityFunction& f, const std::vector<bool>& held);

// A point where the density could not be evaluated: a parameter outside its domain
// (std::domain_error, an index out of range) met at an extreme point. The density is
// -inf there (a rejected proposal, as in Stan); the first such error is kept.
struct DomainFailure {
  NodeId node = 0;
  std::string what;
};

// Per-element bounds of a free draw that an observed dinterval censors: its transform
// keeps to the interval that the observed index gives.
// A cut point that is a random scalar computed before the draw (an ordered
// a[k] ~ dnorm(0, t) I(a[k-1], )) is a bound that moves: lo_node / hi_node.
struct CensorBounds {
  std::vector<double> lo, hi;
  TransformKind kind = TransformKind::Identity;
  std::optional<NodeId> lo_node, hi_node;
};

class LogDensityFunction {
 public:
  // Throws std::invalid_argument naming the variable when an observed variable is a
  // deterministic function of random variables (simplify the model first).
  // `noncentred`: normal latent draws sampled in their non-centred form, x = mu + sigma u
  // with u the free coordinates (TransformKind::LocationScale), a change of variables
  // with its Jacobian: the density is the same, its geometry is not (hierarchical_gibbs.hpp).
  // `partial`: for a non-centred normal draw, per element the information the data give
  // about it and the centre they point to, the partial form x = (1 - l) m + l c + t u
  // (constrain_partial in transform.hpp; information 0 is the non-centred form).
  // `signed_scales`: scales sampled with a sign, and their partners (SignedScale): as
  // find_signed_scales gives them (each partner read only in products with its scale,
  // which this constructor does not check; the rest it does).
  explicit LogDensityFunction(const Model& m, const std::vector<NodeId>& noncentred = {},
                              const std::map<NodeId, PartialCentring>& partial = {},
                              const std::vector<SignedScale>& signed_scales = {});
  ~LogDensityFunction();
  // The compiled tape points into the object's own buffers: movable, not copyable.
  LogDensityFunction(LogDensityFunction&&) noexcept;
  LogDensityFunction(const LogDensityFunction&) = delete;
  LogDensityFunction& operator=(const LogDensityFunction&) = delete;

  std::size_t dimension() const { return dim_; }
  const std::vector<FreeVariable>& free_variables() const { return free_; }
  // Discrete latent draws in the density, held at values set with set_value.
  const std::vector<NodeId>& discrete_latents() const { return discrete_; }
  // True when the node is evaluated by the density (an ancestor of an observed draw).
  bool in_density(NodeId id) const { return in_density_[id]; }

  // log p(x(u), data) + log |J(u)|; -inf outside the support.
  double value(std::span<const double> u) { return evaluate(u, {}, true); }
  // The same, with d/du written to grad (length dimension()).
  double value_and_gradient(std::span<const double> u, std::span<double> grad) { return evaluate(u, grad, true); }
  // Sets the node values (node_value) at u without evaluating the density terms.
  void set_point(std::span<const double> u) { evaluate(u, {}, false); }
  // The joint log density (without the Jacobian) of the last evaluation.
  double joint_log_density() const { return joint_; }
  // The value of a node in the density at the last evaluation (constrained scale);
  // for a fused node (fused()), at the last set_point.
  std::span<const double> node_value(NodeId id) const { return val_[id]; }
  // True for a node that value() and value_and_gradient() skip because its one consumer
  // reads its input instead: a square root that only a normal draw's scale uses (the
  // draw takes its radicand as a variance), a logistic node that only the probability of
  // observed counts uses (they take its logit). set_point computes it.
  bool fused(NodeId id) const { return fused_[id]; }
  // Sets element i of a discrete latent draw.
  void set_value(NodeId discrete_draw, std::size_t i, double v) { val_[discrete_draw][i] = v; }
  // The unconstrained point of given node values (indexed by node id: each free
  // variable's value, and the values of the parameters its bounds read) — the inverse
  // of the transforms. Throws std::invalid_argument when one of them is missing.
  std::vector<double> unconstrain(const std::vector<std::vector<double>>& values) const;
  // The nodes whose values unconstrain reads: the free variables and their bounds' nodes.
  std::vector<NodeId> unconstrain_reads() const;
  // The unconstrained value u (length free_variables()[k].size) of free variable k at
  // the constrained value x, with its bounds at the last evaluation (set_point first
  // when bounds_from_parameters, or for a signed scale or partner, whose coordinates
  // take the sign the scale's had there). NaN elements of x give NaN; an element
  // outside the support gives a non-finite u.
  void unconstrain_free(std::size_t k, std::span<const double> x, std::span<double> u) const;

  // Evaluations that met a domain error, and the first of them.
  long domain_failures() const { return failures_; }
  const std::optional<DomainFailure>& first_domain_failure() const { return first_failure_; }
  // The draws whose log density term is not finite at u, and when every term is,
  // the free variables whose gradient is not: what keeps u from being a start.
  std::vector<NodeId> nonfinite_at(std::span<const double> u);

 private:
  struct Stats;  // sufficient statistics of an observed vector
  struct Step;   // one node of the compiled tape
  double evaluate(std::span<const double> u, std::span<double> grad, bool terms);
  double evaluate_unchecked(std::span<const double> u, std::span<double> grad, bool terms, std::size_t& at);
  double composite_term(const Step& s, std::span<const dist::ArrayView> in, double* const* gin) const;
  void compile(const std::vector<int>& free_index, const std::vector<bool>& fixed,
               const std::vector<std::size_t>& rows, const std::vector<bool>& fuse);
  std::shared_ptr<const Graph> graph_;
  std::vector<NodeId> plan_;  // nodes of the density, in id (topological) order
  std::vector<bool> in_density_;
  std::vector<FreeVariable> free_;
  // The free draws that an observed dinterval censors (see find_censoring).
  std::map<NodeId, CensorBounds> censor_;
  std::vector<bool> noncentred_;  // per node
  std::vector<bool> fused_;       // per node
  std::vector<PartialCentring> partial_;  // per node: partial centring, else empty
  void find_censoring(const std::vector<bool>& observed);
  // The signed scales' bounds, mirrored: (-U, U), or the real line.
  std::map<NodeId, CensorBounds> mirrored_;
  // Per coordinate: the sign of the last evaluation's coordinate (1 or -1), read for the
  // signed scales' coordinates (unconstrain_free keeps a partner's sign).
  std::vector<double> last_sign_;
  std::vector<double> flipped_;  // a signed variable's coordinates times -1
  void mirror(const std::vector<SignedScale>& signed_scales, const std::vector<bool>& observed);
  // A free step's slice of u, or that slice times -1 (in flipped_) for a signed scale or
  // partner whose scale's coordinate is negative; records the sign in last_sign_.
  std::span<const double> signed_coordinates(const Step& s, std::span<const double> u, bool& flipped);
  // Free variable f's u from its value x, by its transform or its partial centring.
  void unconstrain_one(const FreeVariable& f, ArrayView lo, ArrayView hi, std::span<const double> x,
                       std::span<double> u) const;
  void random_cuts(NodeId t, NodeId cuts, double y, const std::vector<bool>& observed);
  void order_for_moving_cuts();
  std::vector<NodeId> discrete_;
  std::vector<std::shared_ptr<const Stats>> stats_;  // per node, null when none
  std::vector<std::vector<double>> val_;
  std::vector<double> adj_;         // adjoints of the nodes that need one, in one buffer
  std::vector<Step> tape_;          // the plan's nodes with their operands resolved
  std::vector<std::size_t> back_;   // the steps with a reverse step
  std::vector<ArrayView> ins_;      // the steps' inputs, concatenated
  std::vector<double*> gins_;       // their adjoints (null: fixed)
  std::vector<double*> no_gins_;    // all null, for value()
  std::size_t dim_ = 0;
  double joint_ = 0;
  long failures_ = 0;
  std::optional<DomainFailure> first_failure_;
  std::vector<double> term_;  // per step, filled when record_terms_ (nonfinite_at)
  bool record_terms_ = false;
};

}  // namespace alea::infer
