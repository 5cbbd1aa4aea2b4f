#!/usr/bin/env bash
# Runs the libFuzzer targets (tests/fuzz) for SECONDS each (default 60), one after the other,
# on their seed corpora plus the corpus each has grown in build/fuzz/corpus/TARGET. Prints each
# target's executions and executions per second; a crash, a sanitizer report or a timeout stops
# it with exit 1 and leaves the input in build/fuzz/findings/TARGET/.
#   tools/fuzz.sh                      # CI: 60 s each
#   tools/fuzz.sh 14400                # four hours each
#   tools/fuzz.sh 600 fuzz_scenario    # one target
#   tools/fuzz.sh 0 fuzz_idx           # until stopped (Ctrl-C) or a finding
# Build first: cmake --preset fuzz && cmake --build --preset fuzz
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_scenario fuzz_options fuzz_idx)
bin=build/fuzz/tests/fuzz

seeds_of() {
  case "$1" in
    fuzz_scenario) echo resources/scenarios tests/scenarios/bad ;;
    fuzz_options) echo tests/fuzz/corpus/options ;;
    fuzz_idx) echo tests/fuzz/corpus/idx ;;
  esac
}

status=0
for target in "${targets[@]}"; do
  [ -x "$bin/$target" ] || { echo "no $bin/$target: build the fuzz preset first"; exit 2; }
  corpus=build/fuzz/corpus/$target
  findings=build/fuzz/findings/$target
  mkdir -p "$corpus" "$findings"
  extra=()
  [ "$target" = fuzz_scenario ] && extra+=(-dict=tests/fuzz/scenario.dict)
  # The IDX target writes its two files per input: in memory (/dev/shm) it runs several times
  # faster than on disk.
  tmp=${TMPDIR:-}
  if [ "$target" = fuzz_idx ] && [ -z "$tmp" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    tmp=/dev/shm
  fi
  log=build/fuzz/$target.log
  echo "== $target: $seconds s"
  set +e
  # -max_len: scenario files up to 64 KiB (the bundled ones are under 8 KiB).
  TMPDIR=${tmp:-/tmp} ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$bin/$target" "$corpus" $(seeds_of "$target") "${extra[@]}" \
    -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$findings/" >"$log" 2>&1
  code=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  echo "   ${runs:-?} executions, ${rate:-?} per second, corpus $(ls "$corpus" | wc -l) inputs"
  if [ $code -ne 0 ]; then
    echo "   FAILED (exit $code); the log is $log, the input in $findings/:"
    grep -a -m1 -E "ERROR|runtime error|fuzz_[a-z]+:" "$log" || tail -5 "$log"
    status=1
  fi
done
exit $status
