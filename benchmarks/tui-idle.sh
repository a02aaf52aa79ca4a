#!/usr/bin/env bash
# Issue 6, benchmark 6: what an idle playground costs, and how fast it starts.
#  - Start: tmux new-session → the playground's first screen in capture-pane, against the same for `sh` printing a
#    word (the baseline: tmux, the wrapper, a process start and the polling itself); plus exec → first frame painted from the
#    app's SYNTHPAD_FRAME_LOG (monotonic clock; a python wrapper stamps the time just before exec).
#  - Idle: strace -f (every thread) attached to the idle playground for IDLE_SECONDS; counts completed waits
#    (poll/epoll/select/futex/sleeps: each one a wake-up) and all syscalls, by thread name. Two backends: --url on
#    the python stream server (nothing but the TUI and libcurl's threads), and the embedded local engine (its HTTP
#    server and worker pool live in the same process; the credits refresh "every minute while visible" is a
#    legitimate wake-up, at most one in 10 s). Note: libdispatch on Linux runs its own 1 Hz workqueue monitor on
#    the manager thread (_dispatch_workq_monitor_pools) in every process that uses it, so ~1 wake-up per second
#    there is the floor an app built on Swift concurrency can reach.
#   IDLE_SECONDS=10 RUNS=3 SYNTHPAD=.build/release/synthpad benchmarks/tui-idle.sh
source "$(dirname "$0")/tui-common.sh"
IDLE_SECONDS=${IDLE_SECONDS:-10}
RUNS=${RUNS:-3}
command -v strace >/dev/null || { echo "strace is not installed" >&2; exit 1; }

start_stream_server --tokens 10
STAMP='import os, sys, time
open(sys.argv[1], "w").write(str(time.monotonic_ns()))
os.execv(sys.argv[2], sys.argv[2:])'

# start_once NAME BACKEND_ARGS...: prints "µs-to-screen ns-exec-to-first-frame"; leaves the pane running.
start_once() {
  local name=$1 t0 t1 first stamp
  shift
  write_session 100 "go"
  rm -f "$WORK/$name.log" "$WORK/$name.stamp"
  t0=$(now_us)
  new_pane "$name" "SYNTHPAD_FRAME_LOG=$WORK/$name.log $(tui_env) python3 -c $(printf %q "$STAMP") $WORK/$name.stamp \
    $(printf %q "$BIN") $*"
  wait_for "$name" "Prompt" 60
  t1=$(now_us)
  first=$(awk '$1 == "frame" { print $2; exit }' "$WORK/$name.log")
  stamp=$(cat "$WORK/$name.stamp")
  echo "$(( t1 - t0 )) $(( first - stamp ))"
}

baseline_once() {
  local t0 t1
  t0=$(now_us)
  # Through the same exec-stamping wrapper, so both sides pay for the python start.
  new_pane "sh$1" "python3 -c $(printf %q "$STAMP") $WORK/sh.stamp /bin/sh -c 'echo READY; exec sleep 600'"
  wait_for "sh$1" "READY" 10
  t1=$(now_us)
  tm kill-session -t "sh$1"
  echo $(( t1 - t0 ))
}

# idle_wakeups NAME LABEL [PID]: strace the pane's process (or PID) for IDLE_SECONDS; prints a table row, details
# on stderr.
idle_wakeups() {
  local pid out
  pid=${3:-$(pane_pid "$1")}
  out="$WORK/$1.strace"
  for task in /proc/"$pid"/task/*; do echo "${task##*/} $(cat "$task/comm")"; done >"$WORK/$1.threads"
  timeout -s INT "$IDLE_SECONDS" strace -f -qq -p "$pid" -o "$out" 2>/dev/null || true
  python3 - "$out" "$WORK/$1.threads" "$2" "$IDLE_SECONDS" <<'EOF'
import re, sys
from collections import Counter
trace, threads, label, seconds = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
# Linux keeps the last 15 characters of libdispatch's thread names; say what those threads are.
READABLE = {"-qos.overcommit": "dispatch manager", "oot.default-qos": "dispatch workers"}
names = {tid: READABLE.get(name, name)
         for tid, name in (line.rstrip("\n").split(" ", 1) for line in open(threads))}
WAITS = {"poll", "ppoll", "epoll_wait", "epoll_pwait", "epoll_pwait2", "select", "pselect6", "nanosleep",
         "clock_nanosleep", "restart_syscall"}
wakeups, calls, kinds = Counter(), Counter(), Counter()
per_tid = {}
pending = {}  # tid → the first half of a call another thread's line interrupted
for line in open(trace):
    tid, rest = line.split(" ", 1)
    rest = rest.strip()
    if rest.startswith(("+++", "---")):
        continue  # a signal or an exit
    if rest.endswith("<unfinished ...>"):
        pending[tid] = rest  # counted when it completes
        continue
    m = re.match(r"<\.\.\. (\w+) resumed>", rest) or re.match(r"(\w+)\(", rest)
    if not m:
        continue
    rest = pending.pop(tid, "") + rest
    name = m.group(1)
    thread = names.get(tid, "thread " + tid)
    calls[thread] += 1
    kinds[name] += 1
    per_tid.setdefault(f"{thread}[{tid}]", Counter())[name] += 1
    # A poll with a zero timeout that found nothing did not sleep, so it is no wake-up.
    polled = name in WAITS and not re.search(r", 0\) += 0$", rest)
    if polled or (name == "futex" and "FUTEX_WAIT" in rest):
        wakeups[thread] += 1
total_wakeups, total_calls = sum(wakeups.values()), sum(calls.values())
by_thread = ", ".join(f"{t} {n}" for t, n in wakeups.most_common()) or "none"
print(f"tui-idle {label}: {total_calls} syscalls ({', '.join(f'{k} {n}' for k, n in kinds.most_common())}); "
      f"wake-ups by thread: {by_thread}", file=sys.stderr)
for thread, counts in per_tid.items():
    print(f"  {thread}: {', '.join(f'{k} {n}' for k, n in counts.most_common())}", file=sys.stderr)
print(f"| idle wake-ups in {seconds} s, {label} | {total_wakeups} wake-ups, {total_calls} syscalls "
      f"({by_thread}) | count | 0 |")
EOF
}

: >"$WORK/baseline.us"
: >"$WORK/start.txt"
for run in $(seq 1 "$RUNS"); do
  baseline_once "$run" >>"$WORK/baseline.us"
  start_once "url$run" --url "$STREAM_URL" >>"$WORK/start.txt"
  [ "$run" = "$RUNS" ] || tm kill-session -t "url$run"
done
wait_for "url$RUNS" "idle" 30
base_us=$(median <"$WORK/baseline.us")
screen_us=$(cut -d' ' -f1 "$WORK/start.txt" | median)
frame_ns=$(cut -d' ' -f2 "$WORK/start.txt" | median)
echo "tui-idle start runs: sh $(tr '\n' ' ' <"$WORK/baseline.us")µs | synthpad (µs to screen, ns exec→frame) $(tr '\n' ' ' <"$WORK/start.txt")" >&2
awk -v s="$screen_us" -v b="$base_us" -v f="$frame_ns" -v runs="$RUNS" 'BEGIN {
  printf "| start → first screen, --url backend (median of %d) | %.0f ms (exec → first frame %.0f ms) | %.1f× sh started the same way (%.0f ms) | — |\n",
    runs, s / 1e3, f / 1e6, s / b, b / 1e3
}'

sleep 1   # let the start settle (the prompt's tokenize answer, the first autosave)
idle_wakeups "url$RUNS" "--url backend (python server)"
tm kill-session -t "url$RUNS"

model="${XDG_CACHE_HOME:-$HOME/.cache}/synthpad/models/SmolLM2-135M-Instruct.Q4_1.gguf"
if [ -f "${SYNTHPAD_MODEL:-$model}" ]; then
  start_once local --backend local >"$WORK/local.txt"
  read -r local_us local_ns <"$WORK/local.txt"
  wait_for local "idle" 60
  awk -v s="$local_us" -v b="$base_us" -v f="$local_ns" 'BEGIN {
    printf "| start → first screen, embedded local engine (model load included) | %.0f ms (exec → first frame %.0f ms) | %.1f× sh started the same way (%.0f ms) | — |\n",
      s / 1e3, f / 1e6, s / b, b / 1e3
  }'
  sleep 1
  # The TUI runs the engine as a child `synthpad serve`: the playground process and the engine are counted apart.
  idle_wakeups local "embedded local engine: the playground process"
  engine=$(pgrep -P "$(pane_pid local)" | head -1)
  [ -n "$engine" ] && idle_wakeups engine "embedded local engine: its engine child (HTTP server)" "$engine"
else
  echo "tui-idle: no model at $model; the local engine's rows are skipped" >&2
fi
