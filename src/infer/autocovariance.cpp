// The autocovariance of a chain by FFT: pad the centred draws with zeros to a power
// of two of at least 2n (so that the circular correlation has no wrap-around), take
// |F|^2 and transform back (Wiener-Khinchin).
#include <complex>
#include <stdexcept>
#include <unsupported/Eigen/FFT>

#include "alea/infer/diagnostics.hpp"

namespace alea {

std::vector<double> autocovariance(const std::vector<double>& x) {
  const std::size_t n = x.size();
  if (n == 0) throw std::invalid_argument("autocovariance: the chain has no draws");
  double mean = 0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(n);
  std::size_t nfft = 1;
  while (nfft < 2 * n) nfft *= 2;
  std::vector<double> padded(nfft, 0.0);
  for (std::size_t i = 0; i < n; ++i) padded[i] = x[i] - mean;

  Eigen::FFT<double> fft;
  std::vector<std::complex<double>> spectrum;
  fft.fwd(spectrum, padded);
  for (auto& f : spectrum) f = std::norm(f);
  std::vector<double> lagged;
  fft.inv(lagged, spectrum);  // scaled by 1/nfft: lagged[k] = sum_i y_i y_{i+k}

  std::vector<double> acov(n);
  for (std::size_t k = 0; k < n; ++k) acov[k] = lagged[k] / static_cast<double>(n);
  return acov;
}

}  // namespace alea
