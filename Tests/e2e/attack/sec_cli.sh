# ---------------------------------------------------------------- command line, scripts, keymaps, catalogs
A=cli
fresh
TO=20 x "$B" edit demo.png --script /dev/zero; v "script-/dev/zero" $A "one line, bounded" 'refused && [ $RSS -lt 300000 ]'
mkfifo sf; TO=6 x "$B" edit demo.png --script sf; v "script-fifo-no-writer" $A "one line or waits (like cat)" '! crashed || [ $RC = 137 ]' "$(obs) (137 = waiting)"
TO=20 x "$B" edit demo.png --keymap /dev/urandom -c 'class car'; v "keymap-/dev/urandom" $A "one line, bounded" 'refused && [ $RSS -lt 300000 ]'
TO=20 x "$B" info demo_labels.png --classes /dev/zero; v "classes-/dev/zero" $A "one line" 'refused'
python3 - <<'PY'
import json; json.dump([{"id": i, "name": "c%d" % i, "isthing": i % 2, "color": [i % 256, 0, 0]} for i in range(1, 100001)], open("big.json", "w"))
PY
TO=30 x "$B" info demo_labels.png --classes big.json; v "classes-100k-categories" $A "read or one line, bounded" '(ok0 || refused) && [ $RSS -lt 500000 ]'
python3 - <<'PY'
import json; json.dump([{"id": 1, "name": "car\u001b[2J\nFAKE", "isthing": 1, "color": [1, 2, 3]}, {"id": 2, "name": "blank", "isthing": 0, "color": [3, 2, 1]}], open("esc.json", "w"))
PY
x "$B" edit demo.png --labels e.png --classes esc.json -c 'class 0; rect 0 0 3 3'; x "$B" view e.png --classes esc.json --width 20
v "catalog-name-escape-in-legend" $A "no raw ESC-[2J, no forged line" '(ok0 || refused) && ! grep -q $'"'"'\e\[2J'"'"' $W/.out $W/.err'
x "$B" info e.png --classes esc.json --json; v "info-json-escapes-names" $A "valid JSON" 'ok0 && python3 -c "import json,sys; json.load(open(\"$W/.out\"))"'
for f in "--offset 0" "--offset 1" "--offset -1" "--offset 1099511627776" "--void -1" "--void 70000"; do
  x "$B" info demo_labels.png --format offset $f; v "info $f" $A "one line, exit 1/2" 'refused'
done
for s in 0x0 99999x99999 64x48x3 abc -5x5 64x; do x "$B" demo --size "$s" --out d$RANDOM; v "demo --size $s" $A "one line" 'refused'; done
echo x >afile; x "$B" demo --size 64x48 --out afile; v "demo --out a-file" $A "one line" 'refused'
python3 -c "print('; '.join(['class car; rect 0 0 3 3; undo'] * 4000))" >big.cmds
TO=60 x "$B" edit demo.png -c "$(cat big.cmds)"; v "-c with 12k commands (124 KB)" $A "bounded time/memory" '(ok0 || refused) && [ $RSS -lt 500000 ]'
python3 -c "print('\\n'.join(['class car', 'rect 0 0 3 3', 'undo'] * 100000))" >big.script
TO=60 x "$B" edit demo.png --script big.script; v "script with 300k lines" $A "bounded time/memory" '(ok0 || refused) && [ $RSS -lt 500000 ]'
printf 'class car\nrect 0 0 3 3\0\nw\n' >nul.script; x "$B" edit demo.png --script nul.script; v "script-with-NUL" $A "one line" 'refused'
python3 -c "print('class car; ' + 'x' * 10000000)" >long.script; TO=30 x "$B" edit demo.png --script long.script; v "script-10MB-line" $A "one line, bounded" 'refused && [ $RSS -lt 500000 ]'
h=$(md5 demo_labels.png); x "$B" edit demo.png -c ''; v "empty-c" $A "nothing written" '(ok0 || refused) && [ "$(md5 demo_labels.png)" = "$h" ]'
for c in "zoom 1000000000" "brush 99999999" "goto -99999999999 0" "move 2147483647 2147483647" "opacity 1e309" "tolerance -1" "split 1 0 0 99999 99999" "paint $(seq -s ' ' 1 20000)"; do
  TO=20 x "$B" edit demo.png -c "class car; $c; q!"; v "cmd: $(echo "$c" | cut -c1-28)" $A "one line or harmless" '(ok0 || refused) && [ $RSS -lt 500000 ]'
done
x "$B" convert demo_labels.png o.png --to offset --out-offset 1; v "convert --out-offset 1" $A "one line" 'refused && [ ! -e o.png ]'
x "$B" convert demo_labels.png o.png --to offset --out-void 70000; v "convert --out-void 70000" $A "one line" 'refused && [ ! -e o.png ]'
x "$B" validate demo_labels.png --image .; v "validate --image folder" $A "one line" 'refused'
x "$B" edit demo.png --recover --discard-recovery -c 'w'; v "--recover with --discard-recovery" $A "exit 2 one line" 'refused'
