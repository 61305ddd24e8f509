#!/usr/bin/env bash
# Interop oracle: labelme's own `shapes_to_label` (labelme/utils/shape.py,
# Pillow's ImageDraw underneath) against `panoptty convert` of the same
# labelme JSON (issue 12): 40 files with integer vertices (scripts, zoomed
# clicks) and 40 with fractional ones (a normal labelme session), polygons
# (convex, star-shaped and self-crossing) and rectangles, overlapping, partly
# outside the image. panoptty's classes and instances must equal labelme's
# pixel for pixel (on a failure the count of differing pixels off an edge
# tells a rasteriser slip from a labelling bug).
#   Instances: shapes with one label and group_id are one instance, thing
#     shapes without group_id one each, stuff merged (labelme numbers stuff
#     as instances too; compared as partitions).
# Its own venv (.venv-labelme, or PANOPTTY_LABELME_VENV): numpy, pillow and
# labelme --no-deps (labelme pulls Qt; shape.py needs only numpy and Pillow,
# loaded by path). One SKIP line if pip cannot install them.
set -uo pipefail
BIN=$(realpath "${1:-.build/debug/panoptty}")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="${PANOPTTY_LABELME_VENV:-$ROOT/.venv-labelme}"
PY="$VENV/bin/python"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
probe() { "$PY" -c "import numpy, PIL, importlib.util as u; assert u.find_spec('labelme')" 2>/dev/null; }
if ! probe; then
  echo "labelme: creating $VENV (numpy, pillow, labelme --no-deps)"
  if ! { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q --timeout 60 numpy pillow &&
    "$VENV/bin/pip" install -q --timeout 60 --no-deps labelme; } >"$WORK/pip.log" 2>&1 || ! probe; then
    echo "SKIP labelme: pip could not install it ($(grep -v '^\s*$' "$WORK/pip.log" | tail -1 | cut -c1-160))"
    echo "0 passed, 0 failed"
    exit 0
  fi
fi
pass=0
fail=0
ok() { echo "ok   $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
echo "labelme: labelme $("$PY" -c 'import importlib.metadata as m; print(m.version("labelme"), "Pillow", m.version("pillow"))')"

cat >"$WORK/oracle.py" <<'PY'
import importlib.util, json, os, subprocess, sys, types
import numpy as np
from PIL import Image
# labelme/__init__ imports Qt; shape.py needs only numpy and Pillow.
spec = importlib.util.find_spec("labelme")
pkg = types.ModuleType("labelme"); pkg.__path__ = spec.submodule_search_locations
sys.modules["labelme"] = pkg
lf = types.ModuleType("labelme._label_file"); lf.ShapeDict = dict
sys.modules["labelme._label_file"] = lf
path = os.path.join(spec.submodule_search_locations[0], "utils", "shape.py")
s = importlib.util.spec_from_file_location("labelme_shape", path)
shape_mod = importlib.util.module_from_spec(s); s.loader.exec_module(shape_mod)

BIN, work, mode = sys.argv[1:4]
CLASSES = {"person": (0, True), "car": (2, True), "dog": (16, True), "road": (100, False), "sky-other-merged": (119, False)}
rng = np.random.default_rng(5 if mode == "int" else 6)
total = differ = off_edge = 0
for n in range(40):
    h, w = int(rng.integers(8, 90)), int(rng.integers(8, 90))
    shapes = []
    for k in range(int(rng.integers(1, 9))):
        name = list(CLASSES)[rng.integers(0, len(CLASSES))]
        kind = ["polygon", "polygon", "polygon", "rectangle"][rng.integers(0, 4)]
        npts = 2 if kind == "rectangle" else int(rng.integers(3, 9))
        cx, cy = rng.uniform(-5, w + 5), rng.uniform(-5, h + 5)
        ang = np.sort(rng.uniform(0, 2 * np.pi, npts)) if rng.random() < 0.7 else rng.uniform(0, 2 * np.pi, npts)
        rad = rng.uniform(1, max(w, h) / 2, npts)
        pts = [[cx + r * np.cos(a), cy + r * np.sin(a)] for a, r in zip(ang, rad)]
        pts = [[float(round(x)), float(round(y))] if mode == "int" else [round(x, 3), round(y, 3)] for x, y in pts]
        group = int(rng.integers(1, 3)) if rng.random() < 0.4 else None
        shapes.append({"label": name, "points": pts, "group_id": group, "shape_type": kind, "flags": {}, "description": ""})
    doc = {"version": "5.4.1", "flags": {}, "shapes": shapes, "imagePath": f"{n}.jpg", "imageData": None,
           "imageHeight": h, "imageWidth": w}
    src, out = f"{work}/{mode}{n}.json", f"{work}/{mode}{n}.png"
    json.dump(doc, open(src, "w"))
    r = subprocess.run([BIN, "convert", src, out, "--to", "offset"], capture_output=True, text=True)
    if r.returncode != 0:
        print(f"file {n}: panoptty refused: {r.stderr.strip()}"); sys.exit(1)
    cls, ins = shape_mod.shapes_to_label((h, w), shapes, {k: i + 1 for i, k in enumerate(CLASSES)})
    got = np.array(Image.open(out)).astype(np.int64)
    names = list(CLASSES)
    want_cls = np.where(cls > 0, np.array([133] + [CLASSES[k][0] for k in names])[cls], 133)
    got_cls = got % 1000
    # Instances as partitions: things only (stuff instances of labelme are merged by class here).
    thing = np.isin(got_cls, [v for v, t in CLASSES.values() if t])
    want_key = want_cls * 100000 + np.where(np.isin(want_cls, [v for v, t in CLASSES.values() if t]), ins, 0)
    got_key = got
    pairs = set(zip(want_key.ravel().tolist(), got_key.ravel().tolist()))
    bijective = len(pairs) == len({a for a, _ in pairs}) == len({b for _, b in pairs})
    bad = (want_cls != got_cls)
    if not bijective and not bad.any():
        print(f"file {n}: same classes but different instances"); sys.exit(1)
    total += h * w
    differ += int(bad.sum())
    if bad.any():
        # A differing pixel must touch a label edge in labelme's map (4-neighbour change).
        pad = np.pad(want_key, 1, mode="edge")
        edge = np.zeros_like(bad)
        for dy, dx in [(0, 1), (2, 1), (1, 0), (1, 2)]:
            edge |= pad[dy:dy + h, dx:dx + w] != want_key
        off_edge += int((bad & ~edge).sum())
print(f"40 files, {total} pixels: {differ} differ from shapes_to_label ({off_edge} of them off an edge)")
sys.exit(0 if differ == 0 else 1)
PY
if out=$("$PY" "$WORK/oracle.py" "$BIN" "$WORK" int 2>&1); then
  ok "integer vertices: panoptty = labelme shapes_to_label pixel for pixel: $(tail -1 <<<"$out")"
else
  bad "integer vertices vs shapes_to_label: $(tail -3 <<<"$out")"
fi
if out=$("$PY" "$WORK/oracle.py" "$BIN" "$WORK" float 2>&1); then
  ok "fractional vertices: panoptty = labelme shapes_to_label pixel for pixel: $(tail -1 <<<"$out")"
else
  bad "fractional vertices vs shapes_to_label: $(tail -3 <<<"$out")"
fi
echo "labelme: $pass passed, $fail failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
