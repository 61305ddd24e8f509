"""The Python side of bench/eval_speed.sh, one job per process so each is
timed whole (interpreter start, JSON loading and the process pool included,
as a user runs it):

  eval_pq.py pq DATA OUT.json   pq_compute(DATA/gt.json, DATA/pred.json) with its
                                default pool (multiprocessing.cpu_count() workers);
                                writes its return value and printed table to OUT.json
  eval_pq.py decode DATA        PIL decode + rgb2id of every pair, nothing else, on
                                cpu_count() processes in np.array_split chunks
                                (pq_compute's own decode floor)
  eval_pq.py compare DATA OUT.json PANOPTTY.json PANOPTTY_TABLE.txt
                                every number bit for bit, and the table
"""
import contextlib
import io
import json
import multiprocessing
import os
import sys

import numpy as np


def pq(data, out):
    from panopticapi.evaluation import pq_compute
    text = io.StringIO()
    with contextlib.redirect_stdout(text):
        res = pq_compute(os.path.join(data, "gt.json"), os.path.join(data, "pred.json"),
                         gt_folder=os.path.join(data, "gt"), pred_folder=os.path.join(data, "pred"))
    lines = text.getvalue().splitlines()
    i = next(k for k, l in enumerate(lines) if l.startswith("          |    PQ"))
    with open(out, "w") as f:
        json.dump({"results": res, "table": "\n".join(lines[i:i + 5]) + "\n"}, f)


def decode_chunk(paths):
    from PIL import Image
    from panopticapi.utils import rgb2id
    for gt, pred in paths:
        rgb2id(np.array(Image.open(gt), dtype=np.uint32))
        rgb2id(np.array(Image.open(pred), dtype=np.uint32))
    return len(paths)


def decode(data):
    with open(os.path.join(data, "gt.json")) as f:
        names = [a["file_name"] for a in json.load(f)["annotations"]]
    paths = [(os.path.join(data, "gt", n), os.path.join(data, "pred", n)) for n in names]
    cores = multiprocessing.cpu_count()
    with multiprocessing.Pool(cores) as pool:
        pool.map(decode_chunk, [list(c) for c in np.array_split(np.array(paths, dtype=object), cores)])


def compare(out, sw_json, sw_table):
    with open(out) as f:
        py = json.load(f)
    res = py["results"]
    with open(sw_json) as f:
        sw = json.load(f)
    total = same = 0
    for g in ("All", "Things", "Stuff"):
        for k in ("pq", "sq", "rq", "n"):
            total += 1
            same += float(res[g][k]) == float(sw[g][k])
    for c, v in res["per_class"].items():
        for k in ("pq", "sq", "rq"):
            total += 1
            same += float(v[k]) == float(sw["per_class"][str(c)][k])
    with open(sw_table) as f:
        table_same = f.read() == py["table"]
    print("panoptty vs pq_compute: %d numbers, %d bit-identical; printed table %s"
          % (total, same, "identical" if table_same else "DIFFERENT"))
    sys.exit(0 if same == total and table_same else 1)


if __name__ == "__main__":
    job = sys.argv[1]
    if job == "pq":
        pq(sys.argv[2], sys.argv[3])
    elif job == "decode":
        decode(sys.argv[2])
    else:
        compare(*sys.argv[2:5])
