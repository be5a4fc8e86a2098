// Internal: numerics shared by the discrete distributions: Loader's accurate log
// probability mass terms, and the probability-vector check of categorical and multinomial.
#pragma once
#include <span>
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"

namespace alea::dist::detail {

// log(x!) - log(sqrt(2 pi x) (x / e)^x) for x >= 0 (real x allowed); the error of
// Stirling's approximation, small enough that sums of it do not lose digits.
double stirlerr(double x);

// stirlerr for integer x >= 0 without lgamma: a table up to 15, the series above.
double stirlerr_int(double x);

// x log(x / m) + m - x for x >= 0, m > 0, without the cancellation of the naive form
// when x is close to m (Loader 2000, "Fast and accurate computation of binomial
// probabilities").
double bd0(double x, double m);

// log of n! / (x! (n - x)!) p^x q^(n - x) for real 0 <= x <= n, with q = 1 - p passed
// separately so that callers keep its precision. Accurate to a few ulps of the
// result for any n, where lgamma differences would lose up to log10(n) digits.
double binomial_log_pmf_raw(double x, double n, double p, double q);

// log(lambda^x e^-lambda / x!) for integer x >= 0, lambda > 0.
double poisson_log_pmf_raw(double x, double lambda);

// The samplers behind draw(Poisson) and draw(Binomial), exposed so that the benchmark can
// time each one across the switch points and the tests can exercise each near its limits.
// Poisson: inversion for any lambda > 0 (cost grows as lambda); PTRS for lambda >= 10 only
// (its hat is not valid below).
double poisson_draw_inversion(double lambda, Rng& rng);
double poisson_draw_ptrs(double lambda, Rng& rng);
// Binomial for p <= 1/2: inversion for n p below about 10^2 (f(0) = q^n must not underflow);
// BTRS for n p >= 10 only.
double binomial_draw_inversion(double n, double p, Rng& rng);
double binomial_draw_btrs(double n, double p, Rng& rng);

// Empty when every p[i] is non-negative and finite and they sum to 1 within 1e-8
// relative; otherwise the reason, naming the element (1-based) or the sum.
std::string check_probability_vector(std::string_view what, std::span<const double> p);

}  // namespace alea::dist::detail
