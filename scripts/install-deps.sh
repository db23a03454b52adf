#!/usr/bin/env bash
# Installs every Debian package Echoes needs to build, test and run. Idempotent:
# packages already present are skipped quickly, so it is safe to run on every CI start.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates curl
  libsndfile1-dev libsoxr-dev libfftw3-dev libeigen3-dev
  flite1-dev libespeak-ng-dev libpocketsphinx-dev pocketsphinx-en-us pocketsphinx-testdata
  libcpp-httplib-dev nlohmann-json3-dev libsqlite3-dev libsodium-dev libspdlog-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  sox
  chromium nodejs  # browser tests (tests/web): Debian's Chromium driven by npm playwright-core
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all packages present"
fi

# npm comes with NodeSource's nodejs but is a separate package in Debian's.
if ! command -v npm >/dev/null; then
  echo "install-deps: installing npm"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends npm
fi
