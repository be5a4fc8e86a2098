// The deviance at each draw: the model as written evaluated over the ancestors of
// its observed draws, latent values read from the draws' columns.
#include "alea/infer/deviance.hpp"

#include <cmath>
#include <map>
#include <stdexcept>

#include "alea/dist/ops.hpp"
#include "alea/dist/registry.hpp"
#include "alea/model/composite.hpp"
#include "node_owner.hpp"
#include "variable_elements.hpp"

namespace alea {

Deviance::Deviance(const Model& written)
    : m_(written.graph().has_composites() ? expand_all(written) : written) {
  const Graph& g = m_.graph();
  sources_.resize(g.size());
  observed_.resize(g.size());
  std::vector<bool> needed(g.size(), false);
  bool any = false;
  for (const Variable& v : m_.variables()) {
    if (!v.observed) continue;
    const std::vector<detail::ElementSource> els = detail::element_sources(g, v.node);
    for (std::size_t i = 0; i < els.size(); ++i) {
      if (std::isnan((*v.observed)[i])) continue;  // a missing element: latent
      if (els[i].draw == detail::ElementSource::kNoDraw)
        throw std::invalid_argument("deviance: variable '" + v.name +
                                    "' is observed but is a deterministic function of random variables; "
                                    "the model as written has no density for it");
      const NodeId d = els[i].draw;
      if (sources_[d].empty()) {
        sources_[d].resize(static_cast<std::size_t>(g.node(d).shape.size()));
        observed_[d].assign(sources_[d].size(), false);
      }
      sources_[d][els[i].offset] = {(*v.observed)[i], -1};
      observed_[d][els[i].offset] = true;
      needed[d] = any = true;
    }
  }
  if (!any) throw std::invalid_argument("deviance: the model has no observed variable");
  for (NodeId id = static_cast<NodeId>(g.size()); id-- > 0;)
    if (needed[id])
      for (NodeId i : g.node(id).inputs) needed[i] = true;
  const std::vector<detail::Owner> owners = detail::draw_owners(m_);
  std::vector<bool> input(m_.variables().size(), false);
  for (NodeId id = 0; id < g.size(); ++id) {
    if (!needed[id]) continue;
    needed_.push_back(id);
    if (g.node(id).op != Op::Draw) continue;
    bool latent = observed_[id].empty();
    for (bool o : observed_[id]) latent = latent || !o;
    if (!latent) continue;
    if (owners[id].var < 0)
      throw std::invalid_argument(
          "deviance: an observed variable depends on an anonymous draw, which has no "
          "value in the draws");
    input[static_cast<std::size_t>(owners[id].var)] = true;
  }
  // Each latent element's column: the variable's columns in its element order.
  long column = 0;
  for (std::size_t k = 0; k < m_.variables().size(); ++k) {
    if (!input[k]) continue;
    const Variable& v = m_.variables()[k];
    inputs_.push_back(v.name);
    const std::vector<detail::ElementSource> els = detail::element_sources(g, v.node);
    for (std::size_t i = 0; i < els.size(); ++i, ++column) {
      const NodeId d = els[i].draw;
      if (d == detail::ElementSource::kNoDraw || !needed[d]) continue;
      if (sources_[d].empty()) {
        sources_[d].resize(static_cast<std::size_t>(g.node(d).shape.size()));
        observed_[d].assign(sources_[d].size(), false);
      }
      if (!observed_[d][els[i].offset]) sources_[d][els[i].offset].column = column;
    }
  }
}

std::vector<double> Deviance::operator()(const DrawTable& t) const {
  const Graph& g = m_.graph();
  // The table's column of each input's first column: inputs() columns are looked up by name.
  std::vector<std::size_t> at;
  for (const std::string& name : inputs_)
    for (const std::string& c : column_names(name, g.node(m_.variable(name).node).shape))
      at.push_back(t.column_index(c));
  std::vector<double> out(t.rows());
  std::vector<Value> vals(g.size());
  std::vector<Value> in;
  std::vector<double> each;
  for (std::size_t r = 0; r < t.rows(); ++r) {
    double lp = 0;
    for (NodeId id : needed_) {
      const Node& node = g.node(id);
      if (node.op == Op::Constant) {
        if (r == 0) vals[id] = *node.constant;
        continue;
      }
      in.clear();
      for (NodeId i : node.inputs) in.push_back(vals[i]);
      if (node.op != Op::Draw) {
        vals[id] = dist::evaluate(node.op, in);
        continue;
      }
      std::vector<double> x(sources_[id].size());
      bool all_observed = true, any_observed = false;
      for (std::size_t e = 0; e < x.size(); ++e) {
        const Source& s = sources_[id][e];
        x[e] = s.column < 0 ? s.data : t.at(r, at[static_cast<std::size_t>(s.column)]);
        all_observed = all_observed && observed_[id][e];
        any_observed = any_observed || observed_[id][e];
      }
      vals[id] = Value(node.shape, std::move(x), node.type);
      if (all_observed) {
        lp += dist::logpdf(node.dist, in, vals[id]);
      } else if (any_observed) {
        // Some elements observed: their terms alone (a distribution of scalars).
        if (!dist::has_logpdf_each(node.dist))
          throw std::invalid_argument("deviance: a partly observed " +
                                      std::string(dist_info(node.dist).name) +
                                      " draw has no density of its observed elements alone");
        each.resize(vals[id].size());
        dist::logpdf_each(node.dist, in, vals[id].data(), each);
        for (std::size_t e = 0; e < each.size(); ++e)
          if (observed_[id][e]) lp += each[e];
      }
    }
    out[r] = -2 * lp;
  }
  return out;
}

}  // namespace alea
