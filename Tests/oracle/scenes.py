"""Synthetic panoptic scenes and prediction perturbations for the oracle.

Everything works on segment-id maps (uint32, 0 = void) plus a dict
id -> {"category_id", "iscrowd"}; PNG/JSON writing lives in generate.py.
A scene has stuff regions (Voronoi cells, one segment per stuff class, as
in COCO), overlapping thing instances (ellipses, boxes, blobs), optional
crowd regions (sometimes two of one class, to hit pq_compute's
last-crowd-wins rule) and void (boundaries and blobs).
"""
import numpy as np

SYNTHETIC_CATEGORIES = [
    {"id": 1, "name": "person", "isthing": 1},
    {"id": 2, "name": "car", "isthing": 1},
    {"id": 3, "name": "dog", "isthing": 1},
    {"id": 4, "name": "bicycle", "isthing": 1},
    {"id": 5, "name": "bird", "isthing": 1},
    {"id": 6, "name": "never-seen thing", "isthing": 1},
    {"id": 10, "name": "sky", "isthing": 0},
    {"id": 11, "name": "road", "isthing": 0},
    {"id": 12, "name": "grass", "isthing": 0},
    {"id": 13, "name": "building", "isthing": 0},
    {"id": 14, "name": "never-seen stuff", "isthing": 0},
]


def thing_ids(categories):
    return [c["id"] for c in categories if c["isthing"] == 1 and "never" not in c["name"]]


def stuff_ids(categories):
    return [c["id"] for c in categories if c["isthing"] != 1 and "never" not in c["name"]]


class IdMaker:
    """Unique random 24-bit ids (what a COCO PNG can hold), never 0."""

    def __init__(self, rng, taken=()):
        self.rng = rng
        self.taken = set(int(t) for t in taken) | {0}

    def __call__(self):
        while True:
            i = int(self.rng.integers(1, 1 << 24))
            if i not in self.taken:
                self.taken.add(i)
                return i


def ellipse(h, w, rng, scale):
    cy, cx = rng.uniform(0, h), rng.uniform(0, w)
    ry, rx = rng.uniform(1, max(1.5, scale * h)) + 1, rng.uniform(1, max(1.5, scale * w)) + 1
    y, x = np.ogrid[:h, :w]
    return ((y - cy) / ry) ** 2 + ((x - cx) / rx) ** 2 <= 1


def box(h, w, rng, scale):
    y0, x0 = int(rng.integers(0, h)), int(rng.integers(0, w))
    y1 = min(h, y0 + 1 + int(rng.integers(1, max(2, int(scale * 2 * h)))))
    x1 = min(w, x0 + 1 + int(rng.integers(1, max(2, int(scale * 2 * w)))))
    m = np.zeros((h, w), bool)
    m[y0:y1, x0:x1] = True
    return m


def blob(h, w, rng, scale):
    m = ellipse(h, w, rng, scale)
    for _ in range(int(rng.integers(1, 3))):
        m |= ellipse(h, w, rng, scale * 0.7)
    return m


def random_shape(h, w, rng, scale=0.25):
    return [ellipse, box, blob][int(rng.integers(0, 3))](h, w, rng, scale)


def wiggled(ids, rng, amplitude=6.0, cells=(12, 16)):
    """Bends straight edges into irregular, annotation-like outlines: a smooth
    random displacement field plus one-pixel jitter (needs Pillow)."""
    from PIL import Image
    h, w = ids.shape
    fields = []
    for _ in range(2):
        coarse = rng.uniform(-amplitude, amplitude, cells).astype(np.float32)
        smooth = np.array(Image.fromarray(coarse, "F").resize((w, h), Image.BILINEAR))
        fields.append(np.rint(smooth + rng.integers(-1, 2, (h, w)) * (rng.random((h, w)) < 0.3)).astype(int))
    y = np.clip(np.arange(h)[:, None] + fields[0], 0, h - 1)
    x = np.clip(np.arange(w)[None, :] + fields[1], 0, w - 1)
    return ids[y, x]


def make_scene(rng, h, w, categories, things=(0, 9), crowd_p=0.4, void_p=0.5, wiggle=False):
    """Returns (id map, {id: {"category_id", "iscrowd"}})."""
    new_id = IdMaker(rng)
    stuff = stuff_ids(categories)
    thing = thing_ids(categories)
    ids = np.zeros((h, w), np.uint32)
    info = {}
    # Stuff: Voronoi cells, each stuff class one segment (maybe disconnected).
    k = int(rng.integers(1, min(4, len(stuff)) + 1))
    classes = rng.choice(stuff, size=k, replace=False)
    seeds = int(rng.integers(k, k + 5))
    sy, sx = rng.uniform(0, h, seeds), rng.uniform(0, w, seeds)
    owner = np.concatenate([np.arange(k), rng.integers(0, k, seeds - k)])
    y, x = np.ogrid[:h, :w]
    dist = np.stack([(y - sy[i]) ** 2 + (x - sx[i]) ** 2 for i in range(seeds)])
    cell = owner[np.argmin(dist, axis=0)]
    for j, c in enumerate(classes):
        sid = new_id()
        ids[cell == j] = sid
        info[sid] = {"category_id": int(c), "iscrowd": 0}
    # Crowd regions (things with iscrowd=1), drawn before instances.
    if rng.random() < crowd_p:
        c = int(rng.choice(thing))
        for _ in range(int(rng.integers(1, 3))):
            cid = new_id()
            ids[random_shape(h, w, rng, 0.2)] = cid
            info[cid] = {"category_id": c if rng.random() < 0.7 else int(rng.choice(thing)), "iscrowd": 1}
    for _ in range(int(rng.integers(*things))):
        tid = new_id()
        ids[random_shape(h, w, rng, 0.2)] = tid
        info[tid] = {"category_id": int(rng.choice(thing)), "iscrowd": 0}
    if wiggle:
        ids = wiggled(ids, rng)
    # Void: thin boundaries and a few blobs.
    if rng.random() < void_p:
        edge = np.zeros((h, w), bool)
        edge[:, 1:] |= ids[:, 1:] != ids[:, :-1]
        edge[1:, :] |= ids[1:, :] != ids[:-1, :]
        ids[edge & (rng.random((h, w)) < rng.uniform(0.3, 1))] = 0
    for _ in range(int(rng.integers(0, 3))):
        if rng.random() < void_p:
            ids[random_shape(h, w, rng, 0.1)] = 0
    present = set(np.unique(ids).tolist()) - {0}
    return ids, {i: v for i, v in info.items() if i in present}


# ---------------------------------------------------------------- predictions

def shifted(mask, dy, dx):
    out = np.zeros_like(mask)
    h, w = mask.shape
    ys, yd = (slice(0, h - dy), slice(dy, h)) if dy >= 0 else (slice(-dy, h), slice(0, h + dy))
    xs, xd = (slice(0, w - dx), slice(dx, w)) if dx >= 0 else (slice(-dx, w), slice(0, w + dx))
    out[yd, xd] = mask[ys, xs]
    return out


def dilate(mask, r):
    out = mask.copy()
    for dy in range(-r, r + 1):
        for dx in range(-r, r + 1):
            out |= shifted(mask, dy, dx)
    return out


def erode(mask, r):
    return ~dilate(~mask, r)


OPS = ["drop", "shift", "grow", "shrink", "swap", "merge", "split", "extra",
       "extra_on_void", "extra_on_crowd", "half", "crowd_swap", "noise", "void_patch"]


def perturb(rng, gt_ids, gt_info, categories, strength, ops=OPS, empty_p=0.03):
    """A prediction derived from ground truth: copies every segment under a
    fresh id, then applies `strength` random operations. Returns
    (pred id map, {id: {"category_id", "iscrowd"}})."""
    h, w = gt_ids.shape
    if rng.random() < empty_p:
        return np.zeros((h, w), np.uint32), {}
    new_id = IdMaker(rng, gt_info.keys())
    pred = np.zeros_like(gt_ids)
    info = {}
    for gid, gi in gt_info.items():
        pid = new_id()
        pred[gt_ids == gid] = pid
        info[pid] = {"category_id": gi["category_id"], "iscrowd": 0}
    # GT void is predicted as a neighbour's label half of the time.
    if rng.random() < 0.5:
        for dy, dx in [(0, 1), (1, 0), (0, -1), (-1, 0)]:
            hole = pred == 0
            pred[hole] = np.roll(pred, (dy, dx), (0, 1))[hole]
    all_cats = [c["id"] for c in categories]
    thing = thing_ids(categories)
    for _ in range(strength):
        present = [i for i in np.unique(pred).tolist() if i != 0]
        op = ops[int(rng.integers(0, len(ops)))]
        target = int(rng.choice(present)) if present else None
        mask = pred == target if target is not None else None
        if op == "drop" and target:
            pred[mask] = 0 if rng.random() < 0.5 else int(rng.choice(present))
        elif op == "shift" and target:
            dy, dx = (int(v) for v in rng.integers(-6, 7, 2))
            moved = shifted(mask, dy, dx)
            pred[mask & ~moved] = 0
            pred[moved] = target
        elif op == "grow" and target:
            pred[dilate(mask, int(rng.integers(1, 3)))] = target
        elif op == "shrink" and target:
            pred[mask & ~erode(mask, int(rng.integers(1, 3)))] = 0
        elif op == "swap" and target:
            info[target]["category_id"] = int(rng.choice(all_cats))
        elif op == "merge" and len(present) > 1:
            other = int(rng.choice(present))
            pred[pred == other] = target
        elif op == "split" and target:
            ys, xs = np.nonzero(mask)
            cut = np.median(xs) + rng.uniform(-3, 3)
            part = mask & (np.arange(w)[None, :] > cut)
            if part.any():
                sid = new_id()
                pred[part] = sid
                info[sid] = dict(info[target])
        elif op in ("extra", "extra_on_void", "extra_on_crowd"):
            shape = random_shape(h, w, rng, 0.15)
            cat = int(rng.choice(thing))
            if op == "extra_on_void":
                shape &= gt_ids == 0
            elif op == "extra_on_crowd":
                crowds = [g for g, v in gt_info.items() if v["iscrowd"] == 1]
                if crowds:
                    g = int(rng.choice(crowds))
                    cat = gt_info[g]["category_id"] if rng.random() < 0.8 else cat
                    shape = (gt_ids == g) & (dilate(shape, 3) if rng.random() < 0.5 else np.ones_like(shape))
            if shape.any():
                sid = new_id()
                pred[shape] = sid
                info[sid] = {"category_id": cat, "iscrowd": int(rng.integers(0, 2))}
        elif op == "half" and target:
            # IoU exactly 0.5 (no match) or just above, with the rest void.
            flat = np.flatnonzero(mask.ravel())
            keep = len(flat) // 2 + int(rng.integers(0, 2))
            pred.ravel()[flat[keep:]] = 0
        elif op == "crowd_swap":
            crowds = [g for g, v in gt_info.items() if v["iscrowd"] == 1]
            if crowds:
                g = int(rng.choice(crowds))
                sid = new_id()
                pred[gt_ids == g] = sid
                info[sid] = {"category_id": int(rng.choice(thing)), "iscrowd": 0}
        elif op == "noise" and present:
            for _ in range(int(rng.integers(1, 20))):
                y, x = int(rng.integers(0, h)), int(rng.integers(0, w))
                pred[y:y + int(rng.integers(1, 4)), x:x + int(rng.integers(1, 4))] = int(rng.choice(present + [0]))
        elif op == "void_patch":
            pred[box(h, w, rng, 0.1)] = 0
    present = set(np.unique(pred).tolist()) - {0}
    return pred, {i: v for i, v in info.items() if i in present}
