#!/usr/bin/env bash
# Bytes panoptty's editor writes to its terminal, measured on the pty with
# script(1) inside a 200x60 tmux pane: start-up, a cursor move, a brush dab,
# a forced full repaint (zoom).  Usage: editor_bytes.sh BIN IMAGE [COLORS]
set -u
BIN=$(realpath "$1"); IMG=$(realpath "$2"); COLORS=${3:-256}
W=$(mktemp -d); S="pbytes-$$"; T="tmux -L $S -f /dev/null"
trap '$T kill-server 2>/dev/null; rm -rf "$W"' EXIT
cp "$IMG" "$W/img.png"
$T new-session -d -s e -x 200 -y 60 "cd $W && env TERM=$([ "$COLORS" = truecolor ] && echo xterm-direct || echo xterm-256color) LANG=C.UTF-8 script -q -f -c '$BIN edit img.png --colors $COLORS' ts"
size() { stat -c %s "$W/ts" 2>/dev/null || echo 0; }
settle() { local a b; a=$(size); for _ in $(seq 40); do sleep 0.05; b=$(size); [ "$a" = "$b" ] && [ "$b" != 0 ] && break; a=$b; done; }
for _ in $(seq 100); do $T capture-pane -t e -p | grep -q "shows the keys" && break; sleep 0.05; done
settle; start=$(size)
$T send-keys -t e Right; settle; move=$(( $(size) - start ))
a=$(size); $T send-keys -t e b; settle; b0=$(size)
$T send-keys -t e Space; settle; dab=$(( $(size) - b0 ))
$T send-keys -t e Right; settle; b1=$(size)
$T send-keys -t e Space; settle; dab2=$(( $(size) - b1 ))
a=$(size); $T send-keys -t e +; settle; zoom=$(( $(size) - a ))
a=$(size); $T send-keys -t e m; settle; mode=$(( $(size) - a ))
echo "startup_bytes=$start cursor_move_bytes=$move first_brush_dab_bytes=$dab next_brush_dab_bytes=$dab2 zoom_repaint_bytes=$zoom mode_switch_bytes=$mode"
$T send-keys -t e q y
