// Internal: helpers for the hand-written DistOps of the vector-parameter and
// multivariate distributions, which support a single draw (value shape = event shape).
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

#include <Eigen/Core>

#include "alea/graph/dist_kind.hpp"
#include "alea/graph/value.hpp"

namespace alea::dist::detail {

inline std::string param_name(DistKind k, std::size_t i) { return std::string(dist_info(k).params[i]); }

// Throws std::invalid_argument unless parameter i has rank `rank` and at least one element.
inline void require_rank(DistKind k, std::size_t i, const Shape& s, std::size_t rank) {
  static constexpr std::string_view kWhat[] = {"a scalar", "a vector", "a matrix"};
  if (s.rank() != rank || (rank > 0 && s.size() == 0))
    throw std::invalid_argument(std::string(dist_info(k).name) + ": parameter " + param_name(k, i) +
                                " has shape " + to_string(s) + ", but must be " +
                                std::string(kWhat[rank]) + (rank > 0 ? " with at least one element" : ""));
}

// Throws std::invalid_argument unless a draw of `shape` is a single draw of `event`.
inline void require_event_shape(DistKind k, const Shape& shape, const Shape& event) {
  if (shape != event)
    throw std::invalid_argument(std::string(dist_info(k).name) + ": a draw of shape " + to_string(shape) +
                                " was asked for, but the parameters give draws of shape " + to_string(event) +
                                " (only single draws are supported)");
}

inline Eigen::Map<const Eigen::VectorXd> as_vector(const Value& v) {
  return {v.data().data(), static_cast<Eigen::Index>(v.size())};
}

inline Shape vector_shape(Eigen::Index n) { return Shape::vector(static_cast<std::int64_t>(n)); }

inline Value to_value(const Eigen::VectorXd& v, ScalarType t) {
  return Value(vector_shape(v.size()), std::vector<double>(v.data(), v.data() + v.size()), t);
}

}  // namespace alea::dist::detail
