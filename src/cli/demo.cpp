// alea with no arguments: the demo. The pipeline in four models: a closure rewrite
// with both densities, a conjugate posterior drawn exactly with its evidence, a
// hierarchical model with latents integrated out and the rest sampled, and a composite
// op defined by a user's C++ program with a rule of its own. Each is shown as written
// and as simplified, through alea compare.
#include <iostream>

#include "alea/io/bugs_model.hpp"
#include "alea/io/rdump.hpp"
#include "alea/model/composite.hpp"
#include "alea/rewrite/rules.hpp"
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

constexpr const char* kEightSchools = R"(# The eight schools: a hierarchical normal model, half-Cauchy(5) prior on tau.
model {
  mu ~ dnorm(0, 1.0E-4)
  tau ~ dt(0, 0.04, 1) T(0,)
  for (j in 1:J) {
    theta[j] ~ dnorm(mu, pow(tau, -2))
    y[j] ~ dnorm(theta[j], pow(sigma[j], -2))
  }
}
)";

constexpr const char* kEightSchoolsData =
    "J <- 8\ny <- c(28, 8, -3, 7, -1, 1, 18, 12)\nsigma <- c(15, 10, 16, 11, 9, 11, 10, 18)\n";

constexpr const char* kUserOp = R"cpp(// A composite op defined by a user's program (graph/composite.hpp): a + b x, x ~ normal(m, s),
// with a rule of its own that closes it where it stands.
CompositeDef def;
def.name = "affine_normal";
def.params = {"a", "b", "m", "s"};
def.expand = [](Graph& g, DistKind, std::span<const NodeId> p, const Shape&) {
  const NodeId x = g.draw(DistKind::Normal, {p[2], p[3]}, Shape::scalar());
  return g.apply(Op::Add, {p[0], g.apply(Op::Mul, {p[1], x})});
};
const CompositeId op = register_composite(std::move(def));
rewrite::register_composite_rules(op, {rewrite::dist_rw("affine-normal",
    "(affine_normal ?a ?b ?m ?s)", "(normal (+ ?a (* ?b ?m)) (* (abs ?b) ?s))")});
Model m;  // z = u + v, u and v two affine normals
Expr u = m.draw(CompositeCall{op, DistKind::Normal, {1.0, -2.0, 0.5, 0.3}, Shape::scalar()});
Expr v = m.draw(CompositeCall{op, DistKind::Normal, {0.0, 3.0, 0.0, 0.1}, Shape::scalar()});
m.let("z", u + v);
m.monitor({"z"});
)cpp";

// The op of kUserOp, registered once (the demo may run more than once in a process).
CompositeId affine_normal_op() {
  static const CompositeId id = [] {
    CompositeDef def;
    def.name = "affine_normal";
    def.params = {"a", "b", "m", "s"};
    def.expand = [](Graph& g, DistKind, std::span<const NodeId> p, const Shape&) {
      const NodeId x = g.draw(DistKind::Normal, {p[2], p[3]}, Shape::scalar());
      return g.apply(Op::Add, {p[0], g.apply(Op::Mul, {p[1], x})});
    };
    const CompositeId op = register_composite(std::move(def));
    rewrite::register_composite_rules(op, {rewrite::dist_rw("affine-normal", "(affine_normal ?a ?b ?m ?s)",
                                                            "(normal (+ ?a (* ?b ?m)) (* (abs ?b) ?s))")});
    return op;
  }();
  return id;
}

void banner(const std::string& title) {
  std::cout << "\n== " << title << " " << std::string(title.size() < 76 ? 76 - title.size() : 0, '=') << "\n\n";
}

}  // namespace

int run_demo() {
  std::cout << "alea: models in the BUGS language or C++, simplified by equality saturation before they run.\n"
               "Each model below is shown as written and as simplified by `alea compare`: the densities of\n"
               "both (the naive one estimated where it has no closed form, with its standard error), and\n"
               "with data, the evidence and the posteriors of NUTS on the naive model and of alea's plan.\n"
               "'alea --help' lists the commands.\n";
  CompareOptions options;
  options.draws = 4000;
  options.points = 3;
  options.mcmc_draws = 1000;

  banner("1. closure: the sum of normals, monitoring z");
  std::cout << kSumOfNormals << "\n";
  Model sum = io::load_bugs_model(kSumOfNormals, "sum_of_normals.bug", {});
  sum.monitor({"z"});
  compare_models(sum, std::cout, options);

  banner("2. conjugacy: gamma-Poisson counts, the posterior drawn exactly");
  std::cout << kGammaPoisson << "data: " << kGammaPoissonData << "\n";
  Model counts =
      io::load_bugs_model(kGammaPoisson, "gamma_poisson.bug", io::read_rdump(kGammaPoissonData, "gamma_poisson.R"));
  counts.monitor({"lambda"});
  compare_models(counts, std::cout, options);

  banner("3. a hierarchical model: theta integrated out, mu and tau sampled");
  std::cout << kEightSchools << "data: " << kEightSchoolsData << "\n";
  Model schools =
      io::load_bugs_model(kEightSchools, "eight_schools.bug", io::read_rdump(kEightSchoolsData, "eight_schools.R"));
  schools.monitor({"mu", "tau"});
  compare_models(schools, std::cout, options);

  banner("4. a composite op of the user's own, in C++");
  std::cout << kUserOp << "\n";
  const CompositeId op = affine_normal_op();
  Model user;
  Expr u = user.draw(CompositeCall{op, DistKind::Normal, {1.0, -2.0, 0.5, 0.3}, Shape::scalar()});
  Expr v = user.draw(CompositeCall{op, DistKind::Normal, {0.0, 3.0, 0.0, 0.1}, Shape::scalar()});
  user.let("z", u + v);
  user.monitor({"z"});
  rewrite::SimplifyOptions traced;
  traced.trace = true;
  const rewrite::SimplifyResult r = rewrite::simplify(user, traced);
  std::cout << "rules that fired, by the level the model was saturated at (1: the op closed, 0: primitives):\n";
  for (const rewrite::TraceEntry& e : r.report.trace)
    std::cout << "  [level " << e.level << "] " << e.rule << ": " << e.before << " => " << e.after << "\n";
  std::cout << "\n";
  compare_models(user, std::cout, options);
  return 0;
}

}  // namespace alea::cli
