#!/usr/bin/env bash
# Never lose work: crash recovery after SIGHUP, one editor per file, files
# changed underneath, full disk, read-only folder, kill -9 during saves, and
# terminal faults. The real binary, tmux, and (as root) tmpfs/bind mounts.
set -u
BIN=$(realpath "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
W=$(mktemp -d)
SOCK="panoptty-rel-$$"
T="tmux -L $SOCK -f /dev/null"
# A session that outlives every test: with none left, tmux's server exits, and a test
# starting its session in that instant finds a dying server ("server exited unexpectedly").
$T new-session -d -s keepalive -x 20 -y 5 "sleep 86400" 2>/dev/null
MOUNTS=()
cleanup() {
  $T kill-server 2>/dev/null
  for m in "${MOUNTS[@]}"; do umount "$m" 2>/dev/null; done
  rm -rf "$W"
}
trap cleanup EXIT
cd "$W"
"$BIN" demo --out . >/dev/null
rm demo_labels.png

start() { # name, args...
  local name=$1
  shift
  rm -f "$W/$name.rc"
  # A session of that name that just ended may not be gone yet.
  for _ in $(seq 40); do $T has-session -t "=$name" 2>/dev/null || break; sleep 0.05; done
  $T new-session -d -s "$name" -x 120 -y 40 \
    "env TERM=${TERM_FOR:-xterm-256color} LANG=${LANG_FOR:-C.UTF-8} $BIN edit $* 2>$W/$name.err; echo \$? >$W/$name.rc"
}
screen_has() { # session, text (waits)
  for _ in $(seq 300); do
    $T capture-pane -t "$1" -p 2>/dev/null | grep -qF -- "$2" && return 0
    [ -s "$W/$1.rc" ] && break
    sleep 0.05
  done
  return 1
}
mode_on() { grep -qE "(^| )$1( |\$)" "$2"; } # stty mode, stty -a output file: on (not -mode)
prompt_has() { # session, text: the recovery prompt, a shell line that may wrap anywhere
  for _ in $(seq 300); do
    $T capture-pane -J -t "$1" -p 2>/dev/null | tr -d '\n' | grep -qF -- "$2" && return 0
    sleep 0.05
  done
  return 1
}
cmd() { $T send-keys -t "$1" -l ":$2"; $T send-keys -t "$1" Enter; }
waitrc() { for _ in $(seq 200); do [ -s "$W/$1.rc" ] && break; sleep 0.05; done; cat "$W/$1.rc" 2>/dev/null; }

EDITS=("class car" "fill 168 150" "class road" "tool brush" "brush 4" "paint 20 190 100 190" "undo" "paint 30 195" "class person" "fill 193 100")

# --- 1. SIGHUP (pane killed) → --recover gives exactly the edits, undo included
cp demo.png crash.png
start crash crash.png
screen_has crash "shows the keys" || bad "editor did not start"
for c in "${EDITS[@]}"; do cmd crash "$c"; done
screen_has crash "filled person" || bad "edits did not run"
$T kill-pane -t crash
for _ in $(seq 100); do [ -e .crash_labels.png.panoptty-journal ] && ! pgrep -f "edit crash.png" >/dev/null && break; sleep 0.05; done
[ -s .crash_labels.png.panoptty-journal ] && [ ! -e crash_labels.png ] && ok "SIGHUP: nothing saved, edits are in the journal" || bad "journal after SIGHUP"
out=$("$BIN" edit crash.png -c 'w' 2>&1); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "unsaved work from .* (4 edits) exists" && ok "the next edit says unsaved work exists and how to get it" || bad "no recovery offer: $rc $out"
"$BIN" edit crash.png --recover -c 'undo; redo' 2>/dev/null && ok "--recover replays; undo history came back (undo; redo run)" || bad "--recover failed"
script=$(printf '%s; ' "${EDITS[@]}")
cp demo.png clean.png
"$BIN" edit clean.png -c "$script" 2>/dev/null
cmp -s crash_labels.png clean_labels.png && ok "the recovered save is byte-identical to a save without the crash" || bad "recovered file differs"
[ ! -e .crash_labels.png.panoptty-journal ] && ok "a clean save removes the journal" || bad "journal left after save"
"$BIN" edit crash.png --discard-recovery -c 'class sky; fill 5 5; q!' 2>/dev/null
cmp -s crash_labels.png clean_labels.png && ok "q! in a script leaves the file as it was" || bad "q! changed the file"

# --- 1b. the recovery prompt in a terminal answers on one key, and a damaged
# journal: a script replays the good part with --recover, and edits made after
# recovering it survive the next crash.
killpane() { # session, journal: kill the pane and wait for the journal
  $T kill-pane -t "$1"
  for _ in $(seq 100); do [ -s "$2" ] && ! pgrep -f "edit $3" >/dev/null && break; sleep 0.05; done
}
cp demo.png one.png && "$BIN" edit one.png -c 'class car; fill 168 150' 2>/dev/null
cp demo.png two.png && "$BIN" edit two.png -c 'class car; fill 168 150; class person; fill 193 100' 2>/dev/null
cp demo.png pr.png
start pr pr.png
screen_has pr "shows the keys"
cmd pr "class car"; cmd pr "fill 168 150"; screen_has pr "filled car"
killpane pr .pr_labels.png.panoptty-journal pr.png
cp .pr_labels.png.panoptty-journal pr.journal
start pr pr.png
prompt_has pr "Recover it? [Y/n]" || bad "no recovery prompt in a terminal"
$T send-keys -t pr y
screen_has pr "recovered 1 edit of unsaved work" && ok "the prompt takes y alone (no Enter needed), and says '1 edit'" || bad "y alone did not answer the prompt: $($T capture-pane -t pr -p | tail -2)"
cmd pr "wq"
[ "$(waitrc pr)" = 0 ] && cmp -s pr_labels.png one_labels.png && ok "y recovered the edit" || bad "y: the saved file is not the recovered edit"
rm -f pr_labels.png && cp pr.journal .pr_labels.png.panoptty-journal
start pr pr.png
prompt_has pr "Recover it? [Y/n]"
$T send-keys -t pr y Enter
screen_has pr "recovered 1 edit"; sleep 0.5
$T capture-pane -t pr -p | tail -1 | grep -q "recovered 1 edit" && ok "an Enter typed after y (line-prompt habit) does not reach the editor" || bad "Enter after y did something: $($T capture-pane -t pr -p | tail -1)"
cmd pr "wq"
[ "$(waitrc pr)" = 0 ] && cmp -s pr_labels.png one_labels.png && ok "…and the file holds just the recovered edit" || bad "y Enter: the saved file differs"
rm -f pr_labels.png && cp pr.journal .pr_labels.png.panoptty-journal
start pr pr.png
prompt_has pr "Recover it? [Y/n]"
# "yes⏎" typed at a person's pace: only the y answers; e, s and Enter never reach the editor.
$T send-keys -t pr y; sleep 0.1; $T send-keys -t pr e; sleep 0.1; $T send-keys -t pr s; sleep 0.1; $T send-keys -t pr Enter
# …and Enter pressed again and again after it (a held key).
for _ in 1 2 3 4; do sleep 0.12; $T send-keys -t pr Enter; done
screen_has pr "recovered 1 edit"; sleep 0.6
$T capture-pane -t pr -p | tail -1 | grep -q "recovered 1 edit" && ok "'yes⏎' typed out: nothing after the y reaches the editor" || bad "typeahead after y reached the editor: $($T capture-pane -t pr -p | tail -1)"
cmd pr "q!"
waitrc pr >/dev/null
cp pr.journal .pr_labels.png.panoptty-journal
# An arrow key (three bytes) gets one hint, not three; Ctrl-C stops with the terminal as it was.
$T new-session -d -s prc -x 120 -y 40 "env TERM=xterm-256color LANG=C.UTF-8 $BIN edit pr.png 2>$W/prc.err; echo \$? >$W/prc.rc; stty -a >$W/prc.stty; sleep 30"
prompt_has prc "Recover it? [Y/n]"
$T send-keys -t prc Up; sleep 0.3
[ "$($T capture-pane -t prc -p | grep -c 'y or Enter: yes')" = 1 ] && ok "an arrow key at the prompt gets one hint" || bad "hints for one arrow key: $($T capture-pane -t prc -p | grep -c 'y or Enter: yes')"
$T send-keys -t prc C-c
for _ in $(seq 100); do [ -s $W/prc.stty ] && break; sleep 0.05; done
[ "$(cat $W/prc.rc)" = 130 ] && mode_on icanon $W/prc.stty && mode_on echo $W/prc.stty && mode_on isig $W/prc.stty && ok "Ctrl-C at the prompt: exit 130, the terminal keeps icanon and echo" || bad "Ctrl-C at the prompt: rc $(cat $W/prc.rc), $(grep -ow -- '-\?icanon\|-\?echo' $W/prc.stty | tr '\n' ' ')"
[ -s .pr_labels.png.panoptty-journal ] && grep -q "unsaved work stays in" $W/prc.err && ok "…the journal is kept, and it says so" || bad "Ctrl-C at the prompt: journal or message missing: $(cat $W/prc.err)"
$T kill-session -t prc
# SIGTERM from outside while the question waits: the terminal's modes come back too (killed
# outright, a shell without its own restore, like dash, was left with no echo).
rm -f $W/prc.rc $W/prc.stty
# (Under dash: bash puts back the modes of a job a signal killed, and would hide it.)
SH=$(command -v dash || echo sh)
$T new-session -d -s prc -x 120 -y 40 "$SH -c 'env TERM=xterm-256color LANG=C.UTF-8 $BIN edit pr.png 2>$W/prc.err; echo \$? >$W/prc.rc; stty -a >$W/prc.stty; sleep 30'"
prompt_has prc "Recover it? [Y/n]"
pid=$(pgrep -n -f "$BIN edit pr.png"); kill -TERM "$pid"
for _ in $(seq 100); do [ -s $W/prc.stty ] && break; sleep 0.05; done
[ "$(cat $W/prc.rc)" = 143 ] && mode_on icanon $W/prc.stty && mode_on echo $W/prc.stty && mode_on isig $W/prc.stty && [ -s .pr_labels.png.panoptty-journal ] && ok "SIGTERM at the question: exit 143, the terminal keeps icanon, echo and isig, the journal stays" || bad "SIGTERM at the question: rc $(cat $W/prc.rc), $(grep -ow -- '-\?icanon\|-\?echo\|-\?isig' $W/prc.stty | tr '\n' ' ')"
$T kill-session -t prc
rm -f pr_labels.png && cp pr.journal .pr_labels.png.panoptty-journal
start pr pr.png
prompt_has pr "Recover it? [Y/n]"
$T send-keys -t pr n
screen_has pr "shows the keys" && [ ! -e .pr_labels.png.panoptty-journal ] && ok "n alone drops the journal and opens the editor" || bad "n did not drop the journal"
cmd pr "q"
[ "$(waitrc pr)" = 0 ] && [ ! -e pr_labels.png ] && ok "…on the file as saved (none)" || bad "n: a label file appeared"
# Damage the last record of a two-edit journal (its checksum byte).
cp demo.png dmg.png
start dmg dmg.png
screen_has dmg "shows the keys"
cmd dmg "class car"; cmd dmg "fill 168 150"; cmd dmg "class person"; cmd dmg "fill 193 100"; screen_has dmg "filled person"
killpane dmg .dmg_labels.png.panoptty-journal dmg.png
J=.dmg_labels.png.panoptty-journal
size=$(stat -c %s $J); b=$(od -An -tu1 -j $((size - 2)) -N1 $J | tr -d ' ')
printf "\\$(printf %o $(((b + 1) % 256)))" | dd of=$J bs=1 seek=$((size - 2)) conv=notrunc 2>/dev/null
cp $J dmg.journal
out=$("$BIN" edit dmg.png -c 'w' 2>&1); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "has 1 damaged record (checksum failed) after 1 edit of unsaved work; --recover replays what comes before the damage" && ok "a damaged journal: the script is told what is wrong and how to replay the good part" || bad "damaged journal message: $rc $out"
out=$("$BIN" edit dmg.png --recover -c 'goto 0 0' 2>&1); rc=$?
[ $rc -eq 0 ] && echo "$out" | grep -q "replayed the 1 edit in .*dropped 1 damaged record (checksum failed)" && cmp -s dmg_labels.png one_labels.png && ok "--recover in a script replays the edit before the damage and says what it dropped" || bad "--recover on a damaged journal: $rc $out"
rm -f dmg_labels.png && cp dmg.journal $J
start dmg dmg.png
prompt_has dmg "Recover it? [Y/n]" || bad "no prompt for the damaged journal"
$T send-keys -t dmg y
screen_has dmg "recovered 1 edit"
cmd dmg "class person"; cmd dmg "fill 193 100"; screen_has dmg "filled person"
killpane dmg $J dmg.png
out=$("$BIN" edit dmg.png --recover -c 'goto 0 0' 2>&1); rc=$?
[ $rc -eq 0 ] && cmp -s dmg_labels.png two_labels.png && ok "edits made after recovering a damaged journal survive the next crash" || bad "edits after a damaged recovery were lost: $rc $out"

# --- 2. one editor per file
cp demo.png lock.png
start locker lock.png
screen_has locker "shows the keys"
out=$("$BIN" edit lock.png -c 'class car; fill 168 150' 2>&1); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "^panoptty: [^ ]*lock_labels.png: being edited by .*pid [0-9]* since .*; run the script once that editor has quit, or add --read-only and w PATH" && [ "$(echo "$out" | grep -o lock_labels.png | wc -l)" = 1 ] && ok "a second editor (a script) refuses, names the holder and the file once, and says what a script can do" || bad "second editor: $rc $out"
out=$("$BIN" edit lock.png --read-only -c 'class car; fill 168 150; w' 2>&1); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "opened read-only; save a copy with w PATH" && ok "--read-only refuses to save over the file" || bad "read-only save: $rc $out"
"$BIN" edit lock.png --read-only -c 'class car; fill 168 150; w copy.png' 2>/dev/null && [ -s copy.png ] && ok "--read-only can save a copy elsewhere" || bad "read-only copy"
out=$("$BIN" convert copy.png lock_labels.png --to offset 2>&1); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "lock_labels.png: being edited by .*convert again once it is done" && ! echo "$out" | grep -q -- "--read-only" && [ ! -e lock_labels.png ] && ok "convert refuses to write a label file an editor holds (and offers no editor-only option)" || bad "convert over a held file: $rc $out"
cmd locker "q"
[ "$(waitrc locker)" = 0 ] && [ ! -e .lock_labels.png.panoptty-lock ] && ok "quitting releases the lock" || bad "lock not released"
# A lock left by a process killed with -9 is taken over.
start dead lock.png
screen_has dead "shows the keys"
pkill -9 -f "edit lock.png" ; sleep 0.2
for _ in $(seq 40); do pgrep -f "panoptty edit lock.png" >/dev/null || break; sleep 0.05; done
out=$("$BIN" edit lock.png -c 'class car; fill 168 150' 2>&1); rc=$?
[ -e .lock_labels.png.panoptty-lock ] || [ $rc -eq 0 ] && [ $rc -eq 0 ] && ok "a dead editor's lock is taken over" || bad "stale lock: $rc $out"

# --- 3. changed underneath
cp demo.png under.png
"$BIN" edit under.png -c 'class road; fill 20 195' 2>/dev/null
start under under.png
screen_has under "shows the keys"
cmd under "class car"; cmd under "fill 168 150"
sleep 0.2; "$BIN" edit under.png --read-only -c 'class sky; fill 5 5; w other.png' 2>/dev/null; cp other.png under_labels.png
cmd under "w"
screen_has under "changed on disk since it was opened; w! overwrites it" && ok "w refuses when the file changed on disk" || bad "w over a changed file"
cmd under "w!"
screen_has under "wrote $W/under_labels.png" && ok "w! overwrites" || bad "w!"
cmd under "q"; waitrc under >/dev/null
"$BIN" info under_labels.png | grep -q "car" && ok "the forced save holds the editor's labels" || bad "w! content"

# --- 4. full disk, read-only folder (tmpfs and a read-only bind mount, as root)
if [ "$(id -u)" = 0 ] && mkdir -p full && mount -t tmpfs -o size=160k tmpfs full 2>/dev/null; then
  MOUNTS+=("$W/full")
  cp demo.png full/ && "$BIN" edit full/demo.png -c 'class road; fill 20 195' 2>/dev/null
  before=$(md5sum full/demo_labels.png)
  head -c $(( $(df --output=avail -B1 full | tail -1) - 4096 )) /dev/zero > full/filler 2>/dev/null
  out=$("$BIN" edit full/demo.png -c 'class car; fill 168 150; class sky; fill 5 5' 2>&1); rc=$?
  [ $rc -eq 1 ] && echo "$out" | grep -q "No space left on device" && ok "full disk: clear error ($(echo "$out" | tail -1 | cut -c1-80)…)" || bad "full disk: $rc $out"
  [ "$(md5sum full/demo_labels.png)" = "$before" ] && ! ls -A full | grep -q panoptty- && ok "full disk: the old file is untouched, no temp file left" || bad "full disk damaged files"
  # Interactive: the save fails, the edits stay, w PATH elsewhere works.
  start fullint full/demo.png
  screen_has fullint "shows the keys"
  cmd fullint "class car"; cmd fullint "fill 168 150"; cmd fullint "w"
  screen_has fullint "No space left on device; your edits are kept" && ok "full disk in the editor: message, edits kept" || bad "full disk interactive"
  cmd fullint "w $W/rescued.png"
  screen_has fullint "wrote $W/rescued.png" && "$BIN" info rescued.png | grep -q "car" && ok "…and w PATH saves them elsewhere" || bad "rescue save"
  cmd fullint "q!"; waitrc fullint >/dev/null
  # Not one byte left: even the lock file's holder line cannot be written.
  # The message says the disk is full, not that the lock file is at fault.
  cat /dev/zero >> full/filler 2>/dev/null
  out=$("$BIN" edit full/demo.png -c 'class car; fill 168 150' 2>&1); rc=$?
  [ $rc -eq 1 ] && echo "$out" | grep -q "the disk is full: free some space" && [ "$(md5sum full/demo_labels.png)" = "$before" ] &&
    [ ! -e full/.demo_labels.png.panoptty-lock ] && ok "a disk too full for the lock file: says to free space, nothing left behind" || bad "full disk at the lock: $rc $out"
  rm -f full/filler
else
  echo "SKIP full-disk tests: not root or tmpfs mount not allowed here"
fi
if [ "$(id -u)" = 0 ] && mkdir -p ro_src ro && cp demo.png ro_src/ && "$BIN" edit ro_src/demo.png -c 'class road; fill 20 195' 2>/dev/null &&
  mount --bind ro_src ro 2>/dev/null && mount -o remount,ro,bind ro 2>/dev/null; then
  MOUNTS+=("$W/ro")
  out=$("$BIN" edit ro/demo.png --read-only -c 'class car; fill 168 150; w' 2>&1); rc=$?
  [ $rc -eq 1 ] && echo "$out" | grep -q "opened read-only" && ok "read-only folder: --read-only edit refuses w over the file" || bad "ro --read-only w: $rc $out"
  out=$("$BIN" convert ro/demo_labels.png ro/x.png --to coco 2>&1); rc=$?
  [ $rc -eq 1 ] && echo "$out" | grep -q "Read-only file system" && ok "read-only folder: convert says so" || bad "ro convert: $rc $out"
  out=$("$BIN" edit ro/demo.png -c 'class car; fill 168 150' 2>&1); rc=$?
  [ $rc -eq 1 ] && echo "$out" | grep -q "Read-only file system" && ok "read-only folder: edit refuses clearly ($out)" || bad "ro edit: $rc $out"
else
  echo "SKIP read-only folder tests: not root or bind mounts not allowed here"
fi

# --- 5. kill -9 at random moments during 100 saves of a 3840x2160 map
"$BIN" demo --size 3840x2160 --out big >/dev/null
"$BIN" demo --size 3840x2160 --seed 9 --out big2 >/dev/null
"$BIN" convert big/demo_labels.png e1.png --to offset >/dev/null
"$BIN" convert big2/demo_labels.png e2.png --to offset >/dev/null
cp e1.png target.png
good=0
for i in $(seq 100); do
  src=$([ $((i % 2)) = 0 ] && echo e1.png || echo e2.png)
  "$BIN" convert "$src" target.png --to offset >/dev/null 2>&1 &
  pid=$!
  sleep "0.$(printf '%03d' $((RANDOM % 400)))"
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
  if cmp -s target.png e1.png || cmp -s target.png e2.png; then good=$((good + 1)); fi
done
[ $good -eq 100 ] && ok "kill -9 during 100 saves of a 4K map: the file was the old or the new one 100/100 times" || bad "kill -9: $good/100 intact"
killed=$(ls -A | grep -c '^\.target\.png\.panoptty-' || true)
# The next save into the folder clears what the killed writers left behind.
"$BIN" convert e1.png target.png --to offset >/dev/null
leftovers=$(ls -A | grep -c '^\.target\.png\.panoptty-' || true)
[ "$leftovers" -eq 0 ] && ok "the next save removed the $killed temporary files killed saves left" || bad "$leftovers temporary files left after a clean save"
"$BIN" info target.png >/dev/null && ok "…and it decodes" || bad "target does not decode"

# --- 6. terminal faults
cp demo.png term.png
start rs term.png
screen_has rs "shows the keys"
for i in $(seq 100); do $T resize-window -t rs -x $((60 + i % 60)) -y $((10 + i % 30)); done
$T resize-window -t rs -x 1 -y 1; sleep 0.1
$T resize-window -t rs -x 20 -y 5; sleep 0.2
$T resize-window -t rs -x 80 -y 24
screen_has rs "term_labels.png" && ok "100 resizes, 1x1 and 20x5: still drawing at 80x24" || bad "resizes"
cmd rs "q"
[ "$(waitrc rs)" = 0 ] && ok "…and quits cleanly" || bad "quit after resizes"
start tiny term.png; $T resize-window -t tiny -x 18 -y 4
screen_has tiny "terminal too small" && ok "below 20x5 the editor says the terminal is too small" || bad "tiny: $(cat "$W/tiny.err") rc=$(cat "$W/tiny.rc" 2>/dev/null)"
$T send-keys -t tiny q; [ "$(waitrc tiny)" = 0 ] && ok "…and still takes keys" || bad "tiny quit"
TERM_FOR=dumb start dumb term.png
rc=$(waitrc dumb); [ "$rc" = 2 ] && grep -q "TERM is dumb" "$W/dumb.err" && ok "TERM=dumb: refused with a clear line" || bad "dumb: rc=$rc $(cat "$W/dumb.err") $($T capture-pane -t dumb -p 2>&1 | head -3)"
TERM_FOR=no-such-terminal start unk term.png
[ "$(waitrc unk)" = 2 ] && grep -q 'unknown to terminfo; try TERM=xterm-256color' "$W/unk.err" && ok "unknown TERM: refused with a clear line" || bad "unknown TERM: $(cat "$W/unk.err")"
LANG_FOR=C start lc term.png
screen_has lc "shows the keys" && ok "LANG=C: ASCII cells, usable" || bad "LANG=C"
lc_screen=$($T capture-pane -t lc -p)
echo "$lc_screen" | grep -q "term_labels.png" && ! echo "$lc_screen" | grep -q "▀" && ok "LANG=C: the editor draws, with no half blocks" || bad "LANG=C printed half blocks or nothing"
cmd lc "q"; waitrc lc >/dev/null
start mono term.png --colors mono
screen_has mono "shows the keys" && ok "--colors mono draws" || bad "mono"
cmd mono "q"; [ "$(waitrc mono)" = 0 ] && ok "…and the terminal is restored on quit" || bad "mono quit"
# --- a crash journal on a file changed since: the work goes into a copy (--recover-to)
cp demo.png rt.png
"$BIN" edit rt.png -c 'class road; fill 20 195' 2>/dev/null
start rt rt.png
screen_has rt "shows the keys"
cmd rt "class car"; cmd rt "fill 168 150"; screen_has rt "filled car"
killpane rt .rt_labels.png.panoptty-journal rt.png
"$BIN" edit rt.png --read-only -c 'class sky; fill 5 5; w rt_theirs.png' 2>/dev/null && cp rt_theirs.png rt_labels.png
out=$("$BIN" edit rt.png -c 'goto 0 0' 2>&1); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "changed on disk after the unsaved work was journaled.*--recover-to COPY.png" && ok "a journal on a changed file is refused, and the refusal names --recover-to" || bad "changed-file journal: $rc $out"
out=$("$BIN" edit rt.png --recover-to rt_mine.png 2>&1); rc=$?
mine=$("$BIN" info rt_mine.png 2>/dev/null)
[ $rc -eq 0 ] && echo "$out" | grep -q "put the unsaved edits in .* onto .* as it is now" && echo "$mine" | grep -q " car " && echo "$mine" | grep -q "sky-other-merged" && cmp -s rt_labels.png rt_theirs.png && [ -s .rt_labels.png.panoptty-journal ] && ok "--recover-to writes the killed session's car onto the changed file in a copy; the file and journal stay" || bad "--recover-to: $rc $out"
out=$("$BIN" edit rt.png --recover-to rt_labels.png 2>&1); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "itself, which keeps what is on disk" && cmp -s rt_labels.png rt_theirs.png && ok "--recover-to never writes the label file itself" || bad "--recover-to onto the label file: $rc $out"
"$BIN" edit rt.png --discard-recovery -c 'goto 0 0' 2>/dev/null && [ ! -e .rt_labels.png.panoptty-journal ] && ok "…then --discard-recovery drops the journal" || bad "discard after --recover-to"

summary
