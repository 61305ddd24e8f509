# ---------------------------------------------------------------- journals
A=journal
# realj: a real journal in a fresh folder (3 edits incl. an undo, then kill -9); keeps a copy in $W/realj
realj() {
  fresh; ts j "$B edit demo.png"; tcmd j "class car"; tcmd j "rect 0 0 5 5"; tcmd j "rect 10 10 20 20"; tcmd j "class road"; tcmd j "rect 30 30 40 40"; tk j u
  kill -9 "$(tpid j)" 2>/dev/null; sleep 0.3; tkill j; JR=.demo_labels.png.panoptty-journal
}
realj; cp $JR "$W/realj"; cp demo_labels.png "$W/realj.base"
x "$B" edit demo.png --recover -c 'w'
v "kill-9-then-recover" $A "recovered and saved (2 rects)" 'ok0 && [ ! -e $JR ] && "$B" info demo_labels.png | grep -Eq "car +thing +11 "'
J=$W/realj; SZ=$(stat -c %s $J); bad=0; worst=""
for cut in 0 5 19 20 30 100 170 180 200 300 $((SZ/2)) $((SZ-30)) $((SZ-4)) $((SZ-1)); do
  realj >/dev/null 2>&1; head -c $cut $J >$JR
  x "$B" edit demo.png --recover -c 'w'
  { { ok0 || refused; } && decodes demo_labels.png; } || { bad=$((bad+1)); worst="cut $cut: $(obs)"; }
done
v "journal-truncated-14-cuts" $A "recover prefix or one line, file decodes" '[ $bad = 0 ]' "bad=$bad $worst"
bad=0; worst=""; silent=0
for i in $(seq 1 25); do
  realj >/dev/null 2>&1; python3 "$HERE/mk.py" flip $JR 0.$((RANDOM%90+10)) $((RANDOM%8))
  x "$B" edit demo.png --recover -c 'w'
  { { ok0 || refused; } && decodes demo_labels.png; } || { bad=$((bad+1)); worst="$(obs)"; }
  ok0 && ! grep -qi 'damag\|checksum\|crc\|skip' $W/.err && silent=$((silent+1))
done
v "journal-bitflip-25x" $A "never crash; damage reported" '[ $bad = 0 ] && [ $silent = 0 ]' "bad=$bad silent-recoveries=$silent $worst"
fresh; head -c 1000000 /dev/urandom >.demo_labels.png.panoptty-journal; x "$B" edit demo.png -c 'w'
v "journal-1MB-garbage" $A "one line" 'refused'
x "$B" edit demo.png --discard-recovery -c 'class car; rect 0 0 2 2'
v "discard-garbage-journal" $A "removed, edit saved" 'ok0 && [ ! -e .demo_labels.png.panoptty-journal ]'
fresh; : >.demo_labels.png.panoptty-journal; x "$B" edit demo.png -c 'class car; rect 0 0 2 2'
v "journal-zero-bytes" $A "ignored (nothing to recover) or one line" 'ok0 || refused'
fresh; printf 'panoptty-journal 2\n' >.demo_labels.png.panoptty-journal; x "$B" edit demo.png -c 'class car; rect 0 0 2 2'
v "journal-magic-only" $A "ignored or one line" 'ok0 || refused'
fresh; printf 'panoptty-journal 1\n' >.demo_labels.png.panoptty-journal; x "$B" edit demo.png --recover -c 'w'
v "journal-format-1" $A "one line" 'refused'
hj() { python3 -c "import sys; sys.path.insert(0, '$(dirname $FX)'); import fixtures; fixtures.cmd_journal(sys.argv[1:])" .demo_labels.png.panoptty-journal demo_labels.png "$@"; }
fresh; hj 64 48 "E:x:0xFFFFFFF0,0x20,0x1000085,0x10003"; x "$B" edit demo.png --recover -c 'w'
v "journal-run-start+len-wraps-u32" $A "one line, file intact" 'refused && decodes demo_labels.png'
fresh; hj 64 48 "E:x:0,0,0x1000085,0x10003"; x "$B" edit demo.png --recover -c 'w'
v "journal-zero-length-run" $A "one line or no-op" 'refused || ok0'
fresh; v0=$(python3 -c "print(hex(0))"); hj 64 48 "E:x:0,10,0x20002,0x30002"; x "$B" edit demo.png --recover -c 'w'
v "journal-before-values-do-not-match-map" $A "one line (journal is not for this map)" 'refused && decodes demo_labels.png'
fresh; python3 - <<PY
import sys; sys.path.insert(0, '$(dirname $FX)'); import fixtures
fixtures.cmd_journal(['.demo_labels.png.panoptty-journal','demo_labels.png','64','48'] + ['U']*100000)
PY
x "$B" edit demo.png --recover -c 'w'; v "journal-100k-undos-with-no-history" $A "one line" 'refused'
fresh; hj 64 48 R; x "$B" edit demo.png --recover -c 'w'; v "journal-redo-first" $A "one line" 'refused'
fresh; python3 - <<PY
import sys; sys.path.insert(0, '$(dirname $FX)'); import fixtures
# 60k valid one-pixel steps (a long session), then recovery must be bounded
import zlib, struct
b=open('demo_labels.png','rb').read(); i=8; idat=b''
while i < len(b):
    l,=struct.unpack('>I',b[i:i+4]); t=b[i+4:i+8]
    if t==b'IDAT': idat+=b[i+8:i+8+l]
    i+=12+l
raw=zlib.decompress(idat); v=struct.unpack('>H', raw[1:3])[0]
cur = 0xFFFF if v%1000==133 else ((v//1000)<<16 | (v%1000))
other = 0xFFFF if cur != 0xFFFF else 2
rs=[]
for k in range(60000):
    a, bb = (cur, other) if k%2==0 else (other, cur)
    rs.append('E:s:0,1,0x%x,0x%x' % (a, bb))
fixtures.cmd_journal(['.demo_labels.png.panoptty-journal','demo_labels.png','64','48'] + rs)
PY
TO=60 x "$B" edit demo.png --recover -c 'w'
v "journal-60k-steps-bounded" $A "recovered, < 60 s, < 500 MB" 'ok0 && [ $RSS -lt 500000 ]'
fresh; mkfifo .demo_labels.png.panoptty-journal; TO=8 x "$B" edit demo.png -c 'class car; rect 0 0 2 2'
v "journal-is-fifo" $A "one line, no hang" 'refused'
fresh; mkdir .demo_labels.png.panoptty-journal; x "$B" edit demo.png -c 'class car; rect 0 0 2 2'
v "journal-is-folder" $A "one line" 'refused'
x "$B" edit demo.png --discard-recovery -c 'class car; rect 0 0 2 2'
v "discard-journal-folder" $A "one line (won't rm a folder) or removed" 'refused || ok0'
fresh; cp $W/realj "$W/victimj"; h=$(md5 $W/victimj); ln "$W/victimj" .demo_labels.png.panoptty-journal
x "$B" edit demo.png --discard-recovery -c 'class car; rect 0 0 2 2'
v "journal-hardlink-discard" $A "name removed, victim bytes intact" 'ok0 && [ "$(md5 $W/victimj)" = "$h" ]'
fresh; cp $W/realj .demo_labels.png.panoptty-journal; x "$B" edit demo.png --recover -c 'w'
v "journal-from-another-copy (inode differs)" $A "one line (not for this file)" 'refused && decodes demo_labels.png'
fresh; python3 -c "import sys; sys.path.insert(0, '$(dirname $FX)'); import fixtures; fixtures.cmd_journal(sys.argv[1:])" .demo_labels.png.panoptty-journal demo_labels.png 64 48 "E:x:0,5,0x10077,0x10003"
sed -i 's/labels=demo_labels.png/labels=..\/..\/etc\/passwd/' .demo_labels.png.panoptty-journal; x "$B" edit demo.png --recover -c 'w'
v "journal-labels-name-traversal" $A "one line (bad record) or applies to this file only" '(refused || ok0) && decodes demo_labels.png'
fresh; ln -s "$W/realj" .demo_labels.png.panoptty-journal; x "$B" edit demo.png --recover -c 'w'
v "journal-symlink-to-real-journal" $A "one line, not followed" 'refused && [ "$(md5 $W/realj)" != "" ]'
