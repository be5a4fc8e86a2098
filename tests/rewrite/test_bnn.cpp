// The Bayesian neural network of models/bnn.hpp: user-defined ops at three levels (a
// model, a backbone, layers), registered from outside alea. Rules fire at the model's
// level before anything expands, then at the layers', then on primitives; forward draws of the simplified
// and the naive model agree; the log density of the simplified model, exact, agrees
// with the naive one with the readout's weights integrated out numerically; and the
// layer fact does not fire where the readout's value is needed elsewhere.
#include <cmath>
#include <numeric>

#include "../../models/bnn.hpp"
#include "alea/dist/ops.hpp"
#include "alea/infer/log_density.hpp"
#include "closure_test_util.hpp"

using namespace alea;
using namespace alea::test;
using namespace alea::test::closure;

namespace {

constexpr std::int64_t kN = 6;

Value inputs() {
  std::vector<double> x(2 * kN);
  for (std::int64_t i = 0; i < kN; ++i) {
    x[static_cast<std::size_t>(i)] = -1.5 + 0.6 * static_cast<double>(i);
    x[static_cast<std::size_t>(kN + i)] = 1.0;
  }
  return Value(Shape::matrix(kN, 2), x, ScalarType::Real);
}
const Value kA(Shape::matrix(2, 3), {1.0, 0.5, -0.5, 1.0, 0.25, -1.0}, ScalarType::Real);
const Value kB(Shape::matrix(3, 2), {1.0, 0.0, 0.5, 0.0, 1.0, -1.0}, ScalarType::Real);

Model network() {
  Model m;
  const Expr x = m.data("X", inputs()), a = m.data("A", kA), b = m.data("B", kB);
  m.random("y", bnn::model(x, a, b, 1.0, 0.8, 0.3, kN));
  m.monitor({"y"});
  return m;
}

int fired_at(const rewrite::SimplifyResult& r, const std::string& rule) {
  for (const rewrite::TraceEntry& e : r.report.trace)
    if (e.rule == rule) return e.level;
  return -1;
}

std::vector<double> column(const Model& m, const std::string& name, std::uint64_t seed, std::size_t n = 20'000) {
  Rng rng(seed);
  return sample_prior(m, n, rng, {"y"}).column(name);
}

// Forward draws of y[1], y[n] and y[1] y[n] (their dependence) from both models agree:
// two-sample KS tests at the suite's false-alarm rate each, fixed seeds.
void same_forward_law(const Model& naive, const Model& simplified) {
  for (const std::string& name : {std::string("y.1"), "y." + std::to_string(kN)})
    CHECK(ks_two_sample(column(naive, name, 3), column(simplified, name, 4)).p_value > kFalseAlarm);
  const auto product = [&](const Model& m, std::uint64_t seed) {
    Rng rng(seed);
    const DrawTable t = sample_prior(m, 20'000, rng, {"y"});
    std::vector<double> first = t.column("y.1"), last = t.column("y." + std::to_string(kN));
    for (std::size_t i = 0; i < first.size(); ++i) first[i] *= last[i];
    return first;
  };
  CHECK(ks_two_sample(product(naive, 5), product(simplified, 6)).p_value > kFalseAlarm);
}

}  // namespace

TEST_CASE("a BNN of user ops: the model's fact before expansion, then the layers'", "[rewrite][composite][bnn]") {
  const Model m = network();
  rewrite::SimplifyOptions options;
  options.trace = true;
  const rewrite::SimplifyResult r = rewrite::simplify(m, options);
  INFO(to_string(r.model));
  CHECK(fired_at(r, "bnn-marginal") == 3);    // on the closed model
  CHECK(fired_at(r, "linear-compose") == 1);  // on the backbone's layers, once it expanded
  CHECK(fired_at(r, "dense-observed") == -1);  // the readout never appeared
  // Then on primitives, once the layers expanded: the hidden layer's weights, standard
  // draws times s1, fold into one draw (normal-scale; s1 = 1 also gives mul-one).
  bool primitive = false;
  for (const rewrite::TraceEntry& e : r.report.trace)
    primitive = primitive || (e.level == 0 && (e.rule == "normal-scale" || e.rule == "mul-one"));
  CHECK(primitive);
  REQUIRE(is_draw(r.model, "y", DistKind::MvNormal));
  same_forward_law(m, r.model);
}

TEST_CASE("a BNN without its model's fact: the layer fact gives the same model", "[rewrite][composite][bnn]") {
  const Model m = network();
  rewrite::SimplifyOptions layers;
  layers.trace = true;
  for (rewrite::Rule& rule : rewrite::default_rules())
    if (rule.name != "bnn-marginal") layers.rules.push_back(std::move(rule));
  const rewrite::SimplifyResult r = rewrite::simplify(m, layers);
  INFO(to_string(r.model));
  CHECK(fired_at(r, "dense-observed") == 2);  // the model expanded: the readout, closed, over the backbone
  CHECK(fired_at(r, "linear-compose") == 1);
  REQUIRE(is_draw(r.model, "y", DistKind::MvNormal));
  CHECK(to_string(r.model) == to_string(rewrite::simplify(m).model));
  same_forward_law(m, r.model);
}

TEST_CASE("the readout's fact: the exact log density against the naive one integrated numerically",
          "[rewrite][composite][bnn][density]") {
  // The layers composed by hand, the hidden weights W a named variable and y observed:
  // log p(y | W) is exact in the simplified model (a multivariate normal). The naive
  // model names the readout's weights w too; its log p(y | W) = log E_w p(y | W, w)
  // over w's prior, estimated from K prior draws with its delta-method standard error.
  const Value x = inputs();
  const std::vector<Value> first{x, kA};
  const std::vector<Value> second{dist::evaluate(Op::MatMul, first), kB};
  const Value features = dist::evaluate(Op::MatMul, second);
  const std::vector<double> y_obs{0.4, -0.2, 0.1, 0.7, 1.1, 0.5};
  const Value w_at(Shape::matrix(2, 2), {0.3, -0.8, 1.1, 0.2}, ScalarType::Real);
  const double s = 0.8, sigma = 0.6;

  Model simple;
  const Expr f = simple.data("F", features);
  const Expr w = simple.random("W", normal(0.0, 1.0), Shape::matrix(2, 2));
  const Expr h = apply(Op::Tanh, {apply(Op::MatMul, {f, w})});
  simple.random("y", normal(simple.draw(bnn::dense(h, s, Shape::vector(kN))), sigma));
  simple.observe("y", Value(y_obs));
  const rewrite::SimplifyResult r = rewrite::simplify(simple);
  INFO(to_string(r.model));
  REQUIRE(is_draw(r.model, "y", DistKind::MvNormal));
  CHECK(fired(r, "dense-observed"));
  double exact = NAN;
  for (const auto& [name, term] : log_density(r.model, {{"W", w_at}}).terms)
    if (name == "y") exact = term;

  Model naive;
  const Expr f2 = naive.data("F", features);
  const Expr w2 = naive.random("W", normal(0.0, 1.0), Shape::matrix(2, 2));
  const Expr readout = naive.random("r", normal(0.0, s), Shape::vector(2));
  naive.random("y", normal(matvec(apply(Op::Tanh, {apply(Op::MatMul, {f2, w2})}), readout), sigma));
  naive.observe("y", Value(y_obs));
  Rng rng(17);
  const std::size_t K = 100'000;
  std::vector<double> lik(K);
  for (std::size_t k = 0; k < K; ++k) {
    const Value rk(std::vector<double>{s * rng.std_normal(), s * rng.std_normal()});
    const LogDensity ld = log_density(naive, {{"W", w_at}, {"r", rk}});
    for (const auto& [name, term] : ld.terms)
      if (name == "y") lik[k] = term;
  }
  const double top = *std::max_element(lik.begin(), lik.end());
  double mean = 0, sq = 0;
  for (double l : lik) {
    const double e = std::exp(l - top);
    mean += e;
    sq += e * e;
  }
  mean /= static_cast<double>(K);
  const double var = sq / static_cast<double>(K) - mean * mean;
  const double estimate = top + std::log(mean);
  const double se = std::sqrt(var / static_cast<double>(K)) / mean;  // of log mean, by the delta method
  INFO("exact " << exact << ", estimate " << estimate << " +- " << se);
  CHECK(std::abs(exact - estimate) < z_crit() * se + 1e-9);
}

TEST_CASE("the readout's fact does not fire where its value is needed elsewhere", "[rewrite][composite][bnn][guard]") {
  // f is visible (monitored) and also the mean of y: y's marginal would need f
  // integrated out while f is still drawn. The simplified model keeps y given f.
  Model m;
  const Expr f = m.random("f", bnn::dense(m.data("F", inputs()), 1.0, Shape::vector(kN)));
  m.random("y", normal(f, 0.5));
  m.monitor({"f", "y"});
  const rewrite::SimplifyResult r = rewrite::simplify(m);
  INFO(to_string(r.model));
  CHECK_FALSE(is_draw(r.model, "y", DistKind::MvNormal));
  // Used twice: y1 and y2 share the readout. Marginals for both would make them
  // independent; y1 - y2 is normal(0, sqrt(2) 0.5) exactly.
  Model twice;
  const Expr g = twice.draw(bnn::dense(twice.data("F", inputs()), 1.0, Shape::vector(kN)));
  const Expr y1 = twice.random("y1", normal(g, 0.5));
  const Expr y2 = twice.random("y2", normal(g, 0.5));
  twice.let("z", apply(Op::Index, {y1, Arg(0.0)}) - apply(Op::Index, {y2, Arg(0.0)}));
  twice.monitor({"z"});
  const rewrite::SimplifyResult t = rewrite::simplify(twice);
  INFO(to_string(t.model));
  Rng rng(23);
  const std::vector<double> z = sample_prior(t.model, 50'000, rng, {"z"}).column("z");
  CHECK(ks_pvalue(z, cdf_of(DistKind::Normal, {0.0, std::sqrt(2.0) * 0.5})) > kFalseAlarm);
}
