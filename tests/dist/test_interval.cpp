// dinterval(t, c): the index of t among sorted cut points, as JAGS defines it
// (y = i when c[i] < t <= c[i+1]), its 0/-inf density, point-mass draws and the
// bounds an observed index puts on t.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "alea/dist/interval.hpp"
#include "alea/dist/record.hpp"
#include "alea/dist/registry.hpp"

using namespace alea;
using namespace alea::dist;

TEST_CASE("interval index counts the cut points below t", "[dist][interval]") {
  const std::vector<double> c{1.0, 2.0, 4.0};
  CHECK(interval_index(Interval{0.5, c}) == 0);
  CHECK(interval_index(Interval{1.0, c}) == 0);  // t <= c[1]
  CHECK(interval_index(Interval{1.5, c}) == 1);
  CHECK(interval_index(Interval{4.0, c}) == 2);
  CHECK(interval_index(Interval{9.0, c}) == 3);
  CHECK(logpdf(Interval{1.5, c}, 1.0) == 0.0);
  CHECK(logpdf(Interval{1.5, c}, 2.0) == -INFINITY);
  CHECK(check(Interval{1.5, {2.0, 1.0}}).find("not sorted") != std::string::npos);
  CHECK(check(Interval{NAN, c}).find("NaN") != std::string::npos);
}

TEST_CASE("interval through the registry: scalar or vector cut points, point-mass draws", "[dist][interval]") {
  const std::vector<Value> scalar_cut{Value(3.0), Value(2.0)};
  CHECK(dist::logpdf(DistKind::Interval, scalar_cut, Value::integer(1)) == 0.0);
  CHECK(dist::logpdf(DistKind::Interval, scalar_cut, Value::integer(0)) == -INFINITY);
  const std::vector<Value> cuts{Value(0.5), Value(std::vector<double>{1.0, 2.0})};
  Rng rng(7);
  CHECK(dist::draw(DistKind::Interval, cuts, Shape{}, rng).scalar() == 0);
  CHECK(dist::support(DistKind::Interval, cuts).hi == 2);
  CHECK(record(DistKind::Interval).bugs.name == "dinterval");
}

TEST_CASE("an observed index bounds t to its interval", "[dist][interval]") {
  const std::vector<double> c{1.0, 3.0};
  const Support s0 = censoring_bounds(c, 0), s1 = censoring_bounds(c, 1), s2 = censoring_bounds(c, 2);
  CHECK((std::isinf(s0.lo) && s0.lo < 0 && s0.hi == 1.0));
  CHECK((s1.lo == 1.0 && s1.hi == 3.0));
  CHECK((s2.lo == 3.0 && std::isinf(s2.hi)));
  CHECK(censoring_bounds(c, 3).lo > censoring_bounds(c, 3).hi);  // no such index
  CHECK(censoring_bounds(c, 0.5).lo > censoring_bounds(c, 0.5).hi);
}
