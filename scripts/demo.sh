#!/usr/bin/env bash
# Builds alea and runs its demo (the README's first command).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j "$(nproc)" --target alea_cli
./build/alea "$@"
