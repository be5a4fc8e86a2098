// Draw tables with chain ids, and the summary rows and warnings computed from them.
#include <catch2/catch.hpp>
#include <cmath>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>

#include "alea/infer/diagnostics.hpp"
#include "alea/infer/summary.hpp"

using namespace alea;
using Catch::Matchers::Contains;

TEST_CASE("a draw table keeps the chain of each row", "[infer][summary]") {
  DrawTable t({"a", "b"});
  t.add_row({1, 10}, 0);
  t.add_row({2, 20}, 0);
  CHECK(t.chains() == 1);  // no chain id given: one chain
  t.add_row({3, 30}, 0, 1);
  t.add_row({4, 40}, 0, 1);
  CHECK(t.chains() == 2);
  CHECK(t.chain(0) == 0);
  CHECK(t.chain(3) == 1);
  CHECK(t.column_by_chain("b") == Chains{{10, 20}, {30, 40}});
  CHECK(t.column("b") == std::vector<double>{10, 20, 30, 40});
  CHECK_THROWS_WITH(t.column_by_chain("c"), Contains("no column 'c'"));
}

TEST_CASE("a draw table takes rows a block at a time, and chain ids from the first non-zero one", "[infer][summary]") {
  DrawTable t({"a", "b"});
  t.add_rows(std::vector<double>{1, 10, 2, 20, 3, 30}, std::vector<double>{-1, -2, -3});
  CHECK(t.rows() == 3);
  CHECK(t.chains() == 1);
  CHECK(t.at(2, 1) == 30);
  CHECK(t.lp(1) == -2);
  CHECK(t.column_by_chain("a") == Chains{{1, 2, 3}});
  t.add_rows(std::vector<double>{4, 40, 5, 50}, std::vector<double>{-4, -5}, 2);
  CHECK(t.chains() == 3);
  CHECK(t.chain(0) == 0);
  CHECK(t.chain(2) == 0);
  CHECK(t.chain(3) == 2);
  CHECK(t.column_by_chain("b") == Chains{{10, 20, 30}, {}, {40, 50}});
  t.add_rows(std::vector<double>{}, std::vector<double>{}, 5);  // no rows: no new chain
  CHECK(t.chains() == 3);
  CHECK_THROWS_WITH(t.add_rows(std::vector<double>{1, 2, 3}, std::vector<double>{0, 0}),
                    Contains("3 values for 2 rows of 2 columns"));
  CHECK_THROWS_WITH(t.add_row({1}, 0), Contains("a row of 1 values for 2 columns"));
  CHECK(t.rows() == 5);
}

TEST_CASE("summary rows: diagnostics over the chains, warnings naming the variables", "[infer][summary]") {
  // Column "ok": 4 chains of 1,000 iid normal draws. Column "bad": the same, chain 1 shifted
  // by 2 sd (R-hat ~ sqrt(1 + 6/7) = 1.36 for the split means; noise sd 0.045 cannot hide it).
  boost::random::mt19937_64 rng(8);
  boost::random::normal_distribution<double> e;
  DrawTable t({"ok", "bad"});
  for (std::size_t c = 0; c < 4; ++c)
    for (std::size_t i = 0; i < 1000; ++i) t.add_row({e(rng), e(rng) + (c == 0 ? 2.0 : 0.0)}, 0, c);
  const std::vector<ColumnSummary> rows = summarize(t);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].chains == 4);
  CHECK(rows[0].rhat < 1.01);  // the chi-square bound of the diagnostics tests: false alarm < 1e-10
  CHECK(rows[1].rhat > 1.2);
  // ESS of 4,000 iid draws: at least 1,870 by the bounds of the iid ESS test (S = 4,000).
  CHECK(rows[0].ess_bulk > 1870);
  CHECK(rows[0].ess_tail > 1870);
  // MCSE of the mean: 1 / sqrt(ESS) with ESS within [1870, 4000 * 1.13].
  CHECK(rows[0].mcse > 1 / std::sqrt(4000 * 1.13));
  CHECK(rows[0].mcse < 1 / std::sqrt(1870.0));
  const std::string warnings = summary_warnings(rows);
  CHECK(warnings.find("Warning: R_hat > 1.01 for bad:") == 0);
  CHECK(warnings.find("ok") == std::string::npos);
  CHECK(format_summary(rows).find(warnings) != std::string::npos);
}

TEST_CASE("summary of one chain: R-hat is the split R-hat of its halves", "[infer][summary]") {
  DrawTable t({"x"});
  // A trend: the second half is higher than the first, so split R-hat is far above 1.01.
  for (int i = 0; i < 200; ++i) t.add_row({static_cast<double>(i) + std::sin(i)}, 0);
  const std::vector<ColumnSummary> rows = summarize(t);
  CHECK(rows[0].chains == 1);
  CHECK(rows[0].rhat > 1.5);
  CHECK(summary_warnings(rows).find("R_hat > 1.01 for x") != std::string::npos);
}

TEST_CASE("summary edge cases: constant columns, no rows, chains of unequal length", "[infer][summary]") {
  DrawTable t({"c"});
  for (int i = 0; i < 10; ++i) t.add_row({3.0}, 0);
  const std::vector<ColumnSummary> rows = summarize(t);
  CHECK(rows[0].mean == 3.0);
  CHECK(std::isnan(rows[0].rhat));
  CHECK(std::isnan(rows[0].ess_bulk));
  const std::string table = format_summary(rows);
  CHECK(table.find("nan") != std::string::npos);
  CHECK(table.find("-nan") == std::string::npos);
  CHECK(summary_warnings(rows).empty());  // NaN is not a warning: nothing varies

  CHECK(summarize(DrawTable({"x"})).size() == 1);

  DrawTable uneven({"theta.1"});
  for (int i = 0; i < 6; ++i) uneven.add_row({static_cast<double>(i)}, 0, 0);
  for (int i = 0; i < 5; ++i) uneven.add_row({static_cast<double>(i)}, 0, 1);
  CHECK_THROWS_WITH(summarize(uneven),
                    Contains("summary of 'theta.1': diagnostics: chains of unequal length (chain 1 has 6 draws, "
                             "chain 2 has 5)"));
}

namespace {

// NaN equals NaN here: the summary and the functions agree on where a diagnostic is undefined.
bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

}  // namespace

TEST_CASE("summary rows equal the public diagnostics bit for bit", "[infer][summary]") {
  // The summary computes its diagnostics from one sort; they must be exactly what
  // mcse_mean, ess_bulk, ess_tail, rhat and quantile give on the same draws: even and
  // odd chain lengths (an odd chain's middle draw is left out of the split chains), one
  // chain and several, continuous draws, draws with many ties, a constant column, and
  // too few draws for split diagnostics.
  boost::random::mt19937_64 rng(21);
  boost::random::normal_distribution<double> e;
  for (const auto& [chains, n] : std::vector<std::pair<std::size_t, std::size_t>>{{1, 1000}, {1, 1001}, {4, 250},
                                                                                 {3, 333}, {2, 3}, {1, 5}}) {
    DrawTable t({"x", "ties", "flat"});
    for (std::size_t c = 0; c < chains; ++c)
      for (std::size_t i = 0; i < n; ++i) {
        const double x = e(rng) + 0.3 * static_cast<double>(c);
        t.add_row({x, std::round(2 * x), 1.5}, 0, c);
      }
    const std::vector<ColumnSummary> rows = summarize(t);
    for (const ColumnSummary& row : rows) {
      INFO(chains << " chain(s) x " << n << ", column " << row.name);
      const Chains ch = t.column_by_chain(row.name);
      const std::vector<double> all = t.column(row.name);
      CHECK(same(row.q05, quantile(all, 0.05)));
      CHECK(same(row.q50, quantile(all, 0.50)));
      CHECK(same(row.q95, quantile(all, 0.95)));
      CHECK(same(row.mcse, mcse_mean(ch)));
      CHECK(same(row.ess_bulk, ess_bulk(ch)));
      CHECK(same(row.ess_tail, ess_tail(ch)));
      CHECK(same(row.rhat, rhat(ch)));
    }
  }
}

TEST_CASE("summary of tables, one a chain, equals the summary of their concatenation", "[infer][summary]") {
  // 500 draws a chain: one thread; 40,000: the columns split over the cores.
  const int n = GENERATE(500, 40000);
  boost::random::mt19937_64 rng(21);
  boost::random::normal_distribution<double> e;
  std::vector<DrawTable> chains(3, DrawTable({"skip", "a", "b"}));
  DrawTable all({"a", "b"});
  for (std::size_t c = 0; c < chains.size(); ++c)
    for (int i = 0; i < n; ++i) {
      const double a = e(rng), b = e(rng) * 2 + static_cast<double>(c);
      chains[c].add_row({0.0, a, b}, 0);
      all.add_row({a, b}, 0, c);
    }
  const std::vector<ColumnSummary> split = summarize(std::span<const DrawTable>(chains), 1), whole = summarize(all);
  REQUIRE(split.size() == 2);
  for (std::size_t k = 0; k < 2; ++k) {
    CHECK(split[k].name == whole[k].name);
    CHECK(split[k].chains == 3);
    CHECK(split[k].mean == whole[k].mean);
    CHECK(split[k].sd == whole[k].sd);
    CHECK(split[k].q50 == whole[k].q50);
    CHECK(split[k].ess_bulk == whole[k].ess_bulk);
    CHECK(split[k].rhat == whole[k].rhat);
  }
  chains[1] = DrawTable({"skip", "a", "c"});
  CHECK_THROWS_WITH(summarize(std::span<const DrawTable>(chains), 1), Catch::Contains("different columns"));
}
