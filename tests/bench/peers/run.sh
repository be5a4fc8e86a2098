#!/usr/bin/env bash
# Benchmarks of alea against Stan (rstan) and JAGS on five models, run by hand (not
# part of CI). See README.md in this directory.
#   tests/bench/peers/run.sh [ALEA_BINARY] [MODEL...]
# ALEA_BINARY defaults to build/alea; MODEL is any of eight_schools normal pumps seeds
# surgical (default: all). Work files go to $ALEA_PEERS_OUT (default /tmp/alea-peers),
# where compiled Stan programs are cached between runs.
set -uo pipefail
export LC_NUMERIC=C  # EPOCHREALTIME with a decimal point

here=$(cd "$(dirname "$0")" && pwd)
alea=${1:-build/alea}
[[ $# -gt 0 ]] && shift
models=("$@")
[[ ${#models[@]} -eq 0 ]] && models=(eight_schools normal pumps seeds surgical)
out=${ALEA_PEERS_OUT:-${TMPDIR:-/tmp}/alea-peers}

# The parameters compared; a table names the one of them that mixes slowest.
declare -A keys=(
  [eight_schools]=mu,tau
  [normal]=mu,tau
  [pumps]=alpha,beta
  [seeds]=alpha0,alpha1,alpha2,alpha12,sigma
  [surgical]=mu,sigma,pop_mean
)

# One chain each; JAGS gets five times the draws, as its draws are cheaper. Every peer
# runs at each seed of ALEA_PEERS_SEEDS (default 1 2 3): one run's ESS moves by a third
# with its adaptation, so the summary compares medians over the seeds.
warmup=1000
draws=20000
jags_burnin=1000
jags_draws=100000
read -r -a seeds <<<"${ALEA_PEERS_SEEDS:-1 2 3}"

# Bash's own clock, read without a subshell: `date` in one added about 8 ms to each
# timing, a sixth of alea's 0.05 s on eight schools.
seconds_between() { echo "$2 - $1" | bc; }

if ! command -v Rscript >/dev/null || ! Rscript -e 'library(posterior)' >/dev/null 2>&1; then
  echo "run.sh: R with the posterior package is needed to compute ESS (apt-get install r-cran-posterior)" >&2
  exit 2
fi
have_stan=1
if ! Rscript -e 'library(rstan)' >/dev/null 2>&1; then
  echo "run.sh: rstan is not installed (apt-get install r-cran-rstan): Stan skipped" >&2
  have_stan=0
fi
have_jags=1
if ! command -v jags >/dev/null; then
  echo "run.sh: jags is not on PATH (apt-get install jags): JAGS skipped" >&2
  have_jags=0
fi
have_alea=1
mkdir -p "$out"
if [[ ! -x $alea ]]; then
  echo "run.sh: no alea binary at $alea: alea skipped" >&2
  have_alea=0
else
  # A copy, so that a rebuild of ALEA_BINARY during the run does not change it.
  echo "alea binary: $alea, $(stat -c '%y' "$alea" | cut -c1-19), sha256 $(sha256sum "$alea" | cut -c1-12)"
  cp "$alea" "$out/alea" || exit 2
  alea=$out/alea
fi

echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
[[ $have_stan == 1 ]] && echo "$(Rscript -e 'cat("rstan", as.character(packageVersion("rstan")), "(Stan", rstan::stan_version(), "), posterior", as.character(packageVersion("posterior")))' 2>/dev/null)"
[[ $have_jags == 1 ]] && echo "JAGS $(dpkg-query -W -f='${Version}' jags 2>/dev/null || echo '(version unknown)')"
echo "alea, Stan: 1 chain, $warmup warmup, $draws draws; JAGS: 1 chain, $jags_burnin burn-in, $jags_draws draws; seeds ${seeds[*]}"
echo "seconds: alea's whole process (the median of 3 runs) and JAGS's, Stan's warmup + sampling; compile: Stan's compilation"
echo "(* compiled by an earlier run and cached); ESS/s and ratios from the slowest key parameter of each"

# The normal model sampled by a hand-written C++ program (hand_normal.cpp): the least a
# whole process does for it, timed as alea is.
hand=-
if [[ " ${models[*]} " == *" normal "* ]]; then
  if ${CXX:-g++} -std=c++20 -O2 -Wall -Wextra -o "$out/hand_normal" "$here/hand_normal.cpp"; then
    hand=$out/hand_normal
  else
    echo "run.sh: hand_normal.cpp did not compile: the hand-written baseline skipped" >&2
  fi
fi

export ALEA_PEERS_RUNS=$out/runs.tsv
: >"$ALEA_PEERS_RUNS"

for m in "${models[@]}"; do
  if [[ -z ${keys[$m]:-} ]]; then
    echo "run.sh: unknown model $m" >&2
    continue
  fi
  for seed in "${seeds[@]}"; do
    dir=$out/$m/seed$seed
    mkdir -p "$dir"
    model=$here/$m.bug
    data=$here/$m.R

    alea_csv=- alea_seconds=0
    if [[ $have_alea == 1 ]]; then
      # The median of three runs (the same seed, so the same draws): a run of 0.05 s
      # moves by a fifth from one run to the next on a loaded machine.
      times=()
      for run in 1 2 3; do
        start=$EPOCHREALTIME
        if "$alea" sample "$model" --data "$data" --chains 1 --warmup $warmup --draws $draws \
             --seed $seed --output "$dir/alea.csv" >"$dir/alea.log" 2>&1; then
          end=$EPOCHREALTIME
          times+=("$(seconds_between "$start" "$end")")
        else
          echo "run.sh: alea failed on $m (see $dir/alea.log):" >&2
          tail -3 "$dir/alea.log" >&2
          times=()
          break
        fi
      done
      if [[ ${#times[@]} -eq 3 ]]; then
        alea_seconds=$(printf '%s\n' "${times[@]}" | sort -g | sed -n 2p)
        alea_csv=$dir/alea.csv
      fi
    fi

    hand_csv=- hand_seconds=0
    if [[ $m == normal && $hand != - ]]; then
      times=()
      for run in 1 2 3; do
        rm -f "$dir/hand.csv"  # a rename over a file is written through at once on ext4
        start=$EPOCHREALTIME
        if ! "$hand" "$data" $warmup $draws $seed "$dir/hand.csv"; then
          echo "run.sh: hand_normal failed at seed $seed: the hand-written baseline skipped" >&2
          break
        fi
        end=$EPOCHREALTIME
        times+=("$(seconds_between "$start" "$end")")
      done
      if [[ ${#times[@]} -eq 3 ]]; then
        hand_seconds=$(printf '%s\n' "${times[@]}" | sort -g | sed -n 2p)
        hand_csv=$dir/hand.csv
      fi
    fi

    stan_prefixes=()
    if [[ $have_stan == 1 ]]; then
      for program in "$here/$m.stan" "$here/${m}"_*.stan; do
        [[ -f $program ]] || continue
        variant=$(basename "$program" .stan)
        variant=${variant#"$m"}
        variant=${variant#_}
        prefix=$dir/stan-${variant:-plain}
        if Rscript "$here/peers.R" stan "$program" "$data" "$out/stan-cache" "$prefix" \
             $warmup $draws $seed >"$prefix.log" 2>&1; then
          stan_prefixes+=("$prefix")
        else
          echo "run.sh: Stan failed on $program (see $prefix.log):" >&2
          tail -3 "$prefix.log" >&2
        fi
      done
    fi
    [[ ${#stan_prefixes[@]} -eq 0 ]] && stan_prefixes=(-)

    jags_prefix=- jags_seconds=0
    if [[ $have_jags == 1 ]]; then
      printf '".RNG.name" <- "base::Mersenne-Twister"\n".RNG.seed" <- %d\n' $seed >"$dir/jags-inits.R"
      {
        echo 'load glm'
        echo "model in \"$model\""
        echo "data in \"$data\""
        echo 'compile, nchains(1)'
        echo "parameters in \"$dir/jags-inits.R\""
        echo 'initialize'
        echo "update $jags_burnin"
        for k in ${keys[$m]//,/ }; do echo "monitor $k"; done
        echo "update $jags_draws"
        echo "coda *, stem(\"$dir/jags_\")"
        echo 'exit'
      } >"$dir/jags.cmd"
      rm -f "$dir"/jags_chain*.txt "$dir"/jags_index.txt
      start=$EPOCHREALTIME
      if jags "$dir/jags.cmd" >"$dir/jags.log" 2>&1 && [[ -s $dir/jags_chain1.txt ]]; then
        end=$EPOCHREALTIME
        jags_seconds=$(seconds_between "$start" "$end")
        jags_prefix=$dir/jags_
      else
        echo "run.sh: JAGS failed on $m (see $dir/jags.log):" >&2
        tail -3 "$dir/jags.log" >&2
      fi
    fi

    Rscript "$here/peers.R" report "$m" "$seed" "${keys[$m]}" "$alea_csv" "$alea_seconds" \
      "$jags_prefix" "$jags_seconds" "$hand_csv" "$hand_seconds" "${stan_prefixes[@]}"
  done
done

echo
echo "== summary over seeds ${seeds[*]}: the medians of ESS_bulk/s and of ESS per gradient of the slowest"
echo "   key parameter; ratios of alea's median over the better Stan program's and JAGS's"
Rscript "$here/peers.R" medians "$ALEA_PEERS_RUNS"
