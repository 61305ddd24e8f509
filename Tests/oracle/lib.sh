# shellcheck shell=bash
# Shared set-up of the interop oracles (interop_*.sh). Each sources it right
# after `set -uo pipefail`, with its own arguments:
#   . "$(dirname "$0")/lib.sh" "$@"
# and gets:
#   BIN   the panoptty binary: the script's first argument, else
#         .build/debug/panoptty (made absolute);
#   ROOT  the repository;
#   WORK  a temporary folder, removed when the script exits;
#   pass, fail and ok / bad, which print an "ok   ..." / "FAIL ..." line
#         and count it;
#   oracle_venv    the script's own venv, or one SKIP line and exit 0;
#   oracle_summary its last lines and exit status.
# shellcheck disable=SC2034 # BIN and ROOT are for the scripts
BIN=$(realpath "${1:-.build/debug/panoptty}")
# shellcheck disable=SC2034
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
pass=0
fail=0
ok() { echo "ok   $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

# oracle_pip STEP...: one `pip install -q --timeout 60 STEP` each, in order,
# into $VENV, each under `timeout PANOPTTY_PIP_TIMEOUT` (900 s unless set);
# stops at the first that fails. A STEP is pip's arguments split on blanks
# ("numpy pillow", "--no-deps labelme").
oracle_pip() {
  local step args
  for step in "$@"; do
    read -ra args <<<"$step"
    timeout "${PANOPTTY_PIP_TIMEOUT:-900}" "$VENV/bin/pip" install -q --timeout 60 "${args[@]}" || return 1
  done
}

# oracle_venv NAME VENV PROBE NOTE WHAT STEP... [--fallback FALLBACK_NOTE STEP...]
#   Sets VENV and PY ($VENV/bin/python). If PY cannot run the Python code
#   PROBE, prints "NAME: creating VENV (NOTE)", creates VENV and installs the
#   STEPs (oracle_pip; everything into $WORK/pip.log). If that fails and a
#   --fallback is given, prints "NAME: FALLBACK_NOTE" and installs its STEPs
#   instead (say --no-deps and the few packages the oracle imports).
#   When the install failed without a fallback, or PROBE still fails, prints
#   "SKIP NAME: pip could not install WHAT (the last line of pip's output)"
#   and "0 passed, 0 failed", and exits 0: the oracle is skipped.
oracle_venv() {
  local name=$1 probe=$3 note=$4 what=$5 fallback_note="" installed=0
  local steps=() fallback=()
  VENV=$2
  PY="$VENV/bin/python"
  shift 5
  while [ $# -gt 0 ] && [ "$1" != --fallback ]; do
    steps+=("$1")
    shift
  done
  if [ $# -ge 2 ]; then
    fallback_note=$2
    shift 2
    fallback=("$@")
  fi
  "$PY" -c "$probe" 2>/dev/null && return 0
  echo "$name: creating $VENV ($note)"
  if { python3 -m venv "$VENV" && oracle_pip "${steps[@]}"; } >"$WORK/pip.log" 2>&1; then
    installed=1
  elif [ ${#fallback[@]} -gt 0 ]; then
    echo "$name: $fallback_note"
    oracle_pip "${fallback[@]}" >>"$WORK/pip.log" 2>&1 && installed=1
  fi
  # After a good install, the probe's error is the line to show; after a
  # failed one, pip's. Without a fallback a failed install is a SKIP.
  if [ "$installed" = 1 ]; then
    "$PY" -c "$probe" >>"$WORK/pip.log" 2>&1 && return 0
  elif [ ${#fallback[@]} -gt 0 ]; then
    "$PY" -c "$probe" >/dev/null 2>&1 && return 0
  fi
  echo "SKIP $name: pip could not install $what ($(grep -v '^\s*$' "$WORK/pip.log" | tail -1 | cut -c1-160))"
  echo "0 passed, 0 failed"
  exit 0
}

# oracle_summary NAME: "NAME: N passed, M failed", then "N passed, M failed"
# (the line Tests/oracle/run.sh adds up); its status, the script's last
# command, is the script's: 0 when nothing failed.
oracle_summary() {
  echo "$1: $pass passed, $fail failed"
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}
