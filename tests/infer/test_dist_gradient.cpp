// Every distribution's log density and partials (dist_gradient.hpp) against
// dist::logpdf and its central finite differences.
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <set>
#include <string>
#include <vector>

#include "alea/dist/record.hpp"
#include "alea/dist/registry.hpp"
#include "alea/infer/dist_gradient.hpp"

using namespace alea;

namespace {

struct Case {
  DistKind kind;
  std::vector<std::vector<double>> params;
  std::vector<double> x;
  bool continuous_x;
};

Value as_value(const std::vector<double>& v, DistKind k, std::size_t param, std::size_t x_size = 1) {
  const DistInfo& info = dist_info(k);
  // A per-observation parameter of a joint marginal given once is broadcast: a scalar.
  if (v.size() == 1 && x_size > 1) return Value(v[0]);
  if (info.param_arity[param] == Arity::Matrix) {
    const auto n = static_cast<std::int64_t>(std::lround(std::sqrt(static_cast<double>(v.size()))));
    return Value(Shape::matrix(n, n), v, ScalarType::Real);
  }
  if (info.param_arity[param] == Arity::Vector || v.size() > 1) return Value(v);
  return Value(v[0]);
}

double reference(const Case& c, const std::vector<std::vector<double>>& params,
                 const std::vector<double>& x) {
  std::vector<Value> ps;
  for (std::size_t i = 0; i < params.size(); ++i) ps.push_back(as_value(params[i], c.kind, i, x.size()));
  const DistInfo& info = dist_info(c.kind);
  const ScalarType t = info.value_type;
  const auto side = static_cast<std::int64_t>(std::lround(std::sqrt(static_cast<double>(x.size()))));
  Value xv = x.size() == 1 && info.value_arity == Arity::Scalar ? Value(Shape{}, x, t)
             : info.value_arity == Arity::Matrix              ? Value(Shape::matrix(side, side), x, t)
                                                               : Value(Shape::vector(static_cast<std::int64_t>(x.size())), x, t);
  return dist::logpdf(c.kind, ps, xv);
}

// Central difference with a step relative to the coordinate; truncation error O(h^2).
double central(const std::function<double(double)>& f, double at) {
  const double h = 1e-5 * std::max(1.0, std::abs(at));
  return (f(at + h) - f(at - h)) / (2 * h);
}

// Parameters and values that live on a simplex: a finite difference must stay on it,
// so these are checked along e_j - e_last (the derivative is d_j - d_last).
bool simplex_param(DistKind k, std::size_t i) {
  return (k == DistKind::Categorical && i == 0) || (k == DistKind::Multinomial && i == 1) ||
         (k == DistKind::NormalMixture && i == 0);
}

// mv_normal's and mv_student_t's Sigma is symmetric (the checks reject anything else).
bool symmetric_matrix(DistKind k, std::size_t i) {
  return (k == DistKind::MvNormal && i == 1) || (k == DistKind::MvStudentT && i == 2) || (k == DistKind::Wishart && i == 1);
}

std::size_t side_of(std::size_t n) { return static_cast<std::size_t>(std::lround(std::sqrt(static_cast<double>(n)))); }

void check(const Case& c) {
  INFO("distribution " << dist_info(c.kind).name);
  std::vector<infer::ArrayView> views;
  for (const auto& p : c.params) views.push_back({p.data(), p.size()});
  std::vector<std::vector<double>> dp;
  for (const auto& p : c.params) dp.emplace_back(p.size(), 0.0);
  std::vector<double*> dptr;
  for (auto& d : dp) dptr.push_back(d.data());
  std::vector<double> dx(c.x.size(), 0.0);
  const double lp = infer::logpdf_with_partials(c.kind, views, {c.x.data(), c.x.size()}, dptr,
                                                c.continuous_x ? dx.data() : nullptr);
  const double ref = reference(c, c.params, c.x);
  CHECK(lp == Approx(ref).epsilon(1e-12).margin(1e-12));
  for (std::size_t i = 0; i < c.params.size(); ++i) {
    if ((c.kind == DistKind::Binomial || c.kind == DistKind::TruncatedBinomial) && i == 0)
      continue;  // n is an integer
    if (c.kind == DistKind::Multinomial && i == 0) continue;
    if ((c.kind == DistKind::BinomialBetaJoint || c.kind == DistKind::BetaBinomial ||
         c.kind == DistKind::DirichletMultinomial) &&
        i == 0)
      continue;                                          // numbers of trials
    if (c.kind == DistKind::Sample && i == 1) continue;  // the number of items drawn
    if (c.kind == DistKind::DiscreteUniform) continue;  // integer bounds: no derivative
    if (c.kind == DistKind::Hypergeometric && i < 3) continue;  // n1, n2, m1 are integers
    const bool simplex = simplex_param(c.kind, i);
    const std::size_t last = c.params[i].size() - 1;
    for (std::size_t j = 0; j < c.params[i].size() - (simplex ? 1 : 0); ++j) {
      // mv_normal's Sigma is symmetric: perturb (j, k) and (k, j) together and compare
      // with the sum of the two partials.
      auto f = [&](double v) {
        auto p = c.params;
        if (simplex) p[i][last] -= v - p[i][j];
        p[i][j] = v;
        if (symmetric_matrix(c.kind, i)) {
          const std::size_t n = side_of(c.params[i].size()), r = j % n, col = j / n;
          p[i][r * n + col] = v;
        }
        return reference(c, p, c.x);
      };
      double analytic = dp[i][j] - (simplex ? dp[i][last] : 0.0);
      if (symmetric_matrix(c.kind, i)) {
        const std::size_t n = side_of(c.params[i].size()), r = j % n, col = j / n;
        if (r != col) analytic += dp[i][r * n + col];
      }
      INFO("parameter " << i << " element " << j);
      CHECK(analytic == Approx(central(f, c.params[i][j])).epsilon(1e-6).margin(1e-7));
    }
  }
  if (!c.continuous_x) return;
  const bool simplex = c.kind == DistKind::Dirichlet;
  // A Wishart value is symmetric: (j, k) and (k, j) move together.
  const bool symmetric = c.kind == DistKind::Wishart;
  const std::size_t last = c.x.size() - 1, n = side_of(c.x.size());
  for (std::size_t j = 0; j < c.x.size() - (simplex ? 1 : 0); ++j) {
    const std::size_t mirror = (j % n) * n + j / n;
    auto f = [&](double v) {
      auto x = c.x;
      if (simplex) x[last] -= v - x[j];
      x[j] = v;
      if (symmetric) x[mirror] = v;
      return reference(c, c.params, x);
    };
    double analytic = dx[j] - (simplex ? dx[last] : 0.0);
    if (symmetric && mirror != j) analytic += dx[mirror];
    INFO("value element " << j);
    CHECK(analytic == Approx(central(f, c.x[j])).epsilon(1e-6).margin(1e-7));
  }
}

}  // namespace

TEST_CASE("continuous distributions: log density and partials match dist::logpdf and finite differences",
          "[infer][gradient]") {
  const std::vector<Case> cases = {
      {DistKind::Normal, {{0.3}, {1.7}}, {1.1, -0.4}, true},
      {DistKind::HalfNormal, {{1.3}}, {0.8}, true},
      {DistKind::LogNormal, {{0.2}, {0.9}}, {1.6}, true},
      {DistKind::StudentT, {{4.5}, {0.1}, {1.3}}, {0.7}, true},
      {DistKind::Cauchy, {{0.4}, {2.1}}, {-1.3}, true},
      {DistKind::HalfCauchy, {{5.0}}, {3.2}, true},
      {DistKind::Uniform, {{-1.0}, {2.5}}, {0.3}, true},
      {DistKind::Exponential, {{1.7}}, {0.6}, true},
      {DistKind::Gamma, {{2.5}, {1.5}}, {1.2}, true},
      {DistKind::InverseGamma, {{3.0}, {2.0}}, {0.9}, true},
      {DistKind::ChiSquared, {{3.5}}, {2.2}, true},
      {DistKind::Beta, {{2.5}, {1.5}}, {0.35}, true},
      {DistKind::Laplace, {{0.2}, {1.4}}, {1.0}, true},
      {DistKind::Logistic, {{0.5}, {0.8}}, {-0.3}, true},
      {DistKind::Weibull, {{1.8}, {2.2}}, {1.4}, true},
      {DistKind::Pareto, {{0.7}, {2.5}}, {1.9}, true},
      {DistKind::Dirichlet, {{1.5, 2.0, 3.5}}, {0.2, 0.3, 0.5}, true},
      {DistKind::MvNormal, {{0.1, -0.2}, {2.0, 0.3, 0.3, 1.0}}, {0.5, 0.4}, true},
      {DistKind::MvStudentT, {{4.5}, {0.1, -0.2}, {2.0, 0.3, 0.3, 1.0}}, {1.5, -0.9}, true},
      // weights on the simplex; x between and beyond the components so every responsibility matters
      {DistKind::NormalMixture, {{0.3, 0.5, 0.2}, {-1.0, 0.5, 2.0}, {0.7, 1.2, 0.9}}, {0.4, 1.8, -2.5}, true},
      {DistKind::Wishart, {{4.5}, {2.0, 0.3, 0.3, 1.0}}, {3.0, -0.8, -0.8, 1.5}, true},
      {DistKind::Wishart,
       {{3.2}, {1.5, 0.2, -0.3, 0.2, 0.8, 0.1, -0.3, 0.1, 1.1}},
       {2.0, 0.4, -0.5, 0.4, 1.2, 0.2, -0.5, 0.2, 0.9},
       true},
      // nu by central differences inside the record (no closed form), delta and x closed form
      {DistKind::NoncentralChiSquared, {{3.5}, {2.2}}, {4.1}, true},
      {DistKind::NoncentralChiSquared, {{0.8}, {6.0}}, {0.3, 9.5}, true},
      {DistKind::FisherF, {{4.5}, {7.0}}, {1.3}, true},
      {DistKind::FisherF, {{1.5}, {0.9}}, {0.2, 12.0}, true},
      {DistKind::GenGamma, {{2.2}, {1.4}, {0.8}}, {1.7}, true},
      {DistKind::GenGamma, {{0.7}, {0.3}, {2.5}}, {0.5, 4.0}, true},
  };
  for (const Case& c : cases) check(c);
}

TEST_CASE("discrete distributions: log mass and parameter partials match dist::logpdf and finite differences",
          "[infer][gradient]") {
  const std::vector<Case> cases = {
      {DistKind::Bernoulli, {{0.3}}, {1, 0, 1}, false},
      {DistKind::Binomial, {{10}, {0.35}}, {4}, false},
      {DistKind::Poisson, {{3.2}}, {2, 0, 5}, false},
      {DistKind::Geometric, {{0.3}}, {3}, false},
      {DistKind::NegativeBinomial, {{2.5}, {0.4}}, {3}, false},
      {DistKind::Categorical, {{0.2, 0.5, 0.3}}, {2}, false},
      {DistKind::DiscreteUniform, {{1}, {6}}, {3}, false},
      {DistKind::Multinomial, {{6}, {0.2, 0.5, 0.3}}, {1, 3, 2}, false},
  };
  for (const Case& c : cases) check(c);
}

TEST_CASE("outside the support the log density is -inf", "[infer][gradient]") {
  const std::vector<double> p = {2.0}, x = {-1.0};
  const infer::ArrayView params[] = {{p.data(), 1}, {p.data(), 1}};
  double* none[] = {nullptr, nullptr};
  CHECK(infer::logpdf_with_partials(DistKind::Gamma, params, {x.data(), 1}, none, nullptr) ==
        -std::numeric_limits<double>::infinity());
}

TEST_CASE("a subnormal parameter gives infinite partials, not an exception", "[infer][gradient]") {
  // digamma(a) ~ -1/a overflows double for a subnormal a (litters in JAGS's examples,
  // a beta-binomial's shape near 0): -inf, as the long double result rounded, where
  // Boost's default overflow policy throws.
  const std::vector<double> n = {9.0}, a = {1e-320}, b = {1.5}, x = {3.0};
  const infer::ArrayView params[] = {{n.data(), 1}, {a.data(), 1}, {b.data(), 1}};
  double da = 0, db = 0;
  double* partials[] = {nullptr, &da, &db};
  double lp = 0;
  CHECK_NOTHROW(lp = infer::logpdf_with_partials(DistKind::BetaBinomial, params, {x.data(), 1}, partials, nullptr));
  CHECK(std::isfinite(db));
  CHECK((std::isinf(da) || std::isnan(da) || std::isinf(lp)));
}

TEST_CASE("normal_mean_joint of one observation: its partials are the normal's", "[infer][gradient]") {
  // normal_mean_joint(c, d, m, s, sigma) of one observation is normal(c + d m, sqrt(sigma^2 + d^2 s^2)):
  // d/dm log p = d (y - c - d m) / v and d/dy log p = -(y - c - d m) / v, v = sigma^2 + d^2 s^2.
  const double c = 0.5, d = 2.0, m = 1.0, s = 0.7, sigma = 1.3, y = 4.1;
  const double v = sigma * sigma + d * d * s * s, r = y - c - d * m;
  const double ps[5] = {c, d, m, s, sigma};
  std::vector<infer::ArrayView> params;
  for (const double& p : ps) params.push_back({&p, 1});
  double dps[5] = {0, 0, 0, 0, 0}, dy = 0;
  std::vector<double*> slots{&dps[0], &dps[1], &dps[2], &dps[3], &dps[4]};
  const double lp = infer::logpdf_with_partials(DistKind::NormalMeanJoint, params, {&y, 1}, slots, &dy);
  CHECK(lp == Approx(-0.5 * std::log(2 * std::numbers::pi * v) - 0.5 * r * r / v).epsilon(1e-12));
  CHECK(dps[2] == Approx(d * r / v).epsilon(1e-8));
  CHECK(dps[3] == Approx(-d * d * s / v + r * r * d * d * s / (v * v)).epsilon(1e-8));
  CHECK(dy == Approx(-r / v).epsilon(1e-8));
}

TEST_CASE("normal terms with many scales, extreme ones among them, sum log sigma exactly",
          "[infer][gradient]") {
  // 25 scales (the logs are summed by chunks of products), two outside [1e-30, 1e30]:
  // the value against dist::logpdf, and by variance against the same with sigma^2.
  std::vector<double> sigma, var, x, mu;
  for (int i = 0; i < 25; ++i) {
    sigma.push_back(i == 3 ? 1e-40 : (i == 17 ? 1e40 : 0.5 + 0.37 * i));
    var.push_back(sigma.back() * sigma.back());
    x.push_back(i == 3 ? 0.3 + 1e-40 : 0.1 * i - 1);
    mu.push_back(0.3);
  }
  const double expected = dist::logpdf(DistKind::Normal, std::vector<Value>{Value(mu), Value(sigma)}, Value(x));
  REQUIRE(std::isfinite(expected));
  const infer::ArrayView m{mu.data(), mu.size()}, xs{x.data(), x.size()};
  CHECK(infer::normal_logpdf_with_partials(m, {sigma.data(), sigma.size()}, xs, nullptr, nullptr, nullptr) ==
        Approx(expected).epsilon(1e-13));
  // 1e-40 squared underflows to a subnormal: compare the variance form on the rest.
  std::vector<double> v2(var), x2(x), s2(sigma), m2(mu);
  for (auto* vec : {&v2, &x2, &s2, &m2}) vec->erase(vec->begin() + 3);
  const double expected2 = dist::logpdf(DistKind::Normal, std::vector<Value>{Value(m2), Value(s2)}, Value(x2));
  CHECK(infer::normal_variance_logpdf_with_partials({m2.data(), m2.size()}, {v2.data(), v2.size()},
                                                    {x2.data(), x2.size()}, nullptr, nullptr, nullptr) ==
        Approx(expected2).epsilon(1e-13));
}

TEST_CASE("normal_gamma_joint's partials: central differences match the Student t's", "[infer][gradient]") {
  // One observation of normal_gamma_joint(c, d, m, s, sigma, a, b) is student_t(nu = 2a, c + d m,
  // sqrt(S)), S = (b / a)(sigma^2 + d^2 s^2): d/dy log p = -(nu + 1) r / (nu S + r^2), r = y - c - d m,
  // and d/dm log p = -d d/dy log p.
  const double c = 0.5, d = 2.0, m = 1.0, s = 0.7, sigma = 1.3, a = 3.0, b = 2.0, y = 4.1;
  const double nu = 2 * a, scale2 = b / a * (sigma * sigma + d * d * s * s), r = y - c - d * m;
  const double ps[7] = {c, d, m, s, sigma, a, b};
  std::vector<infer::ArrayView> params;
  for (const double& p : ps) params.push_back({&p, 1});
  double dps[7] = {0, 0, 0, 0, 0, 0, 0}, dy = 0;
  std::vector<double*> slots;
  for (double& slot : dps) slots.push_back(&slot);
  const double lp = infer::logpdf_with_partials(DistKind::NormalGammaJoint, params, {&y, 1}, slots, &dy);
  const double expected = std::lgamma((nu + 1) / 2) - std::lgamma(nu / 2) - 0.5 * std::log(nu * std::numbers::pi * scale2) -
                          (nu + 1) / 2 * std::log1p(r * r / (nu * scale2));
  CHECK(lp == Approx(expected).epsilon(1e-12));
  const double dlp_dy = -(nu + 1) * r / (nu * scale2 + r * r);
  CHECK(dy == Approx(dlp_dy).epsilon(1e-7));
  CHECK(dps[2] == Approx(-d * dlp_dy).epsilon(1e-7));
}

TEST_CASE("truncated distributions: partials by x, parameters and bounds match finite differences",
          "[infer][gradient][truncated]") {
  const std::vector<Case> cases = {
      {DistKind::TruncatedNormal, {{0.3}, {1.7}, {-0.5}, {2.0}}, {1.1, -0.4}, true},
      {DistKind::TruncatedNormal, {{0.0}, {1.0}, {1.5}, {INFINITY}}, {2.1}, true},  // upper tail, T(1.5,)
      {DistKind::TruncatedBeta, {{2.5}, {1.5}}, {0.35}, true},
      {DistKind::TruncatedGamma, {{2.5}, {1.5}, {0.4}, {3.0}}, {1.2}, true},
      {DistKind::TruncatedStudentT, {{3.0}, {1.0}, {2.0}, {-1.0}, {4.0}}, {0.5}, true},
      {DistKind::TruncatedWeibull, {{1.7}, {2.0}, {0.5}, {3.0}}, {1.2}, true},
      {DistKind::TruncatedLogistic, {{0.0}, {1.0}, {25.0}, {30.0}}, {26.0}, true},  // upper tail
      // a location, scale or rate in closed form (dist/truncated.cpp's param_roles)
      {DistKind::TruncatedCauchy, {{0.4}, {1.5}, {-1.0}, {3.0}}, {0.2, 2.5}, true},
      {DistKind::TruncatedLaplace, {{0.4}, {1.5}, {-1.0}, {3.0}}, {0.2, 2.5}, true},
      {DistKind::TruncatedHalfNormal, {{1.5}, {0.5}, {3.0}}, {0.7}, true},
      {DistKind::TruncatedHalfCauchy, {{1.5}, {0.5}, {3.0}}, {0.7}, true},
      {DistKind::TruncatedInverseGamma, {{3.0}, {2.0}, {0.3}, {2.5}}, {0.9}, true},
      {DistKind::TruncatedExponential, {{1.7}, {0.2}, {1.5}}, {0.6}, true},
      {DistKind::TruncatedGenGamma, {{2.2}, {1.4}, {0.8}, {0.5}, {4.0}}, {1.7}, true},
      {DistKind::TruncatedNormal, {{0.0}, {1.0}, {-40.0}, {-20.0}}, {-20.5}, true},  // far lower tail
      // counts: bounds between integers, where the mass does not move with them
      {DistKind::TruncatedPoisson, {{4.0}, {1.5}, {10.5}}, {3, 7}, false},
      {DistKind::TruncatedNegativeBinomial, {{3.0}, {0.4}, {1.5}, {15.5}}, {4}, false},
      {DistKind::TruncatedPoisson, {{2.5}, {0.5}, {INFINITY}}, {1, 4}, false},  // zero-truncated
      {DistKind::TruncatedBinomial, {{10}, {0.35}, {1.5}, {7.5}}, {3, 6}, false},
      {DistKind::TruncatedGeometric, {{0.3}, {0.5}, {6.5}}, {2}, false},
      {DistKind::Hypergeometric, {{5.0}, {7.0}, {9.0}, {2.5}}, {3, 4}, false},
  };
  for (Case c : cases) {
    if (c.kind == DistKind::TruncatedBeta) c.params = {{2.5}, {1.5}, {0.1}, {0.95}};
    // An infinite bound has no finite difference: leave it out of the check by making
    // it a large finite one whose density there is 0 to double precision.
    for (auto& p : c.params)
      if (std::isinf(p[0])) p[0] = 40.0;
    check(c);
  }
}

TEST_CASE("every distribution has closed-form partials but those of a documented allow-list",
          "[infer][gradient][allow_list]") {
  // The kinds whose partials the sampler takes by central differences
  // (dist_gradient.cpp's numeric_partials), each with its reason. None today: every
  // record has `partials` (scalars) or `array_partials` (joint marginals, compounds,
  // multivariate kinds), or dist_gradient.cpp writes them (mv_normal, wishart, ...). A new
  // kind without closed-form partials fails here until it gets them or joins this list
  // with its reason.
  const std::set<DistKind> allowed = {};
  std::set<DistKind> numeric;
  for (int k = 0; k < kDistKindCount; ++k)
    if (infer::uses_numeric_partials(static_cast<DistKind>(k))) numeric.insert(static_cast<DistKind>(k));
  for (DistKind k : numeric) {
    INFO("distribution " << dist_info(k).name << " has no closed-form partials");
    CHECK(allowed.count(k) == 1);
  }
  for (DistKind k : allowed) {
    INFO("distribution " << dist_info(k).name << " is on the allow-list but has closed-form partials");
    CHECK(numeric.count(k) == 1);
  }
}

TEST_CASE("joint marginals and compounds: closed-form partials match dist::logpdf and finite differences",
          "[infer][gradient][joint]") {
  const std::vector<Case> cases = {
      // per-observation c, d, sigma, then broadcast scalars
      {DistKind::NormalMeanJoint,
       {{0.5, -0.2, 1.0}, {2.0, 1.0, -0.5}, {1.0}, {0.7}, {1.3, 0.8, 2.0}},
       {4.1, 0.3, -1.2},
       true},
      {DistKind::NormalMeanJoint, {{0.5}, {1.5}, {-1.0}, {2.7}, {0.6}}, {4.1, 0.3, -1.2, 2.2}, true},
      {DistKind::NormalGammaJoint,
       {{0.5, -0.2, 1.0}, {2.0, 1.0, -0.5}, {1.0}, {0.7}, {1.3, 0.8, 2.0}, {2.5}, {1.5}},
       {4.1, 0.3, -1.2},
       true},
      {DistKind::NormalGammaJoint,
       {{0.0}, {1.0}, {0.4}, {3.0}, {0.9}, {0.7}, {2.0}},
       {4.1, 0.3, -1.2, 2.2},
       true},
      {DistKind::PoissonGammaJoint, {{2.5}, {1.5}, {0.8, 1.2, 2.0}}, {3, 0, 5}, false},
      {DistKind::PoissonGammaJoint, {{0.6}, {0.3}, {1.7}}, {3, 0, 5, 1}, false},
      {DistKind::GammaRateJoint, {{1.5, 2.0, 0.7}, {3.0}, {2.0}}, {0.8, 2.5, 1.1}, true},
      {DistKind::GammaRateJoint, {{1.3}, {0.8}, {0.4}}, {0.8, 2.5, 1.1, 0.05}, true},
      {DistKind::BinomialBetaJoint, {{5, 8, 3}, {2.5}, {1.5}}, {2, 5, 0}, false},
      {DistKind::BinomialBetaJoint, {{1}, {0.5}, {0.7}}, {1, 0, 0, 1, 1}, false},
      {DistKind::NegBinomialBetaJoint, {{2.5, 1.0, 0.7}, {3.0}, {1.5}}, {4, 0, 2}, false},
      {DistKind::NegBinomialBetaJoint, {{1.8}, {0.9}, {2.5}}, {4, 0, 2, 7}, false},
      {DistKind::NormalPrecisionJoint, {{0.5, -0.2, 1.0}, {2.5}, {1.5}}, {4.1, 0.3, -1.2}, true},
      {DistKind::NormalPrecisionJoint, {{0.7}, {0.6}, {3.0}}, {4.1, 0.3, -1.2, 2.2}, true},
      {DistKind::CategoricalDirichletJoint, {{0.7, 2.0, 1.3}}, {1, 3, 3, 2, 3}, false},
      {DistKind::DirichletMultinomial, {{6}, {0.7, 2.0, 1.3}}, {1, 3, 2}, false},
      {DistKind::BetaBinomial, {{9}, {2.5}, {0.8}}, {4}, false},
      {DistKind::BetaBinomial, {{9}, {0.6}, {1.8}}, {0, 9, 3}, false},
      {DistKind::Sample, {{0.7, 2.0, 1.3, 0.4}, {2}}, {0, 1, 0, 1}, false},
      {DistKind::Interval, {{0.7}, {0.0, 1.0, 2.0}}, {1}, false},
  };
  for (const Case& c : cases) check(c);
}

namespace {

// The record's statistics folded from x with the parameters `fixed` says never change,
// then evaluated: the value and partials against the per-element closed form.
void check_stats(DistKind k, const std::vector<std::vector<double>>& params, const std::vector<bool>& fixed,
                 const std::vector<double>& x, double rel = 1e-12) {
  INFO("distribution " << dist_info(k).name);
  const dist::DistRecord& r = dist::record(k);
  REQUIRE(r.fold_stats);
  std::vector<infer::ArrayView> views;
  for (const auto& p : params) views.push_back({p.data(), p.size()});
  bool fx[8] = {};
  for (std::size_t j = 0; j < fixed.size(); ++j) fx[j] = fixed[j];
  std::vector<double> stats;
  REQUIRE(r.fold_stats(views, std::span<const bool>(fx, params.size()), {x.data(), x.size()}, stats));
  std::vector<std::vector<double>> da, db;
  std::vector<double*> pa, pb;
  for (std::size_t j = 0; j < params.size(); ++j) {
    da.emplace_back(params[j].size(), 0.0), db.emplace_back(params[j].size(), 0.0);
    pa.push_back(fixed[j] ? nullptr : da[j].data());
    pb.push_back(fixed[j] ? nullptr : db[j].data());
  }
  const double from_stats = r.stats_partials(stats, views, pa);
  const double per_element = infer::logpdf_with_partials(k, views, {x.data(), x.size()}, pb, nullptr);
  CHECK(from_stats == Approx(per_element).epsilon(rel));
  for (std::size_t j = 0; j < params.size(); ++j) {
    INFO("parameter " << j);
    if (!fixed[j])
      for (std::size_t e = 0; e < da[j].size(); ++e) CHECK(da[j][e] == Approx(db[j][e]).epsilon(1e-9).margin(1e-9));
  }
}

}  // namespace

TEST_CASE("sufficient statistics give the per-element density and partials", "[infer][gradient][stats]") {
  const std::vector<double> y = {4.1, 0.3, -1.2, 2.2, 0.9}, counts = {3, 0, 5, 1, 2},
                            pos = {0.8, 2.5, 1.1, 0.05, 3.0};
  // sigma a changing scalar; then a fixed vector with c and d vectors
  check_stats(DistKind::NormalMeanJoint, {{0.5}, {1.5}, {-1.0}, {2.7}, {0.6}},
              {true, true, false, false, false}, y);
  check_stats(
      DistKind::NormalMeanJoint,
      {{0.5, 0.1, 0.0, -0.3, 0.2}, {1.5, 1.0, 0.0, 2.0, 1.0}, {-1.0}, {2.7}, {0.6, 1.0, 1.5, 0.8, 2.0}},
      {true, true, false, false, true}, y);
  check_stats(DistKind::NormalMeanJoint, {{0.0}, {0.0}, {-1.0}, {2.7}, {0.6}},
              {true, true, false, false, false}, y);
  check_stats(DistKind::NormalGammaJoint, {{0.0}, {1.0}, {0.4}, {3.0}, {0.9}, {0.7}, {2.0}},
              {true, true, false, false, false, false, false}, y);
  check_stats(DistKind::NormalGammaJoint,
              {{0.5, 0.1, 0.0, -0.3, 0.2},
               {1.5, 1.0, 0.0, 2.0, 1.0},
               {0.4},
               {3.0},
               {0.6, 1.0, 1.5, 0.8, 2.0},
               {0.7},
               {2.0}},
              {true, true, false, false, true, false, false}, y);
  check_stats(DistKind::PoissonGammaJoint, {{2.5}, {1.5}, {1.7}}, {false, false, false}, counts);
  check_stats(DistKind::PoissonGammaJoint, {{2.5}, {1.5}, {0.8, 1.2, 2.0, 0.5, 1.0}}, {false, false, true},
              counts);
  check_stats(DistKind::GammaRateJoint, {{1.3}, {0.8}, {0.4}}, {false, false, false}, pos);
  check_stats(DistKind::GammaRateJoint, {{1.5, 2.0, 0.7, 1.0, 3.0}, {0.8}, {0.4}}, {true, false, false}, pos);
  check_stats(DistKind::BinomialBetaJoint, {{5, 8, 3, 1, 2}, {2.5}, {1.5}}, {true, false, false},
              {2, 5, 0, 1, 2});
  check_stats(DistKind::NegBinomialBetaJoint, {{2.5, 1.0, 0.7, 1.5, 2.0}, {3.0}, {1.5}}, {true, false, false},
              counts);
  check_stats(DistKind::NormalPrecisionJoint, {{0.7}, {0.6}, {3.0}}, {false, false, false}, y);
  check_stats(DistKind::NormalPrecisionJoint, {{0.5, 0.1, 0.0, -0.3, 0.2}, {0.6}, {3.0}},
              {true, false, false}, y);
  check_stats(DistKind::CategoricalDirichletJoint, {{0.7, 2.0, 1.3}}, {false}, {1, 3, 3, 2, 3});
  check_stats(DistKind::Normal, {{0.3}, {1.7}}, {false, false}, y);
  check_stats(DistKind::Poisson, {{3.2}}, {false}, counts);
  check_stats(DistKind::Poisson, {{3.2, 0.4, 5.0, 1.1, 2.0}}, {false}, counts);  // one rate per count
  // The gamma-Poisson marginal (pumps): a scalar shape, one probability per count.
  check_stats(DistKind::NegativeBinomial, {{1.7}, {0.3, 0.6, 0.45, 0.9, 0.2}}, {false, false}, counts);
  check_stats(DistKind::NegativeBinomial, {{1.7}, {0.45}}, {false, false}, counts);
  // Repeated counts: the terms in r summed over the distinct counts with their numbers.
  check_stats(DistKind::NegativeBinomial, {{0.8}, {0.3, 0.6, 0.45, 0.9, 0.2}}, {false, false}, {2, 2, 0, 5, 2});
  // Large counts among small ones.
  check_stats(DistKind::NegativeBinomial, {{2.3}, {0.3, 0.6, 0.45, 0.9, 0.2}}, {false, false}, {3, 300, 3, 0, 300});
  // The terms in r of counts up to 64 come from the rising factorial r (r + 1) ... (r + u - 1),
  // larger ones from lgamma and digamma: both sides of the bound, a shape whose product
  // is folded into its log many times (1e5^64), and shapes beyond the product's range.
  check_stats(DistKind::NegativeBinomial, {{0.6}, {0.3, 0.6, 0.45, 0.9, 0.2}}, {false, false}, {64, 65, 3, 0, 64});
  check_stats(DistKind::NegativeBinomial, {{1e5}, {0.3, 0.6, 0.45, 0.9, 0.2}}, {false, false}, {64, 1, 30, 0, 64},
              1e-10);
  check_stats(DistKind::NegativeBinomial, {{1e-9}, {0.3, 0.6, 0.45, 0.9, 0.2}}, {false, false}, counts);
  check_stats(DistKind::NegativeBinomial, {{3e-8}, {0.3, 0.6, 0.45, 0.9, 0.2}}, {false, false}, counts);
  check_stats(DistKind::NegativeBinomial, {{1.7, 0.4, 3.0, 2.2, 0.9}, {0.3, 0.6, 0.45, 0.9, 0.2}}, {false, false},
              counts);
  // The sum of r log q over the counts as r log of the product of the q: a product folded
  // into its log before it underflows (1e-90^4 would), and a q under 1e-100 that takes its own log.
  check_stats(DistKind::NegativeBinomial, {{1.7}, {1e-90, 1e-90, 0.45, 1e-90, 1e-90}}, {false, false}, counts);
  check_stats(DistKind::NegativeBinomial, {{1.7}, {0.3, 1e-200, 0.45, 0.9, 1e-300}}, {false, false}, counts);
  check_stats(DistKind::Gamma, {{2.5}, {1.3}}, {false, false}, pos);
  check_stats(DistKind::Exponential, {{1.7}}, {false}, pos);
  check_stats(DistKind::Bernoulli, {{0.3}}, {false}, {1, 0, 0, 1, 1});
  check_stats(DistKind::Bernoulli, {{0.3, 0.6, 0.45, 0.9, 0.2}}, {false}, {1, 0, 0, 1, 1});  // one p per value
  check_stats(DistKind::Binomial, {{5, 8, 3, 1, 2}, {0.35}}, {true, false}, {2, 5, 0, 1, 2});
  check_stats(DistKind::Binomial, {{9}, {0.35}}, {true, false}, {2, 5, 0, 9, 2});
  // One p per count: only the constant sum log C(n, x) is folded.
  check_stats(DistKind::Binomial, {{5, 8, 3, 1, 2}, {0.35, 0.6, 0.1, 0.5, 0.9}}, {true, false}, {2, 5, 0, 1, 2});
}

TEST_CASE("sufficient statistics keep their digits for many observations far from the prior mean",
          "[infer][gradient][stats]") {
  // 10^5 observations around 1e4 with sd 1: sum (y - m)^2 is about 1e13 and the quadratic
  // form of normal_mean_joint is its small remainder after mu is integrated out. The
  // exact value: with y[i] = 1e4 + z[i], sum z = 0, sum z^2 = n, sigma = 1 and a vague
  // prior on mu, Q = n + n 1e8 / (1 + s^2 n) (the prior mean m = 0).
  const std::size_t n = 100000;
  std::vector<double> y(n);
  for (std::size_t i = 0; i < n; i += 2) y[i] = 1e4 + 1.0, y[i + 1] = 1e4 - 1.0;
  const double s = 100.0, k = 1.0 + s * s * static_cast<double>(n);
  const double q = static_cast<double>(n) + static_cast<double>(n) * 1e8 / k;
  const double expected = -0.5 * (static_cast<double>(n) * std::log(2 * std::numbers::pi) + std::log(k) + q);
  const std::vector<std::vector<double>> params = {{0.0}, {1.0}, {0.0}, {s}, {1.0}};
  std::vector<infer::ArrayView> views;
  for (const auto& p : params) views.push_back({p.data(), p.size()});
  const std::vector<double*> none(5, nullptr);
  CHECK(infer::logpdf_with_partials(DistKind::NormalMeanJoint, views, {y.data(), n}, none, nullptr) ==
        Approx(expected).epsilon(1e-12));
  check_stats(DistKind::NormalMeanJoint, params, {true, true, false, false, false}, y, 1e-12);
}

TEST_CASE("joint marginals: -inf outside the support, never NaN at extreme valid parameters",
          "[infer][gradient][joint]") {
  const auto lp_of = [](DistKind k, const std::vector<std::vector<double>>& params,
                        const std::vector<double>& x) {
    std::vector<infer::ArrayView> views;
    for (const auto& p : params) views.push_back({p.data(), p.size()});
    std::vector<std::vector<double>> d;
    std::vector<double*> slots;
    for (const auto& p : params) d.emplace_back(p.size(), 0.0);
    for (auto& v : d) slots.push_back(v.data());
    std::vector<double> dx(x.size(), 0.0);
    const double lp = infer::logpdf_with_partials(k, views, {x.data(), x.size()}, slots, dx.data());
    for (const auto& v : d)
      for (double g : v) CHECK(!std::isnan(g));
    return lp;
  };
  const double neg_inf = -std::numeric_limits<double>::infinity();
  // outside the support
  CHECK(lp_of(DistKind::PoissonGammaJoint, {{2.0}, {1.0}, {1.0}}, {3, -1}) == neg_inf);
  CHECK(lp_of(DistKind::PoissonGammaJoint, {{2.0}, {1.0}, {1.0}}, {3, 0.5}) == neg_inf);
  CHECK(lp_of(DistKind::GammaRateJoint, {{2.0}, {1.0}, {1.0}}, {3, 0}) == neg_inf);
  CHECK(lp_of(DistKind::BinomialBetaJoint, {{3}, {1.0}, {1.0}}, {4, 1}) == neg_inf);
  CHECK(lp_of(DistKind::NormalMeanJoint, {{0.0}, {1.0}, {0.0}, {1.0}, {-1.0}}, {0.3, 0.4}) == neg_inf);
  CHECK(lp_of(DistKind::NormalGammaJoint, {{0.0}, {1.0}, {0.0}, {1.0}, {1.0}, {0.0}, {1.0}}, {0.3, 0.4}) ==
        neg_inf);
  // extreme but valid: a prior scale whose square overflows (the density is 0 to double
  // precision), data far out, tiny and huge rates
  for (double s : {1e-150, 1e150, 1e200}) {
    const double lp = lp_of(DistKind::NormalMeanJoint, {{0.0}, {1.0}, {0.0}, {s}, {1.0}}, {0.3, 1e10});
    INFO("prior scale " << s);
    CHECK(!std::isnan(lp));
  }
  CHECK(std::isfinite(
      lp_of(DistKind::NormalGammaJoint, {{0.0}, {1.0}, {0.0}, {10.0}, {1.0}, {1e-3}, {1e-3}}, {1e8, -1e8})));
  CHECK(std::isfinite(lp_of(DistKind::PoissonGammaJoint, {{1e-3}, {1e-8}, {1e6}}, {0, 0, 1e6})));
  CHECK(std::isfinite(lp_of(DistKind::GammaRateJoint, {{1e3}, {1e-3}, {1e8}}, {1e-8, 1e8})));
  CHECK(std::isfinite(lp_of(DistKind::NormalPrecisionJoint, {{0.0}, {1e-3}, {1e-3}}, {1e150, -1e150})));
}
