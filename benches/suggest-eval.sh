#!/usr/bin/env bash
# Evaluate `marginalia suggest` on brat files with the PARC-style attribution scheme (Source,
# Cue and Content spans, Attribution events), e.g. a PolNeAR split directory:
#
#   benches/suggest-eval.sh PATH/TO/PolNeAR/data/dev [--errors N] [--min-score X] [--lexicon FILE]
#
# Prints precision, recall and F1 (exact and overlap) for cue, source and claim, and
# attribution F1. The corpus is read where it is; nothing of it is copied. Builds in release
# mode (the evaluator is the `suggest_eval` bench target).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -lt 1 ]]; then
    echo "usage: benches/suggest-eval.sh DIR [--errors N] [--min-score X] [--lexicon FILE]" >&2
    exit 2
fi
DIR="$(cd "$1" && pwd)"
shift
exec cargo bench --quiet --bench suggest_eval -- "$DIR" "$@"
