#!/usr/bin/env bash
# Load a brat export with brat's own parser and verifier (not part of `cargo test`).
#
#   tests/interop/brat_verify.sh BRAT EXPORT_DIR
#
# BRAT is a brat checkout (work tree) or a bare git directory of brat's repository;
# EXPORT_DIR is what `marginalia export --format brat -o EXPORT_DIR` wrote. brat's `server/src`
# is copied to a temporary directory and that copy is patched to run under Python 3.11+;
# brat's own files are never changed:
#   1. `annotation.open_textfile` opens files with mode 'rU'; Python 3.11 removed the 'U' mode
#      (universal newlines are the default), so 'rU' becomes 'r'.
#   2. brat's server imports `config.py`, which an installation creates from
#      `config_template.py`; a minimal one is written (no server is started), with BASE_DIR
#      the export directory, since annotation.conf is searched for only below BASE_DIR.
# brat_verify.py also supplies a stand-in for the `filelock` module, which brat imports only to
# lock files it writes (this check opens every document read-only).
# Exit status: 0 when brat reports no error and no warning for any document, 1 otherwise.
set -euo pipefail
if [ $# -ne 2 ]; then
    sed -n '2,16p' "$0" >&2
    exit 2
fi
brat=$1
export_dir=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -d "$brat/server/src" ]; then
    cp -r "$brat/server" "$work/"
else
    git --git-dir="$brat" archive HEAD server 2>/dev/null | tar -x -C "$work"
fi
src=$work/server/src
sed -i "s/def open_textfile(filename, mode='rU'):/def open_textfile(filename, mode='r'):/" "$src/annotation.py"
sed -i "s/if len(mode) != 0 and mode\[0\] == 'r' and 'U' not in mode:/if False:  # 'U' mode removed in Python 3.11/" "$src/annotation.py"
grep -q "mode='r'):" "$src/annotation.py" || { echo "brat_verify: could not patch annotation.py" >&2; exit 2; }
cat > "$src/config.py" <<PY
BASE_DIR = "$export_dir"  # annotation.conf is looked up from a document up to here
DATA_DIR = "$export_dir"
WORK_DIR = "$work"
ADMIN_CONTACT_EMAIL = "nobody@localhost"
USER_PASSWORD = {}
MAX_SEARCH_RESULT_NUMBER = 1000
DEBUG = False
TUTORIALS = False
LL_DEBUG, LL_INFO, LL_WARNING, LL_ERROR, LL_CRITICAL = list(range(5))
LOG_LEVEL = LL_WARNING
PY
python3 "$here/brat_verify.py" "$src" "$export_dir"
