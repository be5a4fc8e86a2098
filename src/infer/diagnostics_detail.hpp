// Checks and helpers shared by the diagnostics' source files (not installed).
#pragma once
#include <string>

#include "alea/infer/diagnostics.hpp"

namespace alea::diag_detail {

// Throws std::invalid_argument naming the function when there is no chain, a chain
// is empty, or chains differ in length.
void check_chains(const Chains& chains, const std::string& function);
// posterior's should_return_NA: a draw that is not finite, or every draw the same
// (max - min below the machine epsilon).
bool degenerate(const Chains& chains);
// Too few draws for split diagnostics (fewer than 4 a chain: halves of under 2), or degenerate.
bool split_unusable(const Chains& chains);
// Every draw of every chain, chain after chain.
std::vector<double> pooled(const Chains& chains);

}  // namespace alea::diag_detail
