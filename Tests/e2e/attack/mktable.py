#!/usr/bin/env python3
"""results.tsv (+ notes.tsv: name -> one-line FAIL description) -> the markdown table for docs/reliability.md."""
import sys, csv
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if not l.startswith("total")]
notes = {}
try:
    for l in open(sys.argv[2]):
        if "\t" in l:
            k, v = l.rstrip("\n").split("\t", 1); notes[k] = v
except FileNotFoundError:
    pass
def esc(s): return s.replace("|", "\\|")
out = ["| # | area | case | result |", "|---:|---|---|---|"]
p = f = 0
for r in rows:
    n, area, name, res, exp, obs = (r + [""] * 6)[:6]
    if res == "PASS":
        p += 1; txt = "pass"
        if name in notes: txt += " — " + notes[name]
    else:
        f += 1; txt = "**FAIL** — " + notes.get(name, "expected: " + exp + "; observed: " + obs[:120])
    out.append(f"| {n} | {area} | {esc(name)} | {esc(txt)} |")
print("\n".join(out))
print(f"\n**Totals: {p + f} cases, {p} pass, {f} fail.**")
