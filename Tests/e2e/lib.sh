# Shared helpers for the end-to-end scripts: counters and assertions that
# print one line per check and a closing "N passed, N failed".
pass=0
fail=0
ok() { echo "ok   $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
# expect_fail NAME STATUS 'stderr substring' -- command...
expect_fail() {
  local name=$1 status=$2 text=$3
  shift 4
  local err out rc
  err=$(mktemp)
  out=$("$@" 2>"$err")
  rc=$?
  local lines
  lines=$(wc -l <"$err")
  if [ "$rc" -eq "$status" ] && grep -qF -- "$text" "$err" && [ "$lines" -eq 1 ]; then
    ok "$name: $(cat "$err")"
  else
    bad "$name: exit $rc (want $status), $lines stderr lines, want '$text', got: $(cat "$err") $out"
  fi
  rm -f "$err"
}
summary() {
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}
