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
    throw std::invalid_argument(std::string(info.name) + ": draws are scalars or vectors, not " + to_string(shape));
  for (std::size_t j = 0; j < p.size(); ++j) {
    const bool per_obs = info.param_arity[j] == Arity::Vector;
    if (p[j].is_scalar() || (per_obs && p[j].shape() == shape)) continue;
    throw std::invalid_argument(std::string(info.name) + ": parameter " + std::string(info.params[j]) +
                                " has shape " + to_string(p[j].shape()) + " but " +
                                (per_obs ? "the draw has shape " + to_string(shape) : "must be a scalar"));
  }
}

Value joint_fill(const Shape& shape, std::span<const Value> p, double (*f)(std::span<const Value>, std::size_t)) {
  const auto n = static_cast<std::size_t>(shape.size());
  std::vector<double> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = f(p, i);
  return Value(shape, std::move(out), ScalarType::Real);
}

double log_beta(double a, double b) { return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b); }

double log_choose(double n, double k) {
  return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0);
}

}  // namespace alea::dist::detail
