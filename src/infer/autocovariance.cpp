// The autocovariance of a chain by FFT: pad the centred draws with zeros to a length
// of at least 2n (so that the circular correlation has no wrap-around) whose only prime
// factors are 2, 3 and 5 (the radixes of Eigen's FFT), take |F|^2 and transform back
// (Wiener-Khinchin).
#include <algorithm>
#include <complex>
#include <stdexcept>
#include <unsupported/Eigen/FFT>

#include "diagnostics_detail.hpp"

namespace alea {

namespace {

// The smallest 2^a 3^b 5^c >= n: within 10% of n for large n, where the next power of
// two can be twice n.
std::size_t fft_good_size(std::size_t n) {
  for (std::size_t m = std::max<std::size_t>(n, 1);; ++m) {
    std::size_t r = m;
    for (std::size_t p : {2, 3, 5})
      while (r % p == 0) r /= p;
    if (r == 1) return m;
  }
}

}  // namespace

std::vector<double> autocovariance(const std::vector<double>& x) { return diag_detail::autocovariance_of(x); }

std::vector<double> diag_detail::autocovariance_of(std::span<const double> x) {
  const std::size_t n = x.size();
  if (n == 0) throw std::invalid_argument("autocovariance: the chain has no draws");
  double mean = 0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(n);
  const std::size_t nfft = fft_good_size(2 * n);
  std::vector<double> padded(nfft, 0.0);
  for (std::size_t i = 0; i < n; ++i) padded[i] = x[i] - mean;

  // One FFT object a thread: it keeps its twiddle factors between calls of the same size.
  // Real input: the half spectrum is enough, and |F|^2 is real and even.
  thread_local Eigen::FFT<double> fft = [] {
    Eigen::FFT<double> f;
    f.SetFlag(Eigen::FFT<double>::HalfSpectrum);
    return f;
  }();
  thread_local std::vector<std::complex<double>> spectrum;
  fft.fwd(spectrum, padded);
  for (auto& f : spectrum) f = std::norm(f);
  std::vector<double> lagged;
  fft.inv(lagged, spectrum, static_cast<Eigen::Index>(nfft));  // scaled by 1/nfft: lagged[k] = sum_i y_i y_{i+k}

  std::vector<double> acov(n);
  for (std::size_t k = 0; k < n; ++k) acov[k] = lagged[k] / static_cast<double>(n);
  return acov;
}

}  // namespace alea
