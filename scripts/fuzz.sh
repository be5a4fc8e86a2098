#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in build-fuzz and runs each for ALEA_FUZZ_SECONDS (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
packages=(clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "alea: installing missing packages: ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
jobs=$(nproc)
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DALEA_FUZZ=ON \
  -DALEA_BUILD_BENCH=OFF -DALEA_BUILD_TESTS=OFF -DALEA_FUZZ_SECONDS="${ALEA_FUZZ_SECONDS:-20}"
cmake --build build-fuzz -j "$jobs" --target fuzz_bugs fuzz_rdump fuzz_csv
cd build-fuzz
ctest --output-on-failure -L fuzz
