// Model building: named variables, parameter checks at construction, observation.
#include "alea/model/model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "alea/dist/ops.hpp"
#include "alea/dist/registry.hpp"
#include "constant_eval.hpp"

namespace alea {

std::string to_string(Role r) {
  switch (r) {
    case Role::Observed: return "observed";
    case Role::Queried: return "queried";
    case Role::Nuisance: return "nuisance";
    case Role::Data: return "data";
  }
  return "?";
}

Model::Model() : graph_(std::make_shared<Graph>()) {}

void Model::require_new_name(const std::string& name, const SourceLoc& loc) const {
  if (name.empty()) throw std::invalid_argument("a model variable needs a name");
  if (auto it = index_.find(name); it != index_.end()) {
    const Variable& prev = vars_[it->second];
    std::string where = prev.loc.known() ? " (first defined at " + to_string(prev.loc) + ")" : "";
    throw InputError(loc, "variable '" + name + "' is defined twice" + where);
  }
}

Variable& Model::add(const std::string& name, NodeId node, SourceLoc loc) {
  require_new_name(name, loc);
  index_[name] = vars_.size();
  vars_.push_back(Variable{name, node, std::move(loc), false, std::nullopt});
  return vars_.back();
}

NodeId Model::make_draw(const std::string& who, const DistCall& d, std::optional<Shape> shape) {
  const DistInfo& info = dist_info(d.kind);
  if (d.params.size() != info.params.size())
    throw std::invalid_argument(who + info.name.data() + " takes " + std::to_string(info.params.size()) +
                                " parameters, got " + std::to_string(d.params.size()));
  std::vector<NodeId> params;
  std::vector<Shape> shapes;
  for (const Arg& a : d.params) {
    params.push_back(a.node_in(*graph_));
    shapes.push_back(graph_->node(params.back()).shape);
  }
  Shape natural;
  try {
    natural = dist::natural_shape(d.kind, shapes);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(who + e.what());
  }
  const Shape s = shape ? *shape : natural;
  // Parameters fixed by constants are checked now, so a bad one is reported where it is written.
  if (std::all_of(params.begin(), params.end(), [&](NodeId p) { return graph_->is_constant_expr(p); })) {
    std::vector<Value> values;
    for (NodeId p : params) values.push_back(detail::constant_value(*graph_, p));
    try {
      dist::check_params(d.kind, values, s);
    } catch (const std::domain_error& e) {
      throw std::domain_error(who + e.what());
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(who + e.what());
    }
  } else if (shape && !(natural == *shape || natural.is_scalar() || info.value_arity != Arity::Scalar)) {
    throw std::invalid_argument(who + std::string(info.name) + ": parameters of shape " + to_string(natural) +
                                " do not fit a draw of shape " + to_string(*shape));
  }
  return graph_->draw(d.kind, std::move(params), s);
}

Expr Model::random(const std::string& name, const DistCall& d, std::optional<Shape> shape, SourceLoc loc) {
  require_new_name(name, loc);  // before the draw, so a duplicate leaves no stray site
  NodeId id = make_draw("variable '" + name + "': ", d, std::move(shape));
  add(name, id, std::move(loc));
  return Expr(graph_, id);
}

Expr Model::draw(const DistCall& d, std::optional<Shape> shape) {
  return Expr(graph_, make_draw("", d, std::move(shape)));
}

Expr Model::let(const std::string& name, const Expr& e, SourceLoc loc) { return define(name, e, std::move(loc)); }

Expr Model::define(const std::string& name, const Expr& e, SourceLoc loc) {
  if (e.graph() != graph_) throw std::invalid_argument("variable '" + name + "': expression from another model");
  add(name, e.id(), std::move(loc));
  return e;
}

Expr Model::data(const std::string& name, Value v, SourceLoc loc) {
  NodeId id = graph_->constant(std::move(v));
  add(name, id, std::move(loc)).is_data = true;
  return Expr(graph_, id);
}

Expr Model::constant(Value v) { return Expr(graph_, graph_->constant(std::move(v))); }

void Model::observe(const std::string& name, Value v) {
  auto it = index_.find(name);
  if (it == index_.end()) throw std::invalid_argument("observe: unknown variable '" + name + "'");
  Variable& var = vars_[it->second];
  if (var.is_data) throw std::invalid_argument("observe: '" + name + "' is data, not a random variable");
  const Node& n = graph_->node(var.node);
  if (v.shape() != n.shape)
    throw std::invalid_argument("observe: variable '" + name + "' has shape " + to_string(n.shape) +
                                " but the data has shape " + to_string(v.shape()));
  for (std::size_t i = 0; i < v.size(); ++i)
    if (std::isnan(v[i]))
      throw InputError(var.loc, "variable '" + name + "': observed value " +
                                    (v.size() > 1 ? "element " + std::to_string(i + 1) + " " : "") +
                                    "is missing (NA); partly observed variables are not supported");
  var.observed = std::move(v);
}

void Model::monitor(const std::vector<std::string>& names) {
  for (const std::string& n : names)
    if (!index_.count(n)) throw std::invalid_argument("monitor: unknown variable '" + n + "'");
  monitored_ = names;
}

Expr Model::operator[](const std::string& name) const { return Expr(graph_, variable(name).node); }

const Variable& Model::variable(const std::string& name) const {
  auto it = index_.find(name);
  if (it == index_.end()) throw std::invalid_argument("unknown variable '" + name + "'");
  return vars_[it->second];
}

Role Model::role(const std::string& name) const {
  const Variable& v = variable(name);
  if (v.is_data) return Role::Data;
  if (v.observed) return Role::Observed;
  if (!monitored_) return Role::Queried;
  return std::find(monitored_->begin(), monitored_->end(), name) != monitored_->end() ? Role::Queried
                                                                                      : Role::Nuisance;
}

bool Model::is_stochastic(const std::string& name) const {
  const Variable& v = variable(name);
  if (v.is_data) return false;
  const Node& n = graph_->node(v.node);
  if (is_site(n.op)) return true;
  if (n.op != Op::Stack) return false;
  const std::vector<NodeId> leaves = stacked_leaves(*graph_, v.node);
  return !leaves.empty() &&
         std::all_of(leaves.begin(), leaves.end(), [&](NodeId i) { return graph_->node(i).op == Op::Draw; });
}

}  // namespace alea
