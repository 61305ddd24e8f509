#!/usr/bin/env bash
# panoptty benchmarks, side by side with the tools users would otherwise use
# (chafa; OpenCV and Pillow), in one run. Writes bench/out/report.md.
# Needs: chafa hyperfine tmux (apt), a venv with numpy pillow opencv scipy
# (created here as .venv-bench). Run from the repository: `make bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=bench/out
mkdir -p "$OUT/img" "$OUT/scene"
RUNS=${RUNS:-11}
need=()
for pkg in chafa hyperfine tmux bsdutils time; do dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || need+=("$pkg"); done
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; fi
VENV=.venv-bench
if ! "$VENV/bin/python" -c "import numpy, PIL, cv2, scipy" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q numpy pillow opencv-python-headless scipy
fi
PEER=../shared/peer-bench
CATS=../shared/data/coco-panoptic-sample/panoptic_coco_categories.json
swift build -c release --product panoptty >/dev/null
swift build -c release --product panoptty-bench >/dev/null
BIN=$ROOT/.build/release/panoptty

# Test images: the peer study's photo-like PNGs and its 4K panoptic scene
# when ../shared is there; otherwise panoptty's own demo scene.
if [ -f "$PEER/terminal/make_images.py" ] && [ -f "$CATS" ]; then
  [ -f "$OUT/img/test_3840x2160.png" ] || "$VENV/bin/python" "$PEER/terminal/make_images.py" "$OUT/img" >/dev/null
  [ -f "$OUT/scene/photo.png" ] || "$VENV/bin/python" "$PEER/baselines/synth.py" "$CATS" "$OUT/scene" >/dev/null
  read -r SX SY < <("$VENV/bin/python" -c "
import sys, json; sys.path.insert(0, '$PEER/baselines'); import synth
sc = synth.make_scene(json.load(open('$CATS')), 3840, 2160, seed=1234); print(*synth.sky_seed(sc))")
  IMAGES="test_640x480 test_1920x1080 test_3840x2160"
else
  echo "bench: ../shared/peer-bench is absent; using panoptty's demo scene (numbers not comparable to the notes)"
  for s in 640x480 1920x1080 3840x2160; do "$BIN" demo --force --size $s --out "$OUT/demo-$s" >/dev/null; cp "$OUT/demo-$s/demo.png" "$OUT/img/test_$s.png"; done
  "$BIN" demo --force --size 3840x2160 --out "$OUT/scene" >/dev/null
  cp "$OUT/scene/demo.png" "$OUT/scene/photo.png"
  "$BIN" convert "$OUT/scene/demo_labels.png" "$OUT/scene/x/coco.png" --to coco --out-annotations "$OUT/scene/coco.json" >/dev/null
  mv "$OUT/scene/x/coco.png" "$OUT/scene/coco.png"
  "$BIN" convert "$OUT/scene/demo_labels.png" "$OUT/scene/value16.png" --to offset >/dev/null
  SX=100; SY=40
fi

R="$OUT/report.md"
{
  echo "# Benchmark run $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/{print $2}') GiB;"
  echo "$(swift --version 2>&1 | head -1); $(chafa --version | head -1); libpng $(pkg-config --modversion libpng16)."
  echo
  echo "## view vs chafa (whole process, 200x60 cells, half blocks, hyperfine median of $RUNS)"
  echo
  echo "| image | colours | panoptty ms | chafa ms | ratio | panoptty bytes | chafa bytes | panoptty peak RSS MB | chafa peak RSS MB |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
} >"$R"
for img in $IMAGES; do
  f="$OUT/img/$img.png"
  for c in truecolor 256; do
    cc=$([ $c = truecolor ] && echo full || echo 256)
    hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$OUT/h.json" \
      "$BIN view $f --width 200 --height 60 --colors $c --no-legend" \
      "chafa --symbols vhalf -s 200x60 -c $cc $f" >/dev/null 2>&1
    read -r ours theirs < <(python3 -c "
import json; r = json.load(open('$OUT/h.json'))['results']; print(r[0]['median'] * 1000, r[1]['median'] * 1000)")
    ob=$("$BIN" view "$f" --width 200 --height 60 --colors $c --no-legend | wc -c)
    cb=$(chafa --symbols vhalf -s 200x60 -c $cc "$f" | wc -c)
    orss=$( { /usr/bin/time -f %M "$BIN" view "$f" --width 200 --height 60 --colors $c --no-legend >/dev/null; } 2>&1 | tail -1)
    crss=$( { /usr/bin/time -f %M chafa --symbols vhalf -s 200x60 -c $cc "$f" >/dev/null; } 2>&1 | tail -1)
    python3 -c "print('| $img | $c | %.1f | %.1f | %.2f | $ob | $cb | %.0f | %.0f |' % ($ours, $theirs, $ours / $theirs, $orss / 1024, $crss / 1024))" >>"$R"
  done
done
{
  echo
  echo "## In-process, 3840x2160 (panoptty-bench, median [min-max] of $RUNS)"
  echo
  echo '```'
  .build/release/panoptty-bench "$OUT/scene/photo.png" "$OUT/scene/coco.png" "$OUT/scene/coco.json" "$SX" "$SY" "$RUNS"
  echo '```'
  echo
  echo "## Same files, same seed: OpenCV and Pillow (bench/peers.py)"
  echo
  echo '```'
  "$VENV/bin/python" bench/peers.py "$OUT/scene/photo.png" "$OUT/scene/coco.png" "$OUT/scene/value16.png" "$SX" "$SY" "$RUNS"
  echo '```'
  echo
  echo "## Editor: bytes on the pty (script(1) in a 200x60 tmux pane, 1920x1080 photo)"
  echo
  for c in 256 truecolor; do echo "- $c colours: $(bash bench/editor_bytes.sh "$BIN" "$OUT/img/test_1920x1080.png" $c)"; done
  echo
  echo "## Editor: 3840x2160 session with 200 edits (--script), whole process"
  echo
  python3 - "$OUT/edits200.txt" <<'PY'
import random, sys
random.seed(3)
cls = ["car", "person", "road", "sky-other-merged", "tree-merged"]
with open(sys.argv[1], "w") as f:
    for i in range(200):
        x, y = random.randrange(3840), random.randrange(2160)
        k = i % 4
        if k == 0: f.write(f"class {random.choice(cls)}\n")
        elif k == 1: f.write(f"fill {x} {y}\n")
        elif k == 2: f.write(f"paint {x} {y} {min(3839, x + 300)} {min(2159, y + 80)}\n")
        else: f.write(f"rect {x} {y} {min(3839, x + 120)} {min(2159, y + 90)}\n")
PY
  cp "$OUT/scene/photo.png" "$OUT/session.png"; rm -f "$OUT/session_labels.png"
  /usr/bin/time -f "- new labels: %e s wall, peak RSS %M KB" "$BIN" edit "$OUT/session.png" --script "$OUT/edits200.txt" 2>&1 | grep peak
  /usr/bin/time -f "- reopening the saved 4K labels and editing again: %e s wall, peak RSS %M KB" "$BIN" edit "$OUT/session.png" --script "$OUT/edits200.txt" 2>&1 | grep peak
} >>"$R" 2>&1
cat "$R"
