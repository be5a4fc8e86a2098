// Parsing, matching and instantiating patterns.
#include <algorithm>
#include "alea/rewrite/pattern.hpp"

#include <cctype>
#include <cmath>
#include <charconv>
#include <stdexcept>

#include "alea/graph/composite.hpp"

namespace alea::rewrite {
namespace {

class PatternParser {
 public:
  explicit PatternParser(std::string_view t) : t_(t) {}

  PatternNode parse() {
    PatternNode p = node();
    skip();
    if (i_ != t_.size()) fail("unexpected text after the pattern");
    return p;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw std::invalid_argument("pattern '" + std::string(t_) + "' at " + std::to_string(i_ + 1) + ": " + why);
  }
  void skip() {
    while (i_ < t_.size() && std::isspace(static_cast<unsigned char>(t_[i_]))) ++i_;
  }
  std::string atom() {
    skip();
    std::size_t start = i_;
    while (i_ < t_.size() && !std::isspace(static_cast<unsigned char>(t_[i_])) && t_[i_] != '(' && t_[i_] != ')') ++i_;
    if (start == i_) fail("expected a name, a number or '('");
    return std::string(t_.substr(start, i_ - start));
  }
  PatternNode node() {
    skip();
    if (i_ < t_.size() && t_[i_] == '(') {
      ++i_;
      const std::string head = atom();
      PatternNode p;
      if (auto composite = composite_head(head)) {
        p = *composite;
        for (skip(); i_ < t_.size() && t_[i_] != ')'; skip()) p.children.push_back(node());
        if (i_ >= t_.size()) fail("missing ')'");
        ++i_;
        return p;
      }
      const auto op = op_by_name(head);
      const auto d = dist_by_name(head);
      if (!op && !d) fail("unknown op or distribution '" + head + "'");
      for (skip(); i_ < t_.size() && t_[i_] != ')'; skip()) p.children.push_back(node());
      if (i_ >= t_.size()) fail("missing ')'");
      ++i_;
      // A name can be both an op and a distribution ("logistic": the sigmoid, and the
      // logistic(mu, s) distribution): the number of arguments tells them apart.
      const bool as_dist = d && (!op || (op_info(*op).arity >= 0 &&
                                         static_cast<std::size_t>(op_info(*op).arity) != p.children.size() &&
                                         dist_info(*d).params.size() == p.children.size()));
      if (as_dist) {
        p.kind = PatternNode::Kind::Draw;
        p.dist = *d;
      } else {
        p.kind = PatternNode::Kind::Op;
        p.op = *op;
      }
      return p;
    }
    const std::string a = atom();
    PatternNode p;
    if (a[0] == '?') {
      if (a.size() == 1) fail("a variable needs a name after '?'");
      p.kind = PatternNode::Kind::Var;
      p.var = a;
      return p;
    }
    double x = 0;
    auto [ptr, ec] = std::from_chars(a.data(), a.data() + a.size(), x);
    if (ec != std::errc() || ptr != a.data() + a.size()) fail("'" + a + "' is not a number or a ?variable");
    p.kind = PatternNode::Kind::Constant;
    p.constant = x;
    return p;
  }

  // "random_walk" or "iid_sum:normal": a composite with an optional component.
  std::optional<PatternNode> composite_head(const std::string& head) const {
    const std::size_t colon = head.find(':');
    const auto id = composite_by_name(std::string_view(head).substr(0, colon));
    if (!id) return std::nullopt;
    PatternNode p;
    p.kind = PatternNode::Kind::Composite;
    p.composite = *id;
    if (colon != std::string::npos) {
      const auto d = dist_by_name(std::string_view(head).substr(colon + 1));
      if (!d) fail("unknown distribution in '" + head + "'");
      p.dist = *d;
      p.any_dist = false;
    }
    return p;
  }

  std::string_view t_;
  std::size_t i_ = 0;
};

Op pattern_op(const PatternNode& p) {
  switch (p.kind) {
    case PatternNode::Kind::Draw: return Op::Draw;
    case PatternNode::Kind::Composite: return Op::Composite;
    default: return p.op;
  }
}

bool constant_matches(const EGraph& g, ClassId c, double x) {
  const auto& k = g.data(c).constant;
  if (!k || k->size() == 0) return false;
  for (double v : k->data())
    if (v != x) return false;
  return true;
}

// Whether a node of class c has p's head (its op, distribution or composite, and
// arity; a constant's value): a one-level test, without copying matches, that skips
// most nodes before extend copies its partial matches for them.
// Node n has the head of p (an op, draw or composite pattern): op, arity, distribution.
bool head_fits(const ENode& n, const PatternNode& p, Op want) {
  if (n.op != want || n.children.size() != p.children.size()) return false;
  if (want == Op::Draw) return n.dist == p.dist;
  if (want == Op::Composite) return n.composite == p.composite && (p.any_dist || n.dist == p.dist);
  return true;
}

bool head_present(const EGraph& g, const PatternNode& p, ClassId c) {
  if (p.kind == PatternNode::Kind::Var) return true;
  if (p.kind == PatternNode::Kind::Constant) return constant_matches(g, c, p.constant);
  const Op want = pattern_op(p);
  const auto& nodes = g.eclass(c).nodes;
  return std::any_of(nodes.begin(), nodes.end(), [&](const ENode& n) { return head_fits(n, p, want); });
}

bool children_present(const EGraph& g, const PatternNode& p, const ENode& n, bool swapped) {
  for (std::size_t k = 0; k < n.children.size(); ++k)
    if (!head_present(g, p.children[swapped ? 1 - k : k], n.children[k])) return false;
  return true;
}

// Extends each partial match in `in` by matching p at class c.
void extend(const EGraph& g, const PatternNode& p, ClassId c, std::vector<Match>& ms) {
  c = g.find(c);
  std::vector<Match> out;
  switch (p.kind) {
    case PatternNode::Kind::Var:
      for (Match& m : ms) {
        const ClassId* bound = m.subst.find(p.var);
        if (!bound) {
          m.subst.bind(p.var, c);
          out.push_back(std::move(m));
        } else if (g.find(*bound) == c) {
          out.push_back(std::move(m));
        }
      }
      break;
    case PatternNode::Kind::Constant:
      if (constant_matches(g, c, p.constant)) out = std::move(ms);
      break;
    case PatternNode::Kind::Op:
    case PatternNode::Kind::Draw:
    case PatternNode::Kind::Composite: {
      const Op want = pattern_op(p);
      for (const ENode& n : g.eclass(c).nodes) {
        if (!head_fits(n, p, want)) continue;
        if (children_present(g, p, n, false)) {
          std::vector<Match> partial = ms;
          if (is_site(want))
            for (Match& m : partial) m.draws.push_back({c, n.payload});
          for (std::size_t k = 0; k < n.children.size() && !partial.empty(); ++k)
            extend(g, p.children[k], n.children[k], partial);
          for (Match& m : partial) out.push_back(std::move(m));
        }
        // + and * are matched in both orders, so commutativity needs no rule (and
        // no e-nodes): (+ (normal ?m ?s) ?c) also matches c + x.
        if ((want == Op::Add || want == Op::Mul) && n.children[0] != n.children[1] && children_present(g, p, n, true)) {
          std::vector<Match> swapped = ms;
          extend(g, p.children[0], n.children[1], swapped);
          if (!swapped.empty()) extend(g, p.children[1], n.children[0], swapped);
          for (Match& m : swapped) out.push_back(std::move(m));
        }
      }
      break;
    }
  }
  ms = std::move(out);
}

}  // namespace

PatternNode parse_pattern(std::string_view text) { return PatternParser(text).parse(); }

std::string head_name(const PatternNode& p) {
  switch (p.kind) {
    case PatternNode::Kind::Draw: return std::string(dist_info(p.dist).name);
    case PatternNode::Kind::Composite:
      return std::string(composite_def(p.composite).name) + (p.any_dist ? "" : ":" + std::string(dist_info(p.dist).name));
    default: return std::string(op_info(p.op).name);
  }
}

std::string to_string(const PatternNode& p) {
  switch (p.kind) {
    case PatternNode::Kind::Var: return p.var;
    case PatternNode::Kind::Constant: return format_number(p.constant);
    default: break;
  }
  std::string s = "(" + head_name(p);
  for (const PatternNode& c : p.children) s += " " + to_string(c);
  return s + ")";
}

void match_class(const EGraph& g, const PatternNode& p, ClassId c, std::vector<Match>& out) {
  std::vector<Match> ms(1);
  ms[0].root = g.find(c);
  extend(g, p, c, ms);
  for (Match& m : ms) out.push_back(std::move(m));
}

std::vector<Match> search(const EGraph& g, const PatternNode& p, std::size_t limit, const RootFilter& roots) {
  std::vector<Match> out;
  const bool indexed = p.kind != PatternNode::Kind::Var && p.kind != PatternNode::Kind::Constant;
  const std::vector<ClassId> all = indexed ? std::vector<ClassId>{} : g.class_ids();
  const std::vector<ClassId>& candidates = indexed ? g.classes_with(pattern_op(p)) : all;
  for (ClassId c : candidates) {
    if (roots && !roots(g, c)) continue;
    match_class(g, p, c, out);
    if (out.size() >= limit) {
      out.resize(limit);
      break;
    }
  }
  return out;
}

std::vector<Match> search_multi(const EGraph& g, const std::vector<PatternNode>& ps, std::size_t limit,
                                const RootFilter& roots) {
  if (ps.empty()) return {};
  std::vector<Match> ms = search(g, ps[0], ps.size() == 1 ? limit : SIZE_MAX, roots);
  for (std::size_t k = 1; k < ps.size() && !ms.empty(); ++k) {
    const std::vector<Match> rhs = search(g, ps[k]);
    std::vector<Match> joined;
    for (const Match& a : ms)
      for (const Match& b : rhs) {
        bool agree = true;
        for (const auto& [var, cls] : b.subst) {
          const ClassId* bound = a.subst.find(var);
          if (bound && g.find(*bound) != g.find(cls)) agree = false;
        }
        if (!agree) continue;
        Match m = a;
        for (const auto& [var, cls] : b.subst)
          if (!m.subst.find(var)) m.subst.bind(var, cls);
        m.draws.insert(m.draws.end(), b.draws.begin(), b.draws.end());
        joined.push_back(std::move(m));
        if (joined.size() >= limit) break;
      }
    ms = std::move(joined);
  }
  return ms;
}

namespace {

// A composite built by a right side goes through its op's parameter check and gets
// the shape it returns; at the root, that must be the shape of the class it joins.
// Failures mean the rule does not apply here (std::invalid_argument).
Shape composite_shape(const EGraph& g, const PatternNode& p, const std::vector<ClassId>& params, const Shape& asked) {
  const CompositeDef& def = composite_def(p.composite);
  if (def.takes_dist && p.any_dist)
    throw std::logic_error("instantiate: a right side builds " + def.name + " without its component distribution");
  CompositeArgs args;
  args.dist = p.dist;
  args.shape = asked;
  for (ClassId c : params) {
    args.shapes.push_back(g.data(c).shape);
    const ConstantValue& k = g.data(c).constant;
    args.constants.push_back(k ? std::optional<Value>(*k) : std::nullopt);
  }
  if (!def.check) {
    if (params.size() != def.params.size()) throw std::invalid_argument(def.name + ": wrong number of parameters");
    return asked;
  }
  try {
    return def.check(args);
  } catch (const std::domain_error& e) {
    throw std::invalid_argument(e.what());
  }
}

// The shape of a draw below a right side's root: its parameters' broadcast.
Shape broadcast_shape(const EGraph& g, const std::vector<ClassId>& params) {
  Shape out;
  for (ClassId c : params) {
    const Shape& s = g.data(c).shape;
    if (s.is_scalar()) continue;
    if (!out.is_scalar() && out != s) throw std::invalid_argument("instantiate: parameters of different shapes");
    out = s;
  }
  return out;
}

class Instantiator {
 public:
  Instantiator(EGraph& g, const Match& m, ClassId shape_like, const SiteSet& cover)
      : g_(g), m_(m), shape_like_(shape_like), cover_(cover) {}

  ClassId build(const PatternNode& p, bool root) {
    switch (p.kind) {
      case PatternNode::Kind::Var: {
        const ClassId* bound = m_.subst.find(p.var);
        if (!bound) throw std::logic_error("instantiate: unbound variable " + p.var);
        return *bound;
      }
      case PatternNode::Kind::Constant: {
        const ClassData& d = g_.data(shape_like_);
        return g_.add_constant(Value::filled(d.shape, p.constant,
                                             p.constant == std::floor(p.constant) ? d.type : ScalarType::Real));
      }
      case PatternNode::Kind::Op: {
        ENode n{p.op, DistKind::Normal, 0, {}};
        for (const PatternNode& c : p.children) n.children.push_back(child(c));
        return g_.add(std::move(n));
      }
      case PatternNode::Kind::Draw:
      case PatternNode::Kind::Composite: {
        const std::uint32_t slot = next_slot_++;  // in preorder, before the children's
        std::vector<ClassId> params;
        for (const PatternNode& c : p.children) params.push_back(child(c));
        const bool composite = p.kind == PatternNode::Kind::Composite;
        const Shape& joins = g_.data(shape_like_).shape;
        if (root) {
          if (composite && composite_shape(g_, p, params, joins) != joins)
            throw std::invalid_argument("instantiate: " + composite_def(p.composite).name + " has another shape");
          return g_.add_replacement_draw(p.dist, std::move(params), joins, cover_, m_.root, p.composite);
        }
        Shape shape = composite ? composite_shape(g_, p, params, Shape::scalar()) : broadcast_shape(g_, params);
        return g_.add_fresh_site(p.dist, p.composite, std::move(params), std::move(shape), m_.root, slot);
      }
    }
    throw std::logic_error("instantiate: bad pattern");
  }

 private:
  // Constants inside an expression stay scalars and broadcast.
  ClassId child(const PatternNode& c) {
    return c.kind == PatternNode::Kind::Constant ? g_.add_constant(Value(c.constant)) : build(c, false);
  }

  EGraph& g_;
  const Match& m_;
  ClassId shape_like_;
  const SiteSet& cover_;
  std::uint32_t next_slot_ = 0;
};

}  // namespace

ClassId instantiate(EGraph& g, const PatternNode& p, const Match& m, ClassId shape_like, const SiteSet& cover) {
  return Instantiator(g, m, shape_like, cover).build(p, true);
}

}  // namespace alea::rewrite
