#!/usr/bin/env bash
# Builds alea and runs the whole test suite through CTest (the README's test command;
# .ci/run runs it). Then, unless ALEA_TEST_QUICK=1: the same suite built with clang under
# AddressSanitizer and UndefinedBehaviorSanitizer (build-sanitize, -O1), and each
# libFuzzer target of tests/fuzz for ALEA_FUZZ_SECONDS (default 30) from the same build,
# seeded from models/ and tests/cli/bad_inputs/. Any finding fails the run. Each phase
# prints its wall time.
# Build time (CI starts from a fresh clone, so a compiler cache would only add its own
# overhead; none is used): both builds are unity builds (CMAKE_UNITY_BUILD: sixteen
# files compiled as one, which parses and instantiates the shared headers once: 595 s
# of compile time where one file at a time took 1,416 s), the test executables share
# a precompiled header (ALEA_TEST_PCH), the normal build keeps line tables only (-g1:
# backtraces, no variables), and the sanitizer build -gline-tables-only (what ASan and
# UBSan need to symbolize their reports).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh clang libclang-rt-14-dev
jobs=$(nproc)
phase_start=$SECONDS
phase() {
  echo "alea test: $1 took $((SECONDS - phase_start)) s" >&2
  phase_start=$SECONDS
}

# The benchmarks are built and run by scripts/bench.sh (build-bench), not here.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
  -DALEA_TEST_PCH=ON -DALEA_BUILD_BENCH=OFF -DCMAKE_UNITY_BUILD=ON
cmake --build build -j "$jobs"
phase "build"
(cd build && ctest --output-on-failure -j "$jobs" --timeout 600)
phase "tests"
if [ "${ALEA_TEST_QUICK:-0}" = 1 ]; then exit 0; fi

# The sanitized suite runs the heaviest statistical tests at a smaller size
# (ALEA_TEST_SCALE): the same checks, fewer random models.
CC=clang CXX=clang++ cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" -DALEA_TEST_PCH=ON -DALEA_SANITIZE=ON -DALEA_FUZZ=ON -DCMAKE_UNITY_BUILD=ON \
  -DALEA_BUILD_BENCH=OFF -DALEA_FUZZ_SECONDS="${ALEA_FUZZ_SECONDS:-30}"
cmake --build build-sanitize -j "$jobs"
phase "sanitizer build"
(cd build-sanitize &&
  ALEA_TEST_SCALE=0.1 ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --output-on-failure -j "$jobs" --timeout 900 -LE fuzz)
phase "sanitizer tests"
(cd build-sanitize && ctest --output-on-failure -j "$jobs" -L fuzz)
phase "fuzzing"
