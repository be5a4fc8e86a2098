// dist::logpdf_each (the log density of each element under parameters checked once,
// the kept terms of gamma and normal) against dist::logpdf of each element alone, for
// every distribution of scalars with scalar parameters: the same values, bit for bit,
// at draws, at the edges of the support and outside it, with shared and per-element
// parameters and with invalid ones. And the record's draw_into (the sampler's exact
// draws in place) against dist::draw: the same draws, and the same refusals.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <vector>

#include "alea/dist/record.hpp"
#include "alea/dist/registry.hpp"

using namespace alea;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using dist::kInf;

// Valid parameters for each kind logpdf_each takes; large shapes take the deviance forms.
const std::map<DistKind, std::vector<std::vector<double>>>& parameter_sets() {
  static const std::map<DistKind, std::vector<std::vector<double>>> sets = {
      {DistKind::Normal, {{0.3, 1.7}, {-1e6, 1e-3}}},
      {DistKind::HalfNormal, {{2.0}}},
      {DistKind::LogNormal, {{0.5, 0.8}}},
      {DistKind::StudentT, {{3.0, 1.0, 2.0}}},
      {DistKind::Cauchy, {{0.0, 1.5}}},
      {DistKind::HalfCauchy, {{0.7}}},
      {DistKind::Uniform, {{-1.0, 2.5}}},
      {DistKind::Exponential, {{1.3}}},
      {DistKind::Gamma, {{2.5, 0.7}, {3702.0, 1001.0}, {1.0, 3.0}, {0.4, 2.0}}},
      {DistKind::InverseGamma, {{3.0, 2.0}, {500.0, 400.0}}},
      {DistKind::ChiSquared, {{4.0}}},
      {DistKind::Beta, {{2.0, 3.0}, {300.0, 700.0}, {0.5, 0.5}}},
      {DistKind::Laplace, {{1.0, 0.5}}},
      {DistKind::Logistic, {{-2.0, 1.1}}},
      {DistKind::Weibull, {{1.5, 2.0}}},
      {DistKind::Pareto, {{1.0, 3.0}}},
      {DistKind::Bernoulli, {{0.3}}},
      {DistKind::Binomial, {{10.0, 0.3}, {5000.0, 0.6}}},
      {DistKind::Poisson, {{3.7}, {2500.0}}},
      {DistKind::Geometric, {{0.2}}},
      {DistKind::NegativeBinomial, {{4.0, 0.3}}},
      {DistKind::DiscreteUniform, {{1.0, 6.0}}},
      {DistKind::BetaBinomial, {{10.0, 2.0, 3.0}}},
      {DistKind::TruncatedNormal, {{0.3, 1.7, -1.0, 2.0}, {0.0, 1.0, 0.0, INFINITY}}},
      {DistKind::TruncatedBeta, {{2.0, 3.0, 0.0, 0.9999}}},
      {DistKind::TruncatedGamma, {{2.5, 0.7, 0.5, 4.0}}},
      {DistKind::TruncatedLogNormal, {{0.5, 0.8, 0.5, 3.0}}},
      {DistKind::TruncatedStudentT, {{3.0, 1.0, 2.0, -1.0, 4.0}}},
      {DistKind::TruncatedCauchy, {{0.0, 1.5, 0.0, INFINITY}}},
      {DistKind::TruncatedExponential, {{1.3, 0.5, 2.0}}},
      {DistKind::TruncatedChiSquared, {{4.0, 1.0, 6.0}}},
      {DistKind::TruncatedLaplace, {{1.0, 0.5, 0.0, 3.0}}},
      {DistKind::TruncatedLogistic, {{-2.0, 1.1, -INFINITY, 0.0}}},
      {DistKind::TruncatedWeibull, {{1.5, 2.0, 0.5, 3.0}}},
      {DistKind::TruncatedPareto, {{1.0, 3.0, 1.5, 4.0}}},
      {DistKind::TruncatedUniform, {{-1.0, 2.5, 0.0, 1.0}}},
      {DistKind::TruncatedHalfNormal, {{2.0, 0.5, 3.0}}},
      {DistKind::TruncatedHalfCauchy, {{0.7, 0.0, 4.0}}},
      {DistKind::TruncatedInverseGamma, {{3.0, 2.0, 0.3, 2.0}}},
      {DistKind::TruncatedPoisson, {{3.7, 1.0, 10.0}, {2500.0, 2400.0, INFINITY}}},
      {DistKind::TruncatedBinomial, {{10.0, 0.3, 1.0, 10.0}}},
      {DistKind::TruncatedNegativeBinomial, {{4.0, 0.3, 2.0, 20.0}}},
      {DistKind::TruncatedGeometric, {{0.2, 3.0, INFINITY}}},
      {DistKind::Hypergeometric, {{5.0, 7.0, 6.0, 1.5}, {5.0, 3.0, 6.0, 1.0}}},
      {DistKind::Sum, {{3.0}, {0.5}}},
      {DistKind::Round, {{1.2345, 2.0}, {1234.5, -2.0}}},
      {DistKind::NoncentralChiSquared, {{3.0, 2.5}, {0.7, 0.0}}},
      {DistKind::FisherF, {{4.0, 9.0}, {1.0, 0.5}}},
      {DistKind::GenGamma, {{2.0, 1.5, 0.7}, {0.5, 3.0, 2.0}}},
      {DistKind::TruncatedNoncentralChiSquared, {{3.0, 2.5, 1.0, 6.0}}},
      {DistKind::TruncatedFisherF, {{4.0, 9.0, 0.5, INFINITY}}},
      {DistKind::TruncatedGenGamma, {{2.0, 1.5, 0.7, 0.2, 3.0}}},
  };
  return sets;
}

std::vector<Value> values(const std::vector<double>& xs) {
  std::vector<Value> out;
  for (double x : xs) out.emplace_back(x);
  return out;
}

// logpdf of each element alone (a scalar value of the kind's type).
std::vector<double> one_by_one(DistKind k, const std::vector<std::vector<double>>& per_element,
                               const std::vector<double>& x) {
  std::vector<double> out;
  for (std::size_t i = 0; i < x.size(); ++i)
    out.push_back(dist::logpdf(k, values(per_element[i]), Value(Shape{}, {x[i]}, dist_info(k).value_type)));
  return out;
}

void check_bitwise(const std::vector<double>& got, const std::vector<double>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("element " << i << ": logpdf_each " << got[i] << ", logpdf " << want[i]);
    CHECK((got[i] == want[i] || (std::isnan(got[i]) && std::isnan(want[i]))));
  }
}

// 60 draws under the parameters, and points at and beyond the support's edges.
std::vector<double> points(DistKind k, const std::vector<double>& params) {
  Rng rng(20261124);
  const Value d = dist::draw(k, values(params), Shape::vector(60), rng);
  std::vector<double> x = d.data();
  for (double edge : {0.0, 1.0, -1.0, 0.5, 1e-300, 1e300, kInf, -kInf, kNaN}) x.push_back(edge);
  return x;
}

}  // namespace

TEST_CASE("logpdf_each equals logpdf element by element for every scalar distribution", "[dist][logpdf_each]") {
  std::size_t kinds = 0;
  for (int i = 0; i < kDistKindCount; ++i) {
    const auto k = static_cast<DistKind>(i);
    if (!dist::has_logpdf_each(k)) continue;
    ++kinds;
    INFO("kind " << dist_info(k).name);
    REQUIRE(parameter_sets().count(k) == 1);  // every such kind is covered here
    for (const std::vector<double>& params : parameter_sets().at(k)) {
      const std::vector<double> x = points(k, params);
      std::vector<double> out(x.size());
      dist::logpdf_each(k, values(params), x, out);
      check_bitwise(out, one_by_one(k, std::vector<std::vector<double>>(x.size(), params), x));
    }
  }
  CHECK(kinds == parameter_sets().size());
}

TEST_CASE("logpdf_each: parameters per element, and invalid ones give -inf for their element only",
          "[dist][logpdf_each]") {
  // gamma(shape_i, 2) at x_i: shapes on both sides of the deviance form's threshold, one invalid
  const std::vector<double> shapes{0.5, 2.0, 9.99, 10.0, 400.0, -1.0, 3.0};
  const std::vector<double> x{0.3, 1.2, 5.0, 5.0, 199.0, 1.0, 0.4};
  std::vector<double> out(x.size());
  dist::logpdf_each(DistKind::Gamma, std::vector<Value>{Value(shapes), Value(2.0)}, x, out);
  std::vector<std::vector<double>> per;
  for (double a : shapes) per.push_back({a, 2.0});
  check_bitwise(out, one_by_one(DistKind::Gamma, per, x));
  CHECK(out[5] == -kInf);
  CHECK(std::isfinite(out[6]));
  // scalar parameters that are invalid: every element -inf
  dist::logpdf_each(DistKind::Normal, std::vector<Value>{Value(0.0), Value(-1.0)}, x, out);
  for (double v : out) CHECK(v == -kInf);
}

TEST_CASE("logpdf_each refuses multivariate kinds and sizes that do not fit", "[dist][logpdf_each]") {
  std::vector<double> x{1.0, 2.0}, out(2), short_out(1);
  CHECK_FALSE(dist::has_logpdf_each(DistKind::MvNormal));
  CHECK_FALSE(dist::has_logpdf_each(DistKind::Categorical));  // a vector parameter
  CHECK_FALSE(dist::has_logpdf_each(DistKind::NormalMixture));
  CHECK_THROWS_AS(dist::logpdf_each(DistKind::Categorical, std::vector<Value>{Value({0.5, 0.5})}, x, out), std::logic_error);
  CHECK_THROWS_WITH(dist::logpdf_each(DistKind::Normal, std::vector<Value>{Value(0.0), Value(1.0)}, x, short_out),
                    Catch::Contains("2 values but room for 1"));
  CHECK_THROWS_WITH(dist::logpdf_each(DistKind::Normal, std::vector<Value>{Value({0.0, 1.0, 2.0}), Value(1.0)}, x, out),
                    Catch::Contains("a parameter of 3 values for 2 elements"));
}

namespace {

std::vector<dist::ArrayView> views_of(const std::vector<std::vector<double>>& params) {
  std::vector<dist::ArrayView> out;
  for (const std::vector<double>& p : params) out.push_back({p.data(), p.size()});
  return out;
}

}  // namespace

TEST_CASE("draw_into draws what dist::draw draws, for every scalar distribution", "[dist][draw_into]") {
  std::size_t kinds = 0;
  for (int i = 0; i < kDistKindCount; ++i) {
    const auto k = static_cast<DistKind>(i);
    const auto into = dist::record(k).draw_into;
    CHECK((into != nullptr) == dist::has_logpdf_each(k));  // every distribution of scalars, and only those
    if (!into) continue;
    ++kinds;
    INFO("kind " << dist_info(k).name);
    for (const std::vector<double>& params : parameter_sets().at(k)) {
      Rng a(77, 3), b(77, 3);
      const Value want = dist::draw(k, values(params), Shape::vector(9), a);
      std::vector<std::vector<double>> per;
      for (double p : params) per.push_back({p});
      std::vector<double> got(9);
      into(views_of(per), got.data(), got.size(), b);
      check_bitwise(got, want.data());
    }
  }
  CHECK(kinds == parameter_sets().size());
}

TEST_CASE("draw_into: parameters per element, and an invalid one draws nothing", "[dist][draw_into]") {
  const auto into = dist::record(DistKind::Gamma).draw_into;
  const std::vector<std::vector<double>> per{{0.5, 2.0, 9.99, 10.0, 400.0}, {2.0}};
  Rng a(5), b(5);
  const Value want = dist::draw(DistKind::Gamma, std::vector<Value>{Value(per[0]), Value(2.0)}, Shape::vector(5), a);
  std::vector<double> got(5);
  into(views_of(per), got.data(), got.size(), b);
  check_bitwise(got, want.data());
  // The third shape invalid: dist::draw's refusal, and no element written.
  const std::vector<std::vector<double>> bad{{0.5, 2.0, -1.0, 10.0, 400.0}, {2.0}};
  std::vector<double> untouched(5, 42.0);
  Rng c(5);
  CHECK_THROWS_AS(dist::draw(DistKind::Gamma, std::vector<Value>{Value(bad[0]), Value(2.0)}, Shape::vector(5), c),
                  std::domain_error);
  CHECK_THROWS_AS(into(views_of(bad), untouched.data(), untouched.size(), c), std::domain_error);
  for (double v : untouched) CHECK(v == 42.0);
}
