// Helpers for the closure-rule tests: run simplify on a naive model, check the
// visible variable z became the expected distribution, and compare it with the
// naive model (Boost.Math CDF/pmf of the rewritten law against naive draws or an
// exact convolution, and a two-sample test of draws from both models).
#pragma once
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <boost/math/distributions.hpp>

#include "alea/infer/forward.hpp"
#include "alea/infer/two_sample.hpp"
#include "alea/rewrite/simplify.hpp"
#include "rewrite/model_test_util.hpp"
#include "stat_tests.hpp"

namespace alea::test::closure {

using test::count_draws;
using test::is_draw;
using test::var_node;

// The parameters of var's draw when they are all constants (empty otherwise).
inline std::vector<double> constant_params(const Model& m, const std::string& var) {
  const Node& n = var_node(m, var);
  std::vector<double> out;
  if (n.op != Op::Draw) return {};
  for (NodeId in : n.inputs) {
    const Node& p = m.graph().node(in);
    if (p.op != Op::Constant || !p.shape.is_scalar()) return {};
    out.push_back(p.constant->scalar());
  }
  return out;
}

inline bool fired(const rewrite::SimplifyResult& r, const std::string& rule) {
  return std::any_of(r.report.trace.begin(), r.report.trace.end(),
                     [&](const rewrite::TraceEntry& e) { return e.rule == rule; });
}

// Boost.Math's CDF of alea's parameterization (gamma: rate; inv_gamma: scale).
inline std::function<double(double)> cdf_of(DistKind d, const std::vector<double>& p) {
  namespace bm = boost::math;
  switch (d) {
    case DistKind::Normal: return [q = bm::normal(p[0], p[1])](double x) { return bm::cdf(q, x); };
    case DistKind::LogNormal: return [q = bm::lognormal(p[0], p[1])](double x) { return x <= 0 ? 0 : bm::cdf(q, x); };
    case DistKind::Cauchy: return [q = bm::cauchy(p[0], p[1])](double x) { return bm::cdf(q, x); };
    case DistKind::Laplace: return [q = bm::laplace(p[0], p[1])](double x) { return bm::cdf(q, x); };
    case DistKind::Logistic: return [q = bm::logistic(p[0], p[1])](double x) { return bm::cdf(q, x); };
    case DistKind::Uniform:
      return [q = bm::uniform(p[0], p[1]), lo = p[0], hi = p[1]](double x) {
        return x <= lo ? 0 : x >= hi ? 1 : bm::cdf(q, x);
      };
    case DistKind::Exponential: return [q = bm::exponential(p[0])](double x) { return x <= 0 ? 0 : bm::cdf(q, x); };
    case DistKind::Gamma: return [q = bm::gamma_distribution<>(p[0], 1 / p[1])](double x) { return x <= 0 ? 0 : bm::cdf(q, x); };
    case DistKind::InverseGamma:
      return [q = bm::inverse_gamma(p[0], p[1])](double x) { return x <= 0 ? 0 : bm::cdf(q, x); };
    case DistKind::ChiSquared: return [q = bm::chi_squared(p[0])](double x) { return x <= 0 ? 0 : bm::cdf(q, x); };
    case DistKind::Beta: return [q = bm::beta_distribution<>(p[0], p[1])](double x) { return bm::cdf(q, std::clamp(x, 0.0, 1.0)); };
    default: FAIL("no CDF for this distribution in the test helper"); return {};
  }
}

// Boost.Math's pmf of alea's discrete parameterizations (neg_binomial and geometric
// count failures, as Boost's do).
inline std::function<double(double)> pmf_of(DistKind d, const std::vector<double>& p) {
  namespace bm = boost::math;
  switch (d) {
    case DistKind::Poisson: return [q = bm::poisson(p[0])](double k) { return bm::pdf(q, k); };
    case DistKind::Binomial: return [q = bm::binomial(p[0], p[1]), n = p[0]](double k) { return k > n ? 0 : bm::pdf(q, k); };
    case DistKind::Bernoulli: return [pp = p[0]](double k) { return k == 0 ? 1 - pp : k == 1 ? pp : 0; };
    case DistKind::NegativeBinomial: return [q = bm::negative_binomial(p[0], p[1])](double k) { return bm::pdf(q, k); };
    case DistKind::Geometric: return [q = bm::geometric(p[0])](double k) { return bm::pdf(q, k); };
    default: FAIL("no pmf for this distribution in the test helper"); return {};
  }
}

// pmf on 0..K as a table.
inline std::vector<double> table(const std::function<double(double)>& pmf, std::size_t K) {
  std::vector<double> t(K + 1);
  for (std::size_t k = 0; k <= K; ++k) t[k] = pmf(static_cast<double>(k));
  return t;
}

// Exact convolution by summing: P(A + B = k) = sum_j P(A = j) P(B = k - j), exact on
// 0..K from tables on 0..K since both are nonnegative.
inline std::vector<double> convolve(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> c(a.size(), 0.0);
  for (std::size_t k = 0; k < c.size(); ++k)
    for (std::size_t j = 0; j <= k; ++j) c[k] += a[j] * b[k - j];
  return c;
}

// Two-sample chi-square test of homogeneity for integer draws; cells whose pooled
// expected count is below 5 in either sample are merged into one tail cell.
inline double chi_square_two_sample(const std::vector<double>& a, const std::vector<double>& b) {
  std::map<double, std::pair<double, double>> counts;
  for (double x : a) counts[x].first += 1;
  for (double x : b) counts[x].second += 1;
  const double na = static_cast<double>(a.size()), nb = static_cast<double>(b.size()), n = na + nb;
  double stat = 0, rest_a = 0, rest_b = 0;
  int cells = 0;
  auto add = [&](double oa, double ob) {
    const double tot = oa + ob, ea = tot * na / n, eb = tot * nb / n;
    stat += (oa - ea) * (oa - ea) / ea + (ob - eb) * (ob - eb) / eb;
    ++cells;
  };
  for (const auto& [k, c] : counts) {
    if ((c.first + c.second) * std::min(na, nb) / n < 5) {
      rest_a += c.first;
      rest_b += c.second;
    } else {
      add(c.first, c.second);
    }
  }
  if (rest_a + rest_b > 0) add(rest_a, rest_b);
  if (cells < 2) return 1.0;
  return boost::math::cdf(boost::math::complement(boost::math::chi_squared(cells - 1), stat));
}

// n draws of z, a tenth of them in the sanitizer build (ALEA_TEST_SCALE, at least
// 2,000): the tests' false-alarm rate holds at any size; only their power drops.
inline std::vector<double> draws(const Model& m, std::size_t n, std::uint64_t seed) {
  Rng rng(seed);
  const double scaled = std::ceil(static_cast<double>(n) * test::test_scale());
  return sample_prior(m, std::max<std::size_t>(std::min<std::size_t>(n, 2'000), static_cast<std::size_t>(scaled)), rng,
                      {"z"}).column("z");
}

// The default rules but the affine Gaussian form's, which closes sums and scalings of
// normals with constant parameters before the closure rules that would (normal-sum,
// normal-scale, ...): a test of one of those runs without it.
inline rewrite::SimplifyOptions without_gaussian_form_rule() {
  rewrite::SimplifyOptions o;
  o.lift = true;  // as with the default rules
  for (rewrite::Rule& r : rewrite::default_rules())
    if (r.name != "gaussian-affine") o.rules.push_back(std::move(r));
  return o;
}

// The simplified model, written to the test's log.
inline rewrite::SimplifyResult run(const Model& m) {
  rewrite::SimplifyResult r = rewrite::simplify(m);
  UNSCOPED_INFO(to_string(r.model));
  return r;
}

// Whatever the simplified model is, its z draws match the naive model's (two-sample
// KS, false-alarm rate 1e-4 at a fixed seed).
inline void same_law(const Model& naive, const Model& simplified, std::uint64_t seed = 101) {
  CHECK(ks_two_sample(draws(naive, 20'000, seed), draws(simplified, 20'000, seed + 1)).p_value > test::kFalseAlarm);
}

// 1. z became `expect` with `params` and `rule` fired. Returns the result.
inline rewrite::SimplifyResult fires(const Model& naive, const std::string& rule, DistKind expect,
                                     const std::vector<double>& params) {
  rewrite::SimplifyResult r =
      rule == "gaussian-affine" ? rewrite::simplify(naive) : rewrite::simplify(naive, without_gaussian_form_rule());
  INFO(to_string(r.model));
  REQUIRE(is_draw(r.model, "z", expect));
  const std::vector<double> got = constant_params(r.model, "z");
  REQUIRE(got.size() == params.size());
  for (std::size_t k = 0; k < params.size(); ++k) CHECK(got[k] == Approx(params[k]).epsilon(1e-12).margin(1e-14));
  CHECK(fired(r, rule));
  return r;
}

// A continuous closure rule end to end: fires; the rewritten CDF (Boost) against
// 100,000 naive forward draws by a one-sample KS test; and a two-sample KS test of
// 20,000 naive against 20,000 simplified draws. Both tests at the suite's false-alarm
// rate kFalseAlarm = 1e-4 per check, fixed seeds.
inline void check_continuous(const Model& naive, const std::string& rule, DistKind expect,
                             const std::vector<double>& params, std::uint64_t seed = 11) {
  const rewrite::SimplifyResult r = fires(naive, rule, expect, params);
  const std::vector<double> p = constant_params(r.model, "z");
  CHECK(ks_pvalue(draws(naive, 100'000, seed), cdf_of(expect, p)) > kFalseAlarm);
  CHECK(ks_two_sample(draws(naive, 20'000, seed + 1), draws(r.model, 20'000, seed + 2)).p_value > kFalseAlarm);
}

// A discrete closure rule end to end: fires; the rewritten pmf (Boost) equals the
// exact naive pmf `naive_pmf` (a convolution computed by summing) on 0..K to
// rounding; and a two-sample chi-square test of naive against simplified draws
// (false-alarm rate 1e-4, fixed seed).
inline void check_discrete(const Model& naive, const std::string& rule, DistKind expect,
                           const std::vector<double>& params, const std::vector<double>& naive_pmf,
                           std::uint64_t seed = 13) {
  const rewrite::SimplifyResult r = fires(naive, rule, expect, params);
  const std::vector<double> rewritten = table(pmf_of(expect, constant_params(r.model, "z")), naive_pmf.size() - 1);
  for (std::size_t k = 0; k < naive_pmf.size(); ++k) CHECK(rewritten[k] == Approx(naive_pmf[k]).epsilon(1e-10).margin(1e-15));
  CHECK(chi_square_two_sample(draws(naive, 20'000, seed + 1), draws(r.model, 20'000, seed + 2)) > kFalseAlarm);
}

}  // namespace alea::test::closure
