// Checks of initial values against the model as written (see inits.hpp).
#include "alea/infer/inits.hpp"

#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "alea/dist/ops.hpp"
#include "alea/dist/registry.hpp"
#include "variable_elements.hpp"

namespace alea {
namespace {

// The value of a node that depends on constants alone (a parameter such as
// 1 / sqrt(1.0E-6)), or nothing when a draw is reachable from it.
std::optional<Value> constant_value(const Graph& g, NodeId id, std::map<NodeId, Value>& memo) {
  if (!g.is_constant_expr(id)) return std::nullopt;
  const Node& n = g.node(id);
  if (n.op == Op::Constant) return *n.constant;
  if (auto it = memo.find(id); it != memo.end()) return it->second;
  std::vector<Value> in;
  for (NodeId i : n.inputs) in.push_back(*constant_value(g, i, memo));
  return memo[id] = dist::evaluate(n.op, in);
}

std::string describe(const dist::Support& s) {
  if (s.integer) {
    if (s.lo == 0 && std::isinf(s.hi)) return "non-negative integers";
    if (std::isinf(s.lo) && std::isinf(s.hi)) return "integers";
    return "integers from " + format_number(s.lo) + " to " + format_number(s.hi);
  }
  if (std::isinf(s.lo) && std::isinf(s.hi)) return "reals";
  if (s.lo == 0 && std::isinf(s.hi)) return "non-negative reals";
  return "reals from " + format_number(s.lo) + " to " + format_number(s.hi);
}

}  // namespace

std::vector<std::string> check_initial_values(const Model& m, const InitialValues& inits) {
  const Graph& g = m.graph();
  std::map<NodeId, Value> memo;
  std::vector<std::string> unused;
  // Draws bound to data, also where another variable observes them (the observed
  // elements of a partly observed BUGS array are the variable "y[observed]").
  std::set<NodeId> observed_draws;
  for (const Variable& v : m.variables()) {
    if (!v.observed) continue;
    observed_draws.insert(v.node);
    for (NodeId e : stacked_leaves(g, v.node)) observed_draws.insert(e);
  }
  for (const auto& [name, given] : inits.values) {
    const SourceLoc where = inits.where.count(name) ? inits.where.at(name) : SourceLoc{};
    const std::string who = "variable '" + name + "'";
    if (!m.has(name)) {
      unused.push_back(
          InputError(where, "the model has no variable '" + name + "'; its initial value is unused").what());
      continue;
    }
    const Variable& v = m.variable(name);
    if (v.is_data)
      throw InputError(where, who + " is data, not a random variable: it takes no initial value");
    const Shape& want = g.node(v.node).shape;
    Value x = given;
    if (x.size() == 1 && want.size() == 1 && x.shape() != want) x = Value(want, x.data(), x.type());
    if (x.shape() != want)
      throw InputError(where, who + " has shape " + to_string(want) + " in the model but " +
                                  to_string(x.shape()) + " in the initial values");
    const std::vector<detail::ElementSource> elements = detail::element_sources(g, v.node);
    const auto element = [&](std::size_t i) {
      return x.size() > 1 ? "initial value element " + std::to_string(i + 1) + " is "
                          : std::string("initial value is ");
    };
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (std::isnan(x[i])) continue;  // NA: no initial value for this element
      if ((v.observed && !std::isnan((*v.observed)[i])) ||
          (i < elements.size() && observed_draws.count(elements[i].draw) && elements[i].draw != v.node))
        throw InputError(where,
                         who + " is observed" +
                             (x.size() > 1 ? " (element " + std::to_string(i + 1) + " has data)" : "") +
                             ": its initial values must be NA where it has data");
      if (i >= elements.size() || elements[i].draw == detail::ElementSource::kNoDraw)
        throw InputError(where, who + " is defined by '<-' (deterministic)" +
                                    (x.size() > 1 ? " at element " + std::to_string(i + 1) : "") +
                                    ": only random variables take initial values");
      if (!std::isfinite(x[i]))
        throw InputError(where, who + ": " + element(i) + format_number(x[i]) + ", but must be finite");
      const Node& draw = g.node(elements[i].draw);
      if (draw.type == ScalarType::Integer && x[i] != std::floor(x[i]))
        throw InputError(where, who + ": " + element(i) + format_number(x[i]) + ", but " +
                                    std::string(dist_info(draw.dist).name) + " takes integers");
      if (dist_info(draw.dist).value_arity != Arity::Scalar) continue;  // checked by the sampler at the start
      std::vector<Value> params;
      for (NodeId p : draw.inputs) {
        auto pv = constant_value(g, p, memo);
        if (!pv) break;
        params.push_back(pv->size() == 1 ? Value(pv->data()[0]) : Value((*pv)[elements[i].offset]));
      }
      if (params.size() != draw.inputs.size()) continue;  // random parameters: checked by the sampler
      dist::Support sup;
      try {
        sup = dist::support(draw.dist, params);
      } catch (const std::exception&) {
        continue;
      }
      if (!sup.contains(x[i]))
        throw InputError(where, who + ": " + element(i) + format_number(x[i]) + ", outside the support of " +
                                    std::string(dist_info(draw.dist).name) + " (" + describe(sup) + ")");
    }
  }
  return unused;
}

}  // namespace alea
