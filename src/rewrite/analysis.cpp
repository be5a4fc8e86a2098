// Site-set algebra, range intersection, and the affine Gaussian forms.
#include "alea/rewrite/analysis.hpp"

#include <algorithm>
#include <iterator>

namespace alea::rewrite {

Range intersect(const Range& a, const Range& b) {
  Range r;
  if (a.lo > b.lo || (a.lo == b.lo && a.lo_open)) {
    r.lo = a.lo;
    r.lo_open = a.lo_open;
  } else {
    r.lo = b.lo;
    r.lo_open = b.lo_open;
  }
  if (a.hi < b.hi || (a.hi == b.hi && a.hi_open)) {
    r.hi = a.hi;
    r.hi_open = a.hi_open;
  } else {
    r.hi = b.hi;
    r.hi_open = b.hi_open;
  }
  r.integer = a.integer || b.integer;
  return r;
}

SiteSet site_union(const SiteSet& a, const SiteSet& b) {
  SiteSet out;
  out.reserve(a.size() + b.size());
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

SiteSet site_intersection(const SiteSet& a, const SiteSet& b) {
  SiteSet out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

bool disjoint(const SiteSet& a, const SiteSet& b) {
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (*i == *j) return false;
    if (*i < *j) ++i;
    else ++j;
  }
  return true;
}

GaussianForm gaussian_atom(std::uint32_t site, std::uint32_t element, double mean, double sd) {
  const std::uint64_t key = std::uint64_t{site} << 32 | element;
  GaussianForm f;
  f.mean = mean;
  f.variance = sd * sd;
  f.atoms = {{key, key + 1}};
  f.terms = {{key, 1.0, mean, sd}};
  return f;
}

GaussianForm gaussian_affine(const GaussianForm& f, double a, double b) {
  GaussianForm out = f;
  out.offset = a + b * f.offset;
  out.mean = a + b * f.mean;
  out.variance = b * b * f.variance;
  for (GaussianForm::Term& t : out.terms) t.coefficient *= b;
  if (out.rest && b != 1) {
    GaussianForm::Rest scaled = *out.rest;
    for (auto& r : scaled.terms) r.second *= b;
    out.rest = std::make_shared<const GaussianForm::Rest>(std::move(scaled));
  }
  return out;
}

namespace {

using Ranges = std::vector<std::pair<std::uint64_t, std::uint64_t>>;

bool ranges_disjoint(const Ranges& a, const Ranges& b) {
  auto i = a.begin(), j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (i->second <= j->first) ++i;
    else if (j->second <= i->first) ++j;
    else return false;
  }
  return true;
}

// The union of disjoint range lists, adjacent ranges joined: a running sum's atoms
// stay one range.
Ranges ranges_union(const Ranges& a, const Ranges& b) {
  Ranges all;
  all.reserve(a.size() + b.size());
  std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(all));
  Ranges out;
  for (const auto& r : all) {
    if (!out.empty() && out.back().second >= r.first) out.back().second = std::max(out.back().second, r.second);
    else out.push_back(r);
  }
  return out;
}

Ranges ranges_of(const std::vector<GaussianForm::Term>& terms) {
  Ranges out;
  for (const GaussianForm::Term& t : terms) {
    if (!out.empty() && out.back().second == t.atom) ++out.back().second;
    else out.emplace_back(t.atom, t.atom + 1);
  }
  return out;
}

// Whether an atom of `atoms` is an element of one of `sites`.
bool atoms_meet(const Ranges& atoms, const SiteSet& sites) {
  for (std::uint32_t s : sites) {
    const std::uint64_t first = std::uint64_t{s} << 32, last = (std::uint64_t{s} + 1) << 32;
    auto it = std::upper_bound(atoms.begin(), atoms.end(), first,
                               [](std::uint64_t x, const auto& range) { return x < range.second; });
    if (it != atoms.end() && it->first < last) return true;
  }
  return false;
}

const SiteSet& rest_sites(const GaussianForm& f) {
  static const SiteSet none;
  return f.rest ? f.rest->sites : none;
}

// The rest terms of both, coefficients of the same class added; null when none is left.
std::shared_ptr<const GaussianForm::Rest> rest_sum(const GaussianForm& f, const GaussianForm& g) {
  static const std::vector<std::pair<std::uint32_t, double>> none;
  const auto& a = f.rest ? f.rest->terms : none;
  const auto& b = g.rest ? g.rest->terms : none;
  GaussianForm::Rest out;
  auto i = a.begin(), j = b.begin();
  while (i != a.end() || j != b.end()) {
    std::pair<std::uint32_t, double> t;
    if (j == b.end() || (i != a.end() && i->first < j->first)) t = *i++;
    else if (i == a.end() || j->first < i->first) t = *j++;
    else t = {i->first, i->second + j->second}, ++i, ++j;
    if (t.second != 0) out.terms.push_back(t);
  }
  if (out.terms.empty()) return nullptr;
  out.sites = site_union(rest_sites(f), rest_sites(g));
  return std::make_shared<const GaussianForm::Rest>(std::move(out));
}

}  // namespace

std::optional<GaussianForm> gaussian_shift(const GaussianForm& f, std::uint32_t r, const SiteSet& sites, double c) {
  if (atoms_meet(f.atoms, sites)) return std::nullopt;
  GaussianForm g;
  g.rest = std::make_shared<const GaussianForm::Rest>(GaussianForm::Rest{{{r, c}}, sites});
  GaussianForm out = f;
  out.rest = rest_sum(f, g);
  return out;
}

std::optional<GaussianForm> gaussian_sum(const GaussianForm& f, const GaussianForm& g) {
  if (atoms_meet(f.atoms, rest_sites(g)) || atoms_meet(g.atoms, rest_sites(f))) return std::nullopt;
  GaussianForm out;
  out.offset = f.offset + g.offset;
  out.mean = f.mean + g.mean;
  if (f.conditional() || g.conditional()) out.rest = rest_sum(f, g);
  if (ranges_disjoint(f.atoms, g.atoms)) {
    out.variance = f.variance + g.variance;
    out.atoms = ranges_union(f.atoms, g.atoms);
    if (f.explicit_terms() && g.explicit_terms() && f.terms.size() + g.terms.size() <= GaussianForm::kTerms)
      std::merge(f.terms.begin(), f.terms.end(), g.terms.begin(), g.terms.end(), std::back_inserter(out.terms),
                 [](const auto& x, const auto& y) { return x.atom < y.atom; });
    return out;
  }
  // Shared atoms: their coefficients add (x + 2x is 3x), which needs every term.
  if (!f.explicit_terms() || !g.explicit_terms()) return std::nullopt;
  auto i = f.terms.begin(), j = g.terms.begin();
  while (i != f.terms.end() || j != g.terms.end()) {
    GaussianForm::Term t;
    if (j == g.terms.end() || (i != f.terms.end() && i->atom < j->atom)) t = *i++;
    else if (i == f.terms.end() || j->atom < i->atom) t = *j++;
    else t = {i->atom, i->coefficient + j->coefficient, i->mean, i->sd}, ++i, ++j;
    if (t.coefficient != 0) out.terms.push_back(t);
  }
  out.mean = out.offset;
  for (const GaussianForm::Term& t : out.terms) {
    out.mean += t.coefficient * t.mean;
    out.variance += t.coefficient * t.coefficient * t.sd * t.sd;
  }
  out.atoms = ranges_of(out.terms);
  return out;
}

}  // namespace alea::rewrite
