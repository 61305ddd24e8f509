#!/usr/bin/env bash
# `panoptty eval` against panopticapi's `pq_compute`, same machine, same
# cores, one run: N generated 640×480 COCO panoptic pairs (bench/eval_data.py:
# stuff cells, 5-30 instances, crowd, void, realistic prediction errors),
# each program timed whole (wall, and CPU = user + sys of all its processes),
# plus both decode floors (panoptty's hidden `eval --decode-only`: the same
# threads decoding both PNGs of every pair and nothing else; PIL + rgb2id for
# pq_compute), and the numbers of both compared bit for bit.
#   bench/eval_speed.sh [PAIRS]    default 1000; data cached in bench/out/eval-PAIRS
# Env: PANOPTTY_ORACLE_VENV (numpy, pillow, panopticapi-lite; default .venv-oracle,
# made as Tests/oracle/run.sh makes it), EVAL_BENCH_DATA (an existing data folder).
# Takes the shared build lock for the builds and for the timed part.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${1:-1000}
VENV=${PANOPTTY_ORACLE_VENV:-$(pwd)/.venv-oracle}
DATA=${EVAL_BENCH_DATA:-bench/out/eval-$PAIRS}
LOCK=/tmp/panoptty-build.lock
if ! "$VENV/bin/python" -c "import panopticapi.evaluation, PIL, numpy" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q numpy pillow
  "$VENV/bin/pip" install -q --no-deps panopticapi-lite==0.2.0
fi
flock "$LOCK" swift build -c release --product panoptty >/dev/null
BIN=$(pwd)/.build/release/panoptty
if [ ! -f "$DATA/pred.json" ]; then
  echo "generating $PAIRS pairs in $DATA ..."
  "$VENV/bin/python" bench/eval_data.py "$DATA" --pairs "$PAIRS" --processes "$(nproc)"
fi
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
n=$("$VENV/bin/python" -c "import json,sys; print(len(json.load(open(sys.argv[1]))['annotations']))" "$DATA/gt.json")
timed() { # LABEL command...: one line "LABEL wall cpu"
  local label=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$OUT/t" "$@" >"$OUT/stdout"
  read -r wall user sys <"$OUT/t"
  printf '%-40s %7.2f s wall %7.2f ms/pair   CPU %7.2f s = %5.2f ms/pair\n' "$label" "$wall" \
    "$(echo "1000 * $wall / $n" | bc -l)" "$(echo "$user + $sys" | bc -l)" "$(echo "1000 * ($user + $sys) / $n" | bc -l)"
}
exec 9>"$LOCK"
flock 9 # the timed part runs under the build lock
echo "$n pairs, $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
timed "panoptty eval --decode-only (floor)" "$BIN" eval "$DATA/gt.json" "$DATA/pred.json" --decode-only
timed "panoptty eval" "$BIN" eval "$DATA/gt.json" "$DATA/pred.json"
cp "$OUT/stdout" "$OUT/table.txt"
timed "PIL decode + rgb2id (pq_compute floor)" "$VENV/bin/python" bench/eval_pq.py decode "$DATA"
timed "pq_compute" "$VENV/bin/python" bench/eval_pq.py pq "$DATA" "$OUT/pq.json"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
flock -u 9
"$BIN" eval "$DATA/gt.json" "$DATA/pred.json" --json >"$OUT/panoptty.json"
cat "$OUT/table.txt"
"$VENV/bin/python" bench/eval_pq.py compare "$OUT/pq.json" "$OUT/panoptty.json" "$OUT/table.txt"
