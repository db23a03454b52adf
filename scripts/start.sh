#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running Echoes server: installs the Debian
# packages it needs, builds the `echoes` program (not the tests), and serves the web app and
# API on http://127.0.0.1:8080 with the embedded defaults (SQLite + audio files under ./data).
# Extra arguments go to `echoes serve` (for example --listen 0.0.0.0:8080).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "==> [1/3] Installing the Debian packages Echoes needs (quick when they are already there)"
bash scripts/install-deps.sh serve
echo "==> [2/3] Building echoes (the first build takes 10-20 minutes on 2 cores; later ones seconds)"
bash scripts/build.sh serve
echo "==> [3/3] Starting the server (Ctrl+C stops it)"
exec ./build/src/echoes serve "$@"
