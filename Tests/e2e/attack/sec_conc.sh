# ---------------------------------------------------------------- two processes at once
A=conc
fresh; bad=0; ref=0
for i in $(seq 1 15); do
  "$B" edit demo.png -c "class car; rect $i 0 $((i+2)) 2" >/dev/null 2>$W/k1 & p1=$!
  "$B" edit demo.png -c "class road; rect $i 9 $((i+2)) 11" >/dev/null 2>$W/k2 & p2=$!
  wait $p1; r1=$?; wait $p2; r2=$?
  [ $r1 = 0 ] || [ $r2 = 0 ] || bad=$((bad+1)); for r in $r1 $r2; do [ $r -ge 128 ] && bad=$((bad+1)); done
  [ $r1 != 0 ] && [ "$(grep -c '' $W/k1)" != 1 ] && bad=$((bad+1)); [ $r2 != 0 ] && [ "$(grep -c '' $W/k2)" != 1 ] && bad=$((bad+1))
  decodes demo_labels.png || bad=$((bad+1))
done
RC=0; NL=0; v "two-script-edits-same-file-15x" $A "one wins, other refused in one line; file decodes" '[ $bad = 0 ] && notemps' "bad=$bad"
# convert writes a label file that an editor has open
fresh; ts ce "$B edit demo.png"; tcmd ce "class car"; tcmd ce "rect 0 0 5 5"
x "$B" convert "$W/tpl/demo_labels.png" demo_labels.png --to offset; crc=$RC; cobs=$(obs)
tcmd ce "w"; s=$(tcap ce | tail -1); tcmd ce "q!"; tkill ce
RC=$crc; v "convert-over-a-file-being-edited" $A "convert refused (lock), or the editor's w refuses (changed on disk)" '[ "$crc" != 0 ] || echo "$s" | grep -qi "changed on disk"' "convert: $cobs; editor w: $(echo "$s" | cut -c1-70)"
# demo --out into a folder whose labels are being edited
fresh; ts de "$B edit demo.png"; tcmd de "class car"; tcmd de "rect 0 0 5 5"; tcmd de "w"
x "$B" demo --size 64x48 --out .; dobs=$(obs); drc=$RC; h=$(md5 demo_labels.png)
tcmd de "q!"; tkill de
RC=$drc; v "demo-out-over-labels-being-edited" $A "refused (being edited), labels kept" '[ "$drc" != 0 ]' "$dobs"
# 10 demo --out into one folder at once
fresh; for i in $(seq 1 10); do "$B" demo --size 320x200 --out same >/dev/null 2>&1 & done; wait
x "$B" info same/demo_labels.png; v "ten-parallel-demo-out" $A "files valid, no temps" 'ok0 && notemps same'
# twenty convert --to coco into the SAME png at once
fresh; mkdir set; bad=0; for i in $(seq 1 20); do "$B" convert demo_labels.png set/a.png --to coco >/dev/null 2>&1 & done; wait
x "$B" validate set/a.png; v "twenty-parallel-coco-same-png" $A "pair valid, one entry, no temps" 'ok0 && [ "$(python3 $FX count-anns set.json)" = 1 ] && notemps_ex && notemps_ex set'
# readers never see a partial file during saves
fresh; "$B" demo --size 1920x1080 --out . >/dev/null
( for i in $(seq 1 8); do "$B" edit demo.png -c "class car; rect $i 0 $((i+500)) 500" >/dev/null 2>&1; done ) & p=$!
bad=0; n=0; while kill -0 $p 2>/dev/null; do n=$((n+1)); decodes demo_labels.png || bad=$((bad+1)); done; wait $p
RC=0; NL=0; v "reader-during-8-saves" $A "every read decodes" '[ $bad = 0 ]' "$bad bad of $n reads"
# read-only viewer while the owner saves; the viewer's copy still works
fresh; ts ro "$B edit demo.png --read-only"; "$B" edit demo.png -c 'class car; rect 0 0 4 4' >/dev/null 2>&1
tcmd ro "class road"; tcmd ro "rect 10 10 12 12"; tcmd ro "w"; s=$(tcap ro | tail -1); tcmd ro "w $W/rocopy2.png"; tcmd ro "q!"; tkill ro
RC=0; NL=0; v "read-only-viewer-while-owner-saves" $A "w refused, w PATH saved" 'decodes $W/rocopy2.png' "w says: $(echo "$s" | cut -c1-70)"
# editor vs editor on two spellings via a symlinked folder
fresh; ln -s . alias; ts a1 "$B edit demo.png"; x "$B" edit alias/demo.png --labels alias/demo_labels.png -c 'class car; rect 0 0 2 2'
tcmd a1 "q!"; tkill a1
v "second-editor-through-symlinked-folder" $A "refused (same file)" 'refused "being edited"'
