#!/usr/bin/env bash
# Builds the libFuzzer targets with coverage AND AddressSanitizer and runs
# each for a bounded time on seed inputs from the repository.
# SwiftPM 6.3 passes only the last -sanitize= to the frontend, so the
# working combination is --sanitize=fuzzer plus -Xswiftc -sanitize=fuzzer,address
# (docs/reliability.md); the build is checked for coverage symbols.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]
set -uo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-20}
FLAGS=(-c release --scratch-path .build-fuzz --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/png" "$W/json" "$W/cmd" "$W/journal"
# FuzzJournal starts from nothing: it prepends a valid header to every input itself.
printf 'panoptty-journal 2\n' >"$W/journal/magic"
cp Tests/corpus/files/*.png Tests/corpus/files/coco/*.png "$W/png/"
cp Tests/corpus/files/*.json "$W/json/"
cp keymaps/*.keymap Tests/corpus/files/*.script Tests/corpus/files/*.keymap "$W/cmd/"
pass=0
fail=0
for t in FuzzPNG:png FuzzJSON:json FuzzCommands:cmd FuzzJournal:journal; do
  name=${t%%:*}
  seeds=${t##*:}
  if ! swift build "${FLAGS[@]}" --product "$name" >"$W/$name.build" 2>&1; then
    echo "FAIL $name: build failed"; tail -20 "$W/$name.build"; fail=$((fail + 1)); continue
  fi
  bin=.build-fuzz/release/$name
  if ! nm .build-fuzz/release/PanopticModel.build/LabelMap.swift.o 2>/dev/null | grep -q __sanitizer_cov; then
    echo "FAIL $name: the core is not instrumented for coverage"; fail=$((fail + 1)); continue
  fi
  # Freed memory stays in ASan's quarantine and size-class caches; keep the
  # quarantine small so RSS measures the code, not the allocator.
  (cd "$W" && SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=quarantine_size_mb=64:detect_leaks=1 \
    "$OLDPWD/$bin" -max_total_time="$SECONDS_EACH" -rss_limit_mb=3072 -print_final_stats=1 "$seeds" >"$W/$name.log" 2>&1)
  rc=$?
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$W/$name.log" | grep -oE '[0-9]+$')
  if [ $rc -eq 0 ]; then
    echo "ok   $name: ${runs:-?} executions in ${SECONDS_EACH}s, no crash"; pass=$((pass + 1))
  else
    echo "FAIL $name (exit $rc):"; grep -E "ERROR|SUMMARY|panic|Fatal|crash-" "$W/$name.log" | head -10; fail=$((fail + 1))
    mkdir -p fuzz-crashes && cp "$W"/crash-* fuzz-crashes/ 2>/dev/null
  fi
done
echo "fuzz: $pass passed, $fail failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
