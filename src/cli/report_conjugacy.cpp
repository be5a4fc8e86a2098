// alea simplify on an observed model: the posterior factorization that conjugacy
// found, as comment lines after the simplified model.
#include <exception>
#include <sstream>

#include "alea/infer/sampler.hpp"

#include "report.hpp"

namespace alea::cli {
namespace {

std::string joined(const std::vector<std::string>& xs) {
  std::string s;
  for (const std::string& x : xs) s += (s.empty() ? "" : ", ") + x;
  return s.empty() ? "(none)" : s;
}

}  // namespace

void print_factorization(const rewrite::Factorization& f, std::ostream& out) {
  out << "# posterior factorization (conjugacy): " << f.trace.size() << " rule(s) fired\n";
  for (const std::string& t : f.trace) out << "#   " << t << "\n";
  out << "# exact (drawn given the data" << (f.fully_conjugate() ? "" : " and the remaining latents")
      << "): " << joined(f.exact) << "\n";
  out << "# remaining (need MCMC): " << joined(f.remaining) << "\n";
  if (f.trace.empty()) return;
  out << "# factorized model:\n";
  std::istringstream lines(to_string(f.model));
  // The data are the model's own; listing them again would only repeat the input.
  for (std::string line; std::getline(lines, line);)
    if (line.find("# data ") == std::string::npos) out << "#   " << line << "\n";
}

rewrite::Factorization sampled_factorization(const Model& m) { return sampled_factorization(m, rewrite::simplify(m).model); }

rewrite::Factorization sampled_factorization(const Model& m, const Model& simplified) {
  rewrite::Factorization f = rewrite::conjugate(simplified);
  if (!f.fully_conjugate())
    if (rewrite::Factorization as_written = rewrite::conjugate(m); as_written.fully_conjugate()) return as_written;
  return f;
}

void print_sampling_plan(const rewrite::Factorization& f, std::ostream& out) {
  if (f.exact.empty() && f.remaining.empty()) return;  // nothing latent left to sample
  out << "# sampler (alea sample):\n";
  if (f.fully_conjugate()) {
    out << "#   every latent conjugate: exact i.i.d. posterior draws\n";
    return;
  }
  SamplingPlan p;
  try {
    p = plan_sampling(f.model);
  } catch (const std::exception& e) {
    out << "#   (no plan: " << e.what() << ")\n";
    return;
  }
  const auto line = [&](const char* what, const std::vector<std::string>& names) {
    if (!names.empty()) out << "#   " << what << ": " << joined(names) << "\n";
  };
  line("drawn i.i.d. by numerical inversion (the one coordinate left)", p.inverted);
  line("conjugate full conditionals, drawn exactly in a Gibbs sweep", p.conjugate_gibbs);
  line("hierarchical groups drawn from their Gaussian conditional", p.gaussian_gibbs);
  line("hierarchical scales, centred (exact where conjugate, else slice) and non-centred (slice)", p.slice_sampled);
  line("hierarchical groups sampled by NUTS non-centred (wholly or partially: see centring)", p.noncentred);
  line("hierarchical groups sampled by NUTS centred", p.centred);
  for (const std::string& note : p.centring_notes) out << "#     centring: " << note << "\n";
  line("scales sampled by NUTS with a sign (s and the standard normals it multiplies change sign together)",
       p.signed_scales);
  line("NUTS", p.nuts);
  line("discrete, by Gibbs", p.discrete);
  line("drawn exactly given the rest", f.exact);
  if (!p.residual_note.empty()) out << "#   one coordinate left to NUTS: " << p.residual_note << "\n";
}

}  // namespace alea::cli
