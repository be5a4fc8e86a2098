// Partial derivatives of the distributions' log densities with respect to their
// parameters and value: the scalar ones from their records (dist/record.hpp), the
// multivariate ones written here from the closed forms. Every formula is checked
// against central finite differences of dist::logpdf in tests/infer/test_dist_gradient.cpp.
#include "alea/infer/dist_gradient.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <vector>

#include "alea/dist/record.hpp"
#include "../dist/partials_detail.hpp"

namespace alea::infer {
namespace {

using dist::kNegInf;
using dist::detail::kHalfLog2Pi;

using dist::detail::grad::digamma;
bool is_integer(double x) {
  return std::isfinite(x) && x == std::floor(x);
}

double add_if(double* d, std::size_t i, double v) {
  if (d) d[i] += v;
  return v;
}

double mv_normal(std::span<const ArrayView> params, ArrayView x, std::span<double* const> dp, double* dx) {
  const auto K = static_cast<Eigen::Index>(x.n);
  const Eigen::Map<const Eigen::VectorXd> mu(params[0].data, K), xv(x.data, K);
  const Eigen::Map<const Eigen::MatrixXd> sigma(params[1].data, K, K);
  const Eigen::LLT<Eigen::MatrixXd> llt(sigma);
  if (llt.info() != Eigen::Success) return kNegInf;
  const Eigen::VectorXd r = xv - mu;
  const Eigen::VectorXd a = llt.solve(r);  // Sigma^-1 (x - mu)
  const double logdet = 2 * llt.matrixLLT().diagonal().array().log().sum();
  const double lp = -0.5 * (static_cast<double>(K) * 2 * kHalfLog2Pi + logdet + r.dot(a));
  if (dp[0]) Eigen::Map<Eigen::VectorXd>(dp[0], K) += a;
  if (dx) Eigen::Map<Eigen::VectorXd>(dx, K) -= a;
  if (dp[1]) {
    const Eigen::MatrixXd inv = llt.solve(Eigen::MatrixXd::Identity(K, K));
    Eigen::Map<Eigen::MatrixXd>(dp[1], K, K) += 0.5 * (a * a.transpose() - inv);
  }
  return lp;
}

// With w = (nu + K) / (nu + q), q = r' Sigma^-1 r, r = x - mu:
//   d/dmu = w Sigma^-1 r = -d/dx,  d/dSigma = (w a a' - Sigma^-1) / 2 with a = Sigma^-1 r,
//   d/dnu = (psi((nu + K)/2) - psi(nu/2) - K/nu - log1p(q/nu) + w q / nu) / 2.
double mv_student_t(std::span<const ArrayView> params, ArrayView x, std::span<double* const> dp, double* dx) {
  const auto K = static_cast<Eigen::Index>(x.n);
  const double nu = params[0][0], k = static_cast<double>(K);
  if (!(nu > 0) || !std::isfinite(nu)) return kNegInf;
  const Eigen::Map<const Eigen::VectorXd> mu(params[1].data, K), xv(x.data, K);
  const Eigen::Map<const Eigen::MatrixXd> sigma(params[2].data, K, K);
  const Eigen::LLT<Eigen::MatrixXd> llt(sigma);
  if (llt.info() != Eigen::Success) return kNegInf;
  const Eigen::VectorXd r = xv - mu;
  const Eigen::VectorXd a = llt.solve(r);
  const double q = r.dot(a), w = (nu + k) / (nu + q);
  const double half_logdet = llt.matrixLLT().diagonal().array().log().sum();
  const double lp = std::lgamma(0.5 * (nu + k)) - std::lgamma(0.5 * nu) - 0.5 * k * std::log(nu * std::numbers::pi) -
                    half_logdet - 0.5 * (nu + k) * std::log1p(q / nu);
  if (dp[0]) dp[0][0] += 0.5 * (digamma(0.5 * (nu + k)) - digamma(0.5 * nu) - k / nu - std::log1p(q / nu) + w * q / nu);
  if (dp[1]) Eigen::Map<Eigen::VectorXd>(dp[1], K) += w * a;
  if (dx) Eigen::Map<Eigen::VectorXd>(dx, K) -= w * a;
  if (dp[2]) {
    const Eigen::MatrixXd inv = llt.solve(Eigen::MatrixXd::Identity(K, K));
    Eigen::Map<Eigen::MatrixXd>(dp[2], K, K) += 0.5 * (w * a * a.transpose() - inv);
  }
  return lp;
}

// Wishart(nu, S) at W (K x K): with logdets by Cholesky factors,
//   lp = (nu - K - 1)/2 log|W| - tr(S^-1 W)/2 - nu K/2 log 2 - nu/2 log|S| - log Gamma_K(nu/2),
//   d/dW = ((nu - K - 1) W^-1 - S^-1) / 2,  d/dS = (S^-1 W S^-1 - nu S^-1) / 2,
//   d/dnu = (log|W| - K log 2 - log|S| - sum_{j=0..K-1} psi((nu - j)/2)) / 2.
// The partials by a matrix are by every element (W and S symmetric): a symmetric
// perturbation, the only kind the SPD transform makes, gets the right derivative.
double wishart(std::span<const ArrayView> params, ArrayView x, std::span<double* const> dp, double* dx) {
  const double nu = params[0][0];
  const auto K = static_cast<Eigen::Index>(std::llround(std::sqrt(static_cast<double>(x.n))));
  const double k = static_cast<double>(K);
  if (!(nu >= k) || !std::isfinite(nu)) return kNegInf;
  const Eigen::Map<const Eigen::MatrixXd> W(x.data, K, K), S(params[1].data, K, K);
  if (!W.allFinite() || !W.isApprox(W.transpose(), 1e-10)) return kNegInf;
  const Eigen::LLT<Eigen::MatrixXd> lw(W), ls(S);
  if (lw.info() != Eigen::Success || ls.info() != Eigen::Success) return kNegInf;
  const double logdet_w = 2 * lw.matrixLLT().diagonal().array().log().sum();
  const double logdet_s = 2 * ls.matrixLLT().diagonal().array().log().sum();
  const Eigen::MatrixXd s_inv = ls.solve(Eigen::MatrixXd::Identity(K, K));
  const Eigen::MatrixXd s_inv_w = ls.solve(W);  // S^-1 W
  double log_multi_gamma = 0.25 * k * (k - 1) * std::log(std::numbers::pi), psi_sum = 0;
  for (Eigen::Index j = 0; j < K; ++j) {
    const double a = 0.5 * (nu - static_cast<double>(j));
    log_multi_gamma += std::lgamma(a);
    psi_sum += digamma(a);
  }
  const double lp = 0.5 * (nu - k - 1) * logdet_w - 0.5 * s_inv_w.trace() - 0.5 * nu * k * std::numbers::ln2 -
                    0.5 * nu * logdet_s - log_multi_gamma;
  if (dp[0]) dp[0][0] += 0.5 * (logdet_w - k * std::numbers::ln2 - logdet_s - psi_sum);
  if (dp[1]) Eigen::Map<Eigen::MatrixXd>(dp[1], K, K) += 0.5 * (s_inv_w * s_inv - nu * s_inv);
  if (dx) {
    const Eigen::MatrixXd w_inv = lw.solve(Eigen::MatrixXd::Identity(K, K));
    Eigen::Map<Eigen::MatrixXd>(dx, K, K) += 0.5 * ((nu - k - 1) * w_inv - s_inv);
  }
  return lp;
}

double dirichlet(std::span<const ArrayView> params, ArrayView x, std::span<double* const> dp, double* dx) {
  double total = 0, lp = 0;
  for (std::size_t i = 0; i < x.n; ++i) {
    if (!(x[i] > 0 && x[i] <= 1)) return kNegInf;
    total += params[0][i];
  }
  lp = std::lgamma(total);
  const double dg = digamma(total);
  for (std::size_t i = 0; i < x.n; ++i) {
    const double a = params[0][i];
    lp += -std::lgamma(a) + (a - 1) * std::log(x[i]);
    add_if(dp[0], i, dg - digamma(a) + std::log(x[i]));
    add_if(dx, i, (a - 1) / x[i]);
  }
  return lp;
}

double multinomial(std::span<const ArrayView> params, ArrayView x, std::span<double* const> dp) {
  const double n = params[0][0];
  double total = 0, lp = std::lgamma(n + 1);
  for (std::size_t i = 0; i < x.n; ++i) {
    if (!is_integer(x[i]) || x[i] < 0) return kNegInf;
    total += x[i];
    lp += -std::lgamma(x[i] + 1) + (x[i] > 0 ? x[i] * std::log(params[1][i]) : 0.0);
  }
  if (total != n) return kNegInf;
  for (std::size_t i = 0; i < x.n; ++i) add_if(dp[1], i, x[i] / params[1][i]);
  return lp;
}

double categorical(std::span<const ArrayView> params, ArrayView x, std::span<double* const> dp) {
  double lp = 0;
  const ArrayView p = params[0];
  for (std::size_t i = 0; i < x.n; ++i) {
    if (!is_integer(x[i]) || x[i] < 1 || x[i] > static_cast<double>(p.n)) return kNegInf;
    const auto j = static_cast<std::size_t>(x[i]) - 1;
    lp += std::log(p.data[j]);
    add_if(dp[0], j, 1 / p.data[j]);
  }
  return lp;
}

// log sum_k w[k] N(x; mu[k], sigma[k]) per element by log-sum-exp. With r[k] the
// responsibility w[k] N_k / sum_j w[j] N_j and z[k] = (x - mu[k]) / sigma[k]:
// d/dw[k] = r[k] / w[k], d/dmu[k] = r[k] z[k] / sigma[k], d/dsigma[k] = r[k] (z[k]^2 - 1) / sigma[k],
// d/dx = -sum_k r[k] z[k] / sigma[k].
double normal_mixture(std::span<const ArrayView> params, ArrayView x, std::span<double* const> dp, double* dx) {
  const ArrayView w = params[0], mu = params[1], sigma = params[2];
  const std::size_t K = w.n;
  std::vector<double> term(K), z(K);
  double lp = 0;
  for (std::size_t i = 0; i < x.n; ++i) {
    if (std::isnan(x.data[i])) return kNegInf;
    double top = kNegInf;
    for (std::size_t k = 0; k < K; ++k) {
      if (!(sigma.data[k] > 0) || !(w.data[k] >= 0)) return kNegInf;
      z[k] = (x.data[i] - mu.data[k]) / sigma.data[k];
      term[k] = std::log(w.data[k]) - 0.5 * z[k] * z[k] - std::log(sigma.data[k]) - kHalfLog2Pi;
      top = std::max(top, term[k]);
    }
    if (top == kNegInf) return kNegInf;
    double sum = 0;
    for (std::size_t k = 0; k < K; ++k) sum += std::exp(term[k] - top);
    const double lse = top + std::log(sum);
    lp += lse;
    for (std::size_t k = 0; k < K; ++k) {
      const double r = std::exp(term[k] - lse), s = sigma.data[k];
      if (dp[0] && w.data[k] > 0) dp[0][k] += r / w.data[k];
      add_if(dp[1], k, r * z[k] / s);
      add_if(dp[2], k, r * (z[k] * z[k] - 1) / s);
      add_if(dx, i, -r * z[k] / s);
    }
  }
  return lp;
}

Value to_value(ArrayView a) {
  return a.n == 1 ? Value(a.data[0]) : Value(std::vector<double>(a.data, a.data + a.n));
}

// The distributions without closed-form partials (uses_numeric_partials): none today;
// tests/infer/test_dist_gradient.cpp keeps the allow-list of those that may take this
// path (empty), so that a kind added without partials fails a test rather than slowing
// the sampler unseen. The log density from the registry, its partials by
// central differences with step cbrt(eps) * max(1, |v|) (relative error about 1e-10),
// one-sided at a support edge. A leapfrog step stays volume preserving and reversible
// with any position-dependent force, so NUTS stays exact; only its efficiency depends on
// the accuracy of the gradient.
double numeric_partials(DistKind k, std::span<const ArrayView> params, ArrayView x, std::span<double* const> dparams,
                        double* dx) {
  std::vector<Value> ps;
  for (const ArrayView& a : params) ps.push_back(to_value(a));
  Value xv = to_value(x);
  const double lp = dist::logpdf(k, ps, xv);
  if (lp == kNegInf) return lp;
  const auto derivative = [&](double& slot) {
    const double v = slot, h = 6.0554544523933395e-06 * std::max(1.0, std::abs(v));
    slot = v + h;
    const double up = dist::logpdf(k, ps, xv);
    slot = v - h;
    const double down = dist::logpdf(k, ps, xv);
    slot = v;
    if (std::isfinite(up) && std::isfinite(down)) return (up - down) / (2 * h);
    if (std::isfinite(up)) return (up - lp) / h;
    if (std::isfinite(down)) return (lp - down) / h;
    return 0.0;
  };
  for (std::size_t j = 0; j < params.size(); ++j) {
    if (!dparams[j]) continue;
    double* data = ps[j].data().data();
    for (std::size_t e = 0; e < params[j].n; ++e) dparams[j][e] += derivative(data[e]);
  }
  if (dx) {
    double* data = xv.data().data();
    for (std::size_t e = 0; e < x.n; ++e) dx[e] += derivative(data[e]);
  }
  return lp;
}

}  // namespace

// The sum of the logs of positive numbers as the logs of the products of chunks of
// up to 10: one log per chunk instead of one per element. A factor in [1e-30, 1e30] is
// multiplied in (a chunk's product stays a normal double); any other is logged alone.
class LogSum {
 public:
  void add(double s) {
    if (s >= 1e-30 && s <= 1e30) {
      prod_ *= s;
      if (++k_ == 10) sum_ += std::log(prod_), prod_ = 1, k_ = 0;
    } else {
      sum_ += std::log(s);
    }
  }
  double value() const { return sum_ + std::log(prod_); }

 private:
  double prod_ = 1, sum_ = 0;
  int k_ = 0;
};

// With z = (x - mu) / sigma: lp = -z^2 / 2 - log sigma - log(2 pi) / 2, d/dmu = z / sigma,
// d/dsigma = (z^2 - 1) / sigma, d/dx = -z / sigma.
double normal_logpdf_with_partials(ArrayView mu, ArrayView sigma, ArrayView x, double* dmu, double* dsigma,
                                   double* dx, const double* sum_log_sigma) {
  // Partials of broadcast scalars are summed in registers and added once.
  const bool scalar_mu = mu.n == 1, scalar_sigma = sigma.n == 1;
  double sum_z2 = 0, sum_dmu = 0, sum_dsigma = 0;
  LogSum log_sigma;
  for (std::size_t i = 0; i < x.n; ++i) {
    const double s = scalar_sigma ? sigma.data[0] : sigma.data[i];
    const double m = scalar_mu ? mu.data[0] : mu.data[i];
    if (!(s > 0) || std::isnan(x.data[i])) return kNegInf;
    const double inv_s = 1 / s, z = (x.data[i] - m) * inv_s, z_over_s = z * inv_s;
    sum_z2 += z * z;
    if (scalar_mu) sum_dmu += z_over_s;
    else if (dmu) dmu[i] += z_over_s;
    if (scalar_sigma) sum_dsigma += (z * z - 1) * inv_s;
    else if (dsigma) dsigma[i] += (z * z - 1) * inv_s;
    if (dx) dx[i] -= z_over_s;
    if (!sum_log_sigma && !scalar_sigma) log_sigma.add(s);
  }
  if (dmu && scalar_mu) dmu[0] += sum_dmu;
  if (dsigma && scalar_sigma) dsigma[0] += sum_dsigma;
  const double n = static_cast<double>(x.n);
  const double log_sum = sum_log_sigma ? *sum_log_sigma
                                       : (scalar_sigma ? n * std::log(sigma.data[0]) : log_sigma.value());
  return -0.5 * sum_z2 - log_sum - n * kHalfLog2Pi;
}

// With r = x - mu: lp = -r^2 / (2 v) - log(v) / 2 - log(2 pi) / 2, d/dmu = r / v,
// d/dv = (r^2 / v - 1) / (2 v), d/dx = -r / v.
double normal_variance_logpdf_with_partials(ArrayView mu, ArrayView var, ArrayView x, double* dmu, double* dvar,
                                            double* dx) {
  const bool scalar_mu = mu.n == 1, scalar_var = var.n == 1;
  double sum_q = 0, sum_dmu = 0, sum_dvar = 0;
  LogSum log_var;
  for (std::size_t i = 0; i < x.n; ++i) {
    const double v = scalar_var ? var.data[0] : var.data[i];
    const double m = scalar_mu ? mu.data[0] : mu.data[i];
    if (!(v > 0) || std::isnan(x.data[i])) return kNegInf;
    const double inv_v = 1 / v, r = x.data[i] - m, q = r * r * inv_v;
    sum_q += q;
    if (scalar_mu) sum_dmu += r * inv_v;
    else if (dmu) dmu[i] += r * inv_v;
    if (scalar_var) sum_dvar += 0.5 * (q - 1) * inv_v;
    else if (dvar) dvar[i] += 0.5 * (q - 1) * inv_v;
    if (dx) dx[i] -= r * inv_v;
    if (!scalar_var) log_var.add(v);
  }
  if (dmu && scalar_mu) dmu[0] += sum_dmu;
  if (dvar && scalar_var) dvar[0] += sum_dvar;
  const double n = static_cast<double>(x.n);
  const double log_sum = scalar_var ? n * std::log(var.data[0]) : log_var.value();
  return -0.5 * (sum_q + log_sum) - n * kHalfLog2Pi;
}

bool uses_numeric_partials(DistKind k) {
  switch (k) {
    case DistKind::MvNormal:
    case DistKind::MvStudentT:
    case DistKind::Dirichlet:
    case DistKind::Multinomial:
    case DistKind::Categorical:
    case DistKind::NormalMixture:
    case DistKind::Wishart:
    case DistKind::Normal:
      return false;
    default:
      break;
  }
  const dist::DistRecord& r = dist::record(k);
  return !r.array_partials && !r.partials;
}

double logpdf_with_partials(DistKind k, std::span<const ArrayView> params, ArrayView x,
                            std::span<double* const> dparams, double* dx) {
  switch (k) {
    case DistKind::MvNormal:
      return mv_normal(params, x, dparams, dx);
    case DistKind::MvStudentT:
      return mv_student_t(params, x, dparams, dx);
    case DistKind::Dirichlet:
      return dirichlet(params, x, dparams, dx);
    case DistKind::Multinomial:
      return multinomial(params, x, dparams);
    case DistKind::Categorical:
      return categorical(params, x, dparams);
    case DistKind::NormalMixture:
      return normal_mixture(params, x, dparams, dx);
    case DistKind::Wishart:
      return wishart(params, x, dparams, dx);
    default:
      break;
  }
  if (k == DistKind::Normal) return normal_logpdf_with_partials(params[0], params[1], x, dparams[0], dparams[1], dx);
  const dist::DistRecord& r = dist::record(k);
  if (r.array_partials) return r.array_partials(params, x, dparams, dx);
  const auto partials = r.partials;
  // The kinds without closed-form partials (uses_numeric_partials).
  if (!partials) return numeric_partials(k, params, x, dparams, dx);
  // One pass: when an element is outside the support the total is -inf and the
  // partials added so far are meaningless (a sampler rejects such a point).
  double lp = 0;
  double p[dist::kMaxScalarParams] = {};
  for (std::size_t i = 0; i < x.n; ++i) {
    for (std::size_t j = 0; j < params.size(); ++j) p[j] = params[j][i];
    if (std::isnan(x[i])) return kNegInf;
    const dist::Partials t = partials(p, x[i]);
    if (t.lp == kNegInf) return kNegInf;
    lp += t.lp;
    for (std::size_t j = 0; j < params.size(); ++j)
      if (dparams[j]) dparams[j][params[j].n == 1 ? 0 : i] += t.dp[j];
    add_if(dx, i, t.dx);
  }
  return lp;
}

}  // namespace alea::infer
