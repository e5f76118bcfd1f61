#!/usr/bin/env bash
# Keystrokes and wall time per claim bundle through a real terminal (tmux), both ways:
#   accept: every sample article opened with suggestions; `s` once, then `A` per bundle
#           (accept moves to the next suggestion) until none is left;
#   manual: wire-001 with --no-suggest, bundles marked by hand with the fast manual path
#           (speaker, cue, `c` claim + attribution, certainty, channel (+via), confidence,
#           close). Navigation keys to reach a bundle are counted apart.
# Every key sent is counted (typed text counts one key per character). Wall times include
# tmux's capture-pane polling (a few ms), so they are upper bounds.
#
# Usage: benches/keystrokes.sh [path/to/marginalia]   (default: builds the release binary)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-}"
if [[ -z "$BIN" ]]; then
    cargo build --release --quiet
    BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/marginalia"
fi
command -v tmux >/dev/null || { echo "tmux is required" >&2; exit 2; }
WORK="$(mktemp -d)"
SOCK="marginalia-keys-$$"
trap 'tmux -L "$SOCK" kill-server 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/config" "$WORK/data"

now_ms() { date +%s%3N; }
screen() { tmux -L "$SOCK" capture-pane -p -t keys; }
wait_for() { # $1 = text on screen
    local deadline=$(( $(now_ms) + 20000 ))
    until screen | grep -qF -- "$1"; do
        if (( $(now_ms) > deadline )); then echo "timeout waiting for: $1" >&2; screen >&2; exit 1; fi
    done
}
KEYS=0
k() { for key in "$@"; do tmux -L "$SOCK" send-keys -t keys "$key"; KEYS=$((KEYS + 1)); done; }
typ() { tmux -L "$SOCK" send-keys -t keys -l "$1"; KEYS=$((KEYS + ${#1})); }
start() { # $1 = article, $2 = extra options
    tmux -L "$SOCK" -f /dev/null new-session -d -s keys -x 120 -y 40 \
        "MARGINALIA_CONFIG_DIR=$WORK/config MARGINALIA_DATA_DIR=$WORK/data '$BIN' '$1' --annotator bench $2"
    wait_for "NORMAL"
}
stop() { tmux -L "$SOCK" send-keys -t keys q; sleep 0.2; tmux -L "$SOCK" kill-server 2>/dev/null || true; }

echo "== accepting suggestions =="
total_keys=0; total_bundles=0; total_ms=0
for src in sample-data/wire-*.txt sample-data/wire-*.md; do
    [[ -e "$src" ]] || continue
    art="$WORK/$(basename "$src")"
    cp "$src" "$art"
    start "$art" ""
    wait_for " suggested"
    n=$(screen | grep -o '[0-9]* suggested' | head -1 | cut -d' ' -f1)
    KEYS=0
    t0=$(now_ms)
    k s
    wait_for "suggestion ($n pending)"
    # An accepted bundle can cover another suggestion too (it is then no longer offered):
    # count the bundles accepted, not the suggestions listed at the start.
    left=$n; accepted=0
    while (( left > 0 )); do
        k A
        accepted=$((accepted + 1))
        deadline=$(( $(now_ms) + 20000 ))
        while :; do
            shown=$(screen)
            if grep -qF "no suggestions left" <<<"$shown"; then now=0; break; fi
            now=$(grep -o '[0-9]* suggested' <<<"$shown" | head -1 | cut -d' ' -f1)
            if [[ -n "$now" && "$now" -lt "$left" ]]; then break; fi
            if (( $(now_ms) > deadline )); then echo "timeout after A" >&2; echo "$shown" >&2; exit 1; fi
        done
        left=$now
    done
    n=$accepted
    ms=$(( $(now_ms) - t0 ))
    stop
    printf '%-14s %2d bundles  %3d keys  %.2f keys/bundle  %5.1f ms/bundle\n' \
        "$(basename "$src")" "$n" "$KEYS" "$(echo "$KEYS/$n" | bc -l)" "$(echo "$ms/$n" | bc -l)"
    total_keys=$((total_keys + KEYS)); total_bundles=$((total_bundles + n)); total_ms=$((total_ms + ms))
done
printf '%-14s %2d bundles  %3d keys  %.2f keys/bundle  %5.1f ms/bundle\n' "all" "$total_bundles" \
    "$total_keys" "$(echo "$total_keys/$total_bundles" | bc -l)" "$(echo "$total_ms/$total_bundles" | bc -l)"

echo "== by hand (wire-001, --no-suggest) =="
art="$WORK/manual-wire-001.txt"
cp sample-data/wire-001.txt "$art"
start "$art" "--no-suggest"
BUNDLE=0
bundle() { # $1 = label, $2 = navigation keys, $3 = edit keys ("text:..." is typed)
    local nav edit t0 ms
    BUNDLE=$((BUNDLE + 1))
    KEYS=0; t0=$(now_ms)
    # shellcheck disable=SC2086
    [[ -n "$2" ]] && k $2
    nav=$KEYS; KEYS=0
    for key in $3; do
        case "$key" in
            text:*) typ "${key#text:}" ;;
            *) k "$key" ;;
        esac
        sleep 0.03
    done
    wait_for "C$BUNDLE “"
    wait_for "NORMAL"
    edit=$KEYS; ms=$(( $(now_ms) - t0 ))
    printf '%-34s %2d keys (+%d to get there)  %5d ms\n' "$1" "$edit" "$nav" "$ms"
    MANUAL+=("$edit")
}
MANUAL=()
bundle "¶2 union said (on Monday) that" "j" "v p s v u c c 2 c 6 u ! h Escape"
bundle "¶3 official told the Gazette that" "j w" "v p s v p u c c 6 r 2 p ! m Escape"
bundle "¶3 the official said" ") w" "v p s v u c c Enter 6 u 2 s ! h Escape"
bundle "¶4 minister confirmed that" "j" "v p s v u c c 2 c 6 o ! h Escape"
bundle "¶7 the union denied reports that" "G 0" "v p s v u c c Enter 2 c 6 o ! h Escape"
stop
sorted=$(printf '%s\n' "${MANUAL[@]}" | sort -n)
printf 'by hand: %d bundles, keys min %d, median %d, max %d\n' "${#MANUAL[@]}" \
    "$(echo "$sorted" | head -1)" "$(echo "$sorted" | sed -n "$(( (${#MANUAL[@]} + 1) / 2 ))p")" \
    "$(echo "$sorted" | tail -1)"
