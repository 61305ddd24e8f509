#!/usr/bin/env bash
# Smart selection, side by side with OpenCV's GrabCut in one run:
#  1. NoC (clicks to IoU 0.85 / 0.90) with the peer bench's simulator
#     (../shared/peer-bench/interactive/noc.py) on the COCO sample's objects;
#     without ../shared, on the demo scene's objects (not comparable).
#  2. Whole-process time per click at 640x480 (`panoptty edit ... -c`).
#  3. Command -> frame time per click in the running editor at 640x480 and
#     1920x1080 (panoptty-bench smart).
# Writes bench/out/smart.md. Run from the repository: `make bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out/smart
mkdir -p "$OUT"
VENV=.venv-bench
if ! "$VENV/bin/python" -c "import numpy, PIL, cv2, scipy" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q numpy pillow opencv-python-headless scipy
fi
PY=$VENV/bin/python
swift build -c release --product panoptty >/dev/null
swift build -c release --product panoptty-bench >/dev/null
BIN=$(pwd)/.build/release/panoptty
SAMPLE=../shared/data/coco-panoptic-sample
NOC=../shared/peer-bench/interactive
if [ -f "$NOC/noc.py" ] && [ -d "$SAMPLE" ]; then
  DATA=$OUT/noc-coco
  [ -s "$DATA/000000142238_masks.npz" ] || "$PY" "$NOC/coco_masks.py" "$SAMPLE/panoptic_examples.json" \
    "$SAMPLE/panoptic_examples" "$SAMPLE/input_images" "$DATA" >/dev/null
  WHAT="the COCO sample (2 photos, every segment of at least 1000 px)"
else
  echo "bench/smart.sh: ../shared (peer-bench/interactive, the COCO sample) is absent; measuring timings on the demo scene only"
  NOC=""
  DATA=$OUT/noc-demo
  mkdir -p "$DATA"
  "$BIN" demo --force --size 640x400 --out "$OUT/demo" >/dev/null
  "$PY" - "$BIN" "$OUT/demo" "$DATA" <<'PY'
import json, subprocess, sys, numpy as np
from PIL import Image
b, d, out = sys.argv[1:4]
info = json.loads(subprocess.run([b, "info", d + "/demo_labels.png", "--json"], capture_output=True, text=True, check=True).stdout)
v = np.array(Image.open(d + "/demo_labels.png")).astype(np.int64)
if v.ndim == 3: v = v[..., 0] + 256 * v[..., 1] + 65536 * v[..., 2]
masks = [v == s["id"] for s in info["segments_info"] if s["area"] >= 1000]
Image.open(d + "/demo.png").convert("RGB").save(out + "/demo.png")
np.savez_compressed(out + "/demo_masks.npz", masks=np.stack(masks))
PY
  WHAT="the demo scene (not a real photo: numbers not comparable to the notes)"
fi
R=$OUT/../smart.md
{
  echo "## Smart selection ($(date -u +%Y-%m-%d), $WHAT)"
  echo
  if [ -n "$NOC" ]; then
    echo "NoC simulator: \`noc.py\` (box = 2 clicks, at most 20), OpenCV GrabCut from the same box with the same clicks, same run:"
    echo
    echo '```'
    "$PY" "$NOC/noc.py" "$BIN" "$DATA" --methods panoptty,pbox,grabcut
    echo '```'
    echo
  fi
  if [ -n "$NOC" ]; then
    "$VENV/bin/python" -c "import panopticapi" 2>/dev/null || "$VENV/bin/pip" install -q --no-deps panopticapi-lite==0.2.0
    echo "The whole job, smart selection only (bench/smart_whole_image.py: box + corrective clicks per segment, at most 8, stop at IoU 0.9; things first, then stuff, preserve on), scored by panopticapi:"
    echo
    echo '```'
    "$PY" bench/smart_whole_image.py "$BIN" "$SAMPLE/panoptic_examples.json" "$SAMPLE/panoptic_examples" \
      "$SAMPLE/input_images" "$OUT/whole"
    "$PY" bench/whole_image_ceiling.py "$SAMPLE/panoptic_examples.json" "$SAMPLE/panoptic_examples" "$OUT/whole"
    echo '```'
    echo
  fi
  "$PY" bench/smart_clicks.py "$DATA" "$OUT" 640 480 >/dev/null
  "$PY" bench/smart_clicks.py "$DATA" "$OUT" 1920 1080 >/dev/null
  echo "Whole process per click at 640x480 (\`panoptty edit PHOTO -c 'class person; box ...; include ...; accept; w'\`,"
  echo "one process per click, clicks as in bench/smart_clicks.py):"
  echo
  "$PY" - "$BIN" "$OUT/clicks_640x480.txt" <<'PY'
import subprocess, sys, time, os, tempfile
b, path = sys.argv[1:3]
times, photo, cmds = [], None, []
out = os.path.join(tempfile.mkdtemp(), "l.png")
def run():
    t = time.perf_counter()
    subprocess.run([b, "edit", photo, "--labels", out, "-c", "; ".join(["class person"] + cmds + ["accept", "w"])], capture_output=True, check=True)
    times.append((time.perf_counter() - t) * 1000)
    os.remove(out)
for line in open(path):
    w = line.split()
    if not w: continue
    if w[0] == "photo": photo = w[1]; continue
    if w[0] == "object": cmds = []; continue
    cmds.append(" ".join(w)); run()
times.sort()
print("    %d runs: median %.0f ms, p95 %.0f ms, max %.0f ms" % (len(times), times[len(times) // 2], times[int(len(times) * .95)], times[-1]))
PY
  echo
  echo "In the running editor (command -> finished 200x60 frame, \`panoptty-bench smart\`):"
  echo
  echo "    $(.build/release/panoptty-bench smart "$OUT/clicks_640x480.txt" | tr '\n' ';')"
  echo "    $(.build/release/panoptty-bench smart "$OUT/clicks_1920x1080.txt" | tr '\n' ';')"
} | tee "$R"
