// Differential fuzzing of every rewrite: random small models (fuzz_models.hpp) are
// simplified and the naive and simplified models compared by limits, draw counts,
// two-sample KS tests of the visible variables, joint log densities, the naive draws
// against the simplified model's closed-form laws (fuzz_closed_form.hpp) and pointwise.
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "alea/infer/forward.hpp"
#include "alea/infer/log_density.hpp"
#include "alea/infer/two_sample.hpp"
#include "alea/model/composite.hpp"
#include "alea/rewrite/simplify.hpp"
#include "fuzz_closed_form.hpp"
#include "fuzz_models.hpp"
#include "stat_tests.hpp"

using namespace alea;
using namespace alea::test::fuzz;

namespace {

struct Stats {
  std::size_t models = 0, with_observed = 0;
  std::size_t naive_unsampleable = 0;  // a parameter computed from draws was invalid
  std::array<std::size_t, rewrite::kStopReasons> stop{};  // by StopReason
  std::size_t ks_tests = 0;
  std::size_t ld_checks = 0, ld_checks_observed = 0;
  std::size_t ld_skip_naive = 0;        // naive density does not exist (anonymous draw, observed function)
  std::size_t ld_skip_variables = 0;    // the two models are densities of different variables
  std::size_t ld_skip_simplified = 0;   // the simplified model still has nuisance draws
  std::size_t pointwise_checks = 0;
  std::size_t cf_tests = 0, cf_discrete = 0;  // naive draws against a closed-form law
  std::size_t cf_rewritten = 0;               // ... of a variable the naive model defines by a function
  std::size_t cf_untested = 0;                // a discrete support too wide to enumerate
  std::size_t cf_unchanged = 0;               // the same law in both models: compared exactly
  double cf_worst_mass = 0;                   // max |total mass - 1| of a continuous law
  // Models by the checks they got (every model that could be sampled gets the KS tests).
  std::size_t models_ld = 0, models_cf = 0, models_cf_no_ld = 0, models_kept = 0, models_ks_only = 0;
  std::size_t models_pointwise = 0;
  std::size_t failures = 0;
};

void add(Stats& into, const Stats& s) {
  into.models += s.models;
  into.with_observed += s.with_observed;
  into.naive_unsampleable += s.naive_unsampleable;
  for (std::size_t k = 0; k < into.stop.size(); ++k) into.stop[k] += s.stop[k];
  into.ks_tests += s.ks_tests;
  into.ld_checks += s.ld_checks;
  into.ld_checks_observed += s.ld_checks_observed;
  into.ld_skip_naive += s.ld_skip_naive;
  into.ld_skip_variables += s.ld_skip_variables;
  into.ld_skip_simplified += s.ld_skip_simplified;
  into.pointwise_checks += s.pointwise_checks;
  into.cf_tests += s.cf_tests;
  into.cf_discrete += s.cf_discrete;
  into.cf_rewritten += s.cf_rewritten;
  into.cf_untested += s.cf_untested;
  into.cf_unchanged += s.cf_unchanged;
  into.cf_worst_mass = std::max(into.cf_worst_mass, s.cf_worst_mass);
  into.models_ld += s.models_ld;
  into.models_cf += s.models_cf;
  into.models_cf_no_ld += s.models_cf_no_ld;
  into.models_kept += s.models_kept;
  into.models_ks_only += s.models_ks_only;
  into.models_pointwise += s.models_pointwise;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const std::string& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

std::set<std::string> density_variables(const Model& m) {
  std::set<std::string> out;
  for (const Variable& v : m.variables())
    if (!v.is_data && !v.observed && m.is_stochastic(v.name)) out.insert(v.name);
  return out;
}

bool close(double a, double b) {
  if (!std::isfinite(a) || !std::isfinite(b)) return a == b;
  return std::abs(a - b) <= 1e-8 * (1 + std::abs(a) + std::abs(b));
}

bool close(const Value& a, const Value& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!std::isfinite(a[i])) continue;  // the definition itself is not finite here
    if (!close(a[i], b[i])) return false;
  }
  return true;
}

// Draws to 12 significant digits of the column's scale: a pointwise rewrite may
// change rounding, and (d0 + d2) - d2 is 1 - 1e-16 where d0 is 1, or d3 - log(exp(d3))
// is 4e-16 where the rewritten model has exactly 0, which KS would see.
std::vector<double> snapped(std::vector<double> xs, double scale) {
  for (double& x : xs) {
    if (std::abs(x) < 1e-12 * scale) {
      x = 0;
      continue;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.12g", x);
    x = std::strtod(buf, nullptr);
  }
  return xs;
}

double max_abs(const std::vector<double>& a, const std::vector<double>& b) {
  double m = 1;
  for (double x : a) m = std::isfinite(x) ? std::max(m, std::abs(x)) : m;
  for (double x : b) m = std::isfinite(x) ? std::max(m, std::abs(x)) : m;
  return m;
}

// Runs every check on one model; returns the failures (empty when it passes).
std::vector<std::string> check_model(const FuzzModel& fm, std::size_t n_draws, double alpha, Stats& st) {
  std::vector<std::string> fails;
  const Model& naive = fm.model;
  ++st.models;
  st.with_observed += !fm.observed.empty();
  const std::vector<std::string> visible = fm.visible();
  std::set<std::string> naive_cols(visible.begin(), visible.end());
  for (const std::string& n : density_variables(naive)) naive_cols.insert(n);

  DrawTable naive_draws;
  try {
    Rng rng(fm.seed, 1);
    naive_draws = sample_prior(naive, n_draws, rng, {naive_cols.begin(), naive_cols.end()});
  } catch (const std::domain_error&) {
    ++st.naive_unsampleable;
    return fails;
  }

  // a. The runner stops within its limits; extraction introduces no site twice.
  rewrite::SimplifyOptions options;
  const rewrite::SimplifyResult r = rewrite::simplify(naive, options);
  const Model& simp = r.model;
  ++st.stop[static_cast<std::size_t>(r.report.reason)];
  // Each level's run (the report adds them up).
  for (const rewrite::LevelRun& run : r.levels)
    if (run.report.iterations > options.limits.iterations)
      fails.push_back("runner: " + std::to_string(run.report.iterations) + " iterations at level " +
                      std::to_string(run.level) + ", limit " + std::to_string(options.limits.iterations));
  // The expansive rules stop at their e-node budget (the default: max(1,000, 8 x the
  // e-nodes when the others saturated)), overshooting by at most one application.
  const std::size_t expansion_budget = std::max<std::size_t>(1'000, 8 * r.report.base_nodes) + 16;
  if (r.report.base_saturated.count() >= 0 && r.report.nodes > expansion_budget)
    fails.push_back("runner: " + std::to_string(r.report.nodes) + " e-nodes after the expansive rules, budget " +
                    std::to_string(expansion_budget));
  // Draws as primitives (a composite is the draws of its body).
  const std::size_t n_naive = count_draws(expand_all(naive)), n_simp = count_draws(expand_all(simp));
  if (n_simp > n_naive)
    fails.push_back("extraction: " + std::to_string(n_simp) + " draws in the simplified model, " +
                    std::to_string(n_naive) + " in the naive one");
  for (const std::string& n : visible)
    if (!simp.has(n)) fails.push_back("visible variable '" + n + "' lost");
  for (const std::string& n : fm.observed)
    if (simp.has(n) && simp.variable(n).observed != naive.variable(n).observed)
      fails.push_back("observed variable '" + n + "' lost its data");
  if (!fails.empty()) return fails;
  DrawTable simp_draws;
  try {
    Rng rng(fm.seed, 2);
    simp_draws = sample_prior(simp, n_draws, rng, visible);
  } catch (const std::exception& e) {
    fails.push_back(std::string("forward sampling of the simplified model: ") + e.what());
    return fails;
  }

  // b. Each queried scalar column: naive and simplified draws from one law.
  for (const std::string& n : fm.queried) {
    for (const std::string& c : column_names(n, naive.graph().node(naive.variable(n).node).shape)) {
      ++st.ks_tests;
      const std::vector<double> a = naive_draws.column(c), b = simp_draws.column(c);
      const double scale = max_abs(a, b);
      const TwoSampleResult ks = ks_two_sample(snapped(a, scale), snapped(b, scale));
      if (ks.p_value < alpha) {
        std::ostringstream os;
        os << "KS: column " << c << " D = " << ks.statistic << ", p = " << ks.p_value << " < " << alpha;
        fails.push_back(os.str());
      }
    }
  }

  // c. Where the simplified model gives a queried column a law with constant parameters,
  //    the naive draws follow that exact law (one-sample KS, same level as b) and its
  //    density integrates to 1 (quadrature: to 1e-6; a mass function summed: to 1e-9).
  //    A variable whose law the rewrite kept (same family, same constant parameters)
  //    is compared exactly instead.
  const std::size_t ld_before = st.ld_checks, cf_before = st.cf_tests, pointwise_before = st.pointwise_checks;
  const std::size_t kept_before = st.cf_unchanged;
  for (const std::string& n : fm.queried) {
    const std::vector<ClosedFormLaw> laws = closed_form_laws(simp, n);
    if (!laws.empty() && laws == closed_form_laws(naive, n)) {
      ++st.cf_unchanged;  // the rewrite kept the law: testing it would test the sampler, not the rewrite
      continue;
    }
    const std::vector<std::string> cols = column_names(n, naive.graph().node(naive.variable(n).node).shape);
    for (std::size_t i = 0; i < laws.size() && i < cols.size(); ++i) {
      const OneSampleResult t = ks_one_sample(laws[i], naive_draws.column(cols[i]));
      if (!t.tested) {
        ++st.cf_untested;
        continue;
      }
      ++st.cf_tests;
      st.cf_discrete += laws[i].support.integer;
      st.cf_rewritten += !naive.is_stochastic(n);
      if (!laws[i].support.integer) st.cf_worst_mass = std::max(st.cf_worst_mass, std::abs(t.mass - 1));
      std::ostringstream os;
      os << "closed form: column " << cols[i] << " against the simplified model's " << dist_info(laws[i].kind).name << ": ";
      if (t.off_support > 0) {
        os << t.off_support << " naive draws off its integer support";
        fails.push_back(os.str());
      } else if (std::abs(t.mass - 1) > (laws[i].support.integer ? 1e-9 : 1e-6)) {
        os.precision(17);
        os << "total mass " << t.mass;
        fails.push_back(os.str());
      } else if (t.p_value < alpha) {
        os << "D = " << t.statistic << ", p = " << t.p_value << " < " << alpha;
        fails.push_back(os.str());
      }
    }
  }

  // d. Joint log densities agree where both models are densities of the same variables.
  const std::set<std::string> nv = density_variables(naive), sv = density_variables(simp);
  if (nv != sv) {
    ++st.ld_skip_variables;
  } else {
    bool naive_ok = true, simp_ok = true;
    for (std::size_t row = 0; row < std::min<std::size_t>(5, naive_draws.rows()) && naive_ok && simp_ok; ++row) {
      std::map<std::string, Value> at;
      for (const std::string& n : nv) at[n] = row_value(naive, naive_draws, n, row);
      double a = 0, b = 0;
      try {
        a = log_density(naive, at).total;
      } catch (const std::invalid_argument&) {
        naive_ok = false;
        break;
      }
      try {
        b = log_density(simp, at).total;
      } catch (const std::invalid_argument&) {
        simp_ok = false;
        break;
      }
      if (row == 0) {
        ++st.ld_checks;
        st.ld_checks_observed += !fm.observed.empty();
      }
      if (!close(a, b)) {
        std::ostringstream os;
        os.precision(17);
        os << "log density at row " << row << ": naive " << a << ", simplified " << b;
        fails.push_back(os.str());
        break;
      }
    }
    st.ld_skip_naive += !naive_ok;
    st.ld_skip_simplified += naive_ok && !simp_ok;
  }

  // e. Pointwise: a visible deterministic variable of visible operands keeps its definition.
  //    An observed operand may stand for its data in the simplified model (both are sound).
  const std::set<std::string> vis(visible.begin(), visible.end());
  for (const std::string& n : visible) {
    if (naive.is_stochastic(n)) continue;
    const Operands ops = operands(naive, n);
    if (!ops.ok || ops.names.empty()) continue;
    bool all_visible = true;
    for (const std::string& o : ops.names) all_visible = all_visible && vis.count(o);
    if (!all_visible) continue;
    ++st.pointwise_checks;
    for (std::size_t row = 0; row < std::min<std::size_t>(20, simp_draws.rows()); ++row) {
      std::map<std::string, Value> at, at_data;
      for (const std::string& o : ops.names) {
        at[o] = row_value(naive, simp_draws, o, row);
        at_data[o] = naive.variable(o).observed ? *naive.variable(o).observed : at[o];
      }
      const Value got = row_value(naive, simp_draws, n, row);
      if (!close(evaluate_definition(naive, n, at), got) && !close(evaluate_definition(naive, n, at_data), got)) {
        std::ostringstream os;
        os.precision(17);
        os << "pointwise: " << n << " = " << got.data()[0] << " at row " << row << " but its definition gives "
           << evaluate_definition(naive, n, at).data()[0] << " from " << join(ops.names);
        fails.push_back(os.str());
        break;
      }
    }
  }
  const bool had_ld = st.ld_checks > ld_before, had_cf = st.cf_tests > cf_before;
  const bool had_kept = st.cf_unchanged > kept_before, had_pointwise = st.pointwise_checks > pointwise_before;
  st.models_ld += had_ld;
  st.models_cf += had_cf;
  st.models_cf_no_ld += had_cf && !had_ld;
  st.models_kept += had_kept;
  st.models_pointwise += had_pointwise;
  st.models_ks_only += !had_ld && !had_cf && !had_kept && !had_pointwise;
  return fails;
}

std::string describe_failure(const FuzzModel& fm, const std::vector<std::string>& fails) {
  std::ostringstream os;
  os << "seed " << fm.seed << " (replay: ALEA_FUZZ_SEED=" << fm.seed << ")\nqueried: " << join(fm.queried)
     << "\nobserved: " << join(fm.observed) << "\nnaive:\n"
     << to_string(fm.model) << "simplified:\n"
     << to_string(rewrite::simplify(fm.model).model);
  for (const std::string& f : fails) os << "  " << f << "\n";
  return os.str();
}

std::string summary(const Stats& st, double alpha, double seconds) {
  std::ostringstream os;
  os << "fuzz: " << st.models << " models (" << st.with_observed << " with observations, " << st.naive_unsampleable
     << " unsampleable) in " << seconds << " s; runner stops:";
  for (std::size_t k = 0; k < st.stop.size(); ++k)
    os << (k ? ", " : " ") << rewrite::to_string(static_cast<rewrite::StopReason>(k)) << " " << st.stop[k];
  os << "\n  KS tests " << st.ks_tests
     << " at level " << alpha << "; log density checks " << st.ld_checks << " (" << st.ld_checks_observed
     << " with observations), skipped: naive has no density " << st.ld_skip_naive << ", different variables "
     << st.ld_skip_variables << ", simplified has nuisance draws " << st.ld_skip_simplified
     << "; pointwise checks " << st.pointwise_checks << "\n  closed-form tests " << st.cf_tests << " ("
     << st.cf_discrete << " discrete, " << st.cf_rewritten << " of variables the naive model computes, "
     << st.cf_untested << " not enumerable; worst |mass - 1| " << st.cf_worst_mass << "); laws kept exactly "
     << st.cf_unchanged << "\n  models checked by: log density " << st.models_ld << ", closed form "
     << st.models_cf << " (" << st.models_cf_no_ld << " without a log density check), law kept exactly "
     << st.models_kept << ", pointwise " << st.models_pointwise << ", two-sample KS only " << st.models_ks_only << "; failing models " << st.failures
     << "\n";
  return os.str();
}

constexpr std::uint64_t kBaseSeed = 0x5EED0000;

}  // namespace

TEST_CASE("differential fuzzing: simplified random models agree with the naive ones", "[rewrite][fuzz]") {
  const char* replay = std::getenv("ALEA_FUZZ_SEED");
  const char* long_mode = std::getenv("ALEA_FUZZ_SECONDS");
  Stats st;
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  constexpr std::size_t kDraws = 2000;

  if (replay || long_mode) {
    // Replay of one seed, or as many models as ALEA_FUZZ_SECONDS allows. The number of
    // tests is not known in advance: each KS test (two-sample or against a closed form)
    // runs at level 1e-7, so the expected number of false alarms is 1e-7 x the tests
    // printed at the end.
    const double alpha = 1e-7;
    const double budget = long_mode ? std::atof(long_mode) : 0.0;
    std::uint64_t seed = replay ? std::strtoull(replay, nullptr, 10) : kBaseSeed + 1'000'000;
    do {
      const FuzzModel fm = generate(seed++);
      const double t0 = elapsed();
      if (replay && std::getenv("ALEA_FUZZ_VERBOSE"))
        std::cerr << "queried: " << join(fm.queried) << "\nobserved: " << join(fm.observed) << "\n" << to_string(fm.model);
      const std::vector<std::string> fails = check_model(fm, kDraws, alpha, st);
      if (std::getenv("ALEA_FUZZ_VERBOSE")) std::cerr << "seed " << fm.seed << ": " << elapsed() - t0 << " s\n";
      if (!fails.empty()) {
        ++st.failures;
        std::cout << "FAIL " << describe_failure(fm, fails) << std::flush;
      }
    } while (!replay && elapsed() < budget);
    std::cout << summary(st, alpha, elapsed());
    CHECK(st.failures == 0);
    return;
  }

  // CI: a fixed set of models. The run makes one two-sample KS test per queried column
  // and at most one closed-form test per queried column, so at most 2 x `planned`
  // tests, `planned` counted before any runs. Each runs at level 0.01 / (2 x planned):
  // by Bonferroni the probability of any false alarm in the whole run is at most 1%
  // (at most 0.5% from each kind). KS on discrete columns (poisson, bernoulli) is
  // conservative: its false-alarm rate is below the nominal level.
  // 2,000 models. They used to take more than 10 minutes: about one model in six has a
  // sum of several terms, where associativity (with commutativity built in) makes every
  // subset of the terms a class and the expansive phase ran to the 500 ms time limit,
  // overshooting it because time was checked once per rule. The runner now gives the
  // expansive rules an e-node budget (Limits::expansion_nodes) and checks time after
  // every application.
  // ALEA_TEST_SCALE (the sanitizer build of scripts/test.sh sets 0.1) runs fewer
  // models with the same checks.
  const auto kModels = static_cast<std::size_t>(std::ceil(2000 * test::test_scale()));
  std::vector<FuzzModel> models;
  std::size_t planned = 0;
  for (std::size_t i = 0; i < kModels; ++i) {
    models.push_back(generate(kBaseSeed + i));
    planned += queried_columns(models.back());
  }
  const double alpha = 0.01 / (2.0 * static_cast<double>(planned));
  // Two workers (the models are independent and the library keeps no global state);
  // Catch2 assertions are made on this thread only, after both finish.
  constexpr std::size_t kWorkers = 2;
  std::array<Stats, kWorkers> stats{};
  std::array<std::vector<std::pair<std::size_t, std::vector<std::string>>>, kWorkers> failed;
  std::vector<std::thread> workers;
  for (std::size_t w = 0; w < kWorkers; ++w)
    workers.emplace_back([&, w] {
      for (std::size_t i = w; i < models.size(); i += kWorkers) {
        std::vector<std::string> fails = check_model(models[i], kDraws, alpha, stats[w]);
        if (!fails.empty()) failed[w].emplace_back(i, std::move(fails));
      }
    });
  for (std::thread& t : workers) t.join();
  for (std::size_t w = 0; w < kWorkers; ++w) {
    add(st, stats[w]);
    for (const auto& [i, fails] : failed[w]) {
      ++st.failures;
      FAIL_CHECK(describe_failure(models[i], fails));
    }
  }
  std::cout << summary(st, alpha, elapsed());
  CHECK(st.ks_tests <= planned);
  CHECK(st.cf_tests <= planned);
  CHECK(st.models == kModels);
}
