// Simulation-based calibration (Talts et al. 2018) of the whole sampler on three
// small models: draw parameters from the prior and data given them, sample the
// posterior by NUTS, and count how many of L thinned posterior draws fall below the
// true value. When the sampler is right the rank is uniform on 0..L; a chi-square
// test on the L + 1 bins, at the false-alarm rate kFalseAlarm per parameter, checks it.
#include <catch2/catch.hpp>
#include <functional>
#include <map>

#include "alea/infer/forward.hpp"
#include "alea/infer/sampler.hpp"
#include "stat_tests.hpp"

using namespace alea;

namespace {

constexpr std::size_t kReplicates = 200, kRanksL = 9, kThin = 4;

// A model whose observed variable is `data`; with no value given it is unobserved
// (for the forward draw of parameters and data).
using Builder = std::function<Model(const Value* data)>;

double chi_square_pvalue(const std::vector<double>& counts) {
  const double expected = static_cast<double>(kReplicates) / static_cast<double>(counts.size());
  double x2 = 0;
  for (double c : counts) x2 += (c - expected) * (c - expected) / expected;
  return boost::math::cdf(
      boost::math::complement(boost::math::chi_squared(static_cast<double>(counts.size() - 1)), x2));
}

void sbc(const Builder& build, const std::string& data, const std::vector<std::string>& params,
         std::uint64_t seed) {
  std::map<std::string, std::vector<double>> counts;
  for (const auto& p : params) counts[p].assign(kRanksL + 1, 0.0);
  Rng rng(seed);
  for (std::size_t rep = 0; rep < kReplicates; ++rep) {
    const Model prior = build(nullptr);
    const DrawTable truth = sample_prior(prior, 1, rng);
    const Shape shape = prior.graph().node(prior.variable(data).node).shape;
    std::vector<double> y;
    for (const auto& c : column_names(data, shape)) y.push_back(truth.at(0, truth.column_index(c)));
    const Value yv(shape, y, prior.graph().node(prior.variable(data).node).type);
    SamplerOptions o;
    o.chains = 1, o.warmup = 150, o.draws = static_cast<long>(kRanksL * kThin), o.seed = seed * 1000 + rep;
    const DrawTable post = sample_posterior(build(&yv), o);
    for (const auto& p : params) {
      const double true_value = truth.at(0, truth.column_index(p));
      const std::vector<double> draws = post.column(p);
      std::size_t rank = 0;
      for (std::size_t i = kThin - 1; i < draws.size(); i += kThin) rank += draws[i] < true_value;
      counts[p][rank] += 1;
    }
  }
  for (const auto& p : params) {
    const double pv = chi_square_pvalue(counts[p]);
    INFO("parameter " << p << ": rank uniformity p-value " << pv);
    CHECK(pv > test::kFalseAlarm);
  }
}

}  // namespace

TEST_CASE("SBC: normal mean with known scale", "[infer][sbc]") {
  sbc(
      [](const Value* y) {
        Model m;
        Expr mu = m.random("mu", normal(0.0, 1.0));
        m.random("y", normal(mu, 1.0), Shape::vector(5));
        if (y) m.observe("y", *y);
        return m;
      },
      "y", {"mu"}, 21);
}

TEST_CASE("SBC: gamma-Poisson rate", "[infer][sbc]") {
  sbc(
      [](const Value* y) {
        Model m;
        Expr lambda = m.random("lambda", gamma(3.0, 1.0));
        m.random("y", poisson(lambda), Shape::vector(5));
        if (y) m.observe("y", *y);
        return m;
      },
      "y", {"lambda"}, 22);
}

TEST_CASE("SBC: normal mean and scale", "[infer][sbc]") {
  sbc(
      [](const Value* y) {
        Model m;
        Expr mu = m.random("mu", normal(0.0, 1.0));
        Expr sigma = m.random("sigma", half_normal(1.0));
        m.random("y", normal(mu, sigma), Shape::vector(4));
        if (y) m.observe("y", *y);
        return m;
      },
      "y", {"mu", "sigma"}, 23);
}
