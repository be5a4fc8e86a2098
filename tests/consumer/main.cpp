#include <alea/alea.hpp>
#include <iostream>

int main() {
  alea::Model m;
  auto x = m.random("x", alea::normal(0.0, 1.0));  // mean, standard deviation
  auto y = m.random("y", alea::normal(0.0, 2.0));
  m.let("z", x + y);
  m.monitor({"z"});  // x and y are nuisance: free to be marginalized away

  auto simplified = alea::rewrite::simplify(m);
  std::cout << alea::to_string(simplified.model);  // z ~ normal(0, 2.23607)

  alea::Rng rng(42);
  auto draws = alea::sample_prior(simplified.model, 10000, rng);
  std::cout << alea::format_summary(alea::summarize(draws));
  auto lp = alea::log_density(simplified.model, {{"z", alea::Value(1.0)}});
  std::cout << "log p(z = 1) = " << lp.total << "\n";
}
