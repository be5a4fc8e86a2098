// Multivariate normal distribution through the Cholesky factor of its covariance.
#include "alea/dist/mv_normal.hpp"

#include <cmath>
#include <stdexcept>

#include <Eigen/Cholesky>

#include "alea/dist/check.hpp"
#include "dist_table.hpp"
#include "log_density_terms.hpp"
#include "multivariate_adapter.hpp"

namespace alea::dist {

namespace detail {

std::string check_location_scale(const Eigen::VectorXd& mu, const Eigen::MatrixXd& Sigma, std::string_view mean_noun,
                                 std::string_view matrix_noun) {
  const std::string mean_word(mean_noun), noun(matrix_noun);
  const auto k = mu.size();
  if (k == 0) return mean_word + " vector mu has no elements, but must have at least one";
  const auto shape_text = [](Eigen::Index rows, Eigen::Index cols) {
    return "matrix[" + std::to_string(rows) + "," + std::to_string(cols) + "]";
  };
  if (Sigma.rows() != k || Sigma.cols() != k)
    return noun + " matrix Sigma has shape " + shape_text(Sigma.rows(), Sigma.cols()) + ", but mu has shape vector[" +
           std::to_string(k) + "], so Sigma must be " + shape_text(k, k);
  for (Eigen::Index i = 0; i < k; ++i)
    if (auto why = check_finite(mean_word + " mu[" + std::to_string(i + 1) + "]", mu[i]); !why.empty()) return why;
  return check_spd(Sigma, matrix_noun, "Sigma");
}

std::string check_spd(const Eigen::MatrixXd& Sigma, std::string_view matrix_noun, std::string_view symbol) {
  const std::string noun(matrix_noun), sym(symbol);
  const auto k = Sigma.rows();
  for (Eigen::Index j = 0; j < k; ++j)
    for (Eigen::Index i = 0; i < k; ++i) {
      const std::string at = "[" + std::to_string(i + 1) + "," + std::to_string(j + 1) + "]";
      if (auto why = check_finite(noun + " " + sym + at, Sigma(i, j)); !why.empty()) return why;
    }
  // Symmetry up to rounding: a matrix assembled by floating-point arithmetic (an
  // inverse, say) may differ from its transpose in the last bits.
  for (Eigen::Index j = 0; j < k; ++j)
    for (Eigen::Index i = j + 1; i < k; ++i) {
      const double a = Sigma(i, j), b = Sigma(j, i);
      if (std::abs(a - b) > 1e-10 * std::max(std::abs(a), std::abs(b)))
        return noun + " matrix " + sym + " is not symmetric: " + sym + "[" + std::to_string(i + 1) + "," +
               std::to_string(j + 1) + "] is " + format_number(a) + " but " + sym + "[" + std::to_string(j + 1) + "," +
               std::to_string(i + 1) + "] is " + format_number(b);
    }
  if (Eigen::LLT<Eigen::MatrixXd> llt(Sigma); llt.info() != Eigen::Success)
    return noun + " matrix " + sym + " is not positive definite (its Cholesky factorization fails)";
  return {};
}

}  // namespace detail

std::string check(const MvNormal& d) { return detail::check_location_scale(d.mu, d.Sigma, "mean", "covariance"); }

double logpdf(const MvNormal& d, const Eigen::VectorXd& x) {
  if (x.size() != d.mu.size() || !x.allFinite()) return kNegInf;
  const Eigen::LLT<Eigen::MatrixXd> llt(d.Sigma);
  if (llt.info() != Eigen::Success) return kNegInf;
  // With Sigma = L L': (x - mu)' Sigma^-1 (x - mu) = |L^-1 (x - mu)|^2, log det Sigma = 2 sum log L_ii.
  const Eigen::VectorXd z = llt.matrixL().solve(x - d.mu);
  const double half_log_det = llt.matrixLLT().diagonal().array().log().sum();
  return -0.5 * z.squaredNorm() - half_log_det - static_cast<double>(x.size()) * detail::kHalfLog2Pi;
}

Eigen::VectorXd draw(const MvNormal& d, Rng& rng) {
  const Eigen::LLT<Eigen::MatrixXd> llt(d.Sigma);
  Eigen::VectorXd z(d.mu.size());
  for (double& zi : z) zi = rng.std_normal();
  return d.mu + llt.matrixL() * z;
}

Eigen::VectorXd mean(const MvNormal& d) { return d.mu; }
Eigen::VectorXd variance(const MvNormal& d) { return d.Sigma.diagonal(); }
Support support(const MvNormal&) { return {}; }

namespace detail {
namespace mv_normal_local {
namespace {

constexpr DistKind kKind = MvNormal::kind;

void require_shapes(std::span<const Shape> shapes) {
  if (shapes.size() != 2) throw std::invalid_argument("mv_normal takes 2 parameters, got " + std::to_string(shapes.size()));
  require_rank(kKind, 0, shapes[0], 1);
  const std::int64_t k = shapes[0].dims[0];
  if (shapes[1] != Shape::matrix(k, k))
    throw std::invalid_argument("mv_normal: parameter Sigma has shape " + to_string(shapes[1]) +
                                ", but mu has shape " + to_string(shapes[0]) + ", so Sigma must be " +
                                to_string(Shape::matrix(k, k)));
}

MvNormal make(std::span<const Value> p) {
  if (p.size() != 2) throw std::invalid_argument("mv_normal takes 2 parameters, got " + std::to_string(p.size()));
  const Shape shapes[] = {p[0].shape(), p[1].shape()};
  require_shapes(shapes);
  const auto k = static_cast<Eigen::Index>(p[0].size());
  return MvNormal{as_vector(p[0]), Eigen::Map<const Eigen::MatrixXd>(p[1].data().data(), k, k)};
}

Shape mvn_natural_shape(std::span<const Shape> shapes) {
  require_shapes(shapes);
  return shapes[0];
}

Eigen::Index event_size(const MvNormal& d) { return d.mu.size(); }

}  // namespace
}  // namespace mv_normal_local

const DistOps& mv_normal_ops() {
  using namespace ::alea::dist::detail::mv_normal_local;
  static const DistOps ops = [] {
    DistOps r = with_facts(VectorDist<MvNormal, &make, &event_size>::ops(&mvn_natural_shape), kRealLine,
                           {"dmnorm", 2, {{{BugsConv::Arg, 0}, {BugsConv::PrecisionMatrixToCov, 1}}}});
    r.bugs_also = {"dmnorm.vcov", 2, {{{BugsConv::Arg, 0}, {BugsConv::Arg, 1}}}};
    return r;
  }();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
