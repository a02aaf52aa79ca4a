#!/usr/bin/env bash
# System packages synthpad needs on Debian 12: libcurl, ncursesw, libjpeg-turbo and chafa headers to build, libcld2
# (language detection), Apertium and its language pairs for offline translation, tmux for the end-to-end tests, python's gguf/tokenizers for the
# reference tests (--test), cmake to build llama.cpp for `make bench-engine` (--bench). Installs only what is
# missing; needs root (or sudo) the first time.
set -euo pipefail

APT_PACKAGES=(
  libcurl4-openssl-dev libncursesw5-dev pkg-config
  libcld2-dev                      # language detection for the translation server's source_lang "auto"
  libturbojpeg0-dev libchafa-dev libglib2.0-dev   # image previews: JPEG decoding, drawing (chafa.pc needs glib's)
  apertium
  # Apertium's language pairs in Debian 12, every one that installs cleanly and translates (transitional dummies left
  # out; apertium-eo-ca and apertium-eo-es install but their modes miss files and fail): the local engine translates
  # through them and pivots between them (README, "Offline translation").
  apertium-eng-spa apertium-fr-es apertium-eo-en apertium-eo-fr apertium-es-pt
  apertium-afr-nld apertium-arg-cat apertium-bel-rus apertium-br-fr apertium-cat-ita apertium-cat-srd
  apertium-dan-nor apertium-en-gl apertium-eng-cat apertium-es-gl apertium-es-ro
  apertium-eu-en apertium-eu-es apertium-fra-cat apertium-fra-frp apertium-hbs-eng apertium-hbs-mkd apertium-hbs-slv
  apertium-ind-zlm apertium-isl-eng apertium-isl-swe apertium-mkd-bul apertium-mkd-eng apertium-nno-nob
  apertium-oc-ca apertium-oc-es apertium-oci-fra apertium-pol-szl apertium-por-cat apertium-pt-gl apertium-rus-ukr
  apertium-spa-arg apertium-spa-ast apertium-spa-cat apertium-spa-ita apertium-srd-ita apertium-swe-dan
  apertium-swe-nor apertium-urd-hin
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
