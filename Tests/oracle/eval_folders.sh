#!/usr/bin/env bash
# `panoptty eval GT_DIR PRED_DIR` on folders of offset and Cityscapes label
# PNGs must give bit-identical numbers to panopticapi's pq_compute run on the
# same folders converted with `panoptty convert --to coco` (the definition in
# docs/user-guide.md). Data made here: demo scenes, edited by scripts.
#   bash Tests/oracle/eval_folders.sh PANOPTTY VENV_PYTHON
set -uo pipefail
BIN=$(realpath "$1")
PY=$2
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
pass=0
fail=0
compare() { # name gt_dir pred_dir
  local name=$1 gt=$2 pred=$3
  rm -rf "c_$name"*; mkdir -p "c_$name"
  "$BIN" convert "$gt" "c_$name/gt" --to coco >/dev/null 2>&1 && "$BIN" convert "$pred" "c_$name/pred" --to coco >/dev/null 2>&1 ||
    { echo "FAIL $name: convert --to coco failed"; fail=$((fail + 1)); return; }
  "$BIN" eval "$gt" "$pred" --json --per-class >"$name.panoptty.json" 2>"$name.err" ||
    { echo "FAIL $name: panoptty eval: $(cat "$name.err")"; fail=$((fail + 1)); return; }
  if "$PY" - "c_$name" "$name.panoptty.json" >"$name.log" 2>&1 <<'PY'
import contextlib, io, json, sys
from panopticapi.evaluation import pq_compute
d, mine = sys.argv[1], json.load(open(sys.argv[2]))
with contextlib.redirect_stdout(io.StringIO()):
    ref = pq_compute(d + "/gt.json", d + "/pred.json", gt_folder=d + "/gt", pred_folder=d + "/pred")
bad = []
for g in ("All", "Things", "Stuff"):
    for k in ("pq", "sq", "rq", "n"):
        if float(ref[g][k]) != float(mine[g][k]):
            bad.append(f"{g}.{k}: pq_compute {ref[g][k]!r} panoptty {mine[g][k]!r}")
if set(map(str, ref["per_class"])) != set(mine["per_class"]):
    bad.append("per_class keys differ")
for c, v in ref["per_class"].items():
    for k in ("pq", "sq", "rq"):
        if float(v[k]) != float(mine["per_class"][str(c)][k]):
            bad.append(f"class {c} {k}")
print("\n".join(bad) if bad else "PQ %.6f (things %.6f, stuff %.6f), %d classes, bit-identical"
      % (100 * ref["All"]["pq"], 100 * ref["Things"]["pq"], 100 * ref["Stuff"]["pq"], ref["All"]["n"]))
sys.exit(1 if bad else 0)
PY
  then echo "ok   eval of $name folders == pq_compute on their COCO conversion: $(tail -1 "$name.log")"; pass=$((pass + 1))
  else echo "FAIL $name folders:"; sed 's/^/     /' "$name.log"; fail=$((fail + 1)); fi
}

# Offset: three demo scenes; predictions with a relabel, a new instance over
# others, a crowd region and stuff grown into void.
mkdir -p off/gt off/pred
for s in 1 2 3; do
  "$BIN" demo --size 200x140 --seed $s --out src$s >/dev/null
  cp src$s/demo_labels.png off/gt/img${s}_labels.png
  cp src$s/demo_labels.png off/pred/img${s}_labels.png
done
"$BIN" edit src1/demo.png --labels off/pred/img1_labels.png -c 'class car; fillby label; fill 60 70; class person; rect 0 0 40 25' >/dev/null 2>&1
"$BIN" edit src2/demo.png --labels off/pred/img2_labels.png -c 'class road; rect 0 90 100 139; class person; crowd; rect 150 10 199 60' >/dev/null 2>&1
"$BIN" edit src3/demo.png --labels off/pred/img3_labels.png -c 'class sky-other-merged; rect 0 0 199 30' >/dev/null 2>&1
compare offset off/gt off/pred

# Cityscapes: gtFine-style names on both sides, ignored classes (ego
# vehicle, out of roi) that the evaluation makes void, crowd (a car group).
mkdir -p cs/gt/city cs/pred/city
for s in 1 2; do
  for side in gt pred; do
    f=cs/$side/city/city_000000_00000${s}_gtFine_instanceIds.png
    "$BIN" edit src$s/demo.png --labels $f -c 'class road; rect 0 80 199 139; class sky; rect 0 0 199 30; class car; rect 20 90 60 120; rect 100 90 150 125; class ego vehicle; rect 0 130 199 139; class person; crowd; rect 160 40 190 80' >/dev/null 2>&1 ||
      echo "     (could not write $f)"
  done
done
"$BIN" edit src1/demo.png --labels cs/pred/city/city_000000_000001_gtFine_instanceIds.png -c 'class truck; fillby label; fill 30 100; class car; rect 60 40 80 60' >/dev/null 2>&1
"$BIN" edit src2/demo.png --labels cs/pred/city/city_000000_000002_gtFine_instanceIds.png -c 'class building; rect 0 31 199 79' >/dev/null 2>&1
compare cityscapes cs/gt cs/pred
# Names differ between tools: a prediction named X_labels.png pairs with X_gtFine_instanceIds.png.
mkdir -p cs/pred2/city
for f in cs/pred/city/*_instanceIds.png; do b=$(basename "$f" _gtFine_instanceIds.png); cp "$f" "cs/pred2/city/${b}_labels.png"; done
a=$("$BIN" eval cs/gt cs/pred --json 2>&1); b=$("$BIN" eval cs/gt cs/pred2 --json 2>&1)
[ "$a" = "$b" ] && [ -n "$a" ] && { echo "ok   a prediction folder of *_labels.png pairs with gtFine *_instanceIds.png"; pass=$((pass + 1)); } ||
  { echo "FAIL pairing by name: $b"; fail=$((fail + 1)); }
rm cs/pred2/city/city_000000_000002_labels.png
out=$("$BIN" eval cs/gt cs/pred2 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "no prediction for cs/gt/city/city_000000_000002_gtFine_instanceIds.png" &&
  { echo "ok   a missing prediction is one line naming the image, exit 1"; pass=$((pass + 1)); } || { echo "FAIL missing prediction: $rc $out"; fail=$((fail + 1)); }
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
