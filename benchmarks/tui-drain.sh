#!/usr/bin/env bash
# Issue 6, benchmark 1: how long the playground takes to show a 100,000-token stream, against curl -N printing the
# same stream into an identical tmux pane. A local server (stream-server.py) sends the whole stream as fast as the
# socket takes it, in TextSynth's wire format; its last token is a marker. Each run starts with a key press (F5 in
# synthpad, Enter in a shell that then runs curl) and ends when the marker shows in capture-pane (polled every
# 10 ms). Runs alternate; the figure is the ratio of the medians.
#   TOKENS=100000 RUNS=3 SYNTHPAD=.build/release/synthpad benchmarks/tui-drain.sh
source "$(dirname "$0")/tui-common.sh"
TOKENS=${TOKENS:-100000}
RUNS=${RUNS:-3}
MARKER="ZZ-END-OF-DRAIN-ZZ"

start_stream_server --tokens "$TOKENS" --marker "$MARKER"

time_synthpad() {  # run number; prints microseconds
  local name="sp$1" t0 t1
  write_session "$TOKENS" "go"   # fresh each run: the app saves its last output, marker included
  new_pane "$name" "SYNTHPAD_FRAME_LOG=$WORK/$name.log $(tui_env) $(printf %q "$BIN") --url $STREAM_URL"
  wait_for "$name" "1/2048 tokens" 30 && wait_for "$name" "idle" 30
  t0=$(now_us)
  tm send-keys -t "$name" F5
  wait_for "$name" "$MARKER" 60
  t1=$(now_us)
  # Where the time went, from the app's side: its own stream stats line, and the frames it painted.
  wait_for "$name" "tok/s" 10 >/dev/null 2>&1 || true
  echo "tui-drain synthpad run $1: $(screen_of "$name" | grep -o '[0-9.]* tok/s' | head -1) by its stats line;" \
    "$(awk '$1 == "key" { k = 1 } k && $1 == "frame" { n++; c += $3 } END { printf "%d frames, %d cells painted after F5", n, c }' \
       "$WORK/$name.log")" >&2
  tm kill-session -t "$name"
  echo $(( t1 - t0 ))
}

time_curl() {
  local name="curl$1" t0 t1 body
  body='{"prompt": "go", "max_tokens": '"$TOKENS"', "stream": true}'
  # curl is not exec'd: when a pane's process exits, tmux may drop output still in the pty, the marker with it.
  new_pane "$name" "bash -c $(printf %q "echo ready; read -r _; curl -sN -X POST -H 'Content-Type: application/json' \
    -d '$body' $STREAM_URL/v1/engines/gptj_6B/completions; exec sleep 600")"
  wait_for "$name" "ready" 10
  t0=$(now_us)
  tm send-keys -t "$name" Enter
  wait_for "$name" "$MARKER" 60
  t1=$(now_us)
  tm kill-session -t "$name"
  echo $(( t1 - t0 ))
}

: >"$WORK/synthpad.us"
: >"$WORK/curl.us"
for run in $(seq 1 "$RUNS"); do
  time_curl "$run" >>"$WORK/curl.us"
  time_synthpad "$run" >>"$WORK/synthpad.us"
done
echo "tui-drain runs (µs): curl $(tr '\n' ' ' <"$WORK/curl.us")| synthpad $(tr '\n' ' ' <"$WORK/synthpad.us")" >&2
curl_us=$(median <"$WORK/curl.us")
synthpad_us=$(median <"$WORK/synthpad.us")
awk -v s="$synthpad_us" -v c="$curl_us" -v n="$TOKENS" -v runs="$RUNS" 'BEGIN {
  printf "| stream drain, %d tokens to the last one on screen (median of %d) | synthpad %.2f s | %.2f× curl -N (%.2f s) | ≤ 1.1× |\n",
    n, runs, s / 1e6, s / c, c / 1e6
}'
