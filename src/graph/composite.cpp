// The registry of composite ops, and the built-in ones: their checks and bodies (one
// level each), registered through the same call a user's program makes.
#include "alea/graph/composite.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <deque>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>

#include "alea/dist/registry.hpp"

namespace alea {
namespace {

void check_scalar(const std::string& op, const CompositeArgs& a, std::size_t k, const std::string& name) {
  if (!a.shapes.at(k).is_scalar())
    throw std::invalid_argument(op + ": parameter " + name + " must be a scalar, got " + to_string(a.shapes[k]));
}

// sum(x), x a vector of n iid draws: one level down, the iid closure rules apply.
NodeId iid_sum_body(Graph& g, DistKind d, std::span<const NodeId> p, const Shape&) {
  const Node& count = g.node(p[0]);
  if (count.op != Op::Constant || !count.constant->is_scalar() || count.constant->scalar() < 1)
    throw std::invalid_argument("iid_sum: the count n must be a constant integer >= 1");
  const auto n = static_cast<std::int64_t>(count.constant->scalar());
  const NodeId x = g.draw(d, std::vector<NodeId>(p.begin() + 1, p.end()), Shape::vector(n));
  return g.apply(Op::Sum, {x});
}

Shape iid_sum_check(const CompositeArgs& a) {
  const DistInfo& info = dist_info(a.dist);
  if (info.value_arity != Arity::Scalar || a.shapes.size() != info.params.size() + 1)
    throw std::invalid_argument("iid_sum: needs a scalar distribution with its " + std::to_string(info.params.size()) +
                                " parameters, got " + std::string(info.name));
  for (std::size_t k = 1; k < a.shapes.size(); ++k) check_scalar("iid_sum", a, k, std::string(info.params[k - 1]));
  // Constant parameters are checked as a draw's are.
  if (std::all_of(a.constants.begin() + 1, a.constants.end(), [](const auto& c) { return c.has_value(); })) {
    std::vector<Value> values;
    for (std::size_t k = 1; k < a.constants.size(); ++k) values.push_back(*a.constants[k]);
    try {
      dist::check_params(a.dist, values, Shape::scalar());
    } catch (const std::exception& e) {
      throw std::domain_error(std::string("iid_sum: ") + e.what());
    }
  }
  return Shape::scalar();
}

// x[1] ~ normal(m, s); x[t] ~ normal(x[t-1], s): the chain as written in BUGS.
NodeId random_walk_body(Graph& g, DistKind, std::span<const NodeId> p, const Shape& shape) {
  std::vector<NodeId> xs;
  NodeId mean = p[0];
  for (std::int64_t t = 0; t < shape.size(); ++t) {
    xs.push_back(g.draw(DistKind::Normal, {mean, p[1]}, Shape::scalar()));
    mean = xs.back();
  }
  return g.apply(Op::Stack, xs);
}

// A location and a positive scale, both scalars (random_walk, hierarchical_normal).
std::function<Shape(const CompositeArgs&)> location_scale_check(std::string op, std::string loc, std::string scale) {
  return [op, loc, scale](const CompositeArgs& a) {
    check_scalar(op, a, 0, loc);
    check_scalar(op, a, 1, scale);
    if (a.constants[1] && !(a.constants[1]->scalar() > 0))
      throw std::domain_error(op + ": scale " + scale + " is " + to_string(*a.constants[1]) + ", but must be positive");
    return a.shape;
  };
}

// The own log density of random_walk and hierarchical_normal: their bodies' draws are
// the value's elements, so the density is the sum of the normal terms (the walk's
// means are the previous elements), with partials in the location and the scale.
double normal_terms(bool walk, std::span<const Value> p, const Value& x, std::span<std::vector<double>> d) {
  constexpr double kHalfLog2Pi = 0.91893853320467274178;
  const double loc = p[0].scalar(), s = p[1].scalar();
  if (!(s > 0)) return -std::numeric_limits<double>::infinity();
  double lp = 0, dloc = 0, ds = 0;
  for (std::size_t t = 0; t < x.size(); ++t) {
    const double mean = walk && t > 0 ? x[t - 1] : loc;
    const double r = (x[t] - mean) / s;
    lp -= 0.5 * r * r + std::log(s) + kHalfLog2Pi;
    if (!walk || t == 0) dloc += r / s;
    ds += (r * r - 1) / s;
  }
  if (!d.empty()) {
    d[0][0] += dloc;
    d[1][0] += ds;
  }
  return lp;
}

CompositeDef location_scale(std::string name, std::string loc, std::string scale, bool walk,
                            std::function<NodeId(Graph&, DistKind, std::span<const NodeId>, const Shape&)> body) {
  CompositeDef def;
  def.name = name;
  def.params = {loc, scale};
  def.check = location_scale_check(name, loc, scale);
  def.expand = std::move(body);
  def.log_density = [walk](DistKind, std::span<const Value> p, const Value& x) { return normal_terms(walk, p, x, {}); };
  def.gradient = [walk](DistKind, std::span<const Value> p, const Value& x, std::span<std::vector<double>> d) {
    return normal_terms(walk, p, x, d);
  };
  return def;
}

NodeId hierarchical_normal_body(Graph& g, DistKind, std::span<const NodeId> p, const Shape& shape) {
  return g.draw(DistKind::Normal, {p[0], p[1]}, shape);
}

// X w + b with w ~ hierarchical_normal(m, s) [cols]: one level down, a level-1 composite.
NodeId dense_layer_body(Graph& g, DistKind, std::span<const NodeId> p, const Shape&) {
  const Shape& x = g.node(p[0]).shape;
  const NodeId w = g.composite(composite::kHierarchicalNormal, DistKind::Normal, {p[1], p[2]},
                               Shape::vector(x.dims.at(1)));
  return g.apply(Op::Add, {g.apply(Op::MatVec, {p[0], w}), p[3]});
}

Shape dense_layer_check(const CompositeArgs& a) {
  if (a.shapes[0].rank() != 2) throw std::invalid_argument("dense_layer: X must be a matrix, got " + to_string(a.shapes[0]));
  check_scalar("dense_layer", a, 1, "m");
  check_scalar("dense_layer", a, 2, "s");
  const std::int64_t rows = a.shapes[0].dims[0];
  if (!a.shapes[3].is_scalar() && a.shapes[3] != Shape::vector(rows))
    throw std::invalid_argument("dense_layer: b must be a scalar or a vector[" + std::to_string(rows) + "], got " +
                                to_string(a.shapes[3]));
  return Shape::vector(rows);
}

bool valid_name(const std::string& name) {
  return !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
         std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

class Registry {
 public:
  Registry() {
    CompositeDef sum;
    sum.name = "iid_sum";
    sum.takes_dist = true;
    sum.params = {"n", "..."};
    sum.type = [](DistKind d) { return dist_info(d).value_type; };
    sum.check = iid_sum_check;
    sum.expand = iid_sum_body;
    add(std::move(sum));
    add(location_scale("random_walk", "m", "sigma", true, random_walk_body));
    add(location_scale("hierarchical_normal", "mu", "tau", false, hierarchical_normal_body));
    CompositeDef dense;
    dense.name = "dense_layer";
    dense.level = 2;
    dense.params = {"X", "m", "s", "b"};
    dense.check = dense_layer_check;
    dense.expand = dense_layer_body;
    add(std::move(dense));
  }

  CompositeId add(CompositeDef def) {
    std::unique_lock lock(mutex_);
    if (!valid_name(def.name))
      throw std::invalid_argument("register_composite: the name '" + def.name +
                                  "' is not one a pattern can name (letters, digits and '_', not first a digit)");
    for (const CompositeDef& d : defs_)
      if (d.name == def.name) throw std::invalid_argument("register_composite: '" + def.name + "' is registered already");
    if (def.level < 1)
      throw std::invalid_argument("register_composite: " + def.name + "'s level is " + std::to_string(def.level) +
                                  ", but must be >= 1");
    if (!def.expand) throw std::invalid_argument("register_composite: " + def.name + " has no body");
    if (def.gradient && !def.log_density)
      throw std::invalid_argument("register_composite: " + def.name + " has a gradient but no log density");
    if (defs_.size() >= 0xfffe) throw std::length_error("register_composite: too many composite ops");
    if (!def.type) def.type = [](DistKind) { return ScalarType::Real; };
    // The count of arguments (but for a composite of a component distribution, whose
    // own check counts its parameters), then the op's own check.
    def.check = [name = def.name, arity = def.params.size(), counted = !def.takes_dist,
                 own = std::move(def.check)](const CompositeArgs& a) {
      if (counted && a.shapes.size() != arity)
        throw std::invalid_argument(name + ": " + std::to_string(a.shapes.size()) + " arguments for its " +
                                    std::to_string(arity) + " parameters");
      return own ? own(a) : a.shape;
    };
    def.id = static_cast<CompositeId>(defs_.size() + 1);
    defs_.push_back(std::move(def));
    return defs_.back().id;
  }

  const CompositeDef& at(CompositeId id) const {
    std::shared_lock lock(mutex_);
    if (id == 0 || id > defs_.size()) throw std::out_of_range("unknown composite op " + std::to_string(id));
    return defs_[id - 1];
  }

  std::optional<CompositeId> find(std::string_view name) const {
    std::shared_lock lock(mutex_);
    for (const CompositeDef& d : defs_)
      if (d.name == name) return d.id;
    return std::nullopt;
  }

  std::vector<const CompositeDef*> all() const {
    std::shared_lock lock(mutex_);
    std::vector<const CompositeDef*> out;
    for (const CompositeDef& d : defs_) out.push_back(&d);
    return out;
  }

 private:
  mutable std::shared_mutex mutex_;
  std::deque<CompositeDef> defs_;  // stable references: composite_def's result outlives later registrations
};

Registry& registry() {
  static Registry r;
  return r;
}

}  // namespace

CompositeId register_composite(CompositeDef def) { return registry().add(std::move(def)); }
const CompositeDef& composite_def(CompositeId id) { return registry().at(id); }
std::optional<CompositeId> composite_by_name(std::string_view name) { return registry().find(name); }
std::vector<const CompositeDef*> composite_defs() { return registry().all(); }

}  // namespace alea
