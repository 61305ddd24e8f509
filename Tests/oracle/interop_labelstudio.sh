#!/usr/bin/env bash
# Interop oracle: label-studio-converter's own brush RLE code (brush.py:
# decode_rle, encode_rle, mask2rle) on panoptty's Label Studio JSON, both
# ways, pixel for pixel (issue 12).
#   panoptty -> Label Studio: the demo scene at two sizes (one with a person
#     crowd region) exported with `convert --to label-studio`; for every
#     result, decode_rle's alpha channel must be exactly the pixels of one
#     segment of `panoptty info --json` (same class name, crowd noted), every
#     segment must have its result, and the RLE bytes must equal what
#     encode_rle writes for that mask.
#   Label Studio -> panoptty: tasks whose masks are made by mask2rle and
#     encode_rle (random blobs, single pixels, runs past 65536 values, alpha
#     values 1..255, overlapping results, stuff given twice); panoptty's
#     offset PNG must equal the map painted here in result order (later on
#     top, thing instances 1, 2, 3 …, stuff merged).
#   Round trip: label map -> Label Studio -> label map is identical (`diff`).
#   Refusals: unknown class, damaged RLE, sizes that disagree: one line, exit 1,
#     nothing written.
# Its own venv (.venv-labelstudio, or PANOPTTY_LABELSTUDIO_VENV); one SKIP
# line if pip cannot install label-studio-converter (first with its
# dependencies, then --no-deps with numpy and pillow, all brush.py needs).
set -uo pipefail
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh" "$@"
oracle_venv label-studio "${PANOPTTY_LABELSTUDIO_VENV:-$ROOT/.venv-labelstudio}" \
  "from label_studio_converter.brush import decode_rle, encode_rle, mask2rle" \
  "pip install label-studio-converter" label-studio-converter label-studio-converter \
  --fallback "full install failed; trying --no-deps + numpy pillow" "numpy pillow" "--no-deps label-studio-converter"
echo "label-studio: label-studio-converter $("$PY" -c 'import importlib.metadata as m; print(m.version("label-studio-converter"))')"

# check_export.py TASK_JSON LABELS_PNG INFO_JSON: their decode_rle against panoptty's segments.
cat >"$WORK/check_export.py" <<'PY'
import json, sys, logging
logging.disable(logging.WARNING)
import numpy as np
from PIL import Image
from label_studio_converter.brush import decode_rle, encode_rle
task_json, png, info_json = sys.argv[1:4]
tasks = json.load(open(task_json))
assert isinstance(tasks, list) and len(tasks) == 1, "want a list of one task"
results = tasks[0]["annotations"][0]["result"]
info = json.load(open(info_json))
values = np.array(Image.open(png)).astype(np.int64)
h, w = values.shape
segs = {s["id"]: s for s in info["segments_info"] if s["name"] != "void"}
seen = set()
for r in results:
    assert r["type"] == "brushlabels" and r["value"]["format"] == "rle", r["type"]
    assert (r["original_width"], r["original_height"]) == (w, h), "size"
    alpha = decode_rle(r["value"]["rle"]).reshape(h, w, 4)[:, :, 3]
    painted = alpha > 0
    ids = np.unique(values[painted])
    assert len(ids) == 1, f"result {r['id']} covers {len(ids)} segments"
    seg = segs[int(ids[0])]
    assert np.array_equal(painted, values == ids[0]), f"result {r['id']}: mask differs from segment {seg['id']}"
    assert r["value"]["brushlabels"] == [seg["name"]], f"{r['value']['brushlabels']} != {seg['name']}"
    crowd = "crowd" in r.get("meta", {}).get("text", [])
    assert crowd == bool(seg["iscrowd"]), f"crowd flag of {seg['id']}"
    assert set(np.unique(alpha)) <= {0, 255}
    mask = (values == ids[0]).astype(np.uint8) * 255
    assert encode_rle(np.repeat(mask.ravel(), 4)) == r["value"]["rle"], f"result {r['id']}: RLE bytes differ from encode_rle"
    seen.add(seg["id"])
assert seen == set(segs), f"segments without a result: {sorted(set(segs) - seen)}"
print(f"{len(results)} results ({sum(bool(segs[i]['iscrowd']) for i in seen)} crowd), {w}x{h}: decode_rle masks = panoptty segments, RLE bytes = encode_rle's")
PY

D="$WORK/demo"
for spec in "160x120 7" "413x301 3"; do
  set -- $spec
  "$BIN" demo --size "$1" --seed "$2" --out "$D$2" >/dev/null || { bad "panoptty demo $spec"; continue; }
  labels="$D$2/demo_labels.png"
  if [ "$2" = 7 ]; then
    people=$("$BIN" info --json "$labels" |
      "$PY" -c 'import json,sys; print(" ".join([str(s["instance"]) for s in json.load(sys.stdin)["segments_info"] if s["name"] == "person" and s["instance"] > 0][-2:]))')
    "$BIN" edit "$D$2/demo.png" --labels "$labels" -c "tocrowd $people" >/dev/null 2>&1 || bad "tocrowd $people"
  fi
  "$BIN" info --json "$labels" >"$WORK/info$2.json"
  if ! "$BIN" convert "$labels" "$WORK/task$2.json" --to label-studio >/dev/null 2>"$WORK/err"; then
    bad "convert --to label-studio ($1): $(cat "$WORK/err")"; continue
  fi
  if out=$("$PY" "$WORK/check_export.py" "$WORK/task$2.json" "$labels" "$WORK/info$2.json" 2>&1); then
    ok "label-studio-converter reads panoptty's export: $(tail -1 <<<"$out")"
  else
    bad "decode_rle on panoptty's export ($1):"; sed 's/^/     /' <<<"$out"
  fi
  # Round trip through Label Studio's JSON.
  if "$BIN" convert "$WORK/task$2.json" "$WORK/back$2.png" --to offset >/dev/null 2>"$WORK/err" &&
    "$BIN" diff "$labels" "$WORK/back$2.png" >"$WORK/diff" 2>&1; then
    ok "label map -> label-studio -> label map is identical ($1, crowd kept): $(tail -1 "$WORK/diff")"
  else
    bad "round trip ($1): $(cat "$WORK/err") $(tail -3 "$WORK/diff" 2>/dev/null)"
  fi
done

# make_tasks.py OUT_DIR: tasks made with their encoder, and the map panoptty must produce.
cat >"$WORK/make_tasks.py" <<'PY'
import json, sys
import numpy as np
from label_studio_converter.brush import encode_rle, mask2rle
out = sys.argv[1]
# COCO catalog indices (things 0..79, stuff 80..132), void = 133 in the offset file.
CLASSES = {"person": 0, "car": 2, "dog": 16, "road": 100, "sky-other-merged": 119, "grass-merged": 125}
STUFF = {"road", "sky-other-merged", "grass-merged"}
rng = np.random.default_rng(12)
def blob(h, w):
    m = np.zeros((h, w), bool)
    for _ in range(rng.integers(1, 4)):
        cy, cx = rng.integers(0, h), rng.integers(0, w)
        ry, rx = rng.integers(2, max(3, h // 3)), rng.integers(2, max(3, w // 3))
        yy, xx = np.ogrid[:h, :w]
        m |= ((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2 <= 1
    m[rng.integers(0, h, 5), rng.integers(0, w, 5)] = True  # single pixels
    return m
cases = []
for n, (h, w) in enumerate([(5, 7), (64, 48), (300, 400), (17, 1)]):
    want = np.full((h, w), 133, np.int64)
    results, inst = [], 0
    names = list(CLASSES) + ["road", "car"]
    rng.shuffle(names)
    for k, name in enumerate(names):
        m = blob(h, w)
        if n == 2 and k == 0:
            m[:] = False; m[10:290, :] = True  # 112000 painted pixels: runs past 65536 values
        if k % 3 == 0:
            rle = mask2rle(m.astype(np.uint8) * 255)
        else:  # RGBA with colour and partial alpha (1..255): only alpha counts
            rgba = np.zeros((h, w, 4), np.uint8)
            rgba[m] = [rng.integers(0, 256), 80, 9, 0]
            rgba[m, 3] = rng.integers(1, 256, m.sum())
            rle = encode_rle(rgba.ravel())
        if name in STUFF:
            value = CLASSES[name]
        else:
            inst += 1
            value = inst * 1000 + CLASSES[name]
        want[m] = value
        results.append({"id": f"r{k}", "type": "brushlabels", "from_name": "tag", "to_name": "image",
                        "original_width": w, "original_height": h, "image_rotation": 0,
                        "value": {"format": "rle", "rle": rle, "brushlabels": [name]}})
    results.insert(1, {"id": "box", "type": "rectanglelabels", "value": {"x": 1, "y": 1, "width": 5, "height": 5}})
    task = [{"id": 40 + n, "data": {"image": f"/data/upload/{n}.jpg"}, "annotations": [{"id": 1, "result": results}]}]
    json.dump(task, open(f"{out}/task{n}.json", "w"))
    np.save(f"{out}/want{n}.npy", want)
    print(n, h, w, len(names))
PY
# compare.py PNG WANT_NPY
cat >"$WORK/compare.py" <<'PY'
import sys
import numpy as np
from PIL import Image
got = np.array(Image.open(sys.argv[1])).astype(np.int64)
want = np.load(sys.argv[2])
if got.shape != want.shape or not np.array_equal(got, want):
    diff = int((got != want).sum()) if got.shape == want.shape else "shape"
    print(f"differs: {diff} pixels"); sys.exit(1)
print(f"{want.shape[1]}x{want.shape[0]}, {len(np.unique(want))} labels, pixel-exact")
PY
mkdir -p "$WORK/in"
if "$PY" "$WORK/make_tasks.py" "$WORK/in" >"$WORK/made" 2>&1; then
  while read -r n h w k; do
    if "$BIN" convert "$WORK/in/task$n.json" "$WORK/in/got$n.png" --to offset >/dev/null 2>"$WORK/err" &&
      out=$("$PY" "$WORK/compare.py" "$WORK/in/got$n.png" "$WORK/in/want$n.npy" 2>&1); then
      ok "panoptty imports $k brush results made by encode_rle/mask2rle: $out; said: $(tr '\n' '|' <"$WORK/err" | cut -c1-200)"
    else
      bad "import of encode_rle masks (task $n, ${w}x$h): $(cat "$WORK/err") ${out:-}"
    fi
  done <"$WORK/made"
else
  bad "make_tasks.py: $(tail -3 "$WORK/made")"
fi

# Refusals: one line, exit 1, no output file.
refuse() { # name, expected words, json-editing python expression on `t`
  "$PY" - "$WORK/in/task0.json" "$WORK/bad.json" "$3" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(t, open(sys.argv[2], "w"))
PY
  rm -f "$WORK/bad.png"
  "$BIN" convert "$WORK/bad.json" "$WORK/bad.png" --to offset >/dev/null 2>"$WORK/err"
  local rc=$?
  if [ $rc -eq 1 ] && [ "$(wc -l <"$WORK/err")" -eq 1 ] && grep -q -- "$2" "$WORK/err" && [ ! -e "$WORK/bad.png" ]; then
    ok "refuses $1: $(cat "$WORK/err")"
  else
    bad "$1: exit $rc, $(wc -l <"$WORK/err") lines: $(head -3 "$WORK/err")"
  fi
}
refuse "an unknown class" 'class "giraffe-ish"' 't[0]["annotations"][0]["result"][0]["value"]["brushlabels"] = ["giraffe-ish"]'
refuse "a cut RLE" "the RLE ends after" 'r = t[0]["annotations"][0]["result"][0]["value"]; r["rle"] = r["rle"][:9]'
refuse "a size that disagrees with the RLE" "the RLE holds" 't[0]["annotations"][0]["result"][0]["original_width"] = 8'
refuse "results of different sizes" "but the first brush result is" 't[0]["annotations"][0]["result"][2]["original_height"] = 6'
oracle_summary label-studio
