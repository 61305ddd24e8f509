#!/usr/bin/env bash
# External oracle: panopticapi's own pq_compute (PyPI panopticapi-lite) must
# give PQ 100 for the COCO samples after COCO -> offset -> COCO through
# panoptty, and for COCO -> Cityscapes -> COCO.
set -uo pipefail
BIN=$(realpath "${1:-.build/debug/panoptty}")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SAMPLE="$ROOT/../shared/data/coco-panoptic-sample"
if [ ! -f "$SAMPLE/panoptic_examples.json" ]; then
  echo "oracle: SKIPPED: $SAMPLE is absent (the shared COCO sample is needed)"
  echo "0 passed, 0 failed, 1 skipped"
  exit 0
fi
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
  if "$VENV/bin/python" - "$SAMPLE/panoptic_examples.json" "$SAMPLE/panoptic_examples" "$2" "$3" <<'PY' >"$WORK/$1.log" 2>&1
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
    echo "ok   $1: $(tail -1 "$WORK/$1.log")"; pass=$((pass + 1))
  else
    echo "FAIL $1:"; sed 's/^/     /' "$WORK/$1.log"; fail=$((fail + 1))
  fi
}
mkdir -p "$WORK/offset" "$WORK/pred" "$WORK/self"
for png in "$SAMPLE"/panoptic_examples/*.png; do
  name=$(basename "$png")
  "$BIN" convert "$png" "$WORK/offset/$name" --to offset >/dev/null &&
  "$BIN" convert "$WORK/offset/$name" "$WORK/pred/$name" --to coco >/dev/null
  "$BIN" convert "$png" "$WORK/self/$name" --to coco >/dev/null
done
check "coco->offset->coco" "$WORK/pred.json" "$WORK/pred"
check "coco->coco" "$WORK/self.json" "$WORK/self"
# The written files must also pass panoptty's own checks (area, bbox, ids).
for png in "$WORK"/pred/*.png; do
  if "$BIN" validate "$png" >/dev/null; then pass=$((pass + 1)); echo "ok   validate $(basename "$png")"; else fail=$((fail + 1)); echo "FAIL validate $png"; fi
done
echo "oracle: $pass passed, $fail failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
