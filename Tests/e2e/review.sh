#!/usr/bin/env bash
# Reviewing and scoring: `panoptty diff` (exit 0 same / 1 different / 2 error)
# on demo labels and an edited copy, across formats; `panoptty eval` on a
# small COCO dataset made here, and every bad input as one line, exit 1.
# (Exactness against pq_compute is Tests/oracle/run.sh.)
set -u
BIN=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
"$BIN" demo --out d >/dev/null
"$BIN" demo --size 100x80 --out small >/dev/null
cp d/demo_labels.png edited.png
"$BIN" edit d/demo.png --labels edited.png -c 'class car; fill 108 100; w' 2>/dev/null
mkdir -p c && "$BIN" convert d/demo_labels.png c/x.png --to coco >/dev/null

# --- diff
out=$("$BIN" diff d/demo_labels.png d/demo_labels.png); rc=$?
[ $rc -eq 0 ] && echo "$out" | grep -q "^= 15 unchanged, 0 changed, 0 removed, 0 added$" && ok "diff: same file, exit 0" || bad "diff same: $rc $out"
out=$("$BIN" diff d/demo_labels.png c/x.png); rc=$?
[ $rc -eq 0 ] && echo "$out" | grep -q "^= 15 unchanged" && ok "diff: offset vs its COCO conversion are identical, exit 0" || bad "diff offset/coco: $rc $out"
out=$("$BIN" diff d/demo_labels.png edited.png); rc=$?
if [ $rc -eq 1 ] && echo "$out" | grep -q "^~ 7000 person → [0-9]* car: class person → car; IoU 0\.[0-9]*, −[0-9]* +0 px$" &&
  echo "$out" | grep -q "^= 14 unchanged, 1 changed"; then ok "diff: relabelled person listed as changed, exit 1"; else bad "diff edited: $rc $out"; fi
out=$("$BIN" diff c/x.png edited.png --json); rc=$?
echo "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
c = d["changed"]
assert d["identical"] is False and d["unchanged"] == 14 and len(c) == 1, d
assert c[0]["a"]["class"] == "person" and c[0]["b"]["class"] == "car" and c[0]["class_changed"], c
assert 0.5 < c[0]["iou"] < 1 and d["a"]["format"] == "coco" and d["b"]["format"] == "offset", d
' && [ $rc -eq 1 ] && ok "diff --json across formats" || bad "diff --json: $rc $out"
# diff --picture: where the files differ, one colour (mono: one glyph) per kind.
out=$("$BIN" diff d/demo_labels.png edited.png --picture --width 60 --colors mono); rc=$?
g=$(echo "$out" | sed -n 's/^\[\(.\)\] *class changed .*/\1/p' | head -1)
pic=$(echo "$out" | sed '/^\[.\]/,$d')
if [ $rc -eq 1 ] && [ -n "$g" ] && echo "$pic" | grep -qF -- "$g" && echo "$out" | grep -q "^\[.\] *same " && echo "$out" | grep -q "^= 14 unchanged, 1 changed"; then
  ok "diff --picture: the relabelled person's cells are drawn as 'class changed' ($g), the rest 'same', then the list"
else bad "diff --picture: rc=$rc glyph='$g' $(echo "$out" | head -c 400)"; fi
! printf '%s' "$out" | grep -q $'\e' && ok "diff --picture --colors mono prints no escape sequence" || bad "escapes in mono"
out=$(NO_COLOR=1 "$BIN" view d/demo_labels.png --width 30); ! printf '%s' "$out" | grep -q $'\e' && echo "$out" | grep -q "road" && ok "view with NO_COLOR prints plain text (glyphs and the legend, no escapes)" || bad "NO_COLOR view: $(echo "$out" | head -3 | cat -v)"
out=$("$BIN" diff d/demo_labels.png edited.png --picture --width 60 --colors 256)
echo "$out" | grep -q $'\e\\[[0-9;]*38;5;' && echo "$out" | grep -q "class changed" && ok "diff --picture --colors 256 draws in colour with the legend" || bad "diff picture colour"
out=$("$BIN" diff d/demo_labels.png d/demo_labels.png --picture --width 40 --colors mono); rc=$?
[ $rc -eq 0 ] && ! echo "$out" | grep -qE "class changed|moved to|only in" && ok "diff --picture of identical files shows only 'same'" || bad "identical picture: $out"
expect_fail "diff: --picture with --json" 2 "--picture draws for a person; --json is for programs: use one" -- "$BIN" diff d/demo_labels.png edited.png --picture --json
expect_fail "diff: size mismatch" 2 "small/demo_labels.png is 100×80 but edited.png is 320×200" -- "$BIN" diff small/demo_labels.png edited.png
expect_fail "diff: missing file" 2 "nope.png: No such file or directory" -- "$BIN" diff d/demo_labels.png nope.png
expect_fail "diff: usage" 2 "see panoptty diff --help" -- "$BIN" diff d/demo_labels.png

# --- eval: ground truth = three demo scenes (COCO); prediction = the same with one relabelled person
mkdir -p set/gt set/pred
for s in 1 2 3; do
  "$BIN" demo --seed $s --out src$s >/dev/null
  "$BIN" convert src$s/demo_labels.png set/gt/scene$s.png --to coco >/dev/null
done
cp src2/demo_labels.png p2.png
"$BIN" edit src2/demo.png --labels p2.png -c 'class car; fill 108 100; w' 2>/dev/null
for s in 1 2 3; do
  f=src$s/demo_labels.png; [ $s = 2 ] && f=p2.png
  "$BIN" convert $f set/pred/scene$s.png --to coco >/dev/null
done
python3 - <<'PY'
import json
g, p = json.load(open("set/gt.json")), json.load(open("set/pred.json"))
for a in g["annotations"] + p["annotations"]:
    a["image_id"] = int(a["file_name"][5])
json.dump(g, open("set/gt.json", "w")); json.dump(p, open("set/pred.json", "w"))
p2 = json.loads(json.dumps(p)); p2["annotations"] = p2["annotations"][:2]
json.dump(p2, open("set/missing.json", "w"))
p3 = json.loads(json.dumps(p)); p3["annotations"][1]["segments_info"][0]["category_id"] = 999
json.dump(p3, open("set/unknown.json", "w"))
PY
out=$("$BIN" eval set/gt.json set/gt.json 2>err.txt); rc=$?
[ $rc -eq 0 ] && echo "$out" | grep -q "^All       | 100.0  100.0  100.0 " && [ ! -s err.txt ] && ok "eval: ground truth against itself is PQ 100, nothing on stderr" || bad "eval self: $rc $out $(cat err.txt)"
# Ids that mean different images in the two JSONs (scene1 and scene3 swapped): the score is of
# the wrong pairs, as pq_compute's would be, and eval says so on stderr.
python3 -c '
import json; d = json.load(open("set/pred.json"))
for a in d["annotations"]: a["image_id"] = {1: 3, 3: 1}.get(a["image_id"], a["image_id"])
json.dump(d, open("set/swapped.json", "w"))'
"$BIN" eval set/gt.json set/swapped.json --pred-folder set/pred >/dev/null 2>err.txt; rc=$?
[ $rc -eq 0 ] && grep -q "^panoptty: warning: image_id 1 pairs scene1.png in set/gt.json with scene3.png in set/swapped.json (and 1 more pair of different names)" err.txt &&
  ok "eval warns when paired images have different names" || bad "swapped ids: $rc $(cat err.txt)"
# A ground truth with no annotations is no score (pq_compute divides by zero there).
python3 -c 'import json; d = json.load(open("set/gt.json")); d["annotations"] = []; json.dump(d, open("set/empty.json", "w"))'
expect_fail "eval of an empty ground truth" 1 "empty.json: no annotations, so there is nothing to score" -- "$BIN" eval set/empty.json set/pred.json --gt-folder set/gt
out=$("$BIN" eval set/gt.json set/pred.json); rc=$?
[ $rc -eq 0 ] && [ "$(echo "$out" | wc -l)" -eq 5 ] && echo "$out" | grep -q "^Things    |  9[0-9]\.[0-9] " && ok "eval: the relabelled person costs PQ: $(echo "$out" | sed -n 3p)" || bad "eval pred: $rc $out"
a=$("$BIN" eval set/gt.json set/pred.json --json -j 1); b=$("$BIN" eval set/gt.json set/pred.json --json -j 4)
[ "$a" = "$b" ] && echo "$a" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert 0 < d["All"]["pq"] < 1 and set(d) == {"All","Things","Stuff","per_class"}' && ok "eval --json: -j 1 and -j 4 agree" || bad "eval -j: $a | $b"
out=$("$BIN" eval set/gt.json set/pred.json --per-class); echo "$out" | grep -q "^person *| thing " && ok "eval --per-class lists classes" || bad "per-class: $out"
expect_fail "eval: image without prediction" 1 "set/missing.json: image 3: no prediction" -- "$BIN" eval set/gt.json set/missing.json --pred-folder set/pred
expect_fail "eval: unknown category" 1 "category_id 999, which the ground truth's categories do not define" -- "$BIN" eval set/gt.json set/unknown.json --pred-folder set/pred
expect_fail "eval: missing JSON" 1 "set/nope.json: No such file or directory" -- "$BIN" eval set/gt.json set/nope.json
cp set/pred.json set/other.json
expect_fail "eval: missing folder" 1 "set/other: no such folder" -- "$BIN" eval set/gt.json set/other.json
echo '{ broken' >set/broken.json
expect_fail "eval: broken JSON" 1 "set/broken.json: not valid JSON" -- "$BIN" eval set/gt.json set/broken.json
rm set/pred/scene2.png
expect_fail "eval: missing PNG" 1 "set/pred/scene2.png: No such file or directory" -- "$BIN" eval set/gt.json set/pred.json
expect_fail "eval: usage" 2 "see panoptty eval --help" -- "$BIN" eval set/gt.json set/pred.json -j 0
summary
