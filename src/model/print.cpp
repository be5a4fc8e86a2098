// The readable text form of a model: one statement a line in dependency order,
// anonymous draws named _s<site>, elements of arrays defined one by one as name[i].
#include <cctype>
#include <map>
#include <sstream>

#include "alea/dist/dist_functions.hpp"
#include "alea/graph/composite.hpp"
#include "alea/model/model.hpp"

namespace alea {
namespace {

class Printer {
 public:
  explicit Printer(const Model& m) : m_(m), g_(m.graph()) {
    for (const Variable& v : m.variables()) {
      names_.emplace(v.node, v.name);
      const Node& n = g_.node(v.node);
      if (n.op == Op::Stack && !v.is_data) {
        const std::vector<NodeId> leaves = stacked_leaves(g_, v.node);
        for (std::size_t i = 0; i < leaves.size(); ++i)
          if (!names_.count(leaves[i])) names_.emplace(leaves[i], v.name + element_suffix(n.shape, i));
      }
    }
  }

  std::string print() {
    std::ostringstream out;
    out << "model {\n";
    for (NodeId id = 0; id < g_.size(); ++id) {
      const Node& n = g_.node(id);
      auto named = names_.find(id);
      if (is_site(n.op)) {
        const std::string name = named != names_.end() ? named->second : "_s" + std::to_string(n.site);
        out << "  " << name << " ~ " << call(n) << shape_note(id) << role_note(name) << "\n";
      } else if (named != names_.end() && n.op != Op::Constant && !is_element_stack(id, named->second)) {
        out << "  " << named->second << " <- " << expr(id, true) << role_note(named->second) << "\n";
      }
    }
    for (const Variable& v : m_.variables())
      if (v.is_data) out << "  # data " << v.name << ": " << to_string(g_.node(v.node).shape) << "\n";
    out << "}\n";
    return out.str();
  }

 private:
  bool is_element_stack(NodeId id, const std::string& name) const {
    const Node& n = g_.node(id);
    if (n.op != Op::Stack) return false;
    const std::vector<NodeId> leaves = stacked_leaves(g_, id);
    for (std::size_t i = 0; i < leaves.size(); ++i) {
      auto it = names_.find(leaves[i]);
      if (it == names_.end() || it->second != name + element_suffix(n.shape, i)) return false;
    }
    return !leaves.empty();
  }

  std::string role_note(const std::string& name) const {
    if (!m_.has(name)) return "";
    const Role r = m_.role(name);
    return r == Role::Queried ? "" : "   # " + to_string(r);
  }

  // iid_sum(normal(0, 1), 1000); random_walk(0, 1) [vector[50]]
  std::string composite_call(const Node& n) const {
    const CompositeDef& def = composite_def(n.composite);
    std::string s = std::string(def.name) + "(";
    if (def.takes_dist) {
      s += std::string(dist_info(n.dist).name) + "(";
      for (std::size_t i = 1; i < n.inputs.size(); ++i) s += (i > 1 ? ", " : "") + expr(n.inputs[i], true);
      return s + "), " + expr(n.inputs[0], true) + ")";
    }
    for (std::size_t i = 0; i < n.inputs.size(); ++i) s += (i ? ", " : "") + expr(n.inputs[i], true);
    return s + ")";
  }

  std::string shape_note(NodeId id) const {
    const Node& n = g_.node(id);
    if (n.op == Op::Composite) return n.shape.is_scalar() ? "" : " [" + to_string(n.shape) + "]";
    const DistInfo& info = dist_info(n.dist);
    if (n.shape.is_scalar() || info.value_arity != Arity::Scalar) return "";
    return " [" + to_string(n.shape) + "]";
  }

  std::string call(const Node& n) const {
    if (n.op == Op::Composite) return composite_call(n);
    std::string s = std::string(dist_info(n.dist).name) + "(";
    for (std::size_t i = 0; i < n.inputs.size(); ++i) s += (i ? ", " : "") + expr(n.inputs[i], true);
    return s + ")";
  }

  std::string expr(NodeId id, bool top = false) const {
    const Node& n = g_.node(id);
    if (auto it = names_.find(id); it != names_.end() && !top) return it->second;
    if (is_site(n.op)) {
      auto it = names_.find(id);
      return it != names_.end() ? it->second : "_s" + std::to_string(n.site);
    }
    if (n.op == Op::Constant) return abbreviate(*n.constant);
    const OpInfo& info = op_info(n.op);
    if (n.op == Op::Index) {
      std::string s = expr(n.inputs[0]) + "[";
      for (std::size_t k = 1; k < n.inputs.size(); ++k) s += (k > 1 ? ", " : "") + index_text(n.inputs[k]);
      return s + "]";
    }
    // Operators (named by symbols: `+`, `<=`, `&&`, `%*%`) print infix, functions as calls.
    const bool symbol = !info.name.empty() && !std::isalpha(static_cast<unsigned char>(info.name[0]));
    if (symbol && n.inputs.size() == 2) {
      std::string s = expr(n.inputs[0]) + " " + std::string(info.name) + " " + expr(n.inputs[1]);
      return top ? s : "(" + s + ")";
    }
    if (dist::is_dist_function(n.op)) return dist_function(n, info);
    if (n.op == Op::Neg) return "-" + expr(n.inputs[0]);
    if (n.op == Op::Not) return "!" + expr(n.inputs[0]);
    std::string s = std::string(info.name) + "(";
    for (std::size_t i = 0; i < n.inputs.size(); ++i) s += (i ? ", " : "") + expr(n.inputs[i], true);
    return s + ")";
  }

  // A distribution function prints with its distribution's name: normal_cdf(x, mu, sigma).
  std::string dist_function(const Node& n, const OpInfo& info) const {
    const auto kind = dist::dist_function_kind(n.op, g_.node(n.inputs[0]).constant->scalar());
    std::string s = (kind ? std::string(dist_info(*kind).name) + "_" : "") + std::string(info.name) + "(";
    for (std::size_t i = 1; i < n.inputs.size(); ++i) s += (i > 1 ? ", " : "") + expr(n.inputs[i], true);
    return s + ")";
  }

  // Indices are stored 0-based and printed 1-based, as BUGS writes them.
  std::string index_text(NodeId id) const {
    const Node& n = g_.node(id);
    if (n.op == Op::Constant && n.constant->is_scalar()) return format_number(n.constant->scalar() + 1);
    return expr(id) + " + 1";
  }

  static std::string abbreviate(const Value& v) {
    if (v.size() <= 8) return to_string(v);
    return "c(" + format_number(v[0]) + ", " + format_number(v[1]) + ", ..., " + format_number(v[v.size() - 1]) +
           ") [" + to_string(v.shape()) + "]";
  }

  const Model& m_;
  const Graph& g_;
  std::map<NodeId, std::string> names_;
};

}  // namespace

std::string to_string(const Model& m) { return Printer(m).print(); }

}  // namespace alea
