# ---------------------------------------------------------------- formats (PNG)
A=formats
MK="python3 $HERE/mk.py"
fresh
$MK png rgba.png 64 48 8 6; x "$B" info rgba.png
v "rgba-label" $A "one line, or read ignoring alpha" 'refused || ok0' "$(obs) $(head -1 $W/.out|cut -c1-90)"
$MK png ga.png 64 48 8 4; x "$B" info ga.png
v "gray-alpha-label" $A "one line (or read as gray)" 'refused || ok0'
$MK png rgb16.png 64 48 16 2; x "$B" info rgb16.png
v "rgb16-label" $A "one line, or read" 'refused || ok0' "$(obs) $(head -1 $W/.out|cut -c1-90)"
for d in 1 2 4; do $MK png g$d.png 64 48 $d 0; x "$B" info g$d.png
v "gray-${d}bit-label" $A "read or one line" 'ok0 || refused'; done
$MK png rgba.png 64 48 8 6; x "$B" edit rgba.png --labels rgba_l.png -c 'class car; rect 0 0 3 3'
v "rgba-photo-edit" $A "photo with alpha is labelled" 'ok0 && decodes rgba_l.png'
$MK png p16.png 64 48 16 2; x "$B" edit p16.png --labels p16_l.png -c 'class car; rect 0 0 3 3'
v "rgb16-photo-edit" $A "16-bit photo is labelled" 'ok0 && decodes p16_l.png'
$MK png pal.png 64 48 8 3; x "$B" edit pal.png --labels pal_l.png -c 'class car; rect 0 0 3 3'
v "palette-photo-edit" $A "palette photo is labelled" 'ok0 && decodes pal_l.png'
x "$B" edit gray8photo.png --labels g8_l.png -c 'class car; rect 0 0 3 3' 2>/dev/null; cp "$W/tpl/gray8photo.png" .; x "$B" edit gray8photo.png --labels g8_l.png -c 'class car; rect 0 0 3 3'
v "gray8-photo-edit" $A "gray photo is labelled" 'ok0 && decodes g8_l.png'
# truncated label file at many offsets
sz=$(stat -c %s demo_labels.png); bad=0; worst=""
for cut in 1 7 8 9 16 20 33 40 60 90 120 200 300 400 440 450 455; do
  head -c $cut demo_labels.png >t.png; x "$B" info t.png; refused || { bad=$((bad+1)); worst="cut $cut: $(obs)"; }
done
v "truncated-label-17-offsets" $A "one line each" '[ $bad = 0 ]' "bad=$bad $worst"
sz=$(stat -c %s demo.png); bad=0; worst=""
for cut in 8 30 100 1000 3000 5000 5170; do
  head -c $cut demo.png >tp.png; x "$B" edit tp.png --labels tp_l.png -c 'class car; rect 0 0 3 3'; refused || { bad=$((bad+1)); worst="cut $cut: $(obs)"; }
done
v "truncated-photo-7-offsets" $A "one line each, no label file" '[ $bad = 0 ] && [ ! -e tp_l.png ]' "bad=$bad $worst"
# bit flips across the label file: decode or one line, never crash
bad=0; worst=""
for i in $(seq 1 40); do cp demo_labels.png fl.png; $MK flip fl.png 0.$((RANDOM%100)) $((RANDOM%8)); x "$B" info fl.png; { ok0 || refused; } || { bad=$((bad+1)); worst="$(obs)"; }; done
v "bitflipped-label-40x" $A "decodes or one line" '[ $bad = 0 ]' "bad=$bad $worst"
$MK twoihdr t2.png; x "$B" info t2.png; v "two-IHDR" $A "one line" 'refused'
$MK noiend ni.png; x "$B" info ni.png; v "missing-IEND" $A "read or one line" 'ok0 || refused'
$MK trailing tr.png; x "$B" info tr.png; v "garbage-after-IEND" $A "read or one line" 'ok0 || refused'
$MK badzlib bz.png; x "$B" info bz.png; v "garbage-zlib-IDAT" $A "one line" 'refused'
$MK emptyidat ei.png; x "$B" info ei.png; v "empty-IDAT" $A "one line" 'refused'
$MK shortidat si.png; x "$B" info si.png; v "IDAT-too-few-rows" $A "one line" 'refused'
$MK longidat li.png; x "$B" info li.png; v "IDAT-extra-data" $A "read or one line" 'ok0 || refused'
$MK crit cr.png; x "$B" info cr.png; v "unknown-critical-chunk" $A "one line" 'refused'
$MK apng ap.png; x "$B" info ap.png; v "APNG-acTL" $A "read or one line" 'ok0 || refused'
TO=60 $MK manychunks mc.png 200000; TO=60 x "$B" info mc.png; v "200k-unknown-chunks" $A "bounded time, read or one line" '(ok0 || refused)'
$MK manyidat mi.png 100000; TO=60 x "$B" info mi.png; v "100k-empty-IDATs" $A "read, bounded" '(ok0 || refused)'
# decompression bomb within the limits: 20000x20000 16-bit (800 MB of pixels from ~1 MB)
TO=120 $MK bomb bomb.png 20000 20000; TO=120 x "$B" info bomb.png
v "decompression-bomb-20000^2" $A "one line (over limits) with bounded RSS" 'refused && [ $RSS -lt 300000 ]'
TO=120 $MK bomb bomb2.png 16000 16000; TO=120 x "$B" view bomb2.png --width 20
v "bomb-16000^2-under-limit-view" $A "view with bounded RSS (<1.2 GB) or one line" '(ok0 || refused) && [ $RSS -lt 1200000 ]'
$MK sparse sp.png 3000000000; t0=$(date +%s); TO=150 x "$B" info sp.png; t1=$(date +%s)
v "sparse-3GB-png" $A "one line within seconds, bounded RSS" 'refused && [ $RSS -lt 300000 ] && [ $((t1-t0)) -lt 10 ]' "$(obs) after $((t1-t0)) s"
# tEXt chunk values
for t in "format=nonsense" "format=offset;offset=-5" "format=offset;offset=0" "format=offset;void=99999999999999999999" \
  "format=offset;catalog=../../../../etc/passwd" "format=offset;catalog=/etc/passwd" "format=cityscapes" \
  "format=offset;offset=1000;offset=7" "$(printf 'format=offset;catalog=\e[2Jx')" "format=coco"; do
  $MK png tx.png 64 48 16 0 "$t"; x "$B" info tx.png
  v "tEXt:$(printf %q "$t" | cut -c1-40)" $A "read, or one line naming the chunk" '(ok0 || refused) && ! grep -q $'"'"'\e'"'"' $W/.err $W/.out'
done
$MK twotext tt.png; x "$B" info tt.png; v "two-conflicting-panoptty-tEXt" $A "one line (conflict) or the first" 'ok0 || refused'
$MK ztxt zt.png; x "$B" info zt.png; v "panoptty-key-in-zTXt" $A "read" 'ok0 || refused'
$MK gama gm.png; x "$B" convert gm.png gmo.png --to offset; v "gAMA-sRGB-label-convert" $A "refused or converted without transform" 'ok0 || refused'
# JPEG as labels, label as photo
"$B" view demo.png >/dev/null; cp demo_labels.png lab.png; x "$B" edit lab.png --labels lab_l.png -c 'class car; rect 0 0 3 3'
v "gray16-label-as-photo" $A "edits (a gray photo) or one line" 'ok0 || refused'
printf '\xff\xd8\xff\xe0garbage' >j.jpg; x "$B" edit demo.png --labels j.jpg -c 'class car'
v "jpeg-as-labels" $A "one line" 'refused'
# Cityscapes
fresh; x "$B" convert demo_labels.png c_instanceIds.png --to cityscapes; cp c_instanceIds.png renamed.png
x "$B" info renamed.png; v "cityscapes-renamed-still-cityscapes" $A "read as cityscapes" 'ok0 && grep -qi cityscapes $W/.out'
python3 "$FX" png cs_instanceIds.png 8 8 gray16 --fill 65535; x "$B" info cs_instanceIds.png
v "cityscapes-value-65535" $A "one line" 'refused'
python3 "$FX" png cs2_instanceIds.png 8 8 gray8 --fill 26; x "$B" info cs2_instanceIds.png
v "cityscapes-8bit-instanceIds" $A "read or one line" 'ok0 || refused'
python3 "$FX" png cs3_instanceIds.png 8 8 gray16 --fill 34000; x "$B" info cs3_instanceIds.png
v "cityscapes-unknown-class-34" $A "one line" 'refused'
python3 "$FX" png many.png 40 40 rgb8 --instances 200 26 --text "format=offset;offset=200;void=133;catalog=coco"; x "$B" convert many.png m_instanceIds.png --to cityscapes
v "cityscapes-1600-instances-of-one-class" $A "one line (>999) or written" '(refused && [ ! -e m_instanceIds.png ]) || (ok0 && decodes m_instanceIds.png)'
