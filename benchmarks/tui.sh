#!/usr/bin/env bash
# Issue 6's TUI benchmarks against the real binary in tmux (1 stream drain, 5 input latency, 6 idle and start,
# 7 memory), as one markdown table. Details of each run go to standard error. SYNTHPAD=path picks the binary
# (default .build/debug/synthpad); each script cleans up after itself and takes under a minute.
set -uo pipefail
cd "$(dirname "$0")"
echo "| figure | measured | ratio / baseline | target |"
echo "|---|---|---|---|"
failed=()
for bench in tui-drain tui-latency tui-idle tui-memory; do
  ./"$bench".sh || failed+=("$bench")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed: ${failed[*]}" >&2
  exit 1
fi
