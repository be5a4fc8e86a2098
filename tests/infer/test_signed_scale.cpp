// Signed scales (gradient.hpp's SignedScale): a positive scale that enters the density
// only as the factor of standard normal draws is sampled on the mirrored interval, its
// value |s| and its partners' sign(s) u. The density at (s, u) is the model's at those
// values (the Jacobian is the mirrored transform's), with its gradient; which scales
// qualify, and which do not; and the sampler's posterior against quadrature.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "alea/infer/gradient.hpp"
#include "alea/infer/sampler.hpp"
#include "alea/io/bugs_model.hpp"
#include "mcmc_test_util.hpp"

using namespace alea;
using namespace alea::test;

namespace {

const std::vector<double> kY = {1.8, -2.4, 0.3, 3.1, -0.9, 2.2, -1.6, 0.7};

// y[i] ~ normal(sigma * b[i], 1), b ~ normal(0, 1) (or `partner`), sigma from `prior`:
// oxford's non-centred random effects, with normal data.
Model effects(const DistCall& prior, const DistCall& partner = normal(0.0, 1.0)) {
  Model m;
  Expr sigma = m.random("sigma", prior);
  Expr b = m.random("b", partner, Shape::vector(kY.size()));
  m.random("y", normal(sigma * b, 1.0));
  m.observe("y", Value(kY));
  return m;
}

std::vector<infer::SignedScale> signed_scales(const Model& m, bool hold_all = false) {
  const infer::LogDensityFunction f(m);
  return infer::find_signed_scales(m.graph(), f, std::vector<bool>(f.dimension(), hold_all));
}

const infer::FreeVariable& free_of(const infer::LogDensityFunction& f, NodeId node) {
  for (const infer::FreeVariable& fv : f.free_variables())
    if (fv.node == node) return fv;
  FAIL("no free variable for node " << node);
  return f.free_variables().front();
}

double logistic(double x) { return 1 / (1 + std::exp(-x)); }

// The gradient at u against central differences.
void check_signed_gradient(infer::LogDensityFunction& f, const std::vector<double>& u) {
  std::vector<double> grad(u.size());
  f.value_and_gradient(u, grad);
  const double h = 1e-6;
  for (std::size_t i = 0; i < u.size(); ++i) {
    auto up = u, down = u;
    up[i] += h, down[i] -= h;
    CHECK(grad[i] == Approx((f.value(up) - f.value(down)) / (2 * h)).epsilon(1e-6).margin(1e-7));
  }
}

}  // namespace

TEST_CASE("a signed scale's density is the model's at |s| and sign(s) u, with its gradient", "[infer][signed]") {
  const Model m = effects(uniform(0.0, 3.0));
  const NodeId sigma = m.variable("sigma").node, b = m.variable("b").node;
  const auto found = signed_scales(m);
  REQUIRE(found.size() == 1);
  CHECK(found[0].scale == sigma);
  CHECK(found[0].partners == std::vector<NodeId>{b});

  infer::LogDensityFunction plain(m), mirrored(m, {}, {}, found);
  REQUIRE(mirrored.dimension() == 1 + kY.size());
  const infer::FreeVariable& fs = free_of(mirrored, sigma);
  const infer::FreeVariable& fb = free_of(mirrored, b);
  CHECK(fs.sign_of == static_cast<std::ptrdiff_t>(fs.offset));
  CHECK(fb.sign_of == static_cast<std::ptrdiff_t>(fs.offset));
  std::vector<double> u(mirrored.dimension());
  for (std::size_t i = 0; i < u.size(); ++i) u[i] = 0.8 * std::sin(1.7 * static_cast<double>(i) + 0.4);

  for (const double us : {-0.7, 0.45}) {
    CAPTURE(us);
    u[fs.offset] = us;
    const double lp = mirrored.value(u);
    const double sign = us < 0 ? -1.0 : 1.0;
    // s = -3 + 6 logistic(us) on (-3, 3); sigma = |s|, b = sign(s) u_b.
    const double s = -3 + 6 * logistic(us);
    CHECK(mirrored.node_value(sigma)[0] == Approx(std::abs(s)).epsilon(1e-14));
    for (std::size_t i = 0; i < fb.size; ++i) CHECK(mirrored.node_value(b)[i] == sign * u[fb.offset + i]);
    // The joint at those values is the model's; the Jacobian is the mirrored logistic's.
    std::vector<std::vector<double>> values(m.graph().size());
    for (NodeId id = 0; id < m.graph().size(); ++id) {
      const auto x = mirrored.node_value(id);
      values[id].assign(x.begin(), x.end());
    }
    const double joint = mirrored.joint_log_density();
    plain.value(plain.unconstrain(values));
    CHECK(joint == Approx(plain.joint_log_density()).epsilon(1e-12));
    const double l = logistic(us);
    CHECK(lp - joint == Approx(std::log(6.0) + std::log(l) + std::log(1 - l)).epsilon(1e-12));
    check_signed_gradient(mirrored, u);
    // A partner's value maps back to its coordinate under the current sign.
    mirrored.set_point(u);
    std::vector<double> back(fb.size);
    const auto x = mirrored.node_value(b);
    std::size_t k = 0;
    while (mirrored.free_variables()[k].node != b) ++k;
    mirrored.unconstrain_free(k, std::vector<double>(x.begin(), x.end()), back);
    for (std::size_t i = 0; i < fb.size; ++i) CHECK(back[i] == Approx(u[fb.offset + i]).epsilon(1e-14));
  }

  SECTION("the density is continuous where s changes sign: s and u enter as their product") {
    u[fs.offset] = 1e-9;
    const double above = mirrored.value(u);
    u[fs.offset] = -1e-9;
    CHECK(mirrored.value(u) == Approx(above).epsilon(1e-9));
  }
  SECTION("half-normal and half-Cauchy scales mirror onto the real line") {
    for (const DistCall& prior : {half_normal(2.0), half_cauchy(1.0)}) {
      const Model h = effects(prior);
      const auto hs = signed_scales(h);
      REQUIRE(hs.size() == 1);
      infer::LogDensityFunction f(h, {}, {}, hs);
      std::vector<double> v(f.dimension(), 0.3);
      const infer::FreeVariable& s = free_of(f, h.variable("sigma").node);
      CHECK(s.transform == infer::TransformKind::Identity);
      v[s.offset] = -1.25;
      f.value(v);
      CHECK(f.node_value(h.variable("sigma").node)[0] == 1.25);
      CHECK(f.node_value(h.variable("b").node)[0] == -0.3);
    }
  }
  SECTION("what cannot be a signed scale is refused") {
    CHECK_THROWS_AS(infer::LogDensityFunction(m, {}, {}, {found[0], found[0]}), std::invalid_argument);
    infer::SignedScale bad = found[0];
    bad.partners = {sigma};
    CHECK_THROWS_AS(infer::LogDensityFunction(m, {}, {}, {bad}), std::invalid_argument);
    bad = {b, {b}};
    CHECK_THROWS_AS(infer::LogDensityFunction(m, {}, {}, {bad}), std::invalid_argument);
    const Model g = effects(gamma(2.0, 1.0));
    CHECK_THROWS_AS(infer::LogDensityFunction(g, {}, {}, {{g.variable("sigma").node, {g.variable("b").node}}}),
                    std::invalid_argument);
  }
}

TEST_CASE("signed scales: the scale on either side, and written as BUGS writes it", "[infer][signed]") {
  Model right;
  Expr sigma = right.random("sigma", half_cauchy(1.0));
  Expr b = right.random("b", normal(0.0, 1.0), Shape::vector(kY.size()));
  right.random("y", normal(b * sigma, 1.0));
  right.observe("y", Value(kY));
  REQUIRE(signed_scales(right).size() == 1);
  CHECK(signed_scales(right)[0].scale == right.variable("sigma").node);
  // dnorm(0, 1) is normal(0, 1 / sqrt(1)) until the rewriter folds it, and the
  // uniform's bound may be an expression of constants: both are constants.
  io::DataSet d;
  d.values["y"] = Value(kY);
  const Model bugs = io::load_bugs_model(R"(model {
    sigma ~ dunif(0, 2 + 1)
    for (i in 1:8) {
      b[i] ~ dnorm(0, 1)
      y[i] ~ dnorm(sigma * b[i], 1)
    }
  })",
                                         "model.bug", d);
  const auto found = signed_scales(bugs);
  REQUIRE(found.size() == 1);
  infer::LogDensityFunction f(bugs, {}, {}, found);
  const infer::FreeVariable& fs = free_of(f, bugs.variable("sigma").node);
  std::vector<double> u(f.dimension(), 0.2);
  u[fs.offset] = -0.5;
  f.value(u);
  CHECK(f.node_value(bugs.variable("sigma").node)[0] == Approx(3 * (2 * logistic(0.5) - 1)).epsilon(1e-14));
}

TEST_CASE("signed scales: a partner read through constant indices, as BUGS's b[g[i]]", "[infer][signed]") {
  // Eight observations in four groups: y[i] ~ dnorm(sigma * b[g[i]], 1).
  io::DataSet d;
  d.values["y"] = Value(kY);
  d.values["g"] = Value(std::vector<double>{1, 2, 3, 4, 1, 2, 3, 4});
  const std::string indexed = R"(model {
    sigma ~ dunif(0, 3)
    for (j in 1:4) { b[j] ~ dnorm(0, 1) }
    for (i in 1:8) { y[i] ~ dnorm(sigma * b[g[i]], 1) }
  })";
  const Model m = io::load_bugs_model(indexed, "model.bug", d);
  const auto found = signed_scales(m);
  REQUIRE(found.size() == 1);
  CHECK(found[0].scale == m.variable("sigma").node);
  CHECK(found[0].partners == std::vector<NodeId>{m.variable("b").node});
  // (s, u) and (-s, -u) are the same model values, and the gradient is the density's
  // at both signs.
  infer::LogDensityFunction f(m, {}, {}, found);
  const infer::FreeVariable& fs = free_of(f, m.variable("sigma").node);
  std::vector<double> u(f.dimension());
  for (std::size_t i = 0; i < u.size(); ++i) u[i] = 0.6 * std::cos(1.3 * static_cast<double>(i) + 0.2);
  u[fs.offset] = 0.35;
  std::vector<double> neg = u;
  for (double& x : neg) x = -x;
  CHECK(f.value(neg) == Approx(f.value(u)).epsilon(1e-13));
  check_signed_gradient(f, u);
  check_signed_gradient(f, neg);
  SECTION("not when the selected elements are read elsewhere too") {
    const Model twice = io::load_bugs_model(R"(model {
      sigma ~ dunif(0, 3)
      for (j in 1:4) { b[j] ~ dnorm(0, 1) }
      for (i in 1:8) {
        y[i] ~ dnorm(sigma * b[g[i]], 1)
        z[i] ~ dnorm(b[g[i]], 1)
      }
    })",
                                            "model.bug", [&] {
                                              io::DataSet e = d;
                                              e.values["z"] = Value(kY);
                                              return e;
                                            }());
    CHECK(signed_scales(twice).empty());
  }
}

TEST_CASE("signed scales: initial values keep their values and their support", "[infer][signed]") {
  const Model m = effects(uniform(0.0, 3.0));
  const NodeId sigma = m.variable("sigma").node, b = m.variable("b").node;
  infer::LogDensityFunction f(m, {}, {}, signed_scales(m));
  std::size_t ks = 0, kb = 0;
  for (std::size_t k = 0; k < f.free_variables().size(); ++k)
    (f.free_variables()[k].node == sigma ? ks : kb) = k;
  const infer::FreeVariable& fs = f.free_variables()[ks];
  const infer::FreeVariable& fb = f.free_variables()[kb];
  for (const double start : {-0.8, 0.8}) {
    CAPTURE(start);
    std::vector<double> u(f.dimension(), 0.0);
    u[fs.offset] = start;  // the scale's coordinate before the initial values
    f.set_point(u);
    // The partners' initial values, then the scale's (0.7, then 0): each keeps the other's.
    const std::vector<double> bx(kY.size(), 0.5);
    std::vector<double> ub(fb.size), us(1);
    f.unconstrain_free(kb, bx, ub);
    std::copy(ub.begin(), ub.end(), u.begin() + static_cast<std::ptrdiff_t>(fb.offset));
    for (const double x : {0.7, 0.0}) {
      CAPTURE(x);
      f.unconstrain_free(ks, std::vector<double>{x}, us);
      u[fs.offset] = us[0];
      f.set_point(u);
      CHECK(f.node_value(sigma)[0] == Approx(x).margin(1e-15));
      for (std::size_t i = 0; i < fb.size; ++i) CHECK(f.node_value(b)[i] == 0.5);
    }
    // A negative scale is outside its support, as it is unsigned.
    f.unconstrain_free(ks, std::vector<double>{-1.0}, us);
    CHECK(std::isnan(us[0]));
  }
  SECTION("the sampler refuses a negative initial scale") {
    InitialValues inits;
    inits.values["sigma"] = Value(-1.0);
    SamplerOptions o = chain_options(5, 10, 10, 1);
    o.inits = {inits};
    CHECK_THROWS(sample_chains(m, o));
  }
}

TEST_CASE("signed scales: where they must not be found", "[infer][signed]") {
  SECTION("a held coordinate (Gibbs or slice moves it)") { CHECK(signed_scales(effects(uniform(0.0, 3.0)), true).empty()); }
  SECTION("a prior whose mirror image has a kink or pole at 0 (gamma, exponential)") {
    CHECK(signed_scales(effects(gamma(2.0, 1.0))).empty());
    CHECK(signed_scales(effects(exponential(1.0))).empty());
  }
  SECTION("a uniform scale not from 0") { CHECK(signed_scales(effects(uniform(0.5, 3.0))).empty()); }
  SECTION("the scale read elsewhere: as the data's sd too") {
    Model m;
    Expr sigma = m.random("sigma", uniform(0.0, 3.0));
    Expr b = m.random("b", normal(0.0, 1.0), Shape::vector(kY.size()));
    m.random("y", normal(sigma * b, sigma));
    m.observe("y", Value(kY));
    CHECK(signed_scales(m).empty());
  }
  SECTION("a partner read elsewhere: b also in another likelihood") {
    Model m;
    Expr sigma = m.random("sigma", uniform(0.0, 3.0));
    Expr b = m.random("b", normal(0.0, 1.0), Shape::vector(kY.size()));
    m.random("y", normal(sigma * b, 1.0));
    m.random("z", normal(b, 1.0));
    m.observe("y", Value(kY));
    m.observe("z", Value(kY));
    CHECK(signed_scales(m).empty());
  }
  SECTION("a partner that is not centred at 0 (its sign is not a symmetry)") {
    CHECK(signed_scales(effects(uniform(0.0, 3.0), normal(1.0, 1.0))).empty());
  }
  SECTION("a product with a random draw of another kind") {
    CHECK(signed_scales(effects(uniform(0.0, 3.0), gamma(2.0, 1.0))).empty());
  }
  SECTION("a partner also in another product: with a constant, or with another scale") {
    for (const bool constant : {true, false}) {
      CAPTURE(constant);
      Model m;
      Expr sigma = m.random("sigma", uniform(0.0, 3.0));
      Expr tau = m.random("tau", uniform(0.0, 3.0));
      Expr b = m.random("b", normal(0.0, 1.0), Shape::vector(kY.size()));
      m.random("y", normal(sigma * b, 1.0));
      m.random("z", normal(constant ? b * 2.0 : b * tau, 1.0));
      m.observe("y", Value(kY));
      m.observe("z", Value(kY));
      CHECK(signed_scales(m).empty());
    }
  }
}

// y_i ~ normal(sigma b_i, 1), b_i ~ normal(0, 1): y_i ~ normal(0, sqrt(1 + sigma^2)) with
// b integrated out, so sigma's posterior on (0, 3) is one-dimensional (quadrature), and
// E[b_i | y] = E[sigma / (1 + sigma^2) | y] y_i. (Each half of the mirrored space maps
// onto the model's values with Jacobian 1, so the law holds whatever the partners' sign;
// the sign makes the density smooth at s = 0, which the density test checks.)
TEST_CASE("the sampler with a signed scale samples the model's posterior", "[infer][signed][stat]") {
  const Model m = effects(uniform(0.0, 3.0));
  double z = 0, e_sigma = 0, e_shrink = 0;
  const int n = 30000;
  for (int k = 0; k < n; ++k) {
    const double s = 3.0 * (k + 0.5) / n, v = 1 + s * s;
    double lp = 0;
    for (double y : kY) lp += -0.5 * std::log(v) - 0.5 * y * y / v;
    const double w = std::exp(lp);
    z += w, e_sigma += w * s, e_shrink += w * s / v;
  }
  e_sigma /= z, e_shrink /= z;
  SamplerOptions o = chain_options(11, 4000, 1000, 4);
  const auto r = sample_chains(m, o);
  CHECK(r[0].signed_scales == std::vector<std::string>{"sigma (with b)"});
  CHECK(plan_sampling(m).signed_scales == std::vector<std::string>{"sigma (with b)"});
  // 9 coordinates and no group: the automatic metric is dense, but not with a signed
  // scale (its mirrored halves skew the warmup covariance).
  CHECK(r[0].dense_inv_metric.empty());
  o.signed_scales = false;
  CHECK(plan_sampling(m, o).signed_scales.empty());
  o.chains = 1, o.draws = 10, o.warmup = 200;
  CHECK(!sample_chains(m, o)[0].dense_inv_metric.empty());
  CHECK(within_mcse(mc_estimate(chains_of(r, "sigma")), e_sigma));
  for (const std::size_t i : {0, 3, 4}) {
    CAPTURE(i);
    CHECK(within_mcse(mc_estimate(chains_of(r, "b." + std::to_string(i + 1))), e_shrink * kY[i]));
  }
}
