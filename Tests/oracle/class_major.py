#!/usr/bin/env python3
"""Oracle for the class-major formats (issue 12): files made with numpy and
Pillow exactly as the producing tools make them, checked against panoptty.

- DeepLab2 / Cityscapes-DVPS: build_dvps_data.py's and build_step_data.py's
  formula `panoptic = semantic * 1000 + instance` (trainIds), as a 16-bit PNG.
- KITTI-STEP: R = semantic, G = instance // 256, B = instance % 256
  (deeplab2 g3doc/setup/kitti_step.md), decoded with build_step_data's
  `semantic * 1000 + G * 256 + B`.
- VIPSeg: raw panomasks, stuff = category id + 1, things (id + 1) * 100 + k
  (the VIPSeg README; decoded as its create_panoptic_video_labels.py does).

For every scene: panoptty converts the file to COCO, and the COCO segments
must be exactly the file's segments (same pixels, class and crowd flag);
then panoptty converts the COCO file back, and the array must equal the
original bit for bit (instances are numbered 1..n per class, so the
per-class renumbering is the identity). Usage: class_major.py PANOPTTY WORKDIR
"""
import json, os, subprocess, sys
import numpy as np
from PIL import Image

BIN, WORK = sys.argv[1], sys.argv[2]
rng = np.random.default_rng(12)
TRAIN_TO_LABEL = [7, 8, 11, 12, 13, 17, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 31, 32, 33]
THING_TRAIN = set(range(11, 19))
VIP_CATS = [{"id": 0, "name": "wall", "isthing": 0, "color": [120, 120, 120]},
            {"id": 2, "name": "door", "isthing": 1, "color": [6, 230, 230]},
            {"id": 28, "name": "sky", "isthing": 0, "color": [255, 9, 92]},
            {"id": 60, "name": "person", "isthing": 1, "color": [11, 200, 200]},
            {"id": 123, "name": "train", "isthing": 1, "color": [133, 255, 0]}]
passed = failed = 0


def scene(h, w, classes, things, k_from):
    """A random blocky scene: semantic ids and per-class instance ids."""
    sem = rng.choice(classes, size=(h // 4, w // 4)).repeat(4, 0).repeat(4, 1)
    inst = np.zeros_like(sem)
    blocks = rng.integers(1, 6, size=(h // 4, w // 4)).repeat(4, 0).repeat(4, 1)
    for c in things:
        m = sem == c
        raw = blocks[m] - 1 + k_from  # a few instances (0 = crowd where k_from is 0)
        # Dense numbers per class (1..n, or 0..n-1 for VIPSeg), as the datasets
        # number them, so that renumbering per class is the identity.
        ranks = {v: i for i, v in enumerate(sorted(set(raw.tolist()) - {0}))}
        inst[m] = [0 if v == 0 and k_from == 0 and c in THING_TRAIN else ranks.get(v, 0) + (1 if k_from == 0 and c in THING_TRAIN else k_from) for v in raw.tolist()]
    return sem, inst


def run(*args):
    r = subprocess.run([BIN, *args], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(" ".join(args) + ": " + r.stderr.strip())


def segments(ids):
    """value -> pixel mask set, as frozensets of flat indices."""
    flat = ids.ravel()
    return {int(v): frozenset(np.flatnonzero(flat == v)) for v in np.unique(flat)}


def check(name, ok, why=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok  ", name)
    else:
        failed += 1
        print("FAIL", name, why)


def coco_partition(png, json_path):
    rgb = np.array(Image.open(png)).astype(np.uint32)
    ids = rgb[..., 0] + 256 * rgb[..., 1] + 65536 * rgb[..., 2]
    ann = json.load(open(json_path))["annotations"][0]
    info = {s["id"]: s for s in ann["segments_info"]}
    return ids, info


for n in range(6):
    h, w = 24 + 8 * n, 32 + 4 * n
    # DeepLab2 / Cityscapes-DVPS: trainIds 0-18, instance 0 = crowd for things.
    sem, inst = scene(h, w, list(range(19)), THING_TRAIN, 0)
    pan = (sem * 1000 + inst).astype(np.uint16)
    for fmt in ["deeplab2", "cityscapes-dvps"]:
        src = os.path.join(WORK, f"{fmt}{n}.png")
        Image.fromarray(pan).save(src)  # Pillow writes uint16 as a 16-bit gray PNG
        os.makedirs(os.path.join(WORK, f"c{fmt}{n}"), exist_ok=True)
        coco = os.path.join(WORK, f"c{fmt}{n}", "x.png")
        run("convert", src, coco, "--format", fmt, "--to", "coco", "--out-annotations", coco[:-6] + ".json")
        ids, info = coco_partition(coco, coco[:-6] + ".json")
        want = segments(pan)
        got = segments(ids)
        same = sorted(want.values(), key=min) == sorted(got.values(), key=min)
        classes_ok = all(
            info[i]["category_id"] == TRAIN_TO_LABEL[int(pan.ravel()[min(px)]) // 1000]
            and info[i]["iscrowd"] == int(int(pan.ravel()[min(px)]) // 1000 in THING_TRAIN and int(pan.ravel()[min(px)]) % 1000 == 0)
            for i, px in got.items())
        check(f"{fmt} scene {n} → coco: same segments, classes and crowd", same and classes_ok)
        back = os.path.join(WORK, f"{fmt}{n}-back.png")
        run("convert", coco, back, "--to", fmt, "--classes", "cityscapes", "--annotations", coco[:-6] + ".json")
        check(f"{fmt} scene {n} → coco → {fmt}: bit for bit", np.array_equal(np.array(Image.open(back)), pan))

    # KITTI-STEP: only person (11) and car (13) carry instances; track ids up to 300.
    sem, inst = scene(h, w, list(range(19)), {11, 13}, 1)
    inst[sem == 13] *= 60  # track ids 60 … 300 need G
    sem[0, :4] = 255  # void: instance 0, as build_step_data.py's docstring says
    inst[sem == 255] = 0
    rgb = np.stack([sem, inst // 256, inst % 256], axis=-1).astype(np.uint8)
    src = os.path.join(WORK, f"kitti{n}.png")
    Image.fromarray(rgb).save(src)
    same_fmt = os.path.join(WORK, f"kitti{n}-same.png")
    run("convert", src, same_fmt, "--format", "kitti-step", "--to", "kitti-step")
    check(f"kitti-step scene {n} → kitti-step keeps track ids", np.array_equal(np.array(Image.open(same_fmt)), rgb))
    step = sem.astype(np.int64) * 1000 + inst  # build_step_data's decode
    off = os.path.join(WORK, f"kitti{n}-off.png")
    run("convert", src, off, "--format", "kitti-step", "--to", "offset", "--classes", "cityscapes")
    o = np.array(Image.open(off)).astype(np.int64)
    voidv = 34  # offset void = the Cityscapes catalog's size
    got = sorted((px for v, px in segments(o).items() if v != voidv), key=min)
    want = sorted((px for v, px in segments(step).items() if v // 1000 != 255), key=min)
    void_px = frozenset(np.flatnonzero(sem.ravel() == 255))
    check(f"kitti-step scene {n} → offset: same segments, void where R = 255",
          got == want and segments(o).get(voidv, frozenset()) == void_px)

    # VIPSeg raw: void 0, stuff id + 1 bare, things (id + 1) * 100 + k from 0.
    cats = os.path.join(WORK, "vip.json")
    json.dump(VIP_CATS, open(cats, "w"))
    raw_ids = [c["id"] + 1 for c in VIP_CATS]
    sem, inst = scene(h, w, raw_ids + [0], {c["id"] + 1 for c in VIP_CATS if c["isthing"]}, 0)
    things = np.isin(sem, [c["id"] + 1 for c in VIP_CATS if c["isthing"]])
    pan = np.where(things, sem * 100 + inst, sem).astype(np.uint16)
    src = os.path.join(WORK, f"vip{n}.png")
    Image.fromarray(pan).save(src)
    os.makedirs(os.path.join(WORK, f"cvip{n}"), exist_ok=True)
    coco = os.path.join(WORK, f"cvip{n}", "x.png")
    run("convert", src, coco, "--format", "vipseg", "--classes", cats, "--to", "coco", "--out-annotations", coco[:-6] + ".json")
    ids, info = coco_partition(coco, coco[:-6] + ".json")
    got = segments(ids)
    want = {v: px for v, px in segments(pan).items() if v != 0}
    # VIPSeg's own decode: el < 125 → semantic el, else el // 100; category id = semantic - 1.
    vip_cat = lambda v: (v if v < 125 else v // 100) - 1
    check(f"vipseg scene {n} → coco: same segments and categories",
          sorted(want.values(), key=min) == sorted((px for v, px in got.items() if v != 0), key=min)
          and all(info[i]["category_id"] == vip_cat(int(pan.ravel()[min(px)])) for i, px in got.items() if i != 0))
    back = os.path.join(WORK, f"vip{n}-back.png")
    run("convert", coco, back, "--to", "vipseg", "--classes", cats, "--annotations", coco[:-6] + ".json")
    check(f"vipseg scene {n} → coco → vipseg: bit for bit", np.array_equal(np.array(Image.open(back)), pan))

# detectron2 panoptic_seg dumps as users save them (np.save / np.savez_compressed
# + json.dump(segments_info)), unified contiguous ids (Mask2Former,
# Panoptic-DeepLab): the COCO output must hold the same segments with
# category_id = the COCO id of the contiguous index (panoptty's categories order).
for n in range(4):
    h, w = 16 + 4 * n, 20 + 4 * n
    ids = rng.integers(0, 6, size=(h // 4, w // 4)).repeat(4, 0).repeat(4, 1).astype(np.int32) * 3  # ids 0, 3, …, 15
    ids[ids == 0] = -1 if n % 2 else 0  # Panoptic-DeepLab's void -1 or 0
    segs = []
    for k, i in enumerate(sorted(set(ids.ravel().tolist()) - {0, -1})):
        cat = [0, 2, 100, 119, 5][k % 5]  # person, car, road, sky-other-merged, bus
        segs.append({"id": int(i), "isthing": cat < 80, "category_id": cat})
    # One stuff class per image: drop repeated stuff categories.
    seen = set()
    segs = [s for s in segs if s["isthing"] or not (s["category_id"] in seen or seen.add(s["category_id"]))]
    keep = {s["id"] for s in segs}
    ids[~np.isin(ids, list(keep))] = 0
    stem = os.path.join(WORK, f"d2-{n}")
    if n % 2:
        np.savez_compressed(stem + ".npz", ids)
        src = stem + ".npz"
    else:
        np.save(stem + ".npy", ids)
        src = stem + ".npy"
    json.dump(segs, open(stem + ".json", "w"))
    os.makedirs(os.path.join(WORK, f"cd2-{n}"), exist_ok=True)
    coco = os.path.join(WORK, f"cd2-{n}", "x.png")
    run("convert", src, coco, "--to", "coco", "--out-annotations", coco[:-6] + ".json")
    got_ids, info = coco_partition(coco, coco[:-6] + ".json")
    cats = [c["id"] for c in json.load(open(coco[:-6] + ".json"))["categories"]]
    by_id = {s["id"]: s for s in segs}
    want = {v: px for v, px in segments(ids).items() if v not in (0, -1)}
    got = segments(got_ids)
    ok = sorted(want.values(), key=min) == sorted((px for v, px in got.items() if v != 0), key=min)
    ok = ok and all(info[g]["category_id"] == cats[by_id[int(ids.ravel()[min(px)])]["category_id"]]
                    for g, px in got.items() if g != 0)
    check(f"detectron2 dump {n} ({'npz' if n % 2 else 'npy'}) → coco: same segments and categories", ok)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
