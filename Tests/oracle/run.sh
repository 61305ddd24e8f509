#!/usr/bin/env bash
# External oracle: panopticapi's own pq_compute (PyPI panopticapi-lite) must
# give PQ 100 after panoptty's round trips (COCO -> offset -> COCO, and
# COCO -> COCO), on ground truth panoptty makes itself (the demo scene at
# three sizes, always) and on the real COCO sample in ../shared (when there);
# and `panoptty eval` must print pq_compute's numbers exactly on >= 100
# generated prediction sets (generate.py, eval_compare.py) and on folders of
# offset and Cityscapes labels (eval_folders.sh); the class-major layouts
# against their producers' formulas (class_major.py); then the ecosystem's own
# code on panoptty's files, both ways (interop_datumaro.sh, interop_cityscapes.sh,
# interop_labelstudio.sh, interop_labelme.sh, interop_cvat.sh).
set -uo pipefail
BIN=$(realpath "${1:-.build/debug/panoptty}")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED="${COCO_SAMPLE:-$ROOT/../shared/data/coco-panoptic-sample}"
VENV="${PANOPTTY_ORACLE_VENV:-$ROOT/.venv-oracle}"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import panopticapi.evaluation, PIL, numpy" 2>/dev/null; then
  echo "oracle: creating $VENV (numpy, pillow, panopticapi-lite --no-deps)"
  python3 -m venv "$VENV" || { echo "oracle: python3 -m venv failed"; echo "0 passed, 1 failed"; exit 1; }
  "$VENV/bin/pip" install -q numpy pillow || { echo "0 passed, 1 failed"; exit 1; }
  "$VENV/bin/pip" install -q --no-deps panopticapi-lite==0.2.0 || { echo "0 passed, 1 failed"; exit 1; }
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
pass=0
fail=0
check() { # name, pred json, pred dir
  if "$VENV/bin/python" - "$GT_JSON" "$GT_DIR" "$2" "$3" <<'PY' >"$WORK/log" 2>&1
import sys, io, contextlib
from panopticapi.evaluation import pq_compute
gt_json, gt_dir, pred_json, pred_dir = sys.argv[1:5]
with contextlib.redirect_stdout(io.StringIO()):
    res = pq_compute(gt_json, pred_json, gt_folder=gt_dir, pred_folder=pred_dir)
pq = 100 * res["All"]["pq"]
print("PQ all %.6f things %.6f stuff %.6f n=%d" % (pq, 100 * res["Things"]["pq"], 100 * res["Stuff"]["pq"], res["All"]["n"]))
sys.exit(0 if abs(pq - 100) < 1e-9 else 1)
PY
  then
    echo "ok   $1: $(tail -1 "$WORK/log")"; pass=$((pass + 1))
  else
    echo "FAIL $1:"; sed 's/^/     /' "$WORK/log"; fail=$((fail + 1))
  fi
}
# roundtrip NAME GT_JSON GT_DIR: convert every ground-truth PNG both ways
# and score the results against the ground truth.
roundtrip() {
  local name=$1 gt_json=$2 gt_dir=$3 out="$WORK/$1"
  mkdir -p "$out/offset" "$out/pred" "$out/self"
  for png in "$gt_dir"/*.png; do
    local f
    f=$(basename "$png")
    "$BIN" convert "$png" "$out/offset/$f" --to offset --annotations "$gt_json" >/dev/null &&
      "$BIN" convert "$out/offset/$f" "$out/pred/$f" --to coco >/dev/null
    "$BIN" convert "$png" "$out/self/$f" --to coco --annotations "$gt_json" >/dev/null
  done
  GT_JSON=$gt_json GT_DIR=$gt_dir check "$name: coco->offset->coco" "$out/pred.json" "$out/pred"
  GT_JSON=$gt_json GT_DIR=$gt_dir check "$name: coco->coco" "$out/self.json" "$out/self"
  # The written files must also pass panoptty's own checks (area, bbox, ids).
  for png in "$out"/pred/*.png; do
    if "$BIN" validate "$png" >/dev/null; then pass=$((pass + 1)); echo "ok   $name: validate $(basename "$png")"; else fail=$((fail + 1)); echo "FAIL $name: validate $png"; fi
  done
}

# Ground truth made here: the demo scene (things, stuff, crowd-free) at three sizes and seeds.
mkdir -p "$WORK/demo-src" "$WORK/demo-gt/demo_gt"
for spec in "320x200 7" "640x480 3" "200x300 11"; do
  set -- $spec
  "$BIN" demo --size "$1" --seed "$2" --out "$WORK/demo-src/$2" >/dev/null
  "$BIN" convert "$WORK/demo-src/$2/demo_labels.png" "$WORK/demo-gt/demo_gt/scene$2.png" --to coco >/dev/null
done
roundtrip demo "$WORK/demo-gt/demo_gt.json" "$WORK/demo-gt/demo_gt"

# file_names with a subfolder (val/x.png, which pq_compute joins to the PNG folder): read
# with no --annotations (the JSON is two folders up), written back under the same names.
"$VENV/bin/python" - "$WORK/demo-gt" <<'PY'
import json, os, shutil, sys
d = sys.argv[1]
j = json.load(open(d + "/demo_gt.json"))
os.makedirs(d + "/sub_gt/val")
for a in j["annotations"]:
    shutil.copy(d + "/demo_gt/" + a["file_name"], d + "/sub_gt/val/" + a["file_name"])
    a["file_name"] = "val/" + a["file_name"]
json.dump(j, open(d + "/sub_gt.json", "w"))
PY
mkdir -p "$WORK/sub/pred/val"
for png in "$WORK"/demo-gt/sub_gt/val/*.png; do
  "$BIN" convert "$png" "$WORK/sub/$(basename "$png")" --to offset >/dev/null &&
    "$BIN" convert "$WORK/sub/$(basename "$png")" "$WORK/sub/pred/val/$(basename "$png")" --to coco --out-annotations "$WORK/sub/pred.json" >/dev/null
done
GT_JSON="$WORK/demo-gt/sub_gt.json" GT_DIR="$WORK/demo-gt/sub_gt" check "file_names in a subfolder (val/x.png): coco->offset->coco" "$WORK/sub/pred.json" "$WORK/sub/pred"

if [ -f "$SHARED/panoptic_examples.json" ]; then
  roundtrip coco-sample "$SHARED/panoptic_examples.json" "$SHARED/panoptic_examples"
else
  echo "oracle: the real COCO sample ($SHARED) is absent; scored panoptty's own ground truth only"
fi
# panoptty eval == pq_compute: >= 100 generated prediction sets (matches,
# misses, crowd, void, GT JSON quirks, and every condition pq_compute raises
# on), perturbed from the real COCO sample when it is there.
SETS="$WORK/eval-sets"
if [ -f "$SHARED/panoptic_examples.json" ]; then
  echo "oracle: eval sets: 60 synthetic + the COCO sample itself + 35 perturbed from it ($SHARED) + 7 error sets"
  gen=(--synthetic 60 --coco "$SHARED" --coco-sets 35)
else
  echo "oracle: the COCO sample ($SHARED) is ABSENT; eval sets: 100 synthetic + 7 error sets only"
  gen=(--synthetic 100)
fi
if "$VENV/bin/python" "$ROOT/Tests/oracle/generate.py" "$SETS" "${gen[@]}" >"$WORK/log" 2>&1 &&
  "$VENV/bin/python" "$ROOT/Tests/oracle/eval_compare.py" "$BIN" "$SETS" >"$WORK/log" 2>&1; then
  echo "ok   $(tail -1 "$WORK/log")"; pass=$((pass + 1))
else
  echo "FAIL eval vs pq_compute:"; sed 's/^/     /' "$WORK/log"; fail=$((fail + 1))
fi
# -j changes nothing: 1 thread and 3 threads print the same digits.
one=$(ls -d "$SETS"/syn*/ | sed -n 5p)
if [ -n "$one" ] && [ "$("$BIN" eval "$one/gt.json" "$one/pred.json" --json -j 1)" = "$("$BIN" eval "$one/gt.json" "$one/pred.json" --json -j 3)" ]; then
  echo "ok   eval -j 1 and -j 3 agree"; pass=$((pass + 1))
else
  echo "FAIL eval -j 1 and -j 3 differ on $one"; fail=$((fail + 1))
fi
# Class-major layouts (issue 12): files written by numpy/Pillow with DeepLab2's,
# KITTI-STEP's and VIPSeg's own formulas, through panoptty and back.
mkdir -p "$WORK/classmajor"
if "$VENV/bin/python" "$ROOT/Tests/oracle/class_major.py" "$BIN" "$WORK/classmajor" >"$WORK/log" 2>&1; then
  echo "ok   class-major: $(tail -1 "$WORK/log")"; pass=$((pass + 1))
else
  echo "FAIL class-major:"; grep -v '^ok' "$WORK/log" | sed 's/^/     /'; fail=$((fail + 1))
fi
# eval on folders of offset and Cityscapes label PNGs == pq_compute on their
# COCO conversions.
bash "$ROOT/Tests/oracle/eval_folders.sh" "$BIN" "$VENV/bin/python" 2>&1 | tee "$WORK/folders.log" | grep -v '^[0-9]* passed, [0-9]* failed$'
read -r p f < <(tail -1 "$WORK/folders.log" | awk '/^[0-9]+ passed, [0-9]+ failed$/ {print $1, $3}')
pass=$((pass + ${p:-0}))
fail=$((fail + ${f:-1}))
# Interop with the tools' own code, each in its own venv (one SKIP line when
# pip cannot install it): datumaro's coco_panoptic both ways; cityscapesScripts
# (createPanopticImgs, evalPanopticSemanticLabeling, json2labelImg); Label
# Studio's brush RLE (label-studio-converter); labelme's shapes_to_label;
# CVAT's Segmentation mask 1.1 (datumaro's voc_segmentation).
for script in interop_datumaro interop_cityscapes interop_labelstudio interop_labelme interop_cvat; do
  bash "$ROOT/Tests/oracle/$script.sh" "$BIN" 2>&1 | tee "$WORK/$script.log" | grep -v '^[0-9]* passed, [0-9]* failed$'
  rc=${PIPESTATUS[0]}
  read -r p f < <(tail -1 "$WORK/$script.log" | awk '/^[0-9]+ passed, [0-9]+ failed$/ {print $1, $3}')
  pass=$((pass + ${p:-0}))
  fail=$((fail + ${f:-0}))
  if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then echo "FAIL $script.sh exited $rc"; fail=$((fail + 1)); fi
done
echo "oracle: $pass passed, $fail failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
