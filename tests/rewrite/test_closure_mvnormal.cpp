// Closure rules of the multivariate normal: A x + b, sums of independent ones and
// scalar multiples. Each: it fires with the covariance worked by hand here, a
// projection of naive draws against its exact normal law (KS), a two-sample KS
// test of naive against simplified draws, and negative tests of the guards.
#include <cmath>

#include "closure_test_util.hpp"

using namespace alea;
using namespace alea::test::closure;
using alea::test::kFalseAlarm;
using alea::test::ks_pvalue;

namespace {

const Value kS(Shape::matrix(2, 2), {1.0, 0.5, 0.5, 2.0}, ScalarType::Real);

// Draws of z's column `col` (z.1, z.2) from m's prior.
std::vector<double> z_column(const Model& m, const std::string& col, std::uint64_t seed, std::size_t n) {
  Rng rng(seed);
  return sample_prior(m, n, rng, {"z"}).column(col);
}

// z.1 naive against normal(mean1, sd1); z.2 naive against simplified.
void check_projections(const Model& naive, const Model& simplified, double mean1, double sd1) {
  CHECK(ks_pvalue(z_column(naive, "z.1", 21, 50'000), cdf_of(DistKind::Normal, {mean1, sd1})) > kFalseAlarm);
  CHECK(ks_two_sample(z_column(naive, "z.2", 22, 20'000), z_column(simplified, "z.2", 23, 20'000)).p_value > kFalseAlarm);
}

}  // namespace

TEST_CASE("A x + b of a multivariate normal", "[rewrite][closure][mv_normal]") {
  // A = [[1, 2], [0, -1]] (column-major {1, 0, 2, -1}); A S A' = [[1 + 2 + 8, -0.5 - 4], [., 2]] = [[11, -4.5], [-4.5, 2]].
  const Value A(Shape::matrix(2, 2), {1.0, 0.0, 2.0, -1.0}, ScalarType::Real);
  Model m;
  Expr x = m.draw(mv_normal(std::vector<double>{1.0, -1.0}, kS));
  m.let("z", matvec(A, x) + std::vector<double>{0.5, 0.5});
  m.monitor({"z"});
  const rewrite::SimplifyResult r = rewrite::simplify(m);
  INFO(to_string(r.model));
  REQUIRE(is_draw(r.model, "z", DistKind::MvNormal));
  CHECK(fired(r, "mv-normal-linear"));
  // z.1 = x1 + 2 x2 + 0.5: mean 1 - 2 + 0.5, variance 11.
  check_projections(m, r.model, -0.5, std::sqrt(11.0));
}

TEST_CASE("a sum of independent multivariate normals", "[rewrite][closure][mv_normal]") {
  Model m;
  Expr x = m.draw(mv_normal(std::vector<double>{1.0, -1.0}, kS));
  Expr y = m.draw(mv_normal(std::vector<double>{2.0, 0.0}, kS));
  m.let("z", x + y);
  m.monitor({"z"});
  const rewrite::SimplifyResult r = rewrite::simplify(m);
  REQUIRE(is_draw(r.model, "z", DistKind::MvNormal));
  CHECK(fired(r, "mv-normal-sum"));
  check_projections(m, r.model, 3.0, std::sqrt(2.0));
}

TEST_CASE("mv_normal guard: x + x is 2x, not two draws", "[rewrite][closure][mv_normal][guard]") {
  Model m;
  Expr x = m.draw(mv_normal(std::vector<double>{1.0, -1.0}, kS));
  m.let("z", x + x);
  m.monitor({"z"});
  const rewrite::SimplifyResult r = rewrite::simplify(m);
  INFO(to_string(r.model));
  CHECK_FALSE(fired(r, "mv-normal-sum"));
  // z.1 = 2 x1: variance 4, never 2.
  check_projections(m, r.model, 2.0, 2.0);
}

TEST_CASE("mv_normal guard: a visible x is not marginalized away", "[rewrite][closure][mv_normal][guard]") {
  Model m;
  Expr x = m.random("x", mv_normal(std::vector<double>{1.0, -1.0}, kS));
  m.let("z", x + std::vector<double>{1.0, 1.0});
  const rewrite::SimplifyResult r = rewrite::simplify(m);  // x and z queried
  CHECK(is_draw(r.model, "x", DistKind::MvNormal));
  CHECK_FALSE(is_draw(r.model, "z", DistKind::MvNormal));
}
