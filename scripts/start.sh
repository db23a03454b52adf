#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running Echoes server:
# installs the Debian packages, builds, and serves http://127.0.0.1:8080 with the
# embedded defaults (SQLite + audio files under ./data). Extra arguments go to `echoes serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
exec ./build/src/echoes serve --web-dir web "$@"
