"""cityscapesScripts' own code on panoptty's Cityscapes files, and on its
Cityscapes -> COCO output (run by interop_cityscapes.sh, in its venv).

  make ROOT                      synthetic gtFine tree: polygons JSON, and from
                                 them cityscapesScripts' instanceIds (json2instanceImg),
                                 labelIds and labelTrainIds (json2labelImg), and a photo
  semantic REF PAN               panoptty's *_labelIds / *_labelTrainIds (PAN) equal
                                 json2labelImg's (REF), pixel for pixel
  derived PAN                    every *_labelIds / *_labelTrainIds in PAN equals
                                 labels.py applied to its *_instanceIds (after edits)
  segments CS_JSON CS_DIR PT_JSON PT_DIR
                                 createPanopticImgs' COCO (CS) and panoptty's (PT):
                                 same images, image_ids, categories, and per pixel the
                                 same segment partition, category, iscrowd, id, area, bbox
  eval GT_JSON GT_DIR PRED_JSON PRED_DIR
                                 evalPanopticSemanticLabeling; exits 1 unless PQ = 100
"""
import contextlib, glob, io, json, os, random, sys

import numpy as np
from PIL import Image

from cityscapesscripts.helpers.annotation import Annotation
from cityscapesscripts.helpers.labels import id2label
from cityscapesscripts.preparation.json2instanceImg import createInstanceImage
from cityscapesscripts.preparation.json2labelImg import createLabelImage

W, H = 320, 160
# Labels drawn on top of the stuff: evaluated things, crowd groups, ignored
# things (caravan, trailer), ignored stuff, and the never-drawn license plate.
THINGS = ["car", "person", "rider", "bicycle", "bus", "truck", "motorcycle", "train", "car", "person"]
OTHER = ["cargroup", "persongroup", "bicyclegroup", "caravan", "trailer", "license plate", "polegroup",
         "guard rail", "parking", "dynamic", "static", "pole", "traffic sign", "traffic light", "fence", "wall"]


def blob(rng, cx, cy, r):
    n = rng.randint(5, 9)
    pts = []
    for k in range(n):
        a = 2 * np.pi * k / n + rng.uniform(-0.3, 0.3)
        rr = r * rng.uniform(0.5, 1.0)
        pts.append([int(cx + rr * np.cos(a)), int(cy + rr * np.sin(a))])
    return pts


def scene(seed):
    rng = random.Random(seed)
    objs = [
        {"label": "sky", "polygon": [[0, 0], [W, 0], [W, 50], [0, 60]]},
        {"label": "building", "polygon": [[0, 30], [W // 2, 20], [W // 2, 80], [0, 80]]},
        {"label": "vegetation", "polygon": [[W // 2, 25], [W, 35], [W, 80], [W // 2, 80]]},
        {"label": "road", "polygon": [[0, 80], [W, 80], [W, H], [0, H]]},
        {"label": "sidewalk", "polygon": [[0, 80], [60, 80], [20, H], [0, H]]},
        {"label": "terrain", "polygon": [[W - 50, 80], [W, 80], [W, 120]]},
        {"label": "rectification border", "polygon": [[0, 0], [6, 0], [6, H], [0, H]]},
        {"label": "out of roi", "polygon": [[W - 5, 0], [W, 0], [W, H], [W - 5, H]]},
    ]
    draws = [rng.choice(THINGS) for _ in range(rng.randint(8, 14))] + rng.sample(OTHER, 6)
    rng.shuffle(draws)
    for label in draws:
        r = rng.randint(8, 30)
        objs.append({"label": label, "polygon": blob(rng, rng.randint(10, W - 10), rng.randint(40, H - 10), r)})
    # One deleted object (skipped by cityscapesScripts) and the ego vehicle strip.
    objs.append({"label": "car", "deleted": 1, "polygon": blob(rng, W // 2, H // 2, 25)})
    objs.append({"label": "ego vehicle", "polygon": [[0, H - 12], [W, H - 16], [W, H], [0, H]]})
    return {"imgHeight": H, "imgWidth": W, "objects": objs}


def make(root):
    n = 0
    for city, seeds in (("aachen", (1, 2, 3)), ("bochum", (4, 5))):
        for seed in seeds:
            d = os.path.join(root, "gtFine", "val", city)
            os.makedirs(d, exist_ok=True)
            os.makedirs(os.path.join(root, "leftImg8bit", "val", city), exist_ok=True)
            stem = "%s_%06d_%06d" % (city, seed, 19)
            pj = os.path.join(d, stem + "_gtFine_polygons.json")
            json.dump(scene(seed), open(pj, "w"))
            ann = Annotation()
            ann.fromJsonFile(pj)
            # cityscapesScripts draws the instance image in mode I; Pillow 13
            # no longer saves mode I as PNG, so only the save goes through numpy (uint16).
            inst = np.array(createInstanceImage(ann, "ids"))
            assert inst.max() < 65536
            Image.fromarray(inst.astype(np.uint16)).save(os.path.join(d, stem + "_gtFine_instanceIds.png"))
            createLabelImage(ann, "ids").save(os.path.join(d, stem + "_gtFine_labelIds.png"))
            createLabelImage(ann, "trainIds").save(os.path.join(d, stem + "_gtFine_labelTrainIds.png"))
            photo = np.random.default_rng(seed).integers(0, 255, (H, W, 3), dtype=np.uint8)
            Image.fromarray(photo).save(os.path.join(root, "leftImg8bit", "val", city, stem + "_leftImg8bit.png"))
            n += 1
    print(f"{n} images {W}x{H}: polygons -> cityscapesScripts instanceIds, labelIds, labelTrainIds")


def load(path):
    return np.array(Image.open(path))


def semantic(ref, pan):
    files = sorted(glob.glob(os.path.join(pan, "*", "*_instanceIds.png")))
    assert files, f"no instanceIds under {pan}"
    px = 0
    for f in files:
        rel = os.path.relpath(f, pan)
        for kind in ("labelIds", "labelTrainIds"):
            mine = load(f.replace("_instanceIds.png", f"_{kind}.png"))
            theirs = load(os.path.join(ref, rel).replace("_instanceIds.png", f"_{kind}.png"))
            assert mine.dtype == np.uint8 and mine.ndim == 2, f"{rel} {kind}: {mine.dtype} {mine.shape}, want 8-bit gray"
            bad = int((mine != theirs).sum())
            assert bad == 0, f"{rel}: {kind} differs from json2labelImg's in {bad} pixels"
            px += mine.size
    print(f"{len(files)} images: labelIds and labelTrainIds equal json2labelImg's in all {px} pixels")


def derived(pan):
    files = sorted(glob.glob(os.path.join(pan, "**", "*_instanceIds.png"), recursive=True))
    px = 0
    for f in files:
        inst = load(f).astype(np.int64)
        ids = np.where(inst < 1000, inst, inst // 1000)
        train = np.vectorize(lambda i: id2label[int(i)].trainId)(ids)
        for kind, want in (("labelIds", ids), ("labelTrainIds", train)):
            got = load(f.replace("_instanceIds.png", f"_{kind}.png"))
            bad = int((got != want).sum())
            assert bad == 0, f"{os.path.basename(f)}: {kind} differs from labels.py applied to its instanceIds in {bad} pixels"
        px += inst.size
    print(f"{len(files)} images: labelIds and labelTrainIds equal labels.py on their instanceIds ({px} pixels)")


def rgb2id(a):
    a = a.astype(np.uint32)
    return a[..., 0] + 256 * a[..., 1] + 65536 * a[..., 2]


def segments(cs_json, cs_dir, pt_json, pt_dir):
    cs, pt = json.load(open(cs_json)), json.load(open(pt_json))
    key = lambda c: (c["id"], c["name"], c["isthing"], tuple(c["color"]), c["supercategory"])
    assert sorted(map(key, cs["categories"])) == sorted(map(key, pt["categories"])), "categories differ"
    cs_ann = {a["image_id"]: a for a in cs["annotations"]}
    pt_ann = {a["image_id"]: a for a in pt["annotations"]}
    assert set(cs_ann) == set(pt_ann), f"image_ids differ: {sorted(set(cs_ann) ^ set(pt_ann))}"
    assert all(isinstance(i, str) for i in pt_ann), "panoptty's image_ids are not strings"
    assert {i["id"] for i in cs["images"]} == {i["id"] for i in pt["images"]}, "images ids differ"
    segs = px = 0
    for image_id, a in cs_ann.items():
        b = pt_ann[image_id]
        assert a["file_name"] == b["file_name"], f"{image_id}: file_name {b['file_name']}, want {a['file_name']}"
        ida, idb = rgb2id(load(os.path.join(cs_dir, a["file_name"]))), rgb2id(load(os.path.join(pt_dir, b["file_name"])))
        sa = {s["id"]: s for s in a["segments_info"]}
        sb = {s["id"]: s for s in b["segments_info"]}
        # Per pixel: the segment's category and crowd flag, on both sides.
        def per_pixel(ids, info):
            lut = {0: (-1, -1)}
            lut.update({i: (s["category_id"], s["iscrowd"]) for i, s in info.items()})
            u, inv = np.unique(ids, return_inverse=True)
            return np.array([lut[int(v)] for v in u])[inv.reshape(ids.shape)]
        diff = int((per_pixel(ida, sa) != per_pixel(idb, sb)).any(axis=-1).sum())
        assert diff == 0, f"{image_id}: category or iscrowd differs in {diff} pixels"
        # The same partition: every id pair (theirs, ours) occurs once, and ids are equal.
        pairs = set(zip(ida.ravel().tolist(), idb.ravel().tolist()))
        assert all(x == y for x, y in pairs), f"{image_id}: segment ids differ: {sorted(p for p in pairs if p[0] != p[1])[:5]}"
        f = lambda s: (s["id"], s["category_id"], s["iscrowd"], s["area"], tuple(s["bbox"]))
        assert sorted(map(f, sa.values())) == sorted(map(f, sb.values())), f"{image_id}: segments_info differ"
        segs += len(sa)
        px += ida.size
    print(f"{len(cs_ann)} images, {segs} segments, {px} pixels: same image_ids, file_names, categories, ids, "
          f"category and iscrowd per pixel, area and bbox")


def evaluate(gt_json, gt_dir, pred_json, pred_dir):
    from cityscapesscripts.evaluation.evalPanopticSemanticLabeling import evaluatePanoptic
    out = io.StringIO()
    results_file = os.path.join(os.path.dirname(os.path.abspath(pred_json)), "results.json")
    with contextlib.redirect_stdout(out):
        res = evaluatePanoptic(gt_json, gt_dir, pred_json, pred_dir, results_file)
    a, t, s = (res[k] for k in ("All", "Things", "Stuff"))
    print("PQ %.3f SQ %.3f RQ %.3f (things PQ %.3f n=%d, stuff PQ %.3f n=%d, all n=%d)" % (
        100 * a["pq"], 100 * a["sq"], 100 * a["rq"], 100 * t["pq"], t["n"], 100 * s["pq"], s["n"], a["n"]))
    sys.exit(0 if abs(100 * a["pq"] - 100) < 1e-9 and a["n"] > 0 else 1)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {"make": make, "semantic": semantic, "derived": derived, "segments": segments, "eval": evaluate}[cmd](*args)
