// Distributions by kind, over values: the one entry point the model layers use.
// Scalar distributions broadcast elementwise (a scalar parameter answers for every
// element); multivariate ones take vector and matrix parameters.
#pragma once
#include <span>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"
#include "alea/graph/value.hpp"

namespace alea::dist {

// Shape of a draw whose parameters have these shapes, when no shape is asked for:
// the broadcast of scalar parameters, or the event shape of a multivariate one.
// Throws std::invalid_argument naming the shapes when they do not fit.
Shape natural_shape(DistKind k, std::span<const Shape> param_shapes);

// Checks that a draw of `shape` can take these parameters: shapes fit and every
// element is valid. Throws std::invalid_argument (shapes) or std::domain_error
// "<dist>: <parameter> is <value>, but must be ..." (values).
void check_params(DistKind k, std::span<const Value> params, const Shape& shape);

// Sum of the log densities (or mass) of the elements of x. -inf when an element is
// outside the support or a parameter is invalid; never NaN for valid input.
double logpdf(DistKind k, std::span<const Value> params, const Value& x);

// Whether logpdf_each takes this kind: a distribution of scalars with scalar parameters.
bool has_logpdf_each(DistKind k);
// The log density (or mass) of each x[i] on its own, into out[i], for a kind that
// has_logpdf_each: each parameter a scalar, which answers for every element, or one
// value per element. -inf where x[i] is outside the support or element i's parameters
// are invalid. out[i] equals logpdf of x[i] alone; here the dispatch and the checks of
// scalar parameters are paid once, not once per element. Throws std::logic_error for
// another kind and std::invalid_argument when the sizes do not fit.
void logpdf_each(DistKind k, std::span<const Value> params, std::span<const double> x, std::span<double> out);

// A draw of the given shape. Throws std::domain_error when a parameter is invalid,
// so that a NaN never slips into a draw.
Value draw(DistKind k, std::span<const Value> params, const Shape& shape, Rng& rng);

// Elementwise mean and variance (for a multivariate distribution, of each component).
Value mean(DistKind k, std::span<const Value> params, const Shape& shape);
Value variance(DistKind k, std::span<const Value> params, const Shape& shape);

// Support of one element (for multivariate distributions, of each component).
Support support(DistKind k, std::span<const Value> params);

}  // namespace alea::dist
