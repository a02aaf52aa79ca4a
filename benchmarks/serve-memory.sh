#!/usr/bin/env bash
# Issue 16: peak resident memory of `synthpad serve` (VmHWM in /proc/PID/status) as a ratio to the size of the GGUF
# file it serves, after one completion (every weight read) and again after 4 concurrent ones (the server batches
# them: 4 KV caches and batch scratch), 64 tokens each, seeded so every run generates the same tokens. Prints a
# markdown table; the resident pages by mapping (the model, each library, the binary, anonymous memory) go to stderr.
#   SYNTHPAD=.build/release/synthpad SYNTHPAD_MODEL=path.gguf benchmarks/serve-memory.sh
set -euo pipefail
BIN=${SYNTHPAD:-.build/release/synthpad}
model="${SYNTHPAD_MODEL:-${XDG_CACHE_HOME:-$HOME/.cache}/synthpad/models/SmolLM2-135M-Instruct.Q4_1.gguf}"
[ -x "$BIN" ] || { echo "serve-memory: no executable $BIN (make release builds it)" >&2; exit 1; }
[ -f "$model" ] || { echo "serve-memory: no model at $model (make model fetches it)" >&2; exit 1; }

WORK=$(mktemp -d)
serve_pid=
cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

XDG_STATE_HOME="$WORK/state" XDG_CONFIG_HOME="$WORK/config" "$BIN" serve --port 0 --model "$model" \
  2>"$WORK/serve.err" >/dev/null &
serve_pid=$!
for _ in $(seq 1 300); do grep -q "serving on" "$WORK/serve.err" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$WORK/serve.err" | head -1)
[ -n "$url" ] || { echo "synthpad serve did not start:" >&2; cat "$WORK/serve.err" >&2; exit 1; }
engine=$(curl -fs "$url/v1/engines" | grep -o '"id": *"[^"]*"' | head -1 | sed 's/.*"\([^"]*\)"$/\1/')

kib() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$serve_pid/status"; }
complete() {
  curl -fs "$url/v1/engines/$engine/completions" -H 'Content-Type: application/json' \
    -d "{\"prompt\": \"$1\", \"max_tokens\": 64, \"seed\": 1}" >/dev/null
}

loaded=$(kib VmHWM)
complete "Once upon a time"
one=$(kib VmHWM)
pids=()
for prompt in "The weather today" "My favourite recipe" "In the year 2050" "Dear diary,"; do
  complete "$prompt" & pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
four=$(kib VmHWM)
now=$(kib VmRSS)

# Resident KiB by what is mapped: the model, each file (libraries, the binary), [heap], anonymous, the rest.
awk -v model="$model" '
  /^[0-9a-f]+-[0-9a-f]+ / { name = $6; for (i = 7; i <= NF; i++) name = name " " $i
                            if (name == model) name = "the model (GGUF, mmapped)"; else if (name == "") name = "anonymous" }
  $1 == "Rss:" { rss[name] += $2 }
  END { for (n in rss) if (rss[n] >= 512) printf "%8.1f MiB  %s\n", rss[n] / 1024, n }
' "/proc/$serve_pid/smaps" | sort -rn >&2
awk '$1 == "Rss:" { total += $2 } END { printf "%8.1f MiB  total now (smaps)\n", total / 1024 }' "/proc/$serve_pid/smaps" >&2
echo "serving process: $(readlink "/proc/$serve_pid/exe")" >&2

gguf=$(stat -c %s "$model")
echo "| figure | measured | ratio / baseline | target |"
echo "|---|---|---|---|"
awk -v l="$loaded" -v o="$one" -v f="$four" -v n="$now" -v g="$gguf" 'BEGIN {
  gm = g / 1048576
  printf "| synthpad serve peak RSS, model loaded (before any request) | %.1f MiB | %.2f× the GGUF file (%.1f MiB) | — |\n", l / 1024, l * 1024 / g, gm
  printf "| synthpad serve peak RSS, one completion of 64 tokens | %.1f MiB | **%.2f×** the GGUF file | ≤ 1.5× |\n", o / 1024, o * 1024 / g
  printf "| synthpad serve peak RSS, then 4 concurrent completions (now %.1f MiB) | %.1f MiB | **%.2f×** the GGUF file | ≤ 1.5× |\n", n / 1024, f / 1024, f * 1024 / g
}'
