// Where a chain starts (see chain_start.hpp).
#include "chain_start.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "alea/dist/registry.hpp"

namespace alea::detail {

// The support of element i of a discrete draw of scalars, from its record given its
// parameters' values (a scalar parameter answers for every element; a vector parameter,
// as categorical's p, is passed whole), ends rounded inward to integers. A draw of
// vectors (multinomial) has none here: its elements are not free one at a time.
static bool discrete_support(const infer::LogDensityFunction& f, const Node& node, std::size_t i, double& lo,
                             double& hi) {
  const DistInfo& info = dist_info(node.dist);
  if (info.value_arity != Arity::Scalar) return false;
  std::vector<Value> params;
  for (std::size_t k = 0; k < node.inputs.size(); ++k) {
    const auto v = f.node_value(node.inputs[k]);
    if (k < info.param_arity.size() && info.param_arity[k] != Arity::Scalar)
      params.emplace_back(Shape::vector(static_cast<std::int64_t>(v.size())), std::vector<double>(v.begin(), v.end()),
                          ScalarType::Real);
    else
      params.emplace_back(v.size() == 1 ? v[0] : v[i]);
  }
  const dist::Support s = dist::support(node.dist, params);
  lo = std::ceil(s.lo), hi = std::floor(s.hi);
  return true;
}

bool finite_support(const infer::LogDensityFunction& f, const Node& node, std::size_t i, double& lo,
                    double& hi) {
  return discrete_support(f, node, i, lo, hi) && std::isfinite(lo) && std::isfinite(hi);
}

bool count_support(const infer::LogDensityFunction& f, const Node& node, std::size_t i, double& lo) {
  double hi = 0;
  return discrete_support(f, node, i, lo, hi) && std::isfinite(lo) && !std::isfinite(hi);
}

ChainStart::ChainStart(const Model& m, infer::LogDensityFunction& f, Rng& rng, const NodeNames& names,
                       const InitialValues* inits)
    : m_(m), f_(f), rng_(rng), names_(names), sums_(find_observed_sums(m.graph(), f, names)) {
  if (inits) resolve(*inits);
}

// Initial values given for this chain, resolved to the free variables and discrete
// latents of the density; those of variables the density does not hold (integrated
// out, or drawn exactly given the rest) are ignored.
void ChainStart::resolve(const InitialValues& inits) {
  const Graph& g = m_.graph();
  std::vector<int> free_index(g.size(), -1), discrete(g.size(), 0);
  for (std::size_t k = 0; k < f_.free_variables().size(); ++k)
    free_index[f_.free_variables()[k].node] = static_cast<int>(k);
  for (NodeId d : f_.discrete_latents()) discrete[d] = 1;
  std::vector<int> free_init(f_.free_variables().size(), -1);
  for (const auto& [name, value] : inits.values) {
    const SourceLoc where = inits.where.count(name) ? inits.where.at(name) : SourceLoc{};
    bool given = false, used = false;
    for (double x : value.data()) given = given || !std::isnan(x);
    if (!given) continue;
    if (!m_.has(name)) {
      ignored_.push_back(name);
      continue;
    }
    const std::vector<ElementSource> els = element_sources(g, m_.variable(name).node);
    for (std::size_t i = 0; i < els.size() && i < value.size(); ++i) {
      if (std::isnan(value[i]) || els[i].draw == ElementSource::kNoDraw) continue;
      const NodeId d = els[i].draw;
      if (const int k = free_index[d]; k >= 0) {
        int& slot = free_init[static_cast<std::size_t>(k)];
        if (slot < 0) {
          slot = static_cast<int>(free_inits_.size());
          const std::size_t n = f_.node_value(d).size();
          free_inits_.push_back({static_cast<std::size_t>(k), std::vector<double>(n, NAN),
                                 std::vector<std::size_t>(n, 0), name, where});
        }
        FreeInit& fi = free_inits_[static_cast<std::size_t>(slot)];
        fi.x[els[i].offset] = value[i];
        fi.element[els[i].offset] = i;
        used = true;
      } else if (discrete[d]) {
        discrete_inits_.push_back({d, els[i].offset, i, value[i], name, where});
        used = true;
      }
    }
    if (!used) ignored_.push_back(name);
  }
  // In the density's order (parents first): a transform whose bounds, or location and
  // scale (a non-centred group), are parameters reads them already set.
  std::sort(free_inits_.begin(), free_inits_.end(), [](const FreeInit& a, const FreeInit& b) { return a.k < b.k; });
}

// Where no initial value is given, a start as Stan's: the continuous block uniform
// on (-2, 2) unconstrained; discrete latents uniform over their finite support given
// their parameters there (a count near its mean). Never a draw of the prior: a vague
// prior's draw can be 0 or Inf to double precision. Retried until the log density
// and its gradient are finite.
void ChainStart::start(infer::PhasePoint& z) {
  const std::size_t dim = f_.dimension();
  z.q.assign(dim, 0.0);
  z.grad.assign(dim, 0.0);
  std::vector<bool> given(dim, false);
  std::size_t n_given = 0;
  for (const FreeInit& fi : free_inits_) {
    const infer::FreeVariable& fv = f_.free_variables()[fi.k];
    std::size_t count = 0;
    for (double x : fi.x) count += !std::isnan(x);
    if (fv.transform == infer::TransformKind::Simplex) {
      double sum = 0;
      for (double x : fi.x) sum += x;
      if (count != fi.x.size() || !(std::abs(sum - 1) <= 1e-8))
        throw InputError(fi.where,
                         "variable '" + fi.name + "': an initial value of a simplex (dirichlet) has " +
                             "all its elements, positive and summing to 1" +
                             (count == fi.x.size() ? " (they sum to " + format_number(sum) + ")" : ""));
      for (std::size_t i = 0; i < fv.size; ++i) given[fv.offset + i] = true;
    } else if (fv.transform == infer::TransformKind::CholeskySPD) {
      if (count != fi.x.size())
        throw InputError(fi.where, "variable '" + fi.name + "': an initial value of a symmetric positive definite " +
                                       "matrix (wishart) has all its elements");
      for (std::size_t i = 0; i < fv.size; ++i) given[fv.offset + i] = true;
    } else {
      for (std::size_t i = 0; i < fv.size; ++i) given[fv.offset + i] = !std::isnan(fi.x[i]);
    }
  }
  for (bool b : given) n_given += b;  // unconstrained coordinates (a simplex of K has K - 1)
  std::size_t n_discrete = 0;
  for (NodeId d : f_.discrete_latents()) n_discrete += f_.node_value(d).size();
  const bool random_left = n_given < dim || discrete_inits_.size() < n_discrete;
  for (int attempt = 0; attempt < kInitAttempts; ++attempt) {
    for (std::size_t i = 0; i < dim; ++i)
      if (!given[i]) z.q[i] = -2 + 4 * rng_.uniform01();
    set_given(z, attempt == 0);
    for (const ObservedSum& sum : sums_) satisfy_sum(f_, m_.graph(), sum, z.q, names_);
    z.lp = f_.value_and_gradient(z.q, z.grad);
    bool finite = std::isfinite(z.lp);
    for (double gi : z.grad) finite = finite && std::isfinite(gi);
    if (finite) return;
    if (!random_left) break;
  }
  std::string which;
  for (NodeId id : f_.nonfinite_at(z.q)) which += (which.empty() ? "" : "; ") + names_.describe(id);
  if (which.empty()) which = "no single term";
  throw std::runtime_error(
      std::string(random_left ? "no initial point with a finite log density and gradient in " +
                                    std::to_string(kInitAttempts) +
                                    " attempts (uniform(-2, 2) on the unconstrained scale" +
                                    (n_given > 0 ? ", with the initial values given)" : ")")
                              : "the log density or its gradient is not finite at the initial values given") +
      "; not finite: " + which + ". Give initial values (--inits) inside the support");
}

// The initial values into the point: free variables transformed to the unconstrained
// scale (bounds that are parameters taken at the point), discrete latents set, the
// other discrete elements started at random. `check`: an initial value outside its
// support given its parameters there is an error at its location.
void ChainStart::set_given(infer::PhasePoint& z, bool check) {
  const Graph& g = m_.graph();
  f_.set_point(z.q);
  for (const FreeInit& fi : free_inits_) {
    const infer::FreeVariable& fv = f_.free_variables()[fi.k];
    if (fv.bounds_from_parameters) f_.set_point(z.q);
    u_.assign(fv.size, 0.0);
    f_.unconstrain_free(fi.k, fi.x, u_);
    const bool whole = infer::whole_value(fv.transform);
    for (std::size_t i = 0; i < fv.size; ++i) {
      if (!whole && std::isnan(fi.x[i])) continue;
      if (!std::isfinite(u_[i])) {
        if (!check) continue;
        if (fv.transform == infer::TransformKind::CholeskySPD)
          throw InputError(fi.where, "variable '" + fi.name + "': the initial value is not a symmetric positive " +
                                         "definite matrix (its Cholesky factorization fails)");
        const std::size_t e = whole ? 0 : fi.element[i];
        const Node& node = g.node(fv.node);
        throw InputError(fi.where,
                         "variable '" + fi.name + "': " +
                             (f_.node_value(fv.node).size() > 1 || e > 0
                                  ? "initial value element " + std::to_string(e + 1) + " is "
                                  : std::string("initial value is ")) +
                             format_number(fi.x[whole ? 0 : i]) +
                             ", outside the support of " + std::string(dist_info(node.dist).name) +
                             (fv.bounds_from_parameters ? " given its parameters at the start" : ""));
      }
      z.q[fv.offset + i] = u_[i];
    }
  }
  f_.set_point(z.q);
  std::vector<std::vector<bool>> set(g.size());
  for (const DiscreteInit& di : discrete_inits_) {
    double lo = 0, hi = 0;
    const Node& node = g.node(di.draw);
    const bool finite = finite_support(f_, node, di.offset, lo, hi);
    if (!finite && !count_support(f_, node, di.offset, lo)) lo = 0;
    if (check && (finite ? !(di.value >= lo && di.value <= hi) : !(di.value >= lo)))
      throw InputError(di.where, "variable '" + di.name + "': initial value element " +
                                     std::to_string(di.element + 1) + " is " + format_number(di.value) +
                                     ", outside the support of " + std::string(dist_info(node.dist).name) +
                                     (finite ? " (" + format_number(lo) + " to " + format_number(hi) +
                                                   " given its parameters at the start)"
                                             : lo == 0 ? std::string(" (non-negative integers)")
                                                       : " (integers from " + format_number(lo) + ")"));
    f_.set_value(di.draw, di.offset, di.value);
    if (set[di.draw].empty()) set[di.draw].assign(f_.node_value(di.draw).size(), false);
    set[di.draw][di.offset] = true;
  }
  for (NodeId d : f_.discrete_latents()) {
    const Node& node = g.node(d);
    for (std::size_t i = 0; i < f_.node_value(d).size(); ++i) {
      if (!set[d].empty() && set[d][i]) continue;
      double lo = 0, hi = 0;
      if (finite_support(f_, node, i, lo, hi))
        f_.set_value(d, i, lo + std::floor(rng_.uniform01() * (hi - lo + 1)));
      else
        f_.set_value(d, i, count_start(node, i));
    }
  }
}

// A count started near its mean given its parameters at the point (0 when the mean
// is not finite there).
double ChainStart::count_start(const Node& node, std::size_t i) {
  std::vector<Value> params;
  for (NodeId p : node.inputs) {
    const auto v = f_.node_value(p);
    params.emplace_back(v.size() == 1 ? v[0] : v[i]);
  }
  try {
    const double mean = dist::mean(node.dist, params, Shape{})[0];
    if (std::isfinite(mean) && mean >= 0 && mean < 1e15) return std::floor(mean + rng_.uniform01());
  } catch (const std::exception&) {
  }
  double lo = 0;
  return count_support(f_, node, i, lo) ? lo : 0;
}

}  // namespace alea::detail
