// Conjugate models, alea against JAGS (a real peer: its conjugate samplers run a Gibbs
// chain) on the same BUGS models and data: gamma-Poisson, normal-normal and
// beta-binomial with 1,000 observations, 100,000 posterior draws each. Whole process,
// writing the draws included: JAGS with 1,000 burn-in iterations and CODA output (six
// significant digits, the latent only), alea sample with Stan CSV output (lp__ and the
// latent) and its summary table, twice: with its default digits, which read back to the
// same double (17 for most draws), and with --sig-figs 6, JAGS's precision. Then alea's time per draw at N = 1,000 and
// N = 1,000,000 observations (the difference of a 1,000,000-draw and a 1,000-draw run,
// so that reading the data is not counted): a draw's cost must not depend on N.
// Skips with a message when jags is not on PATH.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

namespace {

struct Case {
  std::string name, latent, model;
  std::vector<double> (*data)(std::size_t n, std::mt19937_64& rng);
};

std::vector<double> poisson_counts(std::size_t n, std::mt19937_64& rng) {
  std::poisson_distribution<int> d(3.7);
  std::vector<double> y(n);
  for (auto& v : y) v = d(rng);
  return y;
}

std::vector<double> normal_values(std::size_t n, std::mt19937_64& rng) {
  std::normal_distribution<double> d(1.3, 1.0);
  std::vector<double> y(n);
  for (auto& v : y) v = d(rng);
  return y;
}

std::vector<double> binomial_counts(std::size_t n, std::mt19937_64& rng) {
  std::binomial_distribution<int> d(10, 0.3);
  std::vector<double> y(n);
  for (auto& v : y) v = d(rng);
  return y;
}

const std::vector<Case>& cases() {
  static const std::vector<Case> c = {
      {"gamma-Poisson", "lambda",
       "model {\n  lambda ~ dgamma(2, 1)\n  for (i in 1:N) {\n    y[i] ~ dpois(lambda)\n  }\n}\n", &poisson_counts},
      {"normal-normal", "mu",
       "model {\n  mu ~ dnorm(0, 0.01)\n  for (i in 1:N) {\n    y[i] ~ dnorm(mu, 1)\n  }\n}\n", &normal_values},
      {"beta-binomial", "p",
       "model {\n  p ~ dbeta(2, 2)\n  for (i in 1:N) {\n    y[i] ~ dbin(p, 10)\n  }\n}\n", &binomial_counts},
  };
  return c;
}

void write_file(const fs::path& p, const std::string& text) {
  std::ofstream f(p);
  f << text;
}

void write_data(const fs::path& p, const std::vector<double>& y) {
  std::ofstream f(p);
  f << "N <- " << y.size() << "\ny <- c(";
  char buf[32];
  for (std::size_t i = 0; i < y.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%.17g", y[i]);
    f << (i ? ", " : "") << buf;
  }
  f << ")\n";
}

struct Times {
  double wall = 0, cpu = 0;  // the command's wall time, and its process's user + system time
};

double seconds(const timeval& t) { return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec); }

// Times of a program run in `cwd` with its standard output to /dev/null (no shell in
// between, whose own start-up would be counted), the best of `reps` runs (the machine
// may be shared); exits when it fails.
Times timed(const std::vector<std::string>& argv, const fs::path& cwd, int reps = 1) {
  Times best{1e300, 1e300};
  for (int r = 0; r < reps; ++r) {
    const auto t0 = clock_type::now();
    const pid_t pid = ::fork();
    if (pid == 0) {
      const int null = ::open("/dev/null", O_WRONLY);
      if (null < 0 || ::dup2(null, STDOUT_FILENO) < 0 || ::chdir(cwd.c_str()) != 0) ::_exit(127);
      std::vector<char*> args;
      for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      ::execvp(args[0], args.data());
      ::_exit(127);
    }
    int status = 0;
    rusage u{};
    if (pid < 0 || ::wait4(pid, &status, 0, &u) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::fprintf(stderr, "command failed: %s\n", argv[0].c_str());
      std::exit(1);
    }
    best.wall = std::min(best.wall, std::chrono::duration<double>(clock_type::now() - t0).count());
    best.cpu = std::min(best.cpu, seconds(u.ru_utime) + seconds(u.ru_stime));
  }
  return best;
}

std::vector<std::string> alea_sample(const fs::path& dir, long draws, const std::string& options = "") {
  std::vector<std::string> argv{ALEA_CLI_PATH, "sample", (dir / "model.bug").string(), "--data", (dir / "data.R").string(),
                                "--draws", std::to_string(draws), "--output", (dir / "alea.csv").string()};
  if (!options.empty()) {
    std::istringstream words(options);
    for (std::string w; words >> w;) argv.push_back(w);
  }
  return argv;
}

}  // namespace

int main() {
  if (std::system("command -v jags > /dev/null 2>&1") != 0) {
    std::printf("bench_conjugate_jags: skipped: jags is not on PATH (apt-get install jags)\n");
    return 0;
  }
  const fs::path root = fs::temp_directory_path() / ("alea-bench-jags-" + std::to_string(::getpid()));
  fs::create_directories(root);
  std::mt19937_64 rng(20261123);
  constexpr long kDraws = 100'000;
  std::printf("100,000 posterior draws, 1,000 observations, whole process including writing the draws\n");
  std::printf("(wall: elapsed time; cpu: user + system time of the process, the figure to read on a shared machine)\n");
  std::printf("%-15s %-14s %10s %10s %10s %10s %10s %10s\n", "model", "alea digits", "JAGS wall", "alea wall", "ratio",
              "JAGS cpu", "alea cpu", "ratio");
  for (const Case& c : cases()) {
    const fs::path dir = root / c.latent;
    fs::create_directories(dir);
    write_file(dir / "model.bug", c.model);
    write_data(dir / "data.R", c.data(1000, rng));
    write_file(dir / "run.cmd", "model in \"" + (dir / "model.bug").string() + "\"\ndata in \"" +
                                    (dir / "data.R").string() + "\"\ncompile, nchains(1)\ninitialize\nupdate 1000\n" +
                                    "monitor " + c.latent + "\nupdate " + std::to_string(kDraws) + "\ncoda *, stem(\"" +
                                    (dir / "jags_").string() + "\")\nexit\n");
    const Times jags = timed({"jags", "run.cmd"}, dir);
    for (const auto& [digits, options, suffix] : {std::tuple{"round-trip", "", ""}, {"6 (--sig-figs)", "--sig-figs 6", "_sig6"}}) {
      const Times alea = timed(alea_sample(dir, kDraws, options), dir, 3);
      std::printf("%-15s %-14s %10.3f %10.3f %9.1fx %10.3f %10.3f %9.1fx\n", c.name.c_str(), digits, jags.wall,
                  alea.wall, jags.wall / alea.wall, jags.cpu, alea.cpu, jags.cpu / alea.cpu);
      std::printf("RATIO exact_posterior_cpu_speedup_%s%s %.1f jags_gibbs_chain\n", c.latent.c_str(), suffix,
                  jags.cpu / alea.cpu);
    }
  }
  std::printf("\nalea cpu time per posterior draw (1,000,000-draw run minus 1,000-draw run, / 999,000; best of 3)\n");
  std::printf("%-15s %16s %16s\n", "model", "N = 1,000 (us)", "N = 1,000,000 (us)");
  for (const Case& c : cases()) {
    double per[2];
    int k = 0;
    for (std::size_t n : {std::size_t{1000}, std::size_t{1000000}}) {
      const fs::path dir = root / (c.latent + "_" + std::to_string(n));
      fs::create_directories(dir);
      write_file(dir / "model.bug", c.model);
      write_data(dir / "data.R", c.data(n, rng));
      const double small = timed(alea_sample(dir, 1000), dir, 3).cpu, large = timed(alea_sample(dir, 1'000'000), dir, 3).cpu;
      per[k++] = (large - small) / 999'000 * 1e6;
    }
    std::printf("%-15s %16.3f %16.3f\n", c.name.c_str(), per[0], per[1]);
    std::printf("RATIO time_per_draw_N1e6_over_N1e3_%s %.2f same_model_N_1000\n", c.latent.c_str(), per[1] / per[0]);
  }
  fs::remove_all(root);
  return 0;
}
