// Where something came from in a model or data file, for error messages of the
// form FILE:LINE:COLUMN: message.
#pragma once
#include <stdexcept>
#include <string>

namespace alea {

struct SourceLoc {
  std::string file;  // empty for models built in C++
  int line = 0;      // 1-based; 0 when unknown
  int column = 0;    // 1-based

  bool known() const { return line > 0; }
};

// "model.bug:3:7" (or "" when unknown).
std::string to_string(const SourceLoc& loc);

// An error in user input (model text, data, parameters): the message is complete
// and ready to print; the CLI prints it and exits with status 2.
class InputError : public std::runtime_error {
 public:
  InputError(SourceLoc loc, const std::string& message);
  const SourceLoc& where() const { return loc_; }
  const std::string& bare_message() const { return bare_; }

 private:
  SourceLoc loc_;
  std::string bare_;
};

}  // namespace alea
