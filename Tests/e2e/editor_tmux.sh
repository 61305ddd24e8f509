#!/usr/bin/env bash
# The real binary in a real terminal: tmux runs `panoptty edit` on the demo,
# keys and an SGR mouse click go in with send-keys, the screen comes back
# with capture-pane -e, and the saved file is checked with `panoptty info`.
set -u
BIN=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
command -v tmux >/dev/null || { echo "FAIL tmux is not installed (run scripts/setup.sh)"; echo "0 passed, 1 failed"; exit 1; }
W=$(mktemp -d)
SOCK="panoptty-e2e-$$"
T="tmux -L $SOCK -f /dev/null"
# A session that outlives every test: with none left, tmux's server exits, and a test
# starting its session in that instant finds a dying server ("server exited unexpectedly").
$T new-session -d -s keepalive -x 20 -y 5 "sleep 86400" 2>/dev/null
cleanup() { $T kill-server 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
cd "$W"
"$BIN" demo --out . >/dev/null
mv demo_labels.png truth.png

start() { # name, extra args...
  local name=$1
  shift
  $T kill-session -t "$name" 2>/dev/null
  rm -f "$W/$name.rc"
  # The shell records the exit status itself: tmux sometimes marks a pane
  # dead before it has reaped the process, with an empty status.
  $T new-session -d -s "$name" -x 120 -y 40 \
    "env TERM=xterm-256color LANG=C.UTF-8 $BIN edit demo.png $* 2>$W/$name.err; echo \$? >$W/$name.rc"
  $T set-option -t "$name" remain-on-exit on >/dev/null
  wait_for "$name" "? shows the keys"
}
wait_for() { # session, text: poll the screen instead of sleeping
  for _ in $(seq 300); do
    $T capture-pane -t "$1" -p 2>/dev/null | grep -qF -- "$2" && return 0
    sleep 0.05
  done
  echo "     (screen of $1 while waiting for '$2':)"; $T capture-pane -t "$1" -p | tail -3 | sed 's/^/     /'
  return 1
}
keys() { $T send-keys -t "$1" "${@:2}"; }
typed() { $T send-keys -t "$1" -l "$2"; }
exited() { # session -> "1 STATUS" once the editor has exited, "0 " before
  for _ in $(seq 300); do
    [ -s "$W/$1.rc" ] && break
    sleep 0.05
  done
  if [ -s "$W/$1.rc" ]; then echo "1 $(cat "$W/$1.rc")"; else echo "0 "; fi
}
segment() { # file, jq-free: print "name instance area x y w h" lines
  "$BIN" info "$1" --json | python3 -c '
import json, sys
for s in json.load(sys.stdin)["segments_info"]:
    print(s["name"], s["instance"], s["area"], *s["bbox"])'
}

# --- default keymap: move, fill a car, paint road, undo once, save, quit ---
start def
keys def c; wait_for def ":class" && typed def "car" && keys def Enter
wait_for def "class car (thing" && ok "default: c opens :class, picks car" || bad "class car"
typed def ":goto 160 150"; keys def Enter
keys def Right Right
wait_for def " 168,150 " && ok "default: arrows move the cursor one screen pixel (4 image px at this zoom)" || bad "cursor at 168,150"
keys def Space
wait_for def "filled car #1" && ok "default: Space fills a new instance car #1" || bad "fill car"
$T capture-pane -t def -p -e >def.ans
grep -q $'\e\[38;5;[0-9]*m' def.ans && grep -qF "▀" def.ans && ok "capture-pane -e shows coloured half blocks" || bad "no coloured half blocks"
grep -qF "car #1 [1002]" def.ans && grep -qF "[+]" def.ans && ok "status line decodes the pixel (car #1, value 1002) and shows unsaved [+]" || bad "status line: $(grep -F '|' def.ans | tail -1)"
typed def ":class road"; keys def Enter; keys def b ] ] ]
keys def Down Down Down Down Down Down Down Down Down Down
keys def Space
wait_for def "painted road" && ok "default: b ] ] ] then Space paints road with radius 5" || bad "paint road"
keys def Right Right Right Right Right Right Right Right Right Right
wait_for def " 208,190 " && keys def Space
wait_for def "painted road (97 px)" && ok "default: a second dab is its own undo step" || bad "second dab"
keys def u
wait_for def "undid: painted road" && ok "default: u undoes the last stroke" || bad "undo"
keys def C-s
wait_for def "wrote $W/demo_labels.png" && ok "default: Ctrl-S saves through the shared encoder" || bad "save"
keys def q
[ "$(exited def)" = "1 0" ] && ok "default: q quits with status 0" || bad "quit: $(exited def)"
segs=$(segment demo_labels.png)
echo "$segs" | grep -q "^car 1 " && echo "$segs" | grep -q "^road 0 97 " && [ "$(echo "$segs" | wc -l)" -eq 2 ] \
  && ok "saved file: car #1 and one road dab of 97 px (undo removed the second)" || bad "saved segments: $segs"
read -r _ _ area x y w h <<<"$(echo "$segs" | grep '^car 1 ')"
[ "$x" -ge 139 ] && [ $((x + w)) -le 197 ] && [ "$y" -ge 131 ] && [ $((y + h)) -le 156 ] && [ "$area" -gt 400 ] \
  && ok "car #1 lies inside the demo's ground-truth car ($area px at $x,$y ${w}x$h)" || bad "car #1 at $x,$y ${w}x$h area $area"
"$BIN" validate demo_labels.png --image demo.png >/dev/null && ok "saved file validates against the image" || bad "validate"

# --- reopen: existing labels load; an SGR mouse click fills; quit asks ---
start mouse
typed mouse ":class car"; keys mouse Enter
# Cell (26, 30) (1-based SGR 27;31) shows image pixel (95, 180): the body of
# the demo's second car.
typed mouse $'\e[<0;27;31M'; typed mouse $'\e[<0;27;31m'
wait_for mouse "filled car #2" && ok "mouse: an SGR click fills at the clicked pixel (car #2)" || bad "mouse click"
$T capture-pane -t mouse -p | grep -qE " 95,180 +car #2" && ok "mouse: the click moved the cursor to image pixel 95,180" || bad "mouse cursor"
keys mouse q
wait_for mouse "unsaved changes" && ok "q with unsaved changes asks" || bad "quit prompt"
keys mouse y
[ "$(exited mouse)" = "1 0" ] && ok "y leaves without saving" || bad "quit y"
[ "$(segment demo_labels.png | wc -l)" -eq 2 ] && ok "the file is unchanged after quitting without saving" || bad "file changed"

# --- vim keymap: hjkl with counts, :commands, :wq ---
start vim --keymap vim --labels vim_labels.png
typed vim ":goto 10 10"; keys vim Enter
keys vim 5 l 3 j
wait_for vim " 30,22 " && ok "vim: 5l 3j move with counts (4 image px a step at this zoom)" || bad "vim counts"
typed vim ":class sky"; keys vim Enter
wait_for vim "class sky-other-merged" && ok "vim: :class takes a unique prefix" || bad "vim class"
keys vim f Space
wait_for vim "filled sky-other-merged" && ok "vim: f then Space fills sky" || bad "vim fill"
typed vim ":wq"; keys vim Enter
st=$(exited vim)
[ "$st" = "1 0" ] && ok "vim: :wq saves and quits" || { bad "vim wq: $st"; $T capture-pane -t vim -p | tail -3; cat "$W/vim.err"; }
segment vim_labels.png | grep -q "^sky-other-merged 0 " && ok "vim: saved sky" || bad "vim saved: $(segment vim_labels.png)"

# --- a reference label file: shown on R, segments taken with T ---
read -r cname cinst carea cx cy cw ch < <(segment truth.png | grep "^car " | head -1)
start ref --labels refown.png --reference truth.png
keys ref R
wait_for ref "showing the reference truth.png" && $T capture-pane -t ref -p | grep -q "REF truth.png" && ok "R shows the reference, and the status line says REF truth.png" || bad "reference toggle"
typed ref ":goto $((cx + cw / 2)) $((cy + ch / 2))"; keys ref Enter
keys ref T
wait_for ref "took car #1 from truth.png ($carea px)" && ok "T takes the reference's car under the cursor whole ($carea px) as car #1" || bad "take"
keys ref f Space
wait_for ref "which is read only" && ok "a fill while the reference is shown is refused (it would change hidden labels)" || bad "edit under the reference: $($T capture-pane -t ref -p | tail -2)"
keys ref R
wait_for ref "showing the labels again" && ! $T capture-pane -t ref -p | grep -q "REF truth" && ok "R again shows the labels" || bad "toggle back"
typed ref ":wq"; keys ref Enter
[ "$(exited ref)" = "1 0" ] && segment refown.png | grep -q "^car 1 $carea $cx $cy $cw $ch$" && ok "the taken car is saved with the reference's pixels (area and box equal)" || bad "taken car saved: $(segment refown.png 2>&1) vs $cname $cinst $carea $cx $cy $cw $ch"
out=$("$BIN" edit demo.png --labels refown.png --reference "$W/nope.png" -c 'q' 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "nope.png: No such file" && ok "a missing --reference file is one line, exit 1" || bad "missing reference: $rc $out"

# --- help overlay and 80x24 ---
start small
$T resize-window -t small -x 80 -y 24
keys small "?"
wait_for small "keys: default keymap" && ok "? shows the help overlay from the keymap" || bad "help overlay"
$T capture-pane -t small -p | grep -qF "tool fill" && ok "help lists bindings (f → tool fill)" || bad "help content"
keys small Escape
# Esc then q within the 25 ms escape delay would read as Alt-q: wait for Esc.
for _ in $(seq 100); do $T capture-pane -t small -p | grep -qF "keys: default keymap" || break; sleep 0.05; done
keys small q
[ "$(exited small)" = "1 0" ] && ok "80x24: quit cleanly" || bad "80x24 quit"

# --- Esc straight followed by an arrow or a resize: neither is lost (the wait for the rest of
# a mouse report after Esc took the arrow, or the resize, and dropped it) ---
start esc
typed esc ":goto 10 10"; keys esc Enter
wait_for esc " 10,10 " >/dev/null
keys esc Escape Right
moved=0
for _ in $(seq 60); do $T capture-pane -t esc -p | sed -n 39p | grep -qE "\| 1[1-9],10 " && moved=1 && break; sleep 0.05; done
[ $moved = 1 ] && ok "Esc then an arrow at once: the arrow moves the cursor" || bad "Esc+Right lost the arrow: $($T capture-pane -t esc -p | sed -n 39p | cut -c1-80)"
$T resize-window -t esc -x 60 -y 16; sleep 0.3
keys esc Escape; $T resize-window -t esc -x 120 -y 40
for _ in $(seq 60); do [ "$($T capture-pane -t esc -p | sed -n 39p | sed 's/ *$//' | wc -c)" -gt 62 ] && break; sleep 0.05; done
[ "$($T capture-pane -t esc -p | sed -n 39p | sed 's/ *$//' | wc -c)" -gt 62 ] && ok "Esc then a resize at once: the editor redraws at the new size" || bad "Esc+resize lost the resize: $($T capture-pane -t esc -p | sed -n 39p)"
typed esc ":q!"; keys esc Enter
[ "$(exited esc)" = "1 0" ] || bad "esc: quit"

# --- not a terminal ---
out=$("$BIN" edit demo.png </dev/null 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "with --script FILE" && ok "refuses without a terminal, pointing to --script" || bad "no tty: $rc $out"
summary
