// Shared policy of the libFuzzer targets: the input size limit and which exceptions
// count as a correct rejection of bad input (anything else escapes and is reported).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace alea::fuzz {

// Larger inputs only slow the fuzzer down without reaching new code.
inline constexpr std::size_t kMaxInputBytes = 64 * 1024;

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace alea::fuzz
