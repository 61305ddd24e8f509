# ---------------------------------------------------------------- disks
A=disks
mnt() { local d; d=$(mktemp -d "$W/m.XXXX"); mount -t tmpfs -o "size=${1:-200k}${2:+,$2}" tmpfs "$d" && MOUNTS+=("$d") && echo "$d"; }
fill() { dd if=/dev/zero of="$1/filler" bs=1k count=100000 2>/dev/null; }
T=$(mnt 200k); cp "$W/tpl/demo.png" "$W/tpl/demo_labels.png" "$T/"; cd "$T"; fill "$T"; h=$(md5 demo_labels.png)
x "$B" edit demo.png -c 'class car; rect 0 0 20 20'
v "full-tmpfs-script-save" $A "one line, file intact, no temps" 'refused && [ "$(md5 demo_labels.png)" = "$h" ] && notemps'
x "$B" convert demo_labels.png out.png --to cityscapes
v "full-tmpfs-convert" $A "one line, no partial file" 'refused && [ ! -e out.png ] && notemps'
x "$B" demo --size 64x48 --out sub
v "full-tmpfs-demo-out" $A "one line, no partial files" 'refused && notemps sub 2>/dev/null; refused'
rm -f filler; mkdir -p set; "$B" convert demo_labels.png set/a.png --to coco >/dev/null 2>&1; python3 "$FX" coco-bloat set.json 300 2>/dev/null; hp=$(md5 set/a.png); hj=$(md5 set.json)
dd if=/dev/zero of=filler bs=1k count=$(( $(df -k --output=avail . | tail -1) - 8 )) 2>/dev/null
x "$B" edit demo.png --labels set/a.png -c 'class car; rect 0 0 20 20'
v "full-tmpfs-coco-json-does-not-fit" $A "one line; the pair unchanged" 'refused && [ "$(md5 set/a.png)" = "$hp" ] && [ "$(md5 set.json)" = "$hj" ] && notemps_ex && notemps_ex set'
rm -f filler
# editor on a full disk: journal falls behind, save fails, w elsewhere works
ts fd "$B edit demo.png"; fill "$T"; tcmd fd "class car"; tcmd fd "rect 0 0 30 30"; tcmd fd "w"; s1=$(tcap fd | tail -1)
tcmd fd "w $W/rescued.png"; tcmd fd "q!"; rc=$(twaitrc fd); tkill fd
RC=$rc; NL=0; v "full-disk-editor-save-fails-then-w-elsewhere" $A "save refused on screen, copy rescued, exit 0" '[ "$rc" = 0 ] && decodes $W/rescued.png && [ "$(md5 demo_labels.png)" = "$h" ]' "exit $rc; msg: $(echo "$s1" | cut -c1-80)"
cd "$W"; umount -l "$T"
# inode exhaustion
T=$(mnt 1m nr_inodes=8); cp "$W/tpl/demo.png" "$W/tpl/demo_labels.png" "$T/" 2>/dev/null; cd "$T"; h=$(md5 demo_labels.png); for i in $(seq 1 10); do touch f$i 2>/dev/null; done
x "$B" convert demo_labels.png demo_labels.png --to offset
v "no-free-inodes-convert" $A "one line, file intact" 'refused && [ "$(md5 demo_labels.png)" = "$h" ]'
x "$B" edit demo.png -c 'class car; rect 0 0 2 2'
v "no-free-inodes-edit" $A "one line (lock/temp cannot be created), file intact" 'refused && [ "$(md5 demo_labels.png)" = "$h" ]'
cd "$W"; umount -l "$T"
# read-only bind mount
R=$(mktemp -d "$W/ro.XXXX"); cp "$W/tpl/demo.png" "$W/tpl/demo_labels.png" "$R/"; RO=$(mktemp -d "$W/rom.XXXX"); mount --bind "$R" "$RO" && mount -o remount,bind,ro "$RO" && MOUNTS+=("$RO"); cd "$RO"
x "$B" edit demo.png -c 'class car; rect 0 0 2 2'
v "ro-mount-edit" $A "one line with a hint (--read-only / copy)" 'refused "read-only|read only"'
x "$B" edit demo.png --read-only -c "class car; rect 0 0 2 2; w $W/rocopy.png"
v "ro-mount-read-only-copy-out" $A "copy saved" 'ok0 && decodes $W/rocopy.png'
x "$B" convert demo_labels.png x.png --to offset
v "ro-mount-convert" $A "one line" 'refused "read-only"'
x "$B" info demo_labels.png; v "ro-mount-info" $A "works" 'ok0'
cd "$W"; umount -l "$RO"
# file size limit (SIGXFSZ) while converting a big file
fresh; "$B" demo --force --size 1920x1080 --out . >/dev/null
x bash -c "ulimit -f 20; exec '$B' convert demo_labels.png out.png --to cityscapes"
v "ulimit-f-convert (SIGXFSZ)" $A "one line (File too large), no temp, no signal death" 'refused && notemps' "$(obs); temps: $(ls -A | grep -c panoptty-)"
x bash -c "ulimit -f 20; exec '$B' demo --size 1920x1080 --out big2"
v "ulimit-f-demo-out" $A "one line, no signal death" 'refused'
