#!/usr/bin/env python3
"""Helpers for bench/coco_scale.sh: COCO JSON at train scale (issue 11 section 2).

    coco_scale.py gen DIR CATALOG.json [--images N] [--pngs K] [--seed S]
        DIR/train.json      a COCO-train-sized panoptic JSON (118,287 images, ~1.77 M segments)
        DIR/train/*.png     K panoptic PNGs whose segments_info match their JSON entry exactly
        DIR/photos/*.jpg    a photo for each (PNG bytes; panoptty sniffs the format)
        DIR/cases.tsv       png name, image id, width, height, then X Y and the box of a void hole
    coco_scale.py read FILE NAME          reference for `info`: json.load + find the entry
    coco_scale.py edit FILE NAME          reference for an edit: json.load + one segment added
                                          + json.dump + fsync + rename
    coco_scale.py bytes OLD NEW NAME      bytes outside NAME's annotation and images entries identical,
                                          and only the annotation entry changed?
    coco_scale.py verify OLD NEW CASES.tsv CATEGORY_ID NAME...
        loads both files, compares every other image, annotation and top-level value, and checks
        that each edited entry kept its segments (ids, order, every field) and gained exactly one
        segment: the hole, with CATEGORY_ID, its area and bbox.

Only the standard library. The JSON is laid out as panopticapi writes it
(`json.dump` defaults: ", " and ": ", one line), with the key orders of the
real panoptic_train2017.json; categories come from panoptty's own COCO
catalog (CATALOG.json is any JSON panoptty wrote, holding "categories").
"""
import json
import os
import random
import struct
import sys
import time
import zlib

SIZES = [(640, 480), (640, 427), (480, 640), (640, 426), (500, 375), (427, 640), (640, 360), (612, 612)]


def color_id(rgb):
    return rgb[0] + 256 * rgb[1] + 65536 * rgb[2]


def new_id(rng, cat, taken):
    """A segment id as panopticapi's IdGenerator makes them: the category colour, jittered when taken."""
    rgb = list(cat["color"])
    while color_id(rgb) in taken or color_id(rgb) == 0:
        rgb = [min(255, max(0, v + rng.randint(-30, 30))) for v in cat["color"]]
    taken.add(color_id(rgb))
    return color_id(rgb)


def random_segments(rng, stuff, things, w, h):
    """segments_info of an image without a PNG: plausible numbers, nothing to match."""
    n = min(120, 1 + int(rng.gammavariate(2.2, 6.6)))
    n_stuff = min(n, rng.randint(1, 7))
    taken, segs = set(), []
    for i in range(n):
        cat = rng.choice(stuff if i < n_stuff else things)
        x, y = rng.randrange(w), rng.randrange(h)
        bw, bh = max(1, int((w - x) * rng.random() ** 2)), max(1, int((h - y) * rng.random() ** 2))
        segs.append({"area": rng.randint(1, bw * bh), "category_id": cat["id"],
                     "iscrowd": 1 if cat["isthing"] and rng.random() < 0.02 else 0,
                     "id": new_id(rng, cat, taken), "bbox": [x, y, bw, bh]})
    return segs


def painted_image(rng, stuff, things, w, h):
    """An id map and its exact segments_info: stuff bands (distinct classes), thing boxes over them
    (at most one crowd box per class), and one void hole. Segments stay in painting order, which is
    not id order, as in the real files."""
    taken = set()
    rows = [[0] * w for _ in range(h)]
    order = []  # (id, category, crowd)
    cuts = sorted(rng.sample(range(1, h), rng.randint(2, 5)))
    for cat, (y0, y1) in zip(rng.sample(stuff, len(cuts) + 1), zip([0] + cuts, cuts + [h])):
        sid = new_id(rng, cat, taken)
        order.append((sid, cat, 0))
        for y in range(y0, y1):
            rows[y] = [sid] * w
    crowded = set()
    for _ in range(rng.randint(8, 30)):
        cat = rng.choice(things)
        crowd = 1 if rng.random() < 0.08 and cat["id"] not in crowded else 0
        if crowd:
            crowded.add(cat["id"])
        sid = new_id(rng, cat, taken)
        order.append((sid, cat, crowd))
        bw, bh = rng.randint(8, w // 3), rng.randint(8, h // 3)
        x0, y0 = rng.randrange(w - bw), rng.randrange(h - bh)
        for y in range(y0, y0 + bh):
            rows[y][x0:x0 + bw] = [sid] * bw
    hw, hh = 40, 30
    hx, hy = rng.randrange(w - hw), rng.randrange(h - hh)
    for y in range(hy, hy + hh):
        rows[y][hx:hx + hw] = [0] * hw
    stats = {}
    for y, row in enumerate(rows):
        x = 0
        while x < w:  # runs
            v, start = row[x], x
            while x < w and row[x] == v:
                x += 1
            if v:
                s = stats.setdefault(v, [0, start, y, x - 1, y])
                s[0] += x - start
                s[1], s[2] = min(s[1], start), min(s[2], y)
                s[3], s[4] = max(s[3], x - 1), max(s[4], y)
    segs = []
    for sid, cat, crowd in order:
        if sid in stats:  # a box painted over completely is gone
            a, x0, y0, x1, y1 = stats[sid]
            segs.append({"area": a, "category_id": cat["id"], "iscrowd": crowd, "id": sid,
                         "bbox": [x0, y0, x1 - x0 + 1, y1 - y0 + 1]})
    return rows, segs, (hx, hy, hw, hh)


def write_png(path, rows):
    """8-bit RGB PNG of segment ids (R + 256 G + 65536 B), filter 0."""
    raw = bytearray()
    for row in rows:
        raw.append(0)
        for v in row:
            raw += bytes((v & 255, (v >> 8) & 255, v >> 16))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", len(rows[0]), len(rows), 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(bytes(raw), 6)) + chunk(b"IEND", b""))


def gen(out, catalog, n_images=118287, n_pngs=5, seed=2017):
    rng = random.Random(seed)
    cats = json.load(open(catalog))["categories"]
    things = [c for c in cats if c["isthing"]]
    stuff = [c for c in cats if not c["isthing"]]
    with_png = {1, n_images // 4, n_images // 2, 3 * n_images // 4, n_images - 2}
    with_png = sorted(with_png | set(rng.sample(range(n_images), max(0, n_pngs - len(with_png)))))[:n_pngs]
    os.makedirs(os.path.join(out, "train"), exist_ok=True)
    os.makedirs(os.path.join(out, "photos"), exist_ok=True)
    images, annotations, cases = [], [], []
    for k, image_id in enumerate(rng.sample(range(9, 581930), n_images)):
        w, h = rng.choice(SIZES)
        stem = "%012d" % image_id
        images.append({
            "license": rng.randint(1, 8), "file_name": stem + ".jpg",
            "coco_url": "http://images.cocodataset.org/train2017/%s.jpg" % stem, "height": h, "width": w,
            "date_captured": "2013-%02d-%02d %02d:%02d:%02d" % (
                rng.randint(11, 12), rng.randint(1, 28), rng.randrange(24), rng.randrange(60), rng.randrange(60)),
            "flickr_url": "http://farm%d.staticflickr.com/%d/%d_%010x_z.jpg" % (
                rng.randint(1, 9), rng.randint(1000, 9999), rng.randint(10**9, 10**10 - 1), rng.getrandbits(40)),
            "id": image_id})
        if k in with_png:
            rows, segs, (hx, hy, hw, hh) = painted_image(rng, stuff, things, w, h)
            write_png(os.path.join(out, "train", stem + ".png"), rows)
            write_png(os.path.join(out, "photos", stem + ".jpg"), rows)
            cases.append((stem + ".png", image_id, w, h, hx + hw // 2, hy + hh // 2, hx, hy, hw, hh, k))
        else:
            segs = random_segments(rng, stuff, things, w, h)
        annotations.append({"segments_info": segs, "file_name": stem + ".png", "image_id": image_id})
    doc = {"info": {"description": "COCO 2018 Panoptic Dataset (synthetic, train-sized)", "url": "http://cocodataset.org",
                    "version": "1.0", "year": 2018, "contributor": "https://arxiv.org/abs/1801.00868",
                    "date_created": "2018-06-01 00:00:00.0"},
           "licenses": [{"url": "http://creativecommons.org/licenses/by-nc-sa/2.0/", "id": i, "name": "license %d" % i}
                        for i in range(1, 9)],
           "images": images, "annotations": annotations,
           "categories": [{"supercategory": c["supercategory"], "isthing": c["isthing"], "id": c["id"],
                           "name": c["name"]} for c in cats]}
    tmp = os.path.join(out, "train.json.tmp")
    with open(tmp, "w") as f:
        json.dump(doc, f)
    os.replace(tmp, os.path.join(out, "train.json"))
    with open(os.path.join(out, "cases.tsv"), "w") as f:
        for c in cases:
            f.write("\t".join(map(str, c)) + "\n")
    n_seg = sum(len(a["segments_info"]) for a in annotations)
    print("train.json: %d images, %d segments, %d bytes; %d PNGs"
          % (len(images), n_seg, os.path.getsize(os.path.join(out, "train.json")), len(cases)))


def reference(mode, path, name):
    """What a script does: load everything, touch one entry, dump everything."""
    with open(path) as f:
        doc = json.load(f)
    ann = next(a for a in doc["annotations"] if a["file_name"] == name)
    if mode == "edit":
        segs = ann["segments_info"]
        segs.append({"area": 1200, "category_id": 3, "iscrowd": 0, "id": max(s["id"] for s in segs) + 1,
                     "bbox": [10, 10, 40, 30]})
        tmp = path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(doc, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)


def entry_spans(data, name):
    """Byte ranges of NAME's annotation entry ({"segments_info": ..., "file_name": NAME, "image_id": N})
    and of its `images` entry ({"license": ..., "id": N}), in the generator's key orders; file order."""
    key = ('"file_name": "%s", "image_id": ' % name).encode()
    at = data.find(key)
    assert at > 0 and data.find(key, at + 1) == -1, name
    end = data.find(b"}", at) + 1
    image_id = int(data[at + len(key):end - 1])
    ann = (data.rfind(b'{"segments_info": ', 0, at), end)
    key = (', "id": %d}' % image_id).encode()
    at = data.find(key)
    assert at > 0 and data.find(key, at + 1) == -1, image_id
    img = (data.rfind(b'{"license": ', 0, at), at + len(key))
    return sorted([img, ann])


def check_bytes(old_path, new_path, name):
    """Everything outside NAME's two entries is byte-identical; says which of them changed."""
    old, new = open(old_path, "rb").read(), open(new_path, "rb").read()
    os_, ns = entry_spans(old, name), entry_spans(new, name)

    def outside(data, spans):
        return [data[:spans[0][0]], data[spans[0][1]:spans[1][0]], data[spans[1][1]:]]

    same = outside(old, os_) == outside(new, ns)
    changed = ["images" if old[o[0]:o[1]].startswith(b'{"license"') else "annotation"
               for o, n in zip(os_, ns) if old[o[0]:o[1]] != new[n[0]:n[1]]]
    o, n = [(o, n) for o, n in zip(os_, ns) if old[o[0]:o[1]].startswith(b'{"segments_info"')][0]
    print("bytes outside %s's entries identical: %s; changed: %s (annotation entry at %d: %d B -> %d B; file %d B -> %d B)"
          % (name, "yes" if same else "NO", " + ".join(changed) or "nothing", o[0], o[1] - o[0], n[1] - n[0],
             len(old), len(new)))
    return same and changed == ["annotation"]


def verify(old_path, new_path, cases_path, category_id, names):
    cases = {c[0]: c for c in (line.rstrip("\n").split("\t") for line in open(cases_path))}
    t0 = time.perf_counter()
    old, new = json.load(open(old_path)), json.load(open(new_path))
    problems = []
    if list(old) != list(new):
        problems.append("top-level keys %s -> %s" % (list(old), list(new)))
    for key in old:
        if key not in ("images", "annotations") and old[key] != new.get(key):
            problems.append("%s changed" % key)
    if old["images"] != new["images"]:
        problems.append("images changed (%d entries differ)"
                        % sum(1 for a, b in zip(old["images"], new["images"]) if a != b))
    oa, na = old["annotations"], new["annotations"]
    if len(oa) != len(na):
        problems.append("annotations: %d -> %d entries" % (len(oa), len(na)))
    edited = set(names)
    others = sum(1 for a, b in zip(oa, na) if a["file_name"] not in edited and a != b)
    if others:
        problems.append("%d other annotations changed" % others)
    kept = added = 0
    for a, b in zip(oa, na):
        if a["file_name"] not in edited:
            continue
        c = cases[a["file_name"]]
        hx, hy, hw, hh = map(int, c[6:10])
        if list(a) != list(b) or a["image_id"] != b["image_id"] or a["file_name"] != b["file_name"]:
            problems.append("%s: entry keys or ids changed" % a["file_name"])
        olds, news = a["segments_info"], b["segments_info"]
        if news[:len(olds)] != olds or [list(s) for s in news[:len(olds)]] != [list(s) for s in olds]:
            problems.append("%s: old segments not kept as they were (ids %s -> %s)"
                            % (a["file_name"], [s["id"] for s in olds], [s["id"] for s in news]))
        else:
            kept += len(olds)
        extra = news[len(olds):]
        want = {"area": hw * hh, "category_id": category_id, "iscrowd": 0, "bbox": [hx, hy, hw, hh]}
        if len(extra) != 1 or {k: v for k, v in extra[0].items() if k != "id"} != want:
            problems.append("%s: expected one new segment %s, got %s" % (a["file_name"], want, extra))
        else:
            added += 1
            if extra[0]["id"] in {s["id"] for s in olds} or not 0 < extra[0]["id"] < 1 << 24:
                problems.append("%s: new segment id %d is not fresh" % (a["file_name"], extra[0]["id"]))
            if list(extra[0]) != list(olds[0]):
                problems.append("%s: new segment key order %s, the file's is %s"
                                % (a["file_name"], list(extra[0]), list(olds[0])))
    print("json compare: %s; %d images, %d other annotations equal; edited %d entries: %d old segments kept "
          "(id, order, every field), %d hole segments added (%.1f s)"
          % ("ok" if not problems else "PROBLEMS", len(new["images"]), len(oa) - len(edited), len(edited), kept,
             added, time.perf_counter() - t0))
    for p in problems:
        print("  - " + p)
    return not problems


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "gen":
        opts = dict(zip(args[2::2], args[3::2]))
        gen(args[0], args[1], int(opts.get("--images", 118287)), int(opts.get("--pngs", 5)),
            int(opts.get("--seed", 2017)))
    elif cmd in ("read", "edit"):
        reference(cmd, *args)
    elif cmd == "bytes":
        sys.exit(0 if check_bytes(*args) else 1)
    elif cmd == "verify":
        sys.exit(0 if verify(args[0], args[1], args[2], int(args[3]), args[4:]) else 1)
    else:
        sys.exit(__doc__)
