// Log densities of the distributions with their partial derivatives with respect to
// every parameter and to the (continuous) value: the leaves of reverse-mode AD.
#pragma once
#include <cstddef>
#include <span>

#include "alea/dist/record.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::infer {

// A read-only array of doubles (dist/record.hpp).
using ArrayView = dist::ArrayView;

// Sum over the elements of x of the log density of `k` (the same value as
// dist::logpdf), adding d/d params[i] into dparams[i] (same length as params[i]; a
// broadcast scalar gets the sum) and d/dx into dx. A null pointer skips that
// partial. Outside the support the result is -inf and the partials are meaningless.
// Multivariate kinds take x as one event: mv_normal (mu[K], Sigma[K*K] column-major),
// mv_student_t (nu, mu[K], Sigma[K*K]),
// dirichlet (alpha[K]), multinomial (n, p[K]); categorical (p[K]) and normal_mixture
// (w[K], mu[K], sigma[K]) take scalars x.
// The compound and joint marginals that conjugacy introduces (beta_binomial,
// *_joint, dirichlet_multinomial) take theirs from their records (array_partials).
// The few kinds without closed-form partials (uses_numeric_partials) take central
// differences.
double logpdf_with_partials(DistKind k, std::span<const ArrayView> params, ArrayView x,
                            std::span<double* const> dparams, double* dx);

// True for the kinds whose partials logpdf_with_partials takes by central differences
// (no closed form in their record nor here): tests/infer/test_dist_gradient.cpp keeps
// the list of them, so that a new kind without partials fails a test.
bool uses_numeric_partials(DistKind k);

// The normal case of logpdf_with_partials with its operands spelled out; when
// sum_log_sigma is given it stands for the sum over the elements of x of log sigma
// (a caller whose sigma is fixed computes it once).
double normal_logpdf_with_partials(ArrayView mu, ArrayView sigma, ArrayView x, double* dmu, double* dsigma,
                                   double* dx, const double* sum_log_sigma = nullptr);

// normal(mu, sqrt(var)) by its variance, with the partials with respect to var: the
// compiled density fuses a normal draw whose scale is a square root into this, so
// that it takes neither the root nor its derivative.
double normal_variance_logpdf_with_partials(ArrayView mu, ArrayView var, ArrayView x, double* dmu, double* dvar,
                                            double* dx);

}  // namespace alea::infer
