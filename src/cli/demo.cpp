// alea with no arguments: the demo. Two models in the BUGS language, each shown
// as written and as simplified, with draws and log densities.
#include <iostream>

#include "alea/infer/forward.hpp"
#include "alea/infer/log_density.hpp"
#include "alea/infer/summary.hpp"
#include "alea/io/bugs_model.hpp"
#include "alea/io/rdump.hpp"
#include "alea/rewrite/simplify.hpp"
#include "commands.hpp"
#include "report.hpp"

namespace alea::cli {
namespace {

constexpr const char* kSumOfNormals = R"(# The sum of two independent normals is normal: z ~ normal(0, sqrt(5)).
model {
  x ~ dnorm(0, 1)
  y ~ dnorm(0, 0.25)
  z <- x + y
}
)";

constexpr const char* kGammaPoisson = R"(# Counts with a gamma prior on their rate.
model {
  lambda ~ dgamma(2, 1)
  for (i in 1:N) {
    y[i] ~ dpois(lambda)
  }
}
)";

constexpr const char* kGammaPoissonData = "N <- 8\ny <- c(3, 5, 4, 6, 2, 4, 5, 3)\n";

void banner(const std::string& title) {
  std::cout << "\n== " << title << " " << std::string(title.size() < 70 ? 70 - title.size() : 0, '=') << "\n\n";
}

}  // namespace

int run_demo() {
  std::cout << "alea: models in the BUGS language, simplified by equality saturation before they run.\n"
               "'alea --help' lists the commands.\n";

  banner("1. sum of normals, monitoring z");
  std::cout << kSumOfNormals << "\n";
  Model sum = io::load_bugs_model(kSumOfNormals, "sum_of_normals.bug", {});
  sum.monitor({"z"});
  compare_models(sum, std::cout, CompareOptions{});

  banner("2. gamma-Poisson counts");
  std::cout << kGammaPoisson << "data: " << kGammaPoissonData << "\n";
  Model counts =
      io::load_bugs_model(kGammaPoisson, "gamma_poisson.bug", io::read_rdump(kGammaPoissonData, "gamma_poisson.R"));
  const rewrite::SimplifyResult r = rewrite::simplify(counts);
  print_models(counts, r, std::cout);
  std::cout << "\njoint log density at lambda = 1, 2, 4, 8, term by term:\n";
  for (double lambda : {1.0, 2.0, 4.0, 8.0}) {
    const LogDensity ld = log_density(counts, {{"lambda", Value(lambda)}});
    std::cout << "  lambda = " << lambda << ":";
    for (const auto& [name, term] : ld.terms) std::cout << "  " << name << " " << format_number(term);
    std::cout << "  total " << format_number(ld.total) << "\n";
  }
  std::cout << "\nprior draws of lambda (forward sampling, the data ignored):\n";
  Rng rng(1);
  std::cout << format_summary(summarize(sample_prior(counts, 4000, rng, {"lambda"})));
  std::cout << "\nPosterior draws with observations come with the conjugacy and inference layers.\n";
  return 0;
}

}  // namespace alea::cli
