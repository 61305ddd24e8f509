#!/usr/bin/env bash
# The malformed-input corpus (Tests/corpus): each case's exact one-line error,
# exit status, and proof that nothing was written (out/ stays empty, inputs
# keep their bytes).
set -u
BIN=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
SRC="$HERE/../corpus/files"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cp -r "$SRC" "$W/files"
cd "$W/files"
mkdir -p out
before=$(find . -type f -not -path './out/*' | sort | xargs md5sum)
n=0
while IFS=$'\t' read -r name status expected command; do
  [ -z "$name" ] || [ "${name#\#}" != "$name" ] && continue
  n=$((n + 1))
  [ "$expected" = "-" ] && expected=""
  expected=${expected//\$PARENT/$W/files}
  err=$(BIN=$BIN bash -c "${command//\$BIN/\"$BIN\"}" 2>&1 >/dev/null </dev/null)
  rc=$?
  if [ "$rc" = "$status" ] && [ "$err" = "$expected" ]; then
    ok "$name: exit $rc${expected:+, \"${expected:0:70}…\"}"
  else
    bad "$name: exit $rc (want $status)"
    echo "     got:  $err"
    echo "     want: $expected"
  fi
done <"$HERE/../corpus/cases.tsv"
[ -z "$(ls -A out)" ] && ok "no output file was written by any failing case" || bad "out/ has: $(ls out)"
after=$(find . -type f -not -path './out/*' | sort | xargs md5sum)
[ "$before" = "$after" ] && ok "every input file kept its bytes" || bad "an input changed"
echo "corpus: $n cases"
summary
