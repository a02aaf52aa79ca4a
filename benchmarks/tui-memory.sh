#!/usr/bin/env bash
# Issue 6, benchmark 7: peak resident memory (VmHWM in /proc/PID/status).
#  - The playground after 1 MiB of streamed output, on the python stream server (--url: no model in the process),
#    against the same process's peak once idle before the stream.
#  (`synthpad serve`'s peak against its GGUF file is benchmarks/serve-memory.sh, `make bench-serve-memory`.)
#   TEXT_BYTES=1048576 SYNTHPAD=.build/release/synthpad benchmarks/tui-memory.sh
source "$(dirname "$0")/tui-common.sh"
TEXT_BYTES=${TEXT_BYTES:-1048576}
MARKER="ZZ-END-OF-MEMORY-ZZ"
MIB=1024   # KiB per MiB

# The synthpad process of a pane (the pane's shell may or may not have exec'd it).
app_pid() {
  local pid
  pid=$(pane_pid "$1")
  while [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != "synthpad" ]; do
    pid=$(pgrep -P "$pid" | head -1) || { echo "no synthpad process in pane $1" >&2; exit 1; }
  done
  echo "$pid"
}

start_stream_server --text-bytes "$TEXT_BYTES" --marker "$MARKER"
write_session 1000000 "go"
new_pane ui "$(tui_env) $(printf %q "$BIN") --url $STREAM_URL"
wait_for ui "1/2048 tokens" 30
wait_for ui "idle" 30
pid=$(app_pid ui)
idle_kib=$(status_kib "$pid" VmHWM)
tm send-keys -t ui F5
wait_for ui "$MARKER" 120
wait_for ui "idle" 30
sleep 0.5   # the autosave of the 1 MiB output comes a moment after the end
peak_kib=$(status_kib "$pid" VmHWM)
rss_kib=$(status_kib "$pid" VmRSS)
tm kill-session -t ui
awk -v p="$peak_kib" -v i="$idle_kib" -v r="$rss_kib" -v m="$MIB" -v b="$TEXT_BYTES" 'BEGIN {
  printf "| TUI peak RSS after %.1f MiB of streamed output (--url, no model; now %.1f MiB) | %.1f MiB | %.2f× its idle peak (%.1f MiB) | < 30 MB |\n",
    b / 1048576, r / m, p / m, p / i, i / m
}'
