#!/usr/bin/env python3
"""Load brat standoff files with brat's own server code and report every message.

Usage: brat_verify.py BRAT_SRC_DIR EXPORT_DIR

BRAT_SRC_DIR is brat's `server/src` in a temporary copy prepared by brat_verify.sh (which
patches that copy for Python 3, never brat's own files). EXPORT_DIR holds `annotation.conf`
and `.txt` + `.ann` pairs (in subdirectories too). Every document is parsed with
`annotation.TextAnnotations` (the parser brat's server uses) and checked with
`verify_annotations.verify_annotation` (the checks of brat's `tools/verify_annotations.py`)
against the `annotation.conf` found for it. Prints one line per error or warning and a summary
`N passed, M failed`; exits 1 when anything was reported.
"""

import os
import sys
import types


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    src, export = sys.argv[1], os.path.abspath(sys.argv[2])
    sys.path.insert(0, src)
    # brat's server wants `filelock` only to lock files it writes; this check writes nothing.
    stub = types.ModuleType("filelock")
    stub.FileLock = object
    sys.modules.setdefault("filelock", stub)
    import annotation  # noqa: E402  (brat)
    import verify_annotations  # noqa: E402  (brat)
    from message import Messager  # noqa: E402  (brat)
    from projectconfig import ProjectConfiguration  # noqa: E402  (brat)

    def drain():
        out = Messager.output_json({}).get("messages", [])
        return [(str(m[0]), str(m[1])) for m in out]

    docs = []
    for root, _dirs, files in os.walk(export):
        for name in sorted(files):
            if name.endswith(".ann"):
                docs.append(os.path.join(root, name[: -len(".ann")]))
    docs.sort()
    passed = failed = 0
    for doc in docs:
        problems = []
        try:
            conf = ProjectConfiguration(os.path.dirname(doc))
            with annotation.TextAnnotations(doc, read_only=True) as ann:
                for line in ann.failed_lines:
                    problems.append("error: line %d could not be parsed" % (line + 1))
                for issue in verify_annotations.verify_annotation(ann, conf):
                    problems.append("%s: %s %s" % (issue.type, issue.ann_id, issue.description))
        except Exception as e:  # brat raises its parse errors as exceptions
            problems.append("error: %s: %s" % (type(e).__name__, e))
        for text, kind in drain():
            if kind == "comment":
                continue  # brat's informational notes, e.g. "no visual.conf, using default"
            problems.append("%s: %s" % (kind, text))
        rel = os.path.relpath(doc, export)
        if problems:
            failed += 1
            for p in problems:
                print("%s.ann: %s" % (rel, p))
        else:
            passed += 1
    print("brat: %d document(s) loaded" % len(docs), file=sys.stderr)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not docs else 0


if __name__ == "__main__":
    sys.exit(main())
