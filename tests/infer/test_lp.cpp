// lp__ of NUTS draws as Stan defines it: the log density on the unconstrained scale,
// log p(x(u), data) + log |J(u)|, here with every normalizing constant. The expected
// value of each row is written out from the closed forms of the densities and the
// Jacobians of the log (positive) and logit ((0, 1)) transforms, not by alea.
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <vector>

#include "alea/infer/sampler.hpp"

using namespace alea;

TEST_CASE("lp__ of NUTS draws is the log density plus the log Jacobian", "[infer][nuts][lp]") {
  // s ~ gamma(shape 3, rate 2); p ~ beta(2, 3); y_i ~ normal(0.5, s); k ~ binomial(10, p).
  const std::vector<double> y = {0.1, -0.7, 1.3, 0.4};
  const double k = 7, n = 10;
  Model m;
  Expr s = m.random("s", gamma(3.0, 2.0));
  Expr p = m.random("p", beta(2.0, 3.0));
  m.random("y", normal(0.5, s), Shape::vector(static_cast<std::int64_t>(y.size())));
  m.observe("y", Value(y));
  m.random("k", binomial(n, p));
  m.observe("k", Value::integer(static_cast<std::int64_t>(k)));
  SamplerOptions o;
  o.warmup = 200, o.draws = 200, o.chains = 2, o.seed = 7;
  const auto chains = sample_chains(m, o);
  const double half_log_2pi = 0.5 * std::log(2 * std::numbers::pi);
  std::size_t rows = 0;
  for (const ChainResult& c : chains) {
    const std::size_t is = c.draws.column_index("s"), ip = c.draws.column_index("p");
    for (std::size_t r = 0; r < c.draws.rows(); ++r, ++rows) {
      const double sv = c.draws.at(r, is), pv = c.draws.at(r, ip);
      double lp = 3 * std::log(2.0) - std::lgamma(3.0) + 2 * std::log(sv) - 2 * sv;
      lp += std::lgamma(5.0) - std::lgamma(2.0) - std::lgamma(3.0) + std::log(pv) + 2 * std::log1p(-pv);
      for (double yi : y) lp += -0.5 * (yi - 0.5) * (yi - 0.5) / (sv * sv) - std::log(sv) - half_log_2pi;
      lp += std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1) + k * std::log(pv) +
            (n - k) * std::log1p(-pv);
      // s = exp(u): log J = log s. p = logistic(u): log J = log p + log(1 - p).
      const double log_jacobian = std::log(sv) + std::log(pv) + std::log1p(-pv);
      INFO("row " << r << ": s = " << sv << ", p = " << pv);
      CHECK(c.draws.lp(r) == Approx(lp + log_jacobian).epsilon(1e-12).margin(1e-11));
    }
  }
  CHECK(rows == 400);
}
