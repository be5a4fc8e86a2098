// The alea command: dispatch to subcommands, and the one place where errors become
// messages and exit statuses (2 for bad input or usage, 1 for an internal error).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#endif
#include <pthread.h>

#include <exception>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "alea/graph/source_loc.hpp"
#include "commands.hpp"

namespace {

constexpr const char* kUsage =
    "usage: alea [COMMAND] [ARGS]\n"
    "\n"
    "With no command, runs the demo.\n"
    "\n"
    "commands:\n"
    "  simplify MODEL   print the simplified model in the BUGS language\n"
    "  sample MODEL     draws of the monitored variables as Stan CSV, and a summary\n"
    "  logp MODEL       the joint log density at given values, term by term\n"
    "  compare MODEL    naive and simplified models side by side\n"
    "  dot MODEL        Graphviz DOT of the model (PNG with --png)\n"
    "  demo             the demo\n"
    "\n"
    "'alea COMMAND --help' describes a command's options.\n";

int dispatch(const std::vector<std::string>& args) {
  using namespace alea::cli;
  if (args.empty()) return run_demo();
  const std::string& cmd = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (cmd == "demo") return run_demo();
  if (cmd == "simplify") return run_simplify(rest);
  if (cmd == "sample") return run_sample(rest);
  if (cmd == "logp") return run_logp(rest);
  if (cmd == "compare") return run_compare(rest);
  if (cmd == "dot") return run_dot(rest);
  std::cerr << "alea: unknown command '" << cmd << "'\n" << kUsage;
  return 2;
}

#if defined(__GLIBC__)
// Draw tables and the summary's work vectors are a few MB each, allocated and freed in
// turn. Served from the heap (not fresh mmaps) and never trimmed, their pages are faulted
// in once, not once a vector; and the first 30 MB of heap are marked for transparent huge
// pages, one fault per 2 MB instead of per 4 KB (10^5 draws: about 1,700 faults fewer,
// a tenth of the run). Only pages touched cost anything.
// Every thread allocates from this one heap (one arena): a thread of its own arena (the
// command runs on one, see with_stack, and so do the chains, the CSV writer and the
// summary) would fault in fresh pages of its own, without the huge-page advice. One
// arena cost nothing measurable with four chains on two cores, as the hot loops do not
// allocate (pumps, 4 chains: 0.27 s against 0.30 s with an arena a thread; eight
// schools, 1 chain: 43 ms against 52 ms).
void prepare_heap() {
  constexpr std::size_t kMmapFrom = std::size_t{32} << 20, kReserve = std::size_t{30} << 20,
                        kHuge = std::size_t{2} << 20;
  mallopt(M_ARENA_MAX, 1);
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(kMmapFrom));
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  void* block = std::malloc(kReserve);  // grows the heap; freed at once, so kept as free heap
  if (!block) return;
  const auto start = reinterpret_cast<std::uintptr_t>(block);
  const std::uintptr_t lo = (start + kHuge - 1) & ~(kHuge - 1), hi = (start + kReserve) & ~(kHuge - 1);
  if (hi > lo) madvise(reinterpret_cast<void*>(lo), hi - lo, MADV_HUGEPAGE);  // advice only: failure is harmless
  std::free(block);
}
#endif

// Runs `f` on a thread whose stack is `bytes` long (reserved, touched only as deep as
// the recursion goes), or on this one if no such thread can be made. A model's
// expressions nest as deep as its data make them (a running sum of 20,000 terms is
// 20,000 deep), and the rewriter, extraction and the writers recurse over them.
int with_stack(std::size_t bytes, const std::function<int()>& f) {
  struct Call {
    const std::function<int()>* f;
    int status = 0;
    std::exception_ptr error;
  } call{&f, 0, nullptr};
  pthread_attr_t attr;
  pthread_t thread;
  const auto run = [](void* p) -> void* {
    auto* c = static_cast<Call*>(p);
    try {
      c->status = (*c->f)();
    } catch (...) {
      c->error = std::current_exception();
    }
    return nullptr;
  };
  bool started = pthread_attr_init(&attr) == 0;
  started = started && pthread_attr_setstacksize(&attr, bytes) == 0 && pthread_create(&thread, &attr, run, &call) == 0;
  pthread_attr_destroy(&attr);
  if (!started) return f();
  pthread_join(thread, nullptr);
  if (call.error) std::rethrow_exception(call.error);
  return call.status;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
#if defined(__GLIBC__)
  // For the commands that draw (the demo among them); not for simplify, whose freed
  // e-graph should go back to the system.
  if (args.empty() || args[0] == "sample" || args[0] == "demo" || args[0] == "compare") prepare_heap();
#endif
  try {
    return with_stack(std::size_t{1} << 30, [&] { return dispatch(args); });
  } catch (const alea::cli::UsageError& e) {
    std::cerr << "alea: " << e.message << "\n";
  } catch (const alea::InputError& e) {
    std::cerr << e.what() << "\n";
  } catch (const std::domain_error& e) {
    std::cerr << "alea: " << e.what() << "\n";
  } catch (const std::invalid_argument& e) {
    std::cerr << "alea: " << e.what() << "\n";
  } catch (const std::out_of_range& e) {
    std::cerr << "alea: " << e.what() << "\n";
  } catch (const std::runtime_error& e) {
    std::cerr << "alea: " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "alea: internal error: " << e.what() << "\n";
    return 1;
  }
  return 2;
}
