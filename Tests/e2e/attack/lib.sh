# attack harness helpers (sourced by attack.sh)
B=${B:-.build/debug/panoptty}
FX=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/trust/fixtures.py
N=0; PASS=0; FAIL=0
RES=${RES:-$W/results.tsv}
: >"$RES"
MOUNTS=()
# a private tmux server: never touch anyone else's sessions
TSOCK=panoptty-attack-$$
tmux() { command tmux -L "$TSOCK" -f /dev/null "$@"; }
cleanup() {
  for m in "${MOUNTS[@]}"; do umount -l "$m" 2>/dev/null; done
  command tmux -L "$TSOCK" kill-server 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$W"
}
# run: x CMD... (stdin /dev/null unless IN set) -> RC OUT ERR NL RSS
x() {
  local to=${TO:-20}
  /usr/bin/time -f %M -o "$W/.rss" timeout -s KILL "$to" "$@" <"${IN:-/dev/null}" >"$W/.out" 2>"$W/.err"
  RC=$?
  RSS=$(tail -1 "$W/.rss" 2>/dev/null | tr -dc 0-9); RSS=${RSS:-0}
  grep -q 'Command terminated by signal\|Command exited' "$W/.rss" 2>/dev/null && true
  OUT=$(head -c 2000 "$W/.out"); ERR=$(cat "$W/.err")
  NL=$(grep -c '' "$W/.err")
}
crashed() { [ "$RC" -ge 124 ] || grep -qE 'Fatal error|Segmentation|Illegal instruction|Aborted|panicked|💣|Crash|backtrace' "$W/.err"; }
# one clean refusal: exit 1/2, exactly one stderr line, no crash
refused() { ! crashed && { [ "$RC" = 1 ] || [ "$RC" = 2 ]; } && [ "$NL" = 1 ] && { [ -z "${1:-}" ] || grep -qEi -- "$1" "$W/.err"; }; }
ok0() { [ "$RC" = 0 ] && ! crashed; }
notemps() { ! ls -A "${1:-.}" | grep -q 'panoptty-' ; }  # no temp/lock/journal/commit left
notemps_ex() { ! ls -A "${1:-.}" | grep 'panoptty-' | grep -qv -- '-lock$'; }
obs() { printf 'rc=%s lines=%s rss=%sK: %s' "$RC" "$NL" "$RSS" "$(head -c 220 "$W/.err" | tr '\n\033\a' '|EA')"; }
# v NAME AREA EXPECT COND [OBSERVED]
v() {
  N=$((N+1)); local name=$1 area=$2 exp=$3 cond=$4 o=${5:-$(obs)} r
  if eval "$cond"; then r=PASS; PASS=$((PASS+1)); else r=FAIL; FAIL=$((FAIL+1)); fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$N" "$area" "$name" "$r" "$exp" "$o" >>"$RES"
  printf '%3d %-5s %-10s %-50s %s\n' "$N" "$r" "$area" "$name" "$o" | cut -c1-260
}
# a fresh folder with demo.png + demo_labels.png; cd into it
fresh() { D=$(mktemp -d "$W/c.XXXX"); cp "$W/tpl/demo.png" "$W/tpl/demo_labels.png" "$D/"; cd "$D"; }
md5() { md5sum "$@" 2>/dev/null | cut -c1-32; }
decodes() { "$B" info "$1" >/dev/null 2>&1; }
# tmux: ts NAME 'CMD' [W H] starts CMD in a detached session (its exit status lands in $W/NAME.rc)
ts() { local s=$1 c=$2 w=${3:-80} h=${4:-24}; rm -f "$W/$s.rc"; tmux new-session -d -s "$s" -x "$w" -y "$h" "cd '$PWD'; $c; echo \$? > '$W/$s.rc'; sleep 600"; sleep ${TSWAIT:-1.2}; }
tk() { tmux send-keys -t "$1" "${@:2}"; sleep 0.3; }
tcmd() { tmux send-keys -t "$1" ":"; sleep 0.1; tmux send-keys -t "$1" -l "$2"; tmux send-keys -t "$1" Enter; sleep 0.35; }
tcap() { tmux capture-pane -p -t "$1"; }
tpid() { pgrep -P "$(tmux display -p -t "$1" '#{pane_pid}')" -f panoptty | head -1; }
twaitrc() { local i; for i in $(seq 1 ${2:-30}); do [ -s "$W/$1.rc" ] && { cat "$W/$1.rc"; return; }; sleep 0.2; done; echo none; }
tkill() { tmux kill-session -t "$1" 2>/dev/null; }
tmodes() { tmux display -p -t "$1" '#{alternate_on}#{mouse_any_flag}#{mouse_sgr_flag}'; }
