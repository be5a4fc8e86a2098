#!/usr/bin/env bash
# Runs JAGS's classic BUGS examples (every test*.cmd of each example folder under DIR)
# through alea and through JAGS, applies the suite's pass rule to both and prints a table
# of results and wall times. Not part of CI. Usage and output: docs/jags-examples.md.
#   scripts/jags-examples.sh DIR [EXAMPLE | EXAMPLE/testK ...] [--no-jags] [--seed S] [--keep]
#   ALEA=path/to/alea JAGS=jags JAGS_EXAMPLES_TIMEOUT=900 (seconds per run)
set -euo pipefail
exec python3 "$(dirname "$0")/jags_examples.py" "$@"
