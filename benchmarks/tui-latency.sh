#!/usr/bin/env bash
# Issue 6, benchmark 5: key-to-frame latency while a 1,000 tok/s stream renders. The playground runs with
# SYNTHPAD_FRAME_LOG (see Sources/TerminalBackend/FrameLog.swift), which logs the monotonic time of every terminal
# read that brought keys and of every painted frame. Keys (Left/Right in the prompt: they move the cursor, nothing
# else) go in through tmux send-keys at random 20–80 ms intervals, first with nothing running (the baseline), then
# during the stream. Latency = key read → the next frame painted (the frame that shows the key).
#   IDLE_KEYS=40 LOAD_KEYS=150 RATE=1000 SYNTHPAD=.build/release/synthpad benchmarks/tui-latency.sh
source "$(dirname "$0")/tui-common.sh"
IDLE_KEYS=${IDLE_KEYS:-40}
LOAD_KEYS=${LOAD_KEYS:-150}
RATE=${RATE:-1000}
LOG="$WORK/frames.log"

# Long enough to outlast the keys (they take ~60-80 ms each with send-keys' own cost); Escape ends it early.
TOKENS=$(( (LOAD_KEYS / 10 + 10) * RATE ))
start_stream_server --tokens "$TOKENS" --rate "$RATE"
write_session "$TOKENS" "go"
new_pane ui "SYNTHPAD_FRAME_LOG=$LOG $(tui_env) $(printf %q "$BIN") --url $STREAM_URL"
wait_for ui "1/2048 tokens" 30
wait_for ui "idle" 30

send_keys() {  # count
  local i
  for i in $(seq 1 "$1"); do
    if (( i % 2 )); then tm send-keys -t ui Left; else tm send-keys -t ui Right; fi
    sleep "0.0$(( RANDOM % 60 + 20 ))"
  done
}

# The script's marks share the app's log (both append whole lines), so they split it into phases.
echo "mark idle" >>"$LOG"
send_keys "$IDLE_KEYS"
sleep 0.2
echo "mark start" >>"$LOG"
tm send-keys -t ui F5
wait_for ui "streaming" 10
sleep 0.5   # well into the stream
echo "mark load" >>"$LOG"
send_keys "$LOAD_KEYS"
sleep 0.2
echo "mark end" >>"$LOG"
screen_of ui | grep -q "streaming" || echo "warning: the stream ended before the keys did; raise TOKENS" >&2
tm send-keys -t ui Escape

python3 - "$LOG" "$RATE" <<'EOF'
import sys

phase, keys, frames = None, {"idle": [], "load": []}, {"idle": [], "load": []}
for line in open(sys.argv[1]):
    kind, *rest = line.split()
    if kind == "mark":
        phase = rest[0] if rest[0] in keys else None
    elif phase and kind == "key":
        keys[phase].append(int(rest[0]))
    elif phase and kind == "frame":
        frames[phase].append(int(rest[0]))

def latencies(phase):
    """ms from each key read to the first frame painted at or after it, in the same phase."""
    result, j, fs = [], 0, frames[phase]
    for k in keys[phase]:
        while j < len(fs) and fs[j] < k:
            j += 1
        if j < len(fs):
            result.append((fs[j] - k) / 1e6)
    return sorted(result)

def pct(values, p):
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")

idle, load = latencies("idle"), latencies("load")
span = (frames["load"][-1] - frames["load"][0]) / 1e9 if len(frames["load"]) > 1 else float("nan")
fps = (len(frames["load"]) - 1) / span if span == span and span > 0 else float("nan")
print(f"tui-latency: {len(idle)} idle keys, {len(load)} keys under load ({len(keys['load'])} reads), "
      f"{fps:.0f} frames/s while streaming; load max {max(load, default=float('nan')):.2f} ms", file=sys.stderr)
rate = int(float(sys.argv[2]))
for p, target in ((50, "—"), (99, "< 5 ms")):
    a, b = pct(load, p), pct(idle, p)
    print(f"| key→frame latency p{p}, {rate:,} tok/s streaming ({len(load)} keys) | {a:.2f} ms | "
          f"{a / b:.1f}× idle p{p} ({b:.2f} ms) | {target} |")
EOF
