#!/usr/bin/env bash
# Round trip marginalia's Label Studio export through a real Label Studio (not part of
# `cargo test`; needs the Python registry once, to install label-studio).
#
#   tests/interop/label_studio_roundtrip.sh [MARGINALIA]
#
# MARGINALIA is the binary to test (default: target/debug/marginalia, built if missing).
# Environment: LS_VENV (venv holding label-studio; created with `pip install label-studio`
# when it has none; default ~/.cache/marginalia/ls-venv), LS_PORT (default 18765).
# Label Studio is started on 127.0.0.1 with a temporary data directory, a user and a legacy
# API token made non-interactively (`--username/--password/--user-token
# --enable-legacy-api-token`), and stopped at the end. Two corpora go through it: sample-data,
# and tests/fixtures/label_studio/unicode-tasks.json (emoji ZWJ sequences, astral characters,
# combining marks, CJK, curly quotes) imported with `marginalia import label-studio` and
# exported again. Each is exported in code points (the default) and checked by
# label_studio_roundtrip.py: project from the exported .config.xml, tasks imported and
# exported through the HTTP API, every region and relation compared, and Label Studio's own
# CONLL2003 converter asked where it puts each span (it reads the offsets as code points).
# The fixture is also sent in UTF-16 offsets, which must come back unchanged but which the
# converter misplaces: that is the experiment showing the unit.
# Exit status: 0 when every comparison has zero differences and the converter agrees with
# every code-point export.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=${1:-}
if [ -z "$bin" ]; then
    (cd "$repo" && cargo build --quiet)
    bin=${CARGO_TARGET_DIR:-$repo/target}/debug/marginalia
fi
venv=${LS_VENV:-$HOME/.cache/marginalia/ls-venv}
port=${LS_PORT:-18765}
if [ ! -x "$venv/bin/label-studio" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet label-studio
fi
work=$(mktemp -d)
pid=
cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
token=$(python3 -c 'import secrets; print(secrets.token_hex(20))')
echo "label-studio $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("label-studio"))')"
LABEL_STUDIO_BASE_DATA_DIR=$work/data "$venv/bin/label-studio" start --no-browser \
    --data-dir "$work/data" --internal-host 127.0.0.1 -p "$port" \
    --username roundtrip@marginalia.invalid --password "$token" --user-token "$token" \
    --enable-legacy-api-token >"$work/server.log" 2>&1 &
pid=$!
url=http://127.0.0.1:$port
for _ in $(seq 600); do
    if curl -fs -o /dev/null -H "Authorization: Token $token" "$url/api/current-user/whoami"; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then cat "$work/server.log" >&2; exit 2; fi
    sleep 1
done
curl -fs -o /dev/null -H "Authorization: Token $token" "$url/api/current-user/whoami" \
    || { echo "label-studio did not answer on $url" >&2; tail -20 "$work/server.log" >&2; exit 2; }

"$bin" export "$repo/sample-data" --format label-studio -o "$work/sample/tasks.json"
# The fixture has a label, a control, a cancelled annotation and a prediction the schema
# cannot take: they are counted as skipped in the summary.
"$bin" import label-studio "$repo/tests/fixtures/label_studio/unicode-tasks.json" \
    -o "$work/unicode-corpus"
"$bin" export "$work/unicode-corpus" --format label-studio -o "$work/unicode/tasks.json"
"$bin" export "$work/unicode-corpus" --format label-studio --offsets utf16 \
    -o "$work/unicode16/tasks.json"

status=0
py=$venv/bin/python
"$py" "$here/label_studio_roundtrip.py" "$url" "$token" sample-data "$work/sample/tasks.json" --expect-conll || status=1
"$py" "$here/label_studio_roundtrip.py" "$url" "$token" unicode "$work/unicode/tasks.json" --expect-conll || status=1
"$py" "$here/label_studio_roundtrip.py" "$url" "$token" unicode-utf16 "$work/unicode16/tasks.json" || status=1
if [ "$status" = 0 ]; then echo "label_studio_roundtrip: passed"; else echo "label_studio_roundtrip: FAILED"; fi
exit "$status"
