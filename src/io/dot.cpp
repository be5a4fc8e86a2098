// DOT output: the named-variable DAG of a model, with edges through deterministic
// intermediates collapsed so the picture shows what depends on what.
#include "alea/io/dot.hpp"

#include "alea/graph/composite.hpp"

#include <map>
#include <set>
#include <sstream>

namespace alea::io {
namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";  // a line break inside a DOT label
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string to_dot(const Model& m, const std::string& title) {
  const Graph& g = m.graph();
  // Visible nodes: named variables (not data) and anonymous draws.
  std::map<NodeId, std::string> label;
  std::map<NodeId, std::string> style;
  for (const Variable& v : m.variables()) {
    if (v.is_data) continue;
    const Node& n = g.node(v.node);
    label[v.node] = v.name;
    const bool stochastic = m.is_stochastic(v.name);
    std::string s = stochastic ? "shape=ellipse" : "shape=box";
    if (stochastic && n.op == Op::Draw) label[v.node] += "\n" + std::string(dist_info(n.dist).name);
    if (stochastic && n.op == Op::Composite) label[v.node] += "\n" + std::string(composite_def(n.composite).name);
    if (v.observed) s += ", style=filled, fillcolor=lightgrey";
    else if (m.role(v.name) == Role::Nuisance) s += ", style=dashed";
    style[v.node] = s;
  }
  for (NodeId id = 0; id < g.size(); ++id) {
    const Node& n = g.node(id);
    if (is_site(n.op) && !label.count(id)) {
      label[id] = "_s" + std::to_string(n.site) + "\n" + std::string(dist_info(n.dist).name);
      style[id] = "shape=ellipse, style=dashed";
    }
  }
  // Each node's nearest visible ancestors, through deterministic intermediates.
  std::vector<std::set<NodeId>> parents(g.size());
  for (NodeId id = 0; id < g.size(); ++id) {
    std::set<NodeId> ps;
    for (NodeId i : g.node(id).inputs) {
      if (label.count(i)) ps.insert(i);
      else ps.insert(parents[i].begin(), parents[i].end());
    }
    parents[id] = std::move(ps);
  }
  // Elements of array variables belong to their array.
  std::map<NodeId, NodeId> element_of;
  for (const Variable& v : m.variables()) {
    const Node& n = g.node(v.node);
    if (n.op == Op::Stack && label.count(v.node))
      for (NodeId e : n.inputs) {
        if (label.count(e) && e != v.node && is_site(g.node(e).op)) label.erase(e);
        element_of[e] = v.node;
      }
  }
  auto visible = [&](NodeId id) { return element_of.count(id) && !label.count(id) ? element_of[id] : id; };
  std::ostringstream out;
  out << "digraph \"" << escape(title) << "\" {\n  rankdir=TB;\n  node [fontname=\"Helvetica\"];\n";
  for (const auto& [id, text] : label) out << "  n" << id << " [label=\"" << escape(text) << "\", " << style[id] << "];\n";
  std::set<std::pair<NodeId, NodeId>> edges;
  for (const auto& [id, text] : label) {
    const Node& n = g.node(id);
    std::set<NodeId> ps;
    if (n.op == Op::Stack) {
      for (NodeId e : n.inputs) {
        if (label.count(e)) ps.insert(e);
        const std::set<NodeId>& pe = is_site(g.node(e).op) || !label.count(e) ? parents[e] : std::set<NodeId>{};
        ps.insert(pe.begin(), pe.end());
      }
    } else {
      ps = parents[id];
    }
    for (NodeId p : ps) {
      NodeId from = visible(p);
      if (from != id && label.count(from)) edges.emplace(from, id);
    }
  }
  for (const auto& [a, b] : edges) out << "  n" << a << " -> n" << b << ";\n";
  out << "}\n";
  return out.str();
}

}  // namespace alea::io
