// A composite op's own log density and gradient (graph/composite.hpp): where its op
// has them and its value is known, log_density, the compiled gradient and the sampler
// evaluate it through them, closed, instead of through its body; the two agree.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "alea/infer/gradient.hpp"
#include "alea/infer/log_density.hpp"
#include "alea/infer/sampler.hpp"
#include "alea/model/composite.hpp"

using namespace alea;

namespace {

constexpr double kHalfLog2Pi = 0.91893853320467274178;

// shifted_normal(a, m, s) = a + x, x ~ normal(m, s): its own density is normal(a + m, s)
// (a test op with a body whose draw is not the value, so that only the own density
// can evaluate it closed).
CompositeId shifted_normal_op() {
  static const CompositeId id = [] {
    CompositeDef def;
    def.name = "shifted_normal_test";
    def.params = {"a", "m", "s"};
    def.expand = [](Graph& g, DistKind, std::span<const NodeId> p, const Shape&) {
      return g.apply(Op::Add, {p[0], g.draw(DistKind::Normal, {p[1], p[2]}, Shape::scalar())});
    };
    const auto density = [](std::span<const Value> p, const Value& x, std::span<std::vector<double>> d) {
      const double s = p[2].scalar(), r = (x.scalar() - p[0].scalar() - p[1].scalar()) / s;
      if (!d.empty()) {
        d[0][0] += r / s;
        d[1][0] += r / s;
        d[2][0] += (r * r - 1) / s;
      }
      return -0.5 * r * r - std::log(s) - kHalfLog2Pi;
    };
    def.log_density = [density](DistKind, std::span<const Value> p, const Value& x) { return density(p, x, {}); };
    def.gradient = [density](DistKind, std::span<const Value> p, const Value& x, std::span<std::vector<double>> d) {
      return density(p, x, d);
    };
    return register_composite(std::move(def));
  }();
  return id;
}

CompositeCall shifted_normal(Arg a, Arg m, Arg s) {
  return {shifted_normal_op(), DistKind::Normal, {std::move(a), std::move(m), std::move(s)}, Shape::scalar()};
}

}  // namespace

TEST_CASE("a composite's own log density evaluates it closed, where its body cannot", "[infer][composite]") {
  Model m;
  m.random("z", shifted_normal(1.0, 0.5, 2.0));
  const LogDensity ld = log_density(m, {{"z", Value(3.0)}});
  const double r = (3.0 - 1.5) / 2.0;
  CHECK(ld.total == Approx(-0.5 * r * r - std::log(2.0) - kHalfLog2Pi).epsilon(1e-14));
  // Through its body, z is a sum: its density needs the draw marginalized.
  CHECK_THROWS_WITH(log_density(expand_all(m), {{"z", Value(3.0)}}), Catch::Matchers::Contains("deterministic"));
  // Without a value, it is expanded, and its draw has none.
  Model latent;
  latent.random("z", shifted_normal(1.0, 0.5, 2.0));
  latent.random("w", normal(0.0, 1.0));
  CHECK_THROWS(log_density(latent, {{"w", Value(0.2)}}));
  CompositeDef bad;
  bad.name = "gradient_only_test";
  bad.expand = [](Graph&, DistKind, std::span<const NodeId> p, const Shape&) { return p[0]; };
  bad.gradient = [](DistKind, std::span<const Value>, const Value&, std::span<std::vector<double>>) { return 0.0; };
  CHECK_THROWS_WITH(register_composite(bad), Catch::Matchers::Contains("no log density"));
}

TEST_CASE("built-in random_walk and hierarchical_normal: own density equals the body's", "[infer][composite]") {
  Model m;
  Expr mu = m.random("mu", normal(0.0, 1.0));
  m.random("x", random_walk(mu, 0.7, 5));
  m.random("theta", hierarchical_normal(mu, 1.3, 4));
  const std::map<std::string, Value> at{{"mu", Value(0.4)},
                                        {"x", Value(std::vector<double>{0.1, 0.9, 0.2, -0.5, 0.3})},
                                        {"theta", Value(std::vector<double>{1.0, -0.2, 0.6, 2.1})}};
  const LogDensity closed = log_density(m, at);
  const LogDensity body = log_density(expand_all(m), at);
  CHECK(closed.total == Approx(body.total).epsilon(1e-13));
}

TEST_CASE("an observed composite with its own gradient: the compiled density against its body and finite differences",
          "[infer][composite][gradient]") {
  const std::vector<double> path{0.1, 0.9, 0.2, -0.5, 0.3, 1.2};
  const auto build = [&](bool closed) {
    Model m;
    Expr mu = m.random("mu", normal(0.0, 2.0));
    Expr sigma = m.random("sigma", gamma(2.0, 2.0));
    m.random("x", random_walk(mu, sigma, 6));
    m.observe("x", Value(path));
    return closed ? m : expand_all(m);
  };
  infer::LogDensityFunction closed(build(true)), body(build(false));
  REQUIRE(closed.dimension() == 2);
  REQUIRE(body.dimension() == 2);
  for (const std::vector<double>& u : {std::vector<double>{0.3, -0.4}, std::vector<double>{-1.2, 0.8}}) {
    std::vector<double> gc(2), gb(2);
    CHECK(closed.value_and_gradient(u, gc) == Approx(body.value_and_gradient(u, gb)).epsilon(1e-12));
    for (std::size_t i = 0; i < 2; ++i) {
      CHECK(gc[i] == Approx(gb[i]).epsilon(1e-10));
      const double h = 1e-5;
      auto up = u, down = u;
      up[i] += h, down[i] -= h;
      CHECK(gc[i] == Approx((closed.value(up) - closed.value(down)) / (2 * h)).epsilon(1e-6));
    }
  }
  // A composite that is not observed, or has no gradient, is refused: expand it first.
  Model latent;
  latent.random("x", random_walk(0.0, 1.0, 3));
  latent.random("y", normal(0.0, 1.0));
  latent.observe("y", Value(0.5));
  CHECK_THROWS_WITH(infer::LogDensityFunction(latent), Catch::Matchers::Contains("not observed"));
}

TEST_CASE("the sampler keeps an observed composite with its own gradient closed", "[infer][composite][sampler]") {
  // z ~ shifted_normal(1, mu, 1) observed at 2.5, mu ~ normal(0, 1): mu | z is
  // normal(0.75, sqrt(0.5)). Its body could not be sampled with z observed (a sum).
  Model m;
  Expr mu = m.random("mu", normal(0.0, 1.0));
  m.random("z", shifted_normal(1.0, mu, 1.0));
  m.observe("z", Value(2.5));
  m.monitor({"mu"});
  SamplerOptions opt;
  opt.seed = 5;
  opt.draws = 4000;
  const std::vector<ChainResult> chains = sample_chains(m, opt);
  const std::vector<double> mus = chains[0].draws.column("mu");
  double mean = 0;
  for (double x : mus) mean += x;
  mean /= static_cast<double>(mus.size());
  // An ESS of at least 1,000 of 4,000 NUTS draws: the mean within 4.5 / sqrt(1000) sds.
  CHECK(std::abs(mean - 0.75) < 4.5 * std::sqrt(0.5 / 1000.0));
}
