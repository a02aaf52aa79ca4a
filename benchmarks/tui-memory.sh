#!/usr/bin/env bash
# Issue 6, benchmark 7: peak resident memory (VmHWM in /proc/PID/status).
#  - The playground after 1 MiB of streamed output, on the python stream server (--url: no model in the process),
#    against the same process's peak once idle before the stream.
#  - `synthpad serve` with the model loaded and one completion run (so every weight has been read), against the
#    size of the GGUF file.
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

model="${SYNTHPAD_MODEL:-${XDG_CACHE_HOME:-$HOME/.cache}/synthpad/models/SmolLM2-135M-Instruct.Q4_1.gguf}"
if [ ! -f "$model" ]; then
  echo "tui-memory: no model at $model; the serve row is skipped" >&2
  exit 0
fi
XDG_STATE_HOME="$WORK/state" XDG_CONFIG_HOME="$WORK/config" "$BIN" serve --port 0 --model "$model" 2>"$WORK/serve.err" >/dev/null &
BACKGROUND+=($!)
serve_pid=$!
for _ in $(seq 1 300); do grep -q "serving on" "$WORK/serve.err" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$WORK/serve.err" | head -1)
[ -n "$url" ] || { echo "synthpad serve did not start:" >&2; cat "$WORK/serve.err" >&2; exit 1; }
loaded_kib=$(status_kib "$serve_pid" VmHWM)
curl -fsN "$url/v1/engines/smollm2_135M/completions" -H 'Content-Type: application/json' \
  -d '{"prompt": "Once upon a time", "max_tokens": 32, "stream": true}' >/dev/null
serve_kib=$(status_kib "$serve_pid" VmHWM)
gguf_bytes=$(stat -c %s "$model")
awk -v p="$serve_kib" -v l="$loaded_kib" -v g="$gguf_bytes" -v m="$MIB" 'BEGIN {
  printf "| synthpad serve peak RSS, model loaded + one completion (%.1f MiB before it) | %.1f MiB | %.2f× the GGUF file (%.1f MiB) | ≤ 1.5× |\n",
    l / m, p / m, p * 1024 / g, g / 1048576
}'
