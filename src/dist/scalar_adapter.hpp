// Internal: lifts a scalar distribution D (an aggregate of D::nparams doubles with
// check/logpdf/draw/mean/variance/support free functions) to the DistOps table,
// broadcasting scalar parameters over the elements of a draw.
#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <concepts>
#include <stdexcept>
#include <utility>

#include "alea/dist/check.hpp"
#include "dist_table.hpp"

namespace alea::dist::detail {

template <class D, std::size_t... I>
D make_at(std::span<const Value> p, std::size_t i, std::index_sequence<I...>) {
  return D{p[I].at_broadcast(i)...};
}

template <class D, std::size_t... I>
D make_from(const double* p, std::index_sequence<I...>) {
  return D{p[I]...};
}

template <class D>
std::string scalar_check_at(const double* p) {
  return check(make_from<D>(p, std::make_index_sequence<D::nparams>{}));
}

// -inf for invalid parameters, as scalar_logpdf.
template <class D>
double scalar_logpdf_at(const double* p, double x) {
  const D d = make_from<D>(p, std::make_index_sequence<D::nparams>{});
  return check(d).empty() ? logpdf(d, x) : kNegInf;
}

template <class D>
D make_at(std::span<const Value> p, std::size_t i) {
  return make_at<D>(p, i, std::make_index_sequence<D::nparams>{});
}

// Every parameter one value: one parameter set for all elements.
inline bool all_scalar(std::span<const Value> p) {
  return std::all_of(p.begin(), p.end(), [](const Value& v) { return v.size() == 1; });
}

template <class D>
Shape scalar_natural_shape(std::span<const Shape> shapes) {
  Shape s;
  for (const Shape& ps : shapes) s = broadcast(s, ps, std::string(D::name) + " parameters");
  return s;
}

template <class D>
void scalar_check_params(std::span<const Value> p, const Shape& shape) {
  for (std::size_t k = 0; k < p.size(); ++k) {
    if (!p[k].is_scalar() && p[k].shape() != shape)
      throw std::invalid_argument(std::string(D::name) + ": parameter " +
                                  std::string(dist_info(D::kind).params[k]) + " has shape " +
                                  to_string(p[k].shape()) + " but the draw has shape " + to_string(shape));
  }
  std::size_t n = 1;
  for (const Value& v : p) n = std::max(n, v.size());
  for (std::size_t i = 0; i < n; ++i) throw_if_invalid(D::name, check(make_at<D>(p, i)));
}

// A distribution may add `double iid_logpdf(const D&, const double* x, std::size_t n)`:
// the summed log density of n observations sharing one parameter set, with the terms
// that depend only on the parameters hoisted out of the loop. It is used from
// kIidFrom observations on (a single value keeps the per-element form).
template <class D>
concept HasIidLogpdf = requires(const D& d, const double* x, std::size_t n) {
  { iid_logpdf(d, x, n) } -> std::convertible_to<double>;
};
inline constexpr std::size_t kIidFrom = 16;

template <class D>
double scalar_logpdf(std::span<const Value> p, const Value& x) {
  double total = 0.0;
  const std::size_t n = x.size();
  if (all_scalar(p)) {
    // One parameter set for every element (iid observations): checked once, not per element.
    const D d = make_at<D>(p, 0);
    if (!check(d).empty()) return kNegInf;
    if constexpr (HasIidLogpdf<D>)
      if (n >= kIidFrom) return iid_logpdf(d, x.data().data(), n);
    for (std::size_t i = 0; i < n; ++i) total += logpdf(d, x[i]);
    return total;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const D d = make_at<D>(p, i);
    if (!check(d).empty()) return kNegInf;
    total += logpdf(d, x[i]);
  }
  return total;
}

// A distribution may add `typename D::Terms` and `double logpdf(const D&, double x,
// typename D::Terms&)`: the log density with the terms of the parameters alone kept
// from one x to the next (the same values as logpdf(d, x)).
template <class D>
concept HasLogpdfTerms = requires(const D& d, double x, typename D::Terms& t) {
  { logpdf(d, x, t) } -> std::convertible_to<double>;
};

template <class D>
void scalar_logpdf_each(std::span<const Value> p, const double* x, double* out, std::size_t n) {
  if (all_scalar(p)) {
    const D d = make_at<D>(p, 0);
    if (!check(d).empty()) {
      std::fill(out, out + n, kNegInf);
      return;
    }
    if constexpr (HasLogpdfTerms<D>) {
      typename D::Terms terms;
      for (std::size_t i = 0; i < n; ++i) out[i] = logpdf(d, x[i], terms);
    } else {
      for (std::size_t i = 0; i < n; ++i) out[i] = logpdf(d, x[i]);
    }
    return;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const D d = make_at<D>(p, i);
    out[i] = check(d).empty() ? logpdf(d, x[i]) : kNegInf;
  }
}

// A distribution may add `void draw_each(const D&, Rng&, double* out, std::size_t n)`:
// n draws under one parameter set with its constants computed once (the same draws).
template <class D>
concept HasDrawEach = requires(const D& d, Rng& rng, double* out, std::size_t n) { draw_each(d, rng, out, n); };

template <class D>
Value scalar_draw(std::span<const Value> p, const Shape& shape, Rng& rng) {
  scalar_check_params<D>(p, shape);
  const auto n = static_cast<std::size_t>(shape.size());
  std::vector<double> out(n);
  if constexpr (HasDrawEach<D>) {
    if (all_scalar(p)) {
      draw_each(make_at<D>(p, 0), rng, out.data(), n);
      return Value(shape, std::move(out), dist_info(D::kind).value_type);
    }
  }
  for (std::size_t i = 0; i < n; ++i) out[i] = draw(make_at<D>(p, i), rng);
  return Value(shape, std::move(out), dist_info(D::kind).value_type);
}

// D's mean, or its variance, elementwise. The calls are dependent (found where D's record
// is made, by argument-dependent lookup) rather than a pointer to `mean` taken here, which
// would see only the overloads declared before this header.
template <class D, bool kVariance>
Value scalar_moment(std::span<const Value> p, const Shape& shape) {
  const auto n = static_cast<std::size_t>(shape.size());
  std::vector<double> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    const D d = make_at<D>(p, i);
    if constexpr (kVariance)
      out[i] = variance(d);
    else
      out[i] = mean(d);
  }
  return Value(shape, std::move(out), ScalarType::Real);
}

// n draws into out, element i under parameter element i (a parameter of one value is
// broadcast; each of p has 1 or n values, which the caller ensures): the parameters are
// checked first, as scalar_draw checks them (once when every parameter is one value),
// then drawn as scalar_draw draws them (the same draws), with no Value made.
template <class D>
void scalar_draw_into(std::span<const ArrayView> p, double* out, std::size_t n, Rng& rng) {
  const auto at = [&](std::size_t i) {
    std::array<double, D::nparams> q{};
    for (std::size_t k = 0; k < D::nparams; ++k) q[k] = p[k][i];
    return make_from<D>(q.data(), std::make_index_sequence<D::nparams>{});
  };
  if (std::all_of(p.begin(), p.end(), [](const ArrayView& v) { return v.n == 1; })) {
    const D d = at(0);
    throw_if_invalid(D::name, check(d));
    if constexpr (HasDrawEach<D>) {
      draw_each(d, rng, out, n);
    } else {
      for (std::size_t i = 0; i < n; ++i) out[i] = draw(d, rng);
    }
    return;
  }
  for (std::size_t i = 0; i < n; ++i) throw_if_invalid(D::name, check(at(i)));
  for (std::size_t i = 0; i < n; ++i) out[i] = draw(at(i), rng);
}

// The support from the one statement of it, D::support_spec.
template <class D>
Support scalar_support(std::span<const Value> p) {
  return D::support_spec.resolve([&](int k) { return p[static_cast<std::size_t>(k)].at_broadcast(0); });
}

// D's record: its value-level operations lifted from its free functions, its support
// (D::support_spec), its log density with partials and its BUGS form.
template <class D>
DistOps scalar_ops(Partials (*partials)(const double* p, double x) = nullptr, BugsForm bugs = {}) {
  DistOps r{&scalar_natural_shape<D>, &scalar_check_params<D>,  &scalar_logpdf<D>,
            &scalar_draw<D>,          &scalar_moment<D, false>,  &scalar_moment<D, true>,
            &scalar_support<D>,       &scalar_logpdf_each<D>};
  r.support_spec = D::support_spec;
  r.partials = partials;
  r.bugs = bugs;
  r.check_at = &scalar_check_at<D>;
  r.logpdf_at = &scalar_logpdf_at<D>;
  r.draw_into = &scalar_draw_into<D>;
  return r;
}

}  // namespace alea::dist::detail
