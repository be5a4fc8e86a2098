// Rule construction, application and the common guards.
#include "alea/rewrite/rule.hpp"

#include <algorithm>

#include <stdexcept>

namespace alea::rewrite {

namespace {

// A pointwise right side creates no draw and no closed composite (each is a site: a
// random variable). A distributional one has them at its root, where they stand for
// the matched term, and below it, where they are fresh random variables.
void check_rhs_draws(const Rule& r, const PatternNode& p) {
  if ((p.kind == PatternNode::Kind::Draw || p.kind == PatternNode::Kind::Composite) && r.kind == RuleKind::Pointwise)
    throw std::logic_error("rule " + r.name + ": a pointwise right side cannot build a draw or a composite");
  for (const PatternNode& c : p.children) check_rhs_draws(r, c);
}

}  // namespace

Rule rw(std::string name, std::string_view lhs, std::string_view rhs, std::vector<Guard> guards) {
  Rule r;
  r.name = std::move(name);
  r.kind = RuleKind::Pointwise;
  r.lhs.push_back(parse_pattern(lhs));
  r.rhs = parse_pattern(rhs);
  r.guards = std::move(guards);
  r.lhs_text = std::string(lhs);
  r.rhs_text = std::string(rhs);
  check_rhs_draws(r, *r.rhs);
  return r;
}

Rule dist_rw(std::string name, std::string_view lhs, std::string_view rhs, std::vector<Guard> guards) {
  Rule r = rw(std::move(name), lhs, "0", std::move(guards));
  r.kind = RuleKind::Distributional;
  r.rhs = parse_pattern(rhs);
  r.rhs_text = std::string(rhs);
  check_rhs_draws(r, *r.rhs);
  return r;
}

Rule computed(std::string name, RuleKind kind, std::string_view lhs, Applier apply, std::vector<Guard> guards,
              std::string rhs_text) {
  Rule r;
  r.name = std::move(name);
  r.kind = kind;
  r.lhs.push_back(parse_pattern(lhs));
  r.apply = std::move(apply);
  r.guards = std::move(guards);
  r.lhs_text = std::string(lhs);
  r.rhs_text = std::move(rhs_text);
  return r;
}

Rule expansive(Rule r) {
  r.expansive = true;
  return r;
}

SiteSet matched_cover(const EGraph& g, const Match& m) {
  SiteSet cover;
  for (const DrawHit& d : m.draws) cover = site_union(cover, g.site(d.site).cover);
  return cover;
}

bool apply_match(EGraph& g, const Rule& r, const Match& m) {
  for (const Guard& guard : r.guards)
    if (!guard(g, m)) return false;
  std::optional<ClassId> result;
  try {
    if (r.rhs) {
      const SiteSet cover = r.kind == RuleKind::Distributional ? matched_cover(g, m) : SiteSet{};
      result = instantiate(g, *r.rhs, m, m.root, cover);
    } else {
      result = r.apply(g, m);
    }
  } catch (const std::invalid_argument&) {
    // The right side does not fit these shapes: the rule does not apply here.
    return false;
  }
  if (!result) return false;
  if (g.data(*result).shape != g.data(m.root).shape) return false;
  return g.merge(m.root, *result);
}

Guard positive(std::string var) {
  return [var](const EGraph& g, const Match& m) { return g.data(m[var]).range.positive(); };
}
Guard nonnegative(std::string var) {
  return [var](const EGraph& g, const Match& m) { return g.data(m[var]).range.nonnegative(); };
}
Guard nonzero(std::string var) {
  return [var](const EGraph& g, const Match& m) { return g.data(m[var]).range.nonzero(); };
}
Guard is_constant(std::string var) {
  return [var](const EGraph& g, const Match& m) { return g.data(m[var]).constant.has_value(); };
}
Guard is_scalar(std::string var) {
  return [var](const EGraph& g, const Match& m) { return g.data(m[var]).shape.is_scalar(); };
}
Guard same_shape(std::string a, std::string b) {
  return [a, b](const EGraph& g, const Match& m) { return g.data(m[a]).shape == g.data(m[b]).shape; };
}

Guard draws_independent() {
  return [](const EGraph& g, const Match& m) {
    for (std::size_t i = 0; i < m.draws.size(); ++i)
      for (std::size_t j = 0; j < m.draws.size(); ++j) {
        if (i == j) continue;
        if (g.find(m.draws[i].eclass) == g.find(m.draws[j].eclass)) return false;  // the same variable twice
        if (!disjoint(g.site(m.draws[i].site).cover, g.data(m.draws[j].eclass).sites)) return false;
      }
    return true;
  };
}

Guard independent_of(std::string var) {
  return [var](const EGraph& g, const Match& m) {
    for (const DrawHit& d : m.draws)
      if (!disjoint(g.site(d.site).cover, g.data(m[var]).sites)) return false;
    return true;
  };
}

Guard draws_shaped_like_root() {
  return [](const EGraph& g, const Match& m) {
    for (const DrawHit& d : m.draws)
      if (g.data(d.eclass).shape != g.data(m.root).shape) return false;
    return true;
  };
}

RootFilter without_gaussian_form() {
  return [](const EGraph& g, ClassId c) { return g.data(c).gaussian == nullptr || g.data(c).gaussian->conditional(); };
}

namespace {

bool form_ends_at(const EGraph& g, ClassId c) {
  const auto& parents = g.eclass(c).parents;
  return parents.empty() || std::any_of(parents.begin(), parents.end(),
                                        [&](const auto& p) { return g.data(p.second).gaussian == nullptr; });
}

}  // namespace

RootFilter ending_gaussian_form() {
  return [](const EGraph& g, ClassId c) { return g.data(c).gaussian != nullptr && form_ends_at(g, c); };
}

RootFilter outside_gaussian_chain() {
  return [](const EGraph& g, ClassId c) { return g.data(c).gaussian == nullptr || form_ends_at(g, c); };
}

Rule rooted(Rule r, RootFilter roots) {
  r.roots = std::move(roots);
  return r;
}

}  // namespace alea::rewrite
