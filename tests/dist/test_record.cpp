// The distribution records (record.hpp): every kind has one, and the facts that several
// layers read from them are consistent with the distribution itself.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <vector>

#include "alea/dist/record.hpp"
#include "alea/dist/registry.hpp"

using namespace alea;
using namespace alea::dist;

TEST_CASE("every kind has a record with its value-level operations", "[dist][record]") {
  for (int i = 0; i < kDistKindCount; ++i) {
    const auto k = static_cast<DistKind>(i);
    INFO(dist_info(k).name);
    const DistRecord& r = record(k);
    CHECK(r.natural_shape);
    CHECK(r.check_params);
    CHECK(r.logpdf);
    CHECK(r.draw);
    CHECK(r.support);
    // A scalar record's closed-form partials are those of a scalar distribution.
    if (r.partials) CHECK(has_logpdf_each(k));
    // A bound that is a parameter names one.
    CHECK(r.support_spec.lo.param < static_cast<int>(dist_info(k).params.size()));
    CHECK(r.support_spec.hi.param < static_cast<int>(dist_info(k).params.size()));
    // An integer support is stated only for integer values (the joint marginals state none).
    if (r.support_spec.integer) CHECK(dist_info(k).value_type == ScalarType::Integer);
  }
}

TEST_CASE("a BUGS form gives every alea parameter from distinct BUGS arguments", "[dist][record][bugs]") {
  std::set<std::string_view> names;
  for (int i = 0; i < kDistKindCount; ++i) {
    const auto k = static_cast<DistKind>(i);
    const BugsForm& f = record(k).bugs;
    if (f.name.empty()) continue;
    INFO(f.name);
    CHECK(names.insert(f.name).second);  // one kind per BUGS name
    std::size_t nparams = 0;
    std::set<int> read;
    for (const BugsParam& p : f.params) {
      if (p.conv == BugsConv::None) continue;
      ++nparams;
      CHECK(p.a < f.nargs);
      CHECK(read.insert(p.a).second);  // each argument converts to one parameter
      if (p.conv == BugsConv::WeibullScale) CHECK(p.b < f.nargs);
    }
    CHECK(nparams == dist_info(k).params.size());
    CHECK(read.size() == f.nargs);
    for (const BugsPositive& c : f.positive)
      if (c.arg >= 0) CHECK(static_cast<std::size_t>(c.arg) < f.nargs);
  }
  CHECK(names.count("dweib") == 1);
}

TEST_CASE("the support of scalar kinds resolves from their records' specs", "[dist][record][support]") {
  const std::vector<Value> pareto{Value(2.0), Value(3.0)};
  CHECK(support(DistKind::Pareto, pareto).lo == 2.0);
  CHECK(std::isinf(support(DistKind::Pareto, pareto).hi));
  const std::vector<Value> uniform{Value(-1.0), Value(4.0)};
  CHECK(support(DistKind::Uniform, uniform).lo == -1.0);
  CHECK(support(DistKind::Uniform, uniform).hi == 4.0);
  CHECK(!record(DistKind::Gamma).support_spec.depends_on_params());
  CHECK(record(DistKind::Binomial).support_spec.depends_on_params());
  CHECK(record(DistKind::Dirichlet).support_spec.simplex);
  // The partials of weibull at a point equal its log density there.
  const double p[2] = {1.5, 2.0};
  const Partials t = record(DistKind::Weibull).partials(p, 1.3);
  const std::vector<Value> wp{Value(1.5), Value(2.0)};
  CHECK(t.lp == Approx(logpdf(DistKind::Weibull, wp, Value(1.3))).epsilon(1e-14));
}
