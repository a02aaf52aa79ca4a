# Shared by benchmarks/tui-*.sh (sourced, not run): the binary, a scratch folder, a private tmux server,
# the streaming test server, and a cleanup that runs however the script ends.
#
# SYNTHPAD=path picks the binary (default .build/debug/synthpad). Every TUI runs in a 120×40 pane of a tmux
# server on its own socket (-L), with XDG_* dirs in the scratch folder, so nothing of the user's is read or written.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BIN=${SYNTHPAD:-.build/debug/synthpad}
if [ ! -x "$BIN" ]; then
  echo "synthpad is not built at $BIN (run swift build, or set SYNTHPAD=path)" >&2
  exit 1
fi
BIN=$(realpath "$BIN")
command -v tmux >/dev/null || { echo "tmux is not installed" >&2; exit 1; }

WORK=$(mktemp -d -t synthpad-bench.XXXXXX)
SOCKET="synthpad-bench-$$"
COLUMNS_=120
ROWS_=40
BACKGROUND=()   # pids of servers this script started

bench_cleanup() {
  tmux -L "$SOCKET" kill-server 2>/dev/null || true
  local pid
  for pid in "${BACKGROUND[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM HUP

tm() { tmux -L "$SOCKET" "$@"; }

# Starts benchmarks/stream-server.py with the given options and sets STREAM_URL.
start_stream_server() {
  rm -f "$WORK/port"
  python3 benchmarks/stream-server.py --port-file "$WORK/port" "$@" >/dev/null 2>&1 &
  BACKGROUND+=($!)
  local _
  for _ in $(seq 1 100); do [ -s "$WORK/port" ] && break; sleep 0.05; done
  [ -s "$WORK/port" ] || { echo "the stream server did not start" >&2; exit 1; }
  STREAM_URL="http://127.0.0.1:$(cat "$WORK/port")"
}

# A saved session, so the playground opens with a prompt and max_tokens already set (the TUI does not read
# [parameters] from the config; a session file is what it restores).
write_session() {  # max_tokens prompt
  mkdir -p "$WORK/state/synthpad" "$WORK/config"
  cat >"$WORK/state/synthpad/session.json" <<EOF
{"version": 1, "backend": "url", "engine": "gptj_6B", "prompt": "$2",
 "parameters": {"max_tokens": $1, "temperature": 1, "top_k": 40, "top_p": 0.9, "typical_p": 1, "n": 1, "seed": 0,
                "presence_penalty": 0, "frequency_penalty": 0, "repetition_penalty": 1},
 "boosteLength": 5, "boosteTemperature": 0.8, "boosteWindowMax": 100, "biasWords": {}, "outputs": [], "selectedOutput": 0}
EOF
}

# The environment every TUI under test gets: scratch XDG dirs and a known terminal type.
tui_env() {
  printf 'env XDG_CONFIG_HOME=%q XDG_STATE_HOME=%q XDG_CACHE_HOME=%q TERM=tmux-256color' \
    "$WORK/config" "$WORK/state" "${XDG_CACHE_HOME:-$HOME/.cache}"
}

# new_pane NAME COMMAND: a detached 120×40 session running COMMAND (a shell string).
new_pane() {
  # Chained in one client call, so the pane is kept (with its last screen) even if COMMAND ends at once.
  tm -f /dev/null new-session -d -x "$COLUMNS_" -y "$ROWS_" -s "$1" "$2" \; set-option -t "$1" remain-on-exit on >/dev/null
}

screen_of() { tm capture-pane -p -t "$1" 2>/dev/null || true; }

# wait_for NAME TEXT [TIMEOUT_S]: polls the pane every 10 ms until TEXT shows; fails after the timeout.
wait_for() {
  local deadline=$(( ${EPOCHREALTIME/./} + ${3:-30} * 1000000 ))
  until screen_of "$1" | grep -qF -- "$2"; do
    if (( ${EPOCHREALTIME/./} > deadline )); then
      echo "timed out waiting for \"$2\" in pane $1:" >&2
      screen_of "$1" >&2
      return 1
    fi
    sleep 0.01
  done
}

pane_pid() { tm display-message -p -t "$1" '#{pane_pid}'; }

# Microseconds of the wall clock; differences of these are the figures (ratios against a baseline in the same run).
now_us() { echo "${EPOCHREALTIME/./}"; }

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# /proc/PID/status field in KiB (VmHWM, VmRSS).
status_kib() { awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status"; }
