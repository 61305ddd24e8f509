# ---------------------------------------------------------------- other users on a shared folder
A=users
share() { fresh; chmod 777 "$D"; chmod 666 demo_labels.png; }
cp "$B" "$W/pt-nobody"; chmod 755 "$W/pt-nobody"; NB="runuser -u nobody --"; NBB="$W/pt-nobody"
# root's editor killed -9 leaves its lock file (0644, root); a colleague then edits
share; ts rl "$B edit demo.png"; kill -9 "$(tpid rl)"; sleep 0.3; tkill rl; rm -f .demo_labels.png.panoptty-journal
x $NB "$NBB" edit demo.png -c 'class car; rect 0 0 2 2'
v "stale-lock-of-other-user-blocks-colleague" $A "stale lock taken over, saved" 'ok0' "$(obs); lock: $(ls -l .demo_labels.png.panoptty-lock 2>/dev/null | cut -c1-30)"
# the COCO JSON lock file stays by design (0644 root): can a colleague still write into the set?
share; mkdir set; chmod 777 set; "$B" convert demo_labels.png set/a.png --to coco >/dev/null 2>&1; chmod 666 set.json set/a.png
x $NB "$NBB" convert demo_labels.png set/b.png --to coco
v "json-lock-left-by-other-user" $A "colleague's convert works" 'ok0' "$(obs)"
# root's crash journal (0600) left in the shared folder; a colleague opens the image
share; ts rj "$B edit demo.png"; tcmd rj "class car"; tcmd rj "rect 0 0 5 5"; kill -9 "$(tpid rj)"; sleep 0.3; tkill rj; rm -f .demo_labels.png.panoptty-lock
x $NB "$NBB" edit demo.png -c 'class car; rect 0 0 2 2'
v "other-users-journal-unreadable" $A "one line naming the journal and whose it is" 'refused "journal"'
x $NB "$NBB" edit demo.png --discard-recovery -c 'class car; rect 0 0 2 2'
v "discard-other-users-journal" $A "removed (folder writable), saved" 'ok0'
share; chmod 600 demo_labels.png; x $NB "$NBB" info demo_labels.png
v "colleague-reads-0600-label" $A "one line Permission denied" 'refused "permission"'
fresh; chmod 755 "$D"; chmod 644 demo_labels.png; x $NB "$NBB" edit demo.png -c 'class car; rect 0 0 2 2'
v "colleague-edit-in-unwritable-folder" $A "one line with hint" 'refused "read-only|--read-only|permission"'
x $NB "$NBB" edit demo.png --read-only -c 'class car; rect 0 0 2 2; w /tmp/nobody-copy.png'
v "colleague-read-only-copy" $A "copy saved" 'ok0 && decodes /tmp/nobody-copy.png'; rm -f /tmp/nobody-copy.png
# a colleague holds the lock; root is refused and told who
share; ts nl "runuser -u nobody -- $W/pt-nobody edit demo.png"; x "$B" edit demo.png -c 'class car; rect 0 0 2 2'
v "colleague-holds-lock" $A "refused naming nobody@" 'refused "nobody"'
tcmd nl "q!"; tkill nl
# a forged lock holder line (escapes, newlines, 100 KB) while the lock is held
share; python3 - <<'PY' &
import fcntl, os, time
fd = os.open('.demo_labels.png.panoptty-lock', os.O_RDWR | os.O_CREAT, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX)
os.write(fd, b'\x1b[2J\x1b]0;pwned\x07evil\nSECOND LINE\n' + b'A' * 100000)
time.sleep(6)
PY
sleep 0.5; x "$B" edit demo.png -c 'class car; rect 0 0 2 2'
v "forged-lock-holder-text" $A "one line, no raw escapes" 'refused && ! grep -q $'"'"'[\e\a]'"'"' $W/.err'
wait
# group-writable file owned by the colleague: root saves, owner and mode kept
share; chown nobody demo_labels.png; chmod 664 demo_labels.png; x "$B" edit demo.png -c 'class car; rect 0 0 2 2'
v "root-saves-colleagues-file" $A "owner nobody and mode 664 kept" 'ok0 && [ "$(stat -c %U:%a demo_labels.png)" = nobody:664 ]' "$(obs) now $(stat -c %U:%a demo_labels.png)"
# colleague saves root's group-writable file in a shared folder
share; chmod 664 demo_labels.png; chmod o+w demo_labels.png; x $NB "$NBB" edit demo.png -c 'class car; rect 0 0 2 2'
v "colleague-saves-roots-666-file" $A "saved, mode kept" 'ok0 && [ "$(stat -c %a demo_labels.png)" = 666 ]' "$(obs) now $(stat -c %U:%a demo_labels.png)"
# a hostile colleague plants a crafted journal for root's next edit (valid CRCs)
share; python3 -c "import sys; sys.path.insert(0, '$(dirname $FX)'); import fixtures; fixtures.cmd_journal(sys.argv[1:])" .demo_labels.png.panoptty-journal demo_labels.png 64 48 "E:x:0,64,0x7b0077,0x10002"; chown nobody .demo_labels.png.panoptty-journal
x "$B" edit demo.png -c 'class car; rect 0 0 2 2'
v "planted-journal-needs-a-decision" $A "not replayed silently (asks: --recover/--discard)" 'refused "recover|unsaved"'
