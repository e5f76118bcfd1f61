#!/usr/bin/env bash
# End-to-end latency through a real terminal (tmux): time to first frame, time for a jump to
# the end and a key press to show, and peak memory, on generated 10 MB articles (thousands of
# paragraphs, and one single paragraph). Times include tmux's capture-pane polling (a few ms),
# so they are upper bounds. `less` opens the same files in the same run, through the same
# tmux session and polling, as the reference for the first frame: the goal is within 3x of it.
# Peak RSS is the process's VmHWM (mapped program code and libraries included), also shown as
# the part above the tiny article's (what opening the article itself costs).
#
# Usage: benches/tmux-latency.sh [path/to/marginalia]   (default: builds the release binary)
#        RUNS=5 benches/tmux-latency.sh                 (repeat; medians are printed last)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-}"
if [[ -z "$BIN" ]]; then
    cargo build --release --quiet
    BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/marginalia"
fi
command -v tmux >/dev/null || { echo "tmux is required" >&2; exit 2; }
WORK="$(mktemp -d)"
# One tmux server per session (a fresh socket each time), so a server that is still shutting
# down never meets the next one.
SOCK_BASE="marginalia-latency-$$"
SOCK="$SOCK_BASE-0"
trap 'tmux -L "$SOCK" kill-server 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/config" "$WORK/data"

SENTENCE='The minister said on Monday that “talks are close to a deal”, according to officials in 中文 and café reports. '
gen() { # $1 = file, $2 = paragraph separator every N sentences (0 = never)
    python3 - "$1" "$2" "$SENTENCE" <<'PY'
import sys
path, every, sentence = sys.argv[1], int(sys.argv[2]), sys.argv[3]
target = 10 * 1024 * 1024
parts, size, n = [], 0, 0
while size < target:
    parts.append(sentence); size += len(sentence.encode()); n += 1
    if every and n % every == 0:
        parts.append("\n\n"); size += 2
parts.append("THE-END-MARK\n")
open(path, "w", encoding="utf-8").write("".join(parts))
PY
}
gen "$WORK/paragraphs.txt" 14
gen "$WORK/single.txt" 0

now_ms() { date +%s%3N; }
new_session() { # $1 = command
    SOCK="$SOCK_BASE-$(date +%s%N)" # unique also from a subshell
    tmux -L "$SOCK" -f /dev/null new-session -d -s lat -x 120 -y 40 "$1"
}
screen() { tmux -L "$SOCK" capture-pane -p -t lat; }
wait_for() { # $1 = text; prints elapsed ms since $2
    local deadline=$(( $(now_ms) + 20000 ))
    until screen | grep -qF -- "$1"; do
        if (( $(now_ms) > deadline )); then echo "timeout waiting for $1" >&2; screen >&2; exit 1; fi
    done
    echo $(( $(now_ms) - $2 ))
}

run_one() { # $1 = article, $2 = label
    local article="$1" label="$2" t0 first jump key grow edit poll pid hwm size lessms
    size=$(stat -c %s "$article")
    lessms=$(less_first "$article")
    t0=$(now_ms)
    new_session \
        "MARGINALIA_CONFIG_DIR=$WORK/config MARGINALIA_DATA_DIR=$WORK/data $BIN '$article' --annotator bench"
    first=$(wait_for "NORMAL" "$t0")
    t0=$(now_ms); tmux -L "$SOCK" send-keys -t lat G
    jump=$(wait_for "THE-END-MARK" "$t0")
    # Key response: median of 7 presses of v (SELECT shows) and Escape (NORMAL shows).
    local samples=()
    for _ in 1 2 3 4 5 6 7; do
        t0=$(now_ms); tmux -L "$SOCK" send-keys -t lat v
        samples+=("$(wait_for "SELECT" "$t0")")
        t0=$(now_ms); tmux -L "$SOCK" send-keys -t lat Escape
        samples+=("$(wait_for "NORMAL" "$t0")")
    done
    key=$(printf '%s\n' "${samples[@]}" | sort -n | sed -n 7p)
    t0=$(now_ms); tmux -L "$SOCK" send-keys -t lat v
    wait_for "SELECT" "$t0" >/dev/null
    t0=$(now_ms); tmux -L "$SOCK" send-keys -t lat e
    grow=$(wait_for " chars" "$t0")
    t0=$(now_ms); tmux -L "$SOCK" send-keys -t lat c
    edit=$(wait_for "C1 “" "$t0")
    # What one poll costs when the text is already there: subtract it from the figures above.
    t0=$(now_ms); poll=$(wait_for "NORMAL" "$t0")
    pid=$(pgrep -f -- "^$BIN $article" | head -1)
    hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
    tmux -L "$SOCK" send-keys -t lat Escape
    sleep 0.1
    tmux -L "$SOCK" send-keys -t lat q
    sleep 0.2
    tmux -L "$SOCK" kill-server 2>/dev/null || true
    local ratio rss file_x above_x
    ratio=$(echo "$first/$lessms" | bc -l)
    rss=$(echo "$hwm/1024" | bc -l)
    file_x=$(echo "$hwm*1024/$size" | bc -l)
    above_x=$(echo "($hwm-$TINY_HWM)*1024/$size" | bc -l)
    printf '%-22s size %5.1f MB  first frame %4d ms (less %d ms, %.2fx)  jump to end %4d ms  key (median of 14) %4d ms  key (e) %4d ms  edit+save (c) %4d ms  (poll cost %d ms)  peak RSS %5.1f MB (%.2fx file; %.2fx above the tiny article)\n' \
        "$label" "$(echo "$size/1048576" | bc -l)" "$first" "$lessms" "$ratio" "$jump" "$key" "$grow" "$edit" "$poll" \
        "$rss" "$file_x" "$above_x"
    echo "$label|$first|$lessms|$ratio|$rss|$file_x|$above_x" >> "$RESULTS"
}

# First screen of `less` on the same file, through the same tmux session and polling: the
# reference for the first frame. Every article starts with the sentence.
less_first() { # $1 = article
    local t0 first
    t0=$(now_ms)
    new_session "LESSOPEN= LESSKEY=/dev/null less '$1'"
    first=$(wait_for "The minister said" "$t0")
    tmux -L "$SOCK" kill-server 2>/dev/null || true
    echo "$first"
}

TINY_HWM=0
baseline() { # first frame of a one-line article: tmux + process start-up cost
    local t0 first pid
    printf 'A short article.\n' > "$WORK/tiny.txt"
    t0=$(now_ms)
    new_session \
        "MARGINALIA_CONFIG_DIR=$WORK/config MARGINALIA_DATA_DIR=$WORK/data $BIN '$WORK/tiny.txt' --annotator bench"
    first=$(wait_for "NORMAL" "$t0")
    pid=$(pgrep -f -- "^$BIN $WORK/tiny.txt" | head -1)
    TINY_HWM=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
    tmux -L "$SOCK" kill-server 2>/dev/null || true
    printf '%-22s first frame %4d ms  peak RSS %5.1f MB (tmux session + process start-up, for comparison)\n' \
        "tiny article" "$first" "$(echo "$TINY_HWM/1024" | bc -l)"
}

RESULTS="$WORK/results"
RUNS="${RUNS:-1}"
for run in $(seq "$RUNS"); do
    (( RUNS > 1 )) && echo "run $run of $RUNS"
    rm -f "$WORK"/*.ann.ron "$WORK"/*.ann.ron.*
    baseline
    run_one "$WORK/paragraphs.txt" "10MB paragraphs"
    run_one "$WORK/single.txt" "10MB one paragraph"
done
if (( RUNS > 1 )); then
    echo "medians of $RUNS runs:"
    median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
    for label in "10MB paragraphs" "10MB one paragraph"; do
        rows=$(grep -F "$label|" "$RESULTS")
        col() { echo "$rows" | cut -d'|' -f"$1" | median; }
        printf '%-22s first frame %5.1f ms  less %5.1f ms  ratio %4.2fx  peak RSS %5.1f MB (%.2fx file, %.2fx above the tiny article)\n' \
            "$label" "$(col 2)" "$(col 3)" "$(col 4)" "$(col 5)" "$(col 6)" "$(col 7)"
    done
fi
