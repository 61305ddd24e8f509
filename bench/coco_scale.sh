#!/usr/bin/env bash
# COCO JSON at train scale (issue 11 §2), through the real binary:
#   (a) `panoptty info` of one image, without the sidecar index (full validating
#       scan, which then writes it) and with it;
#   (b) `panoptty edit PHOTO --labels PNG --annotations JSON -c 'fillby label;
#       class car; fill X Y; w'` (one quick fix + save of the PNG and the JSON),
#       without and with the sidecar;
#   (c) Python's json.load (+ json.dump), the minimal script, in the same run.
# Then checks the saves: bytes outside the edited entry identical, every other
# image / annotation equal, old segments kept (id, order, fields), the PNGs
# still consistent with the JSON.
#
#   bash bench/coco_scale.sh [PANOPTTY] [ROUNDS]   (default .build/release/panoptty, 3)
#   IMAGES=2000 bash bench/coco_scale.sh            a small file, to try the script
#
# Run it under the machine's lock:  flock /tmp/panoptty-build.lock bash bench/coco_scale.sh
# Targets: info ≤ 1 s and ≤ 300 MB; edit + save ≤ 5 s and ≤ 600 MB (peak RSS).
# Wall time and peak RSS from /usr/bin/time -f '%e %M' for every row. Data in
# bench/out/coco-scale (gitignored, generated once, ~40 s); the table is
# printed and saved as bench/out/coco-scale/table.md.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-.build/release/panoptty}")
ROUNDS=${2:-3}
IMAGES=${IMAGES:-118287} # IMAGES=2000 for a quick try of the script itself
OUT=bench/out/coco-scale
[ "$IMAGES" = 118287 ] || OUT=$OUT-$IMAGES
mkdir -p "$OUT"
OUT=$(realpath "$OUT")
PY="python3 $(pwd)/bench/coco_scale.py"
CAR=3 # COCO category id of "car", the class the fix paints
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }
[ -x "$BIN" ] || { echo "no binary at $BIN (swift build -c release --product panoptty)"; exit 1; }

# 1. Data: the train-sized JSON + a few PNGs matching their entries. The
#    categories are panoptty's own COCO catalog, taken from a JSON it writes.
D=$OUT/data
if [ ! -s "$D/train.json" ] || [ ! -s "$D/cases.tsv" ]; then
  rm -rf "$D" && mkdir -p "$D/catalog/x"
  "$BIN" demo --size 32x24 --out "$D/catalog" >/dev/null
  "$BIN" convert "$D/catalog/demo_labels.png" "$D/catalog/x/one.png" --to coco \
    --out-annotations "$D/catalog/one.json" >/dev/null
  echo "generating $D/train.json (about 40 s)"
  $PY gen "$D" "$D/catalog/one.json" --images "$IMAGES"
fi
JSON=$D/train.json
INDEX=$D/.train.json.panoptty-index
BYTES=$(stat -c %s "$JSON")
# The measured image: the middle one of the cases.
IFS=$'\t' read -r NAME _ _ _ FX FY _ <<<"$(sed -n 3p "$D/cases.tsv")"
STEM=${NAME%.png}
FIX="fillby label; class car; fill $FX $FY; w"
echo "file: $JSON ($BYTES bytes); image $NAME; edit: -c '$FIX'; $ROUNDS rounds"

# A fresh copy of the JSON and the PNGs to edit (cp -p keeps the mtime, so a
# copied sidecar still matches the copy's fingerprint).
W=$OUT/work
fresh_work() { # $1 = with-index | no-index
  rm -rf "$W" && mkdir -p "$W/train"
  cp -p "$JSON" "$W/train.json"
  cp -p "$D"/train/*.png "$W/train/"
  if [ "$1" = with-index ]; then
    [ -s "$INDEX" ] || "$BIN" info "$D/train/$NAME" --annotations "$JSON" >/dev/null
    if [ -s "$INDEX" ]; then cp -p "$INDEX" "$W/.train.json.panoptty-index"; fi # none under 4 MB
  fi
}

# 2. Timed cases; each prints "wall rss_kb". Set-up is outside the timing.
timed() { /usr/bin/time -f '%e %M' -o "$OUT/.time" "$@" >/dev/null 2>"$OUT/.err" || { cat "$OUT/.err" >&2; exit 1; }; cat "$OUT/.time"; }
case_run() {
  case $1 in
  info-scan) rm -f "$INDEX"; timed "$BIN" info "$D/train/$NAME" --annotations "$JSON" ;;
  info-index) [ -s "$INDEX" ] || "$BIN" info "$D/train/$NAME" --annotations "$JSON" >/dev/null
    timed "$BIN" info "$D/train/$NAME" --annotations "$JSON" ;;
  py-read) timed $PY read "$JSON" "$NAME" ;;
  edit-scan) fresh_work no-index
    timed "$BIN" edit "$D/photos/$STEM.jpg" --labels "$W/train/$NAME" --annotations "$W/train.json" -c "$FIX" ;;
  edit-index) fresh_work with-index
    timed "$BIN" edit "$D/photos/$STEM.jpg" --labels "$W/train/$NAME" --annotations "$W/train.json" -c "$FIX" ;;
  py-edit) fresh_work no-index; timed $PY edit "$W/train.json" "$NAME" ;;
  esac
}
CASES=(info-scan info-index py-read edit-scan edit-index py-edit)
declare -A LABEL=(
  [info-scan]="\`panoptty info\`, no sidecar index (validating scan, writes the index)"
  [info-index]="\`panoptty info\`, sidecar index present"
  [py-read]="Python \`json.load\` + find the entry"
  [edit-scan]="\`panoptty edit -c '…fill…; w'\` (PNG + JSON saved), no sidecar"
  [edit-index]="\`panoptty edit -c '…fill…; w'\` (PNG + JSON saved), sidecar present"
  [py-edit]="Python \`json.load\` + add a segment + \`json.dump\` + fsync + rename"
)
declare -A TARGET=([info-scan]="1 300" [info-index]="1 300" [edit-scan]="5 600" [edit-index]="5 600")
declare -A WALL RSS
for r in $(seq "$ROUNDS"); do
  n=${#CASES[@]}
  for i in $(seq 0 $((n - 1))); do
    c=${CASES[$(((i + r) % n))]} # interleaved, so a slow phase of the host hits every case
    read -r w m < <(case_run "$c") || true
    [ -n "${m:-}" ] || { echo "case $c failed"; exit 1; }
    WALL[$c]+="$w "
    RSS[$c]+="$m "
  done
done

# 3. Checks. The copied sidecar is really used (not rebuilt) ...
fresh_work with-index
before=$(stat -c %Y.%i "$W/.train.json.panoptty-index" 2>/dev/null || echo none)
"$BIN" info "$W/train/$NAME" --annotations "$W/train.json" >/dev/null
REUSED=$([ "$(stat -c %Y.%i "$W/.train.json.panoptty-index" 2>/dev/null || echo none)" = "$before" ] && echo yes || echo "NO (rebuilt)")
[ "$before" != none ] || REUSED="no sidecar (files under 4 MB get none)"
# ... then every case image is fixed in turn in one copy, each save compared
# byte for byte with the file before it, and all of them at the end with the
# original through json.load.
fresh_work no-index
BYTECHECK=ok
NAMES=()
while IFS=$'\t' read -r n _ _ _ x y _; do
  NAMES+=("$n")
  cp -p "$W/train.json" "$OUT/before.json"
  "$BIN" edit "$D/photos/${n%.png}.jpg" --labels "$W/train/$n" --annotations "$W/train.json" \
    -c "fillby label; class car; fill $x $y; w" 2>/dev/null
  $PY bytes "$OUT/before.json" "$W/train.json" "$n" | sed 's/^/  /' || BYTECHECK=FAILED
done <"$D/cases.tsv"
rm -f "$OUT/before.json"
JSONCHECK=ok
$PY verify "$JSON" "$W/train.json" "$D/cases.tsv" "$CAR" "${NAMES[@]}" | sed 's/^/  /' || JSONCHECK=FAILED
VALID=ok
for n in "${NAMES[@]}"; do
  "$BIN" validate "$W/train/$n" --annotations "$W/train.json" >/dev/null 2>"$OUT/.err" || { VALID="FAILED: $(head -1 "$OUT/.err")"; }
done
# Labels only: the PNG opened as its own photo (`edit X.png --labels X.png`); the images
# entry must keep the photo's file_name (X.jpg), not take the PNG's.
cp -p "$W/train.json" "$OUT/before.json"
"$BIN" edit "$W/train/$NAME" --labels "$W/train/$NAME" --annotations "$W/train.json" \
  -c "fillby label; class person; fill $FX $FY; w" 2>/dev/null
LABELSONLY=ok
$PY bytes "$OUT/before.json" "$W/train.json" "$NAME" | sed 's/^/  labels only: /' || LABELSONLY=FAILED
rm -f "$OUT/before.json"
# The index the save wrote (no rescan) gives the same answer as a fresh scan.
with=$("$BIN" info "$W/train/$NAME" --annotations "$W/train.json" --json)
rm -f "$W/.train.json.panoptty-index"
without=$("$BIN" info "$W/train/$NAME" --annotations "$W/train.json" --json)
SIDECAR=$([ "$with" = "$without" ] && echo "same" || echo "DIFFERENT")

median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
range() { tr ' ' '\n' | grep . | sort -g | awk 'NR==1{lo=$1} {hi=$1} END {print lo "–" hi}'; }
{
  echo "| operation | wall s, median (min–max) | peak RSS MB, median | target | met |"
  echo "| --- | ---: | ---: | --- | --- |"
  for c in "${CASES[@]}"; do
    w=$(echo "${WALL[$c]}" | median)
    m=$(($(echo "${RSS[$c]}" | median) / 1024))
    t="—"; ok="—"
    if [ -n "${TARGET[$c]:-}" ]; then
      read -r tw tm <<<"${TARGET[$c]}"
      t="≤ $tw s, ≤ $tm MB"
      ok=$(awk -v w="$w" -v m="$m" -v tw="$tw" -v tm="$tm" 'BEGIN {print (w <= tw && m <= tm) ? "yes" : "**NO**"}')
    fi
    printf '| %s | **%s** (%s) | **%d** | %s | %s |\n' "${LABEL[$c]}" "$w" "$(echo "${WALL[$c]}" | range)" "$m" "$t" "$ok"
  done
  echo
  echo "File: $BYTES bytes, $(python3 -c "import sys; print(sum(1 for _ in open(sys.argv[1])))" "$D/cases.tsv") matching PNGs; image \`$NAME\`; $ROUNDS interleaved rounds; $(nproc) cores; page cache warm."
  echo
  echo "Checks after fixing each of the $(wc -l <"$D/cases.tsv") PNG-backed images in turn (\`fillby label; class car; fill X Y; w\` on a 40×30 void hole):"
  echo "- bytes outside the edited image's entries identical, and only its annotation entry changed, after every save: $BYTECHECK"
  echo "- json.load of original vs result (other images, annotations, info, licenses, categories equal; old segments' id, order and fields kept; one new car segment with the hole's area and bbox): $JSONCHECK"
  echo "- \`panoptty validate\` of every saved PNG against the saved JSON: $VALID"
  echo "- labels only (\`edit X.png --labels X.png\`, the PNG as its own photo): the images entry keeps its file_name: $LABELSONLY"
  echo "- \`info --json\` with the index the save wrote vs after a fresh scan: $SIDECAR"
  echo "- a sidecar copied with the JSON (cp -p) is reused, not rebuilt: $REUSED"
} | tee "$OUT/table.md"
[ "$BYTECHECK$JSONCHECK$VALID$LABELSONLY$SIDECAR" = okokokoksame ]
