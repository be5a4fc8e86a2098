// sum_of_normals.bug in C++: z = x + y with x, y independent normals. Simplifying with
// z the only monitored variable leaves z ~ normal(0, sqrt(5)); both versions are sampled.
#include <cmath>
#include <numbers>
#include <iostream>

#include "alea/infer/forward.hpp"
#include "alea/infer/log_density.hpp"
#include "alea/infer/summary.hpp"
#include "alea/model/model.hpp"
#include "alea/rewrite/simplify.hpp"

int main() {
  using namespace alea;
  Model m;
  Expr x = m.random("x", normal(0.0, 1.0));
  Expr y = m.random("y", normal(0.0, 2.0));
  m.let("z", x + y);
  m.monitor({"z"});

  const rewrite::SimplifyResult r = rewrite::simplify(m);
  std::cout << "as written:\n" << to_string(m) << "\nsimplified:\n" << to_string(r.model) << "\n";

  Rng rng_naive(1, 0), rng_simple(1, 1);
  std::cout << "draws of z, as written (x and y drawn, then added):\n"
            << format_summary(summarize(sample_prior(m, 4000, rng_naive, {"z"})))
            << "draws of z, simplified (one normal draw; sd should be near " << std::sqrt(5.0) << "):\n"
            << format_summary(summarize(sample_prior(r.model, 4000, rng_simple, {"z"})));

  // The simplified model has z as a random variable with its own density.
  std::cout << "\nlog density of the simplified model at z = 1: "
            << format_number(log_density(r.model, {{"z", Value(1.0)}}).total) << " (normal(0, sqrt 5): "
            << format_number(-0.5 * std::log(2 * std::numbers::pi * 5.0) - 1.0 / 10.0) << ")\n";
  // The naive model evaluates at values of x and y.
  const LogDensity naive = log_density(m, {{"x", Value(0.5)}, {"y", Value(0.5)}});
  std::cout << "log density as written at x = 0.5, y = 0.5:";
  for (const auto& [name, term] : naive.terms) std::cout << "  " << name << " " << format_number(term);
  std::cout << "  total " << format_number(naive.total) << "\n";
  return 0;
}
