// Shared checks and helpers of the joint marginals of conjugate pairs.
#include "joint_detail.hpp"

#include <stdexcept>

namespace alea::dist::detail {

Shape joint_natural_shape(DistKind k, std::span<const Shape> shapes) {
  Shape s;
  for (const Shape& ps : shapes) s = broadcast(s, ps, std::string(dist_info(k).name) + " parameters");
  return s;
}

void joint_check_shapes(DistKind k, std::span<const Value> p, const Shape& shape) {
  const DistInfo& info = dist_info(k);
  if (shape.rank() > 1)
    throw std::invalid_argument(std::string(info.name) + ": draws are scalars or vectors, not " +
                                to_string(shape));
  for (std::size_t j = 0; j < p.size(); ++j) {
    const bool per_obs = info.param_arity[j] == Arity::Vector;
    if (p[j].is_scalar() || (per_obs && p[j].shape() == shape)) continue;
    throw std::invalid_argument(std::string(info.name) + ": parameter " + std::string(info.params[j]) +
                                " has shape " + to_string(p[j].shape()) + " but " +
                                (per_obs ? "the draw has shape " + to_string(shape) : "must be a scalar"));
  }
}

void joint_check_values(DistKind k, std::span<const Value> p, ScalarWhy scalars, ElementWhy at) {
  const std::string_view name = dist_info(k).name;
  throw_if_invalid(name, scalars(p));
  std::size_t n = 1;
  for (const Value& v : p) n = std::max(n, v.size());
  for (std::size_t i = 0; i < n; ++i) throw_if_invalid(name, at(p, i));
}

void joint_check(DistKind k, std::span<const Value> p, const Shape& shape, ScalarWhy scalars, ElementWhy at) {
  joint_check_shapes(k, p, shape);
  joint_check_values(k, p, scalars, at);
}

std::string rank_one_why_scalars(std::span<const Value> p) {
  auto w = check_finite("prior mean m", p[2].scalar());
  if (w.empty()) w = check_positive_finite("prior scale s", p[3].scalar());
  return w;
}

std::string rank_one_why_at(std::span<const Value> p, std::size_t i) {
  auto w = check_finite("offset c", p[0].at_broadcast(i));
  if (w.empty()) w = check_finite("coefficient d", p[1].at_broadcast(i));
  if (w.empty()) w = check_positive_finite("scale parameter sigma", p[4].at_broadcast(i));
  return w;
}

Value joint_fill(const Shape& shape, std::span<const Value> p, ElementMoment f) {
  const auto n = static_cast<std::size_t>(shape.size());
  std::vector<double> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = f(p, i);
  return Value(shape, std::move(out), ScalarType::Real);
}

std::vector<ArrayView> views(std::span<const Value> p) {
  std::vector<ArrayView> out;
  out.reserve(p.size());
  for (const Value& v : p) out.push_back(view(v));
  return out;
}

double log_beta(double a, double b) {
  return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
}

double log_choose(double n, double k) {
  return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0);
}

}  // namespace alea::dist::detail
