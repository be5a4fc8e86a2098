// Random number engine for all draws: a Boost.Random 64-bit Mersenne Twister
// seeded explicitly, with independent, reproducible streams (one per chain).
#pragma once
#include <cstdint>

#include <boost/random/mersenne_twister.hpp>

namespace alea {

class Rng {
 public:
  using engine_type = boost::random::mt19937_64;
  using result_type = engine_type::result_type;

  // Stream s of seed `seed`: streams of one seed are seeded through SplitMix64
  // so that chains never share a state sequence by construction.
  explicit Rng(std::uint64_t seed = 1, std::uint64_t stream = 0);

  result_type operator()() { return engine_(); }
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type{0}; }

  // Uniform on the open interval (0, 1): never exactly 0 or 1, so log() and
  // inverse CDFs are always finite.
  double uniform01() { return (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53; }
  // Standard normal by a 256-layer ziggurat. Its only state is the engine's.
  double std_normal();

  engine_type& engine() { return engine_; }

 private:
  engine_type engine_;
};

}  // namespace alea
