#!/usr/bin/env bash
# Many files in one process (issue 12 §2): `info --json` over N small label
# PNGs as one process, as N processes, and a Python loop with Pillow reading
# the same files, in one run. Usage: bench/many_files.sh BIN [N] [PYTHON]
set -eu
BIN=$(realpath "$1"); N=${2:-1000}; PY=${3:-python3}
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
cd "$W"
"$BIN" demo --size 64x48 --out src >/dev/null
for i in $(seq -w 1 "$N"); do "$BIN" demo --size 64x48 --seed $((10#$i)) --out "g$i" >/dev/null; mv "g$i/demo_labels.png" "f${i}_labels.png"; rm -r "g$i"; done
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
one=$(t "$BIN" info ./*_labels.png --json)
one1=$(t "$BIN" info ./*_labels.png --json -j 1)
many=$(t bash -c "for f in ./*_labels.png; do '$BIN' info \"\$f\" --json; done")
py=$(t "$PY" -c '
import glob, json, numpy as np
from PIL import Image
for f in sorted(glob.glob("./*_labels.png")):
    a = np.asarray(Image.open(f))
    ids, counts = np.unique(a, return_counts=True)
    print(json.dumps({"file": f, "segments": [[int(i), int(c)] for i, c in zip(ids, counts)]}))
')
echo "files=$N one_process=${one}s one_process_j1=${one1}s processes=${many}s python_pillow=${py}s"
