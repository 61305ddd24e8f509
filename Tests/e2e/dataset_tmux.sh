#!/usr/bin/env bash
# Dataset mode (issue 11 §1): `panoptty edit FOLDER` walks the photos; next
# saves and moves on, mark records the state in panoptty-status.tsv, a second
# editor on the same folder skips the image the first one holds and says
# who; `panoptty status` sums it up. Two real editors under tmux, on a plain
# folder, a COCO dataset JSON and a Cityscapes split (next problem too).
set -u
BIN=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
command -v tmux >/dev/null || { echo "FAIL tmux is not installed (run scripts/setup.sh)"; echo "0 passed, 1 failed"; exit 1; }
W=$(mktemp -d)
T="tmux -L panoptty-dataset-$$ -f /dev/null"
# A session that outlives every test: with none left, tmux's server exits, and a test
# starting its session in that instant finds a dying server ("server exited unexpectedly").
$T new-session -d -s keepalive -x 20 -y 5 "sleep 86400" 2>/dev/null
cleanup() { $T kill-server 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
cd "$W"
mkdir ds
for s in 1 2 3; do "$BIN" demo --size 96x64 --seed $s --out src$s >/dev/null; done
cp src1/demo.png ds/a.png; cp src2/demo.png ds/b.png; cp src3/demo.png ds/c.png
wait_for() { # session, text
  for _ in $(seq 300); do
    $T capture-pane -t "$1" -p 2>/dev/null | grep -qF -- "$2" && return 0
    sleep 0.05
  done
  echo "     (screen of $1 while waiting for '$2':)"; $T capture-pane -t "$1" -p | tail -3 | sed 's/^/     /'
  return 1
}
cmd() { $T send-keys -t "$1" -l ":$2"; $T send-keys -t "$1" Enter; }
start() { $T new-session -d -s "$1" -x 140 -y 40 "env TERM=xterm-256color LANG=C.UTF-8 $BIN edit ds 2>$W/$1.err; echo \$? >$W/$1.rc"; $T set-option -t "$1" remain-on-exit on >/dev/null; }

start e1
wait_for e1 "img 1/3" && $T capture-pane -t e1 -p | grep -q "a_labels.png" && ok "edit FOLDER opens the first photo, img 1/3 a_labels.png" || bad "first image"
cmd e1 "class car"; cmd e1 "fillby label"; cmd e1 "fill 5 5"
wait_for e1 "filled car #1" && ok "labelling works in dataset mode" || bad "fill"
$T send-keys -t e1 M
wait_for e1 "marked a.png done" && ok "M marks the image done" || bad "mark done"
grep -qP "^a.png\tdone\t" ds/panoptty-status.tsv && ok "the status file records a.png done, by whom and when" || bad "status file: $(cat ds/panoptty-status.tsv 2>&1)"
$T send-keys -t e1 ">"
wait_for e1 "img 2/3" && ok "> saves and opens the next photo (img 2/3)" || bad "next"
[ -s ds/a_labels.png ] && "$BIN" info ds/a_labels.png | grep -q "car" && ok "moving on saved a_labels.png with the car" || bad "a_labels.png not saved"
$T capture-pane -t e1 -p | grep -q "car new#1" && ok "the class carries over to the next image" || bad "class not carried over"

start e2
wait_for e2 "img 3/3" && ok "a second editor skips the done image and the one the first editor holds (img 3/3)" || bad "second editor"
$T capture-pane -t e2 -p | grep -q "skipped b.png" && ok "…and says it skipped b.png and why" || bad "no skip message"
before=$(ls -A ds | sort)
out=$("$BIN" status ds)
[ "$(ls -A ds | sort)" = "$before" ] && ok "status probes the locks without creating or removing a file" || bad "status changed the folder"
echo "$out" | grep -qE "done +1" && echo "$out" | grep -qE "editing +2" && ok "panoptty status: 1 done, 2 being edited" || bad "status: $out"
"$BIN" status ds --list | grep -qP "^b.png\t-\t-\t-\t-\tediting: " && ok "status --list names who edits b.png" || bad "status --list: $("$BIN" status ds --list)"
"$BIN" status ds --shard 2/3 | grep -q ": 1 image$" && ok "--shard 2/3 keeps one of three photos" || bad "shard"

$T send-keys -t e1 "<"
wait_for e1 "img 1/3" && ok "< goes back to a.png" || bad "prev"
$T capture-pane -t e1 -p | grep -q "car #1" || cmd e1 "goto 5 5"
wait_for e1 "car #1" && ok "its saved labels are there" || bad "a.png labels on reopen"
$T send-keys -t e1 ")"
wait_for e1 "img 2/3" && ok ") goes to the next image still to do" || bad "next todo"
cmd e1 "q"; cmd e2 "q"
for _ in $(seq 100); do [ -s "$W/e1.rc" ] && [ -s "$W/e2.rc" ] && break; sleep 0.05; done
[ "$(cat "$W/e1.rc" 2>/dev/null)$(cat "$W/e2.rc" 2>/dev/null)" = 00 ] && ok "both editors quit cleanly" || bad "exit: $(cat "$W"/e*.rc "$W"/e*.err 2>&1)"
! ls -A ds | grep -q "_labels.png.panoptty-lock" && ok "no editor lock left behind" || bad "locks left: $(ls -A ds)"
"$BIN" edit ds -c 'q' >/dev/null 2>&1; [ $? = 2 ] && ok "edit FOLDER with -c is refused (dataset mode needs a terminal)" || bad "scripted folder"

# --- a COCO panoptic dataset: photos in one folder, the JSON listing them,
# label PNGs in its sibling folder; one image listed but not labelled yet.
mkdir -p cphotos ann/panoptic_x
cp ds/a.png cphotos/a.png; cp ds/b.png cphotos/b.png; cp ds/c.png cphotos/c.png
"$BIN" convert src1/demo_labels.png ann/panoptic_x/a.png --to coco --out-annotations ann/panoptic_x.json >/dev/null
"$BIN" convert src2/demo_labels.png ann/panoptic_x/b.png --to coco --out-annotations ann/panoptic_x.json >/dev/null
python3 - <<'PY'
import json
d = json.load(open("ann/panoptic_x.json"))
for i in d["images"]:
    i["file_name"] = i["file_name"].rsplit(".", 1)[0] + ".png"
d["images"].append({"id": 777, "file_name": "c.png", "width": 96, "height": 64})
json.dump(d, open("ann/panoptic_x.json", "w"))
PY
$T new-session -d -s co -x 140 -y 40 "env TERM=xterm-256color LANG=C.UTF-8 $BIN edit ann/panoptic_x.json --images cphotos 2>$W/co.err; echo \$? >$W/co.rc"
$T set-option -t co remain-on-exit on >/dev/null
wait_for co "img 1/3" && wait_for co "96×64, 16 labels" && ok "edit DATASET.json --images DIR opens the JSON's first image with its COCO labels" || bad "COCO dataset start: $(cat $W/co.err)"
cmd co "image 3"
wait_for co "img 3/3" && wait_for co "new label file" && ok "an image listed without labels opens as a new COCO label file" || bad "COCO image 3"
cmd co "class car"; cmd co "fillby label"; cmd co "fill 5 5"; cmd co "mark done"; cmd co "wq"
for _ in $(seq 100); do [ -s "$W/co.rc" ] && break; sleep 0.05; done
python3 - <<'PY' && ok "the save filled c.png's listed images entry (id 777): one annotation, no twin entry" || bad "COCO dataset save: $(cat ann/panoptic_x.json | head -c 600)"
import json, sys
d = json.load(open("ann/panoptic_x.json"))
imgs = [i for i in d["images"] if i["file_name"].startswith("c.")]
anns = [a for a in d["annotations"] if a["file_name"] == "c.png"]
sys.exit(0 if len(imgs) == 1 and imgs[0]["id"] == 777 and len(anns) == 1 and anns[0]["image_id"] == 777 and len(anns[0]["segments_info"]) == 1 else 1)
PY
"$BIN" validate ann/panoptic_x/c.png --annotations ann/panoptic_x.json >/dev/null && ok "…and the new pair validates" || bad "c.png does not validate"
grep -qP "^c.png\tdone\t" ann/panoptic_x/panoptty-status.tsv && ok "the status file of a COCO dataset sits beside its label PNGs" || bad "COCO status file"

# --- a Cityscapes split: photos in leftImg8bit/val/CITY, labels in the
# parallel gtFine/val/CITY tree (which does not exist yet); two cities.
for c in aachen bonn; do mkdir -p cs/leftImg8bit/val/$c; done
cp ds/a.png cs/leftImg8bit/val/aachen/aachen_000000_000001_leftImg8bit.png
cp ds/b.png cs/leftImg8bit/val/aachen/aachen_000000_000002_leftImg8bit.png
cp ds/c.png cs/leftImg8bit/val/bonn/bonn_000000_000001_leftImg8bit.png
csl=cs/gtFine/val/aachen/aachen_000000_000001_gtFine_instanceIds.png
$T new-session -d -s cs1 -x 140 -y 40 "env TERM=xterm-256color LANG=C.UTF-8 $BIN edit cs/gtFine/val 2>$W/cs1.err; echo \$? >$W/cs1.rc"
$T set-option -t cs1 remain-on-exit on >/dev/null
wait_for cs1 "img 1/3" && wait_for cs1 "(cityscapes)" && ok "edit gtFine/val opens a Cityscapes split: img 1/3, a new label file in the Cityscapes format" || bad "Cityscapes start: $(cat $W/cs1.err)"
cmd cs1 "class car"; cmd cs1 "fillby label"; cmd cs1 "fill 5 5"
wait_for cs1 "filled car #1" && ok "Cityscapes classes are the catalog in dataset mode" || bad "Cityscapes fill"
$T send-keys -t cs1 M
wait_for cs1 "marked aachen/aachen_000000_000001_leftImg8bit.png done" && ok "M marks CITY/NAME done" || bad "Cityscapes mark"
$T send-keys -t cs1 ">"
wait_for cs1 "img 2/3" && ok "> moves to the next photo of the city" || bad "Cityscapes next"
"$BIN" info "$csl" 2>&1 | grep -q "format cityscapes" && "$BIN" info "$csl" | grep -q " car " && ok "the labels were saved as gtFine/val/aachen/…_gtFine_instanceIds.png (Cityscapes, with the car)" || bad "Cityscapes save: $(ls -R cs/gtFine 2>&1 | tr '\n' ' ')"
grep -qP "^aachen/aachen_000000_000001_leftImg8bit.png\tdone\t" cs/gtFine/val/panoptty-status.tsv && ok "the status file sits in gtFine/val with CITY/NAME keys" || bad "Cityscapes status file: $(cat cs/gtFine/val/panoptty-status.tsv 2>&1)"
# A second annotator opens one city from the photo tree: the same dataset
# (one status file), and the image the first one holds is skipped.
$T new-session -d -s cs2 -x 140 -y 40 "env TERM=xterm-256color LANG=C.UTF-8 $BIN edit cs/leftImg8bit/val/aachen 2>$W/cs2.err; echo \$? >$W/cs2.rc"
$T set-option -t cs2 remain-on-exit on >/dev/null
wait_for cs2 "img 1/2" && $T capture-pane -t cs2 -p | grep -q "skipped aachen/aachen_000000_000002_leftImg8bit.png" && ok "a second editor on leftImg8bit/val/aachen skips the image the first one holds and says so" || bad "Cityscapes second editor: $(cat $W/cs2.err)"
out=$("$BIN" status cs/gtFine/val)
echo "$out" | grep -qE "^cs/gtFine/val: 3 images" && echo "$out" | grep -qE "done +1" && echo "$out" | grep -qE "editing +2" && ok "status gtFine/val: 3 images, 1 done, 2 being edited" || bad "Cityscapes status: $out"
cmd cs2 "q"
# next problem: bonn's labels have a 3x3 stray piece of car #1 (brush 1).
mkdir -p cs/gtFine/val/bonn
"$BIN" edit cs/leftImg8bit/val/bonn/bonn_000000_000001_leftImg8bit.png --labels cs/gtFine/val/bonn/bonn_000000_000001_gtFine_instanceIds.png \
  -c 'class car; rect 10 10 20 20; pick 12 12; brush 1; paint 40 30' >/dev/null 2>&1
$T send-keys -t cs1 "!"
wait_for cs1 "img 3/3" && wait_for cs1 "stray piece of 9 px at 39,29" && ok "! (next problem) jumps to the image with a stray piece and names it" || bad "next problem"
$T capture-pane -t cs1 -p | grep -qE "39,29" && ok "…with the cursor on the piece" || bad "cursor not at the piece"
$T send-keys -t cs1 "!"
wait_for cs1 "bonn_000000_000001_leftImg8bit.png: car #1 has a stray piece" && ok "! again finds the same image while it is not fixed" || bad "next problem again"
cmd cs1 "q"
for _ in $(seq 100); do [ -s "$W/cs1.rc" ] && break; sleep 0.05; done
[ "$(cat "$W/cs1.rc" 2>/dev/null)" = 0 ] && ok "the Cityscapes session quits cleanly" || bad "Cityscapes exit: $(cat "$W"/cs1.rc "$W"/cs1.err 2>&1)"
out=$("$BIN" status cs/gtFine 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "open one: cs/gtFine/val" && ok "the gtFine tree itself is refused with the splits to open" || bad "gtFine root: $rc $out"
out=$("$BIN" status cs/gtFine/val --images cphotos 2>&1); rc=$?
[ $rc = 2 ] && echo "$out" | grep -q "is for a COCO dataset JSON" && ok "--images with a folder is refused, not ignored" || bad "--images on a folder: $rc $out"
out=$("$BIN" edit ds/a.png --shard 1/2 -c 'q' 2>&1); rc=$?
[ $rc = 2 ] && echo "$out" | grep -q "dataset mode" && ok "--shard with one photo is refused, not ignored" || bad "--shard on a photo: $rc $out"

# --- hostile files in a shared dataset folder
mkdir hs; cp ds/a.png hs/a.png; echo secret >outside.txt
ln -s ../outside.txt hs/panoptty-status.tsv
out=$("$BIN" status hs 2>&1); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "is a symlink" && [ "$(cat outside.txt)" = secret ] && ok "a symlink planted as the status file is refused, never followed" || bad "status symlink: $rc $out"
rm hs/panoptty-status.tsv; mkfifo hs/panoptty-status.tsv
out=$(timeout 5 "$BIN" status hs 2>&1); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "not a regular file" && ok "a FIFO planted as the status file is refused, not waited on" || bad "status fifo: $rc $out"
python3 - <<'PY'
import json
d = json.load(open("ann/panoptic_x.json"))
d["annotations"][0]["file_name"] = "../../far/evil.png"
json.dump(d, open("ann/trav.json", "w"))
PY
mkdir -p ann/trav
$T new-session -d -s tr -x 140 -y 40 "env TERM=xterm-256color $BIN edit ann/trav.json --images cphotos 2>$W/tr.err; echo \$? >$W/tr.rc"
for _ in $(seq 100); do [ -s "$W/tr.rc" ] && break; sleep 0.05; done
[ "$(cat $W/tr.rc)" = 1 ] && grep -q "not a plain name" $W/tr.err && [ ! -e far ] && ok "a COCO JSON naming ../../far/evil.png is refused in one line" || bad "traversal: $(cat $W/tr.rc) $(cat $W/tr.err)"
out=$("$BIN" edit ds/c.png --labels sel.png -c 'class car; box 1 1 40 40; include 20 20' 2>&1); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "never accepted" && [ ! -e sel.png ] && ok "a script that leaves a selection unaccepted fails and saves nothing" || bad "unaccepted selection: $rc $out"
summary
