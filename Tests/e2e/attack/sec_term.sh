# ---------------------------------------------------------------- terminals
A=term
tq() { # tq NAME W H 'ENV' -> starts, waits, captures, quits with q!, returns rc in TRC, screen in TSCR, modes in TM
  ts "$1" "env $4 $B edit demo.png" "$2" "$3"; TSCR=$(tcap "$1"); tcmd "$1" "q!"; TRC=$(twaitrc "$1" 15); TM=$(tmodes "$1"); tkill "$1"; }
fresh
for sz in "10 3" "1 1" "19 4" "20 5" "300 100"; do set -- $sz
  tq tz $1 $2 ""; RC=$TRC; NL=0
  v "pane-${1}x${2}" $A "no crash; exits 0 on q!; terminal restored" '[ "$TRC" = 0 ] && [ "$TM" = 000 ]' "exit $TRC modes $TM screen: $(echo "$TSCR" | tr -s ' \n' ' ' | cut -c1-60)"
done
for t in dumb tmux-256color xterm-256color screen vt100 linux xterm-mono ansi; do
  tq tt 80 24 "TERM=$t"; RC=$TRC; NL=0
  v "TERM=$t" $A "works and restores, or one-line refusal" '{ [ "$TRC" = 0 ] || [ "$TRC" = 1 ] || [ "$TRC" = 2 ]; } && [ "$TM" = 000 ]' "exit $TRC modes $TM: $(echo "$TSCR" | grep -v '^ *$' | tail -1 | cut -c1-60)"
done
tq tu 80 24 "-u TERM"; RC=$TRC; NL=0; v "TERM-unset" $A "works or one-line refusal" '[ "$TRC" -le 2 ] && [ "$TM" = 000 ]' "exit $TRC: $(echo "$TSCR" | grep -v '^ *$' | tail -1 | cut -c1-60)"
tq tg 80 24 "TERM=\$(printf 'x\\033[2J')"; RC=$TRC; NL=0; v "TERM-with-escape" $A "one-line refusal or works" '[ "$TRC" -le 2 ] && [ "$TM" = 000 ]' "exit $TRC"
tq tl 80 24 "LANG=C LC_ALL=C"; RC=$TRC; NL=0; v "LC_ALL=C" $A "works, ASCII cells" '[ "$TRC" = 0 ] && ! echo "$TSCR" | grep -q "▀"' "exit $TRC"
tq tl2 80 24 "LANG=tr_TR.UTF-8 LC_ALL=tr_TR.UTF-8"; RC=$TRC; NL=0; v "LC_ALL=tr_TR (unavailable locale)" $A "works" '[ "$TRC" = 0 ]' "exit $TRC"
ts tp "$B edit demo.png >$W/piped.out"; sleep 0.5; s=$(tcap tp); rc=$(twaitrc tp 10); tkill tp
RC=$rc; NL=0; v "stdout-piped-in-a-terminal" $A "one-line refusal pointing to -c" '[ "$rc" = 1 ] || [ "$rc" = 2 ]' "exit $rc: $(echo "$s" | grep -v '^ *$' | head -2 | tr '\n' '|' | cut -c1-100)"
# paste of escape sequences and control bytes into the : line
ts pe "$B edit demo.png"; tk pe ":"; tmux send-keys -t pe -l "$(printf 'class car\033[31m\033]0;x\007\001\002\033[200~abc')"; tk pe Enter; tk pe Escape; tcmd pe "class car"; tcmd pe "rect 0 0 3 3"; tcmd pe "wq"; rc=$(twaitrc pe 15); tkill pe
RC=$rc; NL=0; v "escape-garbage-pasted-into-colon-line" $A "no crash, later commands work, saved" '[ "$rc" = 0 ] && "$B" info demo_labels.png | grep -Eq "car +thing +(6|10) "' "exit $rc"
# resize to 1x1 and back, then save
ts rz "$B edit demo.png"; tcmd rz "class car"; tcmd rz "rect 0 0 3 3"; for s in "1 1" "200 60" "2 2" "80 24"; do set -- $s; tmux resize-window -t rz -x $1 -y $2 2>/dev/null; sleep 0.1; done; tcmd rz "wq"; rc=$(twaitrc rz 15); tkill rz
RC=$rc; NL=0; v "resize-1x1-and-back-then-save" $A "saved, exit 0" '[ "$rc" = 0 ] && notemps' "exit $rc"
# view: hostile flags and outputs
fresh
for f in "--width 0" "--width -1" "--height 0" "--opacity 2" "--opacity nan" "--width 99999999999999999999" "--mode nonsense"; do
  x "$B" view demo.png $f; v "view $f" $A "exit 2, one line" 'refused && [ $RC = 2 ]'
done
"$B" view demo.png --width 40 >/dev/full 2>$W/.err; RC=$?; NL=$(grep -c "" $W/.err); ERR=$(cat $W/.err)
v "view-to-dev-full" $A "one line (No space left)" 'refused'
bash -c "exec '$B' view demo.png --width 40 >&- 2>'$W/.err'"; RC=$?; NL=$(grep -c '' $W/.err)
v "view-stdout-closed" $A "one line, no crash" '[ $RC -le 2 ] && [ $NL -le 1 ] && ! grep -q Fatal $W/.err' "$(obs)"
COLUMNS=3 x "$B" view demo.png; v "view-COLUMNS=3-piped" $A "a picture (80 cols when piped) or one line" 'ok0 || refused'
NO_COLOR=1 x "$B" view demo.png --width 20; v "view-NO_COLOR" $A "no crash" 'ok0' "$(obs) SGR colours present: $(grep -c $'"'"'\e\[38'"'"' $W/.out)"
x "$B" view "$W/tpl/demo.png" --labels "$W/tpl/gray8photo.png" --width 20
v "view-labels-size-ok-wrong-kind" $A "shows, or one line" 'ok0 || refused'
python3 "$FX" png small.png 32 24 gray16 --fill 133; x "$B" view demo.png --labels small.png
v "view-labels-size-mismatch" $A "one line" 'refused'
