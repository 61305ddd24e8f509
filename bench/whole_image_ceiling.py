#!/usr/bin/env python3
"""How far the whole job's masks are from the ground truth, split by where the error is.

After `smart_whole_image.py ... WORK`, WORK holds each photo's finished labels
(`STEM_labels.png`). For every ground-truth segment this takes the predicted
segment that covers most of it and asks: what would PQ be if every wrong pixel
farther than R pixels from the ground-truth outline were fixed, and only the
disagreement along the outline were left? That is the PQ a segmenter reaches
when it gets every region right and draws its border R pixels from COCO's
polygon -- the part of the error more clicks can fix, against the part that is
about where exactly a border runs. (Every segment is matched, so PQ is the mean
IoU per category, averaged over the categories, as panopticapi averages it.)
usage: whole_image_ceiling.py GT_JSON GT_DIR WORK [R ...]"""
import json, os, sys
import numpy as np
from PIL import Image
from scipy import ndimage

if len(sys.argv) < 4:
    sys.exit(__doc__)
gt_json, gt_dir, work = sys.argv[1:4]
radii = [float(r) for r in sys.argv[4:]] or [1.0, 2.0, 3.0]
gt = json.load(open(gt_json))
cats = {c["id"]: c for c in gt["categories"]}
cases = []  # (category, ground truth, prediction, distance to the outline)
for ann in gt["annotations"]:
    stem = os.path.splitext(ann["file_name"])[0]
    ids = np.array(Image.open(os.path.join(gt_dir, ann["file_name"])).convert("RGB")).astype(np.int64)
    ids = ids[..., 0] + 256 * ids[..., 1] + 65536 * ids[..., 2]
    labels = os.path.join(work, stem + "_labels.png")
    if not os.path.exists(labels):
        sys.exit("%s is missing: run smart_whole_image.py with WORK = %s first" % (labels, work))
    v = np.array(Image.open(labels)).astype(np.int64)
    if v.ndim == 3:
        v = v[..., 0] + 256 * v[..., 1] + 65536 * v[..., 2]
    for s in ann["segments_info"]:
        if s["iscrowd"]:
            continue
        g = ids == s["id"]
        values, counts = np.unique(v[g], return_counts=True)
        p = v == values[np.argmax(counts)]
        d = np.where(g, ndimage.distance_transform_edt(g), ndimage.distance_transform_edt(~g))
        cases.append((s["category_id"], g, p, d))


def pq(ious):
    per = {}
    for c, x in ious:
        per.setdefault(c, []).append(x)
    mean = lambda keep: 100 * np.mean([np.mean(l) for c, l in per.items() if keep(c)])
    return mean(lambda c: True), mean(lambda c: cats[c]["isthing"]), mean(lambda c: not cats[c]["isthing"])


raw = [(c, (g & p).sum() / (g | p).sum()) for c, g, p, d in cases]
print("as labelled (every segment taken as matched): PQ %.1f, things %.1f, stuff %.1f" % pq(raw))
for r in radii:
    fixed = []
    for c, g, p, d in cases:
        far = (g ^ p) & (d > r)
        q = (p | (far & g)) & ~(far & ~g)
        fixed.append((c, (g & q).sum() / (g | q).sum()))
    print("every error farther than %g px from the outline fixed: PQ %.1f, things %.1f, stuff %.1f" % ((r,) + pq(fixed)))
