// Benchmark: ns per draw of alea's Poisson and binomial samplers against Boost.Random's
// on the same engine; the basis for the inversion/rejection crossovers in poisson.cpp
// and binomial.cpp.
#include <chrono>
#include <cstdio>

#include <boost/random/binomial_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>

#include "alea/dist/binomial.hpp"
#include "alea/dist/poisson.hpp"

namespace {

constexpr int kDraws = 2000000;

template <class F>
double ns_per_draw(F f, double& sink) {
  const auto t0 = std::chrono::steady_clock::now();
  double sum = 0;
  for (int i = 0; i < kDraws; ++i) sum += f();
  const auto t1 = std::chrono::steady_clock::now();
  sink += sum;  // keeps the loop from being optimized away
  return std::chrono::duration<double, std::nano>(t1 - t0).count() / kDraws;
}

void row(const char* what, double alea_ns, double boost_ns) {
  std::printf("%-26s %10.1f %10.1f %8.2f\n", what, alea_ns, boost_ns, alea_ns / boost_ns);
}

}  // namespace

int main() {
  alea::Rng rng(2024);
  double sink = 0;
  std::printf("%-26s %10s %10s %8s\n", "distribution", "alea ns", "boost ns", "ratio");
  for (double lambda : {3.0, 9.9, 10.0, 30.0, 3000.0}) {
    const alea::dist::Poisson d{lambda};
    boost::random::poisson_distribution<long, double> b(lambda);
    const double a = ns_per_draw([&] { return alea::dist::draw(d, rng); }, sink);
    const double o = ns_per_draw([&] { return static_cast<double>(b(rng.engine())); }, sink);
    char name[64];
    std::snprintf(name, sizeof name, "poisson(%g)", lambda);
    row(name, a, o);
  }
  const std::pair<double, double> binoms[] = {{20, 0.3}, {30, 0.33}, {31, 0.33}, {1000, 0.4}};
  for (auto [n, p] : binoms) {
    const alea::dist::Binomial d{n, p};
    boost::random::binomial_distribution<long, double> b(static_cast<long>(n), p);
    const double a = ns_per_draw([&] { return alea::dist::draw(d, rng); }, sink);
    const double o = ns_per_draw([&] { return static_cast<double>(b(rng.engine())); }, sink);
    char name[64];
    std::snprintf(name, sizeof name, "binomial(%g, %g)", n, p);
    row(name, a, o);
  }
  std::printf("(checksum %g)\n", sink);
}
