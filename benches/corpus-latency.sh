#!/usr/bin/env bash
# Corpus browser latency through a real terminal (tmux): `marginalia DIR` on a generated corpus
# of 10,000 articles (100 directories; every second article has a sidecar for `alice`, copied
# from sample-data) — time to the first frame of the list, until every summary is in, and for
# key presses (a sort of all 10,000 rows, jump to the end, a path filter), plus peak memory.
# Times include tmux's capture-pane polling (a few ms), so they are upper bounds.
#
# Usage: benches/corpus-latency.sh [path/to/marginalia] [articles]   (default: builds target/release, 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-}"
N="${2:-10000}"
if [[ -z "$BIN" ]]; then
    cargo build --release --quiet
    BIN="$PWD/target/release/marginalia"
fi
command -v tmux >/dev/null || { echo "tmux is required" >&2; exit 2; }
WORK="$(mktemp -d)"
BASE="marginalia-corpus-latency-$$"
SOCK="$BASE-0"
RUNS=0
trap 'tmux -L "$SOCK" kill-server 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/config" "$WORK/data" "$WORK/corpus"

python3 - "$WORK/corpus" "$N" sample-data/wire-001.txt sample-data/wire-001.alice.ann.ron <<'PY'
import os, sys
root, n, article, sidecar = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
text = open(article, encoding="utf-8").read()
ann = open(sidecar, encoding="utf-8").read()
for i in range(n):
    d = os.path.join(root, f"d{i % 100:02d}")
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, f"a{i:05d}.txt"), "w", encoding="utf-8").write(text)
    if i % 2 == 0:
        open(os.path.join(d, f"a{i:05d}.alice.ann.ron"), "w", encoding="utf-8").write(ann)
PY

now_ms() { date +%s%3N; }
screen() { tmux -L "$SOCK" capture-pane -p -t lat; }
wait_for() { # $1 = text; prints elapsed ms since $2
    local deadline=$(( $(now_ms) + 30000 ))
    until screen | grep -qF -- "$1"; do
        if (( $(now_ms) > deadline )); then echo "timeout waiting for $1" >&2; screen >&2; exit 1; fi
    done
    echo $(( $(now_ms) - $2 ))
}
wait_gone() { # $1 = text that must disappear; prints elapsed ms since $2
    local deadline=$(( $(now_ms) + 30000 ))
    while screen | grep -qF -- "$1"; do
        if (( $(now_ms) > deadline )); then echo "timeout waiting for $1 to go" >&2; screen >&2; exit 1; fi
    done
    echo $(( $(now_ms) - $2 ))
}
start() { # $1 = path; a fresh tmux server each time (reusing a socket just killed can race)
    RUNS=$((RUNS + 1)); SOCK="$BASE-$RUNS"
    tmux -L "$SOCK" -f /dev/null new-session -d -s lat -x 120 -y 40 \
        "MARGINALIA_CONFIG_DIR=$WORK/config MARGINALIA_DATA_DIR=$WORK/data $BIN '$1' --annotator alice"
}

# Start-up cost of tmux and the process, on a one-line article.
printf 'A short article.\n' > "$WORK/tiny.txt"
t0=$(now_ms); start "$WORK/tiny.txt"; tiny=$(wait_for "NORMAL" "$t0")
tmux -L "$SOCK" kill-server 2>/dev/null || true

# Two runs (the files are in the page cache either way; the second shows the spread).
run() { # $1 = label
    local t0 first all sort back last filter clear pid hwm
    t0=$(now_ms); start "$WORK/corpus"
    first=$(wait_for "CORPUS" "$t0")
    all=$(wait_gone "loading" "$t0")
    t0=$(now_ms); tmux -L "$SOCK" send-keys -t lat s
    sort=$(wait_for "sort status" "$t0")
    t0=$(now_ms); tmux -L "$SOCK" send-keys -t lat n
    back=$(wait_for "sort name" "$t0")
    t0=$(now_ms); tmux -L "$SOCK" send-keys -t lat G
    last=$(wait_for "› d99/a09999.txt" "$t0")
    tmux -L "$SOCK" send-keys -t lat /
    t0=$(now_ms); tmux -L "$SOCK" send-keys -t lat -l a04242
    filter=$(wait_for " 1/$N shown" "$t0")
    tmux -L "$SOCK" send-keys -t lat Enter
    t0=$(now_ms); tmux -L "$SOCK" send-keys -t lat Escape
    clear=$(wait_for " $N/$N shown" "$t0")
    pid=$(pgrep -f -- "^$BIN $WORK/corpus" | head -1)
    hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
    tmux -L "$SOCK" send-keys -t lat q
    sleep 0.2
    tmux -L "$SOCK" kill-server 2>/dev/null || true
    printf '%-6s %d articles (%d sidecars)  first frame %4d ms  all summaries %5d ms  sort by status %3d ms  sort by name %3d ms  end %3d ms  filter (6 keys) %3d ms  clear %3d ms  peak RSS %5.1f MB\n' \
        "$1" "$N" "$(( (N + 1) / 2 ))" "$first" "$all" "$sort" "$back" "$last" "$filter" "$clear" "$(echo "$hwm/1024" | bc -l)"
}

printf 'tiny article: first frame %d ms (tmux session + process start-up, for comparison)\n' "$tiny"
run "first"
run "again"
