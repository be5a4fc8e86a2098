// Internal: a hierarchical group and its scale, updated apart from NUTS (as JAGS
// samples them). A scalar latent that is the scale (`sigma`) of a group of two or
// more latent elements (the precision tau of `b[i] ~ dnorm(0, tau)`) makes, with the
// group, the funnel that NUTS cannot cross with one step size: near tau -> inf the
// group's conditional is narrow, near tau -> 0 it is wide. So:
// - the scale is held fixed during the NUTS transition (its coordinate masked: zero
//   inverse metric) and drawn from its full conditional by slice sampling on its
//   unconstrained coordinate (Neal 2003, stepping out and shrinkage), exact for any
//   one-dimensional density;
// - a group whose full conditional is Gaussian with independent elements (a normal
//   draw whose every use in the density is the mean of normal draws, affine in it,
//   each element of a use reading at most one element of the group) is drawn
//   exactly from that conditional, read from the gradient at two points; a group
//   that is not (logistic children, ...) is sampled by NUTS, with its scale, centred,
//   non-centred (x = mu + sigma u, a change of variables with its Jacobian, as Stan
//   users write such groups by hand) or partially centred, element by element, by
//   what a pilot run finds the data say about each (transform.hpp's
//   constrain_partial; sampler.cpp's choose_centring).
// A Metropolis-within-Gibbs sweep: each update leaves the posterior invariant
// (docs/sampling.md, "Hierarchical groups").
#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "alea/dist/rng.hpp"
#include "alea/infer/gradient.hpp"
#include "conjugate_coordinate.hpp"
#include "alea/infer/nuts.hpp"

namespace alea::detail {

// Coordinates of the unconstrained point (offset, size).
struct CoordinateBlock {
  std::size_t offset = 0, size = 0;
};

struct HierarchicalPlan {
  // A Gibbs-route scale's non-centred move (InterweavedScale): its coordinate, and
  // per member draw of its group the coordinates, mean node and sd node.
  struct Member {
    CoordinateBlock block;
    NodeId loc = 0, sd = 0;
  };
  struct Interweave {
    std::size_t scale = 0;
    std::vector<Member> members;
  };
  std::vector<Interweave> interweave;
  std::vector<std::size_t> scales;        // slice-sampled scalar coordinates
  std::vector<CoordinateBlock> gaussian;  // groups drawn from their Gaussian conditional
  std::vector<NodeId> noncentred;         // normal groups NUTS samples non-centred
  std::vector<std::string> scale_names, gaussian_names, noncentred_names;
  // A group NUTS samples (its children are not all normal), with its scale: non-centred
  // unless choose_centring finds the data informative about its members.
  struct NutsGroup {
    NodeId scale = 0;
    std::vector<NodeId> members;  // the normal (or lognormal) draws of the group
    // The lowest over members of the share of a member's posterior precision that the
    // data give, averaged over pilot draws (NaN when not measured).
    double data_share = std::numeric_limits<double>::quiet_NaN();
    bool centred = false;
    // Partially centred: per element of each normal member the information the data
    // give about it and their centre (LogDensityFunction's `partial`), when the shares
    // are neither all high nor all low. Empty: wholly centred or non-centred.
    std::map<NodeId, infer::PartialCentring> partial;
  };
  std::vector<NutsGroup> nuts_groups;
  std::map<NodeId, infer::PartialCentring> partial;  // the groups' partial forms together
  std::vector<std::string> centred_names;
  std::vector<std::string> centring_notes;  // how each group's form was chosen
  // Scales NUTS samples with a sign (gradient.hpp's SignedScale), and their names
  // ("sigma (with b)").
  std::vector<infer::SignedScale> signed_scales;
  std::vector<std::string> signed_names;
  // Rebuilds noncentred (and its names: partially centred members among them) and
  // partial from the groups not centred.
  void apply_centring(const std::function<std::string(NodeId)>& name);
};

// Per hierarchical scale (a scalar latent that is the `sigma` of two or more latent
// elements): when every member of its group has a Gaussian conditional, the scale is
// slice-sampled and the group (with the normal latents its means read) drawn exactly;
// otherwise the group's normal members are non-centred for NUTS. f is the density
// without non-centring (the plan does not change its free variables' offsets).
// `name`: a node's name in the lists (repeated names are listed once).
HierarchicalPlan plan_hierarchical(const Model& m, const infer::LogDensityFunction& f,
                                   const std::function<std::string(NodeId)>& name);

// Slice sampling of a one-dimensional density (Neal 2003, stepping out and shrinkage),
// exact for any density; the initial width adapts during warmup.
class Slice1d {
 public:
  // A draw from the density lp_at given the current point x0 (log density lp0);
  // lp_out is the log density at the draw.
  double update(double x0, double lp0, const std::function<double(double)>& lp_at, double& lp_out, Rng& rng,
                bool adapt);

 private:
  static constexpr int kMaxSteps = 10;  // stepping-out steps, as Neal's m
  double width_ = 1;                    // on the unconstrained scale
  double sum_moves_ = 0;
  long n_moves_ = 0;
};

// A coordinate from its full conditional given the rest (a hierarchical scale given
// its group, centred): an exact draw where the conditional is conjugate
// (conjugate_coordinate.hpp), by slice sampling otherwise.
class SliceCoordinate {
 public:
  explicit SliceCoordinate(std::size_t k, std::optional<ConditionalFamily> conjugate = std::nullopt)
      : k_(k), conjugate_(conjugate) {}
  std::size_t coordinate() const { return k_; }
  bool conjugate() const { return conjugate_.has_value(); }
  // z.lp is the density at z.q on entry and on exit (z.grad is not updated).
  void update(infer::LogDensityFunction& f, infer::PhasePoint& z, Rng& rng, bool adapt);

 private:
  std::size_t k_;
  std::optional<ConditionalFamily> conjugate_;
  Slice1d slice_;
};

// The scale's coordinate given the group's standardized values eta = (x - m) / s
// (non-centred), the group moving with it: interweaving the two parameterizations
// (Yu and Meng 2011, ASIS) mixes well whether the data are weak (where the centred
// Gibbs sweep sticks near a scale of 0: eight schools) or strong (where the
// non-centred one sticks). z.lp is current on entry and on exit.
class InterweavedScale {
 public:
  explicit InterweavedScale(HierarchicalPlan::Interweave w) : k_(w.scale), members_(std::move(w.members)) {}
  void update(infer::LogDensityFunction& f, infer::PhasePoint& z, Rng& rng, bool adapt);

 private:
  using Member = HierarchicalPlan::Member;
  std::size_t k_;
  std::vector<Member> members_;
  std::vector<double> eta_;
  Slice1d slice_;
};

// An exact draw of a block whose log conditional is -1/2 sum_i Q_i x_i^2 + b_i x_i:
// the gradient g at x and at x + 1 gives Q_i = g_i(x) - g_i(x + 1) and the mean
// x_i + g_i(x) / Q_i. z.lp and z.grad are current on entry and on exit. A Q_i that
// is not positive and finite (an improper conditional at this state) leaves the
// block where it is and is counted.
class GaussianBlock {
 public:
  explicit GaussianBlock(CoordinateBlock b) : b_(b) {}
  const CoordinateBlock& block() const { return b_; }
  void update(infer::LogDensityFunction& f, infer::PhasePoint& z, Rng& rng);
  long improper() const { return improper_; }

 private:
  CoordinateBlock b_;
  std::vector<double> q1_, g1_;
  long improper_ = 0;
};

}  // namespace alea::detail
