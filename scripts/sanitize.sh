#!/usr/bin/env bash
# Builds the whole test suite with clang, AddressSanitizer and UndefinedBehaviorSanitizer
# (build-sanitize, the build scripts/test.sh makes) and runs it, fuzz targets excluded.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh clang libclang-rt-14-dev
# The same configuration as scripts/test.sh's sanitizer build (-O1, line tables only, unity).
CC=clang CXX=clang++ cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" -DALEA_TEST_PCH=ON -DALEA_SANITIZE=ON -DALEA_FUZZ=ON \
  -DALEA_BUILD_BENCH=OFF -DCMAKE_UNITY_BUILD=ON
cmake --build build-sanitize -j "$(nproc)"
cd build-sanitize
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j "$(nproc)" \
  --timeout 900 -LE fuzz
