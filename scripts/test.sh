#!/usr/bin/env bash
# Builds alea and runs the whole test suite through CTest (the README's test command; .ci/run runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs=$(nproc)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j "$jobs"
cd build
ctest --output-on-failure -j "$jobs" --timeout 600
