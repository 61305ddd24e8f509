#!/usr/bin/env bash
# Interop oracle: CVAT "Segmentation mask 1.1", both ways, through the code
# CVAT itself uses for it — datumaro's `voc_segmentation` exporter and
# importer (CVAT's mask export calls dataset.export(..., "voc_segmentation",
# apply_colormap=True); its import calls import_from(..., "voc")) (issue 12).
#   datumaro -> panoptty: masks of COCO classes (things and stuff) exported by
#     datumaro (labelmap.txt, SegmentationClass/, SegmentationObject/);
#     `panoptty convert SegmentationClass/NAME.png --to offset` must give the
#     same class on every pixel and the same instances (as partitions).
#   panoptty -> datumaro: the demo scene written with `convert --to cvat`;
#     datumaro's importer must find one mask per segment with the same class
#     name and pixels as panoptty's offset file.
#   Refusals: an unknown class colour, a labelmap class not in the catalog.
# Its own venv (.venv-datumaro, or PANOPTTY_DATUMARO_VENV, shared with
# interop_datumaro.sh); one SKIP line if pip cannot install datumaro.
set -uo pipefail
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh" "$@"
oracle_venv cvat "${PANOPTTY_DATUMARO_VENV:-$ROOT/.venv-datumaro}" "import datumaro" \
  "pip install datumaro" datumaro datumaro
echo "cvat: datumaro $("$PY" -c 'import datumaro; print(datumaro.__version__)')"

cat >"$WORK/make.py" <<'PY'
import logging, sys
logging.disable(logging.WARNING)
import numpy as np
import datumaro as dm
out, seed = sys.argv[1], int(sys.argv[2])
NAMES = ["person", "car", "dog", "road", "sky-other-merged"]
INDEX = {"person": 0, "car": 2, "dog": 16, "road": 100, "sky-other-merged": 119}
rng = np.random.default_rng(seed)
h, w = int(rng.integers(20, 120)), int(rng.integers(20, 120))
owner = np.zeros((h, w), np.int64)  # 0 = background; masks do not overlap
masks = []
for k in range(1, int(rng.integers(3, 12))):
    cy, cx = rng.integers(0, h), rng.integers(0, w)
    ry, rx = rng.integers(2, h // 2), rng.integers(2, w // 2)
    yy, xx = np.ogrid[:h, :w]
    m = (((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2 <= 1) & (owner == 0)
    if m.sum() == 0:
        continue
    owner[m] = len(masks) + 1
    masks.append((NAMES[rng.integers(0, len(NAMES))], m))
anns = [dm.Mask(image=m, label=NAMES.index(n), id=i + 1, z_order=0) for i, (n, m) in enumerate(masks)]
item = dm.DatasetItem(id="frame_000001", media=dm.Image.from_numpy(np.zeros((h, w, 3), np.uint8)), annotations=anns)
ds = dm.Dataset.from_iterable([item], categories=NAMES)
# Odd seeds: colours in labelmap.txt, as CVAT writes them (its labels' colours);
# even seeds: datumaro's own "source" map, which leaves colours out (VOC colours by position).
COLORS = {"background": (0, 0, 0), "person": (220, 20, 60), "car": (0, 0, 142), "dog": (182, 182, 255),
          "road": (128, 64, 128), "sky-other-merged": (70, 130, 180)}
label_map = {n: [COLORS[n], [], []] for n in ["background"] + NAMES} if seed % 2 else "source"
ds.export(out, "voc_segmentation", save_media=False, apply_colormap=True, label_map=label_map)
cls = np.full((h, w), 133, np.int64)
key = np.zeros((h, w), np.int64)
for i, (n, m) in enumerate(masks):
    cls[m] = INDEX[n]
    key[m] = (i + 1) if n in ("person", "car", "dog") else 0
np.save(out + "/want_cls.npy", cls)
np.save(out + "/want_key.npy", cls * 1000 + key)
print(f"{w}x{h}, {len(masks)} masks")
PY
cat >"$WORK/compare.py" <<'PY'
import sys
import numpy as np
from PIL import Image
got = np.array(Image.open(sys.argv[1])).astype(np.int64)
cls, key = np.load(sys.argv[2] + "/want_cls.npy"), np.load(sys.argv[2] + "/want_key.npy")
if got.shape != cls.shape or not np.array_equal(got % 1000, cls):
    print("classes differ"); sys.exit(1)
pairs = set(zip(key.ravel().tolist(), got.ravel().tolist()))
if not (len(pairs) == len({a for a, _ in pairs}) == len({b for _, b in pairs})):
    print("instances differ"); sys.exit(1)
print(f"classes and instances equal ({len(np.unique(got))} segments)")
PY
for seed in 1 2 3 4 5 6; do
  E="$WORK/dm$seed"
  if ! made=$("$PY" "$WORK/make.py" "$E" "$seed" 2>&1); then bad "datumaro export $seed: $(tail -2 <<<"$made")"; continue; fi
  if "$BIN" convert "$E/SegmentationClass/frame_000001.png" "$WORK/got$seed.png" --to offset >/dev/null 2>"$WORK/err" &&
    out=$("$PY" "$WORK/compare.py" "$WORK/got$seed.png" "$E" 2>&1); then
    ok "panoptty reads datumaro's voc_segmentation export ($made): $out"
  else
    bad "datumaro export $seed ($made): $(cat "$WORK/err") ${out:-}"
  fi
done
# The folder itself names the export when it holds one image.
if "$BIN" convert "$WORK/dm1" "$WORK/folder.png" --to offset >/dev/null 2>"$WORK/err" && cmp -s "$WORK/folder.png" "$WORK/got1.png"; then
  ok "convert EXPORT_FOLDER reads its one image"
else
  bad "convert of the export folder: $(cat "$WORK/err")"
fi

# panoptty -> datumaro (as CVAT imports it).
"$BIN" demo --size 160x120 --out "$WORK/demo" >/dev/null
if "$BIN" convert "$WORK/demo/demo_labels.png" "$WORK/cvat" --to cvat >/dev/null 2>"$WORK/err"; then
  if out=$("$PY" - "$WORK/cvat" "$WORK/demo/demo_labels.png" <<'PY' 2>&1
import logging, sys
logging.disable(logging.WARNING)
import numpy as np
from PIL import Image
import datumaro as dm
path, png = sys.argv[1:3]
import subprocess, json
ds = dm.Dataset.import_from(path, "voc_segmentation")
labels = ds.categories()[dm.AnnotationType.label]
items = list(ds)
assert len(items) == 1, f"{len(items)} items"
values = np.array(Image.open(png)).astype(np.int64)
masks = [a for a in items[0].annotations if a.type == dm.AnnotationType.mask]
segs = set(np.unique(values[(values % 1000) != 133]).tolist())
seen = set()
for a in masks:
    m = a.image.astype(bool)
    ids = np.unique(values[m])
    assert len(ids) == 1 and np.array_equal(m, values == ids[0]), f"mask {a.id} ({labels[a.label].name}) is not one segment"
    seen.add(int(ids[0]))
assert seen == segs, f"segments without a mask: {sorted(segs - seen)}"
print(f"{len(masks)} masks, one per segment, pixels equal")
PY
  ); then
    ok "datumaro (CVAT's importer) reads panoptty's --to cvat: $out"
  else
    bad "datumaro import of panoptty's cvat export: $(tail -3 <<<"$out")"
  fi
else
  bad "convert --to cvat: $(cat "$WORK/err")"
fi
# Refusals: one line, exit 1.
cp -r "$WORK/dm1" "$WORK/badlm"
sed -i 's/^car:/giraffe-ish:/' "$WORK/badlm/labelmap.txt"
"$BIN" convert "$WORK/badlm/SegmentationClass/frame_000001.png" "$WORK/x.png" --to offset >/dev/null 2>"$WORK/err"
if [ $? -eq 1 ] && [ "$(wc -l <"$WORK/err")" -eq 1 ] && grep -q 'giraffe-ish' "$WORK/err" && [ ! -e "$WORK/x.png" ]; then
  ok "refuses a labelmap class not in the catalog: $(cat "$WORK/err")"
else
  bad "labelmap class not in the catalog: $(cat "$WORK/err")"
fi
oracle_summary cvat
