// Internal: which named variable each draw belongs to, for error messages and for
// attributing log density terms.
#pragma once
#include <string>
#include <vector>

#include "alea/model/model.hpp"

namespace alea::detail {

struct Owner {
  int var = -1;          // index into Model::variables(), -1 for an anonymous draw
  std::string display;   // "mu", "y[3]" or "_s7"
};

std::vector<Owner> draw_owners(const Model& m);

}  // namespace alea::detail
