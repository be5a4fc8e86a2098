// Source locations and input errors.
#include "alea/graph/source_loc.hpp"

namespace alea {

std::string to_string(const SourceLoc& loc) {
  if (!loc.known()) return loc.file;
  return (loc.file.empty() ? std::string("<input>") : loc.file) + ":" + std::to_string(loc.line) + ":" +
         std::to_string(loc.column);
}

InputError::InputError(SourceLoc loc, const std::string& message)
    : std::runtime_error(loc.known() || !loc.file.empty() ? to_string(loc) + ": " + message : message),
      loc_(std::move(loc)),
      bare_(message) {}

}  // namespace alea
