#!/usr/bin/env bash
# Browser tests of the web app (docs/web-app.md): installs playwright-core from the lock file
# (1.61, the last release that runs on Debian 12's own nodejs 18; never a browser: Debian's
# /usr/bin/chromium is used) and the OpenAI SDK (openai 4.104, for openai-sdk.test.mjs, which
# needs no browser but the sqlite3 tool) and runs every *.test.mjs with node's
# test runner, one file at a time. Needs a built echoes binary ($ECHOES_BINARY, default build/src/echoes).
set -euo pipefail
cd "$(dirname "$0")"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-audit --no-fund --prefer-offline --loglevel=error
export ECHOES_BINARY="${ECHOES_BINARY:-$(cd ../.. && pwd)/build/src/echoes}"
# One file at a time: each holds a real-time microphone and the machine may have 2 cores.
# Debian 12's node 18 has no --test-concurrency, so there each file gets its own run.
# (grep reads all of the help: with -q it would close the pipe early and node 18 dies of EPIPE.)
if node --help 2>/dev/null | grep -- '--test-concurrency' >/dev/null; then
  exec node --test --test-concurrency=1 ./*.test.mjs
fi
failed=0
for f in ./*.test.mjs; do
  node --test "$f" || failed=1
done
exit "$failed"
