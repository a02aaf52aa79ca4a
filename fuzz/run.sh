#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets (fuzz/build.sh) and runs each for a bounded number of executions
# or time, starting from the committed seeds in fuzz/corpus/<target>/. New corpus entries and any crash
# inputs go to fuzz/out/ (git-ignored). Prints one summary line per target; exits non-zero on a crash.
#
#   fuzz/run.sh                       every target, 1,000,000 runs or 120 s each, whichever comes first
#   FUZZ_RUNS=100000 FUZZ_SECONDS=30 fuzz/run.sh stream keys
#   fuzz/out/fuzz-stream fuzz/out/crashes/stream-crash-…    replay one input
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${FUZZ_OUT:-$PWD/fuzz/out}
RUNS=${FUZZ_RUNS:-1000000}
SECONDS_CAP=${FUZZ_SECONDS:-120}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(stream keys gguf theme config)

fuzz/build.sh "${targets[@]}" 2>&1 | grep -v "Cannot export local symbol" || exit 1

mkdir -p "$OUT/crashes"
status=0
summary=()
for target in "${targets[@]}"; do
    work="$OUT/corpus/$target"
    mkdir -p "$work"
    log="$OUT/$target.log"
    # TOMLKit 0.6.0 leaks every TOMLTable.keys array (CTOML Table.cpp tableGetKeys): not ours, so leak
    # detection is off where TOMLKit runs (recorded in /work/notes/bugs-found.md).
    # The same leak makes RSS grow ~2.5 KB per run: 1M runs need ~3 GB, so those two get a higher RSS limit.
    extra=()
    leaks=1
    rss=2048
    case $target in theme|config) extra=(-detect_leaks=0); leaks=0; rss=4096 ;; esac
    echo "fuzz/run.sh: fuzz-$target ($RUNS runs or $SECONDS_CAP s)"
    ASAN_OPTIONS=detect_leaks=$leaks SWIFT_BACKTRACE=enable=no nice -n 10 "$OUT/fuzz-$target" "$work" "fuzz/corpus/$target" \
        -runs="$RUNS" -max_total_time="$SECONDS_CAP" -max_len=8192 -timeout=10 -rss_limit_mb=$rss \
        -print_final_stats=1 -artifact_prefix="$OUT/crashes/$target-" "${extra[@]}" >"$log" 2>&1
    code=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    if [ $code -eq 0 ]; then verdict="no crash"; else verdict="CRASH (exit $code, see $log)"; status=1; fi
    summary+=("$(printf '%-7s %9s runs  %7s exec/s  %-10s %s' "$target" "${runs:-?}" "${rate:-?}" "${cov:-}" "$verdict")")
done
echo
echo "target      executions    speed      coverage   result"
printf '%s\n' "${summary[@]}"
exit $status
