#!/usr/bin/env python3
"""How far the whole job's masks are from the ground truth, split by where the error is.

After `smart_whole_image.py ... WORK`, WORK holds each photo's finished labels
(`STEM_labels.png`). For every ground-truth segment this takes the predicted
segment that covers most of it and asks: what would PQ be if every wrong pixel
farther than R pixels from the ground-truth outline were fixed, and only the
disagreement along the outline were left? That is the PQ a segmenter reaches
when it gets every region right and draws its border R pixels from COCO's
polygon -- the part of the error more clicks can fix, against the part that is
about where exactly a border runs. IoU as panopticapi counts it (predicted
pixels on ground-truth void left out), a segment matched when it passes 0.5, PQ
per category then averaged; false positives are not counted, so it is an upper
bound. (PQ as labelled is the one pq_compute prints at the end of the job.)
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
cases = []  # (category, ground truth, prediction, distance to the outline, ground-truth void)
for ann in gt["annotations"]:
    stem = os.path.splitext(ann["file_name"])[0]
    ids = np.array(Image.open(os.path.join(gt_dir, ann["file_name"])).convert("RGB")).astype(np.int64)
    ids = ids[..., 0] + 256 * ids[..., 1] + 65536 * ids[..., 2]
    labels = os.path.join(work, stem + "_labels.png")
    if not os.path.exists(labels):
        sys.exit("%s is missing: run smart_whole_image.py with WORK = %s first" % (labels, work))
    image = Image.open(labels)
    tag = dict(kv.split("=", 1) for kv in image.info.get("panoptty", "").split(";") if "=" in kv)
    if "void" not in tag:
        sys.exit("%s has no panoptty tag saying its void value: it is not the whole job's output" % labels)
    void = int(tag["void"])
    v = np.array(image).astype(np.int64)
    gt_void = ids == 0
    for s in ann["segments_info"]:
        if s["iscrowd"]:
            continue
        g = ids == s["id"]
        # The predicted segment that covers most of it (void is no segment: none, an empty one).
        values, counts = np.unique(v[g & (v != void)], return_counts=True)
        p = v == values[np.argmax(counts)] if len(values) else np.zeros_like(g)
        d = np.where(g, ndimage.distance_transform_edt(g), ndimage.distance_transform_edt(~g))
        cases.append((s["category_id"], g, p, d, gt_void))


def iou(g, p, gt_void):
    # As panopticapi: predicted pixels on ground-truth void are left out of the union.
    inter = (g & p).sum()
    return inter / ((g | p).sum() - (p & gt_void & ~g).sum())


print("PQ if every wrong pixel farther than R px from the ground-truth outline were fixed (an upper")
print("bound: a segment counts when its IoU passes 0.5, false positives elsewhere are not counted):")
for r in radii:
    per = {}
    for c, g, p, d, gt_void in cases:
        far = (g ^ p) & (d > r)
        q = (p | (far & g)) & ~(far & ~g)
        x = iou(g, q, gt_void)
        tp, fn, total = per.get(c, (0, 0, 0.0))
        per[c] = (tp + 1, fn, total + x) if x > 0.5 else (tp, fn + 1, total)
    pq = {c: total / (tp + 0.5 * fn) for c, (tp, fn, total) in per.items()}
    mean = lambda keep: 100 * np.mean([x for c, x in pq.items() if keep(c)])
    print("  R = %g px: PQ %.1f, things %.1f, stuff %.1f" % (r, mean(lambda c: True), mean(lambda c: cats[c]["isthing"]),
                                                        mean(lambda c: not cats[c]["isthing"])))
