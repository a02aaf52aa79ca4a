#!/usr/bin/env bash
# How much longer do N concurrent completions take than one alone, on the local engine? (issue 5: compare's columns)
# Starts `synthpad serve` on a free loopback port, times one completion of TOKENS tokens, then N at once, and prints
# the ratio of the wall times (1.0 = perfect batching, N = no batching at all). End-of-text is banned through
# logit_bias so every completion has exactly TOKENS tokens. ROUNDS interleaved rounds (one, then N) limit the noise of
# a shared machine: the median and best ratios are printed.
#   SHARED=1: every column gets the same prompt, as the compare screen sends it (a paragraph of ~100 tokens, new
#   each round so no kept cache helps); the default gives each column its own short prompt.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-4}
TOKENS=${TOKENS:-64}
ROUNDS=${ROUNDS:-5}
BIN=${SYNTHPAD:-.build/release/synthpad}
[ -x "$BIN" ] || BIN=.build/debug/synthpad
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
state=$(mktemp -d)
XDG_STATE_HOME="$state" "$BIN" serve --port "$PORT" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$state"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/v1/engines" >/dev/null 2>&1 && break; sleep 0.1; done

PARAGRAPH="The lighthouse keeper had kept the lamp burning for forty years. Every evening he climbed the hundred and \
twelve steps, trimmed the wick, polished the great lens and wrote the weather in a leather book. Ships passed in the \
night and never knew his name. One winter a storm tore the roof from the cottage below, and in the morning"
# complete SEED PROMPT_KEY: one streamed completion; the prompt is the column's own, or (SHARED=1) the round's.
complete() {
  local prompt="Column $1: once upon a time"
  [ "${SHARED:-0}" = 1 ] && prompt="Story $2. $PARAGRAPH"
  curl -fsN "http://127.0.0.1:$PORT/v1/engines/smollm2_135M/completions" -H 'Content-Type: application/json' \
    -d "{\"prompt\": \"$prompt\", \"max_tokens\": $TOKENS, \"seed\": $((1 + $1)), \"stream\": true,
         \"logit_bias\": {\"0\": -100, \"2\": -100}}" >/dev/null
}
now() { echo "$EPOCHREALTIME"; }

complete 0 warm-up   # page in the model
ratios=()
for round in $(seq 1 "$ROUNDS"); do
  t0=$(now); complete 1 "$round-alone"; t1=$(now)
  one=$(awk "BEGIN { print $t1 - $t0 }")
  t0=$(now)
  pids=()
  for i in $(seq 1 "$N"); do complete "$i" "$round-together" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p"; done
  t1=$(now)
  many=$(awk "BEGIN { print $t1 - $t0 }")
  ratio=$(awk "BEGIN { print $many / $one }")
  ratios+=("$ratio")
  printf 'round %d: 1 × %d tokens %.2f s; %d × %d tokens %.2f s; ratio %.2f\n' \
    "$round" "$TOKENS" "$one" "$N" "$TOKENS" "$many" "$ratio"
done
sorted=$(printf '%s\n' "${ratios[@]}" | sort -g)
median=$(echo "$sorted" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
best=$(echo "$sorted" | head -1)
what="its own short prompt each"; [ "${SHARED:-0}" = 1 ] && what="one ~100-token prompt, as compare sends it"
printf '| %d concurrent columns vs 1 (%s, %d tokens each, %d rounds) | median %.2f×, best %.2f× | ≤ 1.5× |\n' \
  "$N" "$what" "$TOKENS" "$ROUNDS" "$median" "$best"
