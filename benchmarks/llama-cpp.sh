#!/usr/bin/env bash
# Builds llama.cpp once, as the engine benchmark's same-run anchor: the vendor/llama.cpp of the PyPI sdist
# llama-cpp-python==0.3.36 (a pinned version), configured for the instruction sets this CPU has (read from
# /proc/cpuinfo, not -march=native, so the choice is printed and repeatable). Cached under .build/llama.cpp;
# prints the folder holding llama-bench and llama-batched-bench.
set -euo pipefail

VERSION=0.3.36
root="${LLAMA_CPP_DIR:-.build/llama.cpp}"
bin="$root/build/bin"
if [ -x "$bin/llama-bench" ] && [ -x "$bin/llama-batched-bench" ]; then echo "$bin"; exit 0; fi

command -v cmake >/dev/null || { echo "cmake is missing: scripts/install-deps.sh --bench" >&2; exit 1; }
mkdir -p "$root"
sdist="$root/llama_cpp_python-$VERSION.tar.gz"
if [ ! -f "$sdist" ]; then
  # Binary build tools (scikit-build-core, cmake wheels) for pip's metadata step; the package itself as source.
  python3 -m pip download -q --no-deps --no-binary llama-cpp-python "llama-cpp-python==$VERSION" -d "$root" >&2
fi
if [ ! -d "$root/src" ]; then
  tar -xzf "$sdist" -C "$root" "llama_cpp_python-$VERSION/vendor/llama.cpp"
  mv "$root/llama_cpp_python-$VERSION/vendor/llama.cpp" "$root/src"
  rm -rf "$root/llama_cpp_python-$VERSION"
fi

flags=$(grep -m1 '^flags' /proc/cpuinfo)
has() { [[ " $flags " == *" $1 "* ]]; }
isa=(-DGGML_NATIVE=OFF)
for pair in avx:AVX avx2:AVX2 fma:FMA f16c:F16C bmi2:BMI2 avx512f:AVX512 avx512_vnni:AVX512_VNNI \
            avx512vbmi:AVX512_VBMI avx512_bf16:AVX512_BF16 avx_vnni:AVX_VNNI; do
  if has "${pair%%:*}"; then isa+=("-DGGML_${pair##*:}=ON"); fi
done
echo "llama.cpp $VERSION: cmake ${isa[*]}" >&2
cmake -S "$root/src" -B "$root/build" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DLLAMA_CURL=OFF \
  -DLLAMA_BUILD_SERVER=OFF -DLLAMA_BUILD_TESTS=OFF "${isa[@]}" >&2
cmake --build "$root/build" -j "$(nproc)" --target llama-bench llama-batched-bench >&2
echo "$bin"
