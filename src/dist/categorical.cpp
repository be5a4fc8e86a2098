// Categorical distribution on 1..K, drawn by a linear search of the cumulative sum.
#include "alea/dist/categorical.hpp"

#include <cmath>
#include <stdexcept>

#include "alea/dist/check.hpp"
#include "dist_table.hpp"
#include "discrete_detail.hpp"
#include "multivariate_adapter.hpp"

namespace alea::dist {

std::string check(const Categorical& d) {
  return detail::check_probability_vector("probability vector p", {d.p.data(), static_cast<std::size_t>(d.p.size())});
}

double logpdf(const Categorical& d, double x) {
  if (!(x >= 1.0 && x <= static_cast<double>(d.p.size())) || x != std::floor(x)) return kNegInf;
  return std::log(d.p[static_cast<Eigen::Index>(x) - 1]);
}

double draw(const Categorical& d, Rng& rng) {
  // Scale u by the actual sum so that the 1e-8 slack allowed in the sum does not bias
  // the last category; categories of probability 0 are never chosen as u > 0.
  double u = rng.uniform01() * d.p.sum();
  Eigen::Index last = 0;
  for (Eigen::Index k = 0; k < d.p.size(); ++k) {
    if (d.p[k] <= 0.0) continue;
    last = k;
    u -= d.p[k];
    if (u <= 0.0) return static_cast<double>(k + 1);
  }
  return static_cast<double>(last + 1);
}

double mean(const Categorical& d) {
  double m = 0.0;
  for (Eigen::Index k = 0; k < d.p.size(); ++k) m += static_cast<double>(k + 1) * d.p[k];
  return m;
}

double variance(const Categorical& d) {
  const double m = mean(d);
  double v = 0.0;
  for (Eigen::Index k = 0; k < d.p.size(); ++k) v += (static_cast<double>(k + 1) - m) * (static_cast<double>(k + 1) - m) * d.p[k];
  return v;
}

Support support(const Categorical& d) { return {1.0, static_cast<double>(d.p.size()), true}; }

namespace detail {
namespace categorical_local {
namespace {

constexpr DistKind kKind = Categorical::kind;

Categorical make(std::span<const Value> p) {
  if (p.size() != 1) throw std::invalid_argument("categorical takes 1 parameter, got " + std::to_string(p.size()));
  require_rank(kKind, 0, p[0].shape(), 1);
  return Categorical{as_vector(p[0])};
}

Shape cat_natural_shape(std::span<const Shape> shapes) {
  if (shapes.size() != 1) throw std::invalid_argument("categorical takes 1 parameter, got " + std::to_string(shapes.size()));
  require_rank(kKind, 0, shapes[0], 1);
  return Shape::scalar();
}

void cat_check_params(std::span<const Value> p, const Shape& shape) {
  const Categorical d = make(p);
  require_event_shape(kKind, shape, Shape::scalar());
  throw_if_invalid(Categorical::name, check(d));
}

double cat_logpdf(std::span<const Value> p, const Value& x) {
  const Categorical d = make(p);
  require_event_shape(kKind, x.shape(), Shape::scalar());
  if (!check(d).empty()) return kNegInf;
  return logpdf(d, x[0]);
}

Value cat_draw(std::span<const Value> p, const Shape& shape, Rng& rng) {
  cat_check_params(p, shape);
  return Value(Shape::scalar(), {draw(make(p), rng)}, ScalarType::Integer);
}

Value cat_mean(std::span<const Value> p, const Shape& shape) {
  require_event_shape(kKind, shape, Shape::scalar());
  return Value(mean(make(p)));
}

Value cat_variance(std::span<const Value> p, const Shape& shape) {
  require_event_shape(kKind, shape, Shape::scalar());
  return Value(variance(make(p)));
}

Support cat_support(std::span<const Value> p) { return support(make(p)); }

}  // namespace
}  // namespace categorical_local

const DistOps& categorical_ops() {
  using namespace ::alea::dist::detail::categorical_local;
  // Values 1..K; K is the length of p, which no parameter bound states.
  static const DistOps ops = with_facts(
      {&cat_natural_shape, &cat_check_params, &cat_logpdf, &cat_draw, &cat_mean, &cat_variance, &cat_support},
      {{1}, {kInf}, true}, {"dcat", 1, {{{BugsConv::Arg, 0}}}});
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
