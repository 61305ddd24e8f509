# ---------------------------------------------------------------- paths
A=paths
# P1 hostile symlink at the label path (owned by another user, pointing outside the folder)
fresh; mkdir -p "$W/victimdir"; cp demo_labels.png "$W/victimdir/precious.png"; h=$(md5 "$W/victimdir/precious.png")
rm demo_labels.png; ln -s "$W/victimdir/precious.png" demo_labels.png; chown -h nobody demo_labels.png
x "$B" edit demo.png -c 'class car; rect 0 0 5 5'
v "label-symlink-by-other-user-to-outside" $A "refuse or leave the outside file alone" '[ "$(md5 $W/victimdir/precious.png)" = "$h" ]' "$(obs); outside file changed: $([ "$(md5 $W/victimdir/precious.png)" = "$h" ] && echo no || echo YES)"
# P2 dangling label symlink
fresh; rm demo_labels.png; ln -s "$W/nowhere/x.png" demo_labels.png
x "$B" edit demo.png -c 'class car; rect 0 0 5 5'
v "dangling-label-symlink" $A "one line, nothing created" 'refused && [ ! -e $W/nowhere ]'
# P3 symlink loop
fresh; rm demo_labels.png; ln -s loop2 demo_labels.png; ln -s demo_labels.png loop2
x "$B" edit demo.png -c 'class car; rect 0 0 5 5'
v "label-symlink-loop" $A "one line" 'refused'
x "$B" info demo_labels.png
v "info-symlink-loop" $A "one line" 'refused'
# P4 label path is a directory
fresh; rm demo_labels.png; mkdir demo_labels.png
x "$B" edit demo.png -c 'class car; rect 0 0 5 5'
v "label-path-is-folder" $A "one line" 'refused'
# P5 image path is a directory
fresh; x "$B" edit . -c 'class car'
v "image-is-folder" $A "one line" 'refused'
x "$B" view .
v "view-folder" $A "one line" 'refused'
# P6 label path is a FIFO (no writer): no hang
fresh; rm demo_labels.png; mkfifo demo_labels.png
TO=8 x "$B" edit demo.png -c 'class car; rect 0 0 5 5'
v "label-path-is-fifo-edit" $A "one line, no hang" 'refused'
TO=8 x "$B" info demo_labels.png
v "info-fifo-no-writer" $A "one line or waits like cat (not a crash)" '! crashed || [ "$RC" = 137 ]' "$(obs) (137 = still waiting after 8 s, like cat)"
# P7 FIFO input with a writer
fresh; mkfifo f.png; (cat demo_labels.png >f.png &) ; x "$B" info f.png
v "info-fifo-with-writer" $A "reads it" 'ok0'
# P8 image is /dev/null, /dev/zero, /dev/urandom
fresh; x "$B" edit /dev/null --labels l.png -c 'class car'
v "image-dev-null" $A "one line" 'refused'
TO=15 x "$B" view /dev/zero
v "view-dev-zero" $A "one line, bounded memory" 'refused && [ $RSS -lt 400000 ]'
TO=15 x "$B" info /dev/urandom
v "info-dev-urandom" $A "one line" 'refused && [ $RSS -lt 400000 ]'
# P9 --labels /dev/null (would a save write into the device?)
fresh; x "$B" edit demo.png --labels /dev/null -c 'class car; rect 0 0 3 3'
v "labels-dev-null" $A "one line" 'refused'
# P10 convert into /dev/full
fresh; x "$B" convert demo_labels.png /dev/full --to offset
v "convert-to-dev-full" $A "one line (No space)" 'refused'
# P11 convert to stdout via /dev/stdout
fresh; x "$B" convert demo_labels.png /dev/stdout --to offset
v "convert-to-dev-stdout" $A "PNG on stdout, exit 0" 'ok0 && head -c 4 $W/.out | grep -q PNG'
# P12 names with spaces, newline, escapes
fresh; cp demo.png "a b.png"; x "$B" edit "a b.png" -c 'class car; rect 0 0 3 3'
v "name-with-space" $A "saved as 'a b_labels.png'" 'ok0 && [ -f "a b_labels.png" ] && notemps'
fresh; n=$'new\nline.png'; cp demo.png "$n"; x "$B" edit "$n" -c 'class car; rect 0 0 3 3'
v "name-with-newline-edit" $A "works (or one line)" '(ok0 && [ -f $'"'"'new\nline_labels.png'"'"' ]) || refused'
x "$B" info $'nothere\nsecond\e[2J.png'
v "missing-name-with-newline-and-escape" $A "one line, escapes shown safely" 'refused && ! grep -q $'"'"'\e'"'"' $W/.err'
fresh; e=$'\e]0;pwned\a\e[31mred.png'; cp demo_labels.png "$e"; x "$B" info "$e"
v "info-name-osc-escape" $A "no raw ESC/BEL in output" 'ok0 && ! grep -q $'"'"'[\e\a]'"'"' $W/.out $W/.err'
x "$B" view "$e" --width 20
v "view-name-osc-escape-legend" $A "no raw OSC/BEL in output" '! crashed && ! grep -q $'"'"'\a'"'"' $W/.out $W/.err && ! grep -q $'"'"'\e]'"'"' $W/.out'
cp demo.png "$e.photo.png"; x "$B" edit "$e.photo.png" -c 'class nosuch'
v "script-error-name-escape" $A "one line, no raw ESC" 'refused && ! grep -q $'"'"'\e'"'"' $W/.err'
# P13 very long names (legal: 255 bytes)
fresh; L=$(printf 'x%.0s' $(seq 1 230)); cp demo_labels.png "$L.png"
x "$B" convert demo_labels.png "$L.png" --to offset
v "save-over-230-char-name" $A "saved (name is legal)" 'ok0 && notemps'
cp demo.png "$L.png"; rm -f "${L}_labels.png"; x "$B" edit "$L.png" -c 'class car; rect 0 0 3 3'
v "edit-230-char-image" $A "saved, or one line" '(ok0 && [ -f ${L}_labels.png ]) || refused'
L2=$(printf 'y%.0s' $(seq 1 250)); x "$B" edit "$L2.png" -c 'class car'
v "image-250-char-missing" $A "one line" 'refused'
L3=$(printf 'z%.0s' $(seq 1 300)); x "$B" info "$L3.png"
v "name-over-NAME_MAX" $A "one line (File name too long)" 'refused'
x "$B" info "$(printf 'd/%.0s' $(seq 1 2100))x.png"
v "path-over-PATH_MAX" $A "one line" 'refused'
# P14 .. and odd spellings
fresh; mkdir sub; x "$B" edit demo.png --labels sub/../demo_labels.png -c 'class car; rect 0 0 3 3'
v "labels-with-dotdot" $A "saved, no temps" 'ok0 && notemps && notemps sub'
x "$B" edit demo.png --labels "" -c 'class car; rect 0 0 3 3'
v "labels-empty-string" $A "one clear line naming --labels / the empty name" 'refused "labels|empty"'
x "$B" edit demo.png --labels demo_labels.png/ -c 'class car'
v "labels-trailing-slash" $A "one line" 'refused'
# P15 hard link to the label file from outside the folder
fresh; ln demo_labels.png "$W/hardlink.png"; h=$(md5 demo_labels.png)
x "$B" edit demo.png -c 'class car; rect 0 0 3 3'
v "hard-linked-label-saved" $A "label file saved" 'ok0 && [ "$(md5 demo_labels.png)" != "$h" ]' "$(obs); other link $( [ "$(md5 $W/hardlink.png)" = "$h" ] && echo 'keeps old bytes (atomic rename)' || echo changed)"
rm -f "$W/hardlink.png"
# P16 w onto its own lock / journal / the photo via a link
fresh; x "$B" edit demo.png -c 'class car; rect 0 0 3 3; w .demo_labels.png.panoptty-lock'
v "w-onto-own-lock-file" $A "refused" 'refused'
fresh; x "$B" edit demo.png -c 'class car; rect 0 0 3 3; w .demo_labels.png.panoptty-journal'
v "w-onto-own-journal" $A "refused" 'refused'
fresh; ln demo.png photo-hard.png; h=$(md5 demo.png); x "$B" edit demo.png -c 'class car; rect 0 0 3 3; w! photo-hard.png'
v "w!-hard-link-of-photo" $A "refused, photo intact" 'refused && [ "$(md5 demo.png)" = "$h" ]'
fresh; ln -s demo.png photo-sym.png; x "$B" edit demo.png -c 'class car; rect 0 0 3 3; w! ./photo-sym.png'
v "w!-symlink-to-photo" $A "refused, photo intact" 'refused && [ "$(md5 demo.png)" = "$h" ]'
fresh; x "$B" edit demo.png --labels demo.png -c 'class car; rect 0 0 3 3'
v "labels-equal-photo" $A "refused, photo intact" 'refused && [ "$(md5 demo.png)" = "$h" ]'
# P17 w into a missing folder / onto a folder
fresh; x "$B" edit demo.png -c 'class car; rect 0 0 3 3; w nodir/x.png'
v "w-missing-folder" $A "one line" 'refused && [ ! -e nodir ]'
fresh; mkdir sub; x "$B" edit demo.png -c 'class car; rect 0 0 3 3; w sub'
v "w-onto-folder" $A "one line" 'refused'
# P18 convert where OUT is IN, or a symlink to IN
fresh; x "$B" convert demo_labels.png demo_labels.png --to offset
v "convert-in-onto-itself" $A "ok, file still decodes" 'ok0 && decodes demo_labels.png && notemps'
fresh; ln -s demo_labels.png out.png; x "$B" convert demo_labels.png out.png --to cityscapes
v "convert-onto-symlink-to-input" $A "writes through or refuses; input decodes" '(ok0 || refused) && [ -L out.png ] && decodes demo_labels.png'
# P19 stale temp planted as symlink / hard link to a victim: cleaner never follows
fresh; echo precious >"$W/victim1"; ln -s "$W/victim1" .demo_labels.png.panoptty-1-abcdef; ln "$W/victim1" .demo_labels.png.panoptty-abcdefg
touch -d '2 days ago' .demo_labels.png.panoptty-abcdefg
x "$B" edit demo.png -c 'class car; rect 0 0 3 3'
v "planted-temp-symlink-and-hardlink" $A "victim intact" 'ok0 && [ "$(cat $W/victim1)" = precious ]'
# P20 symlinked label folder
fresh; mkdir real; mv demo_labels.png real/; ln -s real link; x "$B" edit demo.png --labels link/demo_labels.png -c 'class car; rect 0 0 3 3'
v "symlinked-folder" $A "saved in real/, symlink kept" 'ok0 && [ -L link ] && notemps real'
