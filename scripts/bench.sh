#!/usr/bin/env bash
# Builds the benchmarks (-DALEA_BUILD_BENCH=ON) in build-bench, runs every
# tests/bench/bench_* binary, and prints one table of the ratios they report: each
# bench prints `RATIO <name> <value> <baseline>` lines, every ratio against a baseline
# measured in the same run. The full output of each bench goes to build-bench/bench-logs/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs=$(nproc)
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DALEA_BUILD_BENCH=ON -DALEA_BUILD_TESTS=OFF
targets=()
for src in tests/bench/bench_*.cpp; do targets+=("$(basename "$src" .cpp)"); done
cmake --build build-bench -j "$jobs" --target "${targets[@]}"
mkdir -p build-bench/bench-logs
ratios=build-bench/bench-logs/ratios.txt
: >"$ratios"
for t in "${targets[@]}"; do
  echo "alea bench: running $t" >&2
  if ! ./build-bench/tests/bench/"$t" >build-bench/bench-logs/"$t".txt 2>&1; then
    echo "alea bench: $t failed (see build-bench/bench-logs/$t.txt)" >&2
    exit 1
  fi
  awk -v bench="$t" '$1 == "RATIO" { print bench, $2, $3, $4 }' build-bench/bench-logs/"$t".txt >>"$ratios"
done
echo
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; $(date -u +%Y-%m-%d)"
echo
printf '| %-22s | %-44s | %10s | %-22s |\n' bench ratio value "baseline (same run)"
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..24})" "$(printf -- '-%.0s' {1..46})" "$(printf -- '-%.0s' {1..12})" \
  "$(printf -- '-%.0s' {1..24})"
while read -r bench name value baseline; do
  printf '| %-22s | %-44s | %10s | %-22s |\n' "$bench" "$name" "$value" "$baseline"
done <"$ratios"
