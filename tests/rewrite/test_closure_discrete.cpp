// Closure rules of the discrete families. Each rule: it fires; the rewritten pmf
// (Boost) equals the exact convolution of the naive pmfs (computed by summing) to
// rounding; and a two-sample chi-square test of naive against simplified draws.
#include "closure_test_util.hpp"

using namespace alea;
using namespace alea::test::closure;

namespace {

constexpr std::size_t kTableMax = 60;  // pmf tables on 0..kTableMax

std::vector<double> naive_pmf(DistKind d, std::vector<double> p) { return table(pmf_of(d, p), kTableMax); }

// The n-fold convolution: the pmf of n iid copies' sum.
std::vector<double> iid_pmf(DistKind d, std::vector<double> p, int n) {
  std::vector<double> t = naive_pmf(d, p), acc = t;
  for (int i = 1; i < n; ++i) acc = convolve(acc, t);
  return acc;
}

}  // namespace

TEST_CASE("independent poissons add their rates", "[rewrite][closure][discrete]") {
  Model m;
  Expr x = m.random("x", poisson(1.5));
  Expr y = m.random("y", poisson(2.5));
  m.let("z", x + y);
  m.monitor({"z"});
  check_discrete(m, "poisson-sum", DistKind::Poisson, {4.0},
                 convolve(naive_pmf(DistKind::Poisson, {1.5}), naive_pmf(DistKind::Poisson, {2.5})));
}

TEST_CASE("independent binomials with a common p add their trials", "[rewrite][closure][discrete]") {
  Model m;
  Expr x = m.random("x", binomial(3, 0.3));
  Expr y = m.random("y", binomial(5, 0.3));
  m.let("z", x + y);
  m.monitor({"z"});
  check_discrete(m, "binomial-sum", DistKind::Binomial, {8.0, 0.3},
                 convolve(naive_pmf(DistKind::Binomial, {3, 0.3}), naive_pmf(DistKind::Binomial, {5, 0.3})));
}

TEST_CASE("two independent bernoullis with a common p are binomial(2, p)", "[rewrite][closure][discrete]") {
  Model m;
  Expr x = m.random("x", bernoulli(0.3));
  Expr y = m.random("y", bernoulli(0.3));
  m.let("z", x + y);
  m.monitor({"z"});
  check_discrete(m, "bernoulli-sum", DistKind::Binomial, {2.0, 0.3},
                 convolve(naive_pmf(DistKind::Bernoulli, {0.3}), naive_pmf(DistKind::Bernoulli, {0.3})));
}

TEST_CASE("a bernoulli plus a binomial with a common p", "[rewrite][closure][discrete]") {
  Model m;
  Expr x = m.random("x", bernoulli(0.3));
  Expr y = m.random("y", binomial(4, 0.3));
  m.let("z", x + y);
  m.monitor({"z"});
  check_discrete(m, "bernoulli-binomial-sum", DistKind::Binomial, {5.0, 0.3},
                 convolve(naive_pmf(DistKind::Bernoulli, {0.3}), naive_pmf(DistKind::Binomial, {4, 0.3})));
}

TEST_CASE("independent negative binomials with a common p add their r", "[rewrite][closure][discrete]") {
  Model m;
  Expr x = m.random("x", neg_binomial(2.0, 0.4));
  Expr y = m.random("y", neg_binomial(3.0, 0.4));
  m.let("z", x + y);
  m.monitor({"z"});
  check_discrete(m, "neg-binomial-sum", DistKind::NegativeBinomial, {5.0, 0.4},
                 convolve(naive_pmf(DistKind::NegativeBinomial, {2, 0.4}), naive_pmf(DistKind::NegativeBinomial, {3, 0.4})));
}

TEST_CASE("geometric sums are negative binomial", "[rewrite][closure][discrete]") {
  SECTION("geometric + geometric") {
    Model m;
    Expr x = m.random("x", geometric(0.3));
    Expr y = m.random("y", geometric(0.3));
    m.let("z", x + y);
    m.monitor({"z"});
    const auto r = fires(m, "geometric-sum", DistKind::NegativeBinomial, {2.0, 0.3});
    CHECK(fired(r, "geometric-as-neg-binomial"));
    check_discrete(m, "geometric-sum", DistKind::NegativeBinomial, {2.0, 0.3},
                   convolve(naive_pmf(DistKind::Geometric, {0.3}), naive_pmf(DistKind::Geometric, {0.3})));
  }
  SECTION("geometric + negative binomial") {
    Model m;
    Expr x = m.random("x", geometric(0.3));
    Expr y = m.random("y", neg_binomial(2.0, 0.3));
    m.let("z", x + y);
    m.monitor({"z"});
    check_discrete(m, "geometric-neg-binomial-sum", DistKind::NegativeBinomial, {3.0, 0.3},
                   convolve(naive_pmf(DistKind::Geometric, {0.3}), naive_pmf(DistKind::NegativeBinomial, {2, 0.3})));
  }
}

TEST_CASE("neg_binomial(1, p) is geometric(p)", "[rewrite][closure][discrete]") {
  Model m;
  Expr x = m.random("x", neg_binomial(1.0, 0.3));
  m.let("z", x + 0.0);
  m.monitor({"z"});
  check_discrete(m, "neg-binomial-one-as-geometric", DistKind::Geometric, {0.3},
                 naive_pmf(DistKind::NegativeBinomial, {1, 0.3}));
}

TEST_CASE("sums of one vector draw's iid discrete elements", "[rewrite][closure][iid][discrete]") {
  SECTION("poisson") {
    Model m;
    Expr v = m.random("v", poisson(0.5), Shape{6});
    m.let("z", sum(v));
    m.monitor({"z"});
    check_discrete(m, "poisson-iid-sum", DistKind::Poisson, {3.0}, iid_pmf(DistKind::Poisson, {0.5}, 6));
  }
  SECTION("bernoulli") {
    Model m;
    Expr v = m.random("v", bernoulli(0.2), Shape{10});
    m.let("z", sum(v));
    m.monitor({"z"});
    check_discrete(m, "bernoulli-iid-sum", DistKind::Binomial, {10.0, 0.2}, iid_pmf(DistKind::Bernoulli, {0.2}, 10));
  }
  SECTION("binomial") {
    Model m;
    Expr v = m.random("v", binomial(3, 0.4), Shape{4});
    m.let("z", sum(v));
    m.monitor({"z"});
    check_discrete(m, "binomial-iid-sum", DistKind::Binomial, {12.0, 0.4}, iid_pmf(DistKind::Binomial, {3, 0.4}, 4));
  }
  SECTION("negative binomial") {
    Model m;
    Expr v = m.random("v", neg_binomial(1.5, 0.6), Shape{3});
    m.let("z", sum(v));
    m.monitor({"z"});
    check_discrete(m, "neg-binomial-iid-sum", DistKind::NegativeBinomial, {4.5, 0.6},
                   iid_pmf(DistKind::NegativeBinomial, {1.5, 0.6}, 3));
  }
  SECTION("geometric") {
    Model m;
    Expr v = m.random("v", geometric(0.5), Shape{3});
    m.let("z", sum(v));
    m.monitor({"z"});
    check_discrete(m, "geometric-iid-sum", DistKind::NegativeBinomial, {3.0, 0.5}, iid_pmf(DistKind::Geometric, {0.5}, 3));
  }
}
