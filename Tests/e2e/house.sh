#!/usr/bin/env bash
# The bugs the restructure fixed (issue 8), each as the user meets it, with
# the real binary. Every check here failed on the build before the change.
set -u
BIN=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
W=$(mktemp -d)
. "$HERE/tmux_lib.sh"
trap 'tmux_cleanup; rm -rf "$W"' EXIT
cd "$W"
"$BIN" demo --out . >/dev/null

# 1. The status line shows the id the file uses (a COCO segment id here).
mkdir -p pan && "$BIN" convert demo_labels.png pan/demo.png --to coco >/dev/null
python3 - <<'PY'
import json, struct, zlib
# Give the car at (160,150) the COCO id 4242 in both the PNG and the JSON.
j = json.load(open("pan.json"))
def read_png(path):
    data = open(path, "rb").read()
    pos, idat, w, h = 8, b"", 0, 0
    while pos < len(data):
        n = struct.unpack(">I", data[pos:pos+4])[0]; t = data[pos+4:pos+8]; body = data[pos+8:pos+8+n]
        if t == b"IHDR": w, h = struct.unpack(">II", body[:8])
        if t == b"IDAT": idat += body
        pos += 12 + n
    raw = zlib.decompress(idat); rows = []; stride = w * 3
    prev = bytearray(stride)
    for y in range(h):
        f = raw[y*(stride+1)]; line = bytearray(raw[y*(stride+1)+1:(y+1)*(stride+1)])
        assert f == 0, "unfiltered rows expected"
        rows.append(line)
    return w, h, rows
w, h, rows = read_png("pan/demo.png")
px = lambda x, y: rows[y][3*x] | rows[y][3*x+1] << 8 | rows[y][3*x+2] << 16
old = px(160, 150)
for r in rows:
    for x in range(w):
        if r[3*x] | r[3*x+1] << 8 | r[3*x+2] << 16 == old:
            r[3*x:3*x+3] = bytes([4242 & 255, 4242 >> 8 & 255, 0])
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
raw = b"".join(b"\0" + bytes(r) for r in rows)
open("pan/demo.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
for a in j["annotations"]:
    for s in a["segments_info"]:
        if s["id"] == old: s["id"] = 4242
json.dump(j, open("pan.json", "w"))
PY
start_in_tmux ids 120 40 xterm-256color edit demo.png --labels pan/demo.png
wait_for ids "? shows the keys" >/dev/null
typed ids ":goto 160 150"; keys ids Enter
wait_for ids "[4242]" >/dev/null && ok "status line shows the file's own id (COCO 4242)" || bad "status line id: $(screen_of ids | tail -2 | head -1)"
keys ids q

# 2. `w PATH` naming the label file by another spelling is the label file.
cp demo_labels.png keep.png
mkdir -p sub
"$BIN" edit demo.png --read-only -c 'class car; fill 5 5; w ./sub/../demo_labels.png' 2>err.txt; rc=$?
[ $rc -ne 0 ] && cmp -s demo_labels.png keep.png && ok "read-only: w ./sub/../demo_labels.png is refused (the label file)" || bad "w by another spelling: rc $rc $(cat err.txt)"
ln -s "$W" link
"$BIN" edit demo.png --read-only -c "class car; fill 5 5; w $W/link/demo_labels.png" 2>err.txt; rc=$?
[ $rc -ne 0 ] && cmp -s demo_labels.png keep.png && ok "read-only: w through a symlinked folder is refused" || bad "w through a link: rc $rc $(cat err.txt)"

# 3. Scripts honour w!: a write-protected label file needs it.
cp keep.png prot_labels.png && cp demo.png prot.png && chmod 444 prot_labels.png
"$BIN" edit prot.png -c 'class car; fill 5 5; w' 2>err.txt; rc=$?
[ $rc -ne 0 ] && cmp -s prot_labels.png keep.png && grep -q "w!" err.txt && ok "w refuses a read-only label file and points to w!" || bad "w on a 0444 file: rc $rc $(cat err.txt)"
"$BIN" edit prot.png -c 'class car; fill 5 5; w!' 2>err.txt && ! cmp -s prot_labels.png keep.png && ok "w! writes it" || bad "w!: $(cat err.txt)"

# 4. `w COPY` in a script writes a copy; the label file is still saved at the end.
cp keep.png demo_labels.png
"$BIN" edit demo.png -c 'class car; fill 5 5; w copy.png' 2>/dev/null
[ -s copy.png ] && ! cmp -s demo_labels.png keep.png && ok "w COPY writes the copy and the label file is saved too" || bad "w COPY left the label file unsaved"

# 5. Input modes never overlap: a `:` line that quits and opens a prompt.
# (Each editor below works on its own copy, so a hung one cannot hold another's lock.)
cp demo.png modes.png
start_in_tmux modes 120 40 xterm-256color edit modes.png
wait_for modes "? shows the keys" >/dev/null || bad "modes: the editor did not start"
keys modes f Space
typed modes ":q; prompt class"; keys modes Enter
sleep 0.3
s=$(screen_of modes)
echo "$s" | grep -q "unsaved changes: w saves" && ! echo "$s" | grep -q "^:class" && ok ":q; prompt class shows the quit prompt only" || bad "modes overlap: $(echo "$s" | tail -1)"
keys modes Escape
# A click while the quit prompt waits changes nothing and keeps the prompt.
typed modes ":q"; keys modes Enter
sleep 0.2
click modes 30 10
sleep 0.3
s=$(screen_of modes)
echo "$s" | grep -q "unsaved changes: w saves" && ! echo "$s" | grep -q "filled" && ok "a click does not dismiss the quit prompt or edit" || bad "click during the prompt: $(echo "$s" | tail -1)"
keys modes y
[ "$(exit_status modes)" = 0 ] && ok "y then quits" || bad "quit after prompt"

# 6. --colors mono and NO_COLOR draw no colour anywhere.
cp demo.png mono.png
for how in "--colors mono" "NO_COLOR"; do
  if [ "$how" = NO_COLOR ]; then start_in_tmux mono 130 40 "xterm-256color NO_COLOR=1" edit mono.png; else start_in_tmux mono 130 40 xterm-256color edit mono.png --colors mono; fi
  wait_for mono "? shows the keys" >/dev/null || bad "$how: the editor did not start"
  keys mono X   # an unbound key: an error message
  sleep 0.3
  # SGR colour parameters (39/49 only reset to the default colours).
  esc=$(screen_with_escapes mono | grep -cE $'\e\\[([0-9]+;)*((3[0-7]|4[0-7]|9[0-7]|10[0-7])[;m]|(38|48);)')
  [ "$esc" = 0 ] && ok "$how: no colour escapes on screen (panel swatches, error line)" || bad "$how: $esc lines with colour escapes"
  keys mono q
  [ "$(exit_status mono)" = 0 ] || bad "$how: the editor did not quit"
done

# 7. Counts apply to every repeatable command: 3u undoes three steps.
cp demo.png counts.png && cp keep.png counts_labels.png
start_in_tmux counts 120 40 xterm-256color edit counts.png
wait_for counts "? shows the keys" >/dev/null || bad "counts: the editor did not start"
typed counts ":class car; rect 0 0 3 3; rect 10 10 13 13; rect 20 20 23 23"; keys counts Enter
sleep 0.3
typed counts "3u"
sleep 0.3
typed counts ":w"; keys counts Enter
wait_for counts "wrote" >/dev/null
keys counts q
[ "$(exit_status counts)" = 0 ] || bad "counts: the editor did not quit"
[ -s counts_labels.png ] && cmp -s counts_labels.png keep.png && ok "3u undid three steps" || bad "3u: the file still differs"

# 8. Bindings are parsed once: a 20 000-line keymap loads at once.
python3 -c "
for i in range(20000): print('%s move %d 0' % (chr(0x4E00 + i), i % 7))" >big.keymap
start=$(date +%s%N)
cp demo.png big.png
"$BIN" edit big.png --keymap big.keymap -c 'q!' 2>err.txt; rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ $rc -eq 0 ] && [ $ms -lt 2000 ] && ok "a 20 000-line keymap loads in ${ms} ms" || bad "big keymap: rc $rc, ${ms} ms $(cat err.txt)"

summary
