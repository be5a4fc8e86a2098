// The compiled log density (gradient.hpp): its value against the naive
// log_density plus the transforms' Jacobians, and its gradient against central
// finite differences, on models that use every op and every transform.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <tuple>
#include <vector>

#include "alea/dist/record.hpp"
#include "alea/infer/gradient.hpp"
#include "alea/infer/log_density.hpp"
#include "alea/rewrite/conjugacy.hpp"
#include "gradient_test_util.hpp"

using namespace alea;
using test::point;

namespace {

// Every deterministic op on a path from free parameters to observed data, and one
// free variable of each transform (real, positive, unit interval, bounds from a
// parameter, simplex).
Model every_op_model() {
  Model m;
  Expr a = m.random("a", normal(0.0, 1.0));
  Expr b = m.random("b", gamma(2.0, 1.0));
  Expr c = m.random("c", beta(2.0, 2.0));
  Expr v = m.random("v", normal(0.0, 1.0), Shape::vector(3));
  Expr w = m.random("w", dirichlet(Value({1.0, 2.0, 3.0})));
  Expr u = m.random("u", uniform(a - 1.0, a + 2.0));
  Expr e1 = a + b - c * a / b - u;
  Expr e2 = pow(b, c) + min(a, b) + max(a, c) + apply(Op::Step, {a}) + apply(Op::Equals, {a, b});
  Expr e3 =
      exp(a) + log(b) + log1p(c) + expm1(a) + sqrt(b) + square(a) + abs(a) + logistic(a) + logit(c) - (-a);
  Value mat(Shape::matrix(2, 3), {1.0, 2.0, -1.0, 0.5, 0.3, 1.5}, ScalarType::Real);
  Expr mv = matvec(mat, v);
  Expr mm = m.let("mm", apply(Op::Mul, {Arg(mat), Arg(b)}));
  Expr e4 = sum(v) + mean(v) + dot(v, v) + v[1] + mv[0] + mm(1, 2) + dot(w, v);
  m.random("y", normal(stack({e1, e2, e3, e4}), 1.0 + b));
  m.observe("y", Value({0.5, 2.0, 4.0, -1.0}));
  m.random("k", categorical(w));
  m.observe("k", Value::integer(2));
  m.random("z", normal(u, 1.0));
  m.observe("z", Value(0.7));
  return m;
}

// The value alone equals the value beside the gradient; the gradient matches central differences.
void check_gradient_and_value(infer::LogDensityFunction& f, const std::vector<double>& u) {
  std::vector<double> grad(f.dimension());
  CHECK(f.value(u) == Approx(f.value_and_gradient(u, grad)).epsilon(1e-14));
  test::check_gradient(f, u);
}

}  // namespace

TEST_CASE("gradient of a model with every op matches finite differences", "[infer][gradient]") {
  Model m = every_op_model();
  infer::LogDensityFunction f(m);
  // a, b, c, v (3), w (2 unconstrained), u
  REQUIRE(f.dimension() == 9);
  for (double scale : {0.3, 0.9}) check_gradient_and_value(f, point(f.dimension(), scale));
}

TEST_CASE("the compiled joint density equals the naive log density at the same values", "[infer][gradient]") {
  Model m = every_op_model();
  infer::LogDensityFunction f(m);
  const auto u = point(f.dimension(), 0.6);
  f.value(u);
  std::map<std::string, Value> at;
  for (const char* name : {"a", "b", "c", "v", "w", "u"}) {
    const NodeId node = m.variable(name).node;
    const auto x = f.node_value(node);
    at[name] = Value(m.graph().node(node).shape, std::vector<double>(x.begin(), x.end()), ScalarType::Real);
  }
  CHECK(f.joint_log_density() == Approx(log_density(m, at).total).epsilon(1e-12));
}

TEST_CASE("sufficient statistics give the same density and gradient as the elementwise sum",
          "[infer][gradient]") {
  // y ~ normal(mu, sigma) iid and n ~ poisson(lambda) iid: the vector form uses
  // sufficient statistics; the same data one element at a time does not.
  const std::vector<double> y = {1.2, -0.3, 2.5, 0.8}, n = {3, 0, 5, 2};
  auto build = [&](bool vector_form) {
    Model m;
    Expr mu = m.random("mu", normal(0.0, 3.0));
    Expr sigma = m.random("sigma", half_normal(2.0));
    Expr lambda = m.random("lambda", gamma(2.0, 0.5));
    if (vector_form) {
      m.random("y", normal(mu, sigma), Shape::vector(4));
      m.observe("y", Value(y));
      m.random("n", poisson(lambda), Shape::vector(4));
      m.observe("n", Value::integers(n));
    } else {
      for (std::size_t i = 0; i < y.size(); ++i) {
        const std::string yi = "y" + std::to_string(i), ni = "n" + std::to_string(i);
        m.random(yi, normal(mu, sigma));
        m.observe(yi, Value(y[i]));
        m.random(ni, poisson(lambda));
        m.observe(ni, Value::integer(n[i]));
      }
    }
    return m;
  };
  Model mv = build(true), ms = build(false);
  infer::LogDensityFunction fv(mv), fs(ms);
  const std::vector<double> u = {0.4, -0.2, 0.9};
  std::vector<double> gv(3), gs(3);
  CHECK(fv.value_and_gradient(u, gv) == Approx(fs.value_and_gradient(u, gs)).epsilon(1e-12));
  for (std::size_t i = 0; i < 3; ++i) CHECK(gv[i] == Approx(gs[i]).epsilon(1e-10));
  check_gradient_and_value(fv, u);
}

TEST_CASE("a normal scale that is a square root gives the density and gradient of the plain form",
          "[infer][gradient]") {
  // y_j ~ normal(mu, sqrt(tau^2 + s_j^2)) (eight schools marginalized): the compiled
  // density takes the normal by its variance; written with pow(., 0.5) it does not.
  const std::vector<double> y = {28, 8, -3, 7}, s = {15, 10, 16, 11};
  auto build = [&](bool root) {
    Model m;
    Expr mu = m.random("mu", normal(0.0, 10.0));
    Expr tau = m.random("tau", half_cauchy(5.0));
    Expr sigma = m.data("sigma", Value(s));
    Expr var = square(tau) + square(sigma);
    m.random("y", normal(mu, root ? sqrt(var) : pow(var, 0.5)));
    m.observe("y", Value(y));
    return m;
  };
  Model mr = build(true), mp = build(false);
  infer::LogDensityFunction fr(mr), fp(mp);
  for (const std::vector<double>& u : {std::vector<double>{0.4, -0.2}, std::vector<double>{5.0, 2.5}}) {
    std::vector<double> gr(2), gp(2);
    CHECK(fr.value_and_gradient(u, gr) == Approx(fp.value_and_gradient(u, gp)).epsilon(1e-13));
    for (std::size_t i = 0; i < 2; ++i) CHECK(gr[i] == Approx(gp[i]).epsilon(1e-12));
    check_gradient_and_value(fr, u);
    // The fused terms (normal by variance, half-Cauchy with its scale's log taken
    // once) against the registry's log densities at the same values.
    fr.value(u);
    const std::map<std::string, Value> at = {{"mu", Value(fr.node_value(mr.variable("mu").node)[0])},
                                             {"tau", Value(fr.node_value(mr.variable("tau").node)[0])}};
    CHECK(fr.joint_log_density() == Approx(log_density(mr, at).total).epsilon(1e-13));
  }
}

TEST_CASE("counts whose probability is a logistic read its logit: the density and gradient of the plain form",
          "[infer][gradient]") {
  // r_i ~ binomial(n_i, logistic(a + c x_i)) and k_i ~ bernoulli(logistic(a - c x_i)):
  // the compiled density reads the logit (one exp and one log per count); written as
  // 1 / (1 + exp(-eta)) it does not. Fused and plain agree, and the fused form keeps its
  // digits where p rounds to 1 (eta = 40: log1p(-p) is -inf, the logit form is finite).
  const std::vector<double> x = {-1.0, 0.0, 0.5, 2.0}, n = {10, 4, 7, 12}, r = {2, 4, 0, 12}, k = {0, 1, 1, 0};
  auto build = [&](bool fused) {
    Model m;
    Expr a = m.random("a", normal(0.0, 3.0));
    Expr c = m.random("c", normal(0.0, 3.0));
    Expr xs = m.data("x", Value(x));
    Expr eta = a + c * xs, theta = a - c * xs;
    Expr p = fused ? logistic(eta) : 1.0 / (1.0 + exp(-eta));
    Expr q = fused ? logistic(theta) : 1.0 / (1.0 + exp(-theta));
    m.let("p", p);  // a variable: the sampler computes it, the density skips it
    m.random("r", binomial(Value::integers(n), p));
    m.observe("r", Value::integers(r));
    m.random("k", bernoulli(q));
    m.observe("k", Value::integers(k));
    return m;
  };
  Model mf = build(true), mp = build(false);
  infer::LogDensityFunction ff(mf), fp(mp);
  CHECK(ff.fused(mf.variable("p").node));
  CHECK_FALSE(fp.fused(mp.variable("p").node));
  for (const std::vector<double>& u : {std::vector<double>{0.4, -0.2}, std::vector<double>{-1.5, 2.5}}) {
    std::vector<double> gf(2), gp(2);
    CHECK(ff.value_and_gradient(u, gf) == Approx(fp.value_and_gradient(u, gp)).epsilon(1e-12));
    for (std::size_t i = 0; i < 2; ++i) CHECK(gf[i] == Approx(gp[i]).epsilon(1e-10));
    check_gradient_and_value(ff, u);
    ff.value(u);
    const std::map<std::string, Value> at = {{"a", Value(u[0])}, {"c", Value(u[1])}};
    CHECK(ff.joint_log_density() == Approx(log_density(mf, at).total).epsilon(1e-12));
    // set_point computes the skipped node: p = logistic(a + c x).
    ff.set_point(u);
    const auto p = ff.node_value(mf.variable("p").node);
    for (std::size_t i = 0; i < x.size(); ++i) CHECK(p[i] == Approx(1 / (1 + std::exp(-(u[0] + u[1] * x[i])))));
  }
  // eta = 40 + 0 x at x = 0 with r = n would be fine either way; the element with r = 0
  // and eta = 40 + 0.5 c has p = 1 in double precision.
  const std::vector<double> far = {40.0, 0.0};
  std::vector<double> gf(2);
  const double lp = ff.value_and_gradient(far, gf);
  CHECK(std::isfinite(lp));
  CHECK(lp < -40 * 7);  // r = 0 of n = 7 at eta = 40 costs 7 * 40 nats
  CHECK(std::isfinite(gf[0]));
  CHECK_FALSE(std::isfinite(fp.value(far)));
  // An infinite logit with no count on the losing side has probability 1: term 0, not NaN.
  const dist::DistRecord& binomial = dist::record(DistKind::Binomial);
  const double inf = std::numeric_limits<double>::infinity();
  // Statistics of a scalar p: {S, F, sum log C(n, x)}.
  for (const auto& [st, eta, expect] : {std::tuple{std::vector<double>{5.0, 0.0, 0.0}, inf, 0.0},
                                        std::tuple{std::vector<double>{0.0, 3.0, 0.0}, -inf, 0.0},
                                        std::tuple{std::vector<double>{5.0, 1.0, 0.0}, inf, -inf}}) {
    const double n_trials = st[0] + st[1], p_eta[] = {eta};
    const dist::ArrayView params[] = {{&n_trials, 1}, {p_eta, 1}};
    double d = 0;
    double* dp[] = {nullptr, &d};
    const double term =
        binomial.logit_stats_partials(st, std::span<const dist::ArrayView>(params), std::span<double* const>(dp));
    CHECK(term == expect);
  }
}

TEST_CASE("free variables: latents with an observed descendant, discrete ones held apart",
          "[infer][gradient]") {
  Model m;
  Expr mu = m.random("mu", normal(0.0, 1.0));
  m.random("pred", normal(mu, 1.0));  // no observed descendant: drawn forward, not free
  Expr s = m.random("s", bernoulli(0.5));
  m.random("y", normal(mu + s, 1.0));
  m.observe("y", Value(1.0));
  infer::LogDensityFunction f(m);
  REQUIRE(f.free_variables().size() == 1);
  CHECK(f.free_variables()[0].name == "mu");
  REQUIRE(f.discrete_latents().size() == 1);
  CHECK(f.discrete_latents()[0] == m.variable("s").node);
  CHECK_FALSE(f.in_density(m.variable("pred").node));
}

TEST_CASE("an observed deterministic function of random variables is refused with its name",
          "[infer][gradient]") {
  Model m;
  Expr x = m.random("x", normal(0.0, 1.0));
  m.let("z", x + 1.0);
  m.observe("z", Value(1.0));
  CHECK_THROWS_WITH(infer::LogDensityFunction(m), Catch::Contains("'z'") && Catch::Contains("simplify"));
}

TEST_CASE("unconstrain inverts the transforms of every free variable", "[infer][gradient]") {
  Model m = every_op_model();
  infer::LogDensityFunction f(m);
  const auto u = point(f.dimension(), 0.8);
  f.value(u);
  std::vector<std::vector<double>> values(m.graph().size());
  for (NodeId id = 0; id < m.graph().size(); ++id)
    if (f.in_density(id)) values[id].assign(f.node_value(id).begin(), f.node_value(id).end());
  const std::vector<double> back = f.unconstrain(values);
  REQUIRE(back.size() == u.size());
  for (std::size_t i = 0; i < u.size(); ++i) CHECK(back[i] == Approx(u[i]).epsilon(1e-9).margin(1e-12));
}

TEST_CASE("gradient through JAGS's functions (phi, probit, cloglog, icloglog, loggam, logfact, sin, cos)",
          "[infer][gradient]") {
  Model m;
  Expr a = m.random("a", normal(0.0, 1.0));
  Expr b = m.random("b", gamma(2.0, 1.0));
  Expr c = m.random("c", beta(2.0, 2.0));
  Expr e1 = apply(Op::Phi, {a}) + apply(Op::Probit, {c}) + apply(Op::CLogLog, {c}) + apply(Op::ICLogLog, {a});
  Expr e2 = apply(Op::LogGamma, {b}) + apply(Op::LogFact, {b}) + apply(Op::Sin, {a}) + apply(Op::Cos, {b});
  // Round and Trunc are flat between integers: their derivative is 0 there (the
  // points below keep 2.3 + 0.1 a and c - 1.7 away from the jumps).
  Expr e3 = a + apply(Op::Round, {2.3 + 0.1 * a}) * b + apply(Op::Trunc, {c - 1.7}) * c;
  m.random("y", normal(stack({e1, e2, e3}), 1.0 + b));
  m.observe("y", Value({0.5, 2.0, -1.0}));
  infer::LogDensityFunction f(m);
  REQUIRE(f.dimension() == 3);
  for (double scale : {0.3, 0.9}) check_gradient_and_value(f, point(f.dimension(), scale));
}

TEST_CASE(
    "joint marginals from sufficient statistics: the compiled density is the naive one and its gradient "
    "matches finite differences",
    "[infer][gradient][stats]") {
  // mu integrated out of a normal with independent priors (normal_mean_joint with sigma
  // = 1 / sqrt(tau)), lambda out of a gamma-Poisson with a hyperprior (poisson_gamma_joint
  // with a random rate): the compiled density folds the data once; log_density
  // evaluates the same factorized model element by element.
  std::vector<double> y, counts;
  for (int i = 0; i < 40; ++i) {
    y.push_back(10.0 + 2.0 * std::sin(1.3 * i));
    counts.push_back(static_cast<double>((7 * i) % 9));
  }
  Model normal_model;
  {
    auto mu = normal_model.random("mu", normal(0.0, 100.0));
    auto tau = normal_model.random("tau", gamma(1.0, 1.0));
    normal_model.random("y", normal(mu, 1.0 / sqrt(tau)), Shape::vector(40));
    normal_model.observe("y", Value(y));
  }
  Model poisson_model;
  {
    auto beta = poisson_model.random("beta", gamma(1.0, 1.0));
    auto lambda = poisson_model.random("lambda", gamma(2.0, beta));
    poisson_model.random("y", poisson(lambda), Shape::vector(40));
    poisson_model.observe("y", Value::integers(counts));
  }
  // The latent NUTS samples and the one drawn exactly given it (whose term the density
  // leaves out: any value does for log_density's other terms).
  const std::tuple<Model*, const char*, const char*> cases[] = {{&normal_model, "tau", "mu"},
                                                                {&poisson_model, "beta", "lambda"}};
  for (const auto& [naive, latent, exact] : cases) {
    const rewrite::Factorization f = rewrite::conjugate(*naive);
    const DistKind kind = f.model.graph().node(f.model.variable("y").node).dist;
    INFO("observed as " << dist_info(kind).name);
    REQUIRE((kind == DistKind::NormalMeanJoint || kind == DistKind::PoissonGammaJoint));
    infer::LogDensityFunction density(f.model);
    REQUIRE(density.dimension() == 1);
    for (double u0 : {-1.2, 0.4, 2.0}) {
      const std::vector<double> u = {u0};
      check_gradient_and_value(density, u);
      const double x = density.node_value(f.model.variable(latent).node)[0];
      const LogDensity naive_terms = log_density(f.model, {{latent, Value(x)}, {exact, Value(1.0)}});
      double expected = 0.0;
      for (const auto& [name, term] : naive_terms.terms)
        if (name != exact) expected += term;
      CHECK(density.joint_log_density() == Approx(expected).epsilon(1e-12));
    }
  }
}
