// One record per distribution: everything a layer needs to know about it, in one
// place, so that no layer switches on DistKind. A distribution's own .cpp file fills
// its record (value-level operations, support as a function of the parameters, log
// density with partials, BUGS form); registry.cpp lists the records by kind.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "alea/dist/registry.hpp"
#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"
#include "alea/graph/value.hpp"

namespace alea::dist {

// One element's log density with its partial derivatives by parameter (up to 5: a
// truncated distribution has its base's parameters and two bounds) and by value; lp
// is -inf outside the support.
inline constexpr std::size_t kMaxScalarParams = 5;
struct Partials {
  double lp = kNegInf;
  double dp[kMaxScalarParams] = {0, 0, 0, 0, 0};
  double dx = 0;
};

// A read-only array of doubles; a scalar (n == 1) answers for every index, as
// parameters broadcast.
struct ArrayView {
  const double* data = nullptr;
  std::size_t n = 0;
  double operator[](std::size_t i) const { return n == 1 ? data[0] : data[i]; }
};

// The log density of a whole value (the joint marginals, whose elements share an
// integrated-out latent, and the compounds) with its partials: d/d params[j] added into
// dp[j] (the length of params[j]; a broadcast scalar gets the sum), d/dx into dx; a null
// pointer skips that partial (a discrete parameter's or value's is never written).
// -inf outside the support or for invalid parameters (the partials are then meaningless).
using ArrayPartialsFn = double (*)(std::span<const ArrayView> p, ArrayView x, std::span<double* const> dp,
                                   double* dx);
// Sufficient statistics of an observed value x, folded once when a density is compiled
// (infer/gradient.cpp): `fixed[j]` says parameter j never changes (data or a constant);
// the others may change at every evaluation but have the shapes seen here. Returns false
// when the statistics do not apply (a changing parameter that is not a scalar, data
// outside the support): the caller then keeps the per-element path, which gives -inf
// for bad data. The layout of `stats` is the distribution's own.
using FoldStatsFn = bool (*)(std::span<const ArrayView> p, std::span<const bool> fixed, ArrayView x,
                             std::vector<double>& stats);
// The log density and its partials by the changing parameters from the statistics:
// O(1) in the number of observations where the changing parameters are scalars (with
// one parameter per observation, one pass over them and no check of the data); the same
// value as logpdf up to rounding.
using StatsPartialsFn = double (*)(std::span<const double> stats, std::span<const ArrayView> p,
                                   std::span<double* const> dp);

// How alea's parameter k is computed from the arguments of a BUGS call. The reader
// applies it; the writer inverts it, so the two directions cannot disagree.
enum class BugsConv : std::uint8_t {
  None,                  // no such parameter
  Arg,                   // args[a]
  PrecisionToSd,         // 1 / sqrt(args[a])         dnorm's precision tau
  Reciprocal,            // 1 / args[a]               ddexp's and dlogis's rate
  WeibullScale,          // args[a]^(-1 / args[b])    dweib(v, lambda): rate lambda, shape v
  PrecisionMatrixToCov,  // inverse(args[a]) (dmnorm, dmt): folded when constant; read only
  InverseMatrix,         // inverse(args[a]), kept as a node  dwish's R (alea's Sigma = R^-1)
  SumOfArgs,             // args[0] + args[1] + ...: any number (>= 1) of arguments (dsum)
};

struct BugsParam {
  BugsConv conv = BugsConv::None;
  std::uint8_t a = 0, b = 0;
  const char* what = nullptr;  // a matrix argument's name in messages ("precision matrix" when null)
};

// A BUGS argument that must be positive and finite, checked when constant before the
// conversion, so that the message names it as the user wrote it ("precision tau").
struct BugsPositive {
  int arg = -1;
  const char* what = nullptr;
};

// The distribution's name and parameterization in JAGS's bugs module (empty name:
// none; the BUGS writer then prints alea's own name).
struct BugsForm {
  std::string_view name;
  std::size_t nargs = 0;  // the number of arguments (a form whose first parameter is SumOfArgs: any, >= 1)
  std::array<BugsParam, 4> params{};  // alea's parameter k from the BUGS arguments
  std::array<BugsPositive, 2> positive{};
};

// The distribution function of a scalar distribution, parameters p[0..], for
// truncation (dist/truncated.hpp). Both tails are kept so that a truncation far in the
// upper tail keeps its digits: ccdf(x) = 1 - cdf(x) computed directly, and cquantile(q)
// the x with ccdf(x) = q. A discrete distribution gives cdf(k) = P(X <= k) and ccdf(k)
// at integers k only, and no quantiles (truncation searches the integers).
struct Cdf {
  double (*cdf)(const double* p, double x) = nullptr;
  double (*ccdf)(const double* p, double x) = nullptr;
  double (*quantile)(const double* p, double u) = nullptr;
  double (*cquantile)(const double* p, double q) = nullptr;
};

struct DistRecord {
  // Value-level operations over whole values (see registry.hpp).
  Shape (*natural_shape)(std::span<const Shape> param_shapes);
  void (*check_params)(std::span<const Value> params, const Shape& shape);
  double (*logpdf)(std::span<const Value> params, const Value& x);
  Value (*draw)(std::span<const Value> params, const Shape& shape, Rng& rng);
  Value (*mean)(std::span<const Value> params, const Shape& shape);
  Value (*variance)(std::span<const Value> params, const Shape& shape);
  Support (*support)(std::span<const Value> params);
  // Distributions of scalars only (nullptr otherwise): see dist::logpdf_each.
  void (*logpdf_each)(std::span<const Value> params, const double* x, double* out, std::size_t n) = nullptr;
  // The support as a function of the parameters (for a vector, of each element).
  SupportSpec support_spec{};
  // One scalar element's log density with partials, parameters p[0..]; nullptr for
  // the multivariate kinds, whose partials infer/dist_gradient.cpp computes.
  Partials (*partials)(const double* p, double x) = nullptr;
  BugsForm bugs{};
  // A second BUGS name read as this distribution (dmnorm.vcov: mv_normal by its
  // covariance); the writer uses `bugs`.
  BugsForm bugs_also{};
  // The distribution function (all nullptr: none, and the distribution cannot be truncated).
  Cdf cdf{};
  // One scalar element's parameter check (empty when valid, else the sentence naming
  // the bad parameter) and log density, parameters p[0..]; nullptr for the kinds that
  // are not distributions of scalars with scalar parameters. The BUGS language's d-, p-
  // and q-functions (dist/dist_functions.hpp) read them element by element.
  std::string (*check_at)(const double* p) = nullptr;
  double (*logpdf_at)(const double* p, double x) = nullptr;
  // n draws of a distribution of scalars into out, parameter element i for draw i (a
  // parameter of one value broadcast), with the parameter checks and the draws of
  // `draw`; each parameter must have 1 or n values (the caller checks: `draw`'s shape
  // checks are not made). nullptr for the other kinds.
  void (*draw_into)(std::span<const ArrayView> params, double* out, std::size_t n, Rng& rng) = nullptr;
  // The partials of a whole value, for the kinds whose elements are not independent
  // (joint marginals) or whose value is one event: nullptr otherwise.
  ArrayPartialsFn array_partials = nullptr;
  // Sufficient statistics of observed data (both or neither).
  FoldStatsFn fold_stats = nullptr;
  StatsPartialsFn stats_partials = nullptr;
  // The same statistics' log density with the probability parameter p[logit_param]
  // given by its logit eta (p = logistic(eta)), partials by eta: a compiled density whose
  // p is a logistic node reads eta instead (binomial and bernoulli: s eta - n log(1 + e^eta)
  // per count, one exp and one log, with no digits lost when p is near 0 or 1).
  int logit_param = -1;
  StatsPartialsFn logit_stats_partials = nullptr;
};

const DistRecord& record(DistKind k);

}  // namespace alea::dist
