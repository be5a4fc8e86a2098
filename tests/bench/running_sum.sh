#!/usr/bin/env bash
# The running sum of N independent normals as a BUGS loop, only the total monitored
# (s[1] <- x[1]; s[i] <- s[i-1] + x[i]): `alea simplify` at N = 2,000, 20,000 and
# 200,000, its whole process's time and peak memory (GNU time), whether the total
# collapsed to one normal, and each time's ratio to the 2,000 case of the same run.
# Usage: bash tests/bench/running_sum.sh [ALEA_BINARY]   (default build/alea)
set -euo pipefail
alea=${1:-build/alea}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/sum.bug" <<'BUG'
model {
  for (i in 1:N) { x[i] ~ dnorm(0, 1) }
  s[1] <- x[1]
  for (i in 2:N) { s[i] <- s[i-1] + x[i] }
  total <- s[N]
}
BUG
printf '%8s %9s %10s %-10s %s\n' N seconds "peak MB" collapsed "x(N=2000)"
base=""
for n in 2000 20000 200000; do
  echo "N <- $n" >"$work/sum.R"
  /usr/bin/time -f '%e %M' -o "$work/time" "$alea" simplify "$work/sum.bug" --data "$work/sum.R" --monitor total \
    >"$work/out.bug" 2>"$work/err" || { echo "alea failed at N = $n:"; tail -3 "$work/err"; exit 1; }
  read -r secs kb <"$work/time"
  if grep -q 'total ~ dnorm' "$work/out.bug"; then collapsed=yes; else collapsed=no; fi
  [[ -z $base ]] && base=$secs
  ratio=$(awk -v a="$secs" -v b="$base" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
  printf '%8d %9.2f %10.0f %-10s %s\n' "$n" "$secs" "$((kb / 1024))" "$collapsed" "$ratio"
  echo "RATIO running_sum_${n} $ratio running_sum_2000"
done
