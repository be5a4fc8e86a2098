#!/usr/bin/env bash
# Installs the Debian 12 packages alea needs, only those that are missing; extra
# package names given as arguments are installed the same way (scripts/fuzz.sh).
set -euo pipefail
packages=(g++ cmake ninja-build libeigen3-dev libboost-dev catch2 graphviz libunuran-dev "$@")
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
