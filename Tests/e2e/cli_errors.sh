#!/usr/bin/env bash
# Every bad input gets one line on stderr naming the file and the problem,
# exit 1 (2 for usage), and no output file is written or changed.
set -u
BIN=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
printf 'not a png at all' >notpng.png
: >empty.png
"$BIN" demo --size 64x48 --out demo >/dev/null
"$BIN" demo --size 80x48 --out other >/dev/null
"$BIN" edit demo/demo.png --labels toothbrush.png -c 'class toothbrush; rect 0 0 3 3' 2>/dev/null
head -c 300 demo/demo_labels.png >trunc.png
cp demo/demo_labels.png good.png
mkdir ro_target && echo "keep" >ro_target/keep.txt
python3 - <<'PY'
import struct, zlib
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
sig = b"\x89PNG\r\n\x1a\n"
idat = chunk(b"IDAT", zlib.compress(b"\x00\x00\x00"))
open("crc.png", "wb").write(sig + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 16, 0, 0, 0, 0))[:-1] + b"\x00" + idat + chunk(b"IEND", b""))
open("zero.png", "wb").write(sig + chunk(b"IHDR", struct.pack(">IIBBBBB", 0, 0, 16, 0, 0, 0, 0)) + idat + chunk(b"IEND", b""))
open("bomb.png", "wb").write(sig + chunk(b"IHDR", struct.pack(">IIBBBBB", 100000, 100000, 16, 0, 0, 0, 0)) + idat + chunk(b"IEND", b""))
# A 16-bit offset file whose class part (150) is not in COCO's 133 classes.
raw = b"".join(b"\x00" + struct.pack(">H", 150) * 4 for _ in range(4))
open("unknown_class.png", "wb").write(sig + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 16, 0, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
PY
mkdir -p set && cp good.png set/a.png
"$BIN" convert good.png set/a.png --to coco >/dev/null
echo '{ broken' >bad.json
echo '[{"id": 1, "name": "x", "isthing": 1, "color": [1, 2]}]' >badcats.json # a missing colour is generated (issue 12); a bad one is refused

expect_fail "not a PNG" 1 "notpng.png: not a PNG file (bad signature)" -- "$BIN" info notpng.png
expect_fail "empty file" 1 "empty.png: the file is empty (0 bytes), not a label PNG" -- "$BIN" info empty.png
expect_fail "truncated" 1 "trunc.png: truncated PNG" -- "$BIN" info trunc.png
expect_fail "CRC error" 1 "crc.png: corrupt PNG: IHDR: CRC error" -- "$BIN" info crc.png
expect_fail "0x0" 1 "zero.png: corrupt PNG" -- "$BIN" validate zero.png
expect_fail "over the limit" 1 "bomb.png: PNG over the decode limits" -- "$BIN" info bomb.png
expect_fail "missing file" 1 "nothere.png: No such file or directory" -- "$BIN" info nothere.png
# A symlink loop says what it is and what to do (strerror alone said "Too many levels of symbolic links").
ln -sfn loop_b.png loop_a.png && ln -sfn loop_a.png loop_b.png
expect_fail "symlink loop (info)" 1 "loop_a.png: too many levels of symbolic links (a link that loops, or a link where panoptty follows none); give the real file's path" -- "$BIN" info loop_a.png
expect_fail "symlink loop (edit)" 1 "a link that loops" -- "$BIN" edit demo/demo.png --labels loop_a.png -c 'class car; fill 5 5'
# A misspelt class name gets the name it was meant to be.
expect_fail "misspelt class" 1 "-c:1: no class \"persn\" in coco (did you mean person?); nothing was saved" -- "$BIN" edit demo/demo.png --labels misspelt.png -c 'class persn'
# An untagged gray file with no instance id is refused unless --format says offset (issue 12).
expect_fail "unknown class" 1 "unknown_class.png: value 150: class 150 is not in the coco catalog" -- "$BIN" info unknown_class.png --format offset
expect_fail "malformed JSON" 1 "bad.json: not valid JSON" -- "$BIN" info set/a.png --annotations bad.json
expect_fail "missing JSON" 1 "no COCO annotations found" -- "$BIN" info set/a.png --format coco --annotations none.json
expect_fail "bad catalog" 1 "badcats.json: category \"x\" has no \"color\"" -- "$BIN" info good.png --classes badcats.json
out=$("$BIN" validate good.png --image other/demo.png); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -qF "good.png: size 64×48 does not match the image other/demo.png (80×48)" && ok "validate: size mismatch listed, exit 1" || bad "size mismatch: $rc $out"
expect_fail "edit: size mismatch" 1 "the labels are 64×48 but other/demo.png is 80×48" -- "$BIN" edit other/demo.png --labels good.png -c 'class car'
expect_fail "usage: no such format" 2 "The value 'jpeg' is invalid for '--to <to>'" -- "$BIN" convert good.png out.png --to jpeg
expect_fail "usage: 2ch is read only" 2 "read only" -- "$BIN" convert good.png out.png --to coco-2ch
expect_fail "convert from corrupt input" 1 "trunc.png: truncated PNG" -- "$BIN" convert trunc.png out.png --to offset
[ ! -e out.png ] && ok "no output written for failed converts" || bad "out.png was written"
expect_fail "convert into a missing folder" 1 "nodir/x.png: the folder" -- "$BIN" convert good.png nodir/x.png --to offset
before=$(md5sum set/a.png)
expect_fail "convert refuses unencodable" 1 "does not fit" -- "$BIN" convert toothbrush.png set/a_instanceIds.png --to cityscapes
[ "$(md5sum set/a.png)" = "$before" ] && [ ! -e set/a_instanceIds.png ] && ok "target folder untouched" || bad "files changed"
# The JSON's lock file goes with its holder (a waiter checks it locked the file the name leads to).
[ -z "$(ls -A "$W" | grep panoptty-)" ] && ok "no temporary or lock files left" || bad "temporary or lock files left: $(ls -A "$W" | grep panoptty-)"
# --recover with nothing to recover says so and changes nothing (a script
# must not run on the saved file as if the lost edits had come back).
before=$(md5sum demo/demo_labels.png)
expect_fail "--recover with no journal" 1 "--recover: there is no unsaved work for" -- "$BIN" edit demo/demo.png --recover -c 'class sky; fill 1 1'
expect_fail "--recover with --read-only" 2 "--read-only does not touch the crash journal" -- "$BIN" edit demo/demo.png --recover --read-only -c 'class sky; fill 1 1'
[ "$(md5sum demo/demo_labels.png)" = "$before" ] && ok "…the labels keep their bytes" || bad "--recover with nothing to recover changed the labels"
expect_fail "--recover in dataset mode" 2 "--recover and --discard-recovery take one photo" -- "$BIN" edit demo --recover
# A name that is not UTF-8 (Latin-1 é) is opened by its bytes, shown as \xE9, and refused by
# COCO (a JSON can only name it in UTF-8) with nothing written.
L1=$(printf 'caf\xe9')
cp good.png "$L1.png" && cp demo/demo.png "${L1}_photo.png"
out=$("$BIN" info "$L1.png" 2>&1); rc=$?
[ $rc -eq 0 ] && echo "$out" | head -1 | grep -qF 'caf\xE9.png: 64×48' && ok "info opens a Latin-1 name, shows it as \\xE9" || bad "Latin-1 info: $rc $out"
out=$("$BIN" edit "${L1}_photo.png" --labels "$L1.png" -c 'class car; fill 1 1; w' 2>&1); rc=$?
[ $rc -eq 0 ] && echo "$out" | grep -qF 'wrote caf\xE9.png' && ok "edit saves over a Latin-1 name" || bad "Latin-1 edit: $rc $out"
expect_fail "COCO refuses a non-UTF-8 name" 2 "its name is not UTF-8, and a COCO JSON names its files in UTF-8" -- "$BIN" convert "$L1.png" "c$L1.png" --to coco --out-annotations l1.json
[ ! -e "c$L1.png" ] && [ ! -e l1.json ] && ok "…and writes nothing" || bad "COCO refusal wrote files"
# A COCO JSON whose images entry gives another size than the PNG's (Detectron2 sizes from it).
mkdir -p ww && cp set/a.png ww/a.png && python3 -c '
import json; d = json.load(open("set.json")); d["images"][0]["width"] += 1; json.dump(d, open("ww.json", "w"))'
out=$("$BIN" validate ww/a.png); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -qF 'ww.json gives it 65×48 in "images" but the PNG is 64×48' && ok "validate: the JSON's image size must be the PNG's" || bad "declared size: $rc $out"
# validate lists each problem and exits 1; clean files exit 0
"$BIN" validate good.png >/dev/null && ok "validate clean file exits 0" || bad "validate clean file"
out=$("$BIN" validate unknown_class.png --format offset); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "1 problem" && ok "validate lists problems, exit 1" || bad "validate problems: $rc $out"
# A bad value is named by the option the user typed: convert's output options are --out-*, and a
# flag is not blamed on the file's tag (they used to say "--void 133" for --out-offset 133).
expect_fail "--out-offset too small for the void class names the output options" 2 "--out-void 133 must be between 0 and 132, below the offset 133; use a larger --out-offset" -- "$BIN" convert demo/demo_labels.png o.png --to offset --out-offset 133
expect_fail "--out-divisor 0 is named as given" 2 "--out-divisor 0 is out of range" -- "$BIN" convert demo/demo_labels.png o.png --to deeplab2 --out-divisor 0
expect_fail "a negative --out-void reads as a value, not a missing one" 2 "--out-void -5 must be between 0" -- "$BIN" convert demo/demo_labels.png o.png --to offset --out-void -5
expect_fail "-j -1 says the range" 2 "-j must be from 1 to 1024" -- "$BIN" info demo -j -1
expect_fail "--shard 0/3 says what K/N takes" 2 "--shard takes K/N with 1 <= K <= N" -- "$BIN" info demo --shard 0/3
expect_fail "--void 50 on a tagged file blames the flag, not the tag" 2 "--void 50 is the class \"broccoli\"; void must be 133 or more" -- "$BIN" info demo/demo_labels.png --void 50
expect_fail "--out-void with --to coco is refused, not dropped" 2 "--out-void is for --to offset and the class-major formats" -- "$BIN" convert demo/demo_labels.png o.png --to coco --out-void 5
expect_fail "--out-offset with --to cityscapes is refused, not dropped" 2 "--out-offset is for --to offset" -- "$BIN" convert demo/demo_labels.png o.png --to cityscapes --out-offset 2000
expect_fail "an --out-offset no catalog class fits is a usage error too" 2 "more than the offset 5 can hold; use a larger --out-offset" -- "$BIN" convert demo/demo_labels.png o.png --to offset --out-offset 5
[ ! -e o.png ] && ok "none of them wrote o.png" || bad "o.png written"
# A save target that cannot work fails at its line, before the script's later lines run.
expect_fail "w into a missing folder fails at its line" 1 "-c:1:26: nodir/x.png: the folder nodir does not exist; make it first (mkdir -p nodir); nothing was saved" -- "$BIN" edit demo/demo.png --labels o2.png -c 'class car; rect 0 0 3 3; w nodir/x.png; rect 5 5 6 6'
expect_fail "w onto a folder fails at its line" 1 "-c:1:26: demo/ is a folder; name the file to save" -- "$BIN" edit demo/demo.png --labels o2.png -c 'class car; rect 0 0 3 3; w demo/; rect 5 5 6 6'
expect_fail "w under a .json name is refused" 1 "x.json: panoptty saves label PNGs" -- "$BIN" edit demo/demo.png --labels o2.png -c 'class car; rect 0 0 3 3; w x.json'
expect_fail "w with an empty name fails at its line" 1 "-c:1:26: w needs a file name" -- "$BIN" edit demo/demo.png --labels o2.png -c 'class car; rect 0 0 3 3; w ""'
expect_fail "w - (the screen) is refused" 1 "- is standard output, which is the editor's screen" -- "$BIN" edit demo/demo.png --labels o2.png -c 'class car; rect 0 0 3 3; w -'
expect_fail "w into a file as a folder says it is a file" 1 "demo/demo.png is a file, not a folder" -- "$BIN" edit demo/demo.png --labels o2.png -c 'class car; rect 0 0 3 3; w demo/demo.png/x.png'
[ ! -e o2.png ] && [ ! -e x.json ] && ok "…and none of them saved anything" || bad "a refused script saved"
expect_fail "--out-annotations - is refused before anything is written" 2 "--out-annotations names the COCO JSON file to write" -- "$BIN" convert demo/demo_labels.png other/demo_labels.png outdir --to coco --out-annotations -
[ ! -e outdir ] && ok "…and made no folder" || bad "--out-annotations - made outdir"
expect_fail "--shard -1/3 says what K/N takes" 2 "--shard takes K/N" -- "$BIN" info demo --shard -1/3
summary
