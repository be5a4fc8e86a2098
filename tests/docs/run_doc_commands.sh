#!/usr/bin/env bash
# Runs every `alea` command line that README.md and docs/*.md show in a fenced ```sh
# block (a line that starts with `alea ` or `$ alea `; the other lines of such a block,
# output or other commands, are not run) with the alea command ALEA, in a scratch
# directory where models/ is the source tree's, and fails if any exits non-zero.
#   tests/docs/run_doc_commands.sh SOURCE_DIR ALEA   (e.g. . build/alea)
set -uo pipefail
src=$(cd "$1" && pwd)
alea=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
[ -x "$alea" ] || { echo "no alea at $alea" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin"
ln -s "$alea" "$work/bin/alea"
ln -s "$src/models" "$work/models"
cd "$work"
export PATH="$work/bin:$PATH"
count=0 failed=0
for doc in "$src"/README.md "$src"/docs/*.md; do
  rel=${doc#"$src"/}
  lineno=0 in_sh=0
  while IFS= read -r line; do
    lineno=$((lineno + 1))
    if [ "$in_sh" = 0 ]; then
      [ "$line" = '```sh' ] && in_sh=1
      continue
    fi
    if [[ $line == '```'* ]]; then in_sh=0; continue; fi
    case $line in
      'alea '* | 'alea' | '$ alea '* | '$ alea') cmd=${line#'$ '} ;;
      *) continue ;;
    esac
    count=$((count + 1))
    if ! out=$(bash -c "$cmd" 2>&1 </dev/null); then
      failed=$((failed + 1))
      echo "FAILED $rel:$lineno: $cmd" >&2
      printf '%s\n' "$out" | tail -5 >&2
    else
      echo "ok $rel:$lineno: $cmd"
    fi
  done <"$doc"
done
echo "$count command(s) run, $failed failed"
[ "$count" -gt 0 ] && [ "$failed" = 0 ]
