// The normal model (normal.bug) sampled by hand: the least a whole process does for it,
// as a baseline for alea and JAGS (run.sh compiles it with g++ -O2 and times it as it
// times alea). It reads the data, runs JAGS's two conjugate updates (mu given tau,
// tau given mu) from sufficient statistics folded once (n, mean, squared deviations), so that a
// draw costs the same for any N, and writes the draws after warmup as Stan CSV with
// shortest round-trip digits, as alea does. It prints no summary.
//   hand_normal DATA WARMUP DRAWS SEED OUT
// DATA: normal.R (an R dump with y <- c(...)). Exit status 2 on bad input.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

namespace {

// n, the mean and the sum of squared deviations from it (Welford's updates): the sum of
// (y - mu)^2 is then m2 + n (mean - mu)^2 for any mu, without cancellation.
struct Stats {
  double n = 0, mean = 0, m2 = 0;
  void add(double y) {
    n += 1;
    const double d = y - mean;
    mean += d / n;
    m2 += d * (y - mean);
  }
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The numbers of `y <- c(...)` in an R dump.
bool read_y(const char* file, Stats& s) {
  std::ifstream in(file);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::size_t at = text.find("y <- c(");
  if (at == std::string::npos) return false;
  const char* p = text.data() + at + 7;
  const char* end = text.data() + text.size();
  for (;;) {
    while (p < end && (is_space(*p) || *p == ',')) ++p;
    if (p == end) return false;
    if (*p == ')') break;
    double v = 0;
    const auto r = std::from_chars(p, end, v);
    if (r.ec != std::errc()) return false;
    p = r.ptr;
    s.add(v);
  }
  return s.n > 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: hand_normal DATA WARMUP DRAWS SEED OUT\n");
    return 2;
  }
  Stats s;
  if (!read_y(argv[1], s)) {
    std::fprintf(stderr, "hand_normal: no y <- c(...) of numbers in %s\n", argv[1]);
    return 2;
  }
  const long warmup = std::atol(argv[2]), draws = std::atol(argv[3]);
  std::mt19937_64 rng(std::strtoull(argv[4], nullptr, 10));
  std::normal_distribution<double> std_normal;
  // Priors as in normal.bug: mu ~ normal(0, precision 1e-4), tau ~ gamma(0.01, 0.01).
  constexpr double kMuPrec = 1e-4, kShape = 0.01, kRate = 0.01;
  const std::string tmp = std::string(argv[5]) + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "w");
  if (!f) {
    std::fprintf(stderr, "hand_normal: cannot write %s\n", tmp.c_str());
    return 2;
  }
  std::fputs("lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__,mu,tau\n", f);
  std::vector<char> buf;
  constexpr std::size_t kFlush = std::size_t{1} << 20;
  buf.reserve(kFlush + 256);
  char num[32];
  const auto put = [&](double v) {
    const auto r = std::to_chars(num, num + sizeof num, v);
    buf.insert(buf.end(), num, r.ptr);
  };
  double tau = 1;
  for (long it = 0; it < warmup + draws; ++it) {
    const double prec = kMuPrec + s.n * tau;
    const double mu = tau * s.n * s.mean / prec + std_normal(rng) / std::sqrt(prec);
    const double sq = s.m2 + s.n * (s.mean - mu) * (s.mean - mu);  // sum of (y - mu)^2
    tau = std::gamma_distribution<double>(kShape + s.n / 2, 1 / (kRate + sq / 2))(rng);
    if (it < warmup) continue;
    // The log posterior up to a constant (Stan's lp__ differs by the log Jacobian).
    const double lp = (kShape - 1 + s.n / 2) * std::log(tau) - tau * (kRate + sq / 2) - kMuPrec * mu * mu / 2;
    put(lp);
    static constexpr char kSampler[] = ",1,0,0,0,0,";
    buf.insert(buf.end(), kSampler, kSampler + sizeof kSampler - 1);
    put(-lp);
    buf.push_back(',');
    put(mu);
    buf.push_back(',');
    put(tau);
    buf.push_back('\n');
    if (buf.size() >= kFlush) {
      std::fwrite(buf.data(), 1, buf.size(), f);
      buf.clear();
    }
  }
  std::fwrite(buf.data(), 1, buf.size(), f);
  if (std::fclose(f) != 0 || std::rename(tmp.c_str(), argv[5]) != 0) {
    std::fprintf(stderr, "hand_normal: cannot write %s\n", argv[5]);
    return 2;
  }
  return 0;
}
