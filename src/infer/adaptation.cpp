// Warmup adaptation as Stan does it: dual averaging of the step size toward a target
// acceptance statistic, and windowed estimation of the diagonal metric from the
// variance (or, dense, the covariance) of the draws of each slow window, shrunk toward
// 1e-3 as var' = n / (n + 5) var + 1e-3 * 5 / (n + 5) (on the diagonal), as Stan's
// diag_e and dense_e.
#include <cmath>

#include "alea/infer/nuts.hpp"

namespace alea::infer {

void StepSizeAdaptation::restart(double step_size) {
  mu_ = std::log(10 * step_size);
  s_bar_ = x_bar_ = counter_ = 0;
}

double StepSizeAdaptation::learn(double accept_stat) {
  counter_ += 1;
  accept_stat = std::min(1.0, accept_stat);
  const double eta = 1 / (counter_ + t0);
  s_bar_ = (1 - eta) * s_bar_ + eta * (delta - accept_stat);
  const double x = mu_ - s_bar_ * std::sqrt(counter_) / gamma;
  const double x_eta = std::pow(counter_, -kappa);
  x_bar_ = (1 - x_eta) * x_bar_ + x_eta * x;
  return std::exp(x);
}

double StepSizeAdaptation::final_step_size() const {
  return std::exp(x_bar_);
}

MetricAdaptation::MetricAdaptation(std::size_t dim, long num_warmup, long init_buffer, long term_buffer,
                                   long base_window, bool dense)
    : num_warmup_(num_warmup),
      init_buffer_(init_buffer),
      term_buffer_(term_buffer),
      base_window_(base_window),
      dense_(dense),
      mean_(dim, 0.0),
      m2_(dim, 0.0),
      cov_(dense ? dim * dim : 0, 0.0) {
  if (num_warmup < 20) {
    adapt_ = false;
    return;
  }
  // Short warmups: 15% initial buffer, 10% terminal buffer, the rest one window.
  if (init_buffer_ + base_window_ + term_buffer_ > num_warmup) {
    init_buffer_ = static_cast<long>(0.15 * static_cast<double>(num_warmup));
    term_buffer_ = static_cast<long>(0.1 * static_cast<double>(num_warmup));
    base_window_ = num_warmup - (init_buffer_ + term_buffer_);
  }
  window_size_ = base_window_;
  next_window_ = init_buffer_ + base_window_ - 1;
}

bool MetricAdaptation::in_window() const {
  return counter_ >= init_buffer_ && counter_ < num_warmup_ - term_buffer_ && counter_ != num_warmup_;
}

bool MetricAdaptation::end_of_window() const {
  return counter_ == next_window_ && counter_ != num_warmup_;
}

void MetricAdaptation::next_window() {
  if (next_window_ == num_warmup_ - term_buffer_ - 1) return;
  window_size_ *= 2;
  next_window_ = counter_ + window_size_;
  // A window that would leave the next one too short absorbs it.
  if (next_window_ != num_warmup_ - term_buffer_ - 1 &&
      next_window_ + 2 * window_size_ >= num_warmup_ - term_buffer_)
    next_window_ = num_warmup_ - term_buffer_ - 1;
}

bool MetricAdaptation::learn(std::vector<double>& inv_metric, std::span<const double> q,
                             std::vector<double>* inv_dense) {
  if (!adapt_) return false;
  const std::size_t dim = q.size();
  if (in_window()) {  // Welford: m2 += d (q - mean'), with d = q - mean before the update
    ++n_;
    d_.resize(dim);
    for (std::size_t i = 0; i < dim; ++i) {
      d_[i] = q[i] - mean_[i];
      mean_[i] += d_[i] / static_cast<double>(n_);
      m2_[i] += d_[i] * (q[i] - mean_[i]);
    }
    if (dense_)
      for (std::size_t i = 0; i < dim; ++i)
        for (std::size_t j = 0; j < dim; ++j) cov_[i * dim + j] += d_[i] * (q[j] - mean_[j]);
  }
  if (end_of_window()) {
    next_window();
    const auto n = static_cast<double>(n_);
    const double keep = n / (n + 5), toward = 1e-3 * (5 / (n + 5));
    for (std::size_t i = 0; i < dim; ++i) inv_metric[i] = keep * (n > 1 ? m2_[i] / (n - 1) : 1.0) + toward;
    if (dense_ && inv_dense) {
      inv_dense->assign(dim * dim, 0.0);
      for (std::size_t i = 0; i < dim; ++i)
        for (std::size_t j = 0; j < dim; ++j)
          (*inv_dense)[i * dim + j] = i == j ? inv_metric[i] : keep * (n > 1 ? cov_[i * dim + j] / (n - 1) : 0.0);
    }
    n_ = 0;
    std::fill(mean_.begin(), mean_.end(), 0.0);
    std::fill(m2_.begin(), m2_.end(), 0.0);
    std::fill(cov_.begin(), cov_.end(), 0.0);
    ++counter_;
    return true;
  }
  ++counter_;
  return false;
}

}  // namespace alea::infer
