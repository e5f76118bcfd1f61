"""Round trip of a marginalia Label Studio export through a running Label Studio.

    label_studio_roundtrip.py URL TOKEN NAME TASKS_JSON

TASKS_JSON is what `marginalia export --format label-studio -o TASKS_JSON` wrote, with
TASKS_JSON's `.config.xml` and `.annotators.json` beside it. Through Label Studio's HTTP API
(legacy token authentication) the script creates one user per annotator
(`<name>@marginalia.invalid`), a project with the labeling config, imports the tasks with
`completed_by` given by those users' emails, exports the project as JSON and compares every
region (id, control, type, start, end, text, labels, choices, text-area text) and relation
(ends, labels) of every annotation with what was imported. It then asks Label Studio's own
CONLL2003 converter for the project and checks that each labelled span's words carry the
span's label: the converter slices `data.text` with the offsets in Python, so it shows which
unit Label Studio reads them in.

Exit status 0 when there is no difference (and, with --expect-conll, the converter agrees);
the last line printed is the summary.
"""

import json
import sys
import urllib.error
import urllib.request


class Api:
    def __init__(self, url, token):
        self.url = url.rstrip("/")
        self.token = token

    def call(self, method, path, body=None, raw=False):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            self.url + path,
            data=data,
            method=method,
            headers={"Authorization": "Token " + self.token, "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=300) as resp:
                payload = resp.read()
        except urllib.error.HTTPError as e:
            raise SystemExit(f"{method} {path}: HTTP {e.code}: {e.read()[:500]!r}")
        return payload if raw else json.loads(payload)


def users_by_email(api):
    found = api.call("GET", "/api/users")
    items = found if isinstance(found, list) else found.get("results", [])
    return {u["email"]: u["id"] for u in items}


def ensure_users(api, names):
    emails = users_by_email(api)
    for name in names:
        email = f"{name}@marginalia.invalid"
        if email not in emails:
            api.call("POST", "/api/users", {"email": email, "username": name, "first_name": name})
    emails = users_by_email(api)
    return {emails[f"{n}@marginalia.invalid"]: n for n in names}


def region_key(item):
    """What must survive of one result item, as a comparable string."""
    if item.get("type") == "relation":
        keep = {k: item.get(k) for k in ("from_id", "to_id", "labels", "direction")}
    else:
        value = item.get("value", {})
        keep = {k: item.get(k) for k in ("id", "from_name", "to_name", "type")}
        keep["value"] = {
            k: value.get(k) for k in ("start", "end", "text", "labels", "choices") if k in value
        }
    return json.dumps(keep, sort_keys=True, ensure_ascii=False)


def compare(sent, got, user_names):
    """Differences between the tasks sent and the tasks Label Studio exported."""
    diffs = []
    got_by_doc = {t["data"].get("doc_id"): t for t in got}
    regions = 0
    for task in sent:
        doc = task["data"]["doc_id"]
        back = got_by_doc.get(doc)
        if back is None:
            diffs.append(f"{doc}: task missing from the export")
            continue
        if back["data"].get("text") != task["data"]["text"]:
            diffs.append(f"{doc}: data.text differs")
        back_by_user = {user_names.get(a["completed_by"]): a for a in back["annotations"]}
        for ann in task["annotations"]:
            name = ann["completed_by"]
            other = back_by_user.get(name)
            if other is None:
                diffs.append(f"{doc}: annotation of {name} missing")
                continue
            mine = sorted(region_key(r) for r in ann["result"])
            theirs = sorted(region_key(r) for r in other["result"])
            regions += len(mine)
            if mine != theirs:
                lost = [r for r in mine if r not in theirs]
                new = [r for r in theirs if r not in mine]
                diffs.append(f"{doc}/{name}: lost {lost[:3]} gained {new[:3]}")
    return diffs, regions


def conll_check(api, project, sent):
    """Does Label Studio's CONLL2003 converter start each span's words with B-<label>?

    Spans overlapping another of their annotation are left out (a CONLL word has one tag).

    The converter slices `data.text` with each region's offsets in Python and tags the words
    it finds there, so offsets in the unit Label Studio reads put B-<label> on the span's
    first word, and offsets in another unit put it on other words.
    """
    text = api.call("GET", f"/api/projects/{project}/export?exportType=CONLL2003", raw=True)
    if text[:2] == b"PK":  # some versions zip the result
        import io
        import zipfile

        with zipfile.ZipFile(io.BytesIO(text)) as z:
            text = b"".join(z.read(n) for n in z.namelist())
    starts = set()
    for line in text.decode("utf-8").splitlines():
        parts = line.split(" ")
        if len(parts) >= 2 and parts[-1].startswith("B-"):
            starts.add((parts[0], parts[-1][2:]))
    checked = wrong = 0
    for task in sent:
        for ann in task["annotations"]:
            spans = [r["value"] for r in ann["result"] if r.get("type") == "labels"]
            for v in spans:
                words = v.get("text", "").split()
                # CONLL gives a word one tag: overlapping spans cannot all be written.
                overlaps = any(
                    o is not v and o["start"] < v["end"] and v["start"] < o["end"] for o in spans
                )
                if not words or overlaps:
                    continue
                checked += 1
                # The converter splits words at whitespace only: "“We" may be one word.
                label = v["labels"][0]
                if not any(
                    lab == label and (word.endswith(words[0]) or words[0].endswith(word))
                    for word, lab in starts
                ):
                    wrong += 1
                    print(f"  CONLL: {task['data']['doc_id']}: {v['labels'][0]} {v['text']!r} not tagged")
    return checked, wrong


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 4:
        raise SystemExit(__doc__)
    url, token, name, tasks_path = args
    base = tasks_path[: -len(".json")] if tasks_path.endswith(".json") else tasks_path
    api = Api(url, token)
    sent = json.load(open(tasks_path, encoding="utf-8"))
    config = open(base + ".config.xml", encoding="utf-8").read()
    ids = json.load(open(base + ".annotators.json", encoding="utf-8"))
    by_id = {v: k for k, v in ids.items()}
    user_names = ensure_users(api, sorted(ids))
    for task in sent:
        for ann in task["annotations"]:
            ann["completed_by"] = by_id[ann["completed_by"]]
    upload = json.loads(json.dumps(sent))
    for task in upload:
        for ann in task["annotations"]:
            ann["completed_by"] = {"email": f"{ann['completed_by']}@marginalia.invalid"}
    project = api.call("POST", "/api/projects", {"title": name, "label_config": config})["id"]
    done = api.call("POST", f"/api/projects/{project}/import", upload)
    print(f"{name}: imported {done.get('task_count')} tasks, {done.get('annotation_count')} annotations")
    got = api.call("GET", f"/api/projects/{project}/export?exportType=JSON")
    diffs, regions = compare(sent, got, user_names)
    for d in diffs:
        print("DIFF", d)
    checked, wrong = conll_check(api, project, sent)
    print(
        f"{name}: CONLL2003 converter: {checked - wrong} of {checked} spans start with B-<label> on their first word"
    )
    ok = not diffs and (wrong == 0 or "--expect-conll" not in sys.argv)
    print(f"{name}: {len(sent)} tasks, {regions} result items compared, {len(diffs)} difference(s)")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
