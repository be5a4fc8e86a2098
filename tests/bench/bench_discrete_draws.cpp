// Benchmark: ns per draw of alea's Poisson and binomial samplers against Boost.Random's
// on the same engine, and sweeps timing each of alea's algorithms (inversion and
// transformed rejection) across the mean: the basis for the switch points kPtrsFrom in
// poisson.cpp and kBtrsFrom in binomial.cpp.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

#include <boost/random/binomial_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>

#include "../../src/dist/discrete_detail.hpp"
#include "alea/dist/binomial.hpp"
#include "alea/dist/poisson.hpp"

namespace {

constexpr int kDraws = 2000000;
constexpr int kSweepDraws = 500000;
double g_sink = 0;  // every draw is summed into this and printed, so no loop is dead code

template <class F>
double ns_per_draw(F f, int draws = kDraws) {
  double sum = 0;
  for (int i = 0; i < draws / 10; ++i) sum += f();  // warm-up
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < draws; ++i) sum += f();
  const auto t1 = std::chrono::steady_clock::now();
  g_sink += sum;
  return std::chrono::duration<double, std::nano>(t1 - t0).count() / draws;
}

void row(const char* what, double alea_ns, double boost_ns) {
  std::printf("%-26s %10.1f %10.1f %8.2f\n", what, alea_ns, boost_ns, alea_ns / boost_ns);
  std::string key = std::string("draw_") + what;  // one word for scripts/bench.sh
  for (char& ch : key)
    if (ch == ' ' || ch == ',') ch = '_';
  std::printf("RATIO %s %.3f boost_random\n", key.c_str(), alea_ns / boost_ns);
}

constexpr double kMeans[] = {1, 3, 5, 8, 10, 12, 15, 17, 20, 25, 30, 100, 1000};

void poisson_sweep() {
  std::printf("\nPoisson sweep (ns/draw; PTRS is valid from lambda = 10)\n%-10s %10s %10s %10s %10s\n", "lambda",
              "inversion", "PTRS", "draw()", "boost");
  for (double lambda : kMeans) {
    alea::Rng rng(7);
    boost::random::poisson_distribution<long, double> b(lambda);
    // Inversion starts from exp(-lambda), which underflows for lambda > 745: not timed there.
    const double inv =
        lambda <= 100
            ? ns_per_draw([&] { return alea::dist::detail::poisson_draw_inversion(lambda, rng); }, kSweepDraws)
            : NAN;
    const double ptrs = lambda >= 10
                            ? ns_per_draw([&] { return alea::dist::detail::poisson_draw_ptrs(lambda, rng); }, kSweepDraws)
                            : NAN;
    const double chosen = ns_per_draw([&] { return alea::dist::draw(alea::dist::Poisson{lambda}, rng); }, kSweepDraws);
    const double o = ns_per_draw([&] { return static_cast<double>(b(rng.engine())); }, kSweepDraws);
    std::printf("%-10g %10.1f %10.1f %10.1f %10.1f\n", lambda, inv, ptrs, chosen, o);
  }
}

void binomial_sweep(double p) {
  std::printf("\nBinomial sweep at p = %g (ns/draw; BTRS is valid from n p = 10)\n%-10s %10s %10s %10s %10s %10s\n", p,
              "n p", "n", "inversion", "BTRS", "draw()", "boost");
  for (double np : kMeans) {
    const double n = std::round(np / p);
    alea::Rng rng(8);
    boost::random::binomial_distribution<long, double> b(static_cast<long>(n), p);
    const double inv =
        np <= 100 ? ns_per_draw([&] { return alea::dist::detail::binomial_draw_inversion(n, p, rng); }, kSweepDraws)
                  : NAN;
    const double btrs =
        np >= 10 ? ns_per_draw([&] { return alea::dist::detail::binomial_draw_btrs(n, p, rng); }, kSweepDraws) : NAN;
    const double chosen = ns_per_draw([&] { return alea::dist::draw(alea::dist::Binomial{n, p}, rng); }, kSweepDraws);
    const double o = ns_per_draw([&] { return static_cast<double>(b(rng.engine())); }, kSweepDraws);
    std::printf("%-10g %10g %10.1f %10.1f %10.1f %10.1f\n", np, n, inv, btrs, chosen, o);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::printf("%-26s %10s %10s %8s\n", "distribution", "alea ns", "boost ns", "ratio");
  for (double lambda : {3.0, 9.9, 10.0, 30.0, 3000.0}) {
    const alea::dist::Poisson d{lambda};
    boost::random::poisson_distribution<long, double> b(lambda);
    alea::Rng rng(2024), rng2(2024);
    const double a = ns_per_draw([&] { return alea::dist::draw(d, rng); });
    const double o = ns_per_draw([&] { return static_cast<double>(b(rng2.engine())); });
    char name[64];
    std::snprintf(name, sizeof name, "poisson(%g)", lambda);
    row(name, a, o);
  }
  const std::pair<double, double> binoms[] = {{20, 0.3}, {30, 0.33}, {31, 0.33}, {1000, 0.4}};
  for (auto [n, p] : binoms) {
    const alea::dist::Binomial d{n, p};
    boost::random::binomial_distribution<long, double> b(static_cast<long>(n), p);
    alea::Rng rng(2024), rng2(2024);
    const double a = ns_per_draw([&] { return alea::dist::draw(d, rng); });
    const double o = ns_per_draw([&] { return static_cast<double>(b(rng2.engine())); });
    char name[64];
    std::snprintf(name, sizeof name, "binomial(%g, %g)", n, p);
    row(name, a, o);
  }
  // The sweeps take longer; skip them with --no-sweep.
  if (!(argc > 1 && std::string_view(argv[1]) == "--no-sweep")) {
    poisson_sweep();
    binomial_sweep(0.3);
    binomial_sweep(0.02);
  }
  std::printf("(checksum %g)\n", g_sink);
}
