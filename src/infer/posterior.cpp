// Exact posterior draws of a fully conjugate factorization: the graph is split once
// into nodes fixed by the data (constants, observed draws and what is computed from
// them alone) and nodes drawn anew for every row, so the per-draw cost does not grow
// with the number of observations.
#include "alea/infer/posterior.hpp"

#include <algorithm>
#include <span>
#include <stdexcept>

#include "alea/dist/ops.hpp"
#include "alea/dist/registry.hpp"
#include "node_owner.hpp"

namespace alea {
namespace {

void require_fully_conjugate(const rewrite::Factorization& f, const char* what) {
  if (f.fully_conjugate()) return;
  std::string names;
  for (const std::string& r : f.remaining) names += (names.empty() ? "'" : ", '") + r + "'";
  throw std::invalid_argument(std::string(what) + ": the model is not fully conjugate: " + names +
                              " still depend(s) on observed data through a non-conjugate likelihood");
}

// Values fixed by the data: constants, observed draws (their data) and every node
// computed from fixed nodes only. `fixed[id]` says which.
struct FixedPart {
  std::vector<Value> vals;
  std::vector<char> fixed;
  std::vector<NodeId> observed_draws;
};

FixedPart fix_data(const Model& m) {
  const Graph& g = m.graph();
  FixedPart fp{std::vector<Value>(g.size()), std::vector<char>(g.size(), 0), {}};
  std::vector<char> observed(g.size(), 0);
  for (const Variable& v : m.variables()) {
    if (!v.observed) continue;
    const Node& n = g.node(v.node);
    if (n.op == Op::Draw) {
      observed[v.node] = 1;
      fp.vals[v.node] = *v.observed;
    } else if (n.op == Op::Stack) {
      const std::vector<NodeId> leaves = stacked_leaves(g, v.node);
      for (std::size_t i = 0; i < leaves.size(); ++i) {
        if (g.node(leaves[i]).op != Op::Draw) continue;
        observed[leaves[i]] = 1;
        fp.vals[leaves[i]] = Value(Shape{}, {(*v.observed)[i]}, v.observed->type());
      }
    } else {
      throw std::invalid_argument("variable '" + v.name +
                                  "' is observed but is a deterministic function of random variables");
    }
  }
  for (NodeId id = 0; id < g.size(); ++id) {
    const Node& n = g.node(id);
    if (n.op == Op::Constant) {
      fp.vals[id] = *n.constant;
      fp.fixed[id] = 1;
    } else if (n.op == Op::Draw) {
      if (observed[id]) {
        fp.fixed[id] = 1;
        fp.observed_draws.push_back(id);
      }
    } else {
      bool all = true;
      std::vector<Value> in;
      for (NodeId i : n.inputs) {
        all = all && fp.fixed[i];
        if (all) in.push_back(fp.vals[i]);
      }
      if (all) {
        fp.vals[id] = dist::evaluate(n.op, in);
        fp.fixed[id] = 1;
      }
    }
  }
  return fp;
}

double observed_log_density(const Graph& g, const FixedPart& fp, NodeId id) {
  std::vector<Value> in;
  for (NodeId i : g.node(id).inputs) in.push_back(fp.vals[i]);
  return dist::logpdf(g.node(id).dist, in, fp.vals[id]);
}

// A node drawn or computed per row, with its inputs in a buffer of its own: the fixed
// inputs are copied once, the others refreshed every row.
struct Step {
  NodeId id;
  std::vector<Value> in;
  std::vector<std::size_t> refresh;  // positions in `in` of inputs that change
};

// Every node drawn or computed per row is a scalar draw or an elementwise op on
// scalars (the posterior of scalar latents, chains such as tau then mu | tau): a block
// of rows can then be drawn at once, each node a vector over the rows.
bool scalar_steps(const Graph& g, const std::vector<Step>& steps) {
  for (const Step& s : steps) {
    const Node& n = g.node(s.id);
    if (!n.shape.is_scalar()) return false;
    if (n.op == Op::Draw) {
      if (dist_info(n.dist).value_arity != Arity::Scalar) return false;
    } else {
      const OpClass c = op_info(n.op).cls;
      if (c != OpClass::Unary && c != OpClass::Binary) return false;
    }
    for (std::size_t k = 0; k < s.in.size(); ++k)
      if (std::find(s.refresh.begin(), s.refresh.end(), k) == s.refresh.end() && !s.in[k].is_scalar()) return false;
  }
  return true;
}

DrawTable sample_batched(const Graph& g, std::vector<Step>& steps, const FixedPart& fp,
                         const std::vector<NodeId>& nodes, const std::vector<std::string>& columns, double lp_data,
                         std::size_t n, Rng& rng, const std::vector<detail::Owner>& owners) {
  std::vector<int> step_of(g.size(), -1);
  for (std::size_t k = 0; k < steps.size(); ++k) step_of[steps[k].id] = static_cast<int>(k);
  for (Step& s : steps)
    for (std::size_t k : s.refresh) s.in[k] = Value(0.0);  // refreshed in place, row by row
  DrawTable table(columns);
  table.reserve(n);
  // Drawn a block of rows at a time (each step's values for the block, in step order),
  // so that the values waiting for their row stay in cache; the log densities of a
  // step's draws are taken for the whole block too, added to each row's lp in step
  // order (the sum a row at a time would give).
  constexpr std::size_t kBlock = 4096;
  std::vector<Value> block(steps.size());
  std::vector<Value> in;
  std::vector<double> rows_out, lp(kBlock), lp_step(kBlock);
  Value x(0.0);  // one draw at a time, without allocating
  for (std::size_t start = 0; start < n; start += kBlock) {
    const std::size_t rows = std::min(kBlock, n - start);
    std::fill(lp.begin(), lp.begin() + static_cast<std::ptrdiff_t>(rows), lp_data);
    for (std::size_t k = 0; k < steps.size(); ++k) {
      Step& s = steps[k];
      const Node& node = g.node(s.id);
      in = s.in;
      for (std::size_t j : s.refresh) in[j] = block[static_cast<std::size_t>(step_of[node.inputs[j]])];
      if (node.op != Op::Draw) {
        block[k] = dist::evaluate(node.op, in);
        continue;
      }
      try {
        block[k] = dist::draw(node.dist, in, Shape::vector(static_cast<std::int64_t>(rows)), rng);
      } catch (const std::exception& e) {
        throw std::domain_error("variable '" + owners[s.id].display + "': " + e.what());
      }
      if (dist::has_logpdf_each(node.dist)) {
        dist::logpdf_each(node.dist, in, block[k].data(), std::span(lp_step.data(), rows));
      } else {
        for (std::size_t r = 0; r < rows; ++r) {
          for (std::size_t j : s.refresh) s.in[j].data()[0] = in[j][r];
          x.data()[0] = block[k][r];
          lp_step[r] = dist::logpdf(node.dist, s.in, x);
        }
      }
      for (std::size_t r = 0; r < rows; ++r) lp[r] += lp_step[r];
    }
    // The block's rows, row after row, into the table at once: filled a column at a time.
    const std::size_t cols = table.cols();
    rows_out.resize(rows * cols);
    std::size_t c = 0;
    for (NodeId id : nodes) {
      const bool drawn = step_of[id] >= 0;
      const std::vector<double>& v = drawn ? block[static_cast<std::size_t>(step_of[id])].data() : fp.vals[id].data();
      if (drawn) {
        for (std::size_t r = 0; r < rows; ++r) rows_out[r * cols + c] = v[r];
        ++c;
        continue;
      }
      for (double value : v) {  // fixed by the data: the same in every row
        for (std::size_t r = 0; r < rows; ++r) rows_out[r * cols + c] = value;
        ++c;
      }
    }
    table.add_rows(rows_out, std::span(lp.data(), rows));
  }
  return table;
}

}  // namespace

DrawTable sample_posterior(const rewrite::Factorization& f, std::size_t n, Rng& rng,
                           std::vector<std::string> variables) {
  require_fully_conjugate(f, "posterior sampling");
  const Model& m = f.model;
  const Graph& g = m.graph();
  if (variables.empty())
    for (const Variable& v : m.variables())
      if (!v.is_data && !v.observed) variables.push_back(v.name);
  std::vector<std::string> columns;
  std::vector<NodeId> nodes;
  for (const std::string& name : variables) {
    const Variable& v = m.variable(name);
    nodes.push_back(v.node);
    for (auto& c : column_names(name, g.node(v.node).shape)) columns.push_back(std::move(c));
  }
  FixedPart fp = fix_data(m);
  double lp_data = 0.0;
  for (NodeId id : fp.observed_draws) {
    for (NodeId i : g.node(id).inputs)
      if (!fp.fixed[i]) throw std::logic_error("posterior sampling: an observed draw depends on a latent");
    lp_data += observed_log_density(g, fp, id);
  }
  // Each node drawn or computed per row keeps its inputs in a buffer of its own; the
  // fixed inputs are copied once, the others refreshed every row.
  std::vector<Step> steps;
  for (NodeId id = 0; id < g.size(); ++id) {
    if (fp.fixed[id]) continue;
    Step s{id, {}, {}};
    for (NodeId i : g.node(id).inputs) {
      if (!fp.fixed[i]) s.refresh.push_back(s.in.size());
      s.in.push_back(fp.fixed[i] ? fp.vals[i] : Value());
    }
    steps.push_back(std::move(s));
  }
  const std::vector<detail::Owner> owners = detail::draw_owners(m);
  if (scalar_steps(g, steps)) return sample_batched(g, steps, fp, nodes, columns, lp_data, n, rng, owners);
  DrawTable table(columns);
  table.reserve(n);
  std::vector<Value>& vals = fp.vals;
  std::vector<double> row;
  for (std::size_t r = 0; r < n; ++r) {
    double lp = lp_data;
    for (Step& step : steps) {
      const NodeId id = step.id;
      const Node& node = g.node(id);
      for (std::size_t k : step.refresh) step.in[k] = vals[node.inputs[k]];
      const std::vector<Value>& in = step.in;
      if (node.op == Op::Draw) {
        try {
          vals[id] = dist::draw(node.dist, in, node.shape, rng);
        } catch (const std::exception& e) {
          throw std::domain_error("variable '" + owners[id].display + "': " + e.what());
        }
        lp += dist::logpdf(node.dist, in, vals[id]);
      } else {
        vals[id] = dist::evaluate(node.op, in);
      }
    }
    row.clear();
    for (NodeId id : nodes) row.insert(row.end(), vals[id].data().begin(), vals[id].data().end());
    table.add_row(row, lp);
  }
  return table;
}

double log_evidence(const rewrite::Factorization& f) {
  require_fully_conjugate(f, "log evidence");
  const Graph& g = f.model.graph();
  const FixedPart fp = fix_data(f.model);
  double total = 0.0;
  for (NodeId id : fp.observed_draws) {
    for (NodeId i : g.node(id).inputs)
      if (!fp.fixed[i]) throw std::logic_error("log evidence: an observed draw depends on a latent");
    total += observed_log_density(g, fp, id);
  }
  return total;
}

}  // namespace alea
