// Wishart distribution: log density through Cholesky factors, draws by Bartlett's
// decomposition.
#include "alea/dist/wishart.hpp"

#include <Eigen/Cholesky>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "alea/dist/check.hpp"
#include "dist_table.hpp"
#include "multivariate_adapter.hpp"
#include "variates.hpp"

namespace alea::dist {
namespace {

// log Gamma_K(a) = K (K - 1)/4 log pi + sum_{j=1..K} log Gamma(a + (1 - j)/2).
double log_multi_gamma(double a, Eigen::Index K) {
  const double k = static_cast<double>(K);
  double s = 0.25 * k * (k - 1) * std::log(std::numbers::pi);
  for (Eigen::Index j = 0; j < K; ++j) s += std::lgamma(a - 0.5 * static_cast<double>(j));
  return s;
}

// Symmetric up to rounding, as check_spd accepts.
bool near_symmetric(const Eigen::MatrixXd& W) {
  for (Eigen::Index j = 0; j < W.cols(); ++j)
    for (Eigen::Index i = j + 1; i < W.rows(); ++i)
      if (std::abs(W(i, j) - W(j, i)) > 1e-10 * std::max(std::abs(W(i, j)), std::abs(W(j, i)))) return false;
  return true;
}

}  // namespace

std::string check(const Wishart& d) {
  const auto K = d.Sigma.rows();
  if (K == 0 || d.Sigma.cols() != K)
    return "scale matrix Sigma has shape matrix[" + std::to_string(K) + "," + std::to_string(d.Sigma.cols()) +
           "], but must be a square matrix with at least one row";
  if (!std::isfinite(d.nu) || d.nu < static_cast<double>(K))
    return "degrees of freedom is " + format_number(d.nu) + ", but must be finite and at least " +
           std::to_string(K) + ", the dimension of the scale matrix";
  return detail::check_spd(d.Sigma, "scale", "Sigma");
}

double logpdf(const Wishart& d, const Eigen::MatrixXd& W) {
  const auto K = d.Sigma.rows();
  if (W.rows() != K || W.cols() != K || !W.allFinite() || !near_symmetric(W)) return kNegInf;
  const Eigen::LLT<Eigen::MatrixXd> lw(W), ls(d.Sigma);
  if (lw.info() != Eigen::Success || ls.info() != Eigen::Success) return kNegInf;
  const double logdet_w = 2 * lw.matrixLLT().diagonal().array().log().sum();
  const double logdet_s = 2 * ls.matrixLLT().diagonal().array().log().sum();
  const double trace = ls.solve(W).trace();  // tr(Sigma^-1 W)
  const double k = static_cast<double>(K);
  return 0.5 * (d.nu - k - 1) * logdet_w - 0.5 * trace - 0.5 * d.nu * k * std::numbers::ln2 -
         0.5 * d.nu * logdet_s - log_multi_gamma(0.5 * d.nu, K);
}

Eigen::MatrixXd draw(const Wishart& d, Rng& rng) {
  const auto K = d.Sigma.rows();
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(K, K);
  for (Eigen::Index i = 0; i < K; ++i) {
    // chi_squared(nu - i) for 0-based i is 2 gamma((nu - i)/2, 1).
    A(i, i) = std::sqrt(2 * detail::std_gamma(0.5 * (d.nu - static_cast<double>(i)), rng));
    for (Eigen::Index j = 0; j < i; ++j) A(i, j) = rng.std_normal();
  }
  const Eigen::MatrixXd LA = Eigen::LLT<Eigen::MatrixXd>(d.Sigma).matrixL() * A;
  Eigen::MatrixXd W = LA * LA.transpose();
  return (W + W.transpose()) / 2;  // exactly symmetric
}

Eigen::MatrixXd mean(const Wishart& d) {
  return d.nu * d.Sigma;
}
Eigen::MatrixXd variance(const Wishart& d) {
  const Eigen::VectorXd diag = d.Sigma.diagonal();
  return d.nu * (d.Sigma.array().square().matrix() + diag * diag.transpose());
}
Support support(const Wishart&) {
  return {};
}

namespace detail {
namespace wishart_local {
namespace {

constexpr DistKind kKind = Wishart::kind;

Shape wishart_natural_shape(std::span<const Shape> shapes) {
  if (shapes.size() != 2)
    throw std::invalid_argument("wishart takes 2 parameters, got " + std::to_string(shapes.size()));
  require_rank(kKind, 0, shapes[0], 0);
  require_rank(kKind, 1, shapes[1], 2);
  if (shapes[1].dims[0] != shapes[1].dims[1])
    throw std::invalid_argument("wishart: parameter Sigma has shape " + to_string(shapes[1]) +
                                ", but must be a square matrix");
  return shapes[1];
}

Wishart make(std::span<const Value> p, const Shape& shape) {
  const Shape shapes[] = {p[0].shape(), p[1].shape()};
  require_event_shape(kKind, shape, wishart_natural_shape(shapes));
  const auto K = static_cast<Eigen::Index>(shapes[1].dims[0]);
  return Wishart{p[0].scalar(), Eigen::Map<const Eigen::MatrixXd>(p[1].data().data(), K, K)};
}

Value to_matrix_value(const Eigen::MatrixXd& m) {
  return Value(Shape::matrix(m.rows(), m.cols()), std::vector<double>(m.data(), m.data() + m.size()),
               ScalarType::Real);
}

void check_params(std::span<const Value> p, const Shape& shape) {
  throw_if_invalid(Wishart::name, check(make(p, shape)));
}

double logpdf_of(std::span<const Value> p, const Value& x) {
  const Wishart d = make(p, x.shape());
  if (!check(d).empty()) return kNegInf;
  const auto K = d.Sigma.rows();
  return logpdf(d, Eigen::Map<const Eigen::MatrixXd>(x.data().data(), K, K));
}

Value draw_of(std::span<const Value> p, const Shape& shape, Rng& rng) {
  check_params(p, shape);
  return to_matrix_value(draw(make(p, shape), rng));
}

Value mean_of(std::span<const Value> p, const Shape& shape) {
  return to_matrix_value(mean(make(p, shape)));
}
Value variance_of(std::span<const Value> p, const Shape& shape) {
  return to_matrix_value(variance(make(p, shape)));
}
Support support_of(std::span<const Value>) {
  return {};
}

}  // namespace
}  // namespace wishart_local

// JAGS's dwish(R, k): alea's Sigma is R^-1 (InverseMatrix), nu is k.
const DistOps& wishart_ops() {
  using namespace ::alea::dist::detail::wishart_local;
  static const DistOps ops =
      with_facts(DistOps{&wishart_natural_shape, &check_params, &logpdf_of, &draw_of, &mean_of, &variance_of,
                         &support_of},
                 SupportSpec{{kNegInf}, {kInf}, false, false, true},
                 {"dwish", 2, {{{BugsConv::Arg, 1}, {BugsConv::InverseMatrix, 0, 0, "scale matrix R"}}}});
  return ops;
}

}  // namespace detail
}  // namespace alea::dist
