// The modelling API: sites, hash-consing, roles, parameter checks and printing.
#include <catch2/catch.hpp>

#include "alea/model/model.hpp"

using namespace alea;

TEST_CASE("two draws of the same distribution are distinct sites", "[model]") {
  Model m;
  Expr a = m.draw(normal(0.0, 1.0));
  Expr b = m.draw(normal(0.0, 1.0));
  CHECK(a.id() != b.id());
  CHECK(a.node().site != b.node().site);
  // Deterministic nodes are hash-consed: the same expression is the same node.
  CHECK((a + b).id() == (a + b).id());
  CHECK((a + 1.0).id() == (a + 1.0).id());
  CHECK((a + b).id() != (b + a).id());
}

TEST_CASE("roles: observed, queried by default, nuisance when not monitored, data", "[model]") {
  Model m;
  Expr mu = m.random("mu", normal(0.0, 10.0));
  m.random("y", normal(mu, 1.0), Shape::vector(3));
  m.data("n", Value::integer(3));
  m.let("twice", mu * 2.0);
  m.observe("y", Value({1.0, 2.0, 3.0}));
  CHECK(m.role("y") == Role::Observed);
  CHECK(m.role("mu") == Role::Queried);
  CHECK(m.role("n") == Role::Data);
  m.monitor({"twice"});
  CHECK(m.role("mu") == Role::Nuisance);
  CHECK(m.role("twice") == Role::Queried);
  CHECK(m.is_stochastic("mu"));
  CHECK_FALSE(m.is_stochastic("twice"));
  CHECK_THROWS_WITH(m.monitor({"nope"}), "monitor: unknown variable 'nope'");
}

TEST_CASE("invalid constant parameters are reported when the model is built", "[model][errors]") {
  Model m;
  CHECK_THROWS_WITH(m.random("x", normal(0.0, -1.0)),
                    "variable 'x': normal: scale parameter sigma is -1, but must be positive and finite");
  CHECK_THROWS_WITH(m.random("x", normal(NAN, 1.0)),
                    "variable 'x': normal: location parameter mu is NaN, but must be finite");
  // A parameter computed from constants is checked too.
  Expr s = m.constant(Value(4.0));
  CHECK_THROWS_WITH(m.random("x", normal(0.0, 1.0 - sqrt(s))),
                    "variable 'x': normal: scale parameter sigma is -1, but must be positive and finite");
  CHECK_NOTHROW(m.random("x", normal(0.0, sqrt(s))));
}

TEST_CASE("shape errors name both shapes; unknown names are reported", "[model][errors]") {
  Model m;
  Expr v = m.random("v", normal(0.0, 1.0), Shape::vector(3));
  Expr w = m.random("w", normal(0.0, 1.0), Shape::vector(2));
  CHECK_THROWS_WITH(v + w, "+: shapes vector[3] and vector[2] do not match (only a scalar broadcasts)");
  CHECK_THROWS_WITH(m.random("u", normal(Value({0.0, 1.0}), 1.0), Shape::vector(3)),
                    "variable 'u': normal: parameter mu has shape vector[2] but the draw has shape vector[3]");
  CHECK_THROWS_WITH(m.observe("v", Value({1.0, 2.0})),
                    "observe: variable 'v' has shape vector[3] but the data has shape vector[2]");
  CHECK_THROWS_WITH(m.observe("nope", Value(1.0)), "observe: unknown variable 'nope'");
  CHECK_THROWS_WITH(m["nope"], "unknown variable 'nope'");
  CHECK_THROWS_AS(m.random("v", normal(0.0, 1.0)), InputError);
}

TEST_CASE("a missing observed value is an input error naming the element", "[model][errors]") {
  Model m;
  m.random("y", normal(0.0, 1.0), Shape::vector(3));
  CHECK_THROWS_WITH(m.observe("y", Value({1.0, NAN, 2.0})),
                    "variable 'y': observed value element 2 is missing (NA); partly observed variables are not "
                    "supported");
}

TEST_CASE("a model prints as readable text in dependency order", "[model][print]") {
  Model m;
  Expr x = m.random("x", normal(0.0, 1.0));
  Expr y = m.random("y", normal(0.0, 2.0));
  Expr e = m.draw(normal(0.0, 1.0));
  m.let("z", x + y + e);
  m.observe("y", Value(0.5));
  const std::string text = to_string(m);
  CHECK(text ==
        "model {\n"
        "  x ~ normal(0, 1)\n"
        "  y ~ normal(0, 2)   # observed\n"
        "  _s2 ~ normal(0, 1)\n"
        "  z <- (x + y) + _s2\n"
        "}\n");
}
