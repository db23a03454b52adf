#!/usr/bin/env bash
# Configures and builds Echoes into ./build (Ninja, RelWithDebInfo). Used by start.sh and test.sh.
#
# Usage: scripts/build.sh [serve|all]
#   serve  only the `echoes` program (what start.sh needs; tests and benchmarks are not built)
#   all    the program, the test suite and the benchmarks (default; test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
BUILD_DIR="${ECHOES_BUILD_DIR:-build}"
case "$what" in
  serve) with_tests=OFF; targets=(--target echoes) ;;
  all) with_tests=ON; targets=() ;;
  *) echo "build: unknown target set '$what' (serve or all)" >&2; exit 2 ;;
esac
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="${ECHOES_BUILD_TYPE:-RelWithDebInfo}" \
  -DECHOES_BUILD_TESTS="$with_tests" -DECHOES_BUILD_BENCH="$with_tests" "${launcher[@]}" >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)" "${targets[@]}"
