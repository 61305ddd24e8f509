#!/usr/bin/env python3
"""Helpers for bench/coco_scale.sh (COCO JSON at scale, issue 11 section 2).

    coco_scale.py gen OUT.json CATEGORIES.json [--images N]   a COCO-train-sized panoptic JSON
    coco_scale.py prepare BIG.json ONE.json OUT.json          BIG with its middle entry replaced by ONE's
    coco_scale.py read FILE NAME                              Python reference: json.load + find the entry
    coco_scale.py edit FILE NAME                              json.load + edit + json.dump + fsync + rename
    coco_scale.py verify OLD NEW NAME                         bytes outside NAME's entries identical?

The generated file has 118,287 images and ~1.77 M segments in the key order
and `json.dump` default layout of the real COCO panoptic files (the
generator is the one from the COCO JSON engine's own benchmark).
"""
import json
import os
import random
import sys
import time

SIZES = [(640, 480), (640, 427), (480, 640), (640, 426), (500, 375), (427, 640), (640, 360), (612, 612)]


def segment(rng, cat, taken, w, h):
    color = list(cat["color"])
    sid = color[0] + 256 * color[1] + 65536 * color[2]
    while sid in taken or sid == 0:  # panopticapi's IdGenerator jitters the category colour
        color = [min(255, max(0, v + rng.randint(-30, 30))) for v in cat["color"]]
        sid = color[0] + 256 * color[1] + 65536 * color[2]
    taken.add(sid)
    x, y = rng.randrange(w), rng.randrange(h)
    bw = max(1, int((w - x) * rng.random() ** 2))
    bh = max(1, int((h - y) * rng.random() ** 2))
    crowd = 1 if cat["isthing"] and rng.random() < 0.02 else 0
    return {"area": rng.randint(1, bw * bh), "category_id": cat["id"], "iscrowd": crowd, "id": sid,
            "bbox": [x, y, bw, bh]}


def gen(out, categories, n_images=118287, seed=2017):
    rng = random.Random(seed)
    cats = json.load(open(categories))
    cats = cats["categories"] if isinstance(cats, dict) else cats
    things = [c for c in cats if c["isthing"]]
    stuff = [c for c in cats if not c["isthing"]]
    images, annotations = [], []
    for image_id in rng.sample(range(9, 581930), n_images):
        w, h = rng.choice(SIZES)
        name = "%012d" % image_id
        images.append({
            "license": rng.randint(1, 8), "file_name": name + ".jpg",
            "coco_url": "http://images.cocodataset.org/train2017/%s.jpg" % name, "height": h, "width": w,
            "date_captured": "2013-%02d-%02d %02d:%02d:%02d" % (
                rng.randint(11, 12), rng.randint(1, 28), rng.randrange(24), rng.randrange(60), rng.randrange(60)),
            "flickr_url": "http://farm%d.staticflickr.com/%d/%d_%010x_z.jpg" % (
                rng.randint(1, 9), rng.randint(1000, 9999), rng.randint(10**9, 10**10 - 1), rng.getrandbits(40)),
            "id": image_id})
        n = min(120, 1 + int(rng.gammavariate(2.2, 6.6)))
        n_stuff = min(n, rng.randint(1, 7))
        taken = set()
        segs = [segment(rng, rng.choice(stuff), taken, w, h) for _ in range(n_stuff)]
        segs += [segment(rng, rng.choice(things), taken, w, h) for _ in range(n - n_stuff)]
        annotations.append({"segments_info": segs, "file_name": name + ".png", "image_id": image_id})
    doc = {"info": {"description": "synthetic COCO-train-sized panoptic annotations", "version": "1.0"},
           "licenses": [{"url": "http://creativecommons.org/licenses/by/2.0/", "id": i, "name": "CC BY 2.0"}
                        for i in range(1, 9)],
           "images": images, "annotations": annotations, "categories": cats}
    with open(out, "w") as f:
        json.dump(doc, f)


def prepare(big, one, out):
    """Puts ONE's (only) entry in the middle of BIG, under the middle entry's name and id, so a
    small real PNG matches an entry of the big file. Prints that name."""
    doc = json.load(open(big))
    entry = json.load(open(one))["annotations"][0]
    middle = doc["annotations"][len(doc["annotations"]) // 2]
    middle["segments_info"] = [{k: s[k] for k in ("area", "category_id", "iscrowd", "id", "bbox")}
                               for s in entry["segments_info"]]
    image = next(i for i in doc["images"] if i["id"] == middle["image_id"])
    image["width"], image["height"] = 64, 48
    with open(out, "w") as f:
        json.dump(doc, f)
    print(middle["file_name"])


def reference(mode, path, name):
    t0 = time.perf_counter()
    with open(path) as f:
        doc = json.load(f)
    ann = next(a for a in doc["annotations"] if a["file_name"] == name)
    segs = ann["segments_info"]
    if mode == "edit":
        segs[0]["category_id"] = 2 if segs[0]["category_id"] == 1 else 1
        segs.append({"id": max(s["id"] for s in segs) + 1, "category_id": 1, "iscrowd": 0, "bbox": [3, 4, 6, 7],
                     "area": 42})
        tmp = path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(doc, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    print("segments=%d total_s=%.3f" % (len(segs), time.perf_counter() - t0))


def verify(old_path, new_path, name):
    """The bytes that differ lie inside NAME's annotation entry, and the new file is valid JSON."""
    old, new = open(old_path, "rb").read(), open(new_path, "rb").read()
    p = 0
    limit = min(len(old), len(new))
    step = 1 << 20
    while p < limit and old[p:p + step] == new[p:p + step]:
        p += step
    while p < limit and old[p] == new[p]:
        p += 1
    s = 0
    while s < limit - p and old[len(old) - s - 1] == new[len(new) - s - 1]:
        s += 1
    key = ('"file_name": "%s"' % name).encode()
    at = old.rfind(key)
    start = old.rfind(b'{"segments_info": ', 0, at)
    end = old.find(b"}, {", at) + 1 if old.find(b"}, {", at) != -1 else old.find(b"}]", at) + 1
    inside = start <= p and len(old) - s <= end
    doc = json.loads(new)
    ok = inside and sum(1 for a in doc["annotations"] if a["file_name"] == name) == 1
    print("identical_outside_entry=%s changed_old_bytes=%d..%d entry=%d..%d valid_json=yes sizes=%d->%d"
          % ("yes" if ok else "NO", p, len(old) - s, start, end, len(old), len(new)))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "gen":
        gen(args[0], args[1], int(args[3]) if len(args) > 3 and args[2] == "--images" else 118287)
    elif cmd == "prepare":
        prepare(*args)
    elif cmd in ("read", "edit"):
        reference(cmd, *args)
    elif cmd == "verify":
        verify(*args)
    else:
        sys.exit(__doc__)
