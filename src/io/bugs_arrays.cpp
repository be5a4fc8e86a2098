// Variables of a BUGS program by how they are defined: whole, or element by element.
#include "bugs_arrays.hpp"

#include <algorithm>

namespace alea::io::detail {

std::map<std::string, ArrayDef> collect_definitions(const std::vector<Instance>& inst) {
  std::map<std::string, ArrayDef> defs;
  std::map<std::string, int> count;
  for (const Instance& in : inst) ++count[in.name];
  for (std::size_t k = 0; k < inst.size(); ++k) {
    const Instance& in = inst[k];
    ArrayDef& d = defs[in.name];
    auto twice = [&](int prev, const std::string& what) {
      throw InputError(in.stmt->loc, what + " is defined twice (first defined at " +
                                         to_string(inst[static_cast<std::size_t>(prev)].stmt->loc) + ")");
    };
    if (d.whole >= 0) twice(d.whole, "variable '" + in.name + "'");
    // One block of ranges from 1 is the whole variable when nothing else defines it.
    const bool whole_block = !in.block.empty() && count[in.name] == 1 &&
                             std::all_of(in.block.begin(), in.block.end(),
                                         [](const IndexSpan& s) { return s.range && s.lo == 1; });
    if (in.block.empty() || whole_block) {
      if (!d.elements.empty()) twice(d.elements.begin()->second.inst, "variable '" + in.name + "'");
      d.whole = static_cast<int>(k);
      d.rank = in.block.size();
      for (const IndexSpan& s : in.block) d.dims.push_back(s.hi);
      continue;
    }
    if (d.elements.empty()) {
      d.rank = in.block.size();
      d.dims.assign(d.rank, 0);
    } else if (d.rank != in.block.size()) {
      const Instance& first = inst[static_cast<std::size_t>(d.elements.begin()->second.inst)];
      throw InputError(in.stmt->lhs.loc, "variable '" + in.name + "' is indexed with " +
                                             std::to_string(in.block.size()) + " indices here but " +
                                             std::to_string(d.rank) + " at " + to_string(first.stmt->loc));
    }
    // Every element of the block, the first index fastest.
    MultiIndex lo, extent;
    for (const IndexSpan& s : in.block) {
      lo.push_back(s.lo);
      extent.push_back(s.hi - s.lo + 1);
    }
    for (const MultiIndex& rel : column_major_indices(extent)) {
      ElementRef ref{static_cast<int>(k), {}};
      MultiIndex at(rel.size());
      for (std::size_t p = 0; p < rel.size(); ++p) {
        at[p] = lo[p] + rel[p] - 1;
        if (in.block[p].range) ref.offset.push_back(rel[p] - 1);
        d.dims[p] = std::max(d.dims[p], at[p]);
      }
      auto [it, fresh] = d.elements.emplace(at, ref);
      if (!fresh) twice(it->second.inst, element_label(in.name, at));
    }
  }
  return defs;
}

std::size_t column_major_offset(const MultiIndex& k, const MultiIndex& dims) {
  std::size_t off = 0, stride = 1;
  for (std::size_t p = 0; p < dims.size(); ++p) {
    off += static_cast<std::size_t>(k[p] - 1) * stride;
    stride *= static_cast<std::size_t>(dims[p]);
  }
  return off;
}

std::vector<MultiIndex> column_major_indices(const MultiIndex& dims) {
  std::vector<MultiIndex> out;
  std::size_t total = 1;
  for (std::int64_t d : dims) total *= static_cast<std::size_t>(std::max<std::int64_t>(d, 0));
  if (total == 0) return out;
  out.reserve(total);
  MultiIndex k(dims.size(), 1);
  for (std::size_t n = 0; n < total; ++n) {
    out.push_back(k);
    for (std::size_t p = 0; p < k.size(); ++p) {
      if (++k[p] <= dims[p]) break;
      k[p] = 1;
    }
  }
  return out;
}

std::string defined_elements_text(const std::string& name, const ArrayDef& d) {
  std::string s;
  if (d.rank == 1) {  // runs: "1..3, 5"
    std::int64_t run_start = 0, prev = 0;
    auto flush = [&] {
      if (!s.empty()) s += ", ";
      s += run_start == prev ? std::to_string(prev) : std::to_string(run_start) + ".." + std::to_string(prev);
    };
    for (const auto& [k, ref] : d.elements) {
      if (run_start && k[0] == prev + 1) {
        prev = k[0];
        continue;
      }
      if (run_start) flush();
      run_start = prev = k[0];
    }
    if (run_start) flush();
    return s;
  }
  std::size_t shown = 0;
  for (const auto& [k, ref] : d.elements) {
    if (shown++ == 3) return s + ", ... (" + std::to_string(d.elements.size()) + " in all)";
    s += (s.empty() ? "" : ", ") + element_label(name, k);
  }
  return s;
}

}  // namespace alea::io::detail
