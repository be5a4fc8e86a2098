// A hierarchical model built in C++ (the eight schools' structure, without data):
// prior draws, the simplified model and the joint log density at chosen values.
#include <iostream>
#include <vector>

#include "alea/infer/forward.hpp"
#include "alea/infer/log_density.hpp"
#include "alea/infer/summary.hpp"
#include "alea/model/model.hpp"
#include "alea/rewrite/simplify.hpp"

int main() {
  using namespace alea;
  const std::vector<double> sigma{15, 10, 16, 11, 9, 11, 10, 18};
  Model m;
  Expr mu = m.random("mu", normal(0.0, 100.0));
  Expr tau = m.random("tau", half_cauchy(5.0));
  // theta[j] ~ normal(mu, tau), vectorized: one draw of shape [8].
  Expr theta = m.random("theta", normal(mu, tau), Shape{8});
  // The prior predictive of each school's estimate: y[j] ~ normal(theta[j], sigma[j]).
  m.random("y", normal(theta, Value(Shape{8}, sigma, ScalarType::Real)));
  m.monitor({"mu", "tau", "y"});

  std::cout << "as written:\n" << to_string(m);
  const rewrite::SimplifyResult r = rewrite::simplify(m);
  std::cout << "\nsimplified (theta is a nuisance: y given mu and tau is normal(mu, sqrt(tau^2 + sigma^2))):\n"
            << to_string(r.model) << "\n";

  Rng rng(7);
  std::cout << "prior draws:\n" << format_summary(summarize(sample_prior(m, 2000, rng, {"mu", "tau", "y"})));

  const std::map<std::string, Value> at{
      {"mu", Value(5.0)},
      {"tau", Value(3.0)},
      {"theta", Value(Shape{8}, {6, 5, 4, 5, 5, 5, 7, 6}, ScalarType::Real)},
      {"y", Value(Shape{8}, {28, 8, -3, 7, -1, 1, 18, 12}, ScalarType::Real)}};
  const LogDensity ld = log_density(m, at);
  std::cout << "\nlog density at mu = 5, tau = 3, theta, y = the eight schools' estimates:\n";
  for (const auto& [name, term] : ld.terms) std::cout << "  " << name << " " << format_number(term) << "\n";
  std::cout << "  total " << format_number(ld.total) << "\n";
  return 0;
}
