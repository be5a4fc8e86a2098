// recognize_group_effects: a nuisance vector draw theta ~ normal(mu, tau) [J] used only
// as the mean of normal observations becomes hierarchical_normal (and simplify then
// marginalizes it); a theta that is visible or used another way is left as written.
#include "alea/infer/log_density.hpp"
#include "alea/rewrite/simplify.hpp"
#include "closure_test_util.hpp"

using namespace alea;
using namespace alea::test::closure;

namespace {

std::size_t composites(const Model& m) {
  std::size_t n = 0;
  for (NodeId id = 0; id < m.graph().size(); ++id) n += m.graph().node(id).op == Op::Composite;
  return n;
}

}  // namespace

TEST_CASE("group effects as one vector draw become hierarchical_normal", "[rewrite][composite][group]") {
  Model m;
  Expr mu = m.random("mu", normal(0.0, 5.0));
  Expr theta = m.random("theta", normal(mu, 2.0), Shape::vector(4));
  m.random("y", normal(theta, 1.5));
  m.monitor({"mu", "y"});
  CHECK(composites(rewrite::recognize_group_effects(m)) == 1);
  const rewrite::SimplifyResult r = rewrite::simplify(m);
  INFO(to_string(r.model));
  CHECK(fired(r, "hierarchical-normal-observed"));
  CHECK_FALSE(r.model.has("theta"));
  // y[j] ~ normal(mu, sqrt(2^2 + 1.5^2)) = normal(mu, 2.5)
  Model o = r.model;
  o.observe("y", Value(std::vector<double>{0.5, -1.0, 2.0, 3.0}));
  double expected = 0;
  for (double y : {0.5, -1.0, 2.0, 3.0}) expected += std::log(boost::math::pdf(boost::math::normal(1.0, 2.5), y));
  const LogDensity ld = log_density(o, {{"mu", Value(1.0)}});
  double y_lp = 0;
  for (const auto& [name, lp] : ld.terms)
    if (name == "y") y_lp = lp;
  CHECK(y_lp == Approx(expected).epsilon(1e-12));
}

TEST_CASE("group effects that are visible or used another way stay", "[rewrite][composite][group][guard]") {
  {  // monitored
    Model m;
    Expr theta = m.random("theta", normal(0.0, 2.0), Shape::vector(3));
    m.random("y", normal(theta, 1.0));
    m.monitor({"theta", "y"});
    CHECK(composites(rewrite::recognize_group_effects(m)) == 0);
  }
  {  // also used in the sd of the observation
    Model m;
    Expr theta = m.random("theta", normal(0.0, 2.0), Shape::vector(3));
    m.random("y", normal(theta, exp(theta)));
    m.monitor({"y"});
    CHECK(composites(rewrite::recognize_group_effects(m)) == 0);
  }
  {  // also used by another deterministic node
    Model m;
    Expr theta = m.random("theta", normal(0.0, 2.0), Shape::vector(3));
    m.random("y", normal(theta, 1.0));
    m.let("s", sum(theta));
    m.monitor({"y", "s"});
    CHECK(composites(rewrite::recognize_group_effects(m)) == 0);
  }
  {  // a vector mean: not iid group effects of one (mu, tau)
    Model m;
    Expr theta = m.random("theta", normal(Value(std::vector<double>{0.0, 1.0, 2.0}), 2.0));
    m.random("y", normal(theta, 1.0));
    m.monitor({"y"});
    CHECK(composites(rewrite::recognize_group_effects(m)) == 0);
  }
}
