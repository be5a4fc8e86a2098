// libFuzzer target for the CSV reader: any input must parse or throw InputError;
// any other exception escapes LLVMFuzzerTestOneInput and is reported as a crash.
#include "alea/io/csv.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > alea::fuzz::kMaxInputBytes) return -1;  // -1: do not add to the corpus
  try {
    const alea::io::DataSet d = alea::io::read_csv(alea::fuzz::as_text(data, size), "fuzz.csv");
    if (d.values.size() != d.where.size()) __builtin_trap();  // DataSet invariant: same keys
  } catch (const alea::InputError&) {
  }
  return 0;
}
