#include "conjugate_coordinate.hpp"

#include <array>
#include <cmath>
#include <limits>

#include "../dist/variates.hpp"

namespace alea::detail {
namespace {

// The two functions of v whose combination the family's log density is.
std::array<double, 2> basis(ConditionalFamily family, double v) {
  if (family == ConditionalFamily::Gamma) return {v, -std::exp(v)};
  // log s(v) and log(1 - s(v)), s the logistic function, without overflow.
  const double log_s = v >= 0 ? -std::log1p(std::exp(-v)) : v - std::log1p(std::exp(v));
  return {log_s, log_s - v};
}

struct Fit {
  double a = 0, b = 0;
};

// a and b from the density at v0 + {-0.5, 0, 0.5}, checked at v0 + 1.1 and v0 - 1.3.
// lp_at(v) is the log density with the coordinate at v.
template <class LogDensityAt>
std::optional<Fit> fit(ConditionalFamily family, double v0, const LogDensityAt& lp_at) {
  constexpr std::array<double, 3> at{-0.5, 0.0, 0.5};
  constexpr std::array<double, 2> check{1.1, -1.3};
  std::array<double, 3> lp{};
  std::array<std::array<double, 2>, 3> phi{};
  for (std::size_t i = 0; i < 3; ++i) {
    lp[i] = lp_at(v0 + at[i]);
    if (!std::isfinite(lp[i])) return std::nullopt;
    phi[i] = basis(family, v0 + at[i]);
  }
  // Differences from the middle point remove the constant: a 2 x 2 system.
  const double m11 = phi[0][0] - phi[1][0], m12 = phi[0][1] - phi[1][1], r1 = lp[0] - lp[1];
  const double m21 = phi[2][0] - phi[1][0], m22 = phi[2][1] - phi[1][1], r2 = lp[2] - lp[1];
  const double det = m11 * m22 - m12 * m21;
  if (!(std::abs(det) > 1e-12)) return std::nullopt;
  Fit f{(r1 * m22 - r2 * m12) / det, (m11 * r2 - m21 * r1) / det};
  if (!(f.a > 0 && f.b > 0 && std::isfinite(f.a) && std::isfinite(f.b))) return std::nullopt;
  const double scale = 1 + std::abs(lp[1]) + std::abs(f.a) + std::abs(f.b);
  for (double d : check) {
    const double v = v0 + d, got = lp_at(v);
    const auto p = basis(family, v), q = phi[1];
    const double want = lp[1] + f.a * (p[0] - q[0]) + f.b * (p[1] - q[1]);
    if (!(std::abs(got - want) <= 1e-9 * scale)) return std::nullopt;
  }
  return f;
}

}  // namespace

std::optional<ConditionalFamily> ConjugateCoordinate::detect(infer::LogDensityFunction& f, std::vector<double> u,
                                                             std::size_t k) {
  const double v0 = u[k];
  const auto lp_at = [&](double v) {
    u[k] = v;
    return f.value(u);
  };
  for (ConditionalFamily family : {ConditionalFamily::Gamma, ConditionalFamily::Beta})
    if (fit(family, v0, lp_at)) return family;
  return std::nullopt;
}

bool ConjugateCoordinate::update(infer::LogDensityFunction& f, infer::PhasePoint& z, Rng& rng) const {
  const double v0 = z.q[k_];
  const auto lp_at = [&](double v) {
    z.q[k_] = v;
    return f.value(z.q);
  };
  const std::optional<Fit> c = fit(family_, v0, lp_at);
  double v = std::numeric_limits<double>::quiet_NaN();
  if (c) {
    if (family_ == ConditionalFamily::Gamma) {
      v = std::log(dist::detail::std_gamma(c->a, rng) / c->b);
    } else {
      const double x = dist::detail::std_gamma(c->a, rng), y = dist::detail::std_gamma(c->b, rng);
      v = std::log(x) - std::log(y);  // logit(x / (x + y))
    }
  }
  if (!std::isfinite(v)) {  // no fit here, or a draw that underflowed: unchanged
    z.q[k_] = v0;
    z.lp = f.value(z.q);
    return false;
  }
  z.q[k_] = v;
  z.lp = f.value(z.q);
  return true;
}

}  // namespace alea::detail
