// Unconstraining transforms: round trips, the gradient of log|J| and of the
// bounds against finite differences, and the change-of-variables identity
// (a density on x, times |J|, integrates to one over u).
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <vector>

#include <Eigen/Dense>

#include "alea/infer/transform.hpp"

using namespace alea;
using infer::ArrayView;
using infer::TransformKind;

namespace {

// L(u) = sum_i c_i x_i(u) + log|J(u)| with fixed weights c: its gradient exercises
// both the chain rule through x and the Jacobian term.
double objective(TransformKind k, double lo, double hi, const std::vector<double>& u, std::size_t n) {
  std::vector<double> x(n);
  const double logj = infer::constrain(k, {&lo, 1}, {&hi, 1}, u, x);
  double s = logj;
  for (std::size_t i = 0; i < n; ++i) s += (0.5 + static_cast<double>(i)) * x[i];
  return s;
}

void check_transform(TransformKind k, std::size_t n) {
  double lo = -0.5, hi = 2.0;
  const std::size_t m = infer::unconstrained_size(k, n);
  std::vector<double> u(m);
  for (std::size_t i = 0; i < m; ++i) u[i] = 0.7 * std::cos(2.1 * static_cast<double>(i) + 0.4);
  std::vector<double> x(n), back(m), gx(n), gu(m, 0.0);
  infer::constrain(k, {&lo, 1}, {&hi, 1}, u, x);
  infer::unconstrain(k, {&lo, 1}, {&hi, 1}, x, back);
  for (std::size_t i = 0; i < m; ++i) CHECK(back[i] == Approx(u[i]).epsilon(1e-10).margin(1e-12));
  for (std::size_t i = 0; i < n; ++i) gx[i] = 0.5 + static_cast<double>(i);
  double glo = 0, ghi = 0;
  infer::constrain_backward(k, {&lo, 1}, {&hi, 1}, u, x, gx, gu, &glo, &ghi);
  const double h = 1e-6;
  for (std::size_t i = 0; i < m; ++i) {
    auto up = u, down = u;
    up[i] += h, down[i] -= h;
    CHECK(gu[i] ==
          Approx((objective(k, lo, hi, up, n) - objective(k, lo, hi, down, n)) / (2 * h)).epsilon(1e-6));
  }
  const double fd_lo = (objective(k, lo + h, hi, u, n) - objective(k, lo - h, hi, u, n)) / (2 * h);
  const double fd_hi = (objective(k, lo, hi + h, u, n) - objective(k, lo, hi - h, u, n)) / (2 * h);
  if (k == TransformKind::Lower || k == TransformKind::Interval)
    CHECK(glo == Approx(fd_lo).epsilon(1e-6).margin(1e-8));
  const bool noncentred = k == TransformKind::LocationScale || k == TransformKind::LogLocationScale;
  if (k == TransformKind::Upper || k == TransformKind::Interval || noncentred)
    CHECK(ghi == Approx(fd_hi).epsilon(1e-6).margin(1e-8));
  if (noncentred) CHECK(glo == Approx(fd_lo).epsilon(1e-6).margin(1e-8));
}

}  // namespace

TEST_CASE("transforms round-trip and their gradients match finite differences", "[infer][transform]") {
  check_transform(TransformKind::Identity, 2);
  check_transform(TransformKind::Lower, 2);
  check_transform(TransformKind::Upper, 2);
  check_transform(TransformKind::Interval, 3);
  check_transform(TransformKind::Simplex, 4);
  check_transform(TransformKind::LocationScale, 3);  // location lo = -0.5, scale hi = 2
  check_transform(TransformKind::LogLocationScale, 3);
  check_transform(TransformKind::CholeskySPD, 1);
  check_transform(TransformKind::CholeskySPD, 9);
}

// log J of the SPD transform against the log determinant of the finite-difference
// Jacobian of u -> (the lower triangle of x), an independent computation.
TEST_CASE("SPD transform: x = L L' is symmetric positive definite and log J matches the Jacobian's determinant",
          "[infer][transform]") {
  const double lo = 0, hi = 0;
  for (std::size_t K : {1, 2, 3}) {
    const std::size_t n = K * K, m = infer::unconstrained_size(TransformKind::CholeskySPD, n);
    REQUIRE(m == K * (K + 1) / 2);
    std::vector<double> u(m), x(n);
    for (std::size_t i = 0; i < m; ++i) u[i] = 0.8 * std::sin(1.3 * static_cast<double>(i) + 0.2);
    const double logj = infer::constrain(TransformKind::CholeskySPD, {&lo, 1}, {&hi, 1}, u, x);
    const Eigen::Map<const Eigen::MatrixXd> X(x.data(), static_cast<Eigen::Index>(K), static_cast<Eigen::Index>(K));
    CHECK(X == X.transpose());
    CHECK(Eigen::LLT<Eigen::MatrixXd>(X).info() == Eigen::Success);
    auto lower = [&](const std::vector<double>& uu) {
      std::vector<double> xx(n), out;
      infer::constrain(TransformKind::CholeskySPD, {&lo, 1}, {&hi, 1}, uu, xx);
      for (std::size_t j = 0; j < K; ++j)
        for (std::size_t i = j; i < K; ++i) out.push_back(xx[i + K * j]);
      return out;
    };
    Eigen::MatrixXd J(m, m);
    const double h = 1e-6;
    for (std::size_t c = 0; c < m; ++c) {
      auto up = u, down = u;
      up[c] += h, down[c] -= h;
      const auto a = lower(up), b = lower(down);
      for (std::size_t r = 0; r < m; ++r)
        J(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = (a[r] - b[r]) / (2 * h);
    }
    INFO("K = " << K);
    CHECK(logj == Approx(std::log(std::abs(J.determinant()))).epsilon(1e-7));
  }
  // A matrix that is not symmetric positive definite has no preimage: u is NaN.
  const std::vector<double> bad = {1, 2, 2, 1};
  std::vector<double> u(3);
  infer::unconstrain(TransformKind::CholeskySPD, {&lo, 1}, {&hi, 1}, bad, u);
  CHECK(std::isnan(u[0]));
}

TEST_CASE("transforms are chosen from the support", "[infer][transform]") {
  CHECK(infer::transform_for({}) == TransformKind::Identity);
  CHECK(infer::transform_for({0, dist::kInf}) == TransformKind::Lower);
  CHECK(infer::transform_for({dist::kNegInf, 1}) == TransformKind::Upper);
  CHECK(infer::transform_for({0, 1}) == TransformKind::Interval);
}

TEST_CASE("change of variables: a density times |J| integrates to one on the unconstrained scale",
          "[infer][transform]") {
  // Midpoint rule on a wide grid; the integrands decay exponentially in u, so the
  // truncation and discretization errors are far below the 1e-6 tolerance.
  const double lo = 0, hi = 1;
  auto integrate1 = [&](TransformKind k, auto density) {
    double s = 0;
    const double a = -40, b = 40, du = 1e-3;
    for (double u = a + du / 2; u < b; u += du) {
      double x = 0;
      const double logj =
          infer::constrain(k, {&lo, 1}, {&hi, 1}, std::span<const double>(&u, 1), std::span<double>(&x, 1));
      s += density(x) * std::exp(logj) * du;
    }
    return s;
  };
  // gamma(3, 2) on (0, inf) by the log transform
  CHECK(integrate1(TransformKind::Lower, [](double x) { return 4 * x * x * std::exp(-2 * x); }) ==
        Approx(1.0).epsilon(1e-6));
  // beta(2, 3) on (0, 1) by the logit transform
  CHECK(integrate1(TransformKind::Interval, [](double x) { return 12 * x * (1 - x) * (1 - x); }) ==
        Approx(1.0).epsilon(1e-6));
  // dirichlet(1, 1, 1) has density 2 on the 2-simplex: stick-breaking over R^2
  double s = 0;
  const double du = 0.02;
  for (double u0 = -30 + du / 2; u0 < 30; u0 += du)
    for (double u1 = -30 + du / 2; u1 < 30; u1 += du) {
      const double u[2] = {u0, u1};
      double x[3];
      s += 2 * std::exp(infer::constrain(TransformKind::Simplex, {&lo, 1}, {&hi, 1}, u, x)) * du * du;
    }
  CHECK(s == Approx(1.0).epsilon(1e-4));
}

// A truncation's bounds are parameters and may be infinite (T(0,) has hi = +inf): the
// interval transform takes the one-sided transform (or none) for such an element.
TEST_CASE("interval transform with an infinite bound per element is the one-sided one", "[infer][transform]") {
  const std::vector<double> lo{0.5, -INFINITY, -INFINITY}, hi{INFINITY, 2.0, INFINITY};
  const std::vector<double> u{0.3, -0.7, 1.1};
  std::vector<double> x(3), back(3), gu(3, 0.0);
  const double logj = infer::constrain(TransformKind::Interval, {lo.data(), 3}, {hi.data(), 3}, u, x);
  CHECK(x[0] == Approx(0.5 + std::exp(0.3)));
  CHECK(x[1] == Approx(2.0 - std::exp(-0.7)));
  CHECK(x[2] == 1.1);
  CHECK(logj == Approx(0.3 - 0.7));
  infer::unconstrain(TransformKind::Interval, {lo.data(), 3}, {hi.data(), 3}, x, back);
  for (std::size_t i = 0; i < 3; ++i) CHECK(back[i] == Approx(u[i]).epsilon(1e-12));
  const std::vector<double> gx{1.0, 1.0, 1.0};
  std::vector<double> glo(3, 0.0), ghi(3, 0.0);
  infer::constrain_backward(TransformKind::Interval, {lo.data(), 3}, {hi.data(), 3}, u, x, gx, gu, glo.data(),
                            ghi.data());
  CHECK(gu[0] == Approx(std::exp(0.3) + 1));   // d/du (x + log J)
  CHECK(gu[1] == Approx(-std::exp(-0.7) + 1));
  CHECK(gu[2] == 1.0);
  CHECK((glo[0] == 1.0 && ghi[1] == 1.0 && glo[1] == 0.0 && ghi[0] == 0.0));
}
