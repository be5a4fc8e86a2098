// A model: a graph plus named variables, each observed (it has data), queried (the
// user asked for its draws) or nuisance (free to be marginalized away), and named
// data. Visible = observed or queried; by default every unobserved named variable
// is queried (see docs/design.md, Semantics).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alea/graph/source_loc.hpp"
#include "alea/model/expr.hpp"

namespace alea {

enum class Role { Observed, Queried, Nuisance, Data };
std::string to_string(Role r);

struct CompositeCall;

struct Variable {
  std::string name;
  NodeId node;
  SourceLoc loc;
  bool is_data = false;            // a named constant (covariate, size), not random
  std::optional<Value> observed;   // data bound to a random variable
};

class Model {
 public:
  Model();

  // A named random variable: a fresh draw of `shape` (default: the parameters'
  // broadcast shape). Constant parameters are checked now: std::domain_error
  // "variable 'x': normal: scale parameter sigma is -1, but must be positive and finite".
  Expr random(const std::string& name, const DistCall& d, std::optional<Shape> shape = {}, SourceLoc loc = {});
  // A named closed composite op (model/composite.hpp), checked as random() checks a draw.
  Expr random(const std::string& name, const CompositeCall& c, SourceLoc loc = {});
  // An anonymous draw: always nuisance.
  Expr draw(const DistCall& d, std::optional<Shape> shape = {});
  Expr draw(const CompositeCall& c);
  // A named deterministic variable.
  Expr let(const std::string& name, const Expr& e, SourceLoc loc = {});
  // A named variable made of existing nodes (a BUGS array defined element by element).
  Expr define(const std::string& name, const Expr& e, SourceLoc loc = {});
  // Named data: a constant such as a covariate or a size.
  Expr data(const std::string& name, Value v, SourceLoc loc = {});
  Expr constant(Value v);

  // Binds data to a random variable. Throws std::invalid_argument naming the variable
  // and both shapes when they differ, and InputError for a missing (NA) value. A value
  // outside the support is not an error here: its log density is -inf.
  void observe(const std::string& name, Value v);
  // The queried variables; the others that are not observed become nuisance.
  // Throws std::invalid_argument for an unknown name.
  void monitor(const std::vector<std::string>& names);

  Expr operator[](const std::string& name) const;
  bool has(const std::string& name) const { return index_.count(name) > 0; }
  const Variable& variable(const std::string& name) const;
  const std::vector<Variable>& variables() const { return vars_; }
  Role role(const std::string& name) const;
  // Random (not data) and not a deterministic function of other named variables
  // alone: a Draw, or a stack of draws.
  bool is_stochastic(const std::string& name) const;

  Graph& graph() { return *graph_; }
  const Graph& graph() const { return *graph_; }
  const std::shared_ptr<Graph>& graph_ptr() const { return graph_; }

 private:
  // Throws InputError naming the first definition when `name` is taken.
  void require_new_name(const std::string& name, const SourceLoc& loc) const;
  Variable& add(const std::string& name, NodeId node, SourceLoc loc);
  NodeId make_draw(const std::string& who, const DistCall& d, std::optional<Shape> shape);
  NodeId make_composite(const std::string& who, const CompositeCall& c);

  std::shared_ptr<Graph> graph_;
  std::vector<Variable> vars_;
  std::map<std::string, std::size_t> index_;
  std::optional<std::vector<std::string>> monitored_;
};

// Readable text: one statement a line, in dependency order.
std::string to_string(const Model& m);

}  // namespace alea
