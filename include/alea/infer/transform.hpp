// Unconstraining transforms: a constrained value x (positive, in an interval, on a
// simplex) as a function of an unconstrained vector u, with log |dx/du| (the Jacobian
// term the density on u needs) and its gradient. Chosen from a distribution's support:
//   real line  x = u                          log J = 0
//   (lo, inf)  x = lo + exp(u)                log J = u
//   (-inf, hi) x = hi - exp(u)                log J = u
//   (lo, hi)   x = lo + (hi - lo) logistic(u) log J = log(hi - lo) + log s + log(1 - s)
//   simplex    stick-breaking as Stan: K - 1 reals give K positives summing to one.
//   SPD matrix as Stan's cov_matrix: K (K + 1) / 2 reals are the lower triangle of a
//              Cholesky factor L (its diagonal by its log), x = L L'; with X's lower
//              triangle as the free coordinates, log J = K log 2 + sum_i (K - i + 2) log L_ii
//              (i = 1..K): K log 2 + sum_i (K - i + 1) log L_ii from L -> L L', and
//              sum_i log L_ii from the log of the diagonal.
//   location-scale (lo the location m, hi the scale s, both parameters of the draw)
//              x = m + s u                    log J = log s
//              the non-centred form of a normal group (hierarchical_gibbs.hpp);
//   log-location-scale  x = exp(m + s u)      log J = log s + m + s u
//              the non-centred form of a lognormal group;
//   partial location-scale, per element the information I >= 0 the data give about
//              it and the centre c they point to (constrain_partial):
//              x = (1 - l) m + l c + t u      log J = log t
//              with k = s^2 I, l = k / (1 + k), t = s / sqrt(1 + k): in the normal case
//              the mean and sd of x given m, s and the data, so that u is standard
//              normal at every s. Non-centred at I = 0; near the centred form where the
//              data say much more than the prior (k large). Papaspiliopoulos, Roberts
//              and Skold's partial non-centring (2003, 2007) with its weight l taken at
//              each s rather than once: a fixed weight leaves a funnel in the scale's
//              tail where it is wrong.
#pragma once
#include <cstddef>
#include <span>
#include <vector>

#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"
#include "alea/infer/dist_gradient.hpp"

namespace alea::infer {

enum class TransformKind { Identity, Lower, Upper, Interval, Simplex, CholeskySPD, LocationScale, LogLocationScale };

// Whether a draw of this kind, whose support gives it transform k, can be sampled
// non-centred (a normal on the real line, a lognormal on the positive half-line), and
// the non-centred transform.
bool can_noncentre(DistKind d, TransformKind k);
TransformKind noncentred_transform(DistKind d);

// A transform of the whole value (not element by element): an initial value must give
// all its elements.
inline bool whole_value(TransformKind k) { return k == TransformKind::Simplex || k == TransformKind::CholeskySPD; }

// The transform for an element with this support (Simplex is chosen by the caller
// for Dirichlet values).
TransformKind transform_for(const dist::Support& s);

// Length of u for a value of n elements.
std::size_t unconstrained_size(TransformKind k, std::size_t n);

// x = f(u) elementwise (bounds broadcast); returns log |J|.
double constrain(TransformKind k, ArrayView lo, ArrayView hi, std::span<const double> u, std::span<double> x);

// Reverse step: given gx = dL/dx at x = f(u), adds d(L(f(u)) + log |J|)/du to gu and,
// when not null, the partials with respect to the bounds to glo and ghi (same length
// as lo and hi).
void constrain_backward(TransformKind k, ArrayView lo, ArrayView hi, std::span<const double> u,
                        std::span<const double> x, std::span<const double> gx, std::span<double> gu,
                        double* glo, double* ghi);

// u = f^-1(x) (x strictly inside the support).
void unconstrain(TransformKind k, ArrayView lo, ArrayView hi, std::span<const double> x, std::span<double> u);

// The partial location-scale transform: location m, scale s (broadcast when of
// length 1), and per element of u the data's information and centre. As constrain,
// constrain_backward and unconstrain.
struct PartialForm {
  const double* info = nullptr;
  const double* centre = nullptr;
};
// The same constants, owned: per element the information I >= 0 the data give about
// it (minus the second derivative of the log likelihood) and the centre c they point
// to (the likelihood's maximum, or a Newton step towards it), measured once.
struct PartialCentring {
  std::vector<double> info, centre;
};
double constrain_partial(ArrayView m, ArrayView s, PartialForm f, std::span<const double> u, std::span<double> x);
void constrain_partial_backward(ArrayView m, ArrayView s, PartialForm f, std::span<const double> u,
                                std::span<const double> x, std::span<const double> gx, std::span<double> gu,
                                double* gm, double* gs);
void unconstrain_partial(ArrayView m, ArrayView s, PartialForm f, std::span<const double> x, std::span<double> u);

}  // namespace alea::infer
