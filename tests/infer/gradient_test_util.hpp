// What the gradient tests share: a fixed point on the unconstrained scale, and the
// reverse-mode gradient against central differences there.
#pragma once
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "alea/infer/gradient.hpp"

namespace alea::test {

// u_i = scale sin(1.7 i + 0.3): a point with no two coordinates alike.
inline std::vector<double> point(std::size_t n, double scale) {
  std::vector<double> u(n);
  for (std::size_t i = 0; i < n; ++i) u[i] = scale * std::sin(1.7 * static_cast<double>(i) + 0.3);
  return u;
}

// Each coordinate of the gradient at u against a central difference with step 1e-5
// (truncation error ~1e-10 times the third derivative: relative 1e-6, absolute 1e-6).
inline void check_gradient(infer::LogDensityFunction& f, const std::vector<double>& u) {
  std::vector<double> grad(f.dimension());
  const double lp = f.value_and_gradient(u, grad);
  REQUIRE(std::isfinite(lp));
  for (std::size_t i = 0; i < u.size(); ++i) {
    const double h = 1e-5;
    auto up = u, down = u;
    up[i] += h, down[i] -= h;
    const double fd = (f.value(up) - f.value(down)) / (2 * h);
    INFO("coordinate " << i);
    CHECK(grad[i] == Approx(fd).epsilon(1e-6).margin(1e-6));
  }
}

}  // namespace alea::test
