#!/usr/bin/env python3
"""The whole job with smart selection only (issue 10 §3): a simulated
annotator labels every photo of a COCO panoptic set from scratch, things
first, then stuff, preserve mode on, each segment with a box around it
(2 clicks) and then corrective clicks -- include where object is missed,
exclude where background was taken, at the interior point of the larger
error region (the NoC rule) -- until the segment's IoU reaches --stop or it
has used --max clicks; then `accept`. Every step runs the real binary
(`panoptty edit PHOTO --labels L -c '...'`), replaying the accepted commands.
The result is converted to COCO and scored with panopticapi's pq_compute
against the ground truth.
usage: smart_whole_image.py BIN GT_JSON GT_DIR PHOTO_DIR WORK [--max 8] [--stop 0.9] [--each]"""
import argparse, json, os, subprocess, sys, contextlib, io
import numpy as np
from PIL import Image
from scipy import ndimage

ap = argparse.ArgumentParser()
for name in ("bin", "gt_json", "gt_dir", "photos", "work"):
    ap.add_argument(name)
ap.add_argument("--max", type=int, default=8)
ap.add_argument("--stop", type=float, default=0.9)
ap.add_argument("--stuff-start", choices=("box", "click"), default="box",
                help="start a stuff segment with a box (default) or an include click at its interior")
ap.add_argument("--thing-start", choices=("box", "click"), default="box",
                help="start a thing with a box (default) or an include click at its interior")
ap.add_argument("--patience", type=float, default=0.0,
                help="also stop a segment when a click raised its IoU by less than this (0: never)")
ap.add_argument("--order", choices=("small-first", "large-first"), default="small-first",
                help="the order of the things (stuff always comes after them, smallest first)")
ap.add_argument("--each", action="store_true", help="print every segment's class, area, clicks and IoU")
a = ap.parse_args()
os.makedirs(a.work, exist_ok=True)
gt = json.load(open(a.gt_json))
cats = {c["id"]: c for c in gt["categories"]}


def run(photo, labels, cmds):
    if os.path.exists(labels):
        os.remove(labels)
    r = subprocess.run([a.bin, "edit", photo, "--labels", labels, "-c", "; ".join(cmds + ["w"])],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("panoptty failed: " + r.stderr.strip())
    v = np.array(Image.open(labels)).astype(np.int64)
    if v.ndim == 3:
        v = v[..., 0] + 256 * v[..., 1] + 65536 * v[..., 2]
    info = json.loads(subprocess.run([a.bin, "info", labels, "--json"], capture_output=True, text=True, check=True).stdout)
    return v, info["segments_info"]


def next_click(gt_mask, pred):
    fn, fp = gt_mask & ~pred, pred & ~gt_mask
    region, include = (fn, True) if fn.sum() >= fp.sum() else (fp, False)
    d = ndimage.distance_transform_edt(np.pad(region, 1))[1:-1, 1:-1]
    y, x = np.unravel_index(np.argmax(d), d.shape)
    return include, int(x), int(y)


def bbox(m):
    ys, xs = np.nonzero(m)
    H, W = m.shape
    px, py = int((xs.max() - xs.min()) * .05) + 2, int((ys.max() - ys.min()) * .05) + 2
    return max(0, xs.min() - px), max(0, ys.min() - py), min(W - 1, xs.max() + px), min(H - 1, ys.max() + py)


def iou(p, g):
    u = (p | g).sum()
    return (p & g).sum() / u if u else 0.0


clicks_used, segments, ious = [], 0, []
pred_dir = os.path.join(a.work, "pred")
pred_json = os.path.join(a.work, "pred.json")
# A fresh prediction every run: panoptty refuses to convert over a COCO PNG whose JSON is
# gone (it cannot tell it from a photo), and a stale PNG would be scored anyway.
if os.path.exists(pred_json):
    os.remove(pred_json)
if os.path.isdir(pred_dir):
    for f in os.listdir(pred_dir):
        if f.endswith(".png"):
            os.remove(os.path.join(pred_dir, f))
os.makedirs(pred_dir, exist_ok=True)
for ann in gt["annotations"]:
    stem = os.path.splitext(ann["file_name"])[0]
    ids = np.array(Image.open(os.path.join(a.gt_dir, ann["file_name"])).convert("RGB")).astype(np.int64)
    ids = ids[..., 0] + 256 * ids[..., 1] + 65536 * ids[..., 2]
    photo = os.path.join(a.photos, next(f for f in os.listdir(a.photos) if f.startswith(stem)))
    labels = os.path.join(a.work, stem + "_labels.png")
    done = ["preserve on"]
    thing_sign = 1 if a.order == "small-first" else -1
    order = sorted((s for s in ann["segments_info"] if not s["iscrowd"]),
                   key=lambda s: (not cats[s["category_id"]]["isthing"],
                                  s["area"] * (thing_sign if cats[s["category_id"]]["isthing"] else 1)))
    before = run(photo, labels, done)[0]  # the labels before a segment: what its accept changes is its prediction
    void = before.flat[0]  # (nothing is labelled yet)
    for s in order:
        cat = cats[s["category_id"]]
        g = ids == s["id"]
        if (a.thing_start if cat["isthing"] else a.stuff_start) == "box":
            cmds = ["class " + cat["name"], "box %d %d %d %d" % bbox(g)]
            used = 2
        else:
            # Stuff spans the photo: a box around grass is most of the picture and says little,
            # so the annotator clicks into it instead (the NoC rule's first click).
            _, x, y = next_click(g, np.zeros_like(g))
            cmds = ["class " + cat["name"], "include %d %d" % (x, y)]
            used = 1
        last = -1.0
        while True:
            v, _ = run(photo, labels, done + cmds + ["accept"])
            # (Not "the segment with the next instance id": an accepted empty selection makes
            # no instance, and every later segment would be looked up under the wrong id.)
            pred = v != before
            score = iou(pred, g)
            if score >= a.stop or used >= a.max:
                break
            # An annotator stops clicking when a click no longer helps (after the first one that
            # shows the object: a box alone may select nothing).
            if a.patience > 0 and last >= 0.5 and score - last < a.patience:
                if score < last:  # that click made it worse: take it back (Backspace), as a person would
                    cmds.pop()
                    v, _ = run(photo, labels, done + cmds + ["accept"])
                    pred = v != before
                    score = iou(pred, g)
                break
            last = score
            # In preserve mode an include on a pixel an earlier segment took changes nothing: the
            # annotator clicks where a click can help -- missed pixels still unlabelled, or
            # pixels taken wrongly (which are unlabelled before the accept by construction).
            clickable = g & (before == void)
            if not (clickable & ~pred).any() and not (pred & ~g).any():
                break
            inc, x, y = next_click(clickable, pred)
            cmds.append(("include %d %d" if inc else "exclude %d %d") % (x, y))
            used += 1
        # An accept that found nothing leaves the box and clicks pending; the annotator drops
        # them (Esc) before the next segment.
        done += cmds + ["accept"] + ([] if pred.any() else ["reject"])
        before = v
        if a.each:
            print("  %-22s %8d px  %2d clicks  IoU %.3f  %s" % (cat["name"] + ("" if cat["isthing"] else " (stuff)"), g.sum(), used, score, "; ".join(cmds[1:])))
        clicks_used.append(used)
        ious.append(score)
        segments += 1
    # The finished image, as COCO beside the others.
    run(photo, labels, done)
    r = subprocess.run([a.bin, "convert", labels, os.path.join(pred_dir, stem + ".png"), "--to", "coco",
                        "--out-annotations", pred_json], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("convert failed: " + r.stderr.strip())
    print("%s: %d segments, %d clicks" % (stem, len(order), sum(clicks_used[-len(order):])))

# panoptty names the images by file; give the prediction the ground truth's image ids.
p = json.load(open(pred_json))
by_name = {os.path.splitext(i["file_name"])[0]: i["id"] for i in gt["images"]}
for x in p["annotations"]:
    x["image_id"] = by_name[os.path.splitext(x["file_name"])[0]]
json.dump(p, open(pred_json, "w"))
from panopticapi.evaluation import pq_compute
with contextlib.redirect_stdout(io.StringIO()):
    res = pq_compute(a.gt_json, pred_json, gt_folder=a.gt_dir, pred_folder=pred_dir)
print("segments %d, clicks %d (%.2f a segment, box = 2), mean IoU %.3f" % (segments, sum(clicks_used), np.mean(clicks_used), np.mean(ious)))
print("PQ all %.1f  things %.1f  stuff %.1f  (SQ %.1f, RQ %.1f)" % (100 * res["All"]["pq"], 100 * res["Things"]["pq"], 100 * res["Stuff"]["pq"], 100 * res["All"]["sq"], 100 * res["All"]["rq"]))
