#!/usr/bin/env python3
"""Click sequences for `panoptty-bench smart`: each photo of a NoC data folder
(PHOTO.png + PHOTO_masks.npz, see peer-bench/interactive/coco_masks.py) is
scaled to WxH, and for every object: a box around it (5% margin, as noc.py),
an include at the object's most interior pixel, an exclude at the most
interior background pixel inside the box, and two more includes at the next
most interior object pixels. usage: smart_clicks.py DATA_DIR OUT_DIR W H"""
import glob, os, sys
import numpy as np
from PIL import Image
from scipy import ndimage

data, out, W, H = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
os.makedirs(out, exist_ok=True)
lines = []
for img in sorted(glob.glob(os.path.join(data, "*.png"))):
    stem = os.path.basename(img)[:-4]
    big = os.path.join(out, f"{stem}_{W}x{H}.png")
    Image.open(img).convert("RGB").resize((W, H), Image.BILINEAR).save(big)
    lines.append(f"photo {big}")
    for gt in np.load(img[:-4] + "_masks.npz")["masks"]:
        m = np.array(Image.fromarray(gt.astype(np.uint8) * 255).resize((W, H), Image.NEAREST)) > 0
        if m.sum() < 100:
            continue
        ys, xs = np.nonzero(m)
        px, py = int((xs.max() - xs.min()) * .05) + 2, int((ys.max() - ys.min()) * .05) + 2
        x0, y0 = max(0, xs.min() - px), max(0, ys.min() - py)
        x1, y1 = min(W - 1, xs.max() + px), min(H - 1, ys.max() + py)
        lines += ["object", f"box {x0} {y0} {x1} {y1}"]
        d = ndimage.distance_transform_edt(m)
        order = np.argsort(d.ravel())[::-1]
        picks = [order[0], order[len(ys) // 3], order[len(ys) // 2]]
        y, x = divmod(int(picks[0]), W); lines.append(f"include {x} {y}")
        bg = np.zeros_like(m); bg[y0:y1 + 1, x0:x1 + 1] = ~m[y0:y1 + 1, x0:x1 + 1]
        if bg.any():
            y, x = np.unravel_index(np.argmax(ndimage.distance_transform_edt(bg)), m.shape); lines.append(f"exclude {x} {y}")
        for p in picks[1:]:
            y, x = divmod(int(p), W); lines.append(f"include {x} {y}")
open(os.path.join(out, f"clicks_{W}x{H}.txt"), "w").write("\n".join(lines) + "\n")
print(os.path.join(out, f"clicks_{W}x{H}.txt"))
