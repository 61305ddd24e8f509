"""Writes prediction sets for the oracle comparison.

A set is one pq_compute run: OUT/<name>/{gt.json, gt/, pred.json, pred/}
(COCO panoptic PNGs + JSON: what pq_compute and `panoptty eval` read) plus
note.txt saying what the set is (and, for error sets, what must fail).

Sources: the COCO sample (when present) and synthetic scenes (always), so the
harness also runs on a machine without /work/shared.

usage: generate.py OUT [--coco DIR] [--synthetic N] [--coco-sets N] [--seed S]
"""
import argparse
import json
import os
import shutil

import numpy as np
from PIL import Image

import scenes


def id_to_rgb(ids):
    return np.stack([ids & 255, (ids >> 8) & 255, (ids >> 16) & 255], axis=-1).astype(np.uint8)


def rgb_to_id(rgb):
    rgb = rgb.astype(np.uint32)
    return rgb[..., 0] + 256 * rgb[..., 1] + 65536 * rgb[..., 2]


def segments_info(ids, info, rng=None, shuffle=False):
    """segments_info with exact PNG areas, in id order or shuffled."""
    labels, counts = np.unique(ids, return_counts=True)
    area = dict(zip(labels.tolist(), counts.tolist()))
    out = [{"id": int(i), "category_id": int(v["category_id"]), "iscrowd": int(v["iscrowd"]),
            "area": int(area.get(i, 0))} for i, v in info.items()]
    if shuffle and rng is not None:
        rng.shuffle(out)
    return out


class SetWriter:
    """Collects the images of one set and writes both forms of it."""

    def __init__(self, root, name, categories):
        self.dir = os.path.join(root, name)
        shutil.rmtree(self.dir, ignore_errors=True)
        for sub in ("gt", "pred"):
            os.makedirs(os.path.join(self.dir, sub))
        self.categories = categories
        self.gt, self.pred = [], []

    def _side(self, side, image_id, ids, segs):
        name = "%s.png" % image_id
        Image.fromarray(id_to_rgb(ids)).save(os.path.join(self.dir, side, name))
        return {"image_id": image_id, "file_name": name, "segments_info": segs,
                "_h": int(ids.shape[0]), "_w": int(ids.shape[1])}

    def add(self, image_id, gt_ids, gt_segs, pred_ids=None, pred_segs=None):
        self.gt.append(self._side("gt", image_id, gt_ids, gt_segs))
        if pred_ids is not None:
            self.pred.append(self._side("pred", image_id, pred_ids, pred_segs))

    def finish(self, note=""):
        def public(a):
            return {k: v for k, v in a.items() if not k.startswith("_")}

        images = [{"id": a["image_id"], "file_name": a["file_name"], "width": a["_w"],
                   "height": a["_h"]} for a in self.gt]
        for name, anns in (("gt", self.gt), ("pred", self.pred)):
            with open(os.path.join(self.dir, name + ".json"), "w") as f:
                json.dump({"images": images, "annotations": [public(a) for a in anns],
                           "categories": self.categories}, f)
        with open(os.path.join(self.dir, "note.txt"), "w") as f:
            f.write(note + "\n")


def gt_variant(rng, ids, segs, kind):
    """Ground-truth JSON quirks pq_compute has to live with."""
    segs = [dict(s) for s in segs]
    plain = [s for s in segs if s["iscrowd"] == 0]
    if kind == "area_jitter":  # pq_compute trusts the JSON's GT area
        for s in segs:
            if rng.random() < 0.5:
                s["area"] = max(1, s["area"] + int(rng.integers(-3, 4)))
    elif kind == "float_area":
        for s in segs:
            s["area"] = float(s["area"]) + (0.5 if rng.random() < 0.2 else 0.0)
    elif kind == "unlisted" and plain:  # GT id in the PNG, not in the JSON
        segs.remove(plain[int(rng.integers(0, len(plain)))])
    elif kind == "ghost":  # GT entry without pixels: a miss
        segs.append({"id": int(scenes.IdMaker(rng, np.unique(ids))()), "category_id": 1,
                     "iscrowd": int(rng.integers(0, 2)), "area": 17})
    elif kind == "dup" and plain:  # repeated id: first position, last values
        s = dict(plain[0])
        s["category_id"] = int(rng.choice([1, 2, 3]))
        segs.append(s)
    return segs


def synthetic_set(root, index, rng, categories):
    n = int(rng.integers(3, 25))
    variant = ["none"] * 6 + ["area_jitter", "float_area", "unlisted", "ghost", "dup"]
    kind = variant[int(rng.integers(0, len(variant)))]
    strength = int(rng.integers(0, 10))
    w = SetWriter(root, "syn%03d" % index, categories)
    for k in range(n):
        h, wd = int(rng.integers(24, 140)), int(rng.integers(24, 180))
        ids, info = scenes.make_scene(rng, h, wd, categories)
        gsegs = gt_variant(rng, ids, segments_info(ids, info, rng, shuffle=True), kind)
        pred, pinfo = scenes.perturb(rng, ids, info, categories, int(rng.integers(0, strength + 2)))
        psegs = segments_info(pred, pinfo, rng, shuffle=True)
        for s in psegs:  # pq_compute ignores predicted areas and iscrowd
            if rng.random() < 0.2:
                s["area"] = int(rng.integers(0, 1000))
        w.add(1000 * index + k, ids, gsegs, pred, psegs)
    w.finish("synthetic: %d images, gt variant %s, strength <= %d" % (n, kind, strength + 1))


def load_coco(folder):
    with open(os.path.join(folder, "panoptic_examples.json")) as f:
        data = json.load(f)
    images = []
    for ann in data["annotations"]:
        rgb = np.array(Image.open(os.path.join(folder, "panoptic_examples", ann["file_name"])))
        images.append((ann, rgb_to_id(rgb)))
    return data["categories"], images


def coco_set(root, index, rng, categories, images):
    copies = int(rng.integers(1, 4))
    strength = int(rng.integers(0, 14))
    w = SetWriter(root, "coco%03d" % index, categories)
    for c in range(copies):
        for ann, ids in images:
            info = {s["id"]: s for s in ann["segments_info"]}
            pred, pinfo = scenes.perturb(rng, ids, info, categories, int(rng.integers(0, strength + 1)))
            psegs = segments_info(pred, pinfo, rng, shuffle=True)
            w.add(ann["image_id"] * 10 + c, ids, ann["segments_info"], pred, psegs)
    w.finish("coco sample x%d, strength <= %d" % (copies, strength))


def error_sets(root, rng, categories):
    """One set per condition where pq_compute raises."""
    def base(name, n=4):
        w = SetWriter(root, name, categories)
        out = []
        for k in range(n):
            ids, info = scenes.make_scene(rng, 40, 50, categories, things=(2, 6))
            pred, pinfo = scenes.perturb(rng, ids, info, categories, 2, empty_p=0)
            out.append((k, ids, segments_info(ids, info), pred, segments_info(pred, pinfo)))
        return w, out

    def emit(w, rows, note):
        for k, ids, g, pred, p in rows:
            w.add(100 + k, ids, g, pred, p)
        w.finish(note)

    w, rows = base("err_png_not_json")
    rows[2][4].pop(0)
    rows[3][4].pop(0)  # a later image fails too: the first one is reported
    emit(w, rows, "expect segmentNotInJSON in image 102")
    w, rows = base("err_json_not_png")
    rows[1][4].extend([{"id": 5, "category_id": 1, "iscrowd": 0, "area": 3},
                       {"id": 7, "category_id": 2, "iscrowd": 0, "area": 3}])
    emit(w, rows, "expect segmentsNotInPNG [5, 7] in image 101")
    w, rows = base("err_unknown_category")
    rows[0][4][-1]["category_id"] = 999
    emit(w, rows, "expect unknownCategory 999 in image 100")
    w, rows = base("err_precedence")
    segs = sorted(rows[0][4], key=lambda s: s["id"])
    segs[1]["category_id"] = 999  # second-smallest id has an unknown class...
    rows[0][4].remove(segs[-1])  # ...and the largest is missing: class error first
    emit(w, rows, "expect unknownCategory for the second-smallest id")
    w, rows = base("err_size")
    k, ids, g, pred, p = rows[1]
    rows[1] = (k, ids, g, pred[:, :-1], segments_info(pred[:, :-1], {s["id"]: s for s in p}))
    emit(w, rows, "expect sizeMismatch in image 101")
    w, rows = base("err_missing_prediction")
    for k, ids, g, pred, p in rows:
        w.add(100 + k, ids, g, *((pred, p) if k != 2 else (None, None)))
    w.finish("expect missingPrediction for image 102")
    w, rows = base("err_missing_area")
    k, ids, g, pred, p = rows[1]
    info = {s["id"]: s for s in g}
    plain = [s for s in g if s["iscrowd"] == 0]
    del plain[0]["area"]
    rows[1] = (k, ids, g, *_identity_prediction(rng, ids, info))
    emit(w, rows, "expect missingArea in image 101")


def _identity_prediction(rng, ids, info):
    pred, pinfo = scenes.perturb(rng, ids, info, scenes.SYNTHETIC_CATEGORIES, 0, empty_p=0)
    return pred, segments_info(pred, pinfo)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--coco", default=None)
    ap.add_argument("--synthetic", type=int, default=70)
    ap.add_argument("--coco-sets", type=int, default=50)
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    os.makedirs(args.out, exist_ok=True)
    for i in range(args.synthetic):
        synthetic_set(args.out, i, rng, scenes.SYNTHETIC_CATEGORIES)
    if args.coco and os.path.isfile(os.path.join(args.coco, "panoptic_examples.json")):
        categories, images = load_coco(args.coco)
        # The unmodified sample against itself first: PQ must be 100.
        w = SetWriter(args.out, "coco_identity", categories)
        for ann, ids in images:
            w.add(ann["image_id"], ids, ann["segments_info"], ids, ann["segments_info"])
        w.finish("coco sample against itself")
        for i in range(args.coco_sets):
            coco_set(args.out, i, rng, categories, images)
    error_sets(args.out, rng, scenes.SYNTHETIC_CATEGORIES)


if __name__ == "__main__":
    main()
