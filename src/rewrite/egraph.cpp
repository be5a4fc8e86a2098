// E-graph: hash-consing, merging, deferred rebuild, analyses and invariants.
#include "alea/rewrite/egraph.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>

#include "alea/dist/ops.hpp"
#include "alea/graph/composite.hpp"
#include "range_rules.hpp"

namespace alea::rewrite {

std::size_t ENodeHash::operator()(const ENode& n) const {
  std::size_t h = (static_cast<std::size_t>(n.op) << 8) ^ static_cast<std::size_t>(n.dist);
  h ^= std::size_t{n.payload} * 0x9E3779B97F4A7C15ULL + (std::size_t{n.composite} << 16);
  for (ClassId c : n.children) h ^= c + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

ENode EGraph::canonical(ENode n) const {
  for (ClassId& c : n.children) c = find(c);
  // + and * are commutative: one order of operands, so a + b and b + a are one node.
  if ((n.op == Op::Add || n.op == Op::Mul) && n.children[1] < n.children[0]) std::swap(n.children[0], n.children[1]);
  return n;
}

ClassData EGraph::make(const ENode& n) const {
  ClassData d;
  if (n.op == Op::Constant) {
    const Value& v = *constants_[n.payload];
    d.constant = ConstantValue(constants_[n.payload]);
    d.shape = v.shape();
    d.type = v.type();
    d.range = detail::value_range(v);
    return d;
  }
  std::vector<Range> ranges;
  for (ClassId c : n.children) {
    const ClassData& cd = data(c);
    d.sites = site_union(d.sites, cd.sites);
    ranges.push_back(cd.range);
  }
  if (n.op == Op::Draw) {
    const SiteInfo& s = sites_[n.payload];
    d.sites = site_union(d.sites, s.cover);
    d.shape = s.shape;
    d.type = dist_info(n.dist).value_type;
    d.range = detail::draw_range(n.dist, ranges);
    if (d.shape.is_scalar()) d.gaussian = gaussian_form(n);
    return d;
  }
  if (n.op == Op::Composite) {
    const SiteInfo& s = sites_[n.payload];
    d.sites = site_union(d.sites, s.cover);
    d.shape = s.shape;
    d.type = composite_def(n.composite).type(n.dist);
    return d;
  }
  std::vector<Shape> shapes;
  std::vector<ScalarType> types;
  bool all_constant = true;
  for (ClassId c : n.children) {
    const ClassData& cd = data(c);
    shapes.push_back(cd.shape);
    types.push_back(cd.type);
    all_constant = all_constant && cd.constant.has_value();
  }
  d.shape = result_shape(n.op, shapes);
  d.type = result_type(n.op, types);
  d.range = detail::op_range(n.op, ranges);
  if (d.shape.is_scalar() && !all_constant) d.gaussian = gaussian_form(n);
  if (all_constant) {
    std::vector<Value> in;
    for (ClassId c : n.children) in.push_back(*data(c).constant);
    try {
      Value v = dist::evaluate(n.op, in);
      // Fold only what evaluates to ordinary numbers: log(-1) stays symbolic.
      if (std::all_of(v.data().begin(), v.data().end(), [](double x) { return std::isfinite(x); })) {
        d.range = intersect(d.range, detail::value_range(v));
        d.constant = std::move(v);
      }
    } catch (const std::out_of_range&) {
      // An out-of-range constant index is left for evaluation to report.
    }
  }
  return d;
}

std::optional<EGraph::NormalDraw> EGraph::normal_draw(ClassId c) const {
  for (const ENode& n : eclass(c).nodes) {
    if (n.op != Op::Draw || n.dist != DistKind::Normal || sites_[n.payload].replacement) continue;
    const ClassData& m = data(n.children[0]);
    const ClassData& s = data(n.children[1]);
    if (m.constant && s.constant) return NormalDraw{n.payload, &*m.constant, &*s.constant};
  }
  return std::nullopt;
}

std::shared_ptr<const GaussianForm> EGraph::gaussian_form(const ENode& n) const {
  const auto form = [&](std::size_t k) { return data(n.children[k]).gaussian.get(); };
  const auto scalar = [&](std::size_t k) -> std::optional<double> {
    const auto& c = data(n.children[k]).constant;
    if (!c || !c->is_scalar() || !std::isfinite(c->scalar())) return std::nullopt;
    return c->scalar();
  };
  // Element k's mean and sd; a non-finite one as sd NaN (no atom).
  const auto element = [](const NormalDraw& x, std::size_t k) {
    const auto at = [k](const Value& v) { return v.is_scalar() ? v.scalar() : v[k]; };
    const double m = at(*x.mean), s = at(*x.sd);
    return std::isfinite(m) && std::isfinite(s) ? std::pair(m, s) : std::pair(m, std::nan(""));
  };
  const auto share = [](std::optional<GaussianForm> f) {
    return f ? std::make_shared<const GaussianForm>(std::move(*f)) : nullptr;
  };
  switch (n.op) {
    case Op::Draw: {
      if (n.dist != DistKind::Normal || sites_[n.payload].replacement) return nullptr;
      const auto m = scalar(0), s = scalar(1);
      if (!m || !s || !(*s > 0)) return nullptr;
      return share(gaussian_atom(n.payload, 0, *m, *s));
    }
    case Op::Index: {  // an element of a vector normal draw: independent of the others
      if (n.children.size() != 2) return nullptr;
      const auto x = normal_draw(n.children[0]);
      const auto i = scalar(1);
      if (!x || !i || sites_[x->site].shape.rank() != 1 || *i < 0 ||
          *i >= static_cast<double>(sites_[x->site].shape.size()) || *i != std::floor(*i))
        return nullptr;
      const auto k = static_cast<std::size_t>(*i);
      const auto [m, s] = element(*x, k);
      if (!(s > 0)) return nullptr;
      return share(gaussian_atom(x->site, static_cast<std::uint32_t>(k), m, s));
    }
    case Op::Sum: {  // the elements of a vector normal draw
      const auto x = normal_draw(n.children[0]);
      if (!x || sites_[x->site].shape.rank() != 1) return nullptr;
      const auto size = static_cast<std::size_t>(sites_[x->site].shape.size());
      GaussianForm f;
      const std::uint64_t first = std::uint64_t{x->site} << 32;
      f.atoms = {{first, first + size}};
      for (std::size_t k = 0; k < size; ++k) {
        const auto [m, s] = element(*x, k);
        if (!(s > 0)) return nullptr;
        f.mean += m;
        f.variance += s * s;
        if (size <= GaussianForm::kTerms) f.terms.push_back({first + k, 1.0, m, s});
      }
      return share(std::move(f));
    }
    case Op::Neg:
      return form(0) ? share(gaussian_affine(*form(0), 0, -1)) : nullptr;
    case Op::Add:
    case Op::Sub: {
      const double sign = n.op == Op::Add ? 1 : -1;
      if (form(0) && form(1)) return share(gaussian_sum(*form(0), gaussian_affine(*form(1), 0, sign)));
      if (form(0) && scalar(1)) return share(gaussian_affine(*form(0), sign * *scalar(1), 1));
      if (scalar(0) && form(1)) return share(gaussian_affine(*form(1), *scalar(0), sign));
      // A random operand without a form shifts the other's: a conditional form.
      const auto random = [&](std::size_t k) {
        const ClassData& d = data(n.children[k]);
        return !d.constant && !d.gaussian && d.shape.is_scalar();
      };
      if (form(0) && random(1)) return share(gaussian_shift(*form(0), n.children[1], data(n.children[1]).sites, sign));
      if (random(0) && form(1))
        return share(gaussian_shift(gaussian_affine(*form(1), 0, sign), n.children[0], data(n.children[0]).sites, 1));
      return nullptr;
    }
    case Op::Mul: {
      if (form(0) && scalar(1) && *scalar(1) != 0) return share(gaussian_affine(*form(0), 0, *scalar(1)));
      if (scalar(0) && form(1) && *scalar(0) != 0) return share(gaussian_affine(*form(1), 0, *scalar(0)));
      return nullptr;
    }
    case Op::Div:
      if (form(0) && scalar(1) && *scalar(1) != 0) return share(gaussian_affine(*form(0), 0, 1 / *scalar(1)));
      return nullptr;
    default:
      return nullptr;
  }
}

bool EGraph::merge_data(ClassData& into, const ClassData& in) const {
  bool changed = false;
  // Every node's form is the same value's: one is kept, the one with the fewest rest
  // terms (an unconditional form over a conditional one).
  if (in.gaussian && (!into.gaussian || in.gaussian->rest_size() < into.gaussian->rest_size())) {
    into.gaussian = in.gaussian;
    changed = true;
  }
  if (!into.constant && in.constant) {
    into.constant = in.constant;
    changed = true;
  }
  SiteSet sites = site_intersection(into.sites, in.sites);
  if (sites != into.sites) {
    into.sites = std::move(sites);
    changed = true;
  }
  Range r = intersect(into.range, in.range);
  // A bound that only moves by rounding (exp(log(x)) around a cycle of the e-graph
  // moves it an ulp each pass) is kept: such narrowing never reaches a fixed point
  // and rebuild would not terminate; the wider bound is still sound.
  const auto rounding_only = [](double was, double now) {
    return std::isfinite(was) && std::isfinite(now) && std::abs(was - now) <= 1e-12 * std::max(std::abs(was), std::abs(now));
  };
  if (r.lo != into.range.lo && rounding_only(into.range.lo, r.lo)) {
    r.lo = into.range.lo;
    r.lo_open = into.range.lo_open;
  }
  if (r.hi != into.range.hi && rounding_only(into.range.hi, r.hi)) {
    r.hi = into.range.hi;
    r.hi_open = into.range.hi_open;
  }
  if (!(r == into.range)) {
    into.range = r;
    changed = true;
  }
  return changed;
}

void EGraph::reserve(std::size_t nodes) {
  classes_.reserve(nodes);
  memo_.reserve(nodes);
  uf_.reserve(nodes);
}

ClassId EGraph::add(ENode n) {
  if (frozen_) throw std::logic_error("e-graph: add after freeze()");
  n = canonical(std::move(n));
  if (auto it = memo_.find(n); it != memo_.end()) return find(it->second);
  ClassData d = make(n);
  const ClassId id = uf_.make_set();
  classes_.emplace_back();
  EClass& c = classes_.back();
  c.nodes.push_back(n);
  c.data = std::move(d);
  // One parent entry per distinct child class: a stack of many equal elements (the NaN
  // holes of a large ragged array) would otherwise copy its long node once per element.
  std::vector<ClassId> kids;
  kids.reserve(n.children.size());
  for (ClassId child : n.children) kids.push_back(find(child));
  std::sort(kids.begin(), kids.end());
  kids.erase(std::unique(kids.begin(), kids.end()), kids.end());
  for (ClassId child : kids) classes_[child].parents.emplace_back(n, id);
  memo_.emplace(n, id);
  ++node_count_;
  ++live_classes_;
  by_op_[static_cast<std::size_t>(n.op)].push_back(id);
  modify(id);
  return id;
}

bool EGraph::ConstantKeyLess::operator()(const std::pair<ScalarType, std::vector<double>>& a,
                                         const std::pair<ScalarType, std::vector<double>>& b) const {
  if (a.first != b.first) return a.first < b.first;
  // NaN after every number and equivalent to NaN; numbers by value (0 and -0 alike).
  const auto less = [](double x, double y) { return std::isnan(x) ? false : std::isnan(y) || x < y; };
  return std::lexicographical_compare(a.second.begin(), a.second.end(), b.second.begin(), b.second.end(), less);
}

ClassId EGraph::add_constant(const Value& v) {
  if (v.shape().dims.empty() && v.data().size() == 1) {
    const double x = v.data()[0] == 0 ? 0.0 : v.data()[0];
    const std::uint64_t bits = std::isnan(x) ? 0x7ff8000000000000ULL : std::bit_cast<std::uint64_t>(x);
    auto [it, fresh] = scalar_constants_.at(static_cast<std::size_t>(v.type())).emplace(bits, 0);
    if (fresh) {
      it->second = static_cast<std::uint32_t>(constants_.size());
      constants_.push_back(std::make_shared<const Value>(v));
    }
    return add(ENode{Op::Constant, DistKind::Normal, it->second, {}});
  }
  auto& by_dims = constant_index_[{v.type(), v.data()}];
  auto it = by_dims.find(v.shape().dims);
  std::uint32_t index;
  if (it == by_dims.end()) {
    index = static_cast<std::uint32_t>(constants_.size());
    constants_.push_back(std::make_shared<const Value>(v));
    by_dims.emplace(v.shape().dims, index);
  } else {
    index = it->second;
  }
  return add(ENode{Op::Constant, DistKind::Normal, index, {}});
}

ClassId EGraph::add_site_draw(DistKind dist, std::vector<ClassId> params, Shape shape, std::uint32_t site) {
  if (site < sites_.size()) {
    if (sites_[site].replacement || !sites_[site].cover.empty())
      throw std::logic_error("add_site_draw: site " + std::to_string(site) + " is already taken");
  } else {
    sites_.resize(site + 1);
  }
  sites_[site] = SiteInfo{{site}, std::move(shape), false};
  return add(ENode{Op::Draw, dist, site, std::move(params)});
}

ClassId EGraph::add_site_composite(std::uint16_t composite, DistKind dist, std::vector<ClassId> params, Shape shape,
                                   std::uint32_t site) {
  if (site < sites_.size()) {
    if (sites_[site].replacement || !sites_[site].cover.empty())
      throw std::logic_error("add_site_composite: site " + std::to_string(site) + " is already taken");
  } else {
    sites_.resize(site + 1);
  }
  sites_[site] = SiteInfo{{site}, std::move(shape), false};
  ENode n{Op::Composite, dist, site, std::move(params)};
  n.composite = composite;
  return add(std::move(n));
}

ClassId EGraph::add_replacement_draw(DistKind dist, std::vector<ClassId> params, Shape shape, SiteSet cover,
                                     ClassId stands_for, std::uint16_t composite) {
  return add_site(dist, composite, std::move(params), std::move(shape), std::move(cover), stands_for, 0);
}

ClassId EGraph::add_fresh_site(DistKind dist, std::uint16_t composite, std::vector<ClassId> params, Shape shape,
                               ClassId stands_for, std::uint32_t slot) {
  return add_site(dist, composite, std::move(params), std::move(shape), {}, stands_for, slot + 1);
}

ClassId EGraph::add_site(DistKind dist, std::uint16_t composite, std::vector<ClassId> params, Shape shape,
                         SiteSet cover, ClassId stands_for, std::uint32_t slot) {
  for (ClassId& p : params) p = find(p);
  auto key = std::make_tuple(dist, composite, params, cover, find(stands_for), slot);
  if (slot == 0 && replacement_cap_ > 0 && !replacements_.contains(key)) {
    const ClassId root = find(stands_for);
    std::size_t held = 0, widest = 0;
    for (const ENode& n : classes_[root].nodes)
      if ((n.op == Op::Draw || n.op == Op::Composite) && n.dist == dist && n.composite == composite &&
          sites_[n.payload].replacement) {
        ++held;
        widest = std::max(widest, sites_[n.payload].cover.size());
      }
    if (held >= replacement_cap_ && cover.size() <= widest) return root;
  }
  std::uint32_t site;
  if (auto it = replacements_.find(key); it != replacements_.end()) {
    site = it->second;
  } else {
    site = static_cast<std::uint32_t>(sites_.size());
    if (slot > 0) cover = SiteSet{site};  // a fresh site stands for itself alone
    sites_.push_back(SiteInfo{std::move(cover), std::move(shape), true});
    replacements_.emplace(std::move(key), site);
  }
  ENode n{composite ? Op::Composite : Op::Draw, dist, site, std::move(params)};
  n.composite = composite;
  return add(std::move(n));
}

void EGraph::modify(ClassId id) {
  // Constant folding: a class known to be constant holds the constant's node.
  EClass& c = classes_[find(id)];
  if (!c.data.constant) return;
  for (const ENode& n : c.nodes)
    if (n.op == Op::Constant) return;
  const ClassId k = add_constant(*c.data.constant);
  merge(id, k);
}

bool EGraph::merge(ClassId a, ClassId b) {
  a = uf_.find_mut(a);
  b = uf_.find_mut(b);
  if (a == b) return false;
  if (classes_[a].data.shape != classes_[b].data.shape)
    throw std::logic_error("e-graph: merging classes of shapes " + to_string(classes_[a].data.shape) + " and " +
                           to_string(classes_[b].data.shape));
  if (classes_[a].parents.size() < classes_[b].parents.size()) std::swap(a, b);
  uf_.link(a, b);
  EClass& root = classes_[a];
  EClass& other = classes_[b];
  const bool root_changed = merge_data(root.data, other.data);
  const bool other_changed = !(root.data.sites == other.data.sites) ||
                             root.data.constant.has_value() != other.data.constant.has_value() ||
                             (root.data.gaussian != nullptr) != (other.data.gaussian != nullptr);
  root.nodes.insert(root.nodes.end(), other.nodes.begin(), other.nodes.end());
  root.parents.insert(root.parents.end(), other.parents.begin(), other.parents.end());
  other.nodes.clear();
  other.parents.clear();
  other.data = ClassData{};
  --live_classes_;
  pending_.push_back(a);
  if (root_changed || other_changed) analysis_pending_.push_back(a);
  modify(a);
  return true;
}

void EGraph::repair(ClassId id) {
  id = find(id);
  std::vector<std::pair<ENode, ClassId>> parents = std::move(classes_[id].parents);
  classes_[id].parents.clear();
  for (auto& [node, pid] : parents) {
    memo_.erase(node);
    node = canonical(node);
    memo_[node] = find(pid);
  }
  std::unordered_map<ENode, ClassId, ENodeHash> unique;
  for (auto& [node, pid] : parents) {
    if (auto it = unique.find(node); it != unique.end()) merge(it->second, pid);
    unique[node] = find(pid);
  }
  id = find(id);
  for (auto& [node, pid] : unique) classes_[id].parents.emplace_back(node, find(pid));
}

void EGraph::rebuild() {
  // The analysis is propagated to parents until nothing changes, but at most this many
  // rounds: through a cycle of the e-graph (x = 2 (x / 2), ...) a range can shrink by a
  // rounding step per round for millions of rounds (the differential fuzzer found a
  // model whose rebuild ran for minutes). Every round only intersects sound facts, so
  // stopping early leaves each class's data sound, just less precise.
  constexpr int kMaxAnalysisRounds = 64;
  int analysis_rounds = 0;
  do {
  while (!pending_.empty() || !analysis_pending_.empty()) {
    if (analysis_rounds++ >= kMaxAnalysisRounds) analysis_pending_.clear();
    std::vector<ClassId> todo;
    todo.swap(pending_);
    for (ClassId& c : todo) c = find(c);
    std::sort(todo.begin(), todo.end());
    todo.erase(std::unique(todo.begin(), todo.end()), todo.end());
    for (ClassId c : todo) repair(c);

    std::vector<ClassId> analysis;
    analysis.swap(analysis_pending_);
    for (ClassId& c : analysis) c = find(c);
    std::sort(analysis.begin(), analysis.end());
    analysis.erase(std::unique(analysis.begin(), analysis.end()), analysis.end());
    for (ClassId c : analysis) {
      // By index, re-reading the list: modify() may add nodes (and parents) or merge
      // classes; a copy of a long list (a vector draw's 200,000 element reads) at every
      // change of its analysis would cost more than the propagation.
      for (std::size_t i = 0; i < classes_[find(c)].parents.size(); ++i) {
        const auto [node, pid] = classes_[find(c)].parents[i];
        const ClassId p = find(pid);
        if (merge_data(classes_[p].data, make(canonical(node)))) {
          analysis_pending_.push_back(p);
          modify(p);
        }
      }
    }
  }
  } while (merge_equal_forms());
  // Canonical, deduplicated nodes in every class.
  node_count_ = 0;
  for (ClassId id = 0; id < classes_.size(); ++id) {
    if (find(id) != id) continue;
    auto& nodes = classes_[id].nodes;
    // A constant class is its constant: the other ways of computing it only feed
    // rules that cannot improve on it (as egg's constant-folding analysis prunes).
    if (classes_[id].data.constant)
      std::erase_if(nodes, [](const ENode& n) { return n.op != Op::Constant; });
    for (ENode& n : nodes) n = canonical(n);
    std::sort(nodes.begin(), nodes.end(), [](const ENode& x, const ENode& y) {
      return std::tie(x.op, x.dist, x.payload, x.children) < std::tie(y.op, y.dist, y.payload, y.children);
    });
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    node_count_ += nodes.size();
  }
  rekey_replacements();
  rebuild_index();
}

void EGraph::freeze() {
  decltype(memo_)().swap(memo_);
  for (EClass& c : classes_) decltype(c.parents)().swap(c.parents);
  for (auto& v : by_op_) std::vector<ClassId>().swap(v);
  decltype(replacements_)().swap(replacements_);
  decltype(constant_index_)().swap(constant_index_);
  for (auto& table : scalar_constants_) decltype(scalar_constants_)::value_type().swap(table);
  frozen_ = true;
}

// Replacements keyed by canonical ids again: a right side met again after its
// parameters' classes merged is the replacement it made before, not a new site.
void EGraph::rekey_replacements() {
  bool stale = false;
  for (const auto& [key, site] : replacements_) {
    for (ClassId p : std::get<2>(key)) stale = stale || find(p) != p;
    stale = stale || find(std::get<4>(key)) != std::get<4>(key);
    if (stale) break;
  }
  if (!stale) return;
  decltype(replacements_) rekeyed;
  for (const auto& [old_key, site] : replacements_) {
    auto key = old_key;
    for (ClassId& p : std::get<2>(key)) p = find(p);
    std::get<4>(key) = find(std::get<4>(key));
    rekeyed.emplace(std::move(key), site);
  }
  replacements_ = std::move(rekeyed);
}

bool EGraph::merge_equal_forms() {
  // Offset, then (atom, coefficient) of every term, then (class + 2^32, coefficient) of
  // every rest term.
  std::map<std::pair<double, std::vector<std::pair<std::uint64_t, double>>>, ClassId> seen;
  bool merged = false;
  for (ClassId id = 0; id < classes_.size(); ++id) {
    if (find(id) != id) continue;
    const std::shared_ptr<const GaussianForm> f = classes_[id].data.gaussian;
    if (!f || !f->explicit_terms()) continue;
    if (f->terms.empty()) {
      // x - x: the constant offset; (x + R) - x: R.
      if (!f->conditional()) {
        if (!classes_[id].data.constant) merged = merge(id, add_constant(Value(f->offset))) || merged;
      } else if (f->rest_size() == 1 && f->rest->terms[0].second == 1 && f->offset == 0) {
        merged = merge(id, f->rest->terms[0].first) || merged;
      }
      continue;
    }
    std::vector<std::pair<std::uint64_t, double>> key;
    key.reserve(f->terms.size() + f->rest_size());
    for (const GaussianForm::Term& t : f->terms) key.emplace_back(t.atom, t.coefficient);
    std::vector<std::pair<std::uint64_t, double>> rest;
    if (f->rest)
      for (const auto& [r, c] : f->rest->terms) rest.emplace_back((std::uint64_t{1} << 32) + find(r), c);
    std::sort(rest.begin(), rest.end());
    key.insert(key.end(), rest.begin(), rest.end());
    const auto [it, fresh] = seen.emplace(std::make_pair(f->offset, std::move(key)), id);
    if (!fresh) merged = merge(it->second, id) || merged;
  }
  return merged;
}

void EGraph::rebuild_index() {
  for (auto& v : by_op_) v.clear();
  for (ClassId id = 0; id < classes_.size(); ++id) {
    if (find(id) != id) continue;
    Op last = Op::Stack;
    bool first = true;
    for (const ENode& n : classes_[id].nodes) {
      if (first || n.op != last) by_op_[static_cast<std::size_t>(n.op)].push_back(id);
      last = n.op;
      first = false;
    }
  }
}

std::vector<ClassId> EGraph::class_ids() const {
  std::vector<ClassId> out;
  for (ClassId id = 0; id < classes_.size(); ++id)
    if (find(id) == id) out.push_back(id);
  return out;
}

void EGraph::check_invariants() const {
  if (!pending_.empty() || !analysis_pending_.empty())
    throw std::logic_error("e-graph invariant: rebuild() is pending");
  std::unordered_map<ENode, ClassId, ENodeHash> seen;
  for (ClassId id : class_ids()) {
    const EClass& c = classes_[id];
    ClassData implied;
    bool first = true;
    for (const ENode& n : c.nodes) {
      if (!(canonical(n) == n)) throw std::logic_error("e-graph invariant: a node of class " + std::to_string(id) + " is not canonical");
      auto [it, fresh] = seen.emplace(n, id);
      if (!fresh && it->second != id)
        throw std::logic_error("e-graph invariant: congruence broken, a node is in classes " +
                               std::to_string(it->second) + " and " + std::to_string(id));
      auto m = memo_.find(n);
      if (m == memo_.end() || find(m->second) != id)
        throw std::logic_error("e-graph invariant: hash-cons does not map a node of class " + std::to_string(id) + " to it");
      ClassData d = make(n);
      if (first) implied = d;
      else merge_data(implied, d);
      first = false;
    }
    if (implied.sites != c.data.sites)
      throw std::logic_error("e-graph invariant: site set of class " + std::to_string(id) + " is stale");
    if (implied.shape != c.data.shape)
      throw std::logic_error("e-graph invariant: shape of class " + std::to_string(id) + " is inconsistent");
  }
}

}  // namespace alea::rewrite
