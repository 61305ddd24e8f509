"""`panoptty eval` against panopticapi's own pq_compute, set by set.

For every set under OUT (generate.py's layout: gt.json, gt/, pred.json,
pred/, note.txt) runs pq_compute in this process (its own process pool,
multiprocessing.cpu_count() workers, as users run it) and the panoptty
binary twice (the table, and --json), then checks:
  - the printed table: character for character;
  - every pq/sq/rq of All/Things/Stuff and per_class: bit-identical floats;
    n per group; the same per_class keys;
  - where pq_compute raises: panoptty exits 1 with nothing on stdout and one
    line on stderr naming the same kind of problem, image and segment ids.

usage: eval_compare.py PANOPTTY OUT
Prints one line per failing set and a summary; exit 0 when every set agrees.
"""
import contextlib
import gc
import io
import json
import os
import re
import subprocess
import sys

from panopticapi.evaluation import pq_compute

KINDS = [  # (kind, pq_compute's words, panoptty's words)
    ("segmentNotInJSON", "presented in PNG and not presented in JSON", "which its segments_info does not list"),
    ("unknownCategory", "unknown category_id", "categories do not define"),
    ("segmentsNotInPNG", "presented in JSON and not presented in PNG", "prediction PNG has no pixel"),
    ("missingPrediction", "no prediction for the image", "no prediction;"),
    ("sizeMismatch", "could not be broadcast", "but the ground truth is"),
    ("missingArea", "'area'", 'has no "area"'),
]


def kind(text, which):
    for k in KINDS:
        if k[which] in text:
            return k[0]
    return "other: " + text


def numbers(text):
    """Image and segment ids named in a message (panoptty's RGB hints dropped)."""
    return sorted(int(x) for x in re.findall(r"\d+", re.sub(r"\(RGB [\d,]+\)", "", text)))


def run_pq_compute(d):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        try:
            res = pq_compute(os.path.join(d, "gt.json"), os.path.join(d, "pred.json"),
                             gt_folder=os.path.join(d, "gt"), pred_folder=os.path.join(d, "pred"))
            exc = None
        except Exception as e:  # noqa: BLE001 - every failure is compared
            res, exc = None, e
        gc.collect()  # pq_compute never closes its pool
    lines = out.getvalue().splitlines()
    table = ""
    for i, line in enumerate(lines):
        if line.startswith("          |    PQ"):
            table = "\n".join(lines[i:i + 5]) + "\n"
    return res, exc, table


def run_panoptty(binary, d, *extra):
    return subprocess.run([binary, "eval", os.path.join(d, "gt.json"), os.path.join(d, "pred.json"), *extra],
                          capture_output=True, text=True)


def compare_numbers(py, sw):
    problems, same, total = [], 0, 0

    def check(where, a, b):
        nonlocal same, total
        total += 1
        if float(a) == float(b):
            same += 1
        else:
            problems.append("%s: pq_compute %r, panoptty %r" % (where, a, b))

    for group in ("All", "Things", "Stuff"):
        for key in ("pq", "sq", "rq"):
            check(group + "." + key, py[group][key], sw[group][key])
        if py[group]["n"] != sw[group]["n"]:
            problems.append("%s.n: %d vs %d" % (group, py[group]["n"], sw[group]["n"]))
    if sorted(py["per_class"]) != sorted(int(k) for k in sw["per_class"]):
        problems.append("per_class keys differ")
        return problems, same, total
    for cat, vals in py["per_class"].items():
        for key in ("pq", "sq", "rq"):
            check("class %d.%s" % (cat, key), vals[key], sw["per_class"][str(cat)][key])
    return problems, same, total


def main():
    binary, out = sys.argv[1], sys.argv[2]
    sets = sorted(d for d in os.listdir(out) if os.path.isfile(os.path.join(out, d, "gt.json")))
    counts = {"sets": 0, "scored": 0, "raising": 0, "floats": 0, "floats_same": 0, "tables": 0}
    failures = []
    for name in sets:
        d = os.path.join(out, name)
        counts["sets"] += 1
        py, exc, table = run_pq_compute(d)
        text = run_panoptty(binary, d)
        if exc is not None:
            counts["raising"] += 1
            err = text.stderr.strip()
            at = err.find("image ")
            want = kind(str(exc), 1)
            got = kind(err, 2)
            same_ids = want in ("missingArea", "sizeMismatch") or numbers(str(exc)) == numbers(err[at:])
            if text.returncode != 1 or text.stdout or "\n" in err or got != want or not same_ids:
                failures.append("%s: pq_compute raised %s (%s); panoptty exit %d, stderr %r"
                                % (name, want, exc, text.returncode, err))
            continue
        counts["scored"] += 1
        if text.returncode != 0:
            failures.append("%s: panoptty failed: %s" % (name, text.stderr.strip()))
            continue
        table_ok = text.stdout == table
        counts["tables"] += table_ok
        js = run_panoptty(binary, d, "--json")
        problems, same, total = compare_numbers(py, json.loads(js.stdout))
        counts["floats"] += total
        counts["floats_same"] += same
        if problems or not table_ok:
            failures.append("%s: table %s; %s" % (name, "same" if table_ok else "DIFFERS:\n" + text.stdout + table,
                                                  "; ".join(problems[:4])))
    for f in failures:
        print("FAIL eval " + f)
    print("eval vs pq_compute: %d sets (%d scored, %d where pq_compute raises); tables identical %d/%d; "
          "numbers bit-identical %d/%d; %d sets disagree"
          % (counts["sets"], counts["scored"], counts["raising"], counts["tables"], counts["scored"],
             counts["floats_same"], counts["floats"], len(failures)))
    sys.exit(1 if failures or counts["sets"] == 0 else 0)


if __name__ == "__main__":
    main()
