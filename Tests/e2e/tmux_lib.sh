# tmux helpers for end-to-end scripts: a private tmux server, editors started
# in sessions, the screen polled instead of slept on, exit statuses recorded
# by the shell. Needs $W (work folder) and $BIN set by the caller.
SOCK="panoptty-e2e-$$-$RANDOM"
T="tmux -L $SOCK -f /dev/null"
# A session that outlives every test: with none left, tmux's server exits, and a test
# starting its session in that instant finds a dying server ("server exited unexpectedly").
$T new-session -d -s keepalive -x 20 -y 5 "sleep 86400" 2>/dev/null
tmux_cleanup() { $T kill-server 2>/dev/null; }

# start NAME COLS ROWS TERM ARGS… : `panoptty ARGS` in a new session.
start_in_tmux() {
  local name=$1 cols=$2 rows=$3 term=$4
  shift 4
  $T kill-session -t "$name" 2>/dev/null
  rm -f "$W/$name.rc"
  $T new-session -d -s "$name" -x "$cols" -y "$rows" \
    "env TERM=$term LANG=C.UTF-8 $BIN $* 2>$W/$name.err; echo \$? >$W/$name.rc"
  $T set-option -t "$name" remain-on-exit on >/dev/null
}
wait_for() { # session, text
  for _ in $(seq 300); do
    $T capture-pane -t "$1" -p 2>/dev/null | grep -qF -- "$2" && return 0
    sleep 0.05
  done
  echo "     (screen of $1 while waiting for '$2':)"; $T capture-pane -t "$1" -p | tail -3 | sed 's/^/     /'
  return 1
}
screen_of() { $T capture-pane -t "$1" -p; }
screen_with_escapes() { $T capture-pane -t "$1" -p -e; }
keys() { $T send-keys -t "$1" "${@:2}"; }
typed() { $T send-keys -t "$1" -l "$2"; }
# An SGR mouse report (1-based cell): click NAME COL ROW [BUTTON 0=left 2=right]
click() {
  local b=${4:-0}
  $T send-keys -t "$1" -l $'\e'"[<$b;$2;$3M"
  $T send-keys -t "$1" -l $'\e'"[<$b;$2;$3m"
}
exit_status() { # session -> the editor's exit status once it has exited, or "running"
  for _ in $(seq 300); do
    [ -s "$W/$1.rc" ] && { cat "$W/$1.rc"; return; }
    sleep 0.05
  done
  echo running
}
