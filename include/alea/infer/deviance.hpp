// The deviance as JAGS monitors it: minus twice the log density of the observed
// draws of the model as written, given their parents' values at a draw, so the data
// given the parameters (not a marginal, whatever the rewriter integrated out).
#pragma once
#include <string>
#include <vector>

#include "alea/infer/draw_table.hpp"
#include "alea/model/model.hpp"

namespace alea {

class Deviance {
 public:
  // Throws std::invalid_argument when nothing is observed, when an observed variable
  // is a deterministic function of random variables, or when an observed draw has an
  // anonymous random ancestor (the model as written has no value for it).
  explicit Deviance(const Model& written);

  // The random variables whose draws it needs: the latent named variables with an
  // observed descendant, in model order. Monitor them, then drop their columns if
  // the user did not ask for them.
  const std::vector<std::string>& inputs() const { return inputs_; }

  // One value per row of a table with the inputs' columns (as column_names names them).
  std::vector<double> operator()(const DrawTable& t) const;

 private:
  // Element `offset` of a draw: its data (column -1) or the column of its value.
  struct Source {
    double data = 0;
    long column = -1;
  };
  Model m_;
  std::vector<NodeId> needed_;                // ancestors of the observed draws, in id order
  std::vector<std::vector<Source>> sources_;  // per draw node in needed_
  std::vector<std::vector<bool>> observed_;   // per draw node: its observed elements
  std::vector<std::string> inputs_;
};

}  // namespace alea
