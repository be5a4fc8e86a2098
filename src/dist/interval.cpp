// Interval censoring, JAGS's dinterval(t, c): its record, so that it reads like any
// other distribution in every layer (BUGS name, support, density, draw).
#include "alea/dist/interval.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "alea/dist/check.hpp"
#include "dist_table.hpp"
#include "multivariate_adapter.hpp"

namespace alea::dist {

std::string check(const Interval& d) {
  if (std::isnan(d.t)) return "value t is NaN";
  for (std::size_t i = 0; i < d.cuts.size(); ++i) {
    if (std::isnan(d.cuts[i])) return "cut point " + std::to_string(i + 1) + " is NaN";
    if (i > 0 && d.cuts[i] < d.cuts[i - 1])
      return "cut points are not sorted: " + format_number(d.cuts[i - 1]) + " before " + format_number(d.cuts[i]);
  }
  return "";
}

double interval_index(const Interval& d) {
  // JAGS: y = i when c[i] < t <= c[i+1]; so the count of cut points strictly below t.
  return static_cast<double>(std::lower_bound(d.cuts.begin(), d.cuts.end(), d.t) - d.cuts.begin());
}

double logpdf(const Interval& d, double x) { return x == interval_index(d) ? 0.0 : kNegInf; }

Support censoring_bounds(const std::vector<double>& cuts, double y) {
  const double k = static_cast<double>(cuts.size());
  if (!(y >= 0 && y <= k) || y != std::floor(y)) return {kInf, kNegInf};
  const auto i = static_cast<std::size_t>(y);
  return {i == 0 ? kNegInf : cuts[i - 1], i == cuts.size() ? kInf : cuts[i]};
}

namespace detail {
namespace interval_local {
namespace {

constexpr DistKind kKind = Interval::kind;

Interval make(std::span<const Value> p) {
  if (p.size() != 2) throw std::invalid_argument("interval takes 2 parameters, got " + std::to_string(p.size()));
  if (!p[0].is_scalar())
    throw std::invalid_argument("interval: value t has shape " + to_string(p[0].shape()) + " but must be a scalar");
  if (p[1].shape().rank() > 1)
    throw std::invalid_argument("interval: cut points c have shape " + to_string(p[1].shape()) +
                                " but must be a scalar or a vector");
  return Interval{p[0].scalar(), p[1].data()};
}

Shape natural(std::span<const Shape> shapes) {
  if (shapes.size() != 2) throw std::invalid_argument("interval takes 2 parameters, got " + std::to_string(shapes.size()));
  return Shape::scalar();
}

void check_params(std::span<const Value> p, const Shape& shape) {
  const Interval d = make(p);
  require_event_shape(kKind, shape, Shape::scalar());
  throw_if_invalid(Interval::name, check(d));
}

double logpdf_of(std::span<const Value> p, const Value& x) {
  const Interval d = make(p);
  require_event_shape(kKind, x.shape(), Shape::scalar());
  if (!check(d).empty()) return kNegInf;
  return logpdf(d, x[0]);
}

// A point mass: the index of t's interval.
Value draw_of(std::span<const Value> p, const Shape& shape, Rng&) {
  check_params(p, shape);
  return Value(Shape::scalar(), {interval_index(make(p))}, ScalarType::Integer);
}

Value mean_of(std::span<const Value> p, const Shape& shape) {
  require_event_shape(kKind, shape, Shape::scalar());
  return Value(interval_index(make(p)));
}

Value variance_of(std::span<const Value>, const Shape& shape) {
  require_event_shape(kKind, shape, Shape::scalar());
  return Value(0.0);
}

Support support_of(std::span<const Value> p) { return {0.0, static_cast<double>(make(p).cuts.size()), true}; }

}  // namespace
}  // namespace interval_local

// A point mass at t's interval index: log mass 0 or -inf, which does not move with t or
// the cut points except where t crosses one (a set of measure zero): every partial is 0.
double interval_partials(std::span<const ArrayView> p, ArrayView x, std::span<double* const>, double*) {
  using namespace ::alea::dist::detail::interval_local;
  const Interval d{p[0][0], std::vector<double>(p[1].data, p[1].data + p[1].n)};
  if (!check(d).empty() || x.n != 1) return kNegInf;
  return logpdf(d, x[0]);
}

const DistOps& interval_ops() {
  using namespace ::alea::dist::detail::interval_local;
  // Values 0..K, K the number of cut points, which no parameter bound states.
  static const DistOps ops = [] {
    DistOps r =
        with_facts({&natural, &check_params, &logpdf_of, &draw_of, &mean_of, &variance_of, &support_of},
                   kCounts, {"dinterval", 2, {{{BugsConv::Arg, 0}, {BugsConv::Arg, 1}}}});
    r.array_partials = &interval_partials;
    return r;
  }();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
