#!/usr/bin/env bash
# The voice-quality acceptance experiment of issue 3 (docs/voice-quality.md): builds a voice
# for Kathleen and each speechocean speaker with `echoes voice build`, synthesizes held-out
# texts with `echoes say`, and measures speaker identification (GMM-UBM), pocketsphinx WER
# and the self-assessment, next to validation sources (real clips, pitch-shifted real clips,
# flite's stock voices). Takes about 10-15 minutes on 2 cores.
#
# Usage: scripts/eval-voices.sh [--build-dir DIR] [--work DIR] [--no-asr] [--no-engine]
#   --build-dir DIR  build tree to use/build (default: build)
#   --work DIR       where manifests, voices, clips and the report go (default /tmp/echoes-voice-eval)
#   --no-asr         skip pocketsphinx (identification only; about 2 minutes)
#   --no-engine      validation sources only, even if the engine is available
# Output: WORK/report.md (Markdown tables with the commit they came from) and the bench lines.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build_dir="$root/build"
work="/tmp/echoes-voice-eval"
no_asr=""
no_engine=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build-dir) build_dir="$(realpath -m "$2")"; shift 2 ;;
    --work) work="$(realpath -m "$2")"; shift 2 ;;
    --no-asr) no_asr=1; shift ;;
    --no-engine) no_engine=1; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [[ ! -f "$build_dir/build.ninja" ]]; then
  cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$build_dir" --target echoes echoes_bench -j2

mkdir -p "$work"
# Snapshot the engine so a rebuild during the run cannot mix two versions.
engine="$work/echoes-engine"
cp "$build_dir/src/echoes" "$engine"
[[ -n "$no_engine" ]] && engine="/nonexistent/echoes"

ECHOES_VOICE_ACCEPTANCE=1 ECHOES_EVAL_WORK="$work" ECHOES_EVAL_ENGINE="$engine" ECHOES_EVAL_NO_ASR="$no_asr" \
  "$build_dir/bench/echoes_bench" voice_acceptance | tee "$work/bench.txt"

commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
dirty="$(git -C "$root" status --porcelain 2>/dev/null | grep -q . && echo ' + uncommitted changes' || true)"
{
  echo "Voice-quality experiment run $(date -u '+%Y-%m-%d %H:%M UTC') on commit $commit$dirty"
  echo "(scripts/eval-voices.sh${no_asr:+ --no-asr}${no_engine:+ --no-engine})."
  echo
  cat "$work/results.md"
} > "$work/report.md"
echo "report: $work/report.md"
