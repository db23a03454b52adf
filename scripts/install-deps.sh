#!/usr/bin/env bash
# Installs the Debian packages Echoes needs. Idempotent: packages already present are skipped
# quickly, so it is safe to run on every start and every CI run.
#
# Usage: scripts/install-deps.sh [serve|test]
#   serve  what building and running the server needs (scripts/start.sh)
#   test   that plus the test, benchmark and browser-test tools (default; scripts/test.sh)
set -euo pipefail
what="${1:-test}"

SERVE_PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates curl
  libsndfile1-dev libsoxr-dev libfftw3-dev libeigen3-dev
  flite1-dev libespeak-ng-dev libpocketsphinx-dev pocketsphinx-en-us
  libcpp-httplib-dev nlohmann-json3-dev libsqlite3-dev libpq-dev libsodium-dev libspdlog-dev libcli11-dev
  libcurl4-openssl-dev
)
TEST_PACKAGES=(
  pocketsphinx-testdata libgtest-dev libgmock-dev libbenchmark-dev sox
  # The store and API tests also run against a throwaway PostgreSQL cluster (initdb, pg_ctl).
  postgresql
  # The object-store tests also run against a throwaway Ceph cluster's S3 gateway
  # (tests/support/ceph_cluster.sh: monitor, memstore OSD, radosgw; about 270 MB).
  ceph-mon ceph-osd radosgw ceph-common
  # Browser tests (tests/web): Debian's own Chromium and nodejs 18, driven by npm playwright-core;
  # the OpenAI SDK test gives its user a voice with the sqlite3 tool.
  chromium nodejs npm sqlite3
)

case "$what" in
  serve) packages=("${SERVE_PACKAGES[@]}") ;;
  test) packages=("${SERVE_PACKAGES[@]}" "${TEST_PACKAGES[@]}") ;;
  *) echo "install-deps: unknown set '$what' (serve or test)" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  # NodeSource's nodejs bundles npm and conflicts with Debian's npm: any npm will do.
  [[ "$p" == npm ]] && command -v npm >/dev/null && continue
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
