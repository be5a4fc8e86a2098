// The iid fast paths (normal, poisson, gamma: the summed log density of observations
// sharing one parameter set, constants hoisted) against the sum of the per-element
// log densities, including the elements that leave the fast loop (large counts,
// subnormal or zero values, NaN) and the shapes it does not take (gamma >= 10).
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "alea/dist/registry.hpp"

using namespace alea;

namespace {

double per_element(DistKind k, const std::vector<Value>& params, const std::vector<double>& x, ScalarType t) {
  double total = 0.0;
  for (double xi : x) total += dist::logpdf(k, params, Value(Shape{}, {xi}, t));
  return total;
}

double whole(DistKind k, const std::vector<Value>& params, const std::vector<double>& x, ScalarType t) {
  return dist::logpdf(k, params, Value(Shape::vector(static_cast<std::int64_t>(x.size())), x, t));
}

void check_same(DistKind k, const std::vector<Value>& params, const std::vector<double>& x, ScalarType t) {
  const double a = whole(k, params, x, t), b = per_element(k, params, x, t);
  INFO("kind " << dist_info(k).name << ", per element " << b << ", whole " << a);
  if (std::isinf(b)) {
    CHECK(a == b);
  } else {
    // Summation order and hoisting differ: agreement to rounding of the terms' size.
    double scale = 0.0;
    for (double xi : x) scale += std::abs(dist::logpdf(k, params, Value(Shape{}, {xi}, t)));
    CHECK(std::abs(a - b) <= 1e-13 * (scale + 1.0));
  }
}

std::vector<double> ramp(std::size_t n, double from, double step) {
  std::vector<double> x(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = from + step * static_cast<double>(i);
  return x;
}

}  // namespace

TEST_CASE("iid normal: the hoisted sum equals the per-element sum", "[dist][iid]") {
  const std::vector<Value> p{Value(0.3), Value(1.7)};
  check_same(DistKind::Normal, p, ramp(100, -5.0, 0.1), ScalarType::Real);
  check_same(DistKind::Normal, {Value(1e6), Value(1e-3)}, ramp(40, 1e6 - 0.02, 0.001), ScalarType::Real);
  std::vector<double> bad = ramp(30, 0.0, 1.0);
  bad[7] = std::numeric_limits<double>::quiet_NaN();
  check_same(DistKind::Normal, p, bad, ScalarType::Real);
  bad[7] = std::numeric_limits<double>::infinity();
  check_same(DistKind::Normal, p, bad, ScalarType::Real);
}

TEST_CASE("iid poisson: table, large counts and invalid counts", "[dist][iid]") {
  check_same(DistKind::Poisson, {Value(3.5)}, ramp(60, 0.0, 1.0), ScalarType::Integer);
  // counts above the table take the accurate form
  std::vector<double> mixed = ramp(40, 0.0, 97.0);
  mixed.push_back(1e6);
  mixed.push_back(123456789.0);
  check_same(DistKind::Poisson, {Value(2000.0)}, mixed, ScalarType::Integer);
  check_same(DistKind::Poisson, {Value(0.0)}, std::vector<double>(20, 0.0), ScalarType::Integer);
  std::vector<double> some = std::vector<double>(20, 0.0);
  some[3] = 1;
  check_same(DistKind::Poisson, {Value(0.0)}, some, ScalarType::Integer);
  std::vector<double> neg = ramp(20, 0.0, 1.0);
  neg[5] = -1;
  check_same(DistKind::Poisson, {Value(4.0)}, neg, ScalarType::Integer);
}

TEST_CASE("iid gamma: one pass, and the per-element form at the edges", "[dist][iid]") {
  check_same(DistKind::Gamma, {Value(2.5), Value(0.7)}, ramp(80, 0.01, 0.13), ScalarType::Real);
  check_same(DistKind::Gamma, {Value(0.3), Value(4.0)}, ramp(80, 1e-5, 0.02), ScalarType::Real);
  check_same(DistKind::Gamma, {Value(50.0), Value(2.0)}, ramp(40, 20.0, 0.2), ScalarType::Real);  // shape >= 10
  std::vector<double> edge = ramp(20, 0.5, 0.5);
  edge[2] = 0.0;  // shape 1: log(rate) at zero
  check_same(DistKind::Gamma, {Value(1.0), Value(3.0)}, edge, ScalarType::Real);
  edge[4] = 1e-310;  // subnormal
  check_same(DistKind::Gamma, {Value(2.0), Value(3.0)}, edge, ScalarType::Real);
  edge[4] = std::numeric_limits<double>::quiet_NaN();
  check_same(DistKind::Gamma, {Value(2.0), Value(3.0)}, edge, ScalarType::Real);
  edge[4] = -1.0;
  check_same(DistKind::Gamma, {Value(2.0), Value(3.0)}, edge, ScalarType::Real);
}
