// Truncation of every family in ALEA_TRUNCATABLE (graph/dist_kind.hpp): the density
// integrates (or the mass sums) to 1 over the truncation range, draws lie inside it,
// and their mean matches the mean of the density (computed here by quadrature or by
// summing the mass: independent of the distribution function and the quantile that
// the draws use). Statistical checks at fixed seeds, false-alarm rate kFalseAlarm each.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "../stat_tests.hpp"
#include "alea/dist/registry.hpp"
#include "alea/dist/truncated.hpp"
#include "param_values.hpp"

using namespace alea;
using test::values;

namespace {

double pdf(DistKind k, const std::vector<Value>& p, double x) { return std::exp(dist::logpdf(k, p, Value(x))); }

// Moments 0, 1, 2 of the density over [a, b] by composite Simpson's rule (n even).
std::array<double, 3> quadrature(DistKind k, const std::vector<Value>& p, double a, double b, int n = 200000) {
  const double h = (b - a) / n;
  std::array<double, 3> m{0, 0, 0};
  for (int i = 0; i <= n; ++i) {
    const double x = a + i * h, w = (i == 0 || i == n) ? 1 : (i % 2 ? 4 : 2), f = w * pdf(k, p, x);
    m[0] += f, m[1] += f * x, m[2] += f * x * x;
  }
  for (double& v : m) v *= h / 3;
  return m;
}

struct Case {
  DistKind base;
  std::vector<double> params;  // the base's, then lo and hi
};

}  // namespace

TEST_CASE("every truncatable family: density integrates to 1, draws inside with the right mean",
          "[dist][truncated][statistical]") {
  const std::vector<Case> cases{
      {DistKind::LogNormal, {0.2, 0.8, 0.5, 3}},     {DistKind::StudentT, {3, 1, 2, -1, 4}},
      {DistKind::Cauchy, {0, 1, -2, 5}},            {DistKind::Exponential, {1.5, 0.2, 2}},
      {DistKind::ChiSquared, {3, 1, 6}},            {DistKind::Laplace, {0.5, 1.2, -1, 3}},
      {DistKind::Logistic, {1, 0.7, 0, 2}},         {DistKind::Weibull, {1.7, 2, 0.5, 3}},
      {DistKind::Pareto, {1, 2.5, 1.5, 4}},         {DistKind::Uniform, {0, 10, 2, 3}},
      {DistKind::HalfNormal, {2, 1, 3}},            {DistKind::HalfCauchy, {1, 0.5, 4}},
      {DistKind::InverseGamma, {3, 2, 0.3, 2}},     {DistKind::Normal, {0, 1, -0.5, 2}},
      // upper tails, where the mass comes from 1 - F computed directly
      {DistKind::Exponential, {1, 30, 32}},         {DistKind::Logistic, {0, 1, 25, 30}},
      {DistKind::StudentT, {3, 0, 1, 50, 60}},      {DistKind::Cauchy, {0, 1, 40, 80}},
      {DistKind::Laplace, {0, 1, 20, 21}},          {DistKind::Weibull, {2, 1, 4, 5}},
      {DistKind::HalfCauchy, {1, 100, 200}},        {DistKind::LogNormal, {0, 0.5, 5, 8}},
      // JAGS's dnchisqr, df and dgen.gamma
      {DistKind::NoncentralChiSquared, {3, 2.5, 1, 6}}, {DistKind::FisherF, {4, 9, 0.5, 3}},
      {DistKind::GenGamma, {2, 1.5, 0.7, 0.2, 3}},      {DistKind::FisherF, {5, 12, 6, 10}},
  };
  Rng rng(20261205);
  constexpr int kN = 4000;
  for (const Case& c : cases) {
    const auto kind = dist::truncated_kind(c.base);
    REQUIRE(kind);
    const auto p = values(c.params);
    const double lo = c.params[c.params.size() - 2], hi = c.params.back();
    INFO(dist_info(*kind).name << " on [" << lo << ", " << hi << "]");
    const auto m = quadrature(*kind, p, lo, hi);
    CHECK(m[0] == Approx(1).epsilon(1e-7));
    const double mean = m[1] / m[0], var = m[2] / m[0] - mean * mean;
    const Value d = dist::draw(*kind, p, Shape{kN}, rng);
    for (double x : d.data()) REQUIRE((x >= lo && x <= hi));
    CHECK(test::mean_within_clt(d.data(), mean, var));
    CHECK(dist::mean(*kind, p, Shape{})[0] == Approx(mean).epsilon(1e-3));
  }
}

TEST_CASE("truncated counts: mass sums to 1 over the integers in [lo, hi], draws fit it (chi-square)",
          "[dist][truncated][statistical]") {
  const std::vector<Case> cases{
      {DistKind::Poisson, {4, 2, 10}},          {DistKind::Poisson, {4, 0, 10}},      // T(, 10)
      {DistKind::Poisson, {4, 1, INFINITY}},    {DistKind::Poisson, {3, 15, INFINITY}},  // upper tail
      {DistKind::Poisson, {2.5, 1.5, 6.5}},                                              // bounds between integers
      {DistKind::Binomial, {20, 0.3, 1, 20}},   {DistKind::Binomial, {10, 0.9, 0, 7}},
      {DistKind::NegativeBinomial, {3, 0.4, 2, 15}}, {DistKind::Geometric, {0.2, 3, INFINITY}},
  };
  Rng rng(20261206);
  constexpr int kN = 4000;
  for (const Case& c : cases) {
    const auto kind = dist::truncated_kind(c.base);
    REQUIRE(kind);
    CHECK(dist_info(*kind).value_type == ScalarType::Integer);
    const auto p = values(c.params);
    const double lo = std::ceil(c.params[c.params.size() - 2]);
    const double hi = std::isfinite(c.params.back()) ? std::floor(c.params.back()) : lo + 400;
    INFO(dist_info(*kind).name << " on [" << lo << ", " << hi << "]");
    double total = 0, mean = 0, second = 0;
    for (double k = lo; k <= hi; k += 1) {
      const double w = pdf(*kind, p, k);
      total += w, mean += w * k, second += w * k * k;
    }
    CHECK(total == Approx(1).epsilon(1e-10));
    CHECK(pdf(*kind, p, lo - 1) == 0);
    CHECK(pdf(*kind, p, lo + 0.5) == 0);
    const double var = second - mean * mean;
    const Value d = dist::draw(*kind, p, Shape{kN}, rng);
    for (double x : d.data()) REQUIRE((x >= lo && x <= hi && x == std::floor(x)));
    CHECK(test::mean_within_clt(d.data(), mean, var));
    CHECK(test::chi_square_pvalue(d.data(), [&](double k) { return pdf(*kind, p, k); }, lo, hi) > test::kFalseAlarm);
    CHECK(dist::mean(*kind, p, Shape{})[0] == Approx(mean).epsilon(1e-9));
  }
}

TEST_CASE("the truncated kinds come from the one list", "[dist][truncated]") {
  CHECK(dist::truncated_kind(DistKind::Poisson) == DistKind::TruncatedPoisson);
  CHECK(dist::truncation_base(DistKind::TruncatedGeometric) == DistKind::Geometric);
  CHECK(dist_info(DistKind::TruncatedStudentT).name == "truncated_student_t");
  CHECK(dist_info(DistKind::TruncatedStudentT).params.size() == 5);
  CHECK(dist_info(DistKind::TruncatedStudentT).params[3] == "lo");
  CHECK(dist_by_name("truncated_inv_gamma") == DistKind::TruncatedInverseGamma);
  CHECK_FALSE(dist::truncated_kind(DistKind::Bernoulli).has_value());
  CHECK_FALSE(dist::truncation_base(DistKind::Poisson).has_value());
  const dist::Support s = dist::support(DistKind::TruncatedPoisson, values({3, 1, 10}));
  CHECK((s.lo == 1 && s.hi == 10 && s.integer));
  CHECK_THROWS_WITH(dist::check_params(DistKind::TruncatedPoisson, values({3, 5, 2}), Shape{}),
                    Catch::Contains("truncation bound lo (5) must be less than truncation bound hi (2)"));
}
