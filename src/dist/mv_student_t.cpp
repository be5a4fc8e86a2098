// Multivariate Student t distribution through the Cholesky factor of its scale matrix:
// the log density from the Mahalanobis distance, draws as a normal over the square
// root of a scaled chi-squared variable.
#include "alea/dist/mv_student_t.hpp"

#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include <Eigen/Cholesky>

#include "alea/dist/check.hpp"
#include "dist_table.hpp"
#include "multivariate_adapter.hpp"
#include "variates.hpp"

namespace alea::dist {

std::string check(const MvStudentT& d) {
  if (auto why = check_positive_finite("degrees of freedom nu", d.nu); !why.empty()) return why;
  return detail::check_location_scale(d.mu, d.Sigma, "location", "scale");
}

double logpdf(const MvStudentT& d, const Eigen::VectorXd& x) {
  if (x.size() != d.mu.size() || !x.allFinite()) return kNegInf;
  const Eigen::LLT<Eigen::MatrixXd> llt(d.Sigma);
  if (llt.info() != Eigen::Success) return kNegInf;
  // With Sigma = L L': (x - mu)' Sigma^-1 (x - mu) = |L^-1 (x - mu)|^2, log det Sigma = 2 sum log L_ii.
  const double q = llt.matrixL().solve(x - d.mu).squaredNorm();
  const double half_log_det = llt.matrixLLT().diagonal().array().log().sum();
  const double k = static_cast<double>(x.size()), nu = d.nu;
  return std::lgamma(0.5 * (nu + k)) - std::lgamma(0.5 * nu) - 0.5 * k * std::log(nu * std::numbers::pi) -
         half_log_det - 0.5 * (nu + k) * std::log1p(q / nu);
}

// mu + L z sqrt(nu / w), z standard normal, w ~ chi-squared(nu) = 2 gamma(nu / 2).
Eigen::VectorXd draw(const MvStudentT& d, Rng& rng) {
  const Eigen::LLT<Eigen::MatrixXd> llt(d.Sigma);
  Eigen::VectorXd z(d.mu.size());
  for (double& zi : z) zi = rng.std_normal();
  const double w = 2.0 * detail::std_gamma(0.5 * d.nu, rng);
  const Eigen::VectorXd lz = llt.matrixL() * z;
  return d.mu + std::sqrt(d.nu / w) * lz;
}

Eigen::VectorXd mean(const MvStudentT& d) {
  if (d.nu > 1) return d.mu;
  return Eigen::VectorXd::Constant(d.mu.size(), std::numeric_limits<double>::quiet_NaN());
}

Eigen::VectorXd variance(const MvStudentT& d) {
  if (d.nu > 2) return d.nu / (d.nu - 2.0) * d.Sigma.diagonal();
  return Eigen::VectorXd::Constant(d.mu.size(), d.nu > 1 ? kInf : std::numeric_limits<double>::quiet_NaN());
}

Support support(const MvStudentT&) { return {}; }

namespace detail {
namespace mv_student_t_local {
namespace {

constexpr DistKind kKind = MvStudentT::kind;

void require_shapes(std::span<const Shape> shapes) {
  if (shapes.size() != 3)
    throw std::invalid_argument("mv_student_t takes 3 parameters, got " + std::to_string(shapes.size()));
  require_rank(kKind, 0, shapes[0], 0);
  require_rank(kKind, 1, shapes[1], 1);
  const std::int64_t k = shapes[1].dims[0];
  if (shapes[2] != Shape::matrix(k, k))
    throw std::invalid_argument("mv_student_t: parameter Sigma has shape " + to_string(shapes[2]) +
                                ", but mu has shape " + to_string(shapes[1]) + ", so Sigma must be " +
                                to_string(Shape::matrix(k, k)));
}

MvStudentT make(std::span<const Value> p) {
  if (p.size() != 3) throw std::invalid_argument("mv_student_t takes 3 parameters, got " + std::to_string(p.size()));
  const Shape shapes[] = {p[0].shape(), p[1].shape(), p[2].shape()};
  require_shapes(shapes);
  const auto k = static_cast<Eigen::Index>(p[1].size());
  return MvStudentT{p[0].scalar(), as_vector(p[1]), Eigen::Map<const Eigen::MatrixXd>(p[2].data().data(), k, k)};
}

Shape natural(std::span<const Shape> shapes) {
  require_shapes(shapes);
  return shapes[1];
}

Eigen::Index event_size(const MvStudentT& d) { return d.mu.size(); }

}  // namespace
}  // namespace mv_student_t_local

const DistOps& mv_student_t_ops() {
  using namespace ::alea::dist::detail::mv_student_t_local;
  static const DistOps ops =
      with_facts(VectorDist<MvStudentT, &make, &event_size>::ops(&natural), kRealLine,
                 {"dmt",
                  3,
                  {{{BugsConv::Arg, 2}, {BugsConv::Arg, 0}, {BugsConv::PrecisionMatrixToCov, 1}}},
                  {{{2, "degrees of freedom k"}}}});
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
