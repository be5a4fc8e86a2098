// Closed-form laws of the simplified model's variables and the one-sample test of the
// naive model's draws against them (see fuzz_closed_form.hpp).
#include "fuzz_closed_form.hpp"

#include <algorithm>
#include <boost/math/quadrature/exp_sinh.hpp>
#include <boost/math/quadrature/gauss.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <cmath>
#include <functional>
#include <map>

#include "alea/dist/ops.hpp"
#include "alea/dist/registry.hpp"
#include "alea/infer/two_sample.hpp"

namespace alea::test::fuzz {
namespace {

// Families whose elements are independent given their parameters (a vector of them
// is one law per element); the others with a scalar event take a scalar draw only.
bool elementwise(DistKind k) {
  switch (k) {
    case DistKind::Categorical:
    case DistKind::NormalMixture:
    case DistKind::PoissonGammaJoint:
    case DistKind::BinomialBetaJoint:
    case DistKind::NegBinomialBetaJoint:
    case DistKind::GammaRateJoint:
    case DistKind::NormalMeanJoint:
    case DistKind::NormalPrecisionJoint:
    case DistKind::CategoricalDirichletJoint:
    case DistKind::MvNormal:
    case DistKind::Dirichlet:
    case DistKind::Multinomial:
    case DistKind::DirichletMultinomial:
      return false;
    default:
      return true;
  }
}

bool vector_event(DistKind k) {
  return k == DistKind::MvNormal || k == DistKind::Dirichlet || k == DistKind::Multinomial ||
         k == DistKind::DirichletMultinomial;
}

// The value of node `id` when it is a constant expression (no site among its ancestors).
std::optional<Value> constant_value(const Graph& g, NodeId id, std::map<NodeId, std::optional<Value>>& memo) {
  if (auto it = memo.find(id); it != memo.end()) return it->second;
  const Node& n = g.node(id);
  std::optional<Value> v;
  if (n.op == Op::Constant) {
    v = *n.constant;
  } else if (!is_site(n.op)) {
    std::vector<Value> in;
    for (NodeId i : n.inputs) {
      std::optional<Value> x = constant_value(g, i, memo);
      if (!x) break;
      in.push_back(std::move(*x));
    }
    if (in.size() == n.inputs.size()) v = dist::evaluate(n.op, in);
  }
  memo[id] = v;
  return v;
}

// The integral of f over [a, b], either end possibly infinite: tanh-sinh on a finite
// range (it copes with an integrable singularity at an end), exp-sinh on a half-line.
template <class F>
double tail_integral(const F& f, double a, double b) {
  if (!(a < b)) return 0;
  if (std::isfinite(a) && std::isfinite(b)) {
    static thread_local boost::math::quadrature::tanh_sinh<double> finite;
    return finite.integrate(f, a, b, 1e-12);
  }
  static thread_local boost::math::quadrature::exp_sinh<double> half_line;
  return half_line.integrate(f, a, b, 1e-12);
}

double ks_statistic(const std::vector<double>& sorted, const std::vector<double>& cdf) {
  const double n = static_cast<double>(sorted.size());
  double d = 0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const double f = std::clamp(cdf[i], 0.0, 1.0);
    d = std::max({d, static_cast<double>(i + 1) / n - f, f - static_cast<double>(i) / n});
  }
  return d;
}

OneSampleResult continuous_test(const ClosedFormLaw& law, std::vector<double> x) {
  OneSampleResult r;
  const auto f = [&law](double t) { return std::exp(law.logpdf(t)); };
  const double lo = law.support.lo, hi = law.support.hi;
  for (double& t : x) t = std::clamp(t, lo, hi);  // F is 0 below the support and 1 above
  std::vector<double> cdf(x.size());
  double acc = tail_integral(f, lo, x[0]);
  cdf[0] = acc;
  for (std::size_t i = 1; i < x.size(); ++i) {
    if (x[i] > x[i - 1]) acc += boost::math::quadrature::gauss<double, 7>::integrate(f, x[i - 1], x[i]);
    cdf[i] = acc;
  }
  r.mass = acc + tail_integral(f, x.back(), hi);
  r.statistic = ks_statistic(x, cdf);
  r.p_value = kolmogorov_pvalue(static_cast<double>(x.size()), r.statistic);
  r.tested = true;
  return r;
}

// A discrete F is a step function: sup |F_n - F| is reached at an integer of the
// support, and the Kolmogorov p-value is conservative (Noether 1963).
OneSampleResult discrete_test(const ClosedFormLaw& law, std::vector<double> x) {
  OneSampleResult r;
  constexpr double kMaxTerms = 1e6;
  const double lo = law.support.lo, hi = law.support.hi;
  std::vector<double> kept;
  for (double t : x) {
    const double k = std::round(t);
    if (std::abs(t - k) > 1e-9 * std::max(1.0, std::abs(t)) || k < lo || k > hi)
      ++r.off_support;
    else
      kept.push_back(k);
  }
  if (!std::isfinite(lo) || kept.empty() || kept.back() - lo > kMaxTerms) return r;
  const double top = kept.back();
  double cum = 0, prev = 0, d = 0;
  std::size_t below = 0;  // draws <= k
  double k = lo;
  for (; k <= hi && k - lo <= kMaxTerms; ++k) {
    const double p = std::exp(law.logpdf(k));
    cum += p;
    if (k <= top) {
      while (below < kept.size() && kept[below] <= k) ++below;
      d = std::max(d, std::abs(static_cast<double>(below) / static_cast<double>(kept.size()) - cum));
    } else if (!std::isfinite(hi) && p < 1e-20 && p <= prev) {
      break;  // the mass functions generated are unimodal: the rest of the tail is negligible
    }
    prev = p;
  }
  r.mass = cum;
  r.statistic = d;
  r.p_value = kolmogorov_pvalue(static_cast<double>(kept.size()), d);
  r.tested = true;
  return r;
}

}  // namespace

double ClosedFormLaw::logpdf(double x) const {
  return dist::logpdf(kind, params, support.integer ? Value::integer(x) : Value(x));
}

std::vector<ClosedFormLaw> closed_form_laws(const Model& m, const std::string& name) {
  const Graph& g = m.graph();
  const Node& n = g.node(m.variable(name).node);
  if (n.op != Op::Draw || vector_event(n.dist)) return {};
  std::map<NodeId, std::optional<Value>> memo;
  std::vector<Value> params;
  for (NodeId p : n.inputs) {
    std::optional<Value> v = constant_value(g, p, memo);
    if (!v) return {};
    params.push_back(std::move(*v));
  }
  const auto columns = static_cast<std::size_t>(n.shape.size());
  if (columns == 1) return {ClosedFormLaw{n.dist, params, dist::support(n.dist, params)}};
  if (!elementwise(n.dist)) return {};
  std::vector<ClosedFormLaw> laws;
  for (std::size_t i = 0; i < columns; ++i) {
    std::vector<Value> element;
    for (const Value& p : params) {
      if (p.size() != 1 && p.size() != columns) return {};
      element.emplace_back(Shape{}, std::vector<double>{p.at_broadcast(i)}, p.type());
    }
    laws.push_back({n.dist, element, dist::support(n.dist, element)});
  }
  return laws;
}

OneSampleResult ks_one_sample(const ClosedFormLaw& law, std::vector<double> draws) {
  if (draws.empty()) return {};
  std::sort(draws.begin(), draws.end());
  return law.support.integer ? discrete_test(law, std::move(draws)) : continuous_test(law, std::move(draws));
}

}  // namespace alea::test::fuzz
