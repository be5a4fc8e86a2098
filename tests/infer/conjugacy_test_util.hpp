// What every conjugate-pair test checks: the naive and factorized joint log densities
// agree at random points, the exact posterior draws have the textbook moments, and the
// log evidence matches a one-dimensional quadrature of the naive joint density.
#pragma once
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <catch2/catch.hpp>
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "alea/infer/forward.hpp"
#include "alea/infer/log_density.hpp"
#include "alea/infer/posterior.hpp"
#include "stat_tests.hpp"

namespace alea::test {

// Constants of a model: a vector, a matrix (column-major, as Eigen keeps it).
inline Expr vec(Model& m, const Eigen::VectorXd& v) {
  return m.constant(Value(std::vector<double>(v.data(), v.data() + v.size())));
}
inline Expr vec(Model& m, std::vector<double> v) { return m.constant(Value(std::move(v))); }
inline Expr vec(Model& m, std::initializer_list<double> v) { return vec(m, std::vector<double>(v)); }
inline Expr mat(Model& m, const Eigen::MatrixXd& a) {
  return m.constant(Value(Shape::matrix(a.rows(), a.cols()), std::vector<double>(a.data(), a.data() + a.size()),
                          ScalarType::Real));
}

inline bool has_name(const std::vector<std::string>& xs, const std::string& x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}

// At `points` draws of the latents from the naive prior (observed at their data),
// log p_naive(theta, y) and log p_factorized(theta, y) agree to relative 1e-9.
inline void check_joint_agrees(const Model& naive, const rewrite::Factorization& f, std::uint64_t seed,
                               std::size_t points = 100) {
  std::vector<std::string> latent;
  for (const Variable& v : naive.variables())
    if (!v.is_data && !v.observed && naive.is_stochastic(v.name)) latent.push_back(v.name);
  Rng rng(seed);
  const DrawTable t = sample_prior(naive, points, rng, latent);
  for (std::size_t r = 0; r < points; ++r) {
    std::map<std::string, Value> at;
    std::size_t col = 0;
    for (const std::string& name : latent) {
      const Shape& s = naive.graph().node(naive.variable(name).node).shape;
      std::vector<double> xs;
      for (std::int64_t k = 0; k < s.size(); ++k) xs.push_back(t.at(r, col++));
      at.emplace(name, s.is_scalar() ? Value(xs[0]) : Value(s, xs, ScalarType::Real));
    }
    const double a = log_density(naive, at).total, b = log_density(f.model, at).total;
    INFO("point " << r << ": naive " << a << ", factorized " << b);
    REQUIRE(std::isfinite(a));
    CHECK(std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(a)));
  }
}

// Posterior draws of `name` (element `elem` of a vector) against the textbook mean,
// variance and fourth central moment, at the suite's false-alarm rate per check.
inline void check_posterior_moments(const rewrite::Factorization& f, const std::string& column, double mean,
                                    double var, double mu4, std::uint64_t seed, std::size_t n = 40000) {
  Rng rng(seed);
  const DrawTable t = sample_posterior(f, n, rng);
  const std::vector<double> xs = t.column(column);
  INFO(column << ": sample mean " << moments(xs).mean << " vs " << mean << ", sample variance " << moments(xs).var
              << " vs " << var);
  CHECK(mean_within_clt(xs, mean, var));
  CHECK(var_within_clt(xs, var, mu4));
}

// log of the integral over [lo, hi] of the naive joint density in the scalar latent
// `name` (the others, if any, are none): adaptive Gauss-Kronrod on exp(log p - c).
inline double log_evidence_by_quadrature(const Model& naive, const std::string& name, double lo, double hi,
                                         double centre) {
  auto lp = [&](double x) { return log_density(naive, {{name, Value(x)}}).total; };
  const double c = lp(centre);
  const double integral = boost::math::quadrature::gauss_kronrod<double, 61>::integrate(
      [&](double x) { return std::exp(lp(x) - c); }, lo, hi, 20, 1e-13);
  return c + std::log(integral);
}

inline double gamma_mu4(double shape, double rate) { return 3.0 * shape * (shape + 2.0) / std::pow(rate, 4); }
inline double normal_mu4(double var) { return 3.0 * var * var; }
inline double beta_mu4(double a, double b) {
  const double s = a + b, var = a * b / (s * s * (s + 1.0));
  const double excess = 6.0 * ((a - b) * (a - b) * (s + 1.0) - a * b * (s + 2.0)) / (a * b * (s + 2.0) * (s + 3.0));
  return (3.0 + excess) * var * var;
}

}  // namespace alea::test
