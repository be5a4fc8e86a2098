// Beta-binomial distribution: log mass through log-beta functions, draws as a
// binomial whose probability is a beta draw. Partials by a and b (n and x are integers):
//   d/da = psi(x + a) - psi(a) + psi(a + b) - psi(n + a + b),
//   d/db = psi(n - x + b) - psi(b) + psi(a + b) - psi(n + a + b).
#include "alea/dist/beta_binomial.hpp"

#include <cmath>

#include "alea/dist/beta.hpp"
#include "alea/dist/binomial.hpp"
#include "alea/graph/value.hpp"
#include "joint_detail.hpp"
#include "partials_detail.hpp"
#include "scalar_adapter.hpp"

namespace alea::dist {

std::string check(const BetaBinomial& d) {
  auto why = check_nonnegative_integer("number of trials n", d.n);
  if (why.empty()) why = check_positive_finite("shape parameter a", d.a);
  if (why.empty()) why = check_positive_finite("shape parameter b", d.b);
  return why;
}

double logpdf(const BetaBinomial& d, double x) {
  if (!(x >= 0.0 && x <= d.n) || x != std::floor(x)) return kNegInf;
  return detail::log_choose(d.n, x) + detail::log_beta(x + d.a, d.n - x + d.b) - detail::log_beta(d.a, d.b);
}

double draw(const BetaBinomial& d, Rng& rng) { return draw(Binomial{d.n, draw(Beta{d.a, d.b}, rng)}, rng); }

double mean(const BetaBinomial& d) { return d.n * d.a / (d.a + d.b); }
double variance(const BetaBinomial& d) {
  const double s = d.a + d.b;
  return d.n * d.a * d.b * (s + d.n) / (s * s * (s + 1.0));
}

namespace detail {
Partials beta_binomial_partials(const double* p, double x) {
  Partials t;
  const BetaBinomial d{p[0], p[1], p[2]};
  if (!check(d).empty()) return t;
  t.lp = logpdf(d, x);
  if (t.lp == kNegInf) return t;
  const double common = grad::digamma(d.a + d.b) - grad::digamma(d.n + d.a + d.b);
  t.dp[1] = grad::digamma(x + d.a) - grad::digamma(d.a) + common;
  t.dp[2] = grad::digamma(d.n - x + d.b) - grad::digamma(d.b) + common;
  return t;
}

const DistOps& beta_binomial_ops() {
  // JAGS's dbetabin(a, b, n); alea's parameters are (n, a, b).
  static const DistOps ops = scalar_ops<BetaBinomial>(
      &beta_binomial_partials,
      BugsForm{"dbetabin", 3, {{{BugsConv::Arg, 2}, {BugsConv::Arg, 0}, {BugsConv::Arg, 1}}}});
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
