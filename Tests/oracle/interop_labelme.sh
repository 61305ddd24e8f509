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
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh" "$@"
oracle_venv labelme "${PANOPTTY_LABELME_VENV:-$ROOT/.venv-labelme}" \
  "import numpy, PIL, importlib.util as u; assert u.find_spec('labelme')" \
  "numpy, pillow, labelme --no-deps" it "numpy pillow" "--no-deps labelme"
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
# Export (issue 12): panoptty's `convert --to labelme` of the demo scenes,
# painted by labelme's own shapes_to_label, against panoptty's label map
# pixel for pixel (class name and instance = group_id; stuff and crowd have
# no group_id). The differing pixels must be exactly the count panoptty
# reported on stderr (its own repaint with PillowPolygon): void inside a
# segment's outline, which labelme polygons cannot leave out.
cat >"$WORK/export.py" <<'PY'
import importlib.util, json, os, re, subprocess, sys, types
import numpy as np
from PIL import Image
spec = importlib.util.find_spec("labelme")
pkg = types.ModuleType("labelme"); pkg.__path__ = spec.submodule_search_locations
sys.modules["labelme"] = pkg
lf = types.ModuleType("labelme._label_file"); lf.ShapeDict = dict
sys.modules["labelme._label_file"] = lf
path = os.path.join(spec.submodule_search_locations[0], "utils", "shape.py")
s = importlib.util.spec_from_file_location("labelme_shape", path)
shape_mod = importlib.util.module_from_spec(s); s.loader.exec_module(shape_mod)

BIN, labels, out = sys.argv[1:4]
if len(sys.argv) > 4:
    # Void holes: 3×3 squares punched into the road near the bottom edge.
    im = Image.open(labels); a = np.array(im)
    void = int(dict(kv.split("=") for kv in im.info["panoptty"].split(";"))["void"])
    h, w = a.shape
    for x in range(4, w - 4, max(8, w // 6)): a[h - 5:h - 2, x:x + 3] = void
    from PIL.PngImagePlugin import PngInfo
    meta = PngInfo(); meta.add_text("panoptty", im.info["panoptty"])
    labels = labels.replace(".png", "_holes.png")
    Image.fromarray(a).save(labels, pnginfo=meta)
r = subprocess.run([BIN, "convert", labels, out, "--to", "labelme"], capture_output=True, text=True)
if r.returncode != 0:
    print(f"panoptty refused: {r.stderr.strip()}"); sys.exit(1)
m = re.search(r"(\d+) pixels differ", r.stderr)
reported = int(m.group(1)) if m else -1
info = subprocess.run([BIN, "info", labels], capture_output=True, text=True).stdout
names = {}
for line in info.splitlines():
    f = line.split()
    if len(f) >= 3 and f[0].isdigit() and f[2] in ("thing", "stuff"):
        names[int(f[0]) % 1000] = f[1]
void = int(re.search(r"void (\d+)", info).group(1))
ref = np.array(Image.open(labels)).astype(np.int64)
doc = json.load(open(out))
h, w = doc["imageHeight"], doc["imageWidth"]
assert ref.shape == (h, w)
shapes = doc["shapes"]
codes = {n: i + 1 for i, n in enumerate(sorted({sh["label"] for sh in shapes} | set(names.values())))}
cls, ins = shape_mod.shapes_to_label((h, w), shapes, codes)
# labelme's instance ids -> the shape's group_id (0: none), as shapes_to_label numbers them.
instances, groups = [], [0]
for k, sh in enumerate(shapes):
    g = sh.get("group_id")
    key = (sh["label"], ("group", g) if g is not None else ("shape", k))
    if key not in instances:
        instances.append(key)
        groups.append(g if g is not None else 0)
group = np.array(groups, dtype=np.int64)
want = np.where(ref % 1000 == void, 0, np.vectorize(lambda c: codes.get(names.get(c, ""), -1))(ref % 1000)) * 100000 \
    + np.where(ref % 1000 == void, 0, ref // 1000)
got = cls.astype(np.int64) * 100000 + group[ins]
differ = int((want != got).sum())
voids = int((ref % 1000 == void).sum())
print(f"{h}x{w}: {len(shapes)} shapes; labelme's shapes_to_label differs from panoptty's map on {differ} of {h*w} pixels "
      f"(map has {voids} void pixels); panoptty reported {reported}")
sys.exit(0 if differ == reported and (len(sys.argv) == 4 or differ > 0) else 1)
PY
for scene in 97x61:3 320x200:7 320x200:42 640x360:1 211x157:9; do
  size=${scene%%:*} seed=${scene##*:}
  dir="$WORK/demo-$size-$seed"
  if ! "$BIN" demo --size "$size" --seed "$seed" --out "$dir" >/dev/null 2>"$WORK/demo.err"; then
    bad "demo $size seed $seed: $(head -1 "$WORK/demo.err")"
    continue
  fi
  if out=$("$PY" "$WORK/export.py" "$BIN" "$dir/demo_labels.png" "$dir/demo.json" 2>&1); then
    ok "export demo $size seed $seed: $(tail -1 <<<"$out")"
  else
    bad "export demo $size seed $seed: $(tail -3 <<<"$out")"
  fi
done
# The same with void holes punched into the road: labelme cannot leave them
# out, and the count panoptty reports must be the one labelme's paint shows.
if out=$("$PY" "$WORK/export.py" "$BIN" "$WORK/demo-320x200-7/demo_labels.png" "$WORK/holes.json" holes 2>&1); then
  ok "export with void holes: $(tail -1 <<<"$out")"
else
  bad "export with void holes: $(tail -3 <<<"$out")"
fi
oracle_summary labelme
