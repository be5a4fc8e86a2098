// JAGS's bugs-module distributions dhyper, dsample, dsum and dround: mass sums to 1
// (by enumeration), hand formulas, draws against the mass (chi-square, CLT), parameter
// messages. Statistical checks at fixed seeds, false-alarm rate kFalseAlarm each.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "../stat_tests.hpp"
#include "alea/dist/constraints.hpp"
#include "alea/dist/registry.hpp"

using namespace alea;

namespace {

std::vector<Value> values(const std::vector<double>& p) {
  std::vector<Value> v;
  for (double x : p) v.emplace_back(x);
  return v;
}

double choose(double n, double k) { return std::exp(std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1)); }

}  // namespace

TEST_CASE("dhyper: Fisher's non-central hypergeometric on max(0, m1 - n2)..min(n1, m1)", "[dist][hypergeometric]") {
  // n1 = 5 white, n2 = 7 black, m1 = 9 drawn: x in 2..5.
  const auto p = values({5, 7, 9, 2.5});
  const dist::Support s = dist::support(DistKind::Hypergeometric, p);
  CHECK((s.lo == 2 && s.hi == 5 && s.integer));
  double z = 0;
  for (double x = 2; x <= 5; x += 1) z += choose(5, x) * choose(7, 9 - x) * std::pow(2.5, x);
  double total = 0;
  for (double x = 0; x <= 9; x += 1) {
    const double lp = dist::logpdf(DistKind::Hypergeometric, p, Value(x));
    if (x < 2 || x > 5) {
      CHECK(lp == -INFINITY);
      continue;
    }
    CHECK(lp == Approx(std::log(choose(5, x) * choose(7, 9 - x) * std::pow(2.5, x) / z)).epsilon(1e-12));
    total += std::exp(lp);
  }
  CHECK(total == Approx(1).epsilon(1e-13));
  // psi = 1: the central hypergeometric, C(n1, x) C(n2, m1 - x) / C(n1 + n2, m1).
  CHECK(dist::logpdf(DistKind::Hypergeometric, values({5, 7, 9, 1}), Value(3.0)) ==
        Approx(std::log(choose(5, 3) * choose(7, 6) / choose(12, 9))).epsilon(1e-12));
  CHECK(dist::mean(DistKind::Hypergeometric, values({5, 7, 9, 1}), Shape{})[0] == Approx(9.0 * 5 / 12).epsilon(1e-12));
}

TEST_CASE("dhyper draws follow the mass (chi-square)", "[dist][hypergeometric][statistical]") {
  Rng rng(20261207);
  const auto p = values({30, 20, 25, 0.6});
  const Value d = dist::draw(DistKind::Hypergeometric, p, Shape{5000}, rng);
  const auto pmf = [&](double k) { return std::exp(dist::logpdf(DistKind::Hypergeometric, p, Value(k))); };
  CHECK(test::chi_square_pvalue(d.data(), pmf, 5, 25) > test::kFalseAlarm);
  CHECK(dist_info(DistKind::Hypergeometric).value_type == ScalarType::Integer);
}

TEST_CASE("dhyper parameter checks name the bad value", "[dist][hypergeometric]") {
  CHECK_THROWS_WITH(dist::check_params(DistKind::Hypergeometric, values({5, 7, 13, 1}), Shape{}),
                    Catch::Contains("parameter m1 is 13, but must be at most n1 + n2 = 12"));
  CHECK_THROWS_WITH(dist::check_params(DistKind::Hypergeometric, values({5, 2.5, 3, 1}), Shape{}),
                    Catch::Contains("parameter n2"));
  CHECK_THROWS_WITH(dist::check_params(DistKind::Hypergeometric, values({5, 7, 3, 0}), Shape{}),
                    Catch::Contains("odds ratio psi"));
}

TEST_CASE("dsample: mass prod p_i^x_i / e_k(p) over the 0/1 vectors with k ones", "[dist][sample]") {
  const Value w = Value(std::vector<double>{1, 2, 0.5, 3, 1.5});
  const std::vector<Value> p{w, Value(2.0)};
  double total = 0;
  double e2 = 0;  // e_2 of the weights by hand
  for (int i = 0; i < 5; ++i)
    for (int j = i + 1; j < 5; ++j) e2 += w[static_cast<std::size_t>(i)] * w[static_cast<std::size_t>(j)];
  for (int mask = 0; mask < 32; ++mask) {
    std::vector<double> x(5);
    int ones = 0;
    double prod = 1;
    for (int i = 0; i < 5; ++i)
      if (mask >> i & 1) x[static_cast<std::size_t>(i)] = 1, ++ones, prod *= w[static_cast<std::size_t>(i)];
    const double lp = dist::logpdf(DistKind::Sample, p, Value(Shape::vector(5), x, ScalarType::Integer));
    if (ones != 2) {
      CHECK(lp == -INFINITY);
      continue;
    }
    CHECK(lp == Approx(std::log(prod / e2)).epsilon(1e-12));
    total += std::exp(lp);
  }
  CHECK(total == Approx(1).epsilon(1e-13));
  CHECK(dist::logpdf(DistKind::Sample, p, Value(Shape::vector(5), {1, 0.5, 0, 0, 0}, ScalarType::Real)) == -INFINITY);
}

TEST_CASE("dsample draws have k ones and the inclusion probabilities of the mass", "[dist][sample][statistical]") {
  Rng rng(20261208);
  const Value w = Value(std::vector<double>{1, 2, 0.5, 3, 1.5, 0.2});
  const std::vector<Value> p{w, Value(3.0)};
  const Value incl = dist::mean(DistKind::Sample, p, Shape::vector(6));
  double sum = 0;
  for (double v : incl.data()) sum += v;
  CHECK(sum == Approx(3).epsilon(1e-12));
  constexpr int kN = 4000;
  std::vector<std::vector<double>> col(6);
  for (int n = 0; n < kN; ++n) {
    const Value d = dist::draw(DistKind::Sample, p, Shape::vector(6), rng);
    double ones = 0;
    for (std::size_t i = 0; i < 6; ++i) ones += d[i], col[i].push_back(d[i]);
    REQUIRE(ones == 3);
  }
  // Inclusion of item i by enumeration of the mass (independent of mean()).
  for (std::size_t i = 0; i < 6; ++i) {
    double pi = 0;
    for (int mask = 0; mask < 64; ++mask) {
      if (__builtin_popcount(static_cast<unsigned>(mask)) != 3 || !(mask >> i & 1)) continue;
      std::vector<double> x(6);
      for (std::size_t j = 0; j < 6; ++j) x[j] = mask >> j & 1;
      pi += std::exp(dist::logpdf(DistKind::Sample, p, Value(Shape::vector(6), x, ScalarType::Integer)));
    }
    CHECK(incl[i] == Approx(pi).epsilon(1e-10));
    CHECK(test::mean_within_clt(col[i], pi, pi * (1 - pi)));
  }
  CHECK_THROWS_WITH(dist::check_params(DistKind::Sample, std::vector<Value>{w, Value(7.0)}, Shape::vector(6)),
                    Catch::Contains("number of items drawn k is 7, but must be at most the number of weights, 6"));
  CHECK_THROWS_WITH(dist::check_params(DistKind::Sample, std::vector<Value>{Value(std::vector<double>{1, 0}), Value(1.0)}, Shape::vector(2)),
                    Catch::Contains("weight p[2] is 0"));
}

TEST_CASE("dsum and dround: mass 1 at the sum and at the rounded value", "[dist][constraints]") {
  CHECK(dist::logpdf(DistKind::Sum, values({7}), Value(7.0)) == 0);
  CHECK(dist::logpdf(DistKind::Sum, values({7}), Value(6.0)) == -INFINITY);
  CHECK(dist::logpdf(DistKind::Sum, values({0.1 + 0.2}), Value(0.3)) == 0);  // within 16 ulps
  CHECK(dist::logpdf(DistKind::Round, values({1.2345, 2}), Value(1.23)) == 0);
  CHECK(dist::logpdf(DistKind::Round, values({1.2355, 2}), Value(1.23)) == -INFINITY);
  CHECK(dist::logpdf(DistKind::Round, values({1234.5, -2}), Value(1200.0)) == 0);
  CHECK(dist::logpdf(DistKind::Round, values({2.6, 0}), Value(3.0)) == 0);
  CHECK(dist::round_to_digits(-2.5, 0) == -3);
  const dist::Support b = dist::rounding_bounds(1.23, 2);
  CHECK((b.lo == Approx(1.225) && b.hi == Approx(1.235)));
  Rng rng(1);
  CHECK(dist::draw(DistKind::Round, values({3.14159, 3}), Shape{}, rng)[0] == Approx(3.142).epsilon(1e-15));
  CHECK_THROWS_WITH(dist::check_params(DistKind::Round, values({1, 0.5}), Shape{}),
                    Catch::Contains("number of digits d is 0.5, but must be an integer"));
}
