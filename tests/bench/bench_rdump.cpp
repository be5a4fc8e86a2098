// Reading R dump data: a file of 10^6 observations (`N <- 1000000`, `y <- c(...)` with
// 6 significant digits, as dump() writes them) through alea's reader (io::read_rdump:
// tokens with their positions for messages, R's number rules, checks), against a
// hand-written loop that parses the same numbers with std::from_chars and nothing else
// (the limit). Prints each time, the growth of the peak resident memory over the text's
// own size, and a `RATIO name value baseline` line for scripts/bench.sh.
#include <sys/resource.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "alea/dist/rng.hpp"
#include "alea/io/rdump.hpp"

using namespace alea;
using clock_type = std::chrono::steady_clock;

namespace {

constexpr int kN = 1'000'000;

long peak_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

std::string make_text() {
  Rng rng(7);
  std::string text = "N <- " + std::to_string(kN) + "\ny <- c(";
  char buf[32];
  for (int i = 0; i < kN; ++i) {
    const auto r = std::to_chars(buf, buf + sizeof buf, 5 + 2 * rng.std_normal(), std::chars_format::general, 6);
    text.append(buf, r.ptr);
    text += i + 1 < kN ? (i % 10 == 9 ? ",\n  " : ", ") : ")\n";
  }
  return text;
}

// The numbers of y, parsed as plainly as possible: the baseline.
std::vector<double> hand_parse(const std::string& text) {
  std::vector<double> out;
  out.reserve(kN);
  const char* p = text.data() + text.find("c(") + 2;
  const char* end = text.data() + text.size();
  while (p < end && *p != ')') {
    while (*p == ' ' || *p == ',' || *p == '\n') ++p;
    double x = 0;
    p = std::from_chars(p, end, x).ptr;
    out.push_back(x);
  }
  return out;
}

}  // namespace

int main() {
  const long before = peak_kb();
  const std::string text = make_text();
  double alea_s = 1e300, hand_s = 1e300;
  double sink = 0;
  for (int rep = 0; rep < 5; ++rep) {
    auto t0 = clock_type::now();
    const io::DataSet d = io::read_rdump(text, "bench.R");
    alea_s = std::min(alea_s, std::chrono::duration<double>(clock_type::now() - t0).count());
    sink += d.values.at("y").data()[kN - 1];
    t0 = clock_type::now();
    const std::vector<double> h = hand_parse(text);
    hand_s = std::min(hand_s, std::chrono::duration<double>(clock_type::now() - t0).count());
    sink -= h[kN - 1];
  }
  std::printf("R dump of %d numbers (%.1f MB of text), best of 5:\n", kN, static_cast<double>(text.size()) / 1e6);
  std::printf("  read_rdump     %7.1f ms (%.0f ns a number)\n", alea_s * 1e3, alea_s * 1e9 / kN);
  std::printf("  hand-written   %7.1f ms (%.0f ns a number)\n", hand_s * 1e3, hand_s * 1e9 / kN);
  // The peak once the text is made and read, less the text (and the string's doubling on
  // the way): what reading adds at most.
  std::printf("  peak memory: %.1f MB more than before the text (%.1f MB) was made\n",
              static_cast<double>(peak_kb() - before) / 1024, static_cast<double>(text.size()) / (1 << 20));
  std::printf("RATIO read_rdump_1e6 %.2f hand_from_chars\n", alea_s / hand_s);
  return sink == 0 ? 0 : 1;  // the last y read both ways: equal
}
