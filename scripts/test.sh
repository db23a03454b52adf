#!/usr/bin/env bash
# One command that runs the whole test suite: installs what it needs, builds, runs
# every test (unit, API against the real server process). CI calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh test
bash scripts/build.sh all
cd build
ctest --output-on-failure --timeout 600 -j"$(nproc)"
cd ..
bash tests/web/run.sh  # the web app in headless Chromium (docs/web-app.md)
