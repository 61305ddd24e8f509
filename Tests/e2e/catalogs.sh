#!/usr/bin/env bash
# Built-in catalogs ade20k and mapillary (issue 12): labels made with
# --classes NAME record the catalog in their tEXt chunk, so info and view
# show its class names without --classes.
set -u
BIN=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
"$BIN" demo --size 32x16 --out demo >/dev/null
"$BIN" edit demo/demo.png --labels ade.png --classes ade20k -c 'class wall; rect 0 0 31 15; class person; rect 2 2 9 9; class toilet; rect 12 2 17 7' 2>/dev/null
"$BIN" edit demo/demo.png --labels mv.png --classes mapillary -c 'class road; rect 0 0 31 15; class car; rect 2 2 9 9' 2>/dev/null
grep -aqF "format=offset;offset=1000;void=150;catalog=ade20k" ade.png && ok "ade20k: the tEXt chunk names the catalog" || bad "ade.png has no ade20k tEXt chunk"
out=$("$BIN" info ade.png 2>&1); rc=$?
[ $rc -eq 0 ] && echo "$out" | grep -qF "ade20k" && echo "$out" | grep -qF "person" && ok "info ade.png (no --classes): ade20k, person" || bad "info ade.png: $rc $out"
out=$("$BIN" view ade.png --image demo/demo.png --colors mono 2>&1); rc=$?
[ $rc -eq 0 ] && echo "$out" | grep -qF "wall" && echo "$out" | grep -qF "toilet, can, commode" && ok "view legend: ADE20K names" || bad "view ade.png: $rc $out"
out=$("$BIN" info mv.png 2>&1); rc=$?
[ $rc -eq 0 ] && echo "$out" | grep -qF "mapillary" && echo "$out" | grep -qF "Car" && ok "info mv.png (no --classes): mapillary, Car" || bad "info mv.png: $rc $out"
expect_fail "unknown class in ade20k" 1 "no class \"unicorn\" in ade20k" -- "$BIN" edit demo/demo.png --labels u.png --classes ade20k -c 'class unicorn'
summary
