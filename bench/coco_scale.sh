#!/usr/bin/env bash
# COCO JSON at scale (issue 11 §2): `info` on one image and an edit + save of
# one image in a COCO-train-sized panoptic JSON (118,287 images, ~1.77 M
# segments, ~200 MB), through the real binary, with and without the sidecar
# index, beside Python's json.load (+ json.dump) in the same run.
#
#   bash bench/coco_scale.sh [PANOPTTY] [ROUNDS]       (default .build/release/panoptty, 3)
#   BIG=/path/to/panoptic_train.json bash bench/coco_scale.sh   use an existing file
#
# Targets: info ≤ 1 s and ≤ 300 MB RSS; edit + save ≤ 5 s and ≤ 600 MB; the
# rest of the file byte-identical. Wall time and peak RSS come from
# /usr/bin/time for every row, Swift and Python alike. Data and outputs go to
# bench/out/coco (gitignored); the table is printed and saved as table.md.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-.build/release/panoptty}")
ROUNDS=${2:-3}
OUT=bench/out/coco
mkdir -p "$OUT"
OUT=$(realpath "$OUT")
PY="python3 $(pwd)/bench/coco_scale.py"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }

# 1. Data: the big JSON, and one small real PNG that matches one of its entries.
if [ ! -s "$OUT/train.json" ]; then
  "$BIN" demo --size 64x48 --out "$OUT/demo" >/dev/null
  mkdir -p "$OUT/one"
  "$BIN" convert "$OUT/demo/demo_labels.png" "$OUT/one/one.png" --to coco --out-annotations "$OUT/one.json" >/dev/null
  big=${BIG:-$OUT/generated.json}
  if [ ! -s "$big" ]; then
    echo "generating $big (about 30 s)"
    $PY gen "$big" "$OUT/one.json"
  fi
  $PY prepare "$big" "$OUT/one.json" "$OUT/train.json" >"$OUT/name"
fi
NAME=$(cat "$OUT/name")
mkdir -p "$OUT/train" "$OUT/work"
cp "$OUT/one/one.png" "$OUT/train/$NAME"
# The edit: a car rectangle painted over the demo labels, saved as offset.
if [ ! -s "$OUT/v2.png" ]; then
  cp "$OUT/demo/demo_labels.png" "$OUT/v2.png"
  "$BIN" edit "$OUT/demo/demo.png" --labels "$OUT/v2.png" -c 'class car; rect 0 0 9 9; w' 2>/dev/null
fi
BYTES=$(stat -c %s "$OUT/train.json")
echo "file: $OUT/train.json ($BYTES bytes), image $NAME; $ROUNDS rounds"

# 2. Cases. Each prints "wall rss_kb"; setup runs outside the timing.
INDEX=$OUT/.train.json.panoptty-index
WINDEX=$OUT/.work.json.panoptty-index
timed() { /usr/bin/time -f '%e %M' -o "$OUT/.time" "$@" >/dev/null 2>"$OUT/.err" || { cat "$OUT/.err"; exit 1; }; cat "$OUT/.time"; }
fresh_work() { cp -p "$OUT/train.json" "$OUT/work.json"; rm -f "$WINDEX"; }
case_run() {
  case $1 in
  info-scan) rm -f "$INDEX"; timed "$BIN" info "$OUT/train/$NAME" --annotations "$OUT/train.json" ;;
  info-index) [ -s "$INDEX" ] || "$BIN" info "$OUT/train/$NAME" --annotations "$OUT/train.json" >/dev/null
    timed "$BIN" info "$OUT/train/$NAME" --annotations "$OUT/train.json" ;;
  py-read) timed $PY read "$OUT/train.json" "$NAME" ;;
  save-scan) fresh_work
    timed "$BIN" convert "$OUT/v2.png" "$OUT/work/$NAME" --to coco --out-annotations "$OUT/work.json" ;;
  save-index) fresh_work
    [ -s "$INDEX" ] || "$BIN" info "$OUT/train/$NAME" --annotations "$OUT/train.json" >/dev/null
    cp "$INDEX" "$WINDEX"
    timed "$BIN" convert "$OUT/v2.png" "$OUT/work/$NAME" --to coco --out-annotations "$OUT/work.json" ;;
  py-edit) fresh_work; timed $PY edit "$OUT/work.json" "$NAME" ;;
  esac
}
CASES=(info-scan info-index py-read save-scan save-index py-edit)
declare -A LABEL=(
  [info-scan]="panoptty info, no sidecar index (full validating scan)"
  [info-index]="panoptty info, sidecar index present"
  [py-read]="Python json.load + find the entry"
  [save-scan]="panoptty convert --to coco (edit + save), no sidecar"
  [save-index]="panoptty convert --to coco (edit + save), sidecar present"
  [py-edit]="Python json.load + edit + json.dump + fsync"
)
declare -A WALL RSS
for r in $(seq "$ROUNDS"); do
  n=${#CASES[@]}
  for i in $(seq 0 $((n - 1))); do
    c=${CASES[$(((i + r) % n))]} # interleaved: a slow phase of the host hits every case
    read -r w m < <(case_run "$c")
    WALL[$c]+="$w "
    RSS[$c]+="$m "
  done
done

# 3. The rest of the file is byte-identical after a save.
fresh_work
"$BIN" convert "$OUT/v2.png" "$OUT/work/$NAME" --to coco --out-annotations "$OUT/work.json" >/dev/null
CHECK=$($PY verify "$OUT/train.json" "$OUT/work.json" "$NAME")
READBACK=$("$BIN" info "$OUT/work/$NAME" --annotations "$OUT/work.json" | tail -1)

median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
range() { tr ' ' '\n' | grep . | sort -g | awk 'NR==1{lo=$1} {hi=$1} END {print lo "–" hi}'; }
{
  echo "| operation | wall s (median, min–max) | peak RSS MB (median) |"
  echo "| --- | ---: | ---: |"
  for c in "${CASES[@]}"; do
    w=$(echo "${WALL[$c]}" | median)
    m=$(echo "${RSS[$c]}" | median)
    printf '| %s | **%s** (%s) | **%d** |\n' "${LABEL[$c]}" "$w" "$(echo "${WALL[$c]}" | range)" $((m / 1024))
  done
  echo
  echo "File: $BYTES bytes, image \`$NAME\`, $ROUNDS interleaved rounds, $(nproc) cores."
  echo "After a save: $CHECK"
  echo "The saved image reads back: $READBACK"
} | tee "$OUT/table.md"
