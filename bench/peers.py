#!/usr/bin/env python3
"""The Python tools a user would otherwise reach for, on the same files and
seed as panoptty-bench, so bench/run.sh can put them side by side.
Usage: peers.py PHOTO.png COCO.png LABEL16.png SEED_X SEED_Y [RUNS]"""
import statistics, sys, time, os, tempfile
import numpy as np
import cv2
from PIL import Image

photo_path, coco_path, v16_path = sys.argv[1:4]
sx, sy = int(sys.argv[4]), int(sys.argv[5])
runs = int(sys.argv[6]) if len(sys.argv) > 6 else 11

def measure(name, fn, setup=None, note=""):
    times = []
    arg = setup() if setup else None
    fn(arg) if setup else fn()
    for _ in range(runs):
        arg = setup() if setup else None
        t0 = time.perf_counter()
        fn(arg) if setup else fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print("%-44s %9.2f ms  [%.2f-%.2f]  %s" % (name, statistics.median(times), times[0], times[-1], note))

photo = cv2.imread(photo_path, cv2.IMREAD_COLOR)
measure("cv2.imread photo PNG", lambda: cv2.imread(photo_path, cv2.IMREAD_COLOR))
measure("Pillow decode photo PNG", lambda: np.asarray(Image.open(photo_path).convert("RGB")))
measure("cv2.floodFill colour tol 10, 4-conn, floating", lambda im: cv2.floodFill(im, None, (sx, sy), (255, 0, 255), (10,) * 3, (10,) * 3, 4),
        setup=lambda: photo.copy())
measure("cv2.floodFill colour tol 10, 4-conn, fixed", lambda im: cv2.floodFill(im, None, (sx, sy), (255, 0, 255), (10,) * 3, (10,) * 3, 4 | cv2.FLOODFILL_FIXED_RANGE),
        setup=lambda: photo.copy())
coco = cv2.imread(coco_path, cv2.IMREAD_COLOR)
ids = (coco[:, :, 2].astype(np.uint32) + 256 * coco[:, :, 1].astype(np.uint32) + 65536 * coco[:, :, 0].astype(np.uint32)).astype(np.float32)
measure("cv2.floodFill label exact, COCO RGB", lambda im: cv2.floodFill(im, None, (sx, sy), (1, 2, 3), (0,) * 3, (0,) * 3, 4),
        setup=lambda: coco.copy())
measure("cv2.floodFill label exact, float32 ids", lambda im: cv2.floodFill(im, None, (sx, sy), -1.0, 0, 0, 4),
        setup=lambda: ids.copy())
v16 = cv2.imread(v16_path, cv2.IMREAD_UNCHANGED)
measure("cv2.imread 16-bit label PNG", lambda: cv2.imread(v16_path, cv2.IMREAD_UNCHANGED))
measure("Pillow decode 16-bit label PNG", lambda: np.asarray(Image.open(v16_path)))
d = tempfile.mkdtemp()
measure("cv2.imwrite 16-bit label, default", lambda: cv2.imwrite(os.path.join(d, "a.png"), v16),
        note="%d bytes" % (cv2.imwrite(os.path.join(d, "a.png"), v16) and os.path.getsize(os.path.join(d, "a.png"))))
im16 = Image.fromarray(v16)
measure("Pillow encode 16-bit label, default", lambda: im16.save(os.path.join(d, "b.png")),
        note="%d bytes" % (im16.save(os.path.join(d, "b.png")) or os.path.getsize(os.path.join(d, "b.png"))))
measure("Pillow resize photo → 200x120 BOX", lambda: Image.open(photo_path).convert("RGB").resize((200, 120), Image.BOX))
