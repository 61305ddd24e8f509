#!/usr/bin/env bash
# `make install` into a scratch DESTDIR with the binary under test (no
# build): the binary, the man page and the three completion scripts land
# where PREFIX says; bash loads its completion and completes subcommands,
# options and file names; zsh and fish parse theirs (when installed); the man
# page renders (when man or groff is installed) and names every subcommand
# and option the binary has.
set -u
BIN=$(realpath "${1:-.build/debug/panoptty}")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
. "$HERE/lib.sh"
DEST=$(mktemp -d)
trap 'rm -rf "$DEST"' EXIT
PREFIX=/usr/local

if out=$(make -s -C "$ROOT" install BIN="$BIN" DESTDIR="$DEST" PREFIX="$PREFIX" 2>&1); then
  ok "make install DESTDIR=… BIN=… (no build)"
else
  bad "make install: $out"
fi
P="$DEST$PREFIX"
for f in bin/panoptty share/man/man1/panoptty.1 share/bash-completion/completions/panoptty \
  share/zsh/site-functions/_panoptty share/fish/vendor_completions.d/panoptty.fish; do
  if [ -s "$P/$f" ]; then ok "installed $PREFIX/$f"; else bad "missing $PREFIX/$f"; fi
done
[ -x "$P/bin/panoptty" ] && "$P/bin/panoptty" --version >/dev/null && ok "installed binary runs" || bad "installed binary does not run"

# PREFIX is honoured.
if make -s -C "$ROOT" install BIN="$BIN" DESTDIR="$DEST" PREFIX=/opt/pt >/dev/null 2>&1 &&
  [ -x "$DEST/opt/pt/bin/panoptty" ] && [ -s "$DEST/opt/pt/share/man/man1/panoptty.1" ]; then
  ok "PREFIX=/opt/pt installs under /opt/pt"
else
  bad "PREFIX=/opt/pt: files not under $DEST/opt/pt"
fi

# bash: the script loads, registers a completion, and completes.
COMP="$P/share/bash-completion/completions/panoptty"
reg=$(bash --norc -c "source '$COMP' && complete -p panoptty" 2>&1)
if [[ $reg == complete*panoptty ]]; then ok "bash: $reg"; else bad "bash: complete -p panoptty: $reg"; fi
# complete WORDS...: what bash offers for the last word (run in FILES as cwd).
FILES="$DEST/files"
mkdir -p "$FILES/labels" && touch "$FILES/scene_labels.png" "$FILES/cats.json" "$FILES/notes.txt"
complete_words() {
  # The installed binary first on PATH: --classes and --keymap ask it.
  (cd "$FILES" && PATH="$P/bin:$PATH" bash --norc -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    fn=$(complete -p panoptty | sed -E "s/.* -F ([^ ]+) .*/\1/")
    "$fn" panoptty "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$COMP" "$@" 2>&1)
}
expect_completion() { # NAME 'wanted words' WORDS...
  local name=$1 want=$2 got missing=""
  shift 2
  got=$(complete_words "$@" | tr '\n' ' ')
  for w in $want; do [[ " $got " == *" $w "* ]] || missing+=" $w"; done
  if [ -z "$missing" ]; then ok "bash completes $name: $got"; else bad "bash $name: missing$missing in: $got"; fi
}
expect_completion "subcommands" "convert info validate edit" panoptty ''
expect_completion "info's options" "--json --format --classes" panoptty info --
expect_completion "file names for label files" "scene_labels.png labels notes.txt" panoptty info ''
expect_completion "file names after a prefix" "scene_labels.png" panoptty validate s
expect_completion "--classes (catalogs and JSON)" "coco cityscapes cats.json" panoptty info x.png --classes ''
expect_completion "--to (writable formats)" "offset coco cityscapes" panoptty convert a.png b.png --to ''
expect_completion "--format" "offset coco coco-2ch cityscapes" panoptty info x.png --format ''
expect_completion "eval's JSON arguments" "cats.json" panoptty eval c
if complete_words panoptty convert a.png b.png --to '' | grep -qx coco-2ch; then
  bad "--to offers coco-2ch, which is read only"
else
  ok "--to does not offer the read-only coco-2ch"
fi

# zsh and fish: the scripts parse (only where the shell is installed).
if command -v zsh >/dev/null; then
  if zsh -n "$P/share/zsh/site-functions/_panoptty" 2>/dev/null; then ok "zsh -n _panoptty"; else bad "zsh -n _panoptty"; fi
else
  echo "skip zsh: zsh is not installed (the script is still installed)"
fi
if command -v fish >/dev/null; then
  if fish -n "$P/share/fish/vendor_completions.d/panoptty.fish" 2>/dev/null; then ok "fish -n panoptty.fish"; else bad "fish -n panoptty.fish"; fi
else
  echo "skip fish: fish is not installed (the script is still installed)"
fi

# The man page renders, and is not stale: every subcommand and long option
# the binary knows appears in it.
MAN="$P/share/man/man1/panoptty.1"
if command -v man >/dev/null; then
  if text=$(MANWIDTH=100 man -l "$MAN" 2>&1) && grep -q "panoptty" <<<"$text"; then
    ok "man -l renders panoptty.1 ($(wc -l <<<"$text") lines)"
  else
    bad "man -l panoptty.1: $(head -3 <<<"$text")"
  fi
elif command -v groff >/dev/null; then
  if groff -man -Tutf8 "$MAN" >/dev/null 2>&1; then ok "groff renders panoptty.1"; else bad "groff -man panoptty.1 failed"; fi
else
  echo "skip man page rendering: neither man nor groff is installed"
fi
missing=$("$BIN" --experimental-dump-help | python3 -c '
import json, sys, re
page = re.sub(r"Fl -", "--", open(sys.argv[1]).read().replace("\\-", "-").replace("\\&", ""))
# One section per subcommand: from ".It Em NAME" to the next one.
parts = re.split(r"^\.It Em (\S+)\n", page, flags=re.M)
sections = {"": parts[0]} | dict(zip(parts[1::2], parts[2::2]))
missing = []
root = json.load(sys.stdin)["command"]
for sub in [root] + [s for s in root.get("subcommands", []) if s.get("shouldDisplay", True)]:
    name = "" if sub is root else sub["commandName"]
    if name not in sections:
        missing.append(name); continue
    for a in sub.get("arguments", []):
        if not a.get("shouldDisplay", True): continue
        for n in a.get("names", []):
            if n["kind"] == "long" and n["name"] not in ("help", "version") and not re.search(r"--" + re.escape(n["name"]) + r"\b", sections[name]):
                missing.append((name + " --" + n["name"]).strip())
print(" ".join(missing))' "$MAN" 2>&1)
if [ -z "$missing" ]; then
  ok "the man page names every subcommand and option the binary has"
else
  bad "docs/panoptty.1 is stale (run: make man): missing $missing"
fi
summary
