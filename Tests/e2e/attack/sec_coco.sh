# ---------------------------------------------------------------- COCO JSON
A=coco
MK="python3 $HERE/mk.py"
coco() { fresh; mkdir set; "$B" convert demo_labels.png set/a.png --to coco >/dev/null 2>&1; cp set.json orig.json; }
coco; $MK deepjson set.json 200000; x "$B" info set/a.png
v "json-nesting-200000-deep" $A "one line, no stack overflow" 'refused'
coco; : >set.json; x "$B" info set/a.png; v "json-empty-file" $A "one line" 'refused'
coco; printf '\xef\xbb\xbf' >set.json; cat orig.json >>set.json; x "$B" info set/a.png
v "json-with-BOM" $A "read, or one line" 'ok0 || refused'
coco; sed 's/"area":824/"area":NaN/' orig.json >set.json; x "$B" info set/a.png; v "json-NaN" $A "one line" 'refused'
coco; { cat orig.json; echo ' garbage'; } >set.json; x "$B" info set/a.png; v "json-trailing-garbage" $A "one line" 'refused'
coco; iconv -f utf-8 -t utf-16 orig.json >set.json; x "$B" info set/a.png; v "json-utf16" $A "one line" 'refused'
for val in '1e400' '-1' '4294967296' '1.5' '"101"' 'null' '18446744073709551617'; do
  coco; $MK cocoset set.json id "$val"; x "$B" info set/a.png
  v "segment-id=$val" $A "one line" 'refused'
done
for kv in 'area:-5' 'area:1e308' 'bbox:[0,0,-1,-1]' 'bbox:[1e308,0,1,1]' 'category_id:99999999999999999999999' 'iscrowd:2' 'category_id:-3'; do
  coco; $MK cocoset set.json "${kv%%:*}" "${kv#*:}"; x "$B" info set/a.png
  v "segment-$kv" $A "one line (validate lists it)" 'refused || (ok0 && ! "$B" validate set/a.png >/dev/null 2>&1)'
done
coco; python3 - <<'PY'
import json; o=json.load(open('orig.json')); t=json.dumps(o); t=t.replace('{"annotations":', '{"annotations": [], "annotations":', 1); open('set.json','w').write(t)
PY
x "$B" info set/a.png; v "json-duplicate-key-annotations" $A "one line, or the last key (as Python)" 'ok0 || refused'
coco; python3 - <<'PY'
import json; o=json.load(open('orig.json')); o['categories'][0]['name']='car\nFAKE LINE\x1b[2J'; json.dump(o,open('set.json','w'))
PY
x "$B" info set/a.png; v "category-name-newline-escape" $A "no raw ESC, no forged line" '! crashed && ! grep -q $'"'"'\e'"'"' $W/.out $W/.err && ! grep -q "^FAKE LINE" $W/.out'
coco; python3 - <<'PY'
import json; o=json.load(open('orig.json')); o['categories']=o['categories']+o['categories'][:1]; json.dump(o,open('set.json','w'))
PY
x "$B" info set/a.png; v "json-duplicate-category-id" $A "one line" 'refused'
# a big shared JSON: 150k other annotations; the edit must keep them all, bounded time/memory
coco; python3 "$FX" coco-bloat set.json 150000; n0=$(python3 "$FX" count-anns set.json)
TO=120 x "$B" edit demo.png --labels set/a.png -c 'class car; rect 0 0 3 3'
v "big-json-150k-annotations-edit" $A "saved, all other entries kept, < 1 GB" 'ok0 && [ "$(python3 $FX count-anns set.json)" = "$n0" ] && [ $RSS -lt 1000000 ]' "$(obs) anns $n0 -> $(python3 $FX count-anns set.json)"
# JSON is a symlink (owned by another user) to a JSON outside the folder
coco; cp orig.json "$W/victim.json"; h=$(md5 "$W/victim.json"); rm set.json; ln -s "$W/victim.json" set.json; chown -h nobody set.json
x "$B" edit demo.png --labels set/a.png -c 'class car; rect 0 0 3 3'
v "json-symlink-by-other-user-to-outside" $A "refuse, outside JSON untouched" '[ "$(md5 $W/victim.json)" = "$h" ]' "$(obs); outside JSON changed: $([ "$(md5 $W/victim.json)" = "$h" ] && echo no || echo YES)"
# hostile JSON lock sidecar
coco; echo precious >"$W/victim2"; rm -f .set.json.panoptty-lock; ln -s "$W/victim2" .set.json.panoptty-lock
x "$B" edit demo.png --labels set/a.png -c 'class car; rect 0 0 3 3'
v "json-lock-symlink" $A "refused, victim intact" 'refused && [ "$(cat $W/victim2)" = precious ]'
coco; rm -f .set.json.panoptty-lock; mkfifo .set.json.panoptty-lock; TO=8 x "$B" convert demo_labels.png set/b.png --to coco
v "json-lock-fifo" $A "one line, no hang" 'refused'
# hostile commit records
coco; echo keep >set/victim.txt; $MK commit .set.json.panoptty-commit "$PWD/set/victim.txt" "$PWD/set/a.png"
x "$B" info set/a.png
v "commit-record-non-temp-names" $A "refused or ignored; files intact" '(refused || ok0) && [ -f set/victim.txt ] && decodes set/a.png'
coco; mkdir -p "$W/sticky"; chmod 1777 "$W/sticky"; echo root-secret >"$W/sticky/rootfile"; chmod 644 "$W/sticky/rootfile"
runuser -u nobody -- sh -c "echo planted-by-nobody > '$W/sticky/.rootfile.panoptty-1-abcdef'" 2>/dev/null
$MK commit .set.json.panoptty-commit "$W/sticky/.rootfile.panoptty-1-abcdef" "$W/sticky/rootfile"; chown nobody .set.json.panoptty-commit
x "$B" info set/a.png
v "commit-record-renames-outside-folder" $A "never renames outside the JSON's folder" '[ "$(cat $W/sticky/rootfile)" = root-secret ]' "$(obs); $W/sticky/rootfile now: $(cat $W/sticky/rootfile)"
coco; mkdir .set.json.panoptty-commit; x "$B" info set/a.png
v "commit-record-is-folder" $A "one line" 'refused || ok0'
coco; head -c 30 /dev/urandom >.set.json.panoptty-commit; x "$B" info set/a.png
v "commit-record-garbage" $A "read (torn record dropped) or one line" '(ok0 || refused)'
# two edits of different images into one COCO JSON at the same time, 10 rounds
coco; cp set/a.png set/b.png; python3 - <<'PY'
import json; o=json.load(open('set.json')); a=dict(o['annotations'][0]); a['file_name']='b.png'; a['image_id']=2; o['annotations'].append(a); json.dump(o,open('set.json','w'))
PY
lost=0; for i in $(seq 1 10); do
  "$B" edit demo.png --labels set/a.png -c "class car; rect $i 0 $((i+2)) 2" >/dev/null 2>&1 & p1=$!
  "$B" edit demo.png --labels set/b.png -c "class car; rect $i 5 $((i+2)) 7" >/dev/null 2>&1 & p2=$!
  wait $p1; r1=$?; wait $p2; r2=$?
  { [ $r1 = 0 ] && [ $r2 = 0 ] && decodes set/a.png && decodes set/b.png; } || lost=$((lost+1))
done
RC=0; NL=0; v "parallel-edits-two-images-one-json" $A "both saved, both open, 10/10" '[ $lost = 0 ]' "failed rounds: $lost/10"
# read-only JSON
coco; chmod 444 set.json; h=$(md5 set.json); x "$B" edit demo.png --labels set/a.png -c 'class car; rect 0 0 3 3'
v "json-mode-0444-needs-w!" $A "refused without w!, pair intact" 'refused && [ "$(md5 set.json)" = "$h" ] && decodes set/a.png'
# annotations file_name with path traversal
coco; python3 - <<'PY'
import json; o=json.load(open('orig.json')); o['annotations'][0]['file_name']='../../../../tmp/a.png'; json.dump(o,open('set.json','w'))
PY
x "$B" convert demo_labels.png set/a.png --to coco
v "file_name-traversal-entry" $A "no write outside; a.png entry added" 'ok0 && [ ! -e /tmp/a.png.json ] && decodes set/a.png'
