#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in build-fuzz and runs each for ALEA_FUZZ_SECONDS (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh clang libclang-rt-14-dev
jobs=$(nproc)
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DALEA_FUZZ=ON \
  -DALEA_BUILD_BENCH=OFF -DALEA_BUILD_TESTS=OFF -DALEA_FUZZ_SECONDS="${ALEA_FUZZ_SECONDS:-20}"
cmake --build build-fuzz -j "$jobs" --target fuzz_bugs fuzz_rdump fuzz_csv
cd build-fuzz
ctest --output-on-failure -L fuzz
