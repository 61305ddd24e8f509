#!/usr/bin/env bash
# End-to-end: the real binary on bad inputs and in a real terminal (tmux).
set -u
BIN=${1:-.build/debug/panoptty}
HERE=$(cd "$(dirname "$0")" && pwd)
status=0
for t in cli_errors corpus catalogs editor_tmux smart_tmux dataset_tmux reliability house trust review batch install; do
  echo "== $t"
  bash "$HERE/$t.sh" "$BIN" || status=1
done
exit $status
