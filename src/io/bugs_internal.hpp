// Internal to the BUGS front end: the distribution table shared by the builder
// (JAGS -> alea) and the writer (alea -> JAGS), and constant evaluation.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "alea/io/bugs_ast.hpp"
#include "alea/model/model.hpp"

namespace alea::io::detail {

// The value of a node when no draw is reachable from it; nullopt otherwise.
std::optional<Value> constant_of(const Graph& g, NodeId id);

// A BUGS distribution call (JAGS's name and parameterization, or alea's own name)
// with its arguments already built, as an alea DistCall. JAGS's parameters are
// checked before conversion when they are constant, so that errors name them
// ("precision tau"). `who` is "variable 'x'". Throws InputError at the call.
// `lo` and `hi` are the bounds of T(lo, hi) or I(lo, hi), built like the arguments.
DistCall convert_distribution(Model& m, const bugs::Expr& call, const std::vector<Expr>& args,
                              const std::optional<bugs::Bounds>& bounds, const std::string& who,
                              const std::optional<Expr>& lo = std::nullopt, const std::optional<Expr>& hi = std::nullopt);

// The distribution whose JAGS name (its record's BugsForm) this is.
std::optional<DistKind> find_jags(const std::string& name);

// A call of JAGS's distribution `kind` converted to alea's parameters by the record's
// conversions, after the checks of the arguments that must be positive (when
// constant; the message starts with `who` unless it is empty). `call.args` are the
// arguments `a` were built from.
DistCall convert_jags(Model& m, DistKind kind, const bugs::Expr& call, const std::vector<Expr>& a,
                      const std::string& who);

// True when `name` is a known distribution whose draws are scalars with scalar
// parameters (so that a loop of them can become one vector draw).
bool is_scalar_distribution(const std::string& name);

// The closest known name to `name` by edit distance, or "" when none is close.
std::string suggest(const std::string& name, const std::vector<std::string>& known);

}  // namespace alea::io::detail
