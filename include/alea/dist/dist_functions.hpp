// A distribution's density, distribution function and quantile function as
// deterministic ops of the graph (Op::DistDensity, DistCdf, DistQuantile: JAGS's
// dnorm(x, ...), pnorm(q, ...), qnorm(p, ...)), built from its record: the log density
// (logpdf_at, partials) and the distribution function (Cdf). One element at a time,
// parameters in alea's parameterization; the evaluator (dist/ops.cpp) and the compiled
// gradient (infer/gradient_ops.cpp) broadcast them.
#pragma once
#include <cstddef>
#include <optional>
#include <span>

#include "alea/graph/dist_kind.hpp"
#include "alea/graph/op.hpp"

namespace alea::dist {

inline bool is_dist_function(Op op) {
  return op == Op::DistDensity || op == Op::DistCdf || op == Op::DistQuantile;
}

// The distribution kind that input 0 of a distribution function holds; nullopt when it
// is not one, or its record cannot give that function (a multivariate kind; a
// distribution function or quantile without the record's Cdf).
std::optional<DistKind> dist_function_kind(Op op, double code);
bool has_dist_function(Op op, DistKind kind);

// The value at x (a value, a probability for the quantile) with parameters p[0..];
// NaN when the parameters are invalid or (quantile) x is outside [0, 1].
double dist_function(Op op, DistKind kind, const double* p, double x);

// The value with its partials by x (dx) and by each parameter (dp[k]; null: not
// needed). The density's from the record's closed-form partials (central differences
// of the log density where a record has none); the distribution function's by x is
// the density, by the parameters central differences of the function; the quantile's
// by the implicit function theorem from those. A discrete distribution's
// distribution function and quantile are flat in x (dx = 0), and its quantile in the
// parameters too.
double dist_function_partials(Op op, DistKind kind, const double* p, double x, double& dx, std::span<double> dp);

}  // namespace alea::dist
