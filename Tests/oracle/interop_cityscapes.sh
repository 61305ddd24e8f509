#!/usr/bin/env bash
# Interop oracle: cityscapesScripts' own code on panoptty's Cityscapes files
# and on its Cityscapes -> COCO output, and panoptty on theirs (issue 12).
#   A synthetic gtFine tree (cityscapes_interop.py make): polygon JSONs with
#     evaluated things and stuff, crowd groups, ignored classes (ego vehicle,
#     caravan, guard rail...), a license plate and a deleted object; from them
#     cityscapesScripts' own json2instanceImg / json2labelImg rasterisers make
#     instanceIds, labelIds and labelTrainIds.
#   theirs -> panoptty -> Cityscapes: panoptty reads their instanceIds and
#     writes the tree again; the labelIds / labelTrainIds it writes beside each
#     instanceIds must equal json2labelImg's pixel for pixel, and still equal
#     labels.py on the instanceIds after an edit in the editor.
#   createPanopticImgs (labelIds and --use-train-id) on panoptty's tree against
#     panoptty's own `convert --to coco` (batch, and one file): the same
#     image_ids, file names, categories, ids, and per pixel the same segments.
#   evalPanopticSemanticLabeling: panoptty's COCO scored against
#     createPanopticImgs' and the other way round (panoptty's as ground truth):
#     PQ 100.
# Its own venv (.venv-cityscapes, or PANOPTTY_CITYSCAPES_VENV); one SKIP line
# if pip cannot install cityscapesScripts.
set -uo pipefail
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh" "$@"
HELPER="$ROOT/Tests/oracle/cityscapes_interop.py"
# On a heavy dependency (matplotlib, ...) that does not build, the fallback:
# the rasterisers, converters and evaluator import only numpy, Pillow and
# pyquaternion (pure Python, through helpers/annotation.py).
oracle_venv cityscapes "${PANOPTTY_CITYSCAPES_VENV:-$ROOT/.venv-cityscapes}" \
  "import cityscapesscripts.preparation.createPanopticImgs, cityscapesscripts.preparation.json2instanceImg, cityscapesscripts.preparation.json2labelImg, cityscapesscripts.evaluation.evalPanopticSemanticLabeling" \
  "pip install cityscapesScripts" cityscapesScripts cityscapesScripts \
  --fallback "full install failed; trying cityscapesScripts --no-deps with numpy, pillow, pyquaternion" \
  "numpy pillow pyquaternion" "--no-deps cityscapesScripts"
# run NAME CMD...: ok with the command's last line, or FAIL with its output.
run() {
  local name=$1
  shift
  if out=$("$@" 2>&1); then ok "$name: $(tail -1 <<<"$out")"; else bad "$name:"; sed 's/^/     /' <<<"$out"; fi
}
echo "cityscapes: cityscapesScripts $("$VENV/bin/pip" show cityscapesScripts 2>/dev/null | awk '/^Version:/ {print $2}')"

REF="$WORK/ref" PAN="$WORK/pan"
run "cityscapesScripts rasterises the synthetic tree" "$PY" "$HELPER" make "$REF"

# theirs -> panoptty: read their instanceIds, write the tree again.
mkdir -p "$PAN"
if out=$("$BIN" convert "$REF/gtFine/val/" "$PAN/gtFine/val" --to cityscapes 2>&1); then
  n=$(grep -c '^wrote .*_labelIds.png and .*_labelTrainIds.png' <<<"$out")
  ok "panoptty convert of their gtFine/val --to cityscapes: $n instanceIds written, each with its labelIds and labelTrainIds"
else
  bad "panoptty convert --to cityscapes:"; sed 's/^/     /' <<<"$out"
fi
run "panoptty's labelIds / labelTrainIds vs json2labelImg" "$PY" "$HELPER" semantic "$REF/gtFine/val" "$PAN/gtFine/val"

# An edit in the editor rewrites the semantic files with the instanceIds.
one=$(ls "$PAN"/gtFine/val/aachen/*_instanceIds.png | head -1)
photo="$REF/leftImg8bit/val/aachen/$(basename "${one%_gtFine_instanceIds.png}")_leftImg8bit.png"
before=$(md5sum <"${one%_instanceIds.png}_labelTrainIds.png")
if out=$("$BIN" edit "$photo" --labels "$one" -c "class car; rect 10 90 120 150; w" 2>&1) &&
  [ "$(md5sum <"${one%_instanceIds.png}_labelTrainIds.png")" != "$before" ]; then
  ok "editor save: $(grep -o 'wrote .*' <<<"$out" | tail -1 | sed "s|$WORK/||g")"
else
  bad "editor edit + save did not rewrite the labelTrainIds beside $one:"; sed 's/^/     /' <<<"$out"
fi
run "after the edit, labelIds / labelTrainIds vs labels.py on the instanceIds" "$PY" "$HELPER" derived "$PAN/gtFine/val"

# createPanopticImgs on panoptty's tree, and panoptty's own COCO of it.
for ids in label train; do
  flag=() suffix=""
  [ "$ids" = train ] && flag=(--use-train-id) suffix="_trainId"
  CS="$WORK/cs" PT="$WORK/pt-$ids"
  mkdir -p "$CS" "$PT"
  if ! out=$("$PY" -m cityscapesscripts.preparation.createPanopticImgs --dataset-folder "$PAN/gtFine" \
    --output-folder "$CS" --set-names val "${flag[@]}" 2>&1); then
    bad "createPanopticImgs ${flag[*]}:"; sed 's/^/     /' <<<"$out"; continue
  fi
  cs_json="$CS/cityscapes_panoptic_val$suffix.json" cs_dir="$CS/cityscapes_panoptic_val$suffix"
  pt_json="$PT/cityscapes_panoptic_val$suffix.json" pt_dir="$PT/cityscapes_panoptic_val$suffix"
  if out=$("$BIN" convert "$PAN/gtFine/val/" "$pt_dir" --to coco --cityscapes-ids "$ids" 2>&1); then
    ok "panoptty convert gtFine/val --to coco --cityscapes-ids $ids: $(grep -c '^wrote .*_gtFine_panoptic.png' <<<"$out") PNGs, $(grep -o 'void, as createPanopticImgs does' <<<"$out" | wc -l) with ignored classes made void"
  else
    bad "panoptty convert --to coco --cityscapes-ids $ids:"; sed 's/^/     /' <<<"$out"
  fi
  run "$ids ids: createPanopticImgs ${flag[*]} vs panoptty --to coco" "$PY" "$HELPER" segments "$cs_json" "$cs_dir" "$pt_json" "$pt_dir"
  run "$ids ids: evalPanopticSemanticLabeling, panoptty's COCO as prediction" "$PY" "$HELPER" eval "$cs_json" "$cs_dir" "$pt_json" "$pt_dir"
  run "$ids ids: evalPanopticSemanticLabeling, panoptty's COCO as ground truth" "$PY" "$HELPER" eval "$pt_json" "$pt_dir" "$cs_json" "$cs_dir"
  # panoptty on theirs: their COCO reads and validates.
  first=$(ls "$cs_dir"/*.png | head -1)
  run "$ids ids: panoptty validate on createPanopticImgs' $(basename "$first")" "$BIN" validate "$first"
done

# One file, the README's form: X_gtFine_instanceIds.png OUT.png --to coco.
S="$WORK/single"
mkdir -p "$S/pred"
for f in "$PAN"/gtFine/val/*/*_instanceIds.png; do
  b=$(basename "$f")
  "$BIN" convert "$f" "$S/pred/${b%_instanceIds.png}_panoptic.png" --to coco >/dev/null 2>"$WORK/err" || bad "convert $b --to coco: $(cat "$WORK/err")"
done
run "single-file converts into one JSON: createPanopticImgs vs panoptty" "$PY" "$HELPER" segments \
  "$WORK/cs/cityscapes_panoptic_val.json" "$WORK/cs/cityscapes_panoptic_val" "$S/pred.json" "$S/pred"
run "single-file converts: evalPanopticSemanticLabeling" "$PY" "$HELPER" eval \
  "$WORK/cs/cityscapes_panoptic_val.json" "$WORK/cs/cityscapes_panoptic_val" "$S/pred.json" "$S/pred"
oracle_summary cityscapes
