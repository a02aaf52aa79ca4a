#!/usr/bin/env bash
# System packages synthpad needs on Debian 12: libcurl, ncursesw, libjpeg-turbo and chafa headers to build, Apertium and its
# language pairs for offline translation, tmux for the end-to-end tests, python's gguf/tokenizers for the
# reference tests (--test), cmake to build llama.cpp for `make bench-engine` (--bench). Installs only what is
# missing; needs root (or sudo) the first time.
set -euo pipefail

APT_PACKAGES=(
  libcurl4-openssl-dev libncursesw5-dev pkg-config
  libturbojpeg0-dev libchafa-dev libglib2.0-dev   # image previews: JPEG decoding, drawing (chafa.pc needs glib's)
  apertium apertium-eng-spa apertium-fr-es apertium-eo-en apertium-eo-fr apertium-es-pt
  tmux python3 python3-pip unzip
  curl strace                      # the benchmarks: curl is the drain baseline, strace counts idle wake-ups
)
PY_TEST_PACKAGES=(gguf==0.19.0 tokenizers==0.23.3 numpy openai==3.51.0)
BENCH_APT_PACKAGES=(cmake g++)   # llama.cpp, the engine benchmark's same-run anchor
if [ "${1:-}" = "--bench" ]; then APT_PACKAGES+=("${BENCH_APT_PACKAGES[@]}"); fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

if [ "${1:-}" = "--test" ]; then
  if ! python3 -c "import gguf, tokenizers, numpy, openai" 2>/dev/null; then
    echo "deps: installing python test packages ${PY_TEST_PACKAGES[*]}"
    python3 -m pip install -q "${PY_TEST_PACKAGES[@]}" 2>/dev/null \
      || python3 -m pip install -q --break-system-packages "${PY_TEST_PACKAGES[@]}"
  fi
fi
