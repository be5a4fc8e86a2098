// Internal: where a chain starts. Initial values given by name (the model's
// variables) are resolved to the density's free variables (transformed to the
// unconstrained scale) and discrete latents; the rest start as Stan starts
// (uniform(-2, 2) unconstrained; discrete latents uniform over their finite support,
// counts near their mean), retried until the log density and its gradient are finite.
#pragma once
#include <string>
#include <vector>

#include "alea/dist/rng.hpp"
#include "alea/infer/gradient.hpp"
#include "alea/infer/inits.hpp"
#include "alea/infer/nuts.hpp"
#include "sum_moves.hpp"
#include "variable_elements.hpp"

namespace alea::detail {

// The finite support [lo, hi] of element i of a discrete draw of scalars given its
// parameters' values in f (from its record's support, so a truncated count has one
// when both bounds are finite); false when it has none.
bool finite_support(const infer::LogDensityFunction& f, const Node& node, std::size_t i, double& lo,
                    double& hi);
// A count with a lower end lo and no upper one (poisson, geometric, negative binomial,
// a count truncated below only): updated by Metropolis steps on the integers.
bool count_support(const infer::LogDensityFunction& f, const Node& node, std::size_t i, double& lo);

class ChainStart {
 public:
  // `inits`: this chain's initial values, or null.
  ChainStart(const Model& m, infer::LogDensityFunction& f, Rng& rng, const NodeNames& names,
             const InitialValues* inits);
  // Sets z.q, z.lp and z.grad, and the discrete latents in f. Throws InputError at an
  // initial value outside its support given its parameters at the start, and
  // std::runtime_error naming the variables whose density is not finite when no start
  // is found in 100 attempts (one when every element is given).
  void start(infer::PhasePoint& z);
  // The variables given initial values that the density does not hold.
  const std::vector<std::string>& ignored() const { return ignored_; }
  // The observed sums over discrete latents (sum_moves.hpp), held at the start.
  const std::vector<ObservedSum>& sums() const { return sums_; }

 private:
  // Initial values resolved to what the chain samples: a free variable of the density
  // (x: its constrained value, NaN where none is given) or an element of a discrete latent.
  struct FreeInit {
    std::size_t k = 0;
    std::vector<double> x;
    std::vector<std::size_t> element;  // the variable's element index of each x
    std::string name;
    SourceLoc where;
  };
  struct DiscreteInit {
    NodeId draw = 0;
    std::size_t offset = 0, element = 0;
    double value = 0;
    std::string name;
    SourceLoc where;
  };

  void resolve(const InitialValues& inits);
  void set_given(infer::PhasePoint& z, bool check);
  double count_start(const Node& node, std::size_t i);

  static constexpr int kInitAttempts = 100;  // as Stan
  const Model& m_;
  infer::LogDensityFunction& f_;
  Rng& rng_;
  const NodeNames& names_;
  std::vector<ObservedSum> sums_;
  std::vector<FreeInit> free_inits_;
  std::vector<DiscreteInit> discrete_inits_;
  std::vector<std::string> ignored_;
  std::vector<double> u_;
};

}  // namespace alea::detail
