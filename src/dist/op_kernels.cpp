// Reductions, linear algebra and ordering on flat column-major arrays, shared by
// the evaluator on values and the compiled gradient.
#include "alea/dist/op_kernels.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <limits>
#include <numeric>
#include <unsupported/Eigen/MatrixFunctions>

namespace alea::dist {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Eigen::Map<const Eigen::MatrixXd> square(std::span<const double> a) {
  const auto n = static_cast<Eigen::Index>(std::llround(std::sqrt(static_cast<double>(a.size()))));
  return {a.data(), n, n};
}

}  // namespace

double reduce(Op op, std::span<const double> x) {
  switch (op) {
    case Op::Sum:
      return std::accumulate(x.begin(), x.end(), 0.0);
    case Op::Mean:
      return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
    case Op::Prod: {
      double p = 1;
      for (double v : x) p = times(p, v);
      return p;
    }
    case Op::Sd: {
      // Two passes: the one-pass formula loses the digits of a small spread around a large mean.
      const double m = reduce(Op::Mean, x);
      double ss = 0;
      for (double v : x) ss += (v - m) * (v - m);
      return std::sqrt(ss / static_cast<double>(x.size() - 1));
    }
    case Op::MaxOf:
      return *std::max_element(x.begin(), x.end());
    case Op::MinOf:
      return *std::min_element(x.begin(), x.end());
    default:
      throw std::logic_error("reduce: not a reduction");
  }
}

void matmul(std::span<const double> a, std::span<const double> b, std::size_t rows, std::size_t inner,
            std::span<double> c) {
  const std::size_t cols = b.size() / inner;
  std::fill(c.begin(), c.end(), 0.0);
  for (std::size_t j = 0; j < cols; ++j)
    for (std::size_t k = 0; k < inner; ++k) {
      const double bkj = b[k + inner * j];
      for (std::size_t i = 0; i < rows; ++i) c[i + rows * j] += a[i + rows * k] * bkj;
    }
}

void transpose(std::span<const double> a, std::size_t rows, std::span<double> out) {
  const std::size_t cols = a.size() / rows;
  for (std::size_t j = 0; j < cols; ++j)
    for (std::size_t i = 0; i < rows; ++i) out[j + cols * i] = a[i + rows * j];
}

void inverse(std::span<const double> a, std::span<double> out) {
  const auto m = square(a);
  // A symmetric positive definite matrix (a precision matrix) through its Cholesky
  // factor, and its inverse made exactly symmetric: a covariance built as inverse(Omega)
  // must pass mv_normal's symmetry check, which LU's rounding can fail.
  if (m == m.transpose()) {
    const Eigen::LLT<Eigen::MatrixXd> llt(m);
    if (llt.info() == Eigen::Success) {
      const Eigen::MatrixXd inv = llt.solve(Eigen::MatrixXd::Identity(m.rows(), m.cols()));
      Eigen::Map<Eigen::MatrixXd>(out.data(), m.rows(), m.cols()) = (inv + inv.transpose()) / 2;
      return;
    }
  }
  Eigen::FullPivLU<Eigen::MatrixXd> lu(m);
  if (!lu.isInvertible()) {
    std::fill(out.begin(), out.end(), kNaN);
    return;
  }
  Eigen::Map<Eigen::MatrixXd>(out.data(), m.rows(), m.cols()) = lu.inverse();
}

void matrix_exp(std::span<const double> a, std::span<double> out) {
  const auto m = square(a);
  Eigen::Map<Eigen::MatrixXd>(out.data(), m.rows(), m.cols()) = m.exp();
}

void matrix_exp_backward(std::span<const double> a, std::span<const double> g, std::span<double> gin) {
  const auto m = square(a);
  const Eigen::Index n = m.rows();
  Eigen::MatrixXd block = Eigen::MatrixXd::Zero(2 * n, 2 * n);
  block.topLeftCorner(n, n) = m.transpose();
  block.bottomRightCorner(n, n) = m.transpose();
  block.topRightCorner(n, n) = Eigen::Map<const Eigen::MatrixXd>(g.data(), n, n);
  const Eigen::MatrixXd e = block.exp();
  Eigen::Map<Eigen::MatrixXd>(gin.data(), n, n) += e.topRightCorner(n, n);
}

double logdet(std::span<const double> a) {
  const Eigen::PartialPivLU<Eigen::MatrixXd> lu(square(a));
  // det = sign(P) * prod(diag(U)); the log is summed to keep large matrices finite.
  auto sign = static_cast<double>(lu.permutationP().determinant());
  double log_abs = 0;
  const auto& u = lu.matrixLU();
  for (Eigen::Index i = 0; i < u.rows(); ++i) {
    const double d = u(i, i);
    if (d < 0) sign = -sign;
    log_abs += std::log(std::abs(d));
  }
  return sign > 0 ? log_abs : kNaN;
}

std::vector<std::size_t> order(std::span<const double> x) {
  std::vector<std::size_t> p(x.size());
  std::iota(p.begin(), p.end(), std::size_t{0});
  std::stable_sort(p.begin(), p.end(), [&](std::size_t i, std::size_t j) { return x[i] < x[j]; });
  return p;
}

double interp_lin(double e, std::span<const double> x, std::span<const double> y, std::ptrdiff_t* segment) {
  const std::size_t n = x.size();
  if (segment) *segment = -1;
  if (std::isnan(e)) return kNaN;
  if (e <= x[0]) return y[0];
  if (e >= x[n - 1]) return y[n - 1];
  // The first k with x[k] <= e < x[k + 1].
  const auto k = static_cast<std::size_t>(std::upper_bound(x.begin(), x.end(), e) - x.begin()) - 1;
  if (segment) *segment = static_cast<std::ptrdiff_t>(k);
  const double w = (e - x[k]) / (x[k + 1] - x[k]);
  return y[k] + w * (y[k + 1] - y[k]);
}

}  // namespace alea::dist
