// Hierarchical groups (src/infer/hierarchical_gibbs.hpp): the sampler's plan per
// group (Gibbs with a Gaussian conditional, or NUTS non-centred), the non-centred
// density against the centred one (the change of variables and its gradient). The
// posterior of a Gibbs-sampled normal hierarchy against its exact marginal is
// test_eight_schools.cpp.
#include <catch2/catch.hpp>
#include <cmath>
#include <mutex>
#include <string>

#include "alea/infer/gradient.hpp"
#include "alea/infer/sampler.hpp"
#include "alea/infer/summary.hpp"
#include "eight_schools.hpp"

using namespace alea;
using namespace alea::test;

namespace {

SamplerOptions short_run() {
  SamplerOptions o;
  o.warmup = 200;
  o.draws = 200;
  o.chains = 1;
  o.seed = 3;
  return o;
}

using Names = std::vector<std::string>;

// b ~ normal(0, sigma) in ten groups, y ~ poisson(exp(1 + b)): a GLM's random effects.
Model poisson_effects() {
  Model m;
  Expr sigma = m.random("sigma", half_normal(1.0));
  Expr b = m.random("b", normal(0.0, sigma), Shape::vector(10));
  m.random("y", poisson(exp(1.0 + b)));
  m.observe("y", Value({2.0, 5, 1, 0, 3, 7, 2, 4, 1, 3}));
  return m;
}

}  // namespace

TEST_CASE("a normal group with a random scale and Gaussian children is sampled by Gibbs", "[infer][hierarchical]") {
  const auto r = sample_chains(eight_schools_naive(), short_run());
  CHECK(r[0].slice_sampled == Names{"tau"});
  CHECK(r[0].gaussian_gibbs == Names{"theta", "mu"});
  CHECK(r[0].noncentred.empty());
  CHECK(r[0].divergences == 0);
}

TEST_CASE("a normal group with non-Gaussian children is non-centred for NUTS", "[infer][hierarchical]") {
  const auto r = sample_chains(poisson_effects(), short_run());
  CHECK(r[0].noncentred == Names{"b"});
  CHECK(r[0].slice_sampled.empty());
  CHECK(r[0].gaussian_gibbs.empty());
}

TEST_CASE("hierarchical plans: the negative cases", "[infer][hierarchical]") {
  SECTION("a child that reads two elements of the group: not independent, non-centred") {
    Model m;
    Expr tau = m.random("tau", half_cauchy(1.0));
    Expr theta = m.random("theta", normal(0.0, tau), Shape::vector(3));
    m.random("y", normal(sum(theta), 1.0));
    m.observe("y", Value(0.5));
    const auto r = sample_chains(m, short_run());
    CHECK(r[0].gaussian_gibbs.empty());
    CHECK(r[0].noncentred == Names{"theta"});
  }
  SECTION("a child whose scale is the group: no Gaussian conditional, NUTS") {
    Model m;
    Expr tau = m.random("tau", half_cauchy(1.0));
    Expr theta = m.random("theta", normal(3.0, tau), Shape::vector(3));
    m.random("y", normal(0.0, exp(theta)));
    m.observe("y", Value({0.5, -1.0, 2.0}));
    SamplerOptions o = short_run();
    o.centring = SamplerOptions::Centring::NonCentred;
    const auto r = sample_chains(m, o);
    CHECK(r[0].gaussian_gibbs.empty());
    CHECK(r[0].noncentred == Names{"theta"});
  }
  SECTION("a scale of one element is no group") {
    Model m;
    Expr tau = m.random("tau", half_cauchy(1.0));
    Expr theta = m.random("theta", normal(0.0, tau));
    m.random("y", normal(theta, 1.0));
    m.observe("y", Value(0.5));
    const auto r = sample_chains(m, short_run());
    CHECK(r[0].slice_sampled.empty());
    CHECK(r[0].gaussian_gibbs.empty());
    CHECK(r[0].noncentred.empty());
  }
  SECTION("a group with a constant scale is no hierarchy") {
    Model m;
    Expr theta = m.random("theta", normal(0.0, 2.0), Shape::vector(3));
    m.random("y", poisson(exp(theta)));
    m.observe("y", Value({1.0, 2.0, 0.0}));
    const auto r = sample_chains(m, short_run());
    CHECK(r[0].noncentred.empty());
  }
}

TEST_CASE("the non-centred density is the centred one times the Jacobian, with its gradient",
          "[infer][hierarchical][gradient]") {
  const Model m = poisson_effects();
  NodeId b = m.variable("b").node;
  infer::LogDensityFunction centred(m), noncentred(m, {b});
  REQUIRE(centred.dimension() == 11);
  REQUIRE(noncentred.dimension() == 11);
  const std::size_t sb = centred.free_variables()[0].node == b ? 0 : 1;  // index of b among the free variables
  const infer::FreeVariable& fb = noncentred.free_variables()[sb];
  const infer::FreeVariable& fs = noncentred.free_variables()[1 - sb];
  std::vector<double> u(11);
  for (std::size_t i = 0; i < u.size(); ++i) u[i] = 0.6 * std::sin(1.3 * static_cast<double>(i) + 0.2);
  // sigma = exp(u_sigma) (half_normal: lower bound 0); b = 0 + sigma * u_b.
  const double sigma = std::exp(u[fs.offset]);
  std::vector<double> v = u;
  for (std::size_t i = 0; i < fb.size; ++i) v[fb.offset + i] = sigma * u[fb.offset + i];
  const double expect = centred.value(v) + 10 * std::log(sigma);
  CHECK(noncentred.value(u) == Approx(expect).epsilon(1e-12));
  std::vector<double> grad(11);
  noncentred.value_and_gradient(u, grad);
  const double h = 1e-6;
  for (std::size_t i = 0; i < u.size(); ++i) {
    auto up = u, down = u;
    up[i] += h, down[i] -= h;
    CHECK(grad[i] == Approx((noncentred.value(up) - noncentred.value(down)) / (2 * h)).epsilon(1e-6).margin(1e-7));
  }
  SECTION("only a normal draw can be non-centred") {
    CHECK_THROWS_AS(infer::LogDensityFunction(m, {m.variable("sigma").node}), std::invalid_argument);
  }
}

namespace {

// b ~ normal(mu, sigma) in ten groups, y ~ binomial(n, logistic(b)): logistic random
// effects with n[i] trials in group i. Counts from fixed probabilities (0.2 to 0.8).
Model binomial_effects(const std::vector<double>& n, double sigma_scale = 2.0) {
  Model m;
  Expr mu = m.random("mu", normal(0.0, 10.0));
  Expr sigma = m.random("sigma", half_normal(sigma_scale));
  Expr b = m.random("b", normal(mu, sigma), Shape::vector(10));
  m.random("y", binomial(Value(n), logistic(b)));
  std::vector<double> y;
  for (int i = 0; i < 10; ++i) y.push_back(std::round(n[static_cast<std::size_t>(i)] * (0.2 + 0.6 * i / 9.0)));
  m.observe("y", Value::integers(y));
  return m;
}
Model binomial_effects(double n, double sigma_scale = 2.0) {
  return binomial_effects(std::vector<double>(10, n), sigma_scale);
}

// The lowest and highest data share of a centring note "b: data share LO to HI (...".
std::pair<double, double> shares(const std::string& note) {
  const std::string head = "b: data share ";
  REQUIRE(note.substr(0, head.size()) == head);
  std::size_t used = 0;
  const double lo = std::stod(note.substr(head.size()), &used);
  return {lo, std::stod(note.substr(head.size() + used + 4))};
}

// Posterior means of `columns` agree within 4.5 combined MCSE (MCSE from the summary's
// ESS; a false alarm about 1e-5 a check for normal errors).
void same_means(const DrawTable& x, const DrawTable& y, const std::vector<std::string>& columns) {
  const auto s1 = summarize(x), s2 = summarize(y);
  for (const std::string& column : columns) {
    const auto find = [&](const std::vector<ColumnSummary>& rows) {
      for (const ColumnSummary& r : rows)
        if (r.name == column) return r;
      FAIL("no column " << column);
      return ColumnSummary{};
    };
    const ColumnSummary a = find(s1), b = find(s2);
    INFO(column << ": " << a.mean << " +- " << a.mcse << " against " << b.mean << " +- " << b.mcse);
    CHECK(std::abs(a.mean - b.mean) < 4.5 * std::hypot(a.mcse, b.mcse));
  }
}

}  // namespace

TEST_CASE("the partially centred density is the centred one times the Jacobian, with its gradient",
          "[infer][hierarchical][gradient]") {
  // b = (1 - l) mu + l c + t u, l = k / (1 + k), t = sigma / sqrt(1 + k), k = sigma^2 I.
  const Model m = binomial_effects({2000, 2000, 2000, 500, 50, 10, 3, 1, 1, 1});
  const NodeId b = m.variable("b").node, mu = m.variable("mu").node, sigma = m.variable("sigma").node;
  infer::PartialCentring form;
  form.info = {400, 350, 300, 80, 9, 2, 0.5, 0.2, 0.1, 0};  // the last non-centred
  form.centre = {-1.4, -1.0, -0.7, -0.3, 0, 0.2, 0.5, 0.8, 1.1, 1.4};
  infer::LogDensityFunction centred(m), partial(m, {b}, {{b, form}});
  REQUIRE(partial.dimension() == 12);
  std::vector<double> u(12);
  for (std::size_t i = 0; i < u.size(); ++i) u[i] = 0.6 * std::sin(1.3 * static_cast<double>(i) + 0.2);
  partial.set_point(u);
  std::vector<std::vector<double>> values(m.graph().size());
  for (NodeId id = 0; id < m.graph().size(); ++id) {
    const auto x = partial.node_value(id);
    values[id].assign(x.begin(), x.end());
  }
  const double s = values[sigma][0], mean = values[mu][0];
  const infer::FreeVariable* fb = nullptr;
  for (const infer::FreeVariable& f : partial.free_variables())
    if (f.node == b) fb = &f;
  REQUIRE(fb);
  double logj = 0;
  for (std::size_t i = 0; i < 10; ++i) {
    const double k = s * s * form.info[i], l = k / (1 + k), t = s / std::sqrt(1 + k);
    CHECK(values[b][i] == Approx((1 - l) * mean + l * form.centre[i] + t * u[fb->offset + i]).epsilon(1e-12));
    logj += std::log(t);
  }
  CHECK(partial.value(u) == Approx(centred.value(centred.unconstrain(values)) + logj).epsilon(1e-12));
  // The gradient, through the transform to mu and sigma too, against five-point
  // central differences (the density's terms are in the thousands: a two-point
  // difference's rounding would be as large as the tolerance).
  std::vector<double> grad(12);
  partial.value_and_gradient(u, grad);
  const double h = 1e-3;
  for (std::size_t i = 0; i < u.size(); ++i) {
    const auto at = [&](double d) {
      auto v = u;
      v[i] += d * h;
      return partial.value(v);
    };
    const double fd = (8 * (at(1) - at(-1)) - (at(2) - at(-2))) / (12 * h);
    CHECK(grad[i] == Approx(fd).epsilon(1e-7).margin(1e-8));
  }
  // unconstrain inverts it.
  const std::vector<double> back = partial.unconstrain(values);
  for (std::size_t i = 0; i < u.size(); ++i) CHECK(back[i] == Approx(u[i]).epsilon(1e-12).margin(1e-14));
  SECTION("bad forms are refused") {
    infer::PartialCentring bad = form;
    bad.info[3] = -1;
    CHECK_THROWS_AS(infer::LogDensityFunction(m, {b}, {{b, bad}}), std::invalid_argument);
    bad = form, bad.centre[2] = std::numeric_limits<double>::infinity();
    CHECK_THROWS_AS(infer::LogDensityFunction(m, {b}, {{b, bad}}), std::invalid_argument);
    bad = form, bad.info.pop_back();
    CHECK_THROWS_AS(infer::LogDensityFunction(m, {b}, {{b, bad}}), std::invalid_argument);
    CHECK_THROWS_AS(infer::LogDensityFunction(m, {}, {{b, form}}), std::invalid_argument);
  }
}

TEST_CASE("with normal data, the partially centred coordinates are standard normal at every scale",
          "[infer][hierarchical]") {
  // b_i ~ normal(mu, sigma), y_i ~ normal(b_i, 0.5): the data's information about b_i
  // is 4 and their centre y_i. Given mu and sigma, b_i is normal with mean
  // (1 - l) mu + l y_i and sd t, so the partial form's u_i is standard normal: its log
  // density is -u_i^2 / 2 up to a constant, whatever sigma (a fixed weight, right at
  // one sigma, leaves a funnel at the others).
  Model m;
  Expr mu = m.random("mu", normal(0.0, 10.0));
  Expr sigma = m.random("sigma", half_normal(2.0));
  Expr b = m.random("b", normal(mu, sigma), Shape::vector(3));
  m.random("y", normal(b, 0.5));
  const std::vector<double> y = {-1.0, 0.3, 2.0};
  m.observe("y", Value(y));
  const NodeId bn = m.variable("b").node;
  infer::LogDensityFunction f(m, {bn}, {{bn, infer::PartialCentring{{4, 4, 4}, y}}});
  const infer::FreeVariable* fb = nullptr;
  const infer::FreeVariable* fs = nullptr;
  for (const infer::FreeVariable& v : f.free_variables()) {
    if (v.node == bn) fb = &v;
    if (v.name == "sigma") fs = &v;
  }
  REQUIRE(fb);
  REQUIRE(fs);
  for (const double log_sigma : {-6.0, -1.0, 0.0, 2.0, 6.0}) {
    std::vector<double> u(f.dimension(), 0.3);
    u[fs->offset] = log_sigma;
    const double at0 = f.value(u);
    for (std::size_t i = 0; i < 3; ++i)
      for (const double ui : {-2.0, 0.7, 3.0}) {
        auto v = u;
        v[fb->offset + i] = ui;
        CHECK(f.value(v) - at0 == Approx(-(ui * ui - 0.3 * 0.3) / 2).epsilon(1e-9).margin(1e-9));
      }
  }
}

TEST_CASE("a group NUTS samples is centred, partially centred or non-centred by its members' data shares",
          "[infer][hierarchical]") {
  // 2,000 trials a group: a member's data precision n p (1 - p) >= 320 against a prior
  // precision 1 / sigma^2 of 0.44 to 4 (sigma ~ 0.5 to 1.5 a posteriori): every share
  // above 320 / 324 = 0.988, printed with two decimals, centred. 1 trial a group with sigma ~ half_normal(0.05): data precision <= 0.25
  // against a prior precision over 100: every share below 0.01, non-centred. 2,000 trials
  // in five groups and 1 in the others: partially centred, shares from about 0 to 1.
  const SamplingPlan strong = plan_sampling(binomial_effects(2000), short_run());
  CHECK(strong.centred == Names{"b"});
  CHECK(strong.noncentred.empty());
  REQUIRE(strong.centring_notes.size() == 1);
  CHECK(shares(strong.centring_notes[0]).first >= 0.98);
  CHECK_THAT(strong.centring_notes[0], Catch::EndsWith("in 50 pilot draws: centred"));
  const SamplingPlan weak = plan_sampling(binomial_effects(1, 0.05), short_run());
  CHECK(weak.noncentred == Names{"b"});
  CHECK(weak.centred.empty());
  REQUIRE(weak.centring_notes.size() == 1);
  CHECK_THAT(weak.centring_notes[0], Catch::EndsWith(": non-centred"));
  CHECK(shares(weak.centring_notes[0]).second < 0.1);
  const std::vector<double> mixed_n = {2000, 2000, 2000, 2000, 2000, 1, 1, 1, 1, 1};
  const SamplingPlan mixed = plan_sampling(binomial_effects(mixed_n), short_run());
  CHECK(mixed.noncentred == Names{"b"});
  REQUIRE(mixed.centring_notes.size() == 1);
  CHECK_THAT(mixed.centring_notes[0], Catch::EndsWith("partially centred, each element by the information its data give"));
  CHECK(shares(mixed.centring_notes[0]).first < 0.5);
  CHECK(shares(mixed.centring_notes[0]).second >= 0.98);
  // The partial form's constants: for a group of 2,000 trials with y successes, the
  // likelihood's information n p (1 - p) and its maximum logit(p), p = y / n. The pilot
  // measures them at posterior draws of b, about 0.056 (1 / sqrt(320)) from the
  // maximum: the information moves by (1 - 2 p) times that (under 4% a draw, its mean
  // over 50 draws far less), a Newton step misses by about (1 - 2 p) / 2 times its
  // square (0.002). A group of 1 trial gives at most 1/4.
  REQUIRE(mixed.partial.count("b") == 1);
  const infer::PartialCentring& form = mixed.partial.at("b");
  REQUIRE(form.info.size() == 10);
  for (std::size_t i = 0; i < 5; ++i) {
    const double p = std::round(2000 * (0.2 + 0.6 * static_cast<double>(i) / 9.0)) / 2000;
    CHECK(form.info[i] == Approx(2000 * p * (1 - p)).epsilon(0.05));
    CHECK(form.centre[i] == Approx(std::log(p / (1 - p))).margin(0.01));
  }
  for (std::size_t i = 5; i < 10; ++i) CHECK(form.info[i] <= 0.2501);
  SECTION("the choice can be forced either way") {
    SamplerOptions o = short_run();
    o.centring = SamplerOptions::Centring::NonCentred;
    CHECK(plan_sampling(binomial_effects(2000), o).noncentred == Names{"b"});
    CHECK(plan_sampling(binomial_effects(mixed_n), o).centring_notes == Names{"every group non-centred, as asked"});
    o.centring = SamplerOptions::Centring::Centred;
    CHECK(plan_sampling(binomial_effects(3), o).centred == Names{"b"});
    CHECK(plan_sampling(binomial_effects(3), o).centring_notes == Names{"every group centred, as asked"});
  }
  SECTION("the chains report the choice, and the forms sample the same posterior") {
    SamplerOptions o = short_run();
    o.draws = 2000;
    const auto centred = sample_chains(binomial_effects(2000), o);
    CHECK(centred[0].centred == Names{"b"});
    o.centring = SamplerOptions::Centring::NonCentred;
    const auto noncentred = sample_chains(binomial_effects(2000), o);
    CHECK(noncentred[0].noncentred == Names{"b"});
    same_means(centred[0].draws, noncentred[0].draws, {"sigma", "b.1"});
  }
  SECTION("the partial form samples the posterior of the centred and non-centred ones") {
    SamplerOptions o = short_run();
    o.draws = 2000;
    const auto partial = sample_chains(binomial_effects(mixed_n), o);
    CHECK_THAT(partial[0].centring_notes[0], Catch::EndsWith("partially centred, each element by the information its data give"));
    o.centring = SamplerOptions::Centring::NonCentred;
    const auto noncentred = sample_chains(binomial_effects(mixed_n), o);
    same_means(partial[0].draws, noncentred[0].draws, {"sigma", "mu", "b.1", "b.10"});
    o.centring = SamplerOptions::Centring::Centred;
    const auto centred = sample_chains(binomial_effects(mixed_n), o);
    same_means(partial[0].draws, centred[0].draws, {"sigma", "mu", "b.1", "b.10"});
  }
}

TEST_CASE("the pilot measures a group whose scale's support is bounded by a parameter", "[infer][hierarchical]") {
  // tau ~ pareto(0.01, 0.5) (JAGS's dpar(0.5, 0.01): seeds and salm in its examples):
  // the precision's lower bound is a parameter node, which mapping the pilot's draws
  // to the centred coordinates reads (it crashed there once).
  Model m;
  Expr mu = m.random("mu", normal(0.0, 10.0));
  Expr tau = m.random("tau", pareto(0.01, 0.5));
  Expr b = m.random("b", normal(mu, 1.0 / sqrt(tau)), Shape::vector(5));
  m.random("y", binomial(4.0, logistic(b)));
  m.observe("y", Value({1.0, 3.0, 2.0, 0.0, 4.0}));
  const SamplingPlan p = plan_sampling(m, short_run());
  REQUIRE(p.centring_notes.size() == 1);
  CHECK_THAT(p.centring_notes[0], Catch::StartsWith("b: data share "));
  CHECK(p.noncentred == Names{"b"});  // 4 trials a member: weak data, not centred
}

TEST_CASE("the rows handed over while chains run are the chains' tables, after the adaptation",
          "[infer][sampler][stream]") {
  SamplerOptions o = short_run();
  o.chains = 2;
  o.draws = 9000;  // three blocks of kStreamBlock and a part
  o.thin = 2;
  std::vector<std::vector<DrawTable>> blocks(2);
  std::vector<int> adapted(2, 0);
  std::vector<double> step(2, 0.0);
  std::mutex mutex;
  o.on_adapted = [&](std::size_t c, const ChainResult& a) {
    const std::lock_guard<std::mutex> lock(mutex);
    CHECK(blocks[c].empty());
    ++adapted[c];
    step[c] = a.step_size;
  };
  o.on_rows = [&](std::size_t c, DrawTable rows) {
    const std::lock_guard<std::mutex> lock(mutex);
    CHECK(adapted[c] == 1);
    CHECK(rows.rows() <= SamplerOptions::kStreamBlock);
    blocks[c].push_back(std::move(rows));
  };
  const auto r = sample_chains(poisson_effects(), o);
  for (std::size_t c = 0; c < 2; ++c) {
    CHECK(adapted[c] == 1);
    CHECK(step[c] == r[c].step_size);
    REQUIRE(blocks[c].size() == 2);  // 4,500 kept rows: a block of 4,096 and the rest
    std::size_t row = 0, mismatches = 0;
    for (const DrawTable& b : blocks[c])
      for (std::size_t i = 0; i < b.rows(); ++i, ++row) {
        mismatches += b.lp(i) != r[c].draws.lp(row);
        for (std::size_t k = 0; k < b.cols(); ++k) mismatches += b.at(i, k) != r[c].draws.at(row, k);
      }
    CHECK(row == r[c].draws.rows());
    CHECK(mismatches == 0);
  }
}

TEST_CASE("the automatic metric is dense for a small block, diagonal with a hierarchical group",
          "[infer][sampler][metric]") {
  SamplerOptions o = short_run();
  // Two correlated coordinates, no group: dense, the matrix as adapted.
  Model small;
  Expr a = small.random("a", normal(0.0, 3.0));
  Expr b = small.random("b", normal(0.0, 3.0));
  small.random("y", normal(a + b, 0.5));
  small.observe("y", Value(1.0));
  const auto dense = sample_chains(small, o);
  REQUIRE(dense[0].dense_inv_metric.size() == 4);
  CHECK(dense[0].dense_inv_metric[1] == dense[0].dense_inv_metric[2]);
  CHECK(dense[0].dense_inv_metric[1] < 0);  // a + b is pinned: a and b move against each other
  // The Poisson random effects: eleven coordinates with a group: diagonal.
  CHECK(sample_chains(poisson_effects(), o)[0].dense_inv_metric.empty());
  o.metric = SamplerOptions::Metric::Dense;
  CHECK(sample_chains(poisson_effects(), o)[0].dense_inv_metric.size() == 121);
}
