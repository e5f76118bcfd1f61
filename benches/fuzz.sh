#!/usr/bin/env bash
# Long fuzzing runs of the bounded fuzz targets in tests/fuzz_*.rs (release profile): the
# sidecar readers (fast path against RON), the article loader, the schema / config+keymap /
# theme / lexicon loaders and the brat importer (native and mapped). Prints executions per
# target, the rate, and the findings; a finding's shrunk input is printed and its seed saved in
# tests/fuzz_*.proptest-regressions, replayed by every later `cargo test`.
#
# Usage: benches/fuzz.sh [CASES] [SEED]   (default 100000 cases per target, a random seed;
#        give SEED, or set PROPTEST_RNG_SEED, to repeat a run exactly)
# Exit status: 0 when no target found anything, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
CASES="${1:-100000}"
SEED="${2:-${PROPTEST_RNG_SEED:-$RANDOM$RANDOM}}"
export MARGINALIA_FUZZ_CASES="$CASES" PROPTEST_RNG_SEED="$SEED"
echo "fuzzing with $CASES cases per target, seed $SEED (release build)"
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
status=0
for test in tests/fuzz_*.rs; do
    name="$(basename "$test" .rs)"
    # One target at a time, so each figure is the rate of one core.
    if ! cargo test --release --quiet --test "$name" -- --nocapture --test-threads=1 >"$LOG" 2>&1; then
        status=1
        echo "== $name: FAILED"
        grep -aoE "(fuzz [^:]+: Test failed.*|minimal failing input.*|thread .* panicked.*)" "$LOG" | sed 's/^/   /' | cut -c1-2000
    fi
    grep -aoE "fuzz [^:]+: [0-9]+ executions.*" "$LOG" || true
done
if [[ $status -eq 0 ]]; then
    echo "no findings"
fi
exit "$status"
