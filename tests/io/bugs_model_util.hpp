// Helpers for the build_model tests: data sets in one line and normal log densities.
#pragma once
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <string>

#include "alea/dist/normal.hpp"
#include "alea/infer/log_density.hpp"
#include "alea/io/bugs_model.hpp"

namespace alea::test {

inline io::DataSet data(std::map<std::string, Value> values) {
  io::DataSet d;
  for (auto& [k, v] : values) {
    d.where[k] = SourceLoc{"data.R", 1, 1};
    d.values[k] = v;
  }
  return d;
}

inline Model load(const std::string& text, const io::DataSet& d = {}) {
  return io::load_bugs_model(text, "model.bug", d);
}

// log N(x | mu, 1/sqrt(tau)), as JAGS's dnorm(mu, tau).
inline double dnorm_tau(double x, double mu, double tau) {
  return dist::logpdf(dist::Normal{mu, 1 / std::sqrt(tau)}, x);
}

inline std::string error_of(const std::string& text, const io::DataSet& d = {}) {
  try {
    load(text, d);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace alea::test
