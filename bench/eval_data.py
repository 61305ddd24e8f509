"""Generates the speed benchmark: N ground-truth / prediction pairs of
640x480 COCO panoptic PNGs (gt.json + gt/, pred.json + pred/), COCO-like
scenes (stuff cells, 5-30 instances, crowd, void boundaries) with realistic
prediction errors. Uses COCO's categories when the sample is present.

usage: eval_data.py OUT [--pairs 5000] [--processes 2] [--seed 7]
(bench/eval_speed.sh runs it; the scene code is Tests/oracle's.)
"""
import argparse
import json
import multiprocessing
import os
import sys

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "Tests", "oracle"))
import scenes  # noqa: E402
from generate import id_to_rgb, segments_info  # noqa: E402

COCO_CATEGORIES = os.environ.get(
    "COCO_CATEGORIES", os.path.join(HERE, "..", "..", "shared", "data", "coco-panoptic-sample",
                                    "panoptic_coco_categories.json"))


def categories():
    if os.path.isfile(COCO_CATEGORIES):
        with open(COCO_CATEGORIES) as f:
            return [{"id": c["id"], "name": c["name"], "isthing": c["isthing"]} for c in json.load(f)]
    return scenes.SYNTHETIC_CATEGORIES


def make_pair(job):
    out, index, seed, cats = job
    rng = np.random.default_rng([seed, index])
    ids, info = scenes.make_scene(rng, 480, 640, cats, things=(5, 31), crowd_p=0.3, void_p=0.8, wiggle=True)
    pred, pinfo = scenes.perturb(rng, ids, info, cats, int(rng.integers(0, 8)), empty_p=0.002)
    name = "%012d.png" % index
    Image.fromarray(id_to_rgb(ids)).save(os.path.join(out, "gt", name))
    Image.fromarray(id_to_rgb(pred)).save(os.path.join(out, "pred", name))
    return ({"image_id": index, "file_name": name, "segments_info": segments_info(ids, info)},
            {"image_id": index, "file_name": name, "segments_info": segments_info(pred, pinfo)})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--pairs", type=int, default=5000)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    for sub in ("gt", "pred"):
        os.makedirs(os.path.join(args.out, sub), exist_ok=True)
    cats = categories()
    jobs = [(args.out, i, args.seed, cats) for i in range(args.pairs)]
    with multiprocessing.Pool(args.processes) as pool:
        pairs = pool.map(make_pair, jobs, chunksize=20)
    images = [{"id": i, "file_name": "%012d.png" % i, "width": 640, "height": 480} for i in range(args.pairs)]
    for k, side in enumerate(("gt", "pred")):
        with open(os.path.join(args.out, side + ".json"), "w") as f:
            json.dump({"images": images, "annotations": [p[k] for p in pairs], "categories": cats}, f)


if __name__ == "__main__":
    main()
