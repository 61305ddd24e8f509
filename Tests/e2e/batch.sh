#!/usr/bin/env bash
# Batch commands (issue 11 §4, issue 12 §2): info / validate / convert over
# many files and folders on -j threads, output in input order, every failure
# listed at the end (exit 1), --shard K/N, JSON Lines; info --textconv under a
# real `git diff`; `-` as stdin / stdout; FIFOs written into.
set -u
BIN=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
for i in 1 2 3 4 5 6; do "$BIN" demo --size $((40 + 8 * i))x40 --seed $i --out "set/s$i" >/dev/null; done
mkdir -p bad && printf 'not a png' >bad/broken_labels.png && cp set/s1/demo.png bad/photo.png
mkdir -p empty

# --- info / validate over many files
out=$("$BIN" validate set -j 3 2>err); rc=$?
[ $rc -eq 0 ] && [ "$(echo "$out" | grep -c ': OK (offset')" -eq 6 ] && [ ! -s err ] &&
  ok "validate FOLDER: 6 label files (photos skipped), exit 0" || bad "validate folder: $rc $out $(cat err)"
first=$(echo "$out" | head -1)
[ "$first" = "set/s1/demo_labels.png: OK (offset, 15 segments, 9 thing instances, 0 crowd)" ] && ok "validate: names as walked" || bad "first line: $first"
a=$("$BIN" info set -j 1 --json); b=$("$BIN" info set -j 4 --json)
[ "$a" = "$b" ] && [ "$(echo "$a" | wc -l)" -eq 6 ] && ok "info --json: one line per file, same order for -j 1 and -j 4" || bad "order: $a / $b"
echo "$a" | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin]
assert [r["file"] for r in rows] == ["set/s%d/demo_labels.png" % i for i in range(1, 7)], rows
assert all(r["segments_info"] for r in rows)
' && ok "info --json lines parse, in input order" || bad "jsonl parse"
out=$("$BIN" validate set/s2/demo_labels.png bad set/s1/demo_labels.png nope.png empty 2>err); rc=$?
if [ $rc -eq 1 ] && [ "$(echo "$out" | head -1)" = "set/s2/demo_labels.png: OK (offset, 15 segments, 9 thing instances, 0 crowd)" ] &&
  [ "$(echo "$out" | wc -l)" -eq 2 ] && grep -q "^panoptty: bad/broken_labels.png: not a PNG" err &&
  grep -q "^panoptty: nope.png: No such file" err && grep -q "^panoptty: empty: no label PNGs in this folder" err &&
  [ "$(tail -1 err)" = "panoptty: 3 of 5 failed" ] && ! grep -q $'\r' err; then
  ok "validate: bad files do not stop the batch; every failure one line at the end, exit 1, no progress line off a terminal"
else bad "validate failures: $rc [$out] [$(cat err)]"; fi
"$BIN" convert empty conv_empty --to coco 2>err; rc=$?
[ $rc -eq 1 ] && [ ! -e conv_empty ] && [ ! -e conv_empty.json ] && grep -q "^panoptty: empty: no label PNGs" err &&
  ok "convert of a folder with no label PNGs fails and creates neither the output folder nor its COCO JSON" ||
  bad "empty convert: $rc $(ls -d conv_empty* 2>&1) $(cat err)"
out=$("$BIN" validate set bad --json 2>/dev/null); rc=$?
echo "$out" | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin]
assert len(rows) == 7 and sum(r["ok"] for r in rows) == 6, rows
assert "error" in rows[6] and rows[6]["file"] == "bad/broken_labels.png", rows[6]
' && [ $rc -eq 1 ] && ok "validate --json: one object per file, failures included" || bad "validate --json: $rc $out"
s1=$("$BIN" info set --shard 1/2 --json | python3 -c 'import json,sys; print(" ".join(json.loads(l)["file"] for l in sys.stdin))')
s2=$("$BIN" info set --shard 2/2 --json | python3 -c 'import json,sys; print(" ".join(json.loads(l)["file"] for l in sys.stdin))')
[ "$s1" = "set/s1/demo_labels.png set/s3/demo_labels.png set/s5/demo_labels.png" ] &&
  [ "$s2" = "set/s2/demo_labels.png set/s4/demo_labels.png set/s6/demo_labels.png" ] &&
  ok "--shard 1/2 and 2/2: every other file, from the 1st and the 2nd" || bad "shard: $s1 / $s2"
expect_fail "--shard 3/2 refused" 2 "shard" -- "$BIN" info set --shard 3/2
expect_fail "-j 0 refused" 2 "-j must be from 1 to 1024" -- "$BIN" validate set -j 0
expect_fail "--image with many files refused" 2 "--image goes with one label file" -- "$BIN" validate set --image set/s1/demo.png
single=$("$BIN" info set/s1/demo_labels.png --json)
echo "$single" | python3 -c 'import json,sys; json.load(sys.stdin)' && [ "$(echo "$single" | wc -l)" -gt 5 ] &&
  ok "info --json of one file keeps today's (pretty) output" || bad "single json"
expect_fail "info of one bad file: one line, exit 1 (as before)" 1 "broken_labels.png: not a PNG" -- "$BIN" info bad/broken_labels.png

# --- convert many files
out=$("$BIN" convert set bad/broken_labels.png conv --to cityscapes -j 3 2>err); rc=$?
[ $rc -eq 1 ] && [ "$(echo "$out" | wc -l)" -eq 6 ] && [ -f conv/s6/demo_labels.png ] && grep -q "^panoptty: bad/broken_labels.png: not a PNG" err &&
  [ "$("$BIN" info conv/s3/demo_labels.png | head -1 | cut -d' ' -f3-4)" = "format cityscapes" ] &&
  ok "convert FOLDER OUT: subfolders kept, the bad file listed at the end, exit 1" || bad "convert batch: $rc $out $(cat err)"
out=$("$BIN" convert set coco --to coco -j 2); rc=$?
[ $rc -eq 0 ] && [ "$(echo "$out" | tail -1)" = "wrote $W/coco.json (coco, 6 images)" ] && [ -f coco/s1_demo_labels.png ] &&
  "$BIN" validate coco >/dev/null && [ "$("$BIN" eval coco.json coco.json --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["All"]["pq"])')" = "1.0" ] &&
  ok "convert FOLDER --to coco: 6 PNGs, one JSON written once at the end; validate and eval read it" || bad "convert coco batch: $rc $out"
python3 -c '
import json; d = json.load(open("coco.json"))
assert [a["file_name"] for a in d["annotations"]] == ["s%d_demo_labels.png" % i for i in range(1, 7)]
assert len({a["image_id"] for a in d["annotations"]}) == 6 and len(d["images"]) == 6
' && ok "the COCO JSON lists the images in input order with distinct ids" || bad "coco json order"
expect_fail "convert many into an existing JSON refused" 2 "coco.json exists" -- "$BIN" convert set coco --to coco
# The advice (a new JSON) into the same folder would rewrite PNGs coco.json lists with new ids.
h=$(md5sum coco/s1_demo_labels.png)
expect_fail "a batch into the PNG folder of another JSON is refused before writing" 2 "coco/s1_demo_labels.png and 5 more exist; a batch into COCO makes a new dataset and writes over no file" -- "$BIN" convert set coco --to coco --out-annotations other.json
[ "$(md5sum coco/s1_demo_labels.png)" = "$h" ] && [ ! -e other.json ] && ok "…and coco.json's PNGs are untouched" || bad "listed PNGs rewritten"
# A batch into its own input folder would replace the inputs one by one; stopped half way (or a
# JSON that cannot be written) it left labels no JSON describes. It writes over nothing.
mkdir -p inplace && cp set/s1/demo_labels.png inplace/a_labels.png && cp set/s2/demo_labels.png inplace/b_labels.png
h=$(md5sum inplace/a_labels.png)
expect_fail "a COCO batch into its own input folder is refused" 2 "inplace/a_labels.png and 1 more exist" -- "$BIN" convert inplace inplace --to coco
[ "$(md5sum inplace/a_labels.png)" = "$h" ] && [ ! -e inplace.json ] && ok "…and its inputs keep their bytes" || bad "in-place inputs rewritten"
# A COCO folder whose JSON lists a PNG that is gone, and a label file's name on a dangling link:
# a folder walk says so instead of passing the dataset without them.
cp -r coco gone && cp coco.json gone.json && rm gone/s3_demo_labels.png
out=$("$BIN" validate gone 2>err); rc=$?
[ $rc -eq 1 ] && [ "$(echo "$out" | grep -c ': OK')" -eq 5 ] && grep -q "^panoptty: gone/s3_demo_labels.png: gone.json lists it, but it is not there" err &&
  [ "$(tail -1 err)" = "panoptty: 1 of 6 failed" ] && ok "validate FOLDER reports a PNG its JSON lists that is missing" || bad "missing listed PNG: $rc $out $(cat err)"
"$BIN" validate gone --json 2>/dev/null | grep -q '^{"error":"gone/s3_demo_labels.png: gone.json lists it, but it is not there","file":"gone/s3_demo_labels.png","ok":false}$' &&
  ok "…and --json has an object for it, as for a file it cannot read" || bad "walk failure in --json: $("$BIN" validate gone --json 2>&1)"
out=$("$BIN" validate gone --shard 2/2 2>err); rc=$?
[ $rc -eq 0 ] && ! grep -q "not there" err && "$BIN" validate gone --shard 1/2 2>&1 | grep -q "not there" &&
  ok "…reported by shard 1 only: it belongs to no one shard" || bad "walk failure in shards: $rc $(cat err)"
cp gone.json listing.json && python3 -c '
import json; d = json.load(open("gone.json")); d["annotations"] = [a for a in d["annotations"] if a["file_name"] != "s3_demo_labels.png"]; json.dump(d, open("gone.json", "w"))'
out=$("$BIN" validate gone --annotations listing.json 2>err); rc=$?
[ $rc -eq 1 ] && grep -q "gone/s3_demo_labels.png: listing.json lists it" err && ! grep -q "gone.json lists" err &&
  ok "…and with --annotations, the JSON named there is the one checked" || bad "walk with --annotations: $rc $(cat err)"
mkdir -p links && cp set/s1/demo_labels.png links/a_labels.png && ln -s nowhere_labels.png links/b_labels.png && ln -s nowhere.jpg links/c.jpg
out=$("$BIN" validate links 2>err); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "^links/a_labels.png: OK" && grep -q "^panoptty: links/b_labels.png: a symlink to nowhere_labels.png, which does not exist" err &&
  ! grep -q "c.jpg" err && ok "a folder walk reports a label file's dangling symlink (a photo's is none of its business)" || bad "dangling link: $rc $out $(cat err)"
# A JSON that cannot be written (a full disk) takes back the PNGs the batch created.
FULL=$(mktemp -d "$W/full.XXXX")
if mount -t tmpfs -o size=64k tmpfs "$FULL" 2>/dev/null; then
  dd if=/dev/zero of="$FULL/filler" bs=1k count=1000 2>/dev/null
  "$BIN" convert set fullbatch --to coco --out-annotations "$FULL/fb.json" >out 2>err; rc=$?
  [ $rc -eq 1 ] && [ ! -e "$FULL/fb.json" ] && [ -z "$(ls -A fullbatch)" ] && grep -q "the 6 PNGs written for it were removed again" err &&
    ok "a batch whose JSON cannot be written (full disk) leaves no PNGs without a JSON" || bad "full-disk JSON: $rc $(cat err) $(ls -A fullbatch)"
  umount -l "$FULL"
else echo "skip a full-disk batch: cannot mount a tmpfs here (needs root)"; fi
# A CVAT export on a full disk leaves no part of itself (it left a mask with no labelmap.txt).
FULL2=$(mktemp -d "$W/full.XXXX")
if mount -t tmpfs -o size=64k tmpfs "$FULL2" 2>/dev/null; then
  "$BIN" demo --size 1280x800 --out bigcv >/dev/null
  dd if=/dev/zero of="$FULL2/filler" bs=1k count=52 2>/dev/null
  "$BIN" convert bigcv/demo_labels.png "$FULL2/out" --to cvat >out 2>err; rc=$?
  [ $rc -eq 1 ] && [ ! -e "$FULL2/out" ] && grep -q "No space left on device" err &&
    ok "a CVAT export that does not fit (full disk) leaves no folder behind" || bad "full-disk CVAT: $rc $(cat err) $(find "$FULL2")"
  umount -l "$FULL2"
else echo "skip a full-disk CVAT export: cannot mount a tmpfs here (needs root)"; fi
# Parallel CVAT exports into one folder keep every image in its list (entries were lost).
mkdir -p cvp && for i in $(seq 1 10); do cp set/s1/demo_labels.png cvp/f$i.png; done
for i in $(seq 1 10); do "$BIN" convert cvp/f$i.png cvp/exp --to cvat >/dev/null 2>&1 & done; wait
[ "$(wc -l <cvp/exp/ImageSets/Segmentation/default.txt)" -eq 10 ] && [ "$(ls cvp/exp/SegmentationClass | wc -l)" -eq 10 ] &&
  ok "10 CVAT exports at once into one folder: 10 masks, 10 list entries" || bad "parallel CVAT: $(wc -l <cvp/exp/ImageSets/Segmentation/default.txt) entries"
# COCO to COCO keeps the file's own segment ids (777, 4242) and image (id 5, pa.jpg), as the
# editor's save does; they used to be renumbered (101, 1001; a hash), breaking every reference.
mkdir -p own && python3 - <<'PY'
import json, struct, zlib
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
ids = [777, 777, 4242, 4242]
row = b"\x00" + b"".join(bytes([i % 256, i // 256 % 256, i // 65536]) for i in ids)
open("own/a.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 2, 8, 2, 0, 0, 0))
  + chunk(b"IDAT", zlib.compress(row * 2)) + chunk(b"IEND", b""))
seg = lambda i, c, x: {"id": i, "category_id": c, "iscrowd": 0, "bbox": [x, 0, 2, 2], "area": 4}
json.dump({"images": [{"id": 5, "file_name": "pa.jpg", "width": 4, "height": 2}],
  "annotations": [{"image_id": 5, "file_name": "a.png", "segments_info": [seg(777, 1, 0), seg(4242, 149, 2)]}]},
  open("own.json", "w"))
PY
mkdir -p own2 && "$BIN" convert own/a.png own2/a.png --to coco >/dev/null 2>err && python3 -c '
import json, sys; d = json.load(open("own2.json"))
a = d["annotations"][0]
sys.exit(sorted(s["id"] for s in a["segments_info"]) != [777, 4242] or a["image_id"] != 5 or d["images"][0]["file_name"] != "pa.jpg")' &&
  ok "convert COCO to COCO keeps the segment ids, the image_id and the photo name" || bad "COCO ids renumbered: $(cat err) $(cat own2.json)"
# An annotation's image_id "5" against images[].id 5: loaders compare exactly and find no labels.
# validate says so; a save writes the images entry's id instead of adding a second entry.
mkdir -p strid && cp own/a.png strid/a.png && python3 -c '
import json; d = json.load(open("own.json")); d["annotations"][0]["image_id"] = "5"; json.dump(d, open("strid.json", "w"))'
out=$("$BIN" validate strid/a.png 2>&1); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "image_id is \"5\" but strid.json lists the image as 5" && ok "validate flags an image_id spelled as a string against a numeric images id" || bad "string image_id: $rc $out"
python3 -c '
import struct, zlib
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
open("strid_photo.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 2, 8, 2, 0, 0, 0))
  + chunk(b"IDAT", zlib.compress((b"\x00" + b"\x50\x60\x70" * 4) * 2)) + chunk(b"IEND", b""))'
"$BIN" edit strid_photo.png --labels strid/a.png -c 'class car; rect 0 0 0 0; w' >/dev/null 2>err && python3 -c '
import json, sys; d = json.load(open("strid.json"))
sys.exit(not (len(d["images"]) == 1 and d["annotations"][0]["image_id"] == 5))' && "$BIN" validate strid/a.png >/dev/null &&
  ok "…and a save writes image_id 5, with one images entry" || bad "string image_id save: $(cat err) $(cat strid.json | head -c 300)"
mkdir -p noimg && cp own/a.png noimg/a.png && python3 -c '
import json; d = json.load(open("own.json")); d["annotations"][0]["image_id"] = 99; json.dump(d, open("noimg.json", "w"))'
out=$("$BIN" validate noimg/a.png 2>&1); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "image_id 99 has no entry in noimg.json's \"images\"" && ok "validate flags an image_id with no images entry" || bad "image_id without entry: $rc $out"
mkdir -p dotname && cp own/a.png dotname/a.png && python3 -c '
import json; d = json.load(open("own.json")); d["annotations"][0]["file_name"] = "./a.png"; json.dump(d, open("dotname.json", "w"))'
"$BIN" validate dotname >/dev/null 2>err && ok "a file_name written ./a.png names a.png, as panopticapi joins it" || bad "./ file_name: $(cat err)"
# A COCO copy (w PATH) goes into the JSON beside its folder: into the dataset the session edits
# it listed the photo twice. Refused at its line; elsewhere the message names the JSON it wrote.
h=$(md5sum own.json)
"$BIN" edit strid_photo.png --labels own/a.png -c 'class car; rect 0 0 0 0; w own/copy.png; q!' >/dev/null 2>err; rc=$?
[ $rc -eq 1 ] && grep -q "^panoptty: -c:1:.*own/copy.png: a COCO copy is listed in the JSON beside its folder, which is .*own.json, the dataset this session edits" err &&
  [ "$(md5sum own.json)" = "$h" ] && [ ! -e own/copy.png ] && ok "a COCO copy into the dataset's own folder is refused; the JSON keeps its bytes" || bad "COCO copy into own JSON: $rc $(cat err)"
mkdir -p owncopy && "$BIN" edit strid_photo.png --labels own/a.png -c 'w owncopy/copy.png; q!' 2>&1 | grep -q "wrote owncopy/copy.png (coco, annotations .*owncopy.json), a copy" &&
  ok "…and a copy elsewhere says which JSON it wrote" || bad "COCO copy message"
# With --annotations, the PNGs that JSON lists are label files whatever their folder is called;
# a walk of "." finds ../NAME.json for NAME/. (Both said "no label PNGs in this folder".)
mkdir -p odd && cp own/a.png odd/a.png
"$BIN" validate odd --annotations own.json >/dev/null 2>err && ok "a folder walk with --annotations takes the PNGs that JSON lists" || bad "walk --annotations: $(cat err)"
(cd own && "$BIN" validate . >/dev/null 2>../err) && ok "a walk of . inside a COCO folder finds ../NAME.json" || bad "walk of .: $(cat err)"
# A folder whose listed PNGs are all gone is that, not also "no label PNGs" (it said 2 of 2 failed).
mkdir -p allgone && python3 -c '
import json; d = json.load(open("own.json")); json.dump(d, open("allgone.json", "w"))'
"$BIN" validate allgone >/dev/null 2>err; [ "$(tail -1 err)" = "panoptty: allgone/a.png: allgone.json lists it, but it is not there" ] &&
  ok "a COCO folder with every listed PNG gone gets one line a PNG" || bad "all gone: $(cat err)"
# The same one level down: a dataset folder whose COCO PNG folder is empty said "no label PNGs".
mkdir -p dsroot/allgone && cp allgone.json dsroot/
"$BIN" validate dsroot >/dev/null 2>err; [ "$(tail -1 err)" = "panoptty: dsroot/allgone/a.png: dsroot/allgone.json lists it, but it is not there" ] &&
  ok "…and so does an empty COCO PNG folder inside the folder walked" || bad "empty COCO folder below: $(cat err)"
# A copy keeps the image (image_id, photo name) and the ids, so eval pairs it with the original.
rm -rf owncopy2 owncopy2.json && mkdir -p owncopy2 && "$BIN" edit strid_photo.png --labels own/a.png -c 'w owncopy2/a.png; q!' >/dev/null 2>&1 &&
  python3 -c '
import json, sys; d = json.load(open("owncopy2.json")); a = d["annotations"][0]
sys.exit(not (a["image_id"] == 5 and sorted(s["id"] for s in a["segments_info"]) == [777, 4242] and d["images"][0]["file_name"] == "pa.jpg"))' &&
  [ "$("$BIN" eval owncopy2.json own.json --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["All"]["pq"])')" = "1.0" ] &&
  ok "a COCO copy keeps image_id, photo name and segment ids: eval against the original is PQ 1.0" || bad "copy ids: $(cat owncopy2.json | head -c 300)"
# Into a JSON that lists other photos: a copy named like one of them keeps its own image (it took
# that photo's image_id); a JSON whose entry of that id is another photo is refused; one that
# lists the photo under another id gets the copy under that id (not a second entry).
mkdir -p cpA cpB cpC && python3 -c '
import json
json.dump({"images": [{"id": 77, "file_name": "other.jpg", "width": 9, "height": 9}], "annotations": []}, open("cpA.json", "w"))
json.dump({"images": [{"id": 5, "file_name": "elsewhere.jpg", "width": 9, "height": 9}], "annotations": []}, open("cpB.json", "w"))
json.dump({"images": [{"id": 9, "file_name": "pa.jpg", "width": 9, "height": 9}], "annotations": []}, open("cpC.json", "w"))'
"$BIN" edit strid_photo.png --labels own/a.png -c 'w cpA/other.png; q!' >/dev/null 2>&1 && python3 -c '
import json, sys; d = json.load(open("cpA.json")); sys.exit(not (d["annotations"][0]["image_id"] == 5 and len(d["images"]) == 2))' &&
  ok "a copy named like another listed photo keeps its own image_id" || bad "copy took another photo's id: $(head -c 300 cpA.json)"
"$BIN" edit strid_photo.png --labels own/a.png -c 'w cpB/a.png; q!' >/dev/null 2>err; rc=$?
[ $rc -eq 1 ] && grep -q "lists image_id 5 as another photo (elsewhere.jpg)" err && [ ! -e cpB/a.png ] && ok "…a copy whose image_id is another photo's there is refused" || bad "copy id clash: $rc $(cat err)"
"$BIN" edit strid_photo.png --labels own/a.png -c 'w cpC/a.png; q!' >/dev/null 2>&1 && python3 -c '
import json, sys; d = json.load(open("cpC.json")); sys.exit(not (d["annotations"][0]["image_id"] == 9 and len(d["images"]) == 1))' &&
  ok "…and one that lists the photo under another id files the copy there" || bad "copy of a listed photo: $(head -c 300 cpC.json)"
# A copy through a symlink to the dataset's own PNG folder is refused like one by its name.
ln -sfn own ownlink
"$BIN" edit strid_photo.png --labels own/a.png -c 'w ownlink/b.png; q!' >/dev/null 2>err; rc=$?
[ $rc -eq 1 ] && grep -q "that folder holds the label file's PNGs" err && [ ! -e own/b.png ] && ok "a COCO copy into the labels' folder through a symlink is refused" || bad "copy via symlink: $rc $(cat err)"
# An image_id with no images entry, whose photo has one no annotation claims: a save links them.
mkdir -p relink && cp own/a.png relink/a.png && python3 -c '
import json; d = json.load(open("own.json")); d["images"][0]["file_name"] = "a.jpg"; d["annotations"][0]["image_id"] = 777; json.dump(d, open("relink.json", "w"))'
"$BIN" edit strid_photo.png --labels relink/a.png -c 'class car; rect 0 0 0 0; w' >/dev/null 2>err && python3 -c '
import json, sys; d = json.load(open("relink.json")); sys.exit(not (len(d["images"]) == 1 and d["annotations"][0]["image_id"] == 5))' &&
  ok "an image_id with no images entry is linked to its photo's entry by a save (not a second entry)" || bad "relink: $(cat err) $(head -c 300 relink.json)"
# Cityscapes instance numbers with gaps (json2instanceImg skips a hidden car's) survive a convert
# to Cityscapes; they used to be renumbered 26000, 26001.
python3 - <<'PY'
import struct, zlib
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
row = b"\x00" + b"".join(struct.pack(">H", v) for v in [7, 26000, 26005, 33003])
open("gap_gtFine_instanceIds.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 1, 16, 0, 0, 0, 0))
  + chunk(b"IDAT", zlib.compress(row)) + chunk(b"IEND", b""))
PY
"$BIN" convert gap_gtFine_instanceIds.png gap2_gtFine_instanceIds.png --to cityscapes >/dev/null 2>err &&
  [ "$("$BIN" info gap2_gtFine_instanceIds.png --json | python3 -c 'import json,sys; print(sorted(s["id"] for s in json.load(sys.stdin)["segments_info"]))')" = "[7, 26000, 26005, 33003]" ] &&
  ok "convert Cityscapes to Cityscapes keeps instance numbers with gaps" || bad "cityscapes gaps: $(cat err) $("$BIN" info gap2_gtFine_instanceIds.png --json)"
mkdir -p gapc && "$BIN" convert gap_gtFine_instanceIds.png gapc/gap_gtFine_panoptic.png --to coco >/dev/null 2>err &&
  [ "$(python3 -c 'import json; print(sorted(s["id"] for s in json.load(open("gapc.json"))["annotations"][0]["segments_info"]))')" = "[7, 26000, 26005, 33003]" ] &&
  ok "…and to COCO, whose segment ids are the instanceIds values, as createPanopticImgs takes them" || bad "cityscapes gaps to coco: $(cat err) $(cat gapc.json | head -c 300)"
"$BIN" convert gapc/gap_gtFine_panoptic.png gapback_gtFine_instanceIds.png --to cityscapes --classes cityscapes >/dev/null 2>err &&
  [ "$("$BIN" info gapback_gtFine_instanceIds.png --json | python3 -c 'import json,sys; print(sorted(s["id"] for s in json.load(sys.stdin)["segments_info"]))')" = "[7, 26000, 26005, 33003]" ] &&
  ok "…and back from COCO to Cityscapes, the segment ids are the instanceIds values again" || bad "coco back to cityscapes: $(cat err)"
# A folder convert wrote keeps its input names (not *_labels.png) and reads back as a folder:
# its PNGs carry panoptty's format tag. A photo PNG beside them is still left alone.
mkdir -p own_off && "$BIN" convert own own_off --to offset >/dev/null 2>err && "$BIN" demo --size 32x24 --out own_off >/dev/null &&
  out=$("$BIN" validate own_off 2>&1) && [ "$(echo "$out" | wc -l)" -eq 2 ] && echo "$out" | grep -q "^own_off/a.png: OK" &&
  ok "a folder convert wrote validates as a folder (its photo left alone)" || bad "own output folder: $out $(cat err)"
# Every input failing writes no JSON (which would refuse the run once the inputs are fixed).
printf 'junk' >bad1.png && printf 'junk' >bad2.png
"$BIN" convert bad1.png bad2.png allbad --to coco >out 2>err; rc=$?
[ $rc -eq 1 ] && [ ! -e allbad.json ] && [ "$(tail -1 err)" = "panoptty: 2 of 2 failed" ] && [ ! -s out ] &&
  ok "convert into COCO where every file fails writes no JSON and counts 2 of 2" || bad "all failed: $rc $(cat out err) $(ls)"
cp set/s1/demo_labels.png bad1.png && cp set/s2/demo_labels.png bad2.png
"$BIN" convert bad1.png bad2.png allbad --to coco >out 2>err; rc=$?
[ $rc -eq 0 ] && [ -s allbad.json ] && ok "…and the same command works once they are fixed" || bad "retry after all failed: $rc $(cat err)"
out=$("$BIN" convert set/s1/demo_labels.png set/s2/demo_labels.png dup --to offset 2>err); rc=$?
[ $rc -eq 1 ] && grep -q "set/s2/demo_labels.png: would write dup/demo_labels.png, which set/s1/demo_labels.png is written to" err &&
  ok "convert: two inputs of one name never overwrite each other" || bad "dup: $rc $out $(cat err)"

# --- - is stdin / stdout; FIFOs are written into
"$BIN" convert set/s1/demo_labels.png - --to cityscapes >piped.png 2>err
[ "$("$BIN" info piped.png --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["format"])')" = cityscapes ] &&
  grep -q "wrote - (cityscapes)" err && ok "convert IN - writes the PNG to stdout (the 'wrote' line on stderr)" || bad "convert to -"
a=$("$BIN" convert set/s1/demo_labels.png - --to offset 2>/dev/null | "$BIN" info - --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["segments_info"])')
b=$("$BIN" info set/s1/demo_labels.png --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["segments_info"])')
[ -n "$a" ] && [ "$a" = "$b" ] && ok "convert … - | info -: same segments" || bad "pipe info: $a"
"$BIN" validate - <set/s2/demo_labels.png | grep -q "^-: OK (offset" && ok "validate - reads stdin" || bad "validate -"
"$BIN" view - --width 20 --colors mono <set/s2/demo_labels.png | grep -q "road" && ok "view - reads stdin" || bad "view -"
# A photo piped in is held to the decode limit, not to the 64 KiB the format sniff looks at.
"$BIN" demo --size 640x480 --out bigphoto >/dev/null
if [ "$(stat -c %s bigphoto/demo.png)" -gt 65536 ] && "$BIN" view - --width 20 <bigphoto/demo.png | grep -q "▀"; then
  ok "view - shows a $(stat -c %s bigphoto/demo.png)-byte photo from stdin"
else bad "view - of a photo over 64 KiB"; fi
expect_fail "convert IN - --to coco refused in one line" 2 "cannot go to a stream" -- "$BIN" convert set/s1/demo_labels.png - --to coco
mkfifo fifo.png
(cat fifo.png >from_fifo.png) &
"$BIN" convert set/s1/demo_labels.png fifo.png --to offset >/dev/null 2>&1; wait
[ -p fifo.png ] && "$BIN" info from_fifo.png >/dev/null && ok "convert into a FIFO writes into it (the FIFO stays)" || bad "fifo"
"$BIN" convert set/s1/demo_labels.png /dev/stdout --to offset 2>/dev/null | "$BIN" info - >/dev/null && [ -L /dev/stdout ] &&
  ok "convert … /dev/stdout into a pipe works and leaves /dev/stdout a link" || bad "/dev/stdout"

# --- info --textconv under git diff
mkdir repo && cd repo && git init -q && git config user.name t && git config user.email t@example.com
git config diff.panoptty.textconv "$BIN info --textconv"
echo '*_labels.png diff=panoptty' >.gitattributes
cp ../set/s1/demo_labels.png street_labels.png && cp ../set/s1/demo.png street.png
git add . && git commit -qm one
"$BIN" edit street.png -c 'class car; fill 20 22; w' 2>/dev/null
d=$(git diff street_labels.png)
if echo "$d" | grep -q '^+car #10 id 10002: [0-9]* px, bbox ' && ! echo "$d" | grep -q '^[-+]\(road\|sky\|person\)' &&
  echo "$d" | grep -q '^ road id 100: ' && ! echo "$d" | grep -q "Binary files"; then
  ok "git diff with the textconv: the new car and the segments it took pixels from change, road, sky and people do not"
else bad "textconv git diff: $d"; fi
cd ..

# --- another input written over a PNG a COCO JSON lists, in another format: refused, one
# file or a folder (the JSON kept describing labels that were gone, and validate passed)
mkdir -p lgt && "$BIN" convert set/s1/demo_labels.png lgt/a.png --to coco >/dev/null 2>&1 && "$BIN" convert set/s2/demo_labels.png lgt/b.png --to coco >/dev/null 2>&1
cp lgt/a.png lgt_a.bak && cp lgt/b.png lgt_b.bak
"$BIN" convert set/s3/demo_labels.png lgt/a.png --to offset 2>err; rc=$?
[ $rc -eq 2 ] && grep -q "lgt/a.png: .*lgt.json lists it as a COCO panoptic PNG; written over as offset" err && cmp -s lgt/a.png lgt_a.bak &&
  ok "convert --to offset over a PNG a COCO JSON lists is refused, the PNG untouched" || bad "offset over a listed COCO PNG: $rc $(cat err)"
mkdir -p lsrc && cp set/s3/demo_labels.png lsrc/a.png && cp set/s4/demo_labels.png lsrc/b.png
"$BIN" convert lsrc lgt --to offset 2>err; rc=$?
[ $rc -eq 2 ] && cmp -s lgt/a.png lgt_a.bak && cmp -s lgt/b.png lgt_b.bak && "$BIN" validate lgt >/dev/null 2>&1 &&
  ok "…a folder converted onto the dataset's PNGs too: refused before any is written, validate still passes" || bad "batch over listed COCO PNGs: $rc $(cat err)"
"$BIN" convert set/s3/demo_labels.png lgt/a.png --to coco >/dev/null 2>&1 && ! cmp -s lgt/a.png lgt_a.bak && "$BIN" validate lgt >/dev/null 2>&1 &&
  ok "…--to coco replaces it within the dataset" || bad "--to coco over a listed PNG"

# --- -j threads create files with the process's umask (reading it with umask(0) and back
# let other threads create files unmasked: some of 400 PNGs came out 0666 under umask 022)
mkdir -p many && for i in $(seq 400); do cp set/s1/demo_labels.png many/f${i}_labels.png; done
modes=""
for round in 1 2 3; do
  rm -rf many_out$round
  (umask 022 && "$BIN" convert many many_out$round --to offset -j 8 >/dev/null 2>&1)
  modes="$modes $(stat -c %a many_out$round/* | sort -u | tr '\n' ' ')"
done
[ "$(echo $modes | tr ' ' '\n' | sort -u | tr -d '\n')" = "644" ] && ok "convert -j 8: 1,200 files, every one 0644 under umask 022" || bad "file modes under umask 022: $modes"

summary
