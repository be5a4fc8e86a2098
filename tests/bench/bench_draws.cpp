// Nanoseconds per draw of alea's samplers against Boost.Random's distributions driven by
// the same Mersenne Twister engine; prints the ratio alea / boost for each.
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/beta_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/student_t_distribution.hpp>
#include <chrono>
#include <cstdio>
#include <string>

#include "alea/dist/beta.hpp"
#include "alea/dist/exponential.hpp"
#include "alea/dist/gamma.hpp"
#include "alea/dist/normal.hpp"
#include "alea/dist/student_t.hpp"

namespace {

constexpr int kDraws = 2'000'000;
double g_sink = 0;  // every draw is summed into this and printed, so no loop is dead code

template <class F>
double ns_per_draw(F&& f) {
  double sum = 0;
  for (int i = 0; i < kDraws / 10; ++i) sum += f();  // warm-up
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < kDraws; ++i) sum += f();
  const auto t1 = std::chrono::steady_clock::now();
  g_sink += sum;
  return std::chrono::duration<double, std::nano>(t1 - t0).count() / kDraws;
}

template <class D, class B>
void row(const std::string& label, const D& d, B boost_dist) {
  alea::Rng rng(2024);
  const double alea_ns = ns_per_draw([&] { return alea::dist::draw(d, rng); });
  alea::Rng rng2(2024);
  const double boost_ns = ns_per_draw([&] { return boost_dist(rng2.engine()); });
  std::printf("%-22s %10.2f %10.2f %8.2f\n", label.c_str(), alea_ns, boost_ns, alea_ns / boost_ns);
  std::string key = "draw_" + label;  // one word for scripts/bench.sh
  for (char& ch : key)
    if (ch == ' ' || ch == ',') ch = '_';
  std::printf("RATIO %s %.3f boost_random\n", key.c_str(), alea_ns / boost_ns);
}

}  // namespace

int main() {
  using namespace alea::dist;
  std::printf("%-22s %10s %10s %8s\n", "distribution", "alea ns", "boost ns", "ratio");
  row("normal(0, 1)", Normal{0, 1}, boost::random::normal_distribution<>(0, 1));
  row("gamma(0.5, 1)", Gamma{0.5, 1}, boost::random::gamma_distribution<>(0.5, 1));
  row("gamma(2, 1)", Gamma{2, 1}, boost::random::gamma_distribution<>(2, 1));
  row("gamma(20, 1)", Gamma{20, 1}, boost::random::gamma_distribution<>(20, 1));
  row("beta(2, 3)", Beta{2, 3}, boost::random::beta_distribution<>(2, 3));
  row("beta(0.3, 0.3)", Beta{0.3, 0.3}, boost::random::beta_distribution<>(0.3, 0.3));
  row("student_t(5)", StudentT{5, 0, 1}, boost::random::student_t_distribution<>(5));
  row("exponential(1)", Exponential{1}, boost::random::exponential_distribution<>(1));
  std::printf("(checksum %g, %d timed draws per cell)\n", g_sink, kDraws);
}
