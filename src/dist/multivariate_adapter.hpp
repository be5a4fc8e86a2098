// Internal: helpers for the hand-written DistOps of the vector-parameter and
// multivariate distributions, which support a single draw (value shape = event shape).
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

#include <Eigen/Core>

#include "alea/dist/check.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"
#include "alea/graph/value.hpp"
#include "dist_table.hpp"

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

// The checks of a location vector mu and a K x K matrix Sigma (mv_normal's covariance,
// mv_student_t's scale): shapes, finite entries, symmetry up to rounding, positive
// definiteness. The nouns name them in the message ("mean", "covariance").
// The checks of a square matrix that must be symmetric positive definite (finite
// entries, symmetry up to rounding, a Cholesky factor), named "<noun> matrix <symbol>".
std::string check_spd(const Eigen::MatrixXd& Sigma, std::string_view matrix_noun, std::string_view symbol);

std::string check_location_scale(const Eigen::VectorXd& mu, const Eigen::MatrixXd& Sigma, std::string_view mean_noun,
                                 std::string_view matrix_noun);

inline Eigen::Map<const Eigen::VectorXd> as_vector(const Value& v) {
  return {v.data().data(), static_cast<Eigen::Index>(v.size())};
}

inline Shape vector_shape(Eigen::Index n) { return Shape::vector(static_cast<std::int64_t>(n)); }

inline Value to_value(const Eigen::VectorXd& v, ScalarType t) {
  return Value(vector_shape(v.size()), std::vector<double>(v.data(), v.data() + v.size()), t);
}

// The DistOps of a distribution over vectors (one draw is one vector of the event
// size). D provides check/logpdf/draw/mean/variance/support as free functions on
// Eigen vectors; Make builds it from values (checking shapes), Size gives its event
// length, Natural the event shape from parameter shapes.
template <class D, D (*Make)(std::span<const Value>), Eigen::Index (*Size)(const D&)>
struct VectorDist {
  static D event(std::span<const Value> p, const Shape& shape) {
    D d = Make(p);
    require_event_shape(D::kind, shape, vector_shape(Size(d)));
    return d;
  }
  static void check_params(std::span<const Value> p, const Shape& shape) {
    throw_if_invalid(D::name, check(event(p, shape)));
  }
  static double logpdf_of(std::span<const Value> p, const Value& x) {
    const D d = event(p, x.shape());
    if (!check(d).empty()) return kNegInf;
    return logpdf(d, as_vector(x));
  }
  static Value draw_of(std::span<const Value> p, const Shape& shape, Rng& rng) {
    check_params(p, shape);
    return to_value(draw(Make(p), rng), dist_info(D::kind).value_type);
  }
  static Value mean_of(std::span<const Value> p, const Shape& shape) {
    return to_value(mean(event(p, shape)), ScalarType::Real);
  }
  static Value variance_of(std::span<const Value> p, const Shape& shape) {
    return to_value(variance(event(p, shape)), ScalarType::Real);
  }
  static Support support_of(std::span<const Value> p) { return support(Make(p)); }

  static DistOps ops(Shape (*natural)(std::span<const Shape>)) {
    return DistOps{natural, &check_params, &logpdf_of, &draw_of, &mean_of, &variance_of, &support_of};
  }
};

}  // namespace alea::dist::detail
