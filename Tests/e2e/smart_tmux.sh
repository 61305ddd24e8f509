#!/usr/bin/env bash
# Smart selection with the mouse, in tmux with tmux's own default TERM
# (tmux-256color, whose terminfo kmous expects X10 reports while panoptty
# turns on SGR 1006): a drag draws the box, a right click excludes, Enter
# accepts; the saved file must hold one car that matches the demo's car #3.
set -u
BIN=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
command -v tmux >/dev/null || { echo "FAIL tmux is not installed (run scripts/setup.sh)"; echo "0 passed, 1 failed"; exit 1; }
infocmp tmux-256color >/dev/null 2>&1 || { echo "FAIL terminfo has no tmux-256color (ncurses-base)"; echo "0 passed, 1 failed"; exit 1; }
W=$(mktemp -d)
T="tmux -L panoptty-smart-$$ -f /dev/null"
# A session that outlives every test: with none left, tmux's server exits, and a test
# starting its session in that instant finds a dying server ("server exited unexpectedly").
$T new-session -d -s keepalive -x 20 -y 5 "sleep 86400" 2>/dev/null
cleanup() { $T kill-server 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
cd "$W"
"$BIN" demo --out . >/dev/null
mv demo_labels.png truth.png
wait_for() {
  for _ in $(seq 300); do
    $T capture-pane -t s -p 2>/dev/null | grep -qF -- "$1" && return 0
    sleep 0.05
  done
  echo "     (screen while waiting for '$1':)"; $T capture-pane -t s -p | tail -3 | sed 's/^/     /'
  return 1
}
sgr() { $T send-keys -t s -l $'\e[<'"$1"; }
$T new-session -d -s s -x 120 -y 40 "env TERM=tmux-256color LANG=C.UTF-8 $BIN edit demo.png --labels mine.png 2>$W/err; echo \$? >$W/rc"
$T set-option -t s remain-on-exit on >/dev/null
wait_for "? shows the keys" || { echo "FAIL the editor did not start: $(cat "$W/err")"; echo "0 passed, 1 failed"; exit 1; }
$T send-keys -t s -l ":class car"; $T send-keys -t s Enter
$T send-keys -t s g
wait_for "smart: click" && ok "g chooses the smart tool" || bad "smart tool key"
# At 120x40 the 320x200 demo is fitted at 3.6 pixels a half cell, centred
# (image row 0 is about screen row 6). Car #3 is x 139-197, y 131-156: drag
# a box from cell (38,23) to (57,29), 1-based = pixels (134,123)-(203,166).
sgr '0;38;23M'; sgr '32;45;25M'; sgr '32;57;29M'; sgr '0;57;29m'
wait_for "box: box" && ok "a left drag draws the box (not keystrokes: no 'is not bound')" || bad "drag box"
! $T capture-pane -t s -p | grep -q "not bound" && ok "no mouse bytes leaked as keys under TERM=tmux-256color" || bad "mouse leaked as keys"
$T capture-pane -t s -p | grep -qE "smart [0-9]+px" && ok "the status line shows the live selection size" || bad "no selection size"
$T capture-pane -t s -p -e | grep -q $'\e\\[38;2;255;255;0m\|\e\\[48;2;255;255;0m\|38;5;226\|48;5;226' && ok "the selection border is drawn (yellow)" || bad "no selection border on screen"
# A left click on the car includes it (cell (47,25) = pixel ~(166,137));
# a right click on the road at the box's left edge (cell (38,27) = pixel
# ~(134,151)) excludes.
sgr '0;47;25M'; sgr '0;47;25m'
wait_for "include" && ok "a left click includes" || bad "left click include"
sgr '2;38;27M'; sgr '2;38;27m'
wait_for "exclude" && ok "a right click excludes" || bad "right click exclude"
$T send-keys -t s Enter
wait_for "accepted car #1" && ok "Enter accepts as car #1" || bad "accept"
$T send-keys -t s -l ":wq"; $T send-keys -t s Enter
for _ in $(seq 200); do [ -s "$W/rc" ] && break; sleep 0.05; done
[ "$(cat "$W/rc" 2>/dev/null)" = 0 ] && ok "saved and quit" || bad "exit status $(cat "$W/rc" 2>/dev/null): $(cat "$W/err")"
python3 - "$BIN" <<'PY' && ok "the saved car matches the demo's car #3 (IoU >= 0.85)" || bad "saved selection does not match car #3"
import json, subprocess, sys
b = sys.argv[1]
def seg(path):
    return json.loads(subprocess.run([b, "info", path, "--json"], capture_output=True, text=True, check=True).stdout)["segments_info"]
mine = [s for s in seg("mine.png") if s["name"] == "car"]
truth = [s for s in seg("truth.png") if s["name"] == "car" and s["instance"] == 3][0]
if len(mine) != 1: print("     cars saved:", mine); sys.exit(1)
m = mine[0]
# Boxes as a cheap IoU proxy, plus the area within 15%.
ax0, ay0, aw, ah = m["bbox"]; bx0, by0, bw, bh = truth["bbox"]
ix = max(0, min(ax0 + aw, bx0 + bw) - max(ax0, bx0)); iy = max(0, min(ay0 + ah, by0 + bh) - max(ay0, by0))
iou = ix * iy / (aw * ah + bw * bh - ix * iy)
print("     car #1:", m["area"], "px bbox", m["bbox"], "truth", truth["area"], truth["bbox"], "box IoU %.2f" % iou)
sys.exit(0 if iou >= 0.85 and abs(m["area"] - truth["area"]) <= 0.15 * truth["area"] else 1)
PY
# GNU screen's default TERM (screen-256color, kmous also X10): a click is decoded as a click.
$T new-session -d -s scr -x 120 -y 40 "env TERM=screen-256color LANG=C.UTF-8 $BIN edit demo.png --labels truth.png --read-only"
for _ in $(seq 300); do $T capture-pane -t scr -p 2>/dev/null | grep -qF "? shows the keys" && break; sleep 0.05; done
$T send-keys -t scr g
$T send-keys -t scr -l $'\e[<0;47;25M'; $T send-keys -t scr -l $'\e[<0;47;25m'
for _ in $(seq 100); do $T capture-pane -t scr -p | grep -q "include" && break; sleep 0.05; done
$T capture-pane -t scr -p | grep -q "include 1[0-9][0-9],1[0-9][0-9]" && ! $T capture-pane -t scr -p | grep -q "not bound" &&
  ok "TERM=screen-256color: a left click includes (no mouse bytes as keys)" || bad "screen-256color click: $($T capture-pane -t scr -p | tail -2)"
$T send-keys -t scr Escape; $T send-keys -t scr -l ":q!"; $T send-keys -t scr Enter
for _ in $(seq 100); do $T has-session -t scr 2>/dev/null || break; sleep 0.05; done
$T kill-session -t scr 2>/dev/null
# Truecolor: with COLORTERM=truecolor the editor draws the photo in 24-bit colour (38;2 / 48;2),
# not posterised to the 256-colour palette; without it, the palette only (tmux keeps what it
# was sent, and capture-pane -e gives it back).
for ct in truecolor none; do
  env=$([ $ct = truecolor ] && echo "COLORTERM=truecolor" || echo "COLORTERM=")
  $T new-session -d -s tc -x 100 -y 30 "env TERM=tmux-256color $env LANG=C.UTF-8 $BIN edit demo.png --labels truth.png --read-only"
  for _ in $(seq 300); do $T capture-pane -t tc -p 2>/dev/null | grep -qF "? shows the keys" && break; sleep 0.05; done
  rgb=$($T capture-pane -t tc -p -e | grep -o $'\e\\[[34]8;2;[0-9]*;[0-9]*;[0-9]*' | sort -u | wc -l)
  pal=$($T capture-pane -t tc -p -e | grep -o $'\e\\[[34]8;5;[0-9]*' | sort -u | wc -l)
  if [ $ct = truecolor ]; then
    [ "$rgb" -ge 100 ] && ok "COLORTERM=truecolor: the editor draws in 24-bit colour ($rgb distinct RGB colours)" || bad "truecolor editor: $rgb RGB colours, $pal palette colours"
  else
    [ "$rgb" -eq 0 ] && [ "$pal" -ge 10 ] && ok "without COLORTERM: the 256-colour palette only ($pal palette colours)" || bad "256-colour editor: $rgb RGB colours, $pal palette colours"
  fi
  $T send-keys -t tc -l ":q!"; $T send-keys -t tc Enter
  for _ in $(seq 100); do $T has-session -t tc 2>/dev/null || break; sleep 0.05; done
  $T kill-session -t tc 2>/dev/null
done
summary
