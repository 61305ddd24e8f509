# ---------------------------------------------------------------- signals
A=signals
fresh; "$B" demo --size 1920x1080 --out . >/dev/null; cp demo_labels.png base.png
bad=0; for i in $(seq 1 20); do
  "$B" edit demo.png -c 'class car; rect 0 0 1500 1000; class road; rect 100 100 1900 1070' >/dev/null 2>&1 & p=$!
  sleep 0.$((RANDOM%40)); kill -9 $p 2>/dev/null; wait $p 2>/dev/null
  decodes demo_labels.png || bad=$((bad+1))
done
RC=0; NL=0; v "kill-9-during-20-script-saves-1080p" $A "file decodes (old or new) 20/20" '[ $bad = 0 ]' "undecodable: $bad/20"
x "$B" edit demo.png -c 'class car; rect 0 0 3 3'
v "next-save-cleans-killed-temps" $A "no temp/lock left" 'ok0 && notemps'
fresh; "$B" demo --size 1920x1080 --out . >/dev/null; mkdir set; "$B" convert demo_labels.png set/a.png --to coco >/dev/null 2>&1
bad=0; for i in $(seq 1 15); do
  "$B" convert demo_labels.png set/a.png --to coco >/dev/null 2>&1 & p=$!
  sleep 0.$((RANDOM%30)); kill -9 $p 2>/dev/null; wait $p 2>/dev/null
  decodes set/a.png || bad=$((bad+1))
done
RC=0; NL=0; v "kill-9-during-15-coco-pair-saves" $A "pair opens 15/15" '[ $bad = 0 ]' "unreadable pairs: $bad/15"
# SIGINT to a convert of a big file: catchable, so no temp file should stay
fresh; "$B" demo --size 3840x2160 --out . >/dev/null; left=0
for i in 1 2 3 4 5; do "$B" convert demo_labels.png out.png --to offset >/dev/null 2>&1 & p=$!; sleep 0.$((RANDOM%5+1)); kill -INT $p; wait $p; ls -A | grep -q 'panoptty-' && left=$((left+1)); done
RC=0; NL=0; v "sigint-during-convert-leaves-no-temp" $A "no temp file after SIGINT" '[ $left = 0 ]' "temp left in $left/5 runs: $(ls -A | grep panoptty- | head -2 | tr '\n' ' ')"
for s in TERM SEGV ABRT BUS; do
  fresh; ts sg "$B edit demo.png"; tcmd sg "class car"; tcmd sg "rect 0 0 5 5"; kill -$s "$(tpid sg)"; rc=$(twaitrc sg)
  m=$(tmodes sg); tkill sg
  RC=$rc; NL=0; v "SIG$s-in-editor: terminal restored, journal kept" $A "main screen, no mouse; journal kept" '[ "$m" = "000" ] && [ -e .demo_labels.png.panoptty-journal ]' "exit $rc, modes(alt,mouse,sgr)=$m, journal $( [ -e .demo_labels.png.panoptty-journal ] && echo kept || echo GONE)"
done
fresh; ts sq "$B edit demo.png"; tcmd sq "class car"; tcmd sq "rect 0 0 5 5"; tk sq 'C-\'; sleep 0.5; alive=$(tpid sq); m=$(tmodes sq)
[ -n "$alive" ] && { tcmd sq "q!"; }; rc=$(twaitrc sq); m2=$(tmodes sq); tkill sq
RC=$rc; NL=0; v "ctrl-backslash-in-editor" $A "ignored or clean exit; terminal restored" '[ "$m2" = "000" ] && [ "$rc" != 131 ]' "exit $rc, still running after C-\\: $([ -n "$alive" ] && echo yes || echo no), modes=$m2"
fresh; ts st "$B edit demo.png"; p=$(tpid st); kill -STOP $p; sleep 0.5; kill -CONT $p; sleep 0.3; tcmd st "class car"; tcmd st "rect 0 0 5 5"; tcmd st "wq"; rc=$(twaitrc st); tkill st
RC=$rc; NL=0; v "SIGSTOP-SIGCONT-then-save" $A "saved, exit 0" '[ "$rc" = 0 ] && notemps' "exit $rc"
fresh; "$B" demo --size 1920x1080 --out . >/dev/null; "$B" view demo.png --width 400 2>$W/pipe.err | head -c 100 >/dev/null; rc=${PIPESTATUS[0]}
RC=$rc; NL=$(grep -c '' $W/pipe.err); v "view-into-closed-pipe" $A "quiet exit (0 or SIGPIPE), at most one line" '[ $NL -le 1 ] && ! grep -q "Fatal" $W/pipe.err' "exit $rc, stderr lines $NL"
# SIGHUP with the : line half typed, then recover
fresh; ts hu "$B edit demo.png"; tcmd hu "class car"; tcmd hu "rect 0 0 5 5"; tk hu ":"; tmux send-keys -t hu -l "rect 9 9 1"; sleep 0.2; tmux kill-session -t hu; sleep 0.6
x "$B" edit demo.png --recover -c 'w'
v "SIGHUP-with-colon-line-open-then-recover" $A "the finished edit is recovered" 'ok0 && "$B" info demo_labels.png | grep -Eq "car +thing +(6|10) "'
# kill -9 during a save from the editor (big map), then recover
fresh; "$B" demo --size 3840x2160 --out . >/dev/null; TSWAIT=3 ts ks "$B edit demo.png"; tcmd ks "class car"; tcmd ks "rect 0 0 3000 2000"; sleep 1; tk ks C-s; sleep 0.15; kill -9 "$(tpid ks)"; sleep 0.5; tkill ks
TO=60 x "$B" edit demo.png --recover -c 'w'
v "kill-9-during-editor-save-then-recover" $A "file decodes; recover works or nothing to recover" '(ok0 || refused "no unsaved|nothing") && decodes demo_labels.png && notemps' 
# kill -9 during recovery replay, then recover again
fresh; ts kr "$B edit demo.png"; tcmd kr "class car"; for i in $(seq 1 30); do tmux send-keys -t kr ":"; tmux send-keys -t kr -l "rect $i $i $((i+3)) $((i+3))"; tmux send-keys -t kr Enter; done; sleep 1; kill -9 "$(tpid kr)"; sleep 0.3; tkill kr
"$B" edit demo.png --recover -c 'w' >/dev/null 2>&1 & p=$!; sleep 0.05; kill -9 $p; wait $p 2>/dev/null
x "$B" edit demo.png --recover -c 'w'
v "kill-9-during-recovery-then-recover-again" $A "recovered (or already saved), file decodes" '(ok0 || refused "no unsaved") && decodes demo_labels.png'
